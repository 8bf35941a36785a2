// Every example chart, applied to the simulated control plane the way a GitOps tool applies dist/:
// server-side apply of the synthesized files, Namespaces first. Then the controllers, the scheduler
// and KWOK do their work, and the tests check that the objects work together: workloads become
// available, Services find their pods and ports, budgets allow and refuse evictions, rollouts keep
// their promises, placement follows the spreading and the GPU taint, nothing drifts on re-apply.
import { FastApp } from '../../lib';
import { buildExamples } from '../../apps/examples';
import { changedValues } from '../apiserver/apply';
import { KubeClient, type Manifest } from '../apiserver/client';
import { NODES, ZONES } from '../apiserver/simulation';
import {
  autoscalerOf, deploymentProblems, jobProblems, networkPolicyProblems, ownerKind, placement, podsOf, referenceProblems, serviceEndpointProblems, slicesOf,
  snapshot, statefulSetProblems, wantedReplicas, within, type Snapshot,
} from './checks';
import { createFixtures } from './fixtures';
import { applyAll, get, isReady, list, nameOf, pathOf, synthesizedFiles, waitUntil, type Live } from './kube';

const client = KubeClient.fromEnvironment();
const files = synthesizedFiles((outdir) => buildExamples(new FastApp({ outdir })));
const objects = files.flatMap((f) => f.objects);
const key = (kind: string | undefined, namespace: string | undefined, name: string) => `${kind}/${namespace ?? 'default'}/${name}`;
const written = new Map(objects.map((m) => [key(m.kind, m.metadata.namespace, m.metadata.name), m]));
/** The live objects of a kind that the example files wrote. */
const exampleNamespaces = new Set(objects.map((m) => m.metadata.namespace ?? 'default'));
const ours = (items: Live[], kind: string) => items.filter((o) => written.has(key(kind, o.metadata.namespace, o.metadata.name)));

// How long the cluster may take to settle after an apply, an eviction or a rollout.
const SETTLE_SECONDS = 120;

/** Everything that must hold once the cluster has settled: workloads, Services, autoscalers. */
function unsettled(s: Snapshot): string[] {
  return [
    ...ours(s.deployments, 'Deployment').flatMap((d) => deploymentProblems(s, d)),
    ...ours(s.statefulSets, 'StatefulSet').flatMap((d) => statefulSetProblems(s, d)),
    ...ours(s.jobs, 'Job').flatMap(jobProblems),
    ...ours(s.services, 'Service').filter((x) => x.spec.selector).flatMap((x) => serviceEndpointProblems(s, x)),
    ...ours(s.budgets, 'PodDisruptionBudget').filter((b) => (b.status?.observedGeneration ?? 0) < (b.metadata.generation ?? 0)).map((b) => `PodDisruptionBudget ${nameOf(b)}: not observed yet`),
  ];
}

async function settle(what: string): Promise<Snapshot> {
  let s = await snapshot(client);
  await waitUntil(what, async () => {
    s = await snapshot(client);
    const problems = unsettled(s);
    return problems.length ? `${problems.length} problems, first: ${problems.slice(0, 5).join('; ')}` : undefined;
  }, SETTLE_SECONDS, 1000).catch((e: Error) => console.error(e.message));
  return s;
}

let refused: string[] = [];
let s: Snapshot;
/** The Deployments as re-applied with a new image by the rolling-update test. */
let updated: Manifest[] = [];

beforeAll(async () => {
  await createFixtures(client);
  refused = (await applyAll(client, objects)).flatMap((r) => (r.problem ? [r.problem] : []));
  s = await settle('the examples settle');
}, (SETTLE_SECONDS + 60) * 1000);

test('the example files are synthesized', () => {
  expect(files.length).toBeGreaterThanOrEqual(10);
  expect(ours(s.deployments, 'Deployment').length).toBeGreaterThanOrEqual(20);
});

test('every object applies (server-side apply, Namespaces first)', () => {
  expect(refused).toEqual([]);
});

test('every Deployment is Available, with updated == ready == the wanted replicas (an autoscaled one: its minReplicas)', () => {
  expect(ours(s.deployments, 'Deployment').flatMap((d) => deploymentProblems(s, d))).toEqual([]);
  // The autoscaled frontend holds its minimum: no metrics, no reason to scale.
  const frontend = s.deployments.find((d) => nameOf(d) === 'prod/frontend')!;
  expect(autoscalerOf(s, 'Deployment', frontend)?.spec.minReplicas).toBe(3);
  expect(frontend.status.readyReplicas).toBe(3);
});

test('every pod runs Ready on a simulated node, with a pod IP from that node\'s podCIDR', () => {
  const cidrOf = new Map(s.nodes.map((n) => [n.metadata.name, n.spec.podCIDR as string]));
  // The simulated nodes' ranges are /24s (simulation.ts).
  const inCidr = (ip: string, cidr: string) => ip.split('.').slice(0, 3).join('.') === cidr.split('.').slice(0, 3).join('.');
  // A Job's pods run to completion (the next test).
  const pods = s.pods.filter((p) => exampleNamespaces.has(p.metadata.namespace ?? '') && ownerKind(p) !== 'Job');
  expect(pods.length).toBeGreaterThanOrEqual(50);
  expect(pods.filter((p) => !(p.status.phase === 'Running' && isReady(p) && inCidr(p.status.podIP ?? '', cidrOf.get(p.spec.nodeName) ?? '')))
    .map((p) => `${nameOf(p)}: ${p.status.phase} on ${p.spec.nodeName} with IP ${p.status.podIP}`)).toEqual([]);
});

test('every Job completes, its pods Succeeded; the migration Job of the shop reached the database by its connection', () => {
  const jobs = ours(s.jobs, 'Job');
  expect(jobs.map(nameOf).sort()).toEqual(['store/migrate']);
  expect(jobs.flatMap(jobProblems)).toEqual([]);
  const pods = s.pods.filter((p) => p.metadata.namespace === 'store' && p.metadata.labels?.['job-name'] === 'migrate');
  expect(pods.map((p) => p.status.phase)).toEqual(['Succeeded']);
  expect(pods[0].spec.containers[0].env).toContainEqual({ name: 'POSTGRES_HOST', value: 'postgres.store.svc.cluster.local' });
  // The nightly backup waits for its schedule: no run yet.
  expect(ours(s.cronJobs, 'CronJob').map((c) => [nameOf(c), c.spec.schedule, c.spec.timeZone])).toEqual([['store/backup', '0 3 * * *', 'Europe/Berlin']]);
});

test('every StatefulSet has its replicas ready as <name>-0..N-1, each with its hostname in the governing Service', () => {
  const sets = ours(s.statefulSets, 'StatefulSet');
  expect(sets.map(nameOf).sort()).toEqual(['headless-demo/web', 'store/postgres', 'workloads-demo/postgres']);
  expect(sets.flatMap((x) => statefulSetProblems(s, x))).toEqual([]);
});

test('every Service with a selector lists exactly its ready pods, each port resolved to the container port', () => {
  const services = ours(s.services, 'Service').filter((x) => x.spec.selector);
  expect(services.length).toBeGreaterThanOrEqual(25);
  expect(services.flatMap((x) => serviceEndpointProblems(s, x))).toEqual([]);
});

describe('negative controls: the checks fail where they must', () => {
  const ns = 'negative-controls';
  const control = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'control', namespace: ns },
    spec: {
      replicas: 1, selector: { matchLabels: { app: 'control' } },
      template: {
        metadata: { labels: { app: 'control' } },
        spec: { containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10', ports: [{ name: 'http', containerPort: 8080 }], env: [{ name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'missing-secret', key: 'password' } } }] }] },
      },
    },
  };
  const service = (name: string, selector: Record<string, string>, targetPort: string | number): Manifest => ({
    apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec: { selector, ports: [{ name: 'http', port: 80, targetPort }] },
  });
  const services = [service('right', { app: 'control' }, 'http'), service('wrong-selector', { app: 'nobody' }, 'http'), service('wrong-port-name', { app: 'control' }, 'nope'), service('wrong-port-number', { app: 'control' }, 9999)];
  // A Job whose deadline has passed before it starts: the Job controller fails it (DeadlineExceeded).
  const doomed: Manifest = {
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'doomed', namespace: ns },
    spec: { activeDeadlineSeconds: 0, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10' }] } } },
  };
  const policy: Manifest = {
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'from-nobody', namespace: ns },
    spec: { podSelector: { matchLabels: { app: 'control' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'nobody' } } }] }] },
  };
  let c: Snapshot;

  beforeAll(async () => {
    await client.createNamespace(ns);
    for (const m of [control, ...services, policy, doomed]) expect([m.metadata.name, (await client.apply(m as Manifest)).status]).toEqual([m.metadata.name, 201]);
    await waitUntil('the control pod and its Service', async () => {
      c = await snapshot(client);
      const right = c.services.find((x) => nameOf(x) === `${ns}/right`)!;
      const wrongPort = slicesOf(c, c.services.find((x) => nameOf(x) === `${ns}/wrong-port-name`)!);
      const failed = c.jobs.some((j) => nameOf(j) === `${ns}/doomed` && (j.status?.conditions ?? []).some((x: { type: string }) => x.type === 'Failed'));
      return serviceEndpointProblems(c, right).length === 0 && wrongPort.some((x) => x.endpoints?.length) && failed ? undefined : 'not yet';
    }, 60);
  }, 90_000);

  afterAll(async () => {
    await client.request('DELETE', `/api/v1/namespaces/${ns}`);
  });

  test('a Service whose selector matches no pod fails the endpoints check', () => {
    expect(serviceEndpointProblems(c, c.services.find((x) => nameOf(x) === `${ns}/wrong-selector`)!)).toEqual([
      `Service ${ns}/wrong-selector: selector {"app":"nobody"} selects no pod`,
    ]);
  });

  test('a Service whose named targetPort no container has fails the endpoints check', () => {
    const problems = serviceEndpointProblems(c, c.services.find((x) => nameOf(x) === `${ns}/wrong-port-name`)!);
    expect(problems).toContainEqual(expect.stringMatching(/^Service negative-controls\/wrong-port-name: port http: no TCP container port named "nope" on pod control-/));
  });

  test('a Service whose numeric targetPort no container declares fails the endpoints check', () => {
    const problems = serviceEndpointProblems(c, c.services.find((x) => nameOf(x) === `${ns}/wrong-port-number`)!);
    expect(problems).toEqual([expect.stringMatching(/^Service negative-controls\/wrong-port-number: port http: no container declares TCP port 9999 on pod control-/)]);
  });

  test('a NetworkPolicy whose peer selects no pod fails the policy check', () => {
    expect(networkPolicyProblems(c, c.networkPolicies.find((x) => nameOf(x) === `${ns}/from-nobody`)!)).toEqual([
      `NetworkPolicy ${ns}/from-nobody: from peer {"podSelector":{"matchLabels":{"app":"nobody"}}} selects no running pod`,
    ]);
  });

  test('a Job that failed fails the Job check', () => {
    expect(jobProblems(c.jobs.find((x) => nameOf(x) === `${ns}/doomed`)!)).toEqual([expect.stringMatching(/^Job negative-controls\/doomed: not complete \(.*DeadlineExceeded/)]);
  });

  test('KWOK runs a pod whose Secret is missing; the reference check reports it', () => {
    const pod = c.pods.find((p) => p.metadata.namespace === ns)!;
    expect(isReady(pod)).toBe(true);
    expect(referenceProblems(c)).toEqual([`Pod ${nameOf(pod)} names Secret ${ns}/missing-secret, which does not exist`]);
  });
});

test('ExternalDatabase\'s Services, EndpointSlices and Endpoints stay as written: no controller changes, adopts or deletes them', async () => {
  const external = objects.filter((m) => m.metadata.namespace === 'example' && (m.kind === 'EndpointSlice' || m.kind === 'Endpoints' || (m.kind === 'Service' && !(m.spec as { selector?: unknown }).selector)));
  expect(external.map((m) => `${m.kind} ${m.metadata.name}`).sort()).toEqual(['EndpointSlice mysql-ipv4', 'Service mysql', 'Service www-kubernetes']);
  const problems: string[] = [];
  for (const m of external) {
    const live = await get(client, await pathOf(client, m));
    if (!live) {
      problems.push(`${m.kind} ${m.metadata.name} was deleted`);
      continue;
    }
    for (const d of changedValues(m, live, false)) problems.push(`${m.kind} ${m.metadata.name}: ${d}`);
    const managers = (live.metadata.managedFields ?? []).map((f) => f.manager);
    if (managers.some((x) => x !== 'cdk8s-service-patterns-tests')) problems.push(`${m.kind} ${m.metadata.name}: also managed by ${managers}`);
  }
  // No mirrored or controller-made slice beside the written one.
  for (const svc of ['mysql', 'www-kubernetes']) {
    const slices = (await list(client, `/apis/discovery.k8s.io/v1/namespaces/example/endpointslices?labelSelector=kubernetes.io/service-name=${svc}`)).map((x) => x.metadata.name);
    problems.push(...slices.filter((n) => !written.has(key('EndpointSlice', 'example', n))).map((n) => `Service ${svc} got an EndpointSlice nobody wrote: ${n}`));
  }
  expect(problems).toEqual([]);
});

test('every PodDisruptionBudget of an app with two or more replicas allows a disruption', () => {
  const budgets = ours(s.budgets, 'PodDisruptionBudget');
  expect(budgets.length).toBeGreaterThanOrEqual(15);
  const problems = budgets.flatMap((b) => {
    const pods = podsOf(s, b.metadata.namespace, b.spec.selector).filter(isReady).length;
    if (pods < 2) return [`PodDisruptionBudget ${nameOf(b)} covers ${pods} ready pod(s): a budget for fewer than two replicas blocks every drain`];
    return b.status.disruptionsAllowed >= 1 ? [] : [`PodDisruptionBudget ${nameOf(b)}: disruptionsAllowed ${b.status.disruptionsAllowed} over ${pods} pods`];
  });
  expect(problems).toEqual([]);
});

test('the autoscaler resolves its target (AbleToScale); without a metrics server it cannot measure (ScalingActive False)', async () => {
  await waitUntil('the autoscaler\'s conditions', async () => {
    const h = await get(client, '/apis/autoscaling/v2/namespaces/prod/horizontalpodautoscalers/frontend');
    return h?.status?.conditions?.some((x: { type: string }) => x.type === 'ScalingActive') ? undefined : JSON.stringify(h?.status);
  }, 60);
  const h = (await get(client, '/apis/autoscaling/v2/namespaces/prod/horizontalpodautoscalers/frontend'))!;
  const condition = (type: string) => h.status.conditions.find((x: { type: string }) => x.type === type);
  expect([condition('AbleToScale').status, condition('AbleToScale').reason]).toEqual(['True', expect.stringMatching(/^(ReadyForNewScale|SucceededGetScale)$/)]);
  // No metrics server runs in the simulation: the autoscaler says so, and holds minReplicas.
  expect([condition('ScalingActive').status, condition('ScalingActive').reason]).toEqual(['False', 'FailedGetResourceMetric']);
  expect(h.status.currentReplicas).toBe(3);
});

test('the zone-spread app has pods in both zones; the GPU app runs only on the GPU node', () => {
  const frontend = s.deployments.find((d) => nameOf(d) === 'prod/frontend')!;
  expect([...placement(s, 'prod', frontend.spec.selector).zones].sort()).toEqual([...ZONES]);
  const inference = s.deployments.find((d) => nameOf(d) === 'workloads-demo/inference')!;
  const { nodes } = placement(s, 'workloads-demo', inference.spec.selector);
  expect(nodes.size).toBe(1);
  expect([...nodes].every((n) => NODES.gpu.includes(n))).toBe(true);
  // And nothing that does not tolerate the GPU taint lands on the GPU node.
  const onGpu = s.pods.filter((p) => NODES.gpu.includes(p.spec.nodeName) && written.has(key('Deployment', p.metadata.namespace, p.metadata.labels?.['app.kubernetes.io/name'] ?? '')));
  expect(onGpu.map(nameOf).every((n) => n.startsWith('workloads-demo/inference-'))).toBe(true);
});

// Apps this library renders: the cdk8s-plus Deployment `legacy` has no spread constraints of its
// own, so where its pods land is the scheduler's soft default spreading, not ours.
const multiReplica = () => [...ours(s.deployments, 'Deployment'), ...ours(s.statefulSets, 'StatefulSet')]
  .filter((w) => w.metadata.labels?.['app.kubernetes.io/managed-by'] === 'cdk8s-service-patterns' && wantedReplicas(s, w.kind ?? 'Deployment', w) >= 2);
const inOneZone = (w: Live) => placement(s, w.metadata.namespace, w.spec.selector).zones.size < 2;

// Issue #31: a hostname constraint alone turned off the scheduler's default zone spreading, and
// some two-replica apps landed in one zone; the library now writes a zone constraint beside it.
test('every multi-replica app has pods in both zones', () => {
  expect(multiReplica().length).toBeGreaterThan(10);
  expect(multiReplica().filter(inOneZone).map(nameOf)).toEqual([]);
});

test('every NetworkPolicy selects running pods, and each of its peers selects the client pods', () => {
  const policies = ours(s.networkPolicies, 'NetworkPolicy');
  expect(policies.length).toBeGreaterThanOrEqual(3);
  expect(policies.flatMap((p) => networkPolicyProblems(s, p))).toEqual([]);
});

test('every Secret, ConfigMap, claim, ServiceAccount, RuntimeClass, IngressClass and GatewayClass that is named exists', () => {
  expect(referenceProblems(within(s, exampleNamespaces))).toEqual([]);
});

/** What a server-side apply dry-run of `files` would change in the live objects. */
async function drift(files: Manifest[]): Promise<string[]> {
  const problems: string[] = [];
  for (const { object, live: after, problem } of await applyAll(client, files, { dryRun: true })) {
    if (problem) {
      problems.push(problem);
      continue;
    }
    const live = await get(client, await pathOf(client, object));
    for (const d of differences(live, after)) problems.push(`${object.kind} ${nameOf(object)}: ${d}`);
  }
  return problems;
}

test('no drift: re-applying the same files changes nothing, after the controllers have written status and defaults', async () => {
  expect(await drift(objects)).toEqual([]);
});

test('no drift under an autoscaler: a replica count set through the scale subresource is not reset by a re-apply', async () => {
  const scale = '/apis/apps/v1/namespaces/prod/deployments/frontend/scale';
  const set = (replicas: number) => client.request('PATCH', scale, { spec: { replicas } }, 'application/merge-patch+json');
  // What the autoscaler would do under load (it cannot here: no metrics).
  expect((await set(5)).status).toBe(200);
  try {
    expect(await drift(objects)).toEqual([]);
    const [result] = await applyAll(client, objects.filter((m) => m.kind === 'Deployment' && m.metadata.namespace === 'prod' && m.metadata.name === 'frontend'));
    expect([result.problem, result.live?.spec.replicas]).toEqual([undefined, 5]);
  } finally {
    await set(3);
  }
  expect(unsettled(await settle('frontend back at its minimum'))).toEqual([]);
}, (SETTLE_SECONDS + 60) * 1000);

test('evictions: each budget lets its allowed disruptions through and refuses the next one (nodes cordoned, as kubectl drain does)', async () => {
  const budgets = ours((await snapshot(client)).budgets, 'PodDisruptionBudget');
  const results: string[] = [];
  await cordon(true);
  try {
    for (const b of budgets) {
      const allowed = b.status.disruptionsAllowed;
      const pods = (await snapshot(client)).pods.filter((p) => p.metadata.namespace === b.metadata.namespace && isReady(p) && matches(b, p));
      let evicted = 0;
      let refusedWith = 0;
      for (const pod of pods) {
        const res = await client.request('POST', `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}/eviction`, {
          apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace },
        });
        if (res.status === 201) evicted++;
        else {
          refusedWith = res.status;
          break;
        }
      }
      results.push(`${nameOf(b)}: allowed ${allowed}, evicted ${evicted}, then ${refusedWith || 'nothing refused'}`);
      expect(allowed).toBeGreaterThanOrEqual(1);
    }
  } finally {
    await cordon(false);
  }
  expect(results).toEqual(budgets.map((b) => `${nameOf(b)}: allowed ${b.status.disruptionsAllowed}, evicted ${b.status.disruptionsAllowed}, then 429`));
  expect(unsettled(await settle('the cluster settles after the evictions'))).toEqual([]);
}, (SETTLE_SECONDS + 60) * 1000);

test('a rolling update (new image, re-applied) completes; with maxUnavailable 0 no moment has fewer ready pods than wanted', async () => {
  const before = await snapshot(client);
  const deployments = ours(before.deployments, 'Deployment').filter((d) => d.spec.strategy?.type === 'RollingUpdate');
  const tracked = deployments.map((d) => ({
    d, wanted: wantedReplicas(before, 'Deployment', d), strict: d.spec.strategy.rollingUpdate?.maxUnavailable === 0, fewest: Infinity, newReady: new Set<string>(),
  }));
  expect(tracked.filter((t) => t.strict).length).toBeGreaterThanOrEqual(10);
  // Every pod event in the order the server wrote it: the ready count of each Deployment after each.
  const pods = new Map(before.pods.map((p) => [p.metadata.uid, p]));
  const rv = (await client.request('GET', '/api/v1/pods?limit=1')).body.metadata as { resourceVersion: string };
  const stop = client.watch('/api/v1/pods', rv.resourceVersion, (type, object) => {
    const pod = object as unknown as Live;
    if (type === 'DELETED') pods.delete(pod.metadata.uid);
    else pods.set(pod.metadata.uid, pod);
    for (const t of tracked) {
      const ready = [...pods.values()].filter((p) => p.metadata.namespace === t.d.metadata.namespace && isReady(p) && matches(t.d, p)).length;
      t.fewest = Math.min(t.fewest, ready);
      if (isReady(pod) && matches(t.d, pod) && pod.metadata.namespace === t.d.metadata.namespace && pod.spec.containers[0].image.endsWith('-next')) t.newReady.add(pod.metadata.name);
    }
  });
  try {
    updated = objects.filter((m) => m.kind === 'Deployment' && deployments.some((d) => nameOf(d) === nameOf({ metadata: { ...m.metadata, namespace: m.metadata.namespace ?? 'default' } })))
      .map(withNewImage);
    expect((await applyAll(client, updated)).flatMap((r) => (r.problem ? [r.problem] : []))).toEqual([]);
    await waitUntil('every rollout completes', async () => {
      const now = await snapshot(client);
      const problems = ours(now.deployments, 'Deployment').flatMap((d) => deploymentProblems(now, d));
      const old = now.pods.filter((p) => tracked.some((t) => p.metadata.namespace === t.d.metadata.namespace && matches(t.d, p)) && !p.spec.containers[0].image.endsWith('-next'));
      return problems.length || old.length ? `${problems.slice(0, 3).join('; ')}; ${old.length} pods of the old image` : undefined;
    }, SETTLE_SECONDS, 1000);
  } finally {
    stop();
  }
  // The watch saw every Deployment's new pods turn Ready, so the counts above cover the rollouts.
  expect(tracked.filter((t) => t.newReady.size < t.wanted).map((t) => `${nameOf(t.d)}: the watch saw ${t.newReady.size} new pods Ready`)).toEqual([]);
  expect(tracked.filter((t) => t.strict && t.fewest < t.wanted).map((t) => `${nameOf(t.d)}: ${t.fewest} ready pods at one moment, wanted ${t.wanted}`)).toEqual([]);
}, (SETTLE_SECONDS + 60) * 1000);

test('no drift after the rollouts: re-applying the updated files changes nothing', async () => {
  expect(updated.length).toBeGreaterThanOrEqual(20);
  expect(await drift(objects.map((m) => updated.find((u) => u.kind === m.kind && nameOf(u) === nameOf(m)) ?? m))).toEqual([]);
});

/** The workload's image with `-next` appended to the first container's tag. */
function withNewImage(m: Manifest): Manifest {
  const copy = JSON.parse(JSON.stringify(m)) as Manifest & { spec: { template: { spec: { containers: Array<{ image: string }> } } } };
  copy.spec.template.spec.containers[0].image += '-next';
  return copy;
}

const matches = (owner: Live, pod: Live) => podsOf({ pods: [pod] } as unknown as Snapshot, owner.metadata.namespace, owner.spec.selector).length === 1;

async function cordon(on: boolean): Promise<void> {
  for (const node of NODES.all) {
    const res = await client.request('PATCH', `/api/v1/nodes/${node}`, { spec: { unschedulable: on ? true : null } }, 'application/merge-patch+json');
    if (res.status !== 200) throw new Error(`cordon ${node}: ${res.status} ${res.message}`);
  }
}

/** The paths where two JSON values differ. */
function differences(a: unknown, b: unknown, path = ''): string[] {
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`));
  }
  return a === b ? [] : [`${path || '.'}: ${JSON.stringify(a)} -> ${JSON.stringify(b)}`];
}
