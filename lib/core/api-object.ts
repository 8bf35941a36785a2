import { ApiObject, ApiObjectProps, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { unusualMaps } from './shape';

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

/** The ApiObject of this library: user maps may hold any valid key, "constructor" included. */
export class PatternObject extends ApiObject {
  private readonly state: { escaped: boolean };

  constructor(scope: Construct, id: string, props: ApiObjectProps) {
    const state = { escaped: false };
    super(scope, id, prepare(props, state));
    this.state = state;
  }

  // The signature of cdk8s's ApiObject.toJson, which this overrides.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  public toJson(): any {
    const json = super.toJson();
    return this.state.escaped ? restore(json) : json;
  }
}
