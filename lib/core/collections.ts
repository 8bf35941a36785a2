/** The list, or undefined when it is empty: nothing is written for it. */
export function nonEmpty<T>(list: T[] | undefined): T[] | undefined {
  return list && list.length > 0 ? list : undefined;
}

/** The map, or undefined when it has no keys: nothing is written for it. */
export function nonEmptyMap<T>(map: { [key: string]: T } | undefined): { [key: string]: T } | undefined {
  return map && Object.keys(map).length > 0 ? map : undefined;
}

/**
 * The value for `key`, computed once while `cache` holds fewer than `limit` entries: manifests
 * repeat a few values (quantities, images, strings) thousands of times.
 */
export function remembered<V>(cache: Map<string, V>, key: string, compute: (key: string) => V, limit = 1000): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute(key);
    if (cache.size < limit) cache.set(key, value);
  }
  return value;
}
