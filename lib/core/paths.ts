// Relative paths inside a volume, as the API server checks them (K8S-RULES.md §9).

/** A subPath of a mount: relative, no `..` element (a leading `..data` is fine). */
export function volumeSubPath(value: string): string | undefined {
  if (typeof value !== 'string' || value === '') return 'must be a non-empty relative path';
  if (value.startsWith('/')) return 'must be a relative path';
  if (value.split('/').includes('..')) return 'must not contain a ".." element';
  return undefined;
}

/** A file path of a ConfigMap/Secret/downward API item: a subPath that also does not start with `..`. */
export function volumeItemPath(value: string): string | undefined {
  return volumeSubPath(value) ?? (value.startsWith('..') ? 'must not start with ".."' : undefined);
}
