import { Chart, JsonPatch, Lazy } from 'cdk8s';
import { PatternObject } from './core/api-object';
import { Construct, IConstruct } from 'constructs';
import { MANAGED_BY } from './core/labels';
import { namespaceNotesOf, setNamespaceNotes } from './core/namespace-notes';
import { PodSecurity } from './core/pod-security';
import { brand, hasBrand } from './core/brand';
import { checkedScope, checkShape } from './core/shape';

/** Weakest first: the label of a namespace is its weakest pod's profile. */
const ORDER = [PodSecurity.PRIVILEGED, PodSecurity.BASELINE, PodSecurity.RESTRICTED];

/**
 * Namespaces that every cluster creates for its own components. Their Pod Security labels belong
 * to the cluster (kube-system runs privileged pods: kube-proxy, CNI agents), so none is written.
 */
const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

/**
 * Writes a `Namespace` object for every namespace the chart's constructs of this library write
 * into, first in the chart's output wherever it is created in the chart, labelled
 * `pod-security.kubernetes.io/enforce` with the weakest Pod Security profile of the pods there
 * (`restricted` when all pods pass it or there are none).
 *
 * The cluster's own namespaces (`kube-system`, `kube-public`, `kube-node-lease`) are left alone:
 * no Namespace object is written for them, so their labels stay the cluster's. `default` is
 * written like any other namespace.
 *
 * @example
 * const chart = new Chart(app, 'shop');
 * new Namespaces(chart, 'Namespaces');
 * new ExposedApp(chart, 'web', { namespace: 'shop', image: 'nginx:1.27' });
 */
export class Namespaces extends Construct {
  /** Whether `x` is a Namespaces (made by any copy of this package). */
  public static isNamespaces(x: unknown): x is Namespaces {
    return hasBrand(x, 'Namespaces');
  }

  /** The Namespaces construct of the chart of `scope`, if it has one. */
  public static of(scope: IConstruct): Namespaces | undefined {
    checkShape('Namespaces.of', [scope]);
    const notes = namespaceNotesOf(scope);
    return Namespaces.isNamespaces(notes) ? notes : undefined;
  }

  private readonly profiles = new Map<string, PodSecurity[]>();
  /** The chart's constructs made before this one: their objects must come after the Namespaces. */
  private readonly before: IConstruct[];

  /**
   * @param scope the chart or construct this one belongs to
   * @param id the construct id; unless a name is given, also the name of the objects written
   */
  constructor(scope: Construct, id: string) {
    super(checkedScope('new Namespaces', scope, id), id);
    const chart = Chart.of(this);
    this.before = constructsBefore(chart, this);
    for (const note of setNamespaceNotes(chart, this)) this._note(note.namespace, note.podSecurity);
  }

  /** The names of the namespaces written, in the order first seen (the cluster's own namespaces are not written). */
  public get names(): string[] {
    return [...this.profiles.keys()];
  }

  /**
   * Records that a construct writes into `namespace`, with pods of `podSecurity` when it has pods.
   * @internal
   */
  public _note(namespace: string, podSecurity?: PodSecurity): void {
    if (SYSTEM_NAMESPACES.has(namespace)) return;
    let list = this.profiles.get(namespace);
    if (!list) {
      list = [];
      this.profiles.set(namespace, list);
      const ns = new PatternObject(this, namespace, {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: namespace,
          labels: {
            'app.kubernetes.io/managed-by': MANAGED_BY,
            'pod-security.kubernetes.io/enforce': Lazy.any({ produce: () => this.profileOf(namespace) }),
          },
        },
      });
      // Namespaces are cluster-scoped: a namespaced chart must not stamp its namespace on them.
      if (Chart.of(this).namespace !== undefined) ns.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
      // Created after other constructs of the chart: still first in its output.
      for (const c of this.before) c.node.addDependency(ns);
    }
    if (podSecurity !== undefined) list.push(podSecurity);
  }

  private profileOf(namespace: string): string {
    const list = this.profiles.get(namespace) ?? [];
    return ORDER.find((p) => list.includes(p)) ?? PodSecurity.RESTRICTED;
  }
}

/**
 * The constructs of `chart` that exist before `self`: the children of every scope from the chart
 * down to `self`, except those scopes (an object cannot come before its own ancestor) and nested
 * charts (cdk8s makes a parent chart depend on its children already).
 */
function constructsBefore(chart: Chart, self: IConstruct): IConstruct[] {
  const path = self.node.scopes;
  const inChart = path.slice(path.indexOf(chart), -1);
  return inChart.flatMap((scope) => scope.node.children.filter((c) => !path.includes(c) && !Chart.isChart(c)));
}

brand(Namespaces.prototype, 'Namespaces');
