// The whole-application example (docs/shop.md) synced the way Argo CD syncs it: PreSync hooks
// first, then the Sync phase wave by wave (sync-wave annotation, lowest first, Sync hooks in their
// wave), each wave applied and then waited for until it is healthy, then PostSync hooks. The waves
// come from the library (derived from the construct graph); this test shows that, followed in
// order on a real control plane, they bring the app up: every wave becomes healthy with only what
// the earlier waves applied, and the migration Job has completed before the API tracks exist.
import { FastApp } from '../../lib';
import { ShopExample } from '../../apps/shop';
import { KubeClient, type Manifest } from '../apiserver/client';
import { deploymentProblems, jobProblems, referenceProblems, snapshot, statefulSetProblems, within, type Snapshot } from './checks';
import { createFixtures } from './fixtures';
import { applyAll, nameOf, synthesizedFiles, waitUntil } from './kube';

const client = KubeClient.fromEnvironment();
const NS = 'store-waves';
const objects = synthesizedFiles((outdir) => {
  const app = new FastApp({ outdir });
  new ShopExample(app, 'shop', { namespace: NS });
  return app;
}).flatMap((f) => f.objects);

const annotation = (m: Manifest, key: string) => (m.metadata as { annotations?: Record<string, string> }).annotations?.[key];
const hook = (m: Manifest) => annotation(m, 'argocd.argoproj.io/hook');
const wave = (m: Manifest) => Number(annotation(m, 'argocd.argoproj.io/sync-wave') ?? 0);

/** Argo CD's order: [PreSync hooks], the Sync phase's waves in order, [PostSync hooks]. */
function syncSteps(all: Manifest[]): Array<{ name: string; objects: Manifest[] }> {
  const steps: Array<{ name: string; objects: Manifest[] }> = [];
  const pre = all.filter((m) => hook(m) === 'PreSync');
  if (pre.length) steps.push({ name: 'PreSync', objects: pre });
  const sync = all.filter((m) => hook(m) === undefined || hook(m) === 'Sync');
  for (const w of [...new Set(sync.map(wave))].sort((a, b) => a - b)) steps.push({ name: `wave ${w}`, objects: sync.filter((m) => wave(m) === w) });
  const post = all.filter((m) => hook(m) === 'PostSync');
  if (post.length) steps.push({ name: 'PostSync', objects: post });
  return steps;
}

/** Argo CD's health of what a step applied: workloads ready, Jobs complete, claims bound. */
function unhealthy(s: Snapshot, applied: Manifest[]): string[] {
  const live = (kind: string, items: Snapshot[keyof Snapshot]) => applied.filter((m) => m.kind === kind)
    .map((m) => items.find((x) => x.metadata.name === m.metadata.name && x.metadata.namespace === NS))
    .filter((x) => x !== undefined);
  return [
    ...live('Deployment', s.deployments).flatMap((d) => deploymentProblems(s, d)),
    ...live('StatefulSet', s.statefulSets).flatMap((x) => statefulSetProblems(s, x)),
    ...live('Job', s.jobs).flatMap(jobProblems),
    ...live('PersistentVolumeClaim', s.claims).filter((c) => c.status?.phase !== 'Bound').map((c) => `PersistentVolumeClaim ${nameOf(c)}: ${c.status?.phase}`),
  ];
}

const steps = syncSteps(objects);
/** Per step: what was refused, what stayed unhealthy, and what the pods named that was missing. */
const outcome: Array<{ step: string; refused: string[]; unhealthy: string[]; missing: string[] }> = [];
let final: Snapshot;

beforeAll(async () => {
  await createFixtures(client);
  // What the cluster must have before the app (docs/shop.md): the password Secret and the certificate.
  await client.createNamespace(NS);
  for (const m of [
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'store-db', namespace: NS }, stringData: { password: 'not-a-secret' } },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'store-tls', namespace: NS }, type: 'kubernetes.io/tls', stringData: { 'tls.crt': 'not a certificate', 'tls.key': 'not a key' } },
  ] as Manifest[]) {
    const res = await client.apply(m);
    if (res.status !== 200 && res.status !== 201) throw new Error(`${m.kind} ${m.metadata.name}: ${res.status} ${res.message}`);
  }
  for (const step of steps) {
    const refused = (await applyAll(client, step.objects)).flatMap((r) => (r.problem ? [r.problem] : []));
    let s = await snapshot(client);
    await waitUntil(`${step.name} is healthy`, async () => {
      s = await snapshot(client);
      const problems = unhealthy(s, step.objects);
      return problems.length ? problems.slice(0, 3).join('; ') : undefined;
    }, 90, 1000).catch(() => undefined);
    outcome.push({ step: step.name, refused, unhealthy: unhealthy(s, step.objects), missing: referenceProblems(within(s, new Set([NS]))) });
  }
  final = await snapshot(client);
}, 600_000);

afterAll(async () => {
  await client.request('DELETE', `/api/v1/namespaces/${NS}`);
});

test('the library derived these steps from the construct graph', () => {
  const names = steps.map((st) => [st.name, st.objects.filter((m) => m.kind !== 'NetworkPolicy' && m.kind !== 'PodDisruptionBudget').map((m) => `${m.kind} ${m.metadata.name}`)]);
  expect(names).toEqual([
    ['wave 0', ['Namespace store-waves', 'Service postgres', 'StatefulSet postgres', 'Service redis', 'Deployment redis', 'Service ledger', 'PersistentVolumeClaim backups', 'ConfigMap api-settings']],
    ['wave 1', ['CronJob backup', 'Job migrate']],
    ['wave 2', ['Deployment api-stable', 'Deployment api-canary']],
    ['wave 3', ['Service api']],
    ['wave 4', ['Service web', 'Deployment web', 'Ingress web']],
  ]);
});

test('applied wave by wave, every wave is accepted and becomes healthy, and no pod names what is not there yet', () => {
  expect(outcome.map((o) => o.step)).toEqual(steps.map((st) => st.name));
  expect(outcome.filter((o) => o.refused.length || o.unhealthy.length || o.missing.length)).toEqual([]);
});

test('the migration Job completed before the API tracks were created', () => {
  const job = final.jobs.find((j) => j.metadata.namespace === NS && j.metadata.name === 'migrate')!;
  expect(jobProblems(job)).toEqual([]);
  const completed = Date.parse(job.status.completionTime);
  for (const name of ['api-stable', 'api-canary']) {
    const d = final.deployments.find((x) => x.metadata.namespace === NS && x.metadata.name === name)!;
    expect([name, Date.parse(d.metadata.creationTimestamp as string) >= completed]).toEqual([name, true]);
  }
});
