/** The list, or undefined when it is empty: nothing is written for it. */
export function nonEmpty<T>(list: T[] | undefined): T[] | undefined {
  return list && list.length > 0 ? list : undefined;
}

/**
 * A copy of plain JSON data without undefined values, so that cdk8s's resolution at every synth
 * does not walk keys that are written as nothing.
 */
export function withoutUndefined<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    // Lists of strings (commands, args) are kept as they are.
    return (value.some((v) => typeof v === 'object' && v !== null) ? value.map(withoutUndefined) : value) as T;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: { [key: string]: unknown } = {};
  for (const key in value) {
    const v = (value as { [key: string]: unknown })[key];
    if (v !== undefined) out[key] = typeof v === 'object' && v !== null ? withoutUndefined(v) : v;
  }
  return out as T;
}

/** The map, or undefined when it has no keys: nothing is written for it. */
export function nonEmptyMap<T>(map: { [key: string]: T } | undefined): { [key: string]: T } | undefined {
  return map && Object.keys(map).length > 0 ? map : undefined;
}
