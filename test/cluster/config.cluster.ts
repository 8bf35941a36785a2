// Configuration rolls exactly the pods that read it: one changed byte of a ConfigMap the app reads
// makes a new ReplicaSet and a completed rollout; a change of a ConfigMap it does not read leaves
// the Deployment alone. And a claim written by the library binds and its single pod runs.
import { Size } from 'cdk8s';
import { ConfigMap, EnvFrom, EnvValue, ExposedApp, PersistentVolumeClaim, Volume } from '../../lib';
import { manifestsOf } from '../apiserver/apply';
import { KubeClient, type Manifest } from '../apiserver/client';
import { createFixtures, STORAGE_CLASS } from './fixtures';
import { applyAll, get, isReady, list, waitUntil } from './kube';

const client = KubeClient.fromEnvironment();
const NS = 'config-roll';

function manifests(level: string, unrelated: string): Manifest[] {
  return manifestsOf((chart) => {
    const config = new ConfigMap(chart, 'app-config', { namespace: NS, data: { LEVEL: level, 'app.yaml': 'port: 8080\n' } });
    new ConfigMap(chart, 'other-config', { namespace: NS, data: { X: unrelated } });
    const claim = new PersistentVolumeClaim(chart, 'app-data', { namespace: NS, storage: Size.gibibytes(1), storageClassName: STORAGE_CLASS });
    new ExposedApp(chart, 'app', {
      namespace: NS, image: 'ghcr.io/acme/app:1.0', port: 8080, replicas: 1,
      envValues: { LEVEL: EnvValue.fromConfigMapRef(config, 'LEVEL') },
      envFrom: [EnvFrom.fromConfigMapRef(config, { prefix: 'CFG_' })],
      volumes: [Volume.fromConfigMapRef('config', config), Volume.fromClaimRef('data', claim)],
      volumeMounts: [{ volume: 'config', mountPath: '/etc/app' }, { volume: 'data', mountPath: '/data' }],
    });
  });
}

const replicaSets = async () => (await list(client, `/apis/apps/v1/namespaces/${NS}/replicasets`)).filter((rs) => rs.metadata.ownerReferences?.some((o) => o.name === 'app'));
const deployment = async () => (await get(client, `/apis/apps/v1/namespaces/${NS}/deployments/app`))!;

async function apply(level: string, unrelated: string): Promise<void> {
  const problems = (await applyAll(client, manifests(level, unrelated))).flatMap((r) => (r.problem ? [r.problem] : []));
  expect(problems).toEqual([]);
}

/** The rollout is complete: one ReplicaSet with the ready pod, the others scaled to 0. */
async function rolledOut(): Promise<string | undefined> {
  const d = await deployment();
  const st = d.status ?? {};
  if (st.observedGeneration !== d.metadata.generation || st.updatedReplicas !== 1 || st.availableReplicas !== 1 || (st.replicas ?? 0) !== 1) {
    return `deployment status ${JSON.stringify(st)}`;
  }
  const pods = (await list(client, `/api/v1/namespaces/${NS}/pods`)).filter((p) => p.metadata.labels?.['app.kubernetes.io/name'] === 'app');
  if (pods.filter(isReady).length !== 1) return `${pods.length} pods, ${pods.filter(isReady).length} ready`;
  return undefined;
}

beforeAll(async () => {
  await createFixtures(client);
  await client.createNamespace(NS);
}, 60_000);

test('the app with its ConfigMap and claim comes up; the claim binds', async () => {
  await apply('info', '1');
  await waitUntil('the app is rolled out', rolledOut, 90, 1000);
  expect((await get(client, `/api/v1/namespaces/${NS}/persistentvolumeclaims/app-data`))?.status?.phase).toBe('Bound');
  expect(await replicaSets()).toHaveLength(1);
});

test('a change of configuration the app does not read: no new ReplicaSet, same generation', async () => {
  const before = await deployment();
  await apply('info', '2');
  expect((await get(client, `/api/v1/namespaces/${NS}/configmaps/other-config`))?.data).toEqual({ X: '2' });
  await new Promise((r) => setTimeout(r, 3000));
  expect((await deployment()).metadata.generation).toBe(before.metadata.generation);
  expect(await replicaSets()).toHaveLength(1);
});

test('one changed byte of the ConfigMap the app reads: a new ReplicaSet, and the rollout completes', async () => {
  const before = await replicaSets();
  await apply('infO', '2');
  await waitUntil('the new ReplicaSet is rolled out', async () => {
    const sets = await replicaSets();
    if (sets.length !== 2) return `${sets.length} ReplicaSets`;
    return rolledOut();
  }, 90, 1000);
  const sets = await replicaSets();
  const fresh = sets.find((rs) => !before.some((b) => b.metadata.name === rs.metadata.name))!;
  expect(fresh.status.readyReplicas).toBe(1);
  expect(sets.filter((rs) => rs !== fresh).every((rs) => (rs.spec.replicas ?? 0) === 0)).toBe(true);
});
