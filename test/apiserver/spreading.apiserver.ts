// The default spreading (a node and a zone constraint, both ScheduleAnyway) on the real API server,
// as the pods themselves: a StatefulSet's template is not validated at create (K8S-RULES.md §4), so
// each template is also sent as a bare Pod, once by dry-run and once for real.
import { ExposedApp, HeadlessGroup } from '../../lib';
import { createAndDelete, dryRunApply, manifestsOf } from './apply';
import { KubeClient, type Manifest } from './client';

const client = KubeClient.fromEnvironment();
const NAMESPACE = 'spreading';
interface Constraint { topologyKey: string; whenUnsatisfiable: string }
interface PodTemplate { metadata: { labels: object }; spec: { topologySpreadConstraints: Constraint[] } }
const templateOf = (m: Manifest) => (m.spec as { template: PodTemplate }).template;

const workloads = manifestsOf((chart) => {
  new ExposedApp(chart, 'web', { image: 'ghcr.io/example/web:1.0' });
  new HeadlessGroup(chart, 'db', { image: 'ghcr.io/example/db:1.0', port: 5432, replicas: 3 });
}).filter((m) => m.kind === 'Deployment' || m.kind === 'StatefulSet');

const pods: Manifest[] = workloads.map((m) => ({
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name: `${m.metadata.name}-0`, labels: templateOf(m).metadata.labels },
  spec: templateOf(m).spec,
}));

beforeAll(async () => {
  await client.createNamespace(NAMESPACE);
  // Pods need the namespace's default ServiceAccount (admission checks it; no controller makes it here).
  await client.request('POST', `/api/v1/namespaces/${NAMESPACE}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } });
});

test('the workloads carry a node and a zone constraint', () => {
  expect(workloads.map((m) => m.kind)).toEqual(['Deployment', 'StatefulSet']);
  for (const p of pods) {
    expect((p.spec as PodTemplate['spec']).topologySpreadConstraints.map((c) => `${c.topologyKey} ${c.whenUnsatisfiable}`))
      .toEqual(['kubernetes.io/hostname ScheduleAnyway', 'topology.kubernetes.io/zone ScheduleAnyway']);
  }
});

test('the workloads and their pods are accepted without a warning', async () => {
  expect(await dryRunApply(client, [...workloads, ...pods], NAMESPACE)).toEqual([]);
  expect(await createAndDelete(client, [...workloads, ...pods], NAMESPACE)).toEqual([]);
});
