// The one hook through which the topology picture (connections/topology.ts) asks each construct
// of this library what it draws: the construct answers with plain nodes and edges, so the picture
// needs no switch on classes and reads none of their members. Declared in core/ so that every
// layer can implement it; the helpers below keep the labels in one place.
import { ServicePortInfo } from './ports';

/** How a node is drawn. */
export type TopologyShape = 'service' | 'workload' | 'ingress' | 'external';

/** A node of the picture. `kind`, `namespace` and `name` make its id. */
export interface TopologyNode {
  /** `svc`, `wl`, `pods`, `ing`, `gw` or `ext`. */
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly label: string;
  readonly shape: TopologyShape;
  /** Drawn outside every namespace box (what lies outside the cluster). */
  readonly outside?: boolean;
}

/** An edge; its ends need not be nodes of the same part (an unknown Service is drawn as "defined elsewhere"). */
export interface TopologyEdge {
  readonly from: TopologyNode;
  readonly to: TopologyNode;
  readonly label?: string;
  readonly dashed?: boolean;
}

/** What one construct draws. */
export interface TopologyPart {
  /** Its nodes, in drawing order (a node drawn twice is drawn once). */
  readonly nodes: TopologyNode[];
  readonly edges: TopologyEdge[];
  /** Edges drawn after every other edge: the connections of its pods. */
  readonly lateEdges?: TopologyEdge[];
  /** The node that stands for the objects at and below a construct path (for the `needs` edges). */
  readonly owners?: Array<{ readonly path: string; readonly node: TopologyNode }>;
  /** The node a Service over this construct's pods points to. */
  readonly pods?: TopologyNode;
}

/** A construct that appears in the topology picture. */
export interface ITopologyPart {
  /** @internal */
  _topology(): TopologyPart;
}

/** What `c` draws, when it is a construct of this library that appears in the picture. */
export function topologyPartOf(c: unknown): TopologyPart | undefined {
  const hook = (c as Partial<ITopologyPart> | undefined)?._topology;
  return typeof hook === 'function' ? hook.call(c) : undefined;
}

/** The node of a Service; `detail` is drawn under its name (type and ports). */
export function serviceNode(namespace: string, name: string, detail = ''): TopologyNode {
  return { kind: 'svc', namespace, name, label: `Service ${name}<br/>${detail}`, shape: 'service' };
}

/** The node of a Gateway, as a route in `routeNamespace` names it. */
export function gatewayNode(gateway: { readonly gatewayName: string; readonly gatewayNamespace: string }, routeNamespace: string): TopologyNode {
  const namespace = gateway.gatewayNamespace || routeNamespace;
  return { kind: 'gw', namespace, name: gateway.gatewayName, label: `Gateway ${gateway.gatewayName}`, shape: 'ingress' };
}

/** The node of an Ingress (or of a router's HTTPRoutes). */
export function ingressNode(namespace: string, name: string, label: string): TopologyNode {
  return { kind: 'ing', namespace, name, label, shape: 'ingress' };
}

/** Pods known only by their labels. */
export function podsNode(namespace: string, selector: { [key: string]: string }): TopologyNode {
  const entries = Object.entries(selector);
  return {
    kind: 'pods', namespace, name: entries.map(([k, v]) => `${k}_${v}`).join('_'),
    label: `pods ${entries.map(([k, v]) => `${k}=${v}`).join(', ')}`, shape: 'workload',
  };
}

/** What lies outside the cluster behind a Service. */
export function outsideNode(namespace: string, name: string, what: string): TopologyNode {
  return { kind: 'ext', namespace, name, label: `outside: ${what}`, shape: 'external', outside: true };
}

/** Ports as the picture writes them: `http 80->8080`, `dns 53/UDP`, `web 80 node 30080`. */
export function portText(ports: ServicePortInfo[]): string {
  return ports.map((p) => {
    const target = p.targetPort !== undefined && p.targetPort !== p.port ? `->${p.targetPort}` : '';
    const node = p.nodePort !== undefined ? ` node ${p.nodePort}` : '';
    const proto = p.protocol === 'TCP' ? '' : `/${p.protocol}`;
    return `${p.name ? `${p.name} ` : ''}${p.port}${target}${proto}${node}`;
  }).join(', ');
}

/** How a connection's edge is labelled: its variables' prefix and the port (`DB :5432`). */
export function connectionLabel(c: { readonly env: { readonly [key: string]: string }; readonly port: { readonly port: number } }): string {
  return `${Object.keys(c.env)[0]?.replace(/_HOST$/, '') ?? ''} :${c.port.port}`;
}

/** A pattern's pods behind their own Service, as ExposedApp and HeadlessGroup draw them. */
export interface WorkloadDrawing {
  readonly path: string;
  readonly namespace: string;
  /** The pattern's own Service; none for pods without one (DeployedApp). */
  readonly serviceName?: string;
  /** Service type and ports, drawn under the Service's name. */
  readonly serviceDetail?: string;
  /** `Deployment` or `StatefulSet`. */
  readonly kind: string;
  readonly workloadName: string;
  /** Replicas, drawn under the workload's name. */
  readonly scale: string;
  /** The connections of its pods. */
  readonly connections: ReadonlyArray<{
    readonly provider: { readonly namespace: string; readonly serviceName: string };
    readonly port: { readonly port: number };
    readonly env: { readonly [key: string]: string };
  }>;
}

/**
 * The Service (when the pattern has one), the workload behind it and the connections of its pods;
 * `part.nodes[0]` is the Service, else the workload.
 */
export function workloadPart(w: WorkloadDrawing): Required<TopologyPart> {
  const wl: TopologyNode = { kind: 'wl', namespace: w.namespace, name: w.workloadName, label: `${w.kind} ${w.workloadName}<br/>${w.scale}`, shape: 'workload' };
  const lateEdges = w.connections.map((c) => ({
    from: wl,
    to: serviceNode(c.provider.namespace, c.provider.serviceName),
    label: connectionLabel(c),
    dashed: true,
  }));
  const owners = [{ path: w.path, node: wl }];
  if (w.serviceName === undefined) return { nodes: [wl], edges: [], lateEdges, owners, pods: wl };
  const svc = serviceNode(w.namespace, w.serviceName, w.serviceDetail);
  return { nodes: [svc, wl], edges: [{ from: svc, to: wl }], lateEdges, owners, pods: wl };
}
