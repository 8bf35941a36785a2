import { checkShape } from '../core/shape';
import { IConstruct } from 'constructs';
import { sharedWeakMap } from '../core/brand';
import { TopologyNode, TopologyPart, topologyPartOf } from '../core/topology-part';
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

/** What constructs of other libraries draw: pods that `PodConnections.connect` connected. */
const DRAWN_FOR = sharedWeakMap<IConstruct, TopologyPart[]>('topology-parts');

/** Draws `part` with `scope`, a construct that has no `_topology` of its own (a cdk8s-plus workload, a chart). */
export function drawWith(scope: IConstruct, part: TopologyPart): void {
  const parts = DRAWN_FOR.get(scope);
  if (parts) parts.push(part);
  else DRAWN_FOR.set(scope, [part]);
}

const id = (kind: string, namespace: string, name: string) => `${kind}_${namespace}_${name}`.replace(/[^A-Za-z0-9_]/g, '_');
const nodeId = (n: TopologyNode) => id(n.kind, n.namespace, n.name);

/**
 * Asks every construct below `scope` what it draws (`_topology`, see core/topology-part.ts), in
 * tree order. Owners (the nodes `needs` edges start from) come second, so that a Gateway not yet
 * drawn as a route target is drawn after every other node.
 */
function buildGraph(scope: IConstruct): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  // The node that stands for the objects at a construct path (and below), for `needs` edges.
  const owners = new Map<string, string>();
  const late: GraphEdge[] = [];
  const add = (n: GraphNode) => { if (!nodes.has(n.id)) nodes.set(n.id, n); };
  const draw = (n: TopologyNode) => add({ id: nodeId(n), label: n.label, shape: n.shape, namespace: n.outside ? undefined : n.namespace });
  const edge = (e: TopologyPart['edges'][number]): GraphEdge => ({ from: nodeId(e.from), to: nodeId(e.to), label: e.label, dashed: e.dashed });
  const parts: TopologyPart[] = [];
  for (const c of scope.node.findAll()) {
    const own = topologyPartOf(c);
    for (const part of [...(own ? [own] : []), ...DRAWN_FOR.get(c) ?? []]) {
      parts.push(part);
      part.nodes.forEach(draw);
      for (const e of part.edges) edges.push(edge(e));
      for (const e of part.lateEdges ?? []) late.push(edge(e));
    }
  }
  for (const part of parts) {
    for (const o of part.owners ?? []) {
      draw(o.node);
      owners.set(o.path, nodeId(o.node));
    }
  }
  addNeeds(scope, owners, add, edges);
  edges.push(...late);
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
