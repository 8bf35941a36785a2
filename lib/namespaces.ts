import { Chart, JsonPatch, Lazy } from 'cdk8s';
import { PatternObject } from './core/api-object';
import { Construct, IConstruct } from 'constructs';
import { MANAGED_BY } from './core/labels';
import { namespaceNotesOf, setNamespaceNotes } from './core/namespace-notes';
import { PodSecurity } from './workloads/workload';
import { brand, hasBrand } from './core/brand';
import { checkedScope, checkShape } from './core/shape';

/** Weakest first: the label of a namespace is its weakest pod's profile. */
const ORDER = [PodSecurity.PRIVILEGED, PodSecurity.BASELINE, PodSecurity.RESTRICTED];

/**
 * Writes a `Namespace` object for every namespace the chart's constructs of this library write
 * into, first in the chart's output (create it first in the chart), labelled
 * `pod-security.kubernetes.io/enforce` with the weakest Pod Security profile of the pods there
 * (`restricted` when all pods pass it or there are none).
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

  /**
   * @param scope the chart or construct this one belongs to
   * @param id the construct id; unless a name is given, also the name of the objects written
   */
  constructor(scope: Construct, id: string) {
    super(checkedScope('new Namespaces', scope, id), id);
    setNamespaceNotes(Chart.of(this), this);
  }

  /** The names of the namespaces written, in the order first seen. */
  public get names(): string[] {
    return [...this.profiles.keys()];
  }

  /**
   * Records that a construct writes into `namespace`, with pods of `podSecurity` when it has pods.
   * @internal
   */
  public _note(namespace: string, podSecurity?: PodSecurity): void {
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
    }
    if (podSecurity !== undefined) list.push(podSecurity);
  }

  private profileOf(namespace: string): string {
    const list = this.profiles.get(namespace) ?? [];
    return ORDER.find((p) => list.includes(p)) ?? PodSecurity.RESTRICTED;
  }
}

brand(Namespaces.prototype, 'Namespaces');
