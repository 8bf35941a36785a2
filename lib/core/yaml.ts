import type * as YamlLibrary from 'yaml';
import { remembered } from './collections';

// The general YAML library is loaded on the first unusual string only: it costs tens of
// milliseconds at import, and most manifests never need it.
let library: typeof YamlLibrary | undefined;
function yamlLibrary(): typeof YamlLibrary {
  library ??= require('yaml') as typeof YamlLibrary;
  return library;
}

/**
 * A YAML emitter for JSON data (what manifests are): block style, two-space indent, keys in the
 * given order, and the same bytes as cdk8s's emitter (the `yaml` library in YAML 1.1 mode) except
 * where that would change the data for some reader:
 *
 * - common strings are written plain on a fast path when no YAML 1.1 (Go: kubectl, Argo CD,
 *   Flux) or 1.2 parser could read them as anything but the same string;
 * - other strings are rendered as cdk8s renders them (quoted, or `|` blocks), unless the result
 *   would be a plain scalar that a YAML 1.1 parser reads as a number or boolean (`0o17`,
 *   `0_x1F`, `1e1_0`), or does not read back as the same string (a `|+` block whose line is
 *   only spaces): those are double-quoted;
 * - a multi-line string whose first non-empty line starts with a tab is double-quoted: as a
 *   block scalar (cdk8s's form) Go's YAML parser cannot read it;
 * - strings with characters that YAML 1.1 reads as line breaks (NEL, LS, PS) or that are not
 *   printable (DEL, C1 controls, U+FFFE, U+FFFF) are double-quoted with `\u` escapes; a lone
 *   surrogate cannot be written at all and is an error.
 */

const SAFE = /^[A-Za-z0-9_/.-][A-Za-z0-9 _./@%+=:,-]*$/;
// Scalars a YAML 1.1 or 1.2 parser may resolve to a non-string: booleans, nulls, numbers
// (including 1.1 octal, binary, hex and sexagesimal forms, and Go's forms with "_" and an
// upper-case base prefix), infinities and timestamps.
const SPECIAL_WORD = /^(y|n|yes|no|on|off|true|false|null|nan|inf|~)$/i;
const NUMBER_LIKE = [
  /^[-+]?[0-9]+$/,
  /^[-+]?([0-9]+)?\.[0-9]*([eE][-+]?[0-9]+)?$/,
  /^[-+]?[0-9]+[eE][-+]?[0-9]+$/,
  /^[-+]?[0-9]+(:[0-5]?[0-9])+(\.[0-9]*)?$/,
  /^[-+]?0[xob][0-9a-f.p+-]*$/i,
  // The `yaml` library's YAML 1.1 float, looser than the spec's: it reads `e0` as NaN.
  /^[-+]?[0-9]*\.?[0-9]*([eE][-+]?[0-9]+)?$/,
];
const DOT_SPECIAL = /^[-+]?\.(inf|nan)$/i;
const TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/;
/** Characters YAML 1.1 reads as line breaks, and characters no YAML version allows raw. */
const MUST_ESCAPE = /[\u007f-\u009f\u2028\u2029\ufffe\uffff]/;
const MUST_ESCAPE_ALL = new RegExp(MUST_ESCAPE.source, 'g');
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether a plain scalar `s` could be read as something other than the string `s`. */
function ambiguous(s: string): boolean {
  const digits = s.replace(/_/g, '');
  return SPECIAL_WORD.test(s) || DOT_SPECIAL.test(s) || TIMESTAMP.test(s) || NUMBER_LIKE.some((r) => r.test(digits));
}

function isPlainSafe(s: string): boolean {
  return SAFE.test(s)
    && s !== '-' && !s.startsWith('- ') && !s.startsWith('---') && !s.startsWith('...')
    && !s.endsWith(' ') && !s.endsWith(':') && !s.includes(': ') && !s.includes(' #') && !s.includes('  ')
    && !ambiguous(s);
}

/** A double-quoted scalar: JSON escapes, plus `\u` escapes for what YAML 1.1 would change. */
function doubleQuoted(s: string): string {
  return JSON.stringify(s).replace(MUST_ESCAPE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const OPTIONS = { keepUndefined: true, lineWidth: 0, version: '1.1' as const };
const rendered = new Map<string, string[]>();

/**
 * A string the fast path does not cover, as cdk8s writes it: the first line (after `key: ` or
 * `- `) and the lines of a block scalar, indented by two (empty lines stay empty).
 */
function libraryScalar(s: string): string[] {
  return remembered(rendered, s, libraryForm, 10000);
}

function libraryForm(s: string): string[] {
  const { parse, stringify } = yamlLibrary();
  const text = stringify({ k: s }, OPTIONS);
  const out = text.slice(3, -1).split('\n');
  const plain = !/^["'|>]/.test(out[0]);
  // Where the library's form would be read back as another string (or as a number), write
  // the one form every reader agrees on.
  const readsBack = (['1.1', '1.2'] as const).every((version) => parse(text, { version })?.k === s);
  return !readsBack || tabIndented(out) || (plain && (out.length > 1 || ambiguous(s))) ? [doubleQuoted(s)] : out;
}

/**
 * Whether a block scalar (`|` without an indentation digit) starts its first non-empty line with
 * a tab: Go's YAML parser (kubectl, the API server, Argo CD, Flux) takes the indentation from that
 * line and refuses it ("found a tab character where an indentation space is expected"), though
 * the JavaScript parsers read it. cdk8s's emitter writes this form.
 */
function tabIndented(lines: string[]): boolean {
  if (!lines[0].startsWith('|') || /\d/.test(lines[0])) return false;
  const first = lines.slice(1).find((l) => l.trim() !== '' || l.includes('\t'));
  return first !== undefined && /^ *\t/.test(first);
}

function stringScalar(s: string, indent: number): string {
  if (isPlainSafe(s)) return s;
  if (LONE_SURROGATE.test(s)) {
    throw new Error(`cannot write ${JSON.stringify(s)} as YAML: it holds a lone UTF-16 surrogate, which is not a character`);
  }
  if (MUST_ESCAPE.test(s)) return doubleQuoted(s);
  const [first, ...block] = libraryScalar(s);
  if (block.length === 0) return first;
  const pad = ' '.repeat(indent);
  return [first, ...block.map((l) => (l === '' ? '' : pad + l))].join('\n');
}

/** A mapping key as cdk8s writes it; keys that would need several lines are double-quoted. */
function keyScalar(key: string): string {
  if (isPlainSafe(key)) return key;
  const s = stringScalar(key, 0);
  return s.includes('\n') ? doubleQuoted(key) : s;
}

/** `v` as a scalar after a key or dash at `indent`: block scalar lines go two deeper. */
function scalar(v: unknown, indent: number): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return stringScalar(v, indent);
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
        out.push(`${prefix}- ${isCollection(item) ? empty(item) : scalar(item, indent)}\n`);
      }
      prefix = pad;
    }
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    const k = keyScalar(key);
    if (isCollection(item) && !isEmpty(item)) {
      out.push(`${prefix}${k}:\n`);
      // Sequences are indented under their key, as cdk8s's emitter does.
      write(out, item, indent + 2, ' '.repeat(indent + 2));
    } else {
      out.push(`${prefix}${k}: ${isCollection(item) ? empty(item) : scalar(item, indent)}\n`);
    }
    prefix = pad;
  }
}

/** One YAML document for a JSON value. */
export function toYaml(value: unknown): string {
  if (!isCollection(value)) return `${scalar(value, 0)}\n`;
  if (isEmpty(value)) return `${empty(value)}\n`;
  const out: string[] = [];
  write(out, value, 0, '');
  return out.join('');
}

/** Several documents separated by `---`, the layout of cdk8s's output files. */
export function toYamlDocuments(docs: unknown[]): string {
  return docs.map((d) => (d === undefined ? '\n' : toYaml(d))).join('---\n');
}
