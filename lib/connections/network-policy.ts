import { PatternObject } from '../core/api-object';
import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { Connection, Inbound, isPolicyTarget } from '../services/inbound';
import { PatternDefaultsProps } from '../core/defaults';
import { dns1123Label } from '../core/names';
import { Problems } from '../core/problems';
import { Protocol, ServicePortInfo } from '../core/ports';
import type { K8sNetworkPolicyEgressRule, K8sNetworkPolicyIngressRule, K8sNetworkPolicyPeer, K8sNetworkPolicyPort, K8sNetworkPolicySpec } from '../core/k8s';

/** The label every namespace carries with its own name (Kubernetes 1.22+). */
const NS_LABEL = 'kubernetes.io/metadata.name';

export interface PolicySubject {
  readonly namespace: string;
  readonly selector: { [key: string]: string };
  readonly ports: ServicePortInfo[];
  /** Outbound connections of the pods. */
  readonly connections: Connection[];
  /** Who connects to the pods, and which ports an Ingress routes to. */
  readonly inbound: Inbound;
  /** NodePort/LoadBalancer: clients from anywhere reach the exposed ports. */
  readonly externallyExposed: boolean;
  /** Pods of the group talk to each other (headless groups of peers). */
  readonly peers: boolean;
  readonly ingressControllerNamespace: string;
}

type PolicyPort = K8sNetworkPolicyPort & { port: number };

function policyPorts(ports: ServicePortInfo[]): PolicyPort[] {
  const seen = new Set<string>();
  const out: PolicyPort[] = [];
  for (const p of ports) {
    const port = p.targetPort ?? p.port;
    const key = `${port}/${p.protocol}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ port, protocol: p.protocol === Protocol.TCP ? undefined : p.protocol });
  }
  // Ports have no meaningful order: sorted, the policy does not change with the order of calls.
  return out.sort((a, b) => a.port - b.port || (a.protocol ?? 'TCP').localeCompare(b.protocol ?? 'TCP'));
}

function podPeer(from: string, namespace: string, selector: { [key: string]: string }): K8sNetworkPolicyPeer {
  return {
    podSelector: { matchLabels: selector },
    namespaceSelector: namespace === from ? undefined : { matchLabels: { [NS_LABEL]: namespace } },
  };
}

const DNS_EGRESS: K8sNetworkPolicyEgressRule = {
  to: [{
    namespaceSelector: { matchLabels: { [NS_LABEL]: 'kube-system' } },
    podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
  }],
  ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }],
};

/**
 * The NetworkPolicy spec of a workload: ingress only from its connected consumers, its Ingress
 * controller and (when exposed) anywhere on the exposed ports; egress only to DNS and to its
 * providers. Rules are sorted by construct path so the output is stable.
 */
export function renderNetworkPolicySpec(s: PolicySubject): object {
  const ingress: K8sNetworkPolicyIngressRule[] = [];
  const open = [...(s.externallyExposed ? s.ports : []), ...s.inbound.openPorts];
  if (open.length > 0) ingress.push({ ports: policyPorts(open) });
  if (s.inbound.ingressPorts.length > 0) {
    ingress.push({
      from: [{ namespaceSelector: { matchLabels: { [NS_LABEL]: s.ingressControllerNamespace } } }],
      ports: policyPorts(s.inbound.ingressPorts),
    });
  }
  if (s.peers) ingress.push({ from: [{ podSelector: { matchLabels: s.selector } }], ports: policyPorts(s.ports) });
  for (const group of byPath(s.inbound.connections, (c) => c.consumer.node.path)) {
    const c = group[0];
    ingress.push({ from: [podPeer(s.namespace, c.consumerNamespace, c.consumerSelector)], ports: policyPorts(group.map((g) => g.port)) });
  }

  const egress: K8sNetworkPolicyEgressRule[] = [DNS_EGRESS];
  if (s.peers) egress.push({ to: [{ podSelector: { matchLabels: s.selector } }], ports: policyPorts(s.ports) });
  for (const group of byPath(s.connections.filter((c) => c.port.port > 0), (c) => c.provider.node.path)) {
    const provider = group[0].provider;
    const peer = isPolicyTarget(provider) ? provider._policyPeer() : undefined;
    const ports = policyPorts(group.map((g) => g.port));
    if (peer?.pods) egress.push({ to: [podPeer(s.namespace, peer.pods.namespace, peer.pods.selector)], ports });
    else if (peer?.cidrs) egress.push({ to: peer.cidrs.map((cidr) => ({ ipBlock: { cidr } })), ports });
    else if (peer?.namespace) egress.push({ to: [{ namespaceSelector: { matchLabels: { [NS_LABEL]: peer.namespace } } }], ports });
    // A DNS name outside the cluster has no address to name: allow its port to any destination.
    else egress.push({ ports });
  }
  return {
    podSelector: { matchLabels: s.selector },
    policyTypes: ['Ingress', 'Egress'],
    ingress: ingress.length > 0 ? ingress : undefined,
    egress,
  } satisfies K8sNetworkPolicySpec;
}

/** Groups items by a key, groups in key order, items in insertion order. */
function byPath<T>(items: T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups.keys()].sort().map((k) => groups.get(k)!);
}

/** Whether a workload gets a NetworkPolicy, and the controller namespace it lets in. */
export function policySettings(own: boolean | undefined, defaults: PatternDefaultsProps, problems: Problems): { enabled: boolean; controllerNamespace: string } {
  const controllerNamespace = defaults.ingressControllerNamespace ?? 'ingress-nginx';
  const rule = dns1123Label(controllerNamespace);
  if (rule) problems.add('ingressControllerNamespace', controllerNamespace, rule);
  return { enabled: own ?? defaults.networkPolicy ?? false, controllerNamespace };
}

/** The NetworkPolicy object of a workload; its rules render at synth, after every connectTo. */
export function networkPolicyObject(scope: Construct, metadata: object, subject: () => PolicySubject): ApiObject {
  return new PatternObject(scope, 'NetworkPolicy', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata,
    spec: Lazy.any({ produce: () => renderNetworkPolicySpec(subject()) }),
  });
}
