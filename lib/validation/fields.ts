// Unknown fields, as the API server's strict field validation reports them (kubectl's default
// since 1.27), from the field table read off a real API server (fields.generated.ts).
import { FIELD_KINDS, FIELD_TYPES } from './fields.generated';
import { IssueList, Manifest, own } from './json';

function isObject(v: unknown): v is { [key: string]: unknown } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function walk(value: unknown, type: number, path: string, issues: IssueList): void {
  if (!isObject(value)) return;
  const fields = FIELD_TYPES[type];
  for (const key of Object.keys(value)) {
    const held = own(fields, key);
    const at = `${path}/${key}`;
    if (held === undefined) {
      issues.add('api-server', at, 'is an unknown field: the API server rejects it (strict field validation); check the spelling and the apiVersion');
    } else if (held.startsWith('[')) {
      const items = value[key];
      if (Array.isArray(items)) items.forEach((item, i) => walk(item, Number(held.slice(1)), `${at}/${i}`, issues));
    } else if (held.startsWith('{')) {
      const map = value[key];
      if (isObject(map)) for (const k of Object.keys(map)) walk(map[k], Number(held.slice(1)), `${at}/${k}`, issues);
    } else if (held !== '') {
      walk(value[key], Number(held), at, issues);
    }
  }
}

/** Reports every field the API server does not know for the manifest's apiVersion and kind. */
export function checkFields(m: Manifest, issues: IssueList): void {
  const type = own(FIELD_KINDS, `${m.apiVersion}/${m.kind}`);
  if (type !== undefined) walk(m, type, '', issues);
}
