// Checks input against the public types (lib/core/shapes.generated.ts, made from the jsii
// assembly), for callers the TypeScript compiler does not check: JavaScript and other jsii
// languages. A value of the wrong shape is reported with its field, before any rule looks at it.
import { CALLS, ENUMS, STRUCTS } from './shapes.generated';
import { IConstruct } from 'constructs';
import { ServicePatternsError } from './errors';
import { show } from './problems';
import { hasBrand } from './brand';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** A type of shapes.generated.ts, parsed once. */
interface Shape {
  readonly text: string;
  readonly optional: boolean;
  readonly kind: 'array' | 'map' | 'string' | 'boolean' | 'number' | 'any' | 'enum' | 'struct' | 'object';
  readonly element?: Shape;
  readonly values?: Set<string>;
  readonly props?: Map<string, Shape>;
  readonly required?: string[];
}

/**
 * Whether any input map so far had the key "constructor" or no prototype (`Object.create(null)`),
 * both of which cdk8s's sanitizer cannot take: the library's ApiObject then copies such maps and
 * renames such keys; until then it costs nothing.
 */
export const unusualMaps = { seen: false };

const SHAPES = new Map<string, Shape>();
const CONSTRUCT_TYPES = new Set(['constructs.Construct', 'constructs.IConstruct']);

function shapeOf(type: string): Shape {
  let shape = SHAPES.get(type);
  if (shape) return shape;
  const optional = type.endsWith('?');
  const text = optional ? type.slice(0, -1) : type;
  if (text.endsWith('[]')) shape = { text, optional, kind: 'array', element: shapeOf(text.slice(0, -2)) };
  else if (text.startsWith('{')) shape = { text, optional, kind: 'map', element: shapeOf(text.slice(1, -1)) };
  else if (text === 'string' || text === 'boolean' || text === 'number' || text === 'any') shape = { text, optional, kind: text };
  else if (ENUMS[text]) shape = { text, optional, kind: 'enum', values: new Set(ENUMS[text]) };
  else if (STRUCTS[text]) {
    const props = new Map<string, Shape>();
    const required: string[] = [];
    shape = { text, optional, kind: 'struct', props, required };
    SHAPES.set(type, shape);
    for (const [prop, propType] of Object.entries(STRUCTS[text])) {
      props.set(prop, shapeOf(propType));
      if (!propType.endsWith('?')) required.push(prop);
    }
  } else shape = { text, optional, kind: 'object' };
  SHAPES.set(type, shape);
  return shape;
}

/**
 * Where a value sits in the input: a parameter's name, or a step into a struct prop, list item or
 * map key. Rendered (`ports[1].port`) only for a value that has a problem, so valid input, the
 * common case, builds no field names.
 */
type Path = string | { readonly parent: Path; readonly prop?: string; readonly index?: number; readonly key?: string };

function fieldOf(path: Path): string {
  if (typeof path === 'string') return path;
  const parent = fieldOf(path.parent);
  if (path.prop !== undefined) return parent ? `${parent}.${path.prop}` : path.prop;
  return path.index !== undefined ? `${parent}[${path.index}]` : `${parent}[${JSON.stringify(path.key)}]`;
}

/** Records what is wrong with `value` as `shape`, each as [field, value, rule]. */
function mismatch(shape: Shape, value: unknown, path: Path, out: Array<[string, unknown, string]>): void {
  if (value === undefined) {
    if (!shape.optional) out.push([fieldOf(path), value, 'is required']);
    return;
  }
  if (value === null) {
    out.push([fieldOf(path), value, `must be ${describe(shape.text)}, not null`]);
    return;
  }
  switch (shape.kind) {
    case 'any':
      return;
    case 'array':
      if (!Array.isArray(value)) out.push([fieldOf(path), value, `must be ${describe(shape.text)}, not ${kindOf(value)}`]);
      else for (let i = 0; i < value.length; i++) mismatch(shape.element!, value[i], { parent: path, index: i }, out);
      return;
    case 'map':
      if (!isPlainObject(value)) out.push([fieldOf(path), value, `must be ${describe(shape.text)}, not ${kindOf(value)}`]);
      else {
        if (Object.getPrototypeOf(value) === null) unusualMaps.seen = true;
        for (const key of Object.keys(value)) {
          if (key === 'constructor') unusualMaps.seen = true;
          mismatch(shape.element!, (value as { [k: string]: unknown })[key], { parent: path, key }, out);
        }
      }
      return;
    case 'string':
    case 'boolean':
      if (typeof value !== shape.kind) out.push([fieldOf(path), value, `must be ${describe(shape.text)}, not ${kindOf(value)}`]);
      return;
    case 'number':
      if (typeof value !== 'number') out.push([fieldOf(path), value, `must be a number, not ${kindOf(value)}`]);
      else if (!Number.isInteger(value)) out.push([fieldOf(path), value, 'must be an integer']);
      else if (value < INT32_MIN || value > INT32_MAX) out.push([fieldOf(path), value, `must fit 32 bits (${INT32_MIN} to ${INT32_MAX})`]);
      return;
    case 'enum':
      // An empty value (EmptyDirMedium.DEFAULT) is shown quoted, so the list stays readable.
      if (!shape.values!.has(value as string)) out.push([fieldOf(path), value, `is not one of ${[...shape.values!].map((v) => v || '""').join(', ')}`]);
      return;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    out.push([fieldOf(path), value, `must be ${describe(shape.text)}, not ${kindOf(value)}`]);
    return;
  }
  if (CONSTRUCT_TYPES.has(shape.text) && typeof (value as { node?: unknown }).node !== 'object') {
    out.push([fieldOf(path), value, 'must be a construct: a Chart, or a construct inside one']);
    return;
  }
  if (Object.prototype.hasOwnProperty.call(VALUE_CLASSES, shape.text)) {
    // Recognised by brand, which every copy of the package sets, as no instanceof would be.
    if (!hasBrand(value, shape.text)) out.push([fieldOf(path), value, `must be ${describe(shape.text)} made by ${VALUE_CLASSES[shape.text]}, not a hand-made object`]);
    return;
  }
  if (Object.prototype.hasOwnProperty.call(INTERFACES, shape.text)) {
    const [what, members] = INTERFACES[shape.text];
    const missing = Object.entries(members).find(([m, type]) => !hasMember(value, m, type));
    if (missing) out.push([fieldOf(path), value, `must be ${describe(shape.text)} (${what}): its ${missing[0]} is not ${MEMBER_KINDS[missing[1]]}`]);
    return;
  }
  if (shape.kind === 'struct') {
    // The props given (a few of many), then the required ones that are missing.
    const obj = value as { [k: string]: unknown };
    for (const prop of Object.keys(obj)) {
      const propShape = shape.props!.get(prop);
      const at: Path = { parent: path, prop };
      // TypeScript and the jsii languages catch an unknown prop when compiling; plain JavaScript
      // would silently drop a misspelt or renamed one.
      if (!propShape) {
        if (obj[prop] !== undefined) out.push([fieldOf(at), obj[prop], `is not a prop of ${shape.text}${suggestion(prop, shape.props!)}`]);
      } else if (obj[prop] !== undefined) {
        mismatch(propShape, obj[prop], at, out);
      }
    }
    for (const prop of shape.required!) if (obj[prop] === undefined) out.push([fieldOf({ parent: path, prop }), undefined, 'is required']);
  }
}

/** `: did you mean x?` for the prop nearest to a misspelt or renamed one (`periodSeconds`: `period`). */
function suggestion(prop: string, props: Map<string, Shape>): string {
  const lower = prop.toLowerCase();
  const score = (candidate: string): number => {
    const c = candidate.toLowerCase();
    if (Math.min(c.length, lower.length) >= 4 && (c.startsWith(lower) || lower.startsWith(c))) return 1;
    const d = editDistance(lower, c);
    return d <= Math.max(2, Math.floor(prop.length / 4)) ? d : Infinity;
  };
  let best: string | undefined;
  for (const candidate of props.keys()) if (score(candidate) < (best === undefined ? Infinity : score(best))) best = candidate;
  return best === undefined ? '' : `: did you mean ${best}?`;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

/**
 * The library's value classes, with the factories that make them. Their instances carry the
 * class's brand; a plain object of the same shape does not, and would reach the rules half-formed.
 */
const VALUE_CLASSES: { readonly [name: string]: string } = {
  Cpu: 'Cpu.millis or Cpu.units',
  EnvFrom: 'EnvFrom.fromConfigMap or EnvFrom.fromSecret',
  EnvValue: 'EnvValue.fromSecret, fromConfigMap, fromFieldRef, fromResource or fromValue',
  LifecycleHandler: 'LifecycleHandler.fromCommand, fromHttpGet or fromSleep',
  PercentOrAbsolute: 'PercentOrAbsolute.percent or absolute',
  Probe: 'Probe.fromHttpGet, fromTcpSocket, fromCommand or none',
  Projection: 'Projection.fromConfigMap, fromSecret, fromServiceAccountToken or fromDownwardApi',
  Volume: 'Volume.fromConfigMap, fromSecret, fromPersistentVolumeClaim, fromEmptyDir, fromProjected or fromSource',
};

/**
 * The library's behavioural interfaces, which code in any jsii language may implement: what
 * implements them, and the members every implementation must have.
 */
const INTERFACES: { readonly [name: string]: readonly [string, { readonly [member: string]: 'string' | 'number' | 'object' | 'array' }] } = {
  IServiceEndpoint: ['an ExposedApp, HeadlessGroup, ExternalDatabase, ServiceAlias or ServiceRef', { node: 'object', serviceName: 'string', namespace: 'string', dnsName: 'string', port: 'number', ports: 'array' }],
  IGatewayRef: ['a Gateway, or GatewayRef.fromName', { gatewayName: 'string', gatewayNamespace: 'string' }],
  IPodSource: ['an ExposedApp, HeadlessGroup, or a PodSource', { podNamespace: 'string', podSelector: 'object', podLabels: 'object' }],
};

const MEMBER_KINDS = { string: 'a string', number: 'a number', object: 'an object', array: 'a list' } as const;

function hasMember(value: object, member: string, type: 'string' | 'number' | 'object' | 'array'): boolean {
  const v = (value as { [m: string]: unknown })[member];
  if (type === 'array') return Array.isArray(v);
  return typeof v === type && v !== null;
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
    const shape = shapeOf(type);
    // A props object's fields are named as the constructs name them: `replicas`, not `props.replicas`.
    const found: Array<[string, unknown, string]> = [];
    mismatch(shape, args[i], shape.kind === 'struct' ? '' : name, found);
    for (const [field, value, rule] of found) out.push([field === '' ? name : field, value, rule]);
  });
  return out;
}

/**
 * The scope of a construct being created, after checking it and the id as `call` declares them:
 * `super(checkedScope('new ExposedApp', scope, id), id)`. Checked before `constructs` sees them,
 * where a wrong scope or id would fail with a TypeError.
 */
export function checkedScope<T>(call: string, scope: T, id: unknown): T {
  const [[, scopeType], [, idType]] = CALLS[call];
  const found: Array<[string, unknown, string]> = [];
  mismatch(shapeOf(scopeType), scope, 'scope', found);
  mismatch(shapeOf(idType), id, 'id', found);
  if (found.length > 0) {
    throw new ServicePatternsError(call.replace(/^new /, ''), '', found.map(([field, value, rule]) => ({ field, value: show(value), message: `${field} ${show(value)} ${rule}` })));
  }
  return scope;
}

/**
 * Throws the library's error when the arguments of `call` do not have the public types' shape:
 * for a construct's constructor or method, naming the construct; for a value-type factory
 * (`Probe.fromHttpGet`), naming the call.
 */
export function checkShape(call: string, args: ArrayLike<unknown>, kind?: string, scope?: IConstruct): void {
  const found = shapeProblems(call, args);
  if (found.length === 0) return;
  const list = found.map(([field, value, rule]) => ({ field, value: show(value), message: `${field} ${show(value)} ${rule}` }));
  throw new ServicePatternsError(kind ?? call, scope?.node.path ?? '', list);
}
