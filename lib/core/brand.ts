// Two copies of this package in one app (a library pinned one version, the app another) must still
// recognise each other's constructs and share per-app state. So kinds are told apart by Symbol.for
// brands (as cdk8s's Chart.isChart does), not instanceof, and state lives in maps registered under
// Symbol.for keys, not in module-level variables that each copy would have for itself.

const PREFIX = 'cdk8s-service-patterns';

const SYMBOLS = new Map<string, symbol>();

function symbolOf(kind: string): symbol {
  let symbol = SYMBOLS.get(kind);
  if (!symbol) SYMBOLS.set(kind, symbol = Symbol.for(`${PREFIX}.${kind}`));
  return symbol;
}

/**
 * Marks a class's prototype as a `kind` of this package (`brand(ExposedApp.prototype, 'ExposedApp')`),
 * once when the module loads: its instances and its subclasses' carry the brand without a property
 * of their own.
 */
export function brand(prototype: object, kind: string): void {
  Object.defineProperty(prototype, symbolOf(kind), { value: true });
}

/** Whether `x` was marked as a `kind` of this package, by any copy of it. */
export function hasBrand(x: unknown, kind: string): boolean {
  return x !== null && (typeof x === 'object' || typeof x === 'function') && symbolOf(kind) in (x as object);
}

/** A WeakMap shared by every copy of this package loaded in the process. */
export function sharedWeakMap<K extends object, V>(name: string): WeakMap<K, V> {
  const key = Symbol.for(`${PREFIX}.${name}`);
  const registry = globalThis as { [key: symbol]: unknown };
  if (!(registry[key] instanceof WeakMap)) registry[key] = new WeakMap<K, V>();
  return registry[key] as WeakMap<K, V>;
}
