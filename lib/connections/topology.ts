import { checkShape } from '../core/shape';
import { IConstruct } from 'constructs';
import { Connection } from './connection';
import { IServiceEndpoint } from '../services/endpoint';
import { IGatewayRef, RouteApi } from '../routing/gateway-route';
import { ServicePortInfo } from '../services/ports';
import { ExposedApp } from '../workloads/exposed-app';
import { ExternalDatabase } from '../services/external-database';
import { HeadlessGroup } from '../workloads/headless-group';
import { IngressRouter } from '../routing/ingress-router';
import { ServiceAlias } from '../services/service-alias';
import { podSourcesOf, Service } from '../services/service';
import { Gateway } from '../routing/gateway';
import { ExternalReferences } from './external-references';

/** Output format of the topology picture. */
export enum TopologyFormat {
  /** A Mermaid flowchart (GitHub renders it in Markdown). */
  MERMAID = 'mermaid',
  /** Graphviz DOT. */
  DOT = 'dot',
}

interface GraphNode { id: string; label: string; shape: 'service' | 'workload' | 'ingress' | 'external'; namespace?: string }
interface GraphEdge { from: string; to: string; label?: string; dashed?: boolean }

/**
 * A picture of what a scope exposes: Ingress routes -> Services (type, ports, node ports) ->
 * workloads (replicas), connections between apps, what lies outside the cluster, and what the
 * cluster must already have (`needs ...`, see `ExternalReferences`).
 */
export class Topology {
  /** Describes everything of this library below `scope` as a Mermaid flowchart or DOT graph. */
  public static describe(scope: IConstruct, format: TopologyFormat = TopologyFormat.MERMAID): string {
    checkShape('Topology.describe', [scope, format]);
    const graph = buildGraph(scope);
    return format === TopologyFormat.DOT ? toDot(graph.nodes, graph.edges) : toMermaid(graph.nodes, graph.edges);
  }

  private constructor() {}
}

const id = (kind: string, namespace: string, name: string) => `${kind}_${namespace}_${name}`.replace(/[^A-Za-z0-9_]/g, '_');
const svcId = (e: IServiceEndpoint) => id('svc', e.namespace, e.serviceName);

function portText(ports: ServicePortInfo[]): string {
  return ports.map((p) => {
    const target = p.targetPort !== undefined && p.targetPort !== p.port ? `->${p.targetPort}` : '';
    const node = p.nodePort !== undefined ? ` node ${p.nodePort}` : '';
    const proto = p.protocol === 'TCP' ? '' : `/${p.protocol}`;
    return `${p.name ? `${p.name} ` : ''}${p.port}${target}${proto}${node}`;
  }).join(', ');
}

function buildGraph(scope: IConstruct): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  // The node that stands for the objects at a construct path (and below), for `needs` edges.
  const owners = new Map<string, string>();
  const connections: Array<{ consumer: string; c: Connection }> = [];
  const add = (n: GraphNode) => { if (!nodes.has(n.id)) nodes.set(n.id, n); };
  const service = (e: IServiceEndpoint, detail: string) =>
    add({ id: svcId(e), label: `Service ${e.serviceName}<br/>${detail}`, shape: 'service', namespace: e.namespace });
  const gatewayNode = (gateway: IGatewayRef, routeNamespace: string) => {
    const namespace = gateway.gatewayNamespace || routeNamespace;
    const gw = id('gw', namespace, gateway.gatewayName);
    add({ id: gw, label: `Gateway ${gateway.gatewayName}`, shape: 'ingress', namespace });
    return gw;
  };

  for (const c of scope.node.findAll()) {
    if (ExposedApp.isExposedApp(c) || HeadlessGroup.isHeadlessGroup(c)) {
      const headless = HeadlessGroup.isHeadlessGroup(c);
      const kind = headless ? c.workloadKind : 'Deployment';
      const name = c.workloadName;
      const wl = id('wl', c.namespace, name);
      service(c, `${headless ? (c.headless ? 'headless' : 'ClusterIP') : c.serviceType} ${portText(c.ports)}`);
      add({ id: wl, label: `${kind} ${name}<br/>${c._scale}`, shape: 'workload', namespace: c.namespace });
      owners.set(c.node.path, wl);
      edges.push({ from: svcId(c), to: wl });
      for (const conn of c._connections) connections.push({ consumer: wl, c: conn });
      const route = ExposedApp.isExposedApp(c) ? c._httpRoute : undefined;
      if (route) edges.push({ from: gatewayNode(route.gateway, c.namespace), to: svcId(c), label: `HTTPRoute ${route.match} :${route.port}` });
      const own = ExposedApp.isExposedApp(c) ? c._ownIngressRoute : undefined;
      if (own) {
        const ing = id('ing', c.namespace, c.serviceName);
        add({ id: ing, label: `Ingress ${c.serviceName}`, shape: 'ingress', namespace: c.namespace });
        if (ExposedApp.isExposedApp(c) && c.ingress) owners.set(c.ingress.node.path, ing);
        edges.push({ from: ing, to: svcId(c), label: `${own.match} :${own.port}` });
      }
    } else if (Service.isService(c)) {
      service(c, `${c.headless ? 'headless' : c.serviceType} ${portText(c.ports)}`);
      const sources = podSourcesOf(c.pods);
      for (const src of sources) {
        if (ExposedApp.isExposedApp(src) || HeadlessGroup.isHeadlessGroup(src)) {
          edges.push({ from: svcId(c), to: id('wl', src.namespace, src.workloadName) });
        } else {
          const pods = id('pods', c.namespace, Object.entries(src.podSelector).map(([k, v]) => `${k}_${v}`).join('_'));
          add({ id: pods, label: `pods ${Object.entries(src.podSelector).map(([k, v]) => `${k}=${v}`).join(', ')}`, shape: 'workload', namespace: c.namespace });
          edges.push({ from: svcId(c), to: pods });
        }
      }
    } else if (ExternalDatabase.isExternalDatabase(c)) {
      service(c, `${c.externalName ? 'ExternalName' : 'no selector'} ${portText(c.ports)}`);
      const outside = c.externalName ?? c.addresses.join(', ');
      const ext = id('ext', c.namespace, c.serviceName);
      add({ id: ext, label: `outside: ${outside}`, shape: 'external' });
      edges.push({ from: svcId(c), to: ext });
    } else if (ServiceAlias.isServiceAlias(c)) {
      service(c, `alias of ${c.target.serviceName}.${c.target.namespace}`);
      edges.push({ from: svcId(c), to: svcId(c.target), dashed: true });
    } else if (IngressRouter.isIngressRouter(c)) {
      const ing = id('ing', c.namespace, c.ingressName);
      add({ id: ing, label: `${c.api === RouteApi.GATEWAY ? 'HTTPRoutes' : 'Ingress'} ${c.ingressName}`, shape: 'ingress', namespace: c.namespace });
      owners.set(c.node.path, ing);
      const gateway = c._gateway;
      if (gateway) edges.push({ from: gatewayNode(gateway, c.namespace), to: ing });
      for (const r of c._routeList) {
        edges.push({ from: ing, to: id('svc', c.namespace, r.serviceName), label: `${r.match} :${r.port}` });
      }
    }
  }
  for (const c of scope.node.findAll()) {
    if (Gateway.isGateway(c)) owners.set(c.node.path, gatewayNode(c, c.gatewayNamespace));
  }
  addNeeds(scope, owners, add, edges);
  for (const { consumer, c } of connections) {
    const prefix = Object.keys(c.env)[0]?.replace(/_HOST$/, '') ?? '';
    edges.push({ from: consumer, to: svcId(c.provider), label: `${prefix} :${c.port.port}`, dashed: true });
  }
  // Endpoints known only by reference (ServiceRef, or outside the scope) still get a node.
  for (const e of edges) {
    if (!nodes.has(e.to)) add({ id: e.to, label: `Service ${e.to.replace(/^svc_/, '')}<br/>(defined elsewhere)`, shape: 'service' });
  }
  return { nodes: [...nodes.values()], edges };
}

/**
 * A `needs` node for each object the cluster must have (one per object), with a dashed edge from
 * the node of the construct whose objects refer to it; objects of constructs without a node of
 * their own (plain ApiObjects) are left out. Gateways are drawn already, as route targets.
 */
function addNeeds(scope: IConstruct, owners: Map<string, string>, add: (n: GraphNode) => void, edges: GraphEdge[]): void {
  const seen = new Set<string>();
  for (const r of ExternalReferences.of(scope)) {
    if (r.kind === 'Gateway') continue;
    const parts = r.referencedBy.split('/');
    let owner: string | undefined;
    for (let n = parts.length; n > 0 && owner === undefined; n--) owner = owners.get(parts.slice(0, n).join('/'));
    if (owner === undefined) continue;
    const need = id('needs', r.namespace ?? '', `${r.kind}_${r.name}`);
    add({ id: need, label: `needs ${r.kind} ${r.name}`, shape: 'external', namespace: r.namespace });
    const key = `${owner} ${need}`;
    if (!seen.has(key)) edges.push({ from: owner, to: need, dashed: true });
    seen.add(key);
  }
}

const esc = (s: string) => s.replace(/"/g, '#quot;');

function toMermaid(nodes: GraphNode[], edges: GraphEdge[]): string {
  const shape = (n: GraphNode) => {
    const l = `"${esc(n.label)}"`;
    switch (n.shape) {
      case 'service': return `${n.id}([${l}])`;
      case 'ingress': return `${n.id}{{${l}}}`;
      case 'external': return `${n.id}[(${l})]`;
      default: return `${n.id}[${l}]`;
    }
  };
  const lines = ['flowchart LR'];
  const namespaces = [...new Set(nodes.map((n) => n.namespace).filter((n): n is string => n !== undefined))];
  for (const ns of namespaces) {
    lines.push(`  subgraph ns_${ns.replace(/-/g, '_')} ["namespace ${ns}"]`);
    for (const n of nodes.filter((x) => x.namespace === ns)) lines.push(`    ${shape(n)}`);
    lines.push('  end');
  }
  for (const n of nodes.filter((x) => x.namespace === undefined)) lines.push(`  ${shape(n)}`);
  for (const e of edges) {
    const arrow = e.dashed ? '-.->' : '-->';
    lines.push(`  ${e.from} ${arrow}${e.label ? `|"${esc(e.label)}"|` : ''} ${e.to}`);
  }
  return `${lines.join('\n')}\n`;
}

function toDot(nodes: GraphNode[], edges: GraphEdge[]): string {
  const shapes = { service: 'ellipse', workload: 'box', ingress: 'hexagon', external: 'cylinder' };
  const q = (s: string) => `"${s.replace(/"/g, '\\"').replace(/<br\/>/g, '\\n')}"`;
  const lines = ['digraph topology {', '  rankdir=LR;'];
  const namespaces = [...new Set(nodes.map((n) => n.namespace).filter((n): n is string => n !== undefined))];
  const node = (n: GraphNode) => `${n.id} [label=${q(n.label)}, shape=${shapes[n.shape]}];`;
  for (const ns of namespaces) {
    lines.push(`  subgraph cluster_${ns.replace(/-/g, '_')} {`, `    label=${q(`namespace ${ns}`)};`);
    for (const n of nodes.filter((x) => x.namespace === ns)) lines.push(`    ${node(n)}`);
    lines.push('  }');
  }
  for (const n of nodes.filter((x) => x.namespace === undefined)) lines.push(`  ${node(n)}`);
  for (const e of edges) {
    const attrs = [e.label ? `label=${q(e.label)}` : '', e.dashed ? 'style=dashed' : ''].filter(Boolean).join(', ');
    lines.push(`  ${e.from} -> ${e.to}${attrs ? ` [${attrs}]` : ''};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** `Topology.describe`, as a function (TypeScript and JavaScript). */
export function describeTopology(scope: IConstruct, format: TopologyFormat = TopologyFormat.MERMAID): string {
  return Topology.describe(scope, format);
}
