/** The list, or undefined when it is empty: nothing is written for it. */
export function nonEmpty<T>(list: T[] | undefined): T[] | undefined {
  return list && list.length > 0 ? list : undefined;
}

/** The map, or undefined when it has no keys: nothing is written for it. */
export function nonEmptyMap<T>(map: { [key: string]: T } | undefined): { [key: string]: T } | undefined {
  return map && Object.keys(map).length > 0 ? map : undefined;
}
