import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { checkShape } from '../core/shape';
import { objectKey, referencesOf } from '../core/references';

/** Something an app's objects need that the app does not write: the cluster must already have it. */
export interface ExternalReference {
  /**
   * Kind of the object: `Secret`, `ConfigMap`, `PersistentVolumeClaim`, `ServiceAccount`,
   * `IngressClass`, `GatewayClass`, `Gateway` or `RuntimeClass`; `NodeLabel` for a label that a
   * nodeSelector asks of some node.
   */
  readonly kind: string;
  /** Its name; for a `NodeLabel`, `key=value`. */
  readonly name: string;
  /**
   * Its namespace.
   * @default - none: a cluster-scoped kind (IngressClass, GatewayClass, RuntimeClass), a node
   * label, or a referring object written without a namespace
   */
  readonly namespace?: string;
  /** The construct path of the object that refers to it, e.g. `shop/web/Deployment`. */
  readonly referencedBy: string;
  /** Where in that object, as a JSON pointer, e.g. `/spec/template/spec/volumes/0/secret/secretName`. */
  readonly field: string;
}

/**
 * What the objects of an app expect the cluster to have: Secrets and ConfigMaps that pods read,
 * claims they mount (not those of StatefulSet volume claim templates, which the controller
 * creates), ServiceAccounts other than `default`, RuntimeClasses, node labels of nodeSelectors,
 * the IngressClass and TLS Secrets of Ingresses, the GatewayClass and certificates of Gateways,
 * and the Gateways that routes attach to. The API server accepts objects without them, but their
 * pods then fail (CreateContainerConfigError), never schedule, or get no traffic.
 */
export class ExternalReferences {
  /**
   * The references of the objects at `scope` and below that no object of the same app defines
   * (same kind, namespace and name, in any chart), in the order of the construct tree. References
   * marked `optional` are left out. Renders the objects, so call it after the app is complete.
   */
  public static of(scope: IConstruct): ExternalReference[] {
    checkShape('ExternalReferences.of', [scope]);
    const defined = new Set<string>();
    for (const c of scope.node.root.node.findAll()) {
      if (ApiObject.isApiObject(c)) defined.add(objectKey(c.kind, c.metadata.namespace, c.name));
    }
    const out: ExternalReference[] = [];
    for (const c of scope.node.findAll()) {
      if (!ApiObject.isApiObject(c)) continue;
      for (const r of referencesOf(c.toJson())) {
        if (defined.has(objectKey(r.kind, r.namespace, r.name))) continue;
        out.push({ kind: r.kind, name: r.name, namespace: r.namespace, referencedBy: c.node.path, field: r.path });
      }
    }
    return out;
  }

  private constructor() {}
}
