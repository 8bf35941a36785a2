// Helpers to send synthesized charts to the test API server and collect what it refused or warned about.
import { App, Chart, Testing } from 'cdk8s';
import type { Construct } from 'constructs';
import { toYaml } from '../../lib/core/yaml';
import { KubeClient, type KubeResponse, type Manifest } from './client';

/** One line per refused object or warning, empty when the server took everything silently. */
export type Findings = string[];

export function manifestsOf(build: (chart: Chart) => void): Manifest[] {
  const chart = Testing.chart();
  build(chart);
  return chart.toJson() as Manifest[];
}

export function chartsOf(build: (app: App) => void): Array<{ id: string; manifests: Manifest[] }> {
  const app = Testing.app();
  build(app);
  return app.charts.map((c: Construct & Chart) => ({ id: c.node.id, manifests: c.toJson() as Manifest[] }));
}

export function describeObject(m: Manifest): string {
  return `${m.kind} ${m.metadata.namespace ? `${m.metadata.namespace}/` : ''}${m.metadata.name}`;
}

function findingsOf(m: Manifest, res: KubeResponse, ok: number[]): Findings {
  const out: Findings = [];
  if (!ok.includes(res.status)) out.push(`${describeObject(m)}: ${res.status} ${res.message}`);
  for (const w of res.warnings) out.push(`${describeObject(m)}: warning: ${w}`);
  return out;
}

/**
 * Makes sure every namespace the manifests use exists: Namespace objects among them are applied as
 * written (their Pod Security labels included), others are created bare.
 */
export async function ensureNamespaces(client: KubeClient, manifests: Manifest[]): Promise<Findings> {
  const findings: Findings = [];
  for (const ns of manifests.filter((m) => m.kind === 'Namespace')) findings.push(...findingsOf(ns, await client.apply(ns), [200, 201]));
  const declared = new Set(manifests.filter((m) => m.kind === 'Namespace').map((m) => m.metadata.name));
  for (const name of new Set(manifests.map((m) => m.metadata.namespace).filter((n): n is string => !!n && !declared.has(n)))) {
    await client.createNamespace(name);
  }
  return findings;
}

const isGoZero = (v: unknown) => v === false || v === 0 || v === '' || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);

/**
 * Every value written that the server holds differently: a string Go's YAML parser read as a number
 * or a boolean, a field dropped or changed. Defaults the server adds are not compared. A zero value
 * (false, 0, "", empty list or map) that the server drops is noise in our own objects, where it is
 * reported; in others (cdk8s-plus writes `hostNetwork: false`) it may vanish.
 */
export function changedValues(sent: unknown, stored: unknown, zerosMayVanish: boolean, path = ''): string[] {
  if (stored === undefined && zerosMayVanish && isGoZero(sent)) return [];
  if (sent !== null && typeof sent === 'object') {
    if (stored === null || typeof stored !== 'object') return [`${path}: sent ${JSON.stringify(sent)}, stored ${JSON.stringify(stored)}`];
    return Object.entries(sent).flatMap(([k, v]) => changedValues(v, (stored as Record<string, unknown>)[k], zerosMayVanish, Array.isArray(sent) ? `${path}[${k}]` : `${path}.${k}`));
  }
  return sent === stored ? [] : [`${path}: sent ${JSON.stringify(sent)}, stored ${JSON.stringify(stored)}`];
}

const isOurs = (m: Manifest) => (m.metadata.labels as Record<string, string> | undefined)?.['app.kubernetes.io/managed-by'] === 'cdk8s-service-patterns';

/**
 * Server-side apply with dryRun=All and strict field validation, as `kubectl apply --server-side
 * --dry-run=server` does, of the YAML that FastApp writes: the server reads it with Go's YAML parser
 * and must store every value as we wrote it.
 */
export async function dryRunApply(client: KubeClient, manifests: Manifest[], namespace = 'default'): Promise<Findings> {
  const findings = await ensureNamespaces(client, manifests);
  for (const m of manifests.filter((x) => x.kind !== 'Namespace')) {
    const res = await client.apply(m, { dryRun: true, namespace, yaml: toYaml(m) });
    findings.push(...findingsOf(m, res, [200, 201]));
    if (res.status < 300) findings.push(...changedValues(m, res.body, !isOurs(m)).map((d) => `${describeObject(m)}: ${d}`));
  }
  return findings;
}

/**
 * Creates the objects for real (objects without a namespace in `namespace`), which allocates cluster
 * IPs and node ports, then deletes them again so the next set starts from a clean cluster.
 */
export async function createAndDelete(client: KubeClient, manifests: Manifest[], namespace: string, labels: Record<string, string> = {}): Promise<Findings> {
  await client.createNamespace(namespace, labels);
  const findings = await ensureNamespaces(client, manifests);
  const created: Manifest[] = [];
  for (const m of manifests.filter((x) => x.kind !== 'Namespace')) {
    const res = await client.create(m, { namespace });
    findings.push(...findingsOf(m, res, [201]));
    if (res.status === 201) created.push(m);
  }
  for (const m of created.reverse()) {
    const res = await client.delete(m, namespace);
    if (res.status !== 200 && res.status !== 202) findings.push(`${describeObject(m)}: delete: ${res.status} ${res.message}`);
  }
  return findings;
}
