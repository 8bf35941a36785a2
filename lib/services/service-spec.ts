import { nonEmpty } from '../core/collections';
// What every Service this library writes in front of pods shares: its type, traffic options,
// their checks and its spec (ExposedApp's own Service and the Service construct).
import { checkAnnotations } from '../core/labels';
import { cidr } from '../core/net';
import { NodePortRange, ServicePortInfo } from '../core/ports';
import { Problems } from '../core/problems';
import { describeDuration, secondsOf, wholeSeconds } from '../core/durations';
import { Duration } from 'cdk8s';
import type { K8sServicePort, K8sServiceSpec } from '../core/k8s';
import { CLIENT_IP_TIMEOUT_SECONDS, KUBELET_PORT } from '../core/service-values';

/** How a Service is reachable; the values are the Kubernetes API strings. */
export enum ServiceType {
  /** Inside the cluster only, on a virtual IP. */
  CLUSTER_IP = 'ClusterIP',
  /** Also on a port of every node. */
  NODE_PORT = 'NodePort',
  /** Also through an external load balancer provisioned by the cloud or cluster. */
  LOAD_BALANCER = 'LoadBalancer',
}

/** Session affinity of a Service. */
export enum SessionAffinity {
  /** Each connection may go to any pod. */
  NONE = 'None',
  /** Connections from one client IP go to the same pod. */
  CLIENT_IP = 'ClientIP',
}

/** Routing of external traffic on NodePort and LoadBalancer Services. */
export enum ExternalTrafficPolicy {
  /** To any ready pod in the cluster (may hide the client IP). */
  CLUSTER = 'Cluster',
  /** Only to pods on the receiving node (keeps the client IP). */
  LOCAL = 'Local',
}

/** Which endpoints serve traffic from inside the cluster. */
export enum InternalTrafficPolicy {
  /** Any ready endpoint in the cluster. */
  CLUSTER = 'Cluster',
  /** Only endpoints on the client's node (traffic is dropped when there is none). */
  LOCAL = 'Local',
}

/** A preference for how traffic is spread over endpoints (Kubernetes 1.31+). */
export enum TrafficDistribution {
  /** Prefer endpoints topologically close to the client (same zone), e.g. to save cross-zone cost. */
  PREFER_CLOSE = 'PreferClose',
}

/** An IP family of a Service. */
export enum IpFamily {
  /** IPv4. */
  IPV4 = 'IPv4',
  /** IPv6. */
  IPV6 = 'IPv6',
}

/** IP families of a Service on dual-stack clusters. */
export enum IpFamilyPolicy {
  /** One family (the cluster's first). */
  SINGLE_STACK = 'SingleStack',
  /** Both families when the cluster has them, else one. */
  PREFER_DUAL_STACK = 'PreferDualStack',
  /** Both families; refused by single-stack clusters. */
  REQUIRE_DUAL_STACK = 'RequireDualStack',
}

/** The options of a Service in front of pods, shared by ExposedApp and Service. */
export interface ServiceOptions {
  /**
   * Type of the Service.
   * @default ServiceType.CLUSTER_IP
   */
  readonly serviceType?: ServiceType;
  /**
   * Node port range of the target cluster, for checking `nodePort`.
   * @default - 30000-32767, or the chart-wide default
   */
  readonly nodePortRange?: NodePortRange;
  /**
   * Client CIDRs allowed to reach a LoadBalancer.
   * @default - no restriction
   */
  readonly loadBalancerSourceRanges?: string[];
  /**
   * External traffic policy (NodePort and LoadBalancer only).
   * @default - Kubernetes' default (Cluster)
   */
  readonly externalTrafficPolicy?: ExternalTrafficPolicy;
  /**
   * Session affinity.
   * @default SessionAffinity.NONE
   */
  readonly sessionAffinity?: SessionAffinity;
  /**
   * How long a client sticks to one pod (whole seconds, 1 second to 1 day; CLIENT_IP only).
   * @default - Kubernetes' default (3 hours)
   */
  readonly sessionAffinityTimeout?: Duration;
  /**
   * Annotations of the Service (load balancer controllers read these).
   * @default - none
   */
  readonly serviceAnnotations?: { [key: string]: string };
  /**
   * Internal traffic policy of the Service.
   * @default - Kubernetes' default (Cluster)
   */
  readonly internalTrafficPolicy?: InternalTrafficPolicy;
  /**
   * Traffic distribution of the Service (Kubernetes 1.31+; older servers drop the field).
   * @default - no preference
   */
  readonly trafficDistribution?: TrafficDistribution;
  /**
   * IP families of the Service, the first one primary (its cluster IP's family). Two need
   * ipFamilyPolicy PREFER_DUAL_STACK or REQUIRE_DUAL_STACK.
   * @default - the cluster's default family
   */
  readonly ipFamilies?: IpFamily[];
  /**
   * IP family policy of the Service, for dual-stack clusters.
   * @default - Kubernetes' default (SingleStack)
   */
  readonly ipFamilyPolicy?: IpFamilyPolicy;
}

/** Checks the Service options against the type and ports. */
export function checkServiceOptions(problems: Problems, props: ServiceOptions, type: ServiceType, ports: ServicePortInfo[]): void {
  // Enum values were checked by the shape checks (CONTRIBUTING.md, "Enum values"); these are the rules between fields.
  const affinity = props.sessionAffinity ?? SessionAffinity.NONE;
  if (props.sessionAffinityTimeout !== undefined) {
    if (affinity !== SessionAffinity.CLIENT_IP) {
      problems.add('sessionAffinityTimeout', describeDuration(props.sessionAffinityTimeout), 'is only allowed with sessionAffinity CLIENT_IP');
    } else {
      wholeSeconds(problems, 'sessionAffinityTimeout', props.sessionAffinityTimeout, CLIENT_IP_TIMEOUT_SECONDS.min, CLIENT_IP_TIMEOUT_SECONDS.max);
    }
  }
  const ranges = props.loadBalancerSourceRanges;
  if (ranges !== undefined && ranges.length > 0 && type !== ServiceType.LOAD_BALANCER) {
    problems.add('loadBalancerSourceRanges', ranges, `are only allowed with serviceType LoadBalancer (got ${type})`);
  }
  (ranges ?? []).forEach((range, i) => {
    const rule = cidr(range);
    if (rule) problems.add(`loadBalancerSourceRanges[${i}]`, range, rule);
  });
  const policy = props.externalTrafficPolicy;
  if (policy !== undefined && type === ServiceType.CLUSTER_IP) {
    problems.add('externalTrafficPolicy', policy, 'is only allowed with serviceType NodePort or LoadBalancer (got ClusterIP)');
  }
  if (type === ServiceType.LOAD_BALANCER) {
    ports.filter((p) => p.port === KUBELET_PORT).forEach((p) => {
      problems.add('port', p.port, 'is reserved for the kubelet and cannot be exposed by a LoadBalancer');
    });
  }
  checkAnnotations(problems, 'serviceAnnotations', props.serviceAnnotations);
  const families = props.ipFamilies ?? [];
  families.forEach((f, i) => {
    if (families.indexOf(f) !== i) problems.add(`ipFamilies[${i}]`, f, 'is listed twice');
  });
  if (families.length > 2) problems.add('ipFamilies', families, 'may list at most two families');
  const single = (props.ipFamilyPolicy ?? IpFamilyPolicy.SINGLE_STACK) === IpFamilyPolicy.SINGLE_STACK;
  if (new Set(families).size === 2 && single) {
    problems.add('ipFamilies', families, 'lists two families, which needs ipFamilyPolicy PREFER_DUAL_STACK or REQUIRE_DUAL_STACK (the API server defaults it to SingleStack)');
  }
}

/** The Service spec for these options, selector and rendered ports. */
export function renderServiceSpec(o: ServiceOptions, type: ServiceType, selector: { [key: string]: string } | undefined, ports: object[], extra: object = {}): object {
  return {
    type,
    ...extra,
    selector,
    ports: ports as K8sServicePort[],
    sessionAffinity: o.sessionAffinity === SessionAffinity.CLIENT_IP ? SessionAffinity.CLIENT_IP : undefined,
    sessionAffinityConfig: o.sessionAffinityTimeout === undefined
      ? undefined : { clientIP: { timeoutSeconds: secondsOf(o.sessionAffinityTimeout) } },
    externalTrafficPolicy: o.externalTrafficPolicy,
    loadBalancerSourceRanges: nonEmpty(o.loadBalancerSourceRanges),
    internalTrafficPolicy: o.internalTrafficPolicy,
    trafficDistribution: o.trafficDistribution,
    ipFamilies: nonEmpty(o.ipFamilies),
    ipFamilyPolicy: o.ipFamilyPolicy,
  } satisfies K8sServiceSpec;
}

