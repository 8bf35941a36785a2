// Jobs on the simulated cluster (KWOK pods run to completion at once, test/cluster's stages): the
// Job controller runs a Job's pods to completion, the CronJob controller starts a Job on schedule,
// and the NetworkPolicy of a Service the Job connects to selects its live pods.
import { JsonPatch } from 'cdk8s';
import { ConcurrencyPolicy, CronJob, ExposedApp, GitOpsHook, Job } from '../../lib';
import { manifestsOf } from '../apiserver/apply';
import { KubeClient } from '../apiserver/client';
import { createFixtures } from './fixtures';
import { applyAll, list, selects, waitUntil, type Live } from './kube';

const client = KubeClient.fromEnvironment();
const NS = 'jobs';

const jobs = async () => list(client, `/apis/batch/v1/namespaces/${NS}/jobs`);
const pods = async () => list(client, `/api/v1/namespaces/${NS}/pods`);
const condition = (job: Live, type: string) => (job.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === type && c.status === 'True');

/** undefined once the Job named `name` is Complete with `n` succeeded pods, else what is seen. */
async function completed(name: string, n: number): Promise<string | undefined> {
  const job = (await jobs()).find((j) => j.metadata.name === name);
  if (!job) return `no Job ${name}`;
  return condition(job, 'Complete') && job.status.succeeded === n ? undefined : `status ${JSON.stringify(job.status)}`;
}

beforeAll(async () => {
  await createFixtures(client);
  await client.createNamespace(NS);
}, 60_000);

test('a migration Job connected to the database completes; the database\'s NetworkPolicy selects its pod', async () => {
  const manifests = manifestsOf((chart) => {
    const db = new ExposedApp(chart, 'db', { namespace: NS, image: 'ghcr.io/acme/db:1', port: 5432, replicas: 1, networkPolicy: true });
    const migrate = new Job(chart, 'migrate', { namespace: NS, image: 'ghcr.io/acme/api:1.4', args: ['migrate'], hook: GitOpsHook.ARGO_CD_PRE_SYNC, networkPolicy: true, backoffLimit: 1 });
    migrate.connectTo(db);
  });
  expect((await applyAll(client, manifests)).flatMap((r) => (r.problem ? [r.problem] : []))).toEqual([]);
  await waitUntil('Job migrate completes', () => completed('migrate', 1), 90, 1000);
  const pod = (await pods()).find((p) => p.metadata.labels?.['job-name'] === 'migrate')!;
  expect(pod.status.phase).toBe('Succeeded');
  expect(pod.spec.restartPolicy).toBe('Never');
  expect(pod.spec.containers[0].env.find((e: { name: string }) => e.name === 'DB_HOST')?.value).toBe('db.jobs.svc.cluster.local');
  const policy = (await list(client, `/apis/networking.k8s.io/v1/namespaces/${NS}/networkpolicies`)).find((p) => p.metadata.name === 'db')!;
  const from = policy.spec.ingress[0].from[0].podSelector;
  expect(selects(from, pod.metadata.labels)).toBe(true);
}, 120_000);

test('a Job of 3 completions, 2 at a time, completes with 3 succeeded pods', async () => {
  const manifests = manifestsOf((chart) => {
    new Job(chart, 'shards', { namespace: NS, image: 'ghcr.io/acme/shard:1', completions: 3, parallelism: 2 });
  });
  expect((await applyAll(client, manifests)).flatMap((r) => (r.problem ? [r.problem] : []))).toEqual([]);
  await waitUntil('Job shards completes', () => completed('shards', 3), 90, 1000);
}, 120_000);

test('a CronJob starts a Job on schedule, which completes (a schedule of seconds, which the simulation allows)', async () => {
  const manifests = manifestsOf((chart) => {
    new CronJob(chart, 'backup', { namespace: NS, image: 'ghcr.io/acme/backup:1', schedule: '@every 5s', timeZone: 'Europe/Berlin', concurrencyPolicy: ConcurrencyPolicy.FORBID });
  });
  expect((await applyAll(client, manifests)).flatMap((r) => (r.problem ? [r.problem] : []))).toEqual([]);
  await waitUntil('the CronJob\'s first Job completes', async () => {
    const runs = (await jobs()).filter((j) => j.metadata.ownerReferences?.some((o) => o.kind === 'CronJob' && o.name === 'backup'));
    if (runs.length === 0) return 'no Job of the CronJob yet';
    const done = runs.find((j) => condition(j, 'Complete'));
    if (!done) return `${runs.length} Jobs, none complete`;
    // The Job carries the recommended labels of the CronJob's job template.
    expect(done.metadata.labels?.['app.kubernetes.io/name']).toBe('backup');
    return undefined;
  }, 90, 1000);
}, 120_000);

test('why the construct refuses activeDeadline 0, which the server accepts: such a Job fails without succeeding', async () => {
  const manifests = manifestsOf((chart) => {
    const job = new Job(chart, 'no-time', { namespace: NS, image: 'ghcr.io/acme/task:1' });
    job.apiObject.addJsonPatch(JsonPatch.add('/spec/activeDeadlineSeconds', 0));
  });
  expect((await applyAll(client, manifests)).flatMap((r) => (r.problem ? [r.problem] : []))).toEqual([]);
  await waitUntil('Job no-time fails', async () => {
    const job = (await jobs()).find((j) => j.metadata.name === 'no-time');
    if (!job || !condition(job, 'Failed')) return `status ${JSON.stringify(job?.status)}`;
    expect(job.status.succeeded ?? 0).toBe(0);
    expect(job.status.conditions.find((c: { type: string }) => c.type === 'Failed').reason).toBe('DeadlineExceeded');
    return undefined;
  }, 60, 1000);
}, 90_000);
