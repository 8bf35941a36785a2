// Argo CD sync waves from the construct graph (PatternDefaults `syncWaves`): an object comes in a
// later wave than what it needs. Edges: connectTo (a consumer after its provider), a Service after
// the pods it selects (a consumer of the Service then waits for them too), and cdk8s
// dependencies (`addDependency`). Constructs in a cycle share a wave.
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { PatternDefaults } from '../core/defaults';
import { registerSyncWaves, syncWaveGeneration } from '../core/sync-wave-hook';
import { Connection } from '../services/inbound';
import { podSourcesOf, Service } from '../services/service';

interface Computed {
  readonly generation: number;
  readonly waves: Map<IConstruct, number>;
}

const COMPUTED = new WeakMap<IConstruct, Computed>();

registerSyncWaves((obj: ApiObject) => {
  if (!PatternDefaults.of(obj).syncWaves) return undefined;
  const root = obj.node.root;
  let computed = COMPUTED.get(root);
  if (computed === undefined || computed.generation !== syncWaveGeneration()) {
    computed = { generation: syncWaveGeneration(), waves: computeWaves(root) };
    COMPUTED.set(root, computed);
  }
  return computed.waves.get(ownerOf(obj));
});

/** The construct that wrote an object: the pattern it belongs to. */
function ownerOf(obj: IConstruct): IConstruct {
  return ApiObject.isApiObject(obj) ? obj.node.scope ?? obj : obj;
}

/** What an owner must come after. */
function needs(owner: IConstruct, objects: ApiObject[]): IConstruct[] {
  const out: IConstruct[] = [];
  const connections = (owner as { _connections?: Connection[] })._connections;
  for (const c of connections ?? []) out.push(c.provider);
  if (Service.isService(owner)) {
    for (const source of podSourcesOf(owner.pods)) if (isConstruct(source)) out.push(source);
  }
  for (const d of owner.node.dependencies) out.push(ownerOf(d));
  for (const o of objects) for (const d of o.node.dependencies) out.push(ownerOf(d));
  return out.filter((d) => d !== owner);
}

function isConstruct(x: unknown): x is IConstruct {
  return typeof x === 'object' && x !== null && typeof (x as Partial<IConstruct>).node === 'object';
}

/** The wave of every construct that wrote objects: 0 without needs, else one more than the latest need. */
function computeWaves(root: IConstruct): Map<IConstruct, number> {
  const objectsOf = new Map<IConstruct, ApiObject[]>();
  for (const c of root.node.findAll()) {
    if (!ApiObject.isApiObject(c)) continue;
    const owner = ownerOf(c);
    objectsOf.set(owner, [...(objectsOf.get(owner) ?? []), c]);
  }
  const edges = new Map<IConstruct, IConstruct[]>();
  for (const [owner, objects] of objectsOf) edges.set(owner, needs(owner, objects));
  const components = stronglyConnected([...objectsOf.keys()], (n) => edges.get(n) ?? []);
  // Tarjan's algorithm yields every component after the components it needs.
  const componentWave = new Map<IConstruct[], number>();
  const componentOf = new Map<IConstruct, IConstruct[]>();
  for (const comp of components) for (const n of comp) componentOf.set(n, comp);
  const waves = new Map<IConstruct, number>();
  for (const comp of components) {
    let wave = 0;
    for (const n of comp) {
      for (const d of edges.get(n) ?? []) {
        const dc = componentOf.get(d);
        if (dc !== undefined && dc !== comp) wave = Math.max(wave, componentWave.get(dc)! + (objectsOf.has(d) ? 1 : 0));
      }
    }
    componentWave.set(comp, wave);
    for (const n of comp) waves.set(n, wave);
  }
  return waves;
}

/** Tarjan's strongly connected components, each listed after those it reaches. */
function stronglyConnected(nodes: IConstruct[], next: (n: IConstruct) => IConstruct[]): IConstruct[][] {
  const index = new Map<IConstruct, number>();
  const low = new Map<IConstruct, number>();
  const stack: IConstruct[] = [];
  const onStack = new Set<IConstruct>();
  const out: IConstruct[][] = [];
  const visit = (v: IConstruct): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of next(v)) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const comp: IConstruct[] = [];
      let w: IConstruct;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      out.push(comp);
    }
  };
  for (const n of nodes) if (!index.has(n)) visit(n);
  return out;
}
