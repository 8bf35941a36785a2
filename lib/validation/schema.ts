import { IssueList, Manifest } from './json';

interface Validatable { validate(): void }
type ModelClass = new (data: object) => Validatable;

const cache = new Map<string, ModelClass | null>();

/** The kubernetes-models class for an apiVersion/kind, or null when it has none (CRDs). */
function model(apiVersion: string, kind: string): ModelClass | null {
  const key = `${apiVersion}/${kind}`;
  if (!cache.has(key)) {
    let found: ModelClass | null = null;
    try {
      // Loaded on first use: the schemas cost nothing until someone validates.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const pkg = apiVersion.startsWith('gateway.networking.k8s.io/') ? '@kubernetes-models/gateway-api' : 'kubernetes-models';
      const mod = require(`${pkg}/${apiVersion}/${kind}`) as { [k: string]: ModelClass };
      found = mod[kind] ?? null;
    } catch {
      found = null;
    }
    cache.set(key, found);
  }
  return cache.get(key) ?? null;
}

/** Checks an object against the Kubernetes OpenAPI schema (kubernetes-models). */
export function checkSchema(m: Manifest, issues: IssueList): boolean {
  const Model = model(m.apiVersion, m.kind);
  if (!Model) return false;
  try {
    new Model(m).validate();
  } catch (e) {
    const errors = (e as { errors?: Array<{ instancePath?: string; message?: string; params?: object }> }).errors;
    if (!errors) throw e;
    for (const err of errors) issues.add('schema', err.instancePath || '/', `${err.message ?? 'is invalid'}${err.params ? ` ${JSON.stringify(err.params)}` : ''}`);
  }
  return true;
}
