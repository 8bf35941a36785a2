// Two copies of this package in one app (a library pinned one version, the app another) must still
// recognise each other's constructs and share per-app state. So kinds are told apart by Symbol.for
// brands (as cdk8s's Chart.isChart does), not instanceof, and state lives in maps registered under
// Symbol.for keys, not in module-level variables that each copy would have for itself.

const PREFIX = 'cdk8s-service-patterns';

/** Marks `target` as a `kind` of this package. */
export function brand(target: object, kind: string): void {
  Object.defineProperty(target, Symbol.for(`${PREFIX}.${kind}`), { value: true });
}

/** Whether `x` was marked as a `kind` of this package, by any copy of it. */
export function hasBrand(x: unknown, kind: string): boolean {
  return x !== null && (typeof x === 'object' || typeof x === 'function') && Symbol.for(`${PREFIX}.${kind}`) in (x as object);
}

/** A WeakMap shared by every copy of this package loaded in the process. */
export function sharedWeakMap<K extends object, V>(name: string): WeakMap<K, V> {
  const key = Symbol.for(`${PREFIX}.${name}`);
  const registry = globalThis as { [key: symbol]: unknown };
  if (!(registry[key] instanceof WeakMap)) registry[key] = new WeakMap<K, V>();
  return registry[key] as WeakMap<K, V>;
}
