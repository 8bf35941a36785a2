import { IssueList, Manifest } from './json';

interface Validatable { validate(): void }
type ModelClass = new (data: object) => Validatable;

/** The schema packages, and the versions that run on Node.js 20 (their newer majors need 22). */
const PACKAGES = {
  core: { name: 'kubernetes-models', version: '~4.5.1' },
  gateway: { name: '@kubernetes-models/gateway-api', version: '~0.5.1' },
};

const cache = new Map<string, ModelClass | null>();
const present = new Map<string, boolean>();

/** Thrown when schema checks are asked for but the package holding the schemas is not installed. */
export class MissingSchemaPackageError extends Error {
  constructor(pkg: { name: string; version: string }, kind: string) {
    super(`validating ${kind} against its schema needs the package ${pkg.name}: npm install --save-dev ${pkg.name}@${pkg.version}, `
      + 'or pass { schema: false } to check only the API server rules and the lints');
    this.name = 'MissingSchemaPackageError';
  }
}

function installed(name: string): boolean {
  if (!present.has(name)) {
    try {
      require.resolve(`${name}/package.json`);
      present.set(name, true);
    } catch {
      present.set(name, false);
    }
  }
  return present.get(name)!;
}

/** The schema class for an apiVersion/kind, or null when the package has none (other CRDs). */
function model(apiVersion: string, kind: string): ModelClass | null {
  const key = `${apiVersion}/${kind}`;
  if (!cache.has(key)) {
    const pkg = apiVersion.startsWith('gateway.networking.k8s.io/') ? PACKAGES.gateway : PACKAGES.core;
    if (!installed(pkg.name)) throw new MissingSchemaPackageError(pkg, kind);
    let found: ModelClass | null = null;
    try {
      // Loaded on first use: the schemas cost nothing until someone validates.
      const mod = require(`${pkg.name}/${apiVersion}/${kind}`) as { [k: string]: ModelClass };
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
