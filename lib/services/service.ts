import { checkShape, checkedScope } from '../core/shape';
import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { connectionEnvOf, forwardInbound, PolicyPeer, recordOpenPorts } from './inbound';
import { serviceDnsName } from '../core/dns';
import { IServiceEndpoint } from './endpoint';
import { checkLabels, MANAGED_BY } from '../core/labels';
import { dns1035Label, dns1123Label, ianaPortName } from '../core/names';
import { DEFAULT_NODE_PORT_RANGE, resolvePortSpecs } from './ports-model';
import { Protocol, ServicePortInfo } from '../core/ports';
import { Problems } from '../core/problems';
import { claimName, claimNodePort } from '../core/registry';
import { checkServiceOptions, ServiceOptions, ServiceType } from './service-spec';
import { serviceObject } from './service-render';
import { PatternDefaults } from '../core/defaults';
import { noteNamespace } from '../core/namespace-notes';
import { brand, hasBrand } from '../core/brand';
import { podsNode, portText, serviceNode, TopologyEdge, TopologyPart, topologyPartOf } from '../core/topology-part';

/** A container port of a set of pods, as a Service can target it. */
export interface PodPortInfo {
  /**
   * Name of the port.
   * @default - unnamed
   */
  readonly name?: string;
  /** Port number in the container. */
  readonly containerPort: number;
  /** Protocol. */
  readonly protocol: Protocol;
}

/**
 * A set of pods that a Service can select: the pods of an ExposedApp or HeadlessGroup, of a
 * cdk8s-plus workload, of several workloads (tracks), or pods known only by their labels.
 */
export interface IPodSource {
  /** Namespace of the pods (a Service selects pods of its own namespace only). */
  readonly podNamespace: string;
  /** Labels that select the pods. */
  readonly podSelector: { [key: string]: string };
  /**
   * Container ports of the pods, when known (Services' named targetPorts are checked against them).
   * @default - unknown
   */
  readonly podPorts?: PodPortInfo[];
  /** Every label of the pods, as far as known (the selector at least); `PodSource.fromTracks` checks them. */
  readonly podLabels: { [key: string]: string };
}

/** Options of `PodSource.fromLabels`. */
export interface PodLabelsOptions {
  /**
   * Namespace of the pods.
   * @default - the namespace of the Service that selects them
   */
  readonly namespace?: string;
  /**
   * Their container ports, when known.
   * @default - unknown: named targetPorts are not checked
   */
  readonly ports?: PodPortInfo[];
}

/** Ways to name a set of pods for a Service. */
export class PodSource {
  /** Pods known only by their labels, e.g. run by a Helm chart or an operator. */
  public static fromLabels(selector: { [key: string]: string }, options: PodLabelsOptions = {}): IPodSource {
    checkShape('PodSource.fromLabels', [selector, options]);
    return { podNamespace: options.namespace ?? '', podSelector: { ...selector }, podLabels: { ...selector }, podPorts: options.ports };
  }

  /**
   * The pods of a cdk8s-plus workload (cdk8s-plus-27 `Deployment`, `StatefulSet`, `DaemonSet`),
   * with their named container ports.
   */
  public static fromPlusWorkload(workload: IConstruct): IPodSource {
    checkShape('PodSource.fromPlusWorkload', [workload]);
    const w = workload as unknown as PlusWorkload;
    if (!w || typeof w.matchLabels !== 'object' || !Array.isArray(w.containers)) {
      const problems = new Problems('PodSource', workload);
      problems.add('workload', workload?.node?.path ?? workload, 'is not a cdk8s-plus workload (a Deployment, StatefulSet or DaemonSet with matchLabels and containers)');
      throw problems.error();
    }
    const ports: PodPortInfo[] = [];
    for (const c of w.containers) {
      for (const p of c.ports ?? []) ports.push({ name: p.name, containerPort: p.number, protocol: (p.protocol as Protocol | undefined) ?? Protocol.TCP });
    }
    const labels = { ...w.podMetadata?.labels, ...w.matchLabels };
    return { podNamespace: w.metadata?.namespace ?? Chart.of(workload).namespace ?? 'default', podSelector: { ...w.matchLabels }, podLabels: labels, podPorts: ports };
  }

  /**
   * The pods of several workloads (e.g. a stable and a canary track) that all carry `selector`.
   * Each keeps its own selector for its workload; the Service selects them all. Every source must
   * carry the labels, be in one namespace, and the ports are those they all have.
   */
  public static fromTracks(scope: IConstruct, sources: IPodSource[], selector: { [key: string]: string }): IPodSource {
    checkShape('PodSource.fromTracks', [scope, sources, selector]);
    const problems = new Problems('PodSource', scope);
    if (!Array.isArray(sources) || sources.length === 0) problems.add('sources', sources ?? [], 'must list at least one pod source');
    if (!selector || Object.keys(selector).length === 0) problems.add('selector', selector ?? {}, 'must name at least one label that every track carries');
    checkLabels(problems, 'selector', selector);
    const list = Array.isArray(sources) ? sources : [];
    list.forEach((s, i) => {
      const labels = podLabelsOf(s);
      const missing = Object.entries(selector ?? {}).filter(([k, v]) => labels[k] !== v);
      if (missing.length > 0) {
        problems.add(`sources[${i}]`, describe(s), `does not carry ${missing.map(([k, v]) => `${k}=${v}`).join(', ')}: give its pods these labels (the workload's labels prop), or the Service would select none of them`);
      }
      if (s.podNamespace !== list[0].podNamespace) problems.add(`sources[${i}]`, describe(s), `is in namespace "${s.podNamespace}", not "${list[0].podNamespace}": a Service selects pods of one namespace`);
    });
    problems.throwIfAny();
    const known = list.every((s) => s.podPorts !== undefined);
    const ports = known ? list[0].podPorts!.filter((p) => list.every((s) => s.podPorts!.some((q) => q.name === p.name && q.containerPort === p.containerPort && q.protocol === p.protocol))) : undefined;
    const tracks: IPodSource & { _tracks: IPodSource[] } = { podNamespace: list[0].podNamespace, podSelector: { ...selector }, podLabels: { ...selector }, podPorts: ports, _tracks: list };
    return tracks;
  }

  /**
   * The pods of several workloads that all carry `selector`.
   * @deprecated use PodSource.fromTracks
   */
  public static tracks(scope: IConstruct, sources: IPodSource[], selector: { [key: string]: string }): IPodSource {
    return PodSource.fromTracks(scope, sources, selector);
  }

  private constructor() {}
}

interface PlusWorkload {
  readonly matchLabels: { [key: string]: string };
  readonly containers: Array<{ ports?: Array<{ number: number; name?: string; protocol?: string }> }>;
  readonly metadata?: { namespace?: string };
  readonly podMetadata?: { labels?: { [key: string]: string } };
}

/** The workloads behind a pod source: the tracks of `PodSource.fromTracks`, else the source itself. */
export function podSourcesOf(s: IPodSource): IPodSource[] {
  return (s as { _tracks?: IPodSource[] })._tracks ?? [s];
}

function podLabelsOf(s: IPodSource): { [key: string]: string } {
  return s.podLabels ?? s.podSelector;
}


/** The namespace the pods' objects are written with: none when they leave it to kubectl. */
function metadataNamespaceOf(s: IPodSource): string | undefined {
  const own = (s as { _metadataNamespace?: string | null })._metadataNamespace;
  return own === undefined ? s.podNamespace || undefined : own ?? undefined;
}

function describe(s: IPodSource): string {
  return (s as Partial<IConstruct>).node?.path ?? JSON.stringify(s.podSelector);
}

/** One port of a Service over pods. */
export interface ServicePortOptions {
  /** The port the Service listens on. */
  readonly port: number;
  /**
   * Port name (an IANA service name); required when the Service has several ports.
   * @default - unnamed (single-port Services only)
   */
  readonly name?: string;
  /**
   * Container port number traffic goes to.
   * @default - `port`, unless `targetPortName` is given
   */
  readonly targetPort?: number;
  /**
   * Name of a container port of the pods traffic goes to (checked when the pods' ports are known).
   * @default - the number `targetPort`
   */
  readonly targetPortName?: string;
  /**
   * Protocol.
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;
  /**
   * Fixed node port (NodePort and LoadBalancer only).
   * @default - Kubernetes allocates one
   */
  readonly nodePort?: number;
  /**
   * Application protocol of the port (written as `appProtocol`); see `ExposedPort.appProtocol`.
   * @default - none written
   */
  readonly appProtocol?: string;
}

/** Options of a Service over pods (`addService` on a workload, or the Service construct). */
export interface AddServiceOptions extends ServiceOptions {
  /**
   * Name of the Service, a DNS-1035 label.
   * @default - the construct id, lower-cased
   */
  readonly name?: string;
  /**
   * Ports of the Service.
   * @default - the workload's Service ports, or one port per named container port of the pods
   */
  readonly ports?: ServicePortOptions[];
  /**
   * A headless Service (`clusterIP: None`): DNS returns the pods' addresses (ClusterIP type only).
   * @default false
   */
  readonly headless?: boolean;
  /**
   * Publish pods that are not ready yet.
   * @default false
   */
  readonly publishNotReadyAddresses?: boolean;
  /**
   * Extra labels of the Service.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
}

/** Props of a Service over pods. */
export interface ServiceProps extends AddServiceOptions {
  /** The pods the Service selects. */
  readonly pods: IPodSource;
  /**
   * Namespace of the Service; it must be the pods' namespace.
   * @default - the pods' namespace, else the chart's, else `default`
   */
  readonly namespace?: string;
}

/**
 * A Service in front of pods that something else runs: an ExposedApp's or HeadlessGroup's (a
 * second Service of another type, or a headless one), a cdk8s-plus workload's, several
 * workloads' (canary tracks), or pods known only by their labels. It can be used wherever a
 * Service is expected: connectTo, Ingress and HTTPRoute backends, ServiceAlias, NetworkPolicies
 * and the topology picture.
 */
export class Service extends Construct implements IServiceEndpoint {
  /** Whether `x` is a Service (made by any copy of this package). */
  public static isService(x: unknown): x is Service {
    return hasBrand(x, 'Service');
  }

  /** The Service object (patch it with `addJsonPatch`). */
  public readonly apiObject: ApiObject;
  public readonly serviceName: string;
  public readonly namespace: string;
  public readonly dnsName: string;
  public readonly ports: ServicePortInfo[];
  /** The first port. */
  public readonly port: number;
  /** The type of the Service. */
  public readonly serviceType: ServiceType;
  /** Whether it is headless. */
  public readonly headless: boolean;
  /** The pods it selects. */
  public readonly pods: IPodSource;

  /**
   * @param scope the chart or construct this one belongs to
   * @param id the construct id; unless a name is given, also the name of the objects written
   * @param props what to write, see `ServiceProps`
   */
  constructor(scope: Construct, id: string, props: ServiceProps) {
    super(checkedScope('new Service', scope, id), id);
    checkShape('new Service', [scope, id, props], 'Service', this);
    const problems = new Problems('Service', this);
    if (!props || typeof props !== 'object') {
      problems.add('props', props, 'must be an object with at least `pods`');
      throw problems.error();
    }
    const pods = props.pods;
    if (!pods || typeof pods.podSelector !== 'object' || Object.keys(pods.podSelector).length === 0) {
      problems.add('pods', pods === undefined ? 'undefined' : describe(pods), 'must be a pod source with a non-empty selector (an ExposedApp, HeadlessGroup, PodSource.fromLabels/fromPlusWorkload/tracks)');
      throw problems.error();
    }
    const name = props.name ?? this.node.id.toLowerCase();
    const nameRule = dns1035Label(name);
    if (nameRule) problems.add('name', name, props.name === undefined ? `(from the construct id) ${nameRule}; pass a valid name` : nameRule);
    const namespace = props.namespace ?? (pods.podNamespace || undefined) ?? Chart.of(this).namespace ?? 'default';
    const nsRule = dns1123Label(namespace);
    if (nsRule) problems.add('namespace', namespace, nsRule);
    if (pods.podNamespace && pods.podNamespace !== namespace) {
      problems.add('namespace', namespace, `differs from the pods' namespace "${pods.podNamespace}": a Service selects pods of its own namespace only`);
    }
    checkLabels(problems, 'pods selector', pods.podSelector);
    checkLabels(problems, 'labels', props.labels);
    const type = props.serviceType ?? ServiceType.CLUSTER_IP;
    const headless = props.headless ?? false;
    if (headless && type !== ServiceType.CLUSTER_IP) problems.add('headless', true, `is only allowed with serviceType CLUSTER_IP (got ${type})`);
    const defaults = PatternDefaults.of(this);
    const range = props.nodePortRange ?? defaults.nodePortRange ?? DEFAULT_NODE_PORT_RANGE;
    const specs = props.ports ?? defaultPorts(pods);
    if (props.ports === undefined && specs.length === 0 && podSourcesOf(pods).length > 1) {
      problems.add('ports', [], tracksWithoutCommonPorts(podSourcesOf(pods)));
      throw problems.error();
    }
    const resolved = resolveServicePorts(problems, specs, pods.podPorts, { external: type !== ServiceType.CLUSTER_IP, type, range, tracks: podSourcesOf(pods).length > 1 });
    checkServiceOptions(problems, props, type, resolved.map((r) => r.info));
    if (headless && props.sessionAffinity !== undefined) problems.add('sessionAffinity', props.sessionAffinity, 'has no effect on a headless Service: clients connect to pod addresses directly');
    claimName(this, problems, 'name', 'Service', namespace, name);
    resolved.forEach((r, i) => {
      if (r.info.nodePort !== undefined) claimNodePort(this, problems, `ports[${i}].nodePort`, r.info.nodePort);
    });
    problems.throwIfAny();

    this.serviceName = name;
    this.namespace = namespace;
    const written = props.namespace ?? metadataNamespaceOf(pods) ?? Chart.of(this).namespace;
    this.dnsName = serviceDnsName(name, written);
    noteNamespace(this, written);
    this.ports = resolved.map((r) => r.info);
    this.port = this.ports[0].port;
    this.serviceType = type;
    this.headless = headless;
    this.pods = pods;
    const labels = { ...props.labels, 'app.kubernetes.io/name': name, 'app.kubernetes.io/managed-by': MANAGED_BY };
    this.apiObject = serviceObject(this, 'Resource', {
      metadata: { name, namespace: written, labels },
      annotations: props.serviceAnnotations,
      options: props,
      type,
      selector: pods.podSelector,
      ports: resolved.map((r) => r.json),
      headless,
      publishNotReadyAddresses: props.publishNotReadyAddresses ?? false,
    });
    // What reaches this Service reaches the pods: their NetworkPolicy must let it in.
    const sources = podSourcesOf(pods);
    forwardInbound(this, sources);
    if (type !== ServiceType.CLUSTER_IP) for (const src of sources) recordOpenPorts(src, this.ports);
  }

  /** `{ <PREFIX>_HOST, <PREFIX>_PORT }` for app code that reads this Service from its environment. */
  public connectionEnv(prefix?: string): { [key: string]: string } {
    checkShape('Service.connectionEnv', [prefix], this.constructor.name, this);
    return connectionEnvOf(this, 'Service', prefix);
  }

  /** @internal */
  public _policyPeer(): PolicyPeer {
    return { pods: { namespace: this.namespace, selector: this.pods.podSelector } };
  }

  /** What the topology picture draws: this Service and the pods it selects. @internal */
  public _topology(): TopologyPart {
    const svc = serviceNode(this.namespace, this.serviceName, `${this.headless ? 'headless' : this.serviceType} ${portText(this.ports)}`);
    const nodes = [svc];
    const edges: TopologyEdge[] = [];
    for (const src of podSourcesOf(this.pods)) {
      // Pods a pattern of this library runs are drawn by it; others by their labels.
      const drawn = topologyPartOf(src)?.pods;
      const pods = drawn ?? podsNode(this.namespace, src.podSelector);
      if (!drawn) nodes.push(pods);
      edges.push({ from: svc, to: pods });
    }
    return { nodes, edges };
  }
}

/** The pods' own Service ports when they have them (ExposedApp, HeadlessGroup), else one per named container port. */
function defaultPorts(pods: IPodSource): ServicePortOptions[] {
  const own = (pods as Partial<IServiceEndpoint>).ports;
  if (Array.isArray(own) && own.length > 0) {
    return own.map((p) => ({ name: p.name || undefined, port: p.port, targetPortName: p.name || undefined, targetPort: p.name ? undefined : p.targetPort, protocol: p.protocol, appProtocol: p.appProtocol }));
  }
  return (pods.podPorts ?? []).filter((p) => p.name).map((p) => ({ name: p.name, port: p.containerPort, targetPortName: p.name, protocol: p.protocol }));
}

/**
 * Why tracks give no default port: what each track has, and what to do. A port whose name is
 * shared but whose number differs is refused even as a named targetPort: the NetworkPolicies of
 * this library open port numbers, one per Service port (docs/services.md).
 */
function tracksWithoutCommonPorts(tracks: IPodSource[]): string {
  const portsOf = (s: IPodSource) => (s.podPorts ?? []).filter((p) => p.name);
  const each = tracks.map((s) => `${describe(s)} has ${portsOf(s).map((p) => `${p.name} ${p.containerPort}/${p.protocol}`).join(', ') || 'no named container port'}`);
  return `must be given: the tracks have no named container port in common (same name, number and protocol) to default to (${each.join('; ')}); `
    + 'give every track the same container port, or pass ports with a targetPort that every track listens on';
}

interface ResolvedServicePort {
  readonly info: ServicePortInfo;
  readonly json: object;
}

function resolveServicePorts(
  problems: Problems,
  specs: ServicePortOptions[],
  podPorts: PodPortInfo[] | undefined,
  rules: { external: boolean; type: ServiceType; range: { min: number; max: number }; tracks: boolean },
): ResolvedServicePort[] {
  if (!Array.isArray(specs) || specs.length === 0) {
    problems.add('ports', specs ?? [], 'must list at least one port: the pods have no named container port to default to');
    return [{ info: { name: '', port: 0, protocol: Protocol.TCP }, json: {} }];
  }
  // Numbers, names, protocols, node ports and uniqueness as for every Service of this library.
  const resolved = resolvePortSpecs(specs.map((p, i) => ({
    field: `ports[${i}].`, name: p.name, port: p.port, containerPort: p.targetPort, targetField: 'targetPort', protocol: p.protocol, nodePort: p.nodePort,
    appProtocol: p.appProtocol,
  })), {
    nodePortsAllowed: rules.external,
    nodePortRule: `is only allowed with serviceType NodePort or LoadBalancer (got ${rules.type})`,
    nodePortRange: rules.range,
    defaultPort: 80,
  }, problems);
  return specs.map((p, i) => {
    const f = `ports[${i}]`;
    let target: number | undefined = resolved[i].targetPort;
    if (p.targetPortName !== undefined) {
      if (p.targetPort !== undefined) problems.add(`${f}.targetPortName`, p.targetPortName, 'cannot be combined with targetPort: give one');
      const protocol = resolved[i].protocol;
      const rule = ianaPortName(p.targetPortName);
      const match = podPorts?.find((q) => q.name === p.targetPortName && q.protocol === protocol);
      if (rule) problems.add(`${f}.targetPortName`, p.targetPortName, rule);
      else if (podPorts !== undefined && !match) {
        const known = podPorts.filter((q) => q.name).map((q) => `${q.name} (${q.containerPort}/${q.protocol})`).join(', ') || 'none';
        problems.add(`${f}.targetPortName`, p.targetPortName, `names no ${protocol} container port of the pods (named ports${rules.tracks ? ' every track has with the same number' : ''}: ${known})`);
      }
      target = match?.containerPort;
    }
    const r = resolved[i];
    return {
      info: { name: r.name, port: r.port, protocol: r.protocol, targetPort: target, nodePort: r.nodePort, appProtocol: r.appProtocol },
      json: {
        name: p.name,
        port: p.port,
        targetPort: p.targetPortName ?? r.targetPort,
        protocol: r.protocol === Protocol.TCP ? undefined : r.protocol,
        appProtocol: p.appProtocol,
        nodePort: p.nodePort,
      },
    };
  });
}

brand(Service.prototype, 'Service');
