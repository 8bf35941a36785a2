// Checks input against the public types (lib/core/shapes.generated.ts, made from the jsii
// assembly), for callers the TypeScript compiler does not check: JavaScript and other jsii
// languages. A value of the wrong shape is reported with its field, before any rule looks at it.
import { CALLS, ENUMS, STRUCTS } from './shapes.generated';
import { IConstruct } from 'constructs';
import { ServicePatternsError } from './errors';
import { show } from './problems';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** What is wrong with `value` as a `type` (a shapes.generated.ts type string), or undefined. */
function mismatch(type: string, value: unknown, field: string, out: Array<[string, unknown, string]>): void {
  if (type.endsWith('?')) {
    if (value !== undefined) mismatch(type.slice(0, -1), value, field, out);
    return;
  }
  if (value === undefined) {
    out.push([field, value, 'is required']);
    return;
  }
  if (value === null) {
    out.push([field, value, `must be ${describe(type)}, not null`]);
    return;
  }
  if (type.endsWith('[]')) {
    if (!Array.isArray(value)) out.push([field, value, `must be ${describe(type)}, not ${kindOf(value)}`]);
    else value.forEach((item, i) => mismatch(type.slice(0, -2), item, `${field}[${i}]`, out));
    return;
  }
  if (type.startsWith('{')) {
    const element = type.slice(1, -1);
    if (!isPlainObject(value)) out.push([field, value, `must be ${describe(type)}, not ${kindOf(value)}`]);
    else for (const key of Object.keys(value)) mismatch(element, (value as { [k: string]: unknown })[key], `${field}[${JSON.stringify(key)}]`, out);
    return;
  }
  switch (type) {
    case 'any':
      return;
    case 'string':
    case 'boolean':
      if (typeof value !== type) out.push([field, value, `must be ${describe(type)}, not ${kindOf(value)}`]);
      return;
    case 'number':
      if (typeof value !== 'number') out.push([field, value, `must be a number, not ${kindOf(value)}`]);
      else if (!Number.isInteger(value)) out.push([field, value, 'must be an integer']);
      else if (value < INT32_MIN || value > INT32_MAX) out.push([field, value, `must fit 32 bits (${INT32_MIN} to ${INT32_MAX})`]);
      return;
  }
  const values = ENUMS[type];
  if (values) {
    if (!values.includes(value as string)) out.push([field, value, `is not one of ${values.join(', ')}`]);
    return;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    out.push([field, value, `must be ${describe(type)}, not ${kindOf(value)}`]);
    return;
  }
  const struct = STRUCTS[type];
  if (struct) for (const [prop, propType] of Object.entries(struct)) mismatch(propType, (value as { [k: string]: unknown })[prop], field ? `${field}.${prop}` : prop, out);
}

function isPlainObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function kindOf(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

const PRIMITIVES = ['string', 'number', 'boolean'];

/** `a string`, `an ExposedPort`, `a list of strings`, `a map of Probe values`. */
function describe(type: string): string {
  if (type.endsWith('[]')) return `a list of ${plural(type.slice(0, -2))}`;
  if (type.startsWith('{')) return `a map of ${plural(type.slice(1, -1))}`;
  const name = type.replace(/^(constructs|cdk8s)\./, '');
  return `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`;
}

function plural(type: string): string {
  if (PRIMITIVES.includes(type)) return `${type}s`;
  if (type.endsWith('[]') || type.startsWith('{')) return `values that are each ${describe(type)}`;
  return `${type.replace(/^(constructs|cdk8s)\./, '')} values`;
}

/**
 * The shape problems of the arguments of a constructor (`new T`) or method (`T.m`), each as
 * [field, value, rule]; struct props are named by their path (`ports[1].port`), other
 * parameters by name.
 */
export function shapeProblems(call: string, args: ArrayLike<unknown>): Array<[string, unknown, string]> {
  const params = CALLS[call];
  if (!params) throw new Error(`no shape known for ${call}`);
  const out: Array<[string, unknown, string]> = [];
  params.forEach(([name, type], i) => {
    const struct = STRUCTS[type.replace(/\?$/, '')];
    // A props object's fields are named as the constructs name them: `replicas`, not `props.replicas`.
    const found: Array<[string, unknown, string]> = [];
    mismatch(type, args[i], struct ? '' : name, found);
    for (const [field, value, rule] of found) out.push([field === '' ? name : field, value, rule]);
  });
  return out;
}

/**
 * Throws the library's error when the arguments of `call` do not have the public types' shape:
 * for a construct's constructor or method, naming the construct; for a value-type factory
 * (`Probe.httpGet`), naming the call.
 */
export function checkShape(call: string, args: ArrayLike<unknown>, kind?: string, scope?: IConstruct): void {
  const found = shapeProblems(call, args);
  if (found.length === 0) return;
  const list = found.map(([field, value, rule]) => ({ field, value: show(value), message: `${field} ${show(value)} ${rule}` }));
  throw new ServicePatternsError(kind ?? call, scope?.node.path ?? '', list);
}
