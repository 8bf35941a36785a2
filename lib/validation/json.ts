/** Small accessors for walking untyped manifests without `any`. */
export type Obj = { [key: string]: unknown };

export const obj = (x: unknown): Obj => (x !== null && typeof x === 'object' && !Array.isArray(x) ? x as Obj : {});
export const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
export const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);
export const num = (x: unknown): number | undefined => (typeof x === 'number' ? x : undefined);
/** A manifest's map of strings, without a prototype: a key such as "constructor" reads only what the manifest holds. */
export const strMap = (x: unknown): { [key: string]: string } => {
  const out: { [key: string]: string } = Object.create(null);
  for (const [k, v] of Object.entries(obj(x))) if (typeof v === 'string') out[k] = v;
  return out;
};

/** `table[key]` for a key read from a manifest: only the table's own entries, never `constructor` or `toString`. */
export function own<T>(table: { readonly [key: string]: T }, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** A Kubernetes object as synthesized. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: Obj;
  readonly [key: string]: unknown;
}

/** One problem found in a manifest. */
export interface ManifestIssue {
  /**
   * `schema` (OpenAPI), `api-server` (a rule the API server enforces), `lint` (our own advice) or
   * `reference` (a lint: an object the manifests refer to but do not define).
   */
  readonly rule: 'schema' | 'api-server' | 'lint' | 'reference';
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** JSON path inside the object, e.g. `/spec/ports/0/port`. */
  readonly path: string;
  readonly message: string;
}

export function formatIssue(i: ManifestIssue): string {
  const where = i.namespace ? `${i.namespace}/${i.name}` : i.name;
  return `[${i.rule}] ${i.kind} ${where}: ${i.path} ${i.message}`;
}

/** Collects issues for one object. */
export class IssueList {
  public readonly issues: ManifestIssue[] = [];
  constructor(private readonly m: Manifest) {}

  public add(rule: ManifestIssue['rule'], path: string, message: string): void {
    const md = obj(this.m.metadata);
    this.issues.push({ rule, kind: this.m.kind, name: str(md.name) ?? '', namespace: str(md.namespace), path, message });
  }

  /** Adds `message` when a check (returning a broken rule or undefined) fails. */
  public check(path: string, value: unknown, rule: string | undefined, tag: ManifestIssue['rule'] = 'api-server'): void {
    if (rule) this.add(tag, path, `${JSON.stringify(value)} ${rule}`);
  }
}
