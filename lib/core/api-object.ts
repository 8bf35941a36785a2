import { ApiObject, ApiObjectProps, App, ImplicitTokenResolver, IResolver, JsonPatch, Lazy, LazyResolver, NumberStringUnionResolver } from 'cdk8s';
import { addSyncWave, objectMade } from './sync-wave-hook';
import { Construct } from 'constructs';
import { unusualMaps } from './shape';
import { Problems } from './problems';
import { MAX_OBJECT_BYTES } from './pod-values';

// cdk8s's value sanitizer reads `obj.constructor.name`, so a map with the key "constructor" (a
// valid label or annotation key) or without a prototype (`Object.create(null)`, as some plain-JS
// callers build maps) crashes synthesis. Such maps are copied into plain objects and such keys
// renamed before cdk8s sees them, and restored in the JSON it returns. The stand-in sorts where
// "constructor" would.
const KEY = 'constructor';
const STAND_IN = 'constructor\u0000';

/** A copy of `value` with "constructor" keys renamed; Lazy parts are checked when they produce. */
function escape(value: unknown, state: { escaped: boolean }): unknown {
  if (Array.isArray(value)) return value.map((v) => escape(v, state));
  if (value === null || typeof value !== 'object') return value;
  if (isLazy(value)) {
    return Lazy.any({
      produce: () => {
        const produced = value.produce();
        if (!unusualMaps.seen || !isUnusual(produced)) return produced;
        state.escaped = true;
        return escape(produced, state);
      },
    });
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: { [key: string]: unknown } = {};
  for (const key of Object.keys(value)) {
    if (key === KEY) state.escaped = true;
    out[key === KEY ? STAND_IN : key] = escape((value as { [key: string]: unknown })[key], state);
  }
  return out;
}

function restore(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(restore);
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: unknown } = {};
  for (const key of Object.keys(value)) {
    const v = restore((value as { [key: string]: unknown })[key]);
    if (key === STAND_IN) Object.defineProperty(out, KEY, { value: v, enumerable: true, writable: true, configurable: true });
    else out[key] = v;
  }
  return out;
}

function isLazy(value: object): value is Lazy {
  return value instanceof Lazy;
}

/**
 * The props as cdk8s may see them. Until some input had an unusual map (the shape checks see
 * every map of the input) this costs nothing; user data rendered later sits in a Lazy `spec`
 * only, which is wrapped to check what it produces.
 */
function prepare(props: ApiObjectProps, state: { escaped: boolean }): ApiObjectProps {
  if (unusualMaps.seen && isUnusual(props)) return escape(props, state) as ApiObjectProps;
  const spec = (props as { spec?: unknown }).spec;
  return spec instanceof Lazy ? { ...props, spec: escape(spec, state) } as ApiObjectProps : props;
}

/** Whether a value holds a key "constructor" or a map without prototype anywhere. */
function isUnusual(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(isUnusual);
  if (value === null || typeof value !== 'object' || isLazy(value)) return false;
  if (Object.getPrototypeOf(value) === null) return true;
  return Object.keys(value).some((k) => k === KEY || isUnusual((value as { [key: string]: unknown })[k]));
}

/** Thrown inside `settle` for a value that only cdk8s's own resolution may render. */
const NOT_PLAIN = Symbol('not plain data');

/** What cdk8s's sanitizer is told: sort keys; drop empty lists and maps (metadata only). */
interface Sanitize {
  readonly sort: boolean;
  readonly dropEmpty: boolean;
}

/**
 * cdk8s's `resolve` followed by its `sanitizeValue` (no null or undefined values; keys sorted,
 * empty lists and maps dropped as `s` asks), for an app with only cdk8s's built-in resolvers, in
 * one pass: a Lazy is produced, a value with a `resolve()` method resolved, a union wrapper (`{
 * value }` of another class) unwrapped, and plain maps and lists copied. Anything else (a class
 * instance, a map without prototype) throws NOT_PLAIN and the object is rendered by cdk8s instead.
 */
function settle(value: unknown, s: Sanitize): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object') return value;
  if (value instanceof Lazy) return settle(value.produce(), s);
  if (typeof (value as { resolve?: unknown }).resolve === 'function') return settle((value as { resolve(): unknown }).resolve(), s);
  if (Array.isArray(value)) return s.dropEmpty && value.length === 0 ? undefined : value.map((v) => settle(v, s));
  if (value.constructor !== Object) {
    const inner = (value as { value?: unknown }).value;
    if (typeof inner === 'number' || typeof inner === 'string') return settle({ value: inner }, s);
    throw NOT_PLAIN;
  }
  const map = value as { [key: string]: unknown };
  // Produced in the order cdk8s resolves (insertion order), written in the order it sorts; most
  // maps the library writes have their keys in order already, and are copied in one pass.
  const keys = Object.keys(map);
  // Out of order: settled first in insertion order (a Lazy may depend on it), then read sorted.
  let settled: Map<string, unknown> | undefined;
  if (s.sort && !inOrder(keys)) {
    settled = new Map<string, unknown>();
    for (const k of keys) settled.set(k, settle(map[k], s));
    keys.sort();
  }
  const out: { [key: string]: unknown } = {};
  let empty = true;
  for (const k of keys) {
    const v = settled ? settled.get(k) : settle(map[k], s);
    if (v !== undefined && v !== null) {
      out[k] = v;
      empty = false;
    }
  }
  return s.dropEmpty && empty ? undefined : out;
}

/** Whether `keys` are in the order `sort()` puts them (UTF-16 code units). */
function inOrder(keys: string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1] > keys[i]) return false;
  return true;
}

/** cdk8s's metadata fields, read where cdk8s keeps them; undefined if a version keeps them elsewhere. */
interface MetadataFields {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels: object;
  readonly annotations: object;
  readonly finalizers: unknown[];
  readonly ownerReferences: unknown[];
  readonly _additionalAttributes: object;
}

function metadataFields(metadata: unknown): MetadataFields | undefined {
  const m = metadata as Partial<MetadataFields>;
  const maps = [m.labels, m.annotations, m._additionalAttributes].every((x) => typeof x === 'object' && x !== null);
  return maps && Array.isArray(m.finalizers) && Array.isArray(m.ownerReferences) ? m as MetadataFields : undefined;
}

/** What ApiObjectMetadataDefinition.toJson writes (its sanitizer always sorts and drops empties). */
const METADATA: Sanitize = { sort: true, dropEmpty: true };
/** Plain values in the order given: what the note of references reads needs no more. */
const SPEC: Sanitize = { sort: false, dropEmpty: false };

function builtInResolversOnly(resolvers: IResolver[] | undefined): boolean {
  return Array.isArray(resolvers) && resolvers.length === 3 && resolvers[0] instanceof LazyResolver && resolvers[1] instanceof ImplicitTokenResolver && resolvers[2] instanceof NumberStringUnionResolver;
}

/** The ApiObject of this library: user maps may hold any valid key, "constructor" included. */
export class PatternObject extends ApiObject {
  private readonly state: { escaped: boolean };
  private readonly data: ApiObjectProps;
  private patched = false;

  constructor(scope: Construct, id: string, props: ApiObjectProps) {
    const state = { escaped: false };
    const data = prepare(props, state);
    super(scope, id, data);
    objectMade();
    this.state = state;
    this.data = data;
  }

  public addJsonPatch(...ops: JsonPatch[]): void {
    this.patched = true;
    super.addJsonPatch(...ops);
  }

  // The signature of cdk8s's ApiObject.toJson, which this overrides.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  public toJson(): any {
    const json = (!this.state.escaped && !this.patched && this.plainJson()) || super.toJson();
    const out = this.state.escaped ? restore(json) : json;
    checkObjectSize(this, out);
    addSyncWave(this, out);
    return out;
  }

  /**
   * The object as far as the synth-time note of references reads it (apiVersion, kind,
   * namespace, spec), without rendering its metadata or checking its size: the note runs before
   * the object is written, which renders and checks it all.
   */
  public _referenceJson(): { [key: string]: unknown } {
    if (this.state.escaped || this.patched || !builtInResolversOnly(App.of(this).resolvers)) return this.toJson();
    try {
      return { apiVersion: this.apiVersion, kind: this.kind, metadata: { namespace: this.metadata.namespace }, spec: settle(this.data.spec, SPEC) };
    } catch (e) {
      if (e === NOT_PLAIN) return this.toJson();
      throw e;
    }
  }

  /**
   * What cdk8s's toJson writes, without its general resolution, which builds a context object,
   * a key path and three resolver calls for every value of the manifest: most of the time this
   * library's objects spend in synthesis outside writing YAML. Only for an app without resolvers
   * of its own, and undefined for anything but plain data and Lazy values (a test compares the two
   * on every example and on random configurations).
   */
  private plainJson(): { [key: string]: unknown } | undefined {
    if (!builtInResolversOnly(App.of(this).resolvers)) return undefined;
    let json: { [key: string]: unknown };
    try {
      const m = metadataFields(this.metadata);
      const metadata = m ? settle({
        ...m._additionalAttributes, name: m.name, namespace: m.namespace, annotations: m.annotations,
        finalizers: m.finalizers, ownerReferences: m.ownerReferences, labels: m.labels,
      }, METADATA) : this.metadata.toJson();
      json = settle({ ...this.data, metadata }, { sort: !process.env.CDK8S_DISABLE_SORT, dropEmpty: false }) as { [key: string]: unknown };
    } catch (e) {
      if (e === NOT_PLAIN) return undefined;
      throw new Error(`Failed serializing construct at path '${this.node.path}' with name '${this.name}': ${e}`);
    }
    // apiVersion, kind and metadata first, as cdk8s orders them.
    const result: { [key: string]: unknown } = {};
    for (const k of ['apiVersion', 'kind', 'metadata', ...Object.keys(json)]) if (k in json) result[k] = json[k];
    return result;
  }
}


/**
 * Refuses an object larger than MAX_OBJECT_BYTES, naming its largest field: once per object
 * written. Serializing every object only to measure it took 1-2% of a synth's CPU time (profile
 * of the bench's apps); a walk that bounds the size takes about a tenth of that, and only an
 * object whose bound is over the limit is serialized.
 */
function checkObjectSize(o: ApiObject, json: unknown): void {
  if (jsonBytesAtMost(json) <= MAX_OBJECT_BYTES) return;
  const bytes = Buffer.byteLength(JSON.stringify(json));
  if (bytes <= MAX_OBJECT_BYTES) return;
  const [field, fieldBytes] = largestField(json, '');
  const scope = o.node.scope ?? o;
  const kind = (json as { kind?: string }).kind ?? 'object';
  const problems = new Problems(scope.constructor.name, scope);
  problems.addMessage(field, `${mib(fieldBytes)}`,
    `${kind} "${o.name}" is ${mib(bytes)} as JSON, more than the ${mib(MAX_OBJECT_BYTES)} (${MAX_OBJECT_BYTES} bytes) the API server can store (etcd's request limit); its largest field is ${field} (${mib(fieldBytes)})`);
  problems.throwIfAny();
}

/** The most bytes one UTF-16 code unit of a string takes in JSON as UTF-8 (`\u001f`). */
const BYTES_PER_UNIT = 6;
/** The most bytes of a number (`-2.2250738585072014e-308`), `true`, `false` or `null`, with a comma. */
const SCALAR_BYTES = 26;

/**
 * At least the bytes of `JSON.stringify(value)` as UTF-8 (commas counted after every item and
 * pair); Infinity for anything but plain data, whose JSON it cannot bound (`toJSON`, a BigInt).
 */
function jsonBytesAtMost(value: unknown): number {
  if (typeof value === 'string') return BYTES_PER_UNIT * value.length + 3;
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? Infinity : SCALAR_BYTES;
  let bytes = 3;
  if (Array.isArray(value)) {
    for (const v of value) bytes += jsonBytesAtMost(v);
    return bytes;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return Infinity;
  const map = value as { [key: string]: unknown };
  for (const key in map) bytes += BYTES_PER_UNIT * key.length + 4 + jsonBytesAtMost(map[key]);
  return bytes;
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** The path (`spec.template.spec.containers[0].env[0].value`) and JSON size of the largest leaf or small map of `value`. */
function largestField(value: unknown, path: string): [string, number] {
  let best: [string, number] = [path, Buffer.byteLength(JSON.stringify(value) ?? '')];
  if (value === null || typeof value !== 'object') return best;
  const entries = Array.isArray(value) ? value.map((v, i) => [`${path}[${i}]`, v] as const) : Object.entries(value).map(([k, v]) => [path ? `${path}.${k}` : k, v] as const);
  let largest: [string, number] | undefined;
  for (const [p, v] of entries) {
    const size = Buffer.byteLength(JSON.stringify(v) ?? '');
    if (!largest || size > largest[1]) largest = [p, size];
  }
  // Go down while one child holds most of the size; a list of many small items is the field itself.
  if (largest && largest[1] * 2 > best[1]) {
    const child = entries.find(([p]) => p === largest![0])![1];
    best = largestField(child, largest[0]);
  }
  return best;
}
