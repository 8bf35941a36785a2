// What "it works" means on the simulated cluster, as functions from a snapshot of the cluster to a
// list of problems (empty when all is well), so that every check can also be shown to fail.
import type { KubeClient } from '../apiserver/client';
import { isReady, list, nameOf, selects, serviceSelector, type LabelSelector, type Live } from './kube';

/** Everything the checks read, listed once across all namespaces. */
export interface Snapshot {
  readonly namespaces: Live[];
  readonly nodes: Live[];
  readonly pods: Live[];
  readonly services: Live[];
  readonly endpointSlices: Live[];
  readonly endpoints: Live[];
  readonly deployments: Live[];
  readonly statefulSets: Live[];
  readonly jobs: Live[];
  readonly cronJobs: Live[];
  readonly autoscalers: Live[];
  readonly budgets: Live[];
  readonly networkPolicies: Live[];
  readonly secrets: Live[];
  readonly configMaps: Live[];
  readonly claims: Live[];
  readonly serviceAccounts: Live[];
  readonly ingresses: Live[];
  readonly ingressClasses: Live[];
  readonly gateways: Live[];
  readonly gatewayClasses: Live[];
  readonly httpRoutes: Live[];
  readonly runtimeClasses: Live[];
}

export async function snapshot(client: KubeClient): Promise<Snapshot> {
  const paths = {
    namespaces: '/api/v1/namespaces', nodes: '/api/v1/nodes', pods: '/api/v1/pods', services: '/api/v1/services',
    endpointSlices: '/apis/discovery.k8s.io/v1/endpointslices', endpoints: '/api/v1/endpoints',
    deployments: '/apis/apps/v1/deployments', statefulSets: '/apis/apps/v1/statefulsets',
    jobs: '/apis/batch/v1/jobs', cronJobs: '/apis/batch/v1/cronjobs',
    autoscalers: '/apis/autoscaling/v2/horizontalpodautoscalers', budgets: '/apis/policy/v1/poddisruptionbudgets',
    networkPolicies: '/apis/networking.k8s.io/v1/networkpolicies', secrets: '/api/v1/secrets', configMaps: '/api/v1/configmaps',
    claims: '/api/v1/persistentvolumeclaims', serviceAccounts: '/api/v1/serviceaccounts',
    ingresses: '/apis/networking.k8s.io/v1/ingresses', ingressClasses: '/apis/networking.k8s.io/v1/ingressclasses',
    gateways: '/apis/gateway.networking.k8s.io/v1/gateways', gatewayClasses: '/apis/gateway.networking.k8s.io/v1/gatewayclasses',
    httpRoutes: '/apis/gateway.networking.k8s.io/v1/httproutes', runtimeClasses: '/apis/node.k8s.io/v1/runtimeclasses',
  };
  const entries = await Promise.all(Object.entries(paths).map(async ([key, path]) => [key, await list(client, path)] as const));
  return Object.fromEntries(entries) as unknown as Snapshot;
}

const inNamespace = (items: Live[], namespace: string | undefined) => items.filter((i) => i.metadata.namespace === namespace);

/** The pods a label selector picks in a namespace (terminating pods excluded). */
export function podsOf(s: Snapshot, namespace: string | undefined, selector: LabelSelector | undefined): Live[] {
  return inNamespace(s.pods, namespace).filter((p) => !p.metadata.deletionTimestamp && selects(selector, p.metadata.labels));
}

/** The autoscaler that scales a workload, if any. */
export function autoscalerOf(s: Snapshot, kind: string, workload: Live): Live | undefined {
  return inNamespace(s.autoscalers, workload.metadata.namespace).find((h) => h.spec.scaleTargetRef.kind === kind && h.spec.scaleTargetRef.name === workload.metadata.name);
}

/** The replicas a workload should run: its autoscaler's minimum (no load here), else its own count. */
export function wantedReplicas(s: Snapshot, kind: string, workload: Live): number {
  return autoscalerOf(s, kind, workload)?.spec.minReplicas ?? workload.spec.replicas ?? 1;
}

export function deploymentProblems(s: Snapshot, d: Live): string[] {
  const wanted = wantedReplicas(s, 'Deployment', d);
  const st = d.status ?? {};
  const problems: string[] = [];
  if (d.spec.replicas !== wanted) problems.push(`spec.replicas ${d.spec.replicas}, wanted ${wanted}`);
  if ((st.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) problems.push(`generation ${d.metadata.generation} not observed yet (${st.observedGeneration})`);
  for (const f of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas']) {
    if ((st[f] ?? 0) !== wanted) problems.push(`status.${f} ${st[f] ?? 0}, wanted ${wanted}`);
  }
  const available = (st.conditions ?? []).find((c: { type: string }) => c.type === 'Available');
  if (available?.status !== 'True') problems.push(`condition Available ${available?.status ?? 'missing'} (${available?.message ?? ''})`);
  return problems.map((p) => `Deployment ${nameOf(d)}: ${p}`);
}

/** All replicas ready as pods <name>-0..N-1, each listed by the governing Service with its hostname. */
export function statefulSetProblems(s: Snapshot, sts: Live): string[] {
  const wanted = wantedReplicas(s, 'StatefulSet', sts);
  const problems: string[] = [];
  if ((sts.status?.readyReplicas ?? 0) !== wanted) problems.push(`status.readyReplicas ${sts.status?.readyReplicas ?? 0}, wanted ${wanted}`);
  const pods = podsOf(s, sts.metadata.namespace, sts.spec.selector);
  const expected = Array.from({ length: wanted }, (_, i) => `${sts.metadata.name}-${i}`);
  const names = pods.map((p) => p.metadata.name).sort();
  if (JSON.stringify(names) !== JSON.stringify(expected.slice().sort())) problems.push(`pods ${JSON.stringify(names)}, wanted ${JSON.stringify(expected)}`);
  for (const p of pods.filter((x) => !isReady(x))) problems.push(`pod ${p.metadata.name} not Ready`);
  const governing = inNamespace(s.services, sts.metadata.namespace).find((x) => x.metadata.name === sts.spec.serviceName);
  if (!governing) {
    problems.push(`governing Service ${sts.spec.serviceName} does not exist`);
  } else {
    const hostnames = new Map<string, string | undefined>();
    for (const slice of slicesOf(s, governing)) for (const e of slice.endpoints ?? []) hostnames.set(e.targetRef?.name, e.hostname);
    for (const name of expected) {
      if (hostnames.get(name) !== name) problems.push(`Service ${sts.spec.serviceName}'s EndpointSlices list pod ${name} with hostname ${JSON.stringify(hostnames.get(name))}, so ${name}.${sts.spec.serviceName} does not resolve`);
    }
  }
  return problems.map((p) => `StatefulSet ${nameOf(sts)}: ${p}`);
}

export function slicesOf(s: Snapshot, svc: Live): Live[] {
  return inNamespace(s.endpointSlices, svc.metadata.namespace).filter((e) => e.metadata.labels?.['kubernetes.io/service-name'] === svc.metadata.name);
}

interface ContainerPort { readonly name?: string; readonly containerPort: number; readonly protocol?: string }

/** The container port number a Service port reaches on a pod, or a reason it reaches none. */
function resolvePort(pod: Live, port: { port: number; targetPort?: number | string; protocol?: string }): number | string {
  const target = port.targetPort ?? port.port;
  const protocol = port.protocol ?? 'TCP';
  const ports: ContainerPort[] = [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? []).filter((c: { restartPolicy?: string }) => c.restartPolicy === 'Always')]
    .flatMap((c: { ports?: ContainerPort[] }) => c.ports ?? []);
  // A number must be a port some container declares: otherwise the Service sends traffic where,
  // as far as the pod says, nothing listens.
  if (typeof target === 'number') {
    return ports.some((p) => p.containerPort === target && (p.protocol ?? 'TCP') === protocol) ? target : `no container declares ${protocol} port ${target}`;
  }
  const found = ports.find((p) => p.name === target && (p.protocol ?? 'TCP') === protocol);
  return found ? found.containerPort : `no ${protocol} container port named ${JSON.stringify(target)}`;
}

/**
 * A Service with a selector: its controller-managed EndpointSlices list exactly the ready pods it
 * selects, each with its pod IP, and carry every Service port with the container port number it
 * resolves to on those pods. A Service that selects no pod, or a port that resolves to nothing, is a
 * problem.
 */
export function serviceEndpointProblems(s: Snapshot, svc: Live): string[] {
  const problems: string[] = [];
  const selected = podsOf(s, svc.metadata.namespace, serviceSelector(svc));
  const ready = selected.filter(isReady);
  if (selected.length === 0) problems.push(`selector ${JSON.stringify(svc.spec.selector)} selects no pod`);
  const slices = slicesOf(s, svc).filter((x) => x.metadata.labels?.['endpointslice.kubernetes.io/managed-by'] === 'endpointslice-controller.k8s.io');
  const listed = new Map<string, { ip: string[]; slice: Live }>();
  for (const slice of slices) {
    for (const e of slice.endpoints ?? []) if (e.conditions?.ready && e.targetRef?.name) listed.set(e.targetRef.name, { ip: e.addresses, slice });
  }
  const want = ready.map((p) => p.metadata.name).sort();
  const have = [...listed.keys()].sort();
  if (JSON.stringify(want) !== JSON.stringify(have)) problems.push(`EndpointSlices list ready pods ${JSON.stringify(have)}, the selector's ready pods are ${JSON.stringify(want)}`);
  for (const pod of ready) {
    const entry = listed.get(pod.metadata.name);
    if (entry && !entry.ip.includes(pod.status.podIP)) problems.push(`pod ${pod.metadata.name} listed with ${JSON.stringify(entry.ip)}, its IP is ${pod.status.podIP}`);
    for (const port of svc.spec.ports ?? []) {
      const resolved = resolvePort(pod, port);
      if (typeof resolved === 'string') {
        problems.push(`port ${port.name ?? port.port}: ${resolved} on pod ${pod.metadata.name}`);
        continue;
      }
      const slicePorts: Array<{ name?: string; port?: number; protocol?: string }> = entry?.slice.ports ?? [];
      const match = slicePorts.find((p) => (p.name ?? '') === (port.name ?? '') && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP'));
      if (entry && match?.port !== resolved) problems.push(`port ${port.name ?? port.port} of pod ${pod.metadata.name}: EndpointSlice says ${JSON.stringify(match?.port)}, the container port is ${resolved}`);
    }
  }
  return problems.map((p) => `Service ${nameOf(svc)}: ${p}`);
}

/** Whether a Job has finished with every completion it wants. */
export function jobProblems(job: Live): string[] {
  const complete = (job.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Complete' && c.status === 'True');
  const wanted = job.spec.completions ?? 1;
  return complete && job.status.succeeded === wanted ? [] : [`Job ${nameOf(job)}: not complete (${JSON.stringify(job.status ?? {})})`];
}

/**
 * Whether `selector` selects the pods of a CronJob in `namespace`: they exist only while a run
 * does, so a selector of them has nothing to select between runs.
 */
function selectsCronJobPods(s: Snapshot, namespace: string | undefined, selector: LabelSelector): boolean {
  return s.cronJobs.some((c) => c.metadata.namespace === namespace && selects(selector, c.spec.jobTemplate?.spec?.template?.metadata?.labels));
}

/**
 * Each policy selects pods that run (or, for a Job's pods, ran to completion), and each
 * `from`/`to` pod peer selects such pods too; a selector of a CronJob's pods may select none.
 */
export function networkPolicyProblems(s: Snapshot, policy: Live): string[] {
  const problems: string[] = [];
  const ns = policy.metadata.namespace;
  const running = (p: Live) => p.status?.phase === 'Running' || (p.status?.phase === 'Succeeded' && ownerKind(p) === 'Job');
  const selectsNone = (namespaces: Array<string | undefined>, selector: LabelSelector) =>
    namespaces.flatMap((n) => podsOf(s, n, selector)).filter(running).length === 0 && !namespaces.some((n) => selectsCronJobPods(s, n, selector));
  if (selectsNone([ns], policy.spec.podSelector)) problems.push(`podSelector ${JSON.stringify(policy.spec.podSelector)} selects no running pod`);
  const peers = [
    ...(policy.spec.ingress ?? []).flatMap((r: { from?: unknown[] }) => (r.from ?? []).map((p) => ['from', p] as const)),
    ...(policy.spec.egress ?? []).flatMap((r: { to?: unknown[] }) => (r.to ?? []).map((p) => ['to', p] as const)),
  ] as Array<readonly ['from' | 'to', { podSelector?: LabelSelector; namespaceSelector?: LabelSelector; ipBlock?: unknown }]>;
  for (const [direction, peer] of peers) {
    if (peer.ipBlock) continue;
    const namespaces = peer.namespaceSelector
      ? s.namespaces.filter((n) => selects(peer.namespaceSelector, n.metadata.labels)).map((n) => n.metadata.name)
      : [ns];
    // No cluster DNS runs in the simulation: a peer for it must at least select its namespace.
    if (peer.podSelector?.matchLabels?.['k8s-app'] === 'kube-dns') {
      if (!namespaces.includes('kube-system')) problems.push(`${direction} peer ${JSON.stringify(peer)} does not select namespace kube-system, where cluster DNS runs`);
      continue;
    }
    if (selectsNone(namespaces, peer.podSelector ?? {})) problems.push(`${direction} peer ${JSON.stringify(peer)} selects no running pod`);
  }
  return problems.map((p) => `NetworkPolicy ${nameOf(policy)}: ${p}`);
}

/** The kind of the object that owns `o` as its controller (a pod's Job or ReplicaSet). */
export const ownerKind = (o: Live): string | undefined => (o.metadata.ownerReferences ?? []).find((r) => (r as { controller?: boolean }).controller)?.kind;

const has = (items: Live[], namespace: string | undefined, name: string) => items.some((i) => i.metadata.name === name && i.metadata.namespace === namespace);

/**
 * Every Secret, ConfigMap, PersistentVolumeClaim (Bound), ServiceAccount and RuntimeClass a pod names, every
 * IngressClass, TLS Secret and backend Service an Ingress names, and every GatewayClass, Gateway,
 * certificate Secret and backend Service the Gateway API objects name, exists (optional references
 * excepted). KWOK runs pods whatever they name, so this is checked here.
 */
export function referenceProblems(s: Snapshot): string[] {
  const problems: string[] = [];
  for (const pod of s.pods) {
    const ns = pod.metadata.namespace;
    const where = `Pod ${nameOf(pod)}`;
    const need = (items: Live[], kind: string, name: string | undefined, optional?: boolean) => {
      if (name && !optional && !has(items, ns, name)) problems.push(`${where} names ${kind} ${ns}/${name}, which does not exist`);
    };
    for (const v of pod.spec.volumes ?? []) {
      need(s.secrets, 'Secret', v.secret?.secretName, v.secret?.optional);
      need(s.configMaps, 'ConfigMap', v.configMap?.name, v.configMap?.optional);
      need(s.claims, 'PersistentVolumeClaim', v.persistentVolumeClaim?.claimName);
      const claim = s.claims.find((c) => c.metadata.namespace === ns && c.metadata.name === v.persistentVolumeClaim?.claimName);
      if (claim && claim.status?.phase !== 'Bound') problems.push(`${where} names PersistentVolumeClaim ${nameOf(claim)}, which is ${claim.status?.phase}, not Bound`);
      for (const src of v.projected?.sources ?? []) {
        need(s.secrets, 'Secret', src.secret?.name, src.secret?.optional);
        need(s.configMaps, 'ConfigMap', src.configMap?.name, src.configMap?.optional);
      }
    }
    for (const c of [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])]) {
      for (const e of c.env ?? []) {
        need(s.secrets, 'Secret', e.valueFrom?.secretKeyRef?.name, e.valueFrom?.secretKeyRef?.optional);
        need(s.configMaps, 'ConfigMap', e.valueFrom?.configMapKeyRef?.name, e.valueFrom?.configMapKeyRef?.optional);
      }
      for (const f of c.envFrom ?? []) {
        need(s.secrets, 'Secret', f.secretRef?.name, f.secretRef?.optional);
        need(s.configMaps, 'ConfigMap', f.configMapRef?.name, f.configMapRef?.optional);
      }
    }
    for (const secret of pod.spec.imagePullSecrets ?? []) need(s.secrets, 'Secret', secret.name);
    need(s.serviceAccounts, 'ServiceAccount', pod.spec.serviceAccountName ?? 'default');
    if (pod.spec.runtimeClassName && !has(s.runtimeClasses, undefined, pod.spec.runtimeClassName)) problems.push(`${where} names RuntimeClass ${pod.spec.runtimeClassName}, which does not exist`);
  }
  for (const ing of s.ingresses) {
    const ns = ing.metadata.namespace;
    const where = `Ingress ${nameOf(ing)}`;
    if (!ing.spec.ingressClassName) problems.push(`${where} names no IngressClass`);
    else if (!has(s.ingressClasses, undefined, ing.spec.ingressClassName)) problems.push(`${where} names IngressClass ${ing.spec.ingressClassName}, which does not exist`);
    for (const t of ing.spec.tls ?? []) if (t.secretName && !has(s.secrets, ns, t.secretName)) problems.push(`${where} names TLS Secret ${ns}/${t.secretName}, which does not exist`);
    const backends = [ing.spec.defaultBackend, ...(ing.spec.rules ?? []).flatMap((r: { http?: { paths: Array<{ backend: unknown }> } }) => (r.http?.paths ?? []).map((p) => p.backend))];
    for (const b of backends as Array<{ service?: { name: string } } | undefined>) {
      if (b?.service && !has(s.services, ns, b.service.name)) problems.push(`${where} routes to Service ${ns}/${b.service.name}, which does not exist`);
    }
  }
  for (const gw of s.gateways) {
    const where = `Gateway ${nameOf(gw)}`;
    if (!has(s.gatewayClasses, undefined, gw.spec.gatewayClassName)) problems.push(`${where} names GatewayClass ${gw.spec.gatewayClassName}, which does not exist`);
    for (const l of gw.spec.listeners ?? []) {
      for (const ref of l.tls?.certificateRefs ?? []) {
        const ns = ref.namespace ?? gw.metadata.namespace;
        if (!has(s.secrets, ns, ref.name)) problems.push(`${where} listener ${l.name} names certificate Secret ${ns}/${ref.name}, which does not exist`);
      }
    }
  }
  for (const route of s.httpRoutes) {
    const where = `HTTPRoute ${nameOf(route)}`;
    for (const parent of route.spec.parentRefs ?? []) {
      const ns = parent.namespace ?? route.metadata.namespace;
      if ((parent.kind ?? 'Gateway') === 'Gateway' && !has(s.gateways, ns, parent.name)) problems.push(`${where} attaches to Gateway ${ns}/${parent.name}, which does not exist`);
    }
    for (const rule of route.spec.rules ?? []) {
      for (const b of rule.backendRefs ?? []) {
        const ns = b.namespace ?? route.metadata.namespace;
        if ((b.kind ?? 'Service') === 'Service' && !has(s.services, ns, b.name)) problems.push(`${where} routes to Service ${ns}/${b.name}, which does not exist`);
      }
    }
  }
  return problems;
}

/** The zones and nodes a workload's pods run on. */
export function placement(s: Snapshot, namespace: string | undefined, selector: LabelSelector): { zones: Set<string>; nodes: Set<string> } {
  const zoneOf = new Map(s.nodes.map((n) => [n.metadata.name, n.metadata.labels?.['topology.kubernetes.io/zone'] ?? '?']));
  const pods = podsOf(s, namespace, selector).filter((p) => p.spec.nodeName);
  return { zones: new Set(pods.map((p) => zoneOf.get(p.spec.nodeName) ?? '?')), nodes: new Set(pods.map((p) => p.spec.nodeName as string)) };
}

/** The snapshot with its namespaced objects limited to `namespaces` (cluster-wide ones kept). */
export function within(s: Snapshot, namespaces: Set<string>): Snapshot {
  return Object.fromEntries(Object.entries(s).map(([key, items]: [string, Live[]]) =>
    [key, items.filter((i) => i.metadata.namespace === undefined || namespaces.has(i.metadata.namespace))])) as unknown as Snapshot;
}
