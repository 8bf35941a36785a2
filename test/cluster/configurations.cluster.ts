// A handful of random valid configurations from the property generators (test/configurations.ts),
// each brought up in a namespace of its own on the simulated control plane: what the constructs
// accept must not only be stored by the API server (test/apiserver) but also run: pods scheduled
// and Ready, Services resolving every port, nothing drifting on re-apply.
import { Size } from 'cdk8s';
import fc from 'fast-check';
import { ExposedApp, HeadlessGroup } from '../../lib';
import { ServicePatternsError } from '../../lib/core/errors';
import { manifestsOf } from '../apiserver/apply';
import { KubeClient, type Manifest } from '../apiserver/client';
import { exposedAppProps, workload, type Workload } from '../configurations';
import { deploymentProblems, referenceProblems, serviceEndpointProblems, snapshot, statefulSetProblems, within, type Snapshot } from './checks';
import { createFixtures, suppliedFor } from './fixtures';
import { applyAll, get, nameOf, pathOf, waitUntil } from './kube';

const client = KubeClient.fromEnvironment();

// Millicores of a rendered quantity ("250m", "1.5", "2").
const millis = (q: string | undefined) => (q === undefined ? 0 : q.endsWith('m') ? Number(q.slice(0, -1)) : Number(q) * 1000);
interface PodTemplate { spec: { template: { spec: { containers: Array<{ resources?: { requests?: { cpu?: string } } }>; initContainers?: Array<{ restartPolicy?: string; resources?: { requests?: { cpu?: string } } }> } } } }
const podCpu = (m: Manifest) => {
  const pod = (m as unknown as PodTemplate).spec.template.spec;
  return [...pod.containers, ...(pod.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')].reduce((sum, c) => sum + millis(c.resources?.requests?.cpu), 0);
};

interface Configuration {
  readonly namespace: string;
  readonly kind: 'ExposedApp' | 'HeadlessGroup';
  readonly manifests: Manifest[];
}

/**
 * The generator's workloads as they would be deployed: their random node labels (`disktype: x7`)
 * exist on no node, so nodeSelector is left out; replicas are kept to 1-2 and a pod's CPU requests
 * to what one simulated node holds, so the handful fits the cluster together with the examples.
 */
function configuration(w: Workload, i: number): Configuration {
  const namespace = `random-${i}`;
  const props = { ...exposedAppProps(w), namespace, nodeSelector: undefined, replicas: Math.min(Math.max(w.replicas, 1), 2) };
  if (i % 3 === 2) {
    const { containerPort: _ignored, ...headless } = props;
    return {
      namespace, kind: 'HeadlessGroup',
      manifests: manifestsOf((chart) => new HeadlessGroup(chart, w.name, { ...headless, volumeClaims: [{ name: 'state', storage: Size.gibibytes(1), mountPath: '/var/lib/state' }] })),
    };
  }
  return { namespace, kind: 'ExposedApp', manifests: manifestsOf((chart) => new ExposedApp(chart, w.name, props)) };
}

/** A configuration, or none when the constructs refuse the workload (the generator can repeat an env name). */
function accepted(w: Workload, i: number): Configuration[] {
  try {
    return [configuration(w, i)];
  } catch (e) {
    if (e instanceof ServicePatternsError) return [];
    throw e;
  }
}

const configurations = fc.sample(workload, { seed: 20261204, numRuns: 40 })
  .flatMap(accepted)
  .filter((c) => c.manifests.filter((m) => (m.spec as { template?: unknown } | undefined)?.template).every((m) => podCpu(m) <= 2000))
  .slice(0, 6);

const objects = configurations.flatMap((c) => c.manifests);
const inRandom = (o: { metadata: { namespace?: string } }) => configurations.some((c) => c.namespace === o.metadata.namespace);
let refused: string[] = [];
let s: Snapshot;

beforeAll(async () => {
  await createFixtures(client);
  for (const c of configurations) await client.createNamespace(c.namespace);
  const supplied = configurations.flatMap((c) => suppliedFor(c.manifests));
  refused = (await applyAll(client, [...supplied, ...objects])).flatMap((r) => (r.problem ? [r.problem] : []));
  await waitUntil('the random configurations run', async () => {
    s = await snapshot(client);
    const problems = running(s);
    return problems.length ? problems.slice(0, 5).join('; ') : undefined;
  }, 120, 1000).catch((e: Error) => console.error(e.message));
}, 180_000);

afterAll(async () => {
  for (const c of configurations) await client.request('DELETE', `/api/v1/namespaces/${c.namespace}`);
});

function running(snap: Snapshot): string[] {
  return [
    ...snap.deployments.filter(inRandom).flatMap((d) => deploymentProblems(snap, d)),
    ...snap.statefulSets.filter(inRandom).flatMap((x) => statefulSetProblems(snap, x)),
    ...snap.services.filter((x) => inRandom(x) && x.spec.selector).flatMap((x) => serviceEndpointProblems(snap, x)),
  ];
}

test('six configurations are drawn, both constructs among them', () => {
  expect(configurations.length).toBe(6);
  expect(new Set(configurations.map((c) => c.kind))).toEqual(new Set(['ExposedApp', 'HeadlessGroup']));
});

test('every object applies', () => {
  expect(refused).toEqual([]);
});

test('their workloads run: every replica Ready, every Service lists its pods with each port resolved', () => {
  expect(running(s)).toEqual([]);
});

test('every Secret, ConfigMap and claim they name exists (supplied as a user would)', () => {
  expect(referenceProblems(within(s, new Set(configurations.map((c) => c.namespace))))).toEqual([]);
});

test('no drift: re-applying them changes nothing', async () => {
  const problems: string[] = [];
  for (const { object, live: after, problem } of await applyAll(client, objects, { dryRun: true })) {
    if (problem) {
      problems.push(problem);
      continue;
    }
    const live = await get(client, await pathOf(client, object));
    if (JSON.stringify(live) !== JSON.stringify(after)) problems.push(`${object.kind} ${nameOf(object)} would change`);
  }
  expect(problems).toEqual([]);
});
