// Reading the simulated cluster: typed lists, label selectors, bounded waits with a message that
// says what was last seen, and applying synthesized files the way a GitOps tool does.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { describeObject } from '../apiserver/apply';
import type { KubeClient, Manifest } from '../apiserver/client';

/** A live object as the server returns it. */
export interface Live {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly uid?: string;
    readonly generation?: number;
    readonly labels?: Record<string, string>;
    readonly deletionTimestamp?: string;
    readonly ownerReferences?: Array<{ readonly kind: string; readonly name: string }>;
    readonly managedFields?: Array<{ readonly manager: string; readonly operation: string; readonly subresource?: string }>;
    readonly [key: string]: unknown;
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- live objects are read field by field in the tests
  readonly spec?: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly status?: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- EndpointSlice endpoints and ports, Endpoints subsets, ...
  readonly [key: string]: any;
}

export async function get(client: KubeClient, path: string): Promise<Live | undefined> {
  const res = await client.request('GET', path);
  if (res.status === 404) return undefined;
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${res.message}`);
  return res.body as unknown as Live;
}

export async function list(client: KubeClient, path: string): Promise<Live[]> {
  const res = await client.request('GET', path);
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${res.message}`);
  return (res.body.items ?? []) as Live[];
}

export const nameOf = (o: { metadata: { name: string; namespace?: string } }) => `${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;

export interface LabelSelector {
  readonly matchLabels?: Record<string, string>;
  readonly matchExpressions?: Array<{ readonly key: string; readonly operator: string; readonly values?: string[] }>;
}

/** Kubernetes label-selector semantics (an empty selector selects everything). */
export function selects(selector: LabelSelector | undefined, labels: Record<string, string> = {}): boolean {
  if (!selector) return false;
  const exact = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  return exact && (selector.matchExpressions ?? []).every((e) => {
    switch (e.operator) {
      case 'In': return k(labels, e.key) !== undefined && (e.values ?? []).includes(labels[e.key]);
      case 'NotIn': return k(labels, e.key) === undefined || !(e.values ?? []).includes(labels[e.key]);
      case 'Exists': return k(labels, e.key) !== undefined;
      case 'DoesNotExist': return k(labels, e.key) === undefined;
      default: throw new Error(`unknown selector operator ${e.operator}`);
    }
  });
}
const k = (labels: Record<string, string>, key: string) => (Object.prototype.hasOwnProperty.call(labels, key) ? labels[key] : undefined);

/** A Service's selector (a plain label map) as a label selector. */
export const serviceSelector = (svc: Live): LabelSelector | undefined => (svc.spec?.selector ? { matchLabels: svc.spec.selector } : undefined);

export const isReady = (pod: Live) => !pod.metadata.deletionTimestamp
  && (pod.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');

/**
 * Polls `check` until it returns undefined (done) or `seconds` pass; the error names what was
 * waited for and the last thing `check` reported.
 */
export async function waitUntil(what: string, check: () => Promise<string | undefined>, seconds: number, intervalMs = 500): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  let seen = 'nothing checked yet';
  for (;;) {
    const result = await check();
    if (result === undefined) return;
    seen = result;
    if (Date.now() > deadline) throw new Error(`${what}: not done after ${seconds}s; last seen: ${seen}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** One synthesized file: its name, its YAML text and the objects in it. */
export interface SynthFile {
  readonly file: string;
  readonly objects: Manifest[];
}

/** What `cdk8s synth` writes (FastApp, as apps/main.ts), read back from the files. */
export function synthesizedFiles(build: (outdir: string) => App): SynthFile[] {
  const outdir = mkdtempSync(join(tmpdir(), 'cluster-dist-'));
  try {
    build(outdir).synth();
    return readdirSync(outdir).filter((f) => f.endsWith('.yaml')).sort().map((file) => ({
      file,
      objects: parseAllDocuments(readFileSync(join(outdir, file), 'utf8')).map((d) => d.toJS() as Manifest).filter((m) => m !== null),
    }));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The field manager the tests apply with, as a GitOps tool applies with its own. */
export const FIELD_MANAGER = 'cdk8s-service-patterns-tests';

/**
 * Server-side apply of every object, Namespaces first (as Argo CD and Flux order them), then the
 * rest in file order. Returns one line per refused object.
 */
export async function applyAll(client: KubeClient, objects: Manifest[], options: { dryRun?: boolean } = {}): Promise<Array<{ object: Manifest; live?: Live; problem?: string }>> {
  const ordered = [...objects.filter((m) => m.kind === 'Namespace'), ...objects.filter((m) => m.kind !== 'Namespace')];
  const out: Array<{ object: Manifest; live?: Live; problem?: string }> = [];
  for (const object of ordered) {
    const res = await client.apply(object, { dryRun: options.dryRun, namespace: 'default' });
    out.push(res.status === 200 || res.status === 201
      ? { object, live: res.body as unknown as Live }
      : { object, problem: `${describeObject(object)}: ${res.status} ${res.message}` });
  }
  return out;
}

/** The API path of a manifest's object (default namespace when it names none). */
export async function pathOf(client: KubeClient, m: Manifest): Promise<string> {
  return `${await client.collectionPath(m, 'default')}/${encodeURIComponent(m.metadata.name)}`;
}
