import { ApiObject, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { PatternObject } from '../core/api-object';
import { brand, hasBrand } from '../core/brand';
import { dns1123Subdomain } from '../core/names';
import { Problems } from '../core/problems';
import { quantityValue, sizeQuantity } from '../core/quantity';
import { checkedScope, checkShape } from '../core/shape';
import { resolveMeta } from '../config/config-model';
import { registerHandle } from '../config/ref-model';
import { IPersistentVolumeClaimRef } from '../config/refs';
import { AccessMode } from '../storage/access-mode';
import type { K8sPersistentVolumeClaimSpec } from '../core/k8s';

/** Props of a PersistentVolumeClaim. */
export interface PersistentVolumeClaimProps {
  /** Requested size, e.g. `Size.gibibytes(10)`. */
  readonly storage: Size;
  /**
   * Kubernetes name of the claim, a DNS-1123 subdomain.
   * @default - the construct id, lower-cased
   */
  readonly name?: string;
  /**
   * Namespace of the claim: the namespace of the workloads that mount it.
   * @default - the chart's namespace, else kubectl's
   */
  readonly namespace?: string;
  /**
   * Access modes. A ReadWriteOnce volume is attached to one node at a time, so only a single
   * replica (or pods on one node) can mount it.
   * @default [AccessMode.READ_WRITE_ONCE]
   */
  readonly accessModes?: AccessMode[];
  /**
   * StorageClass to provision from; `''` asks for a pre-provisioned volume without a class.
   * @default - the cluster's default class
   */
  readonly storageClassName?: string;
  /**
   * Name of a VolumeSnapshot (snapshot.storage.k8s.io) to fill the new volume from.
   * @default - an empty volume
   */
  readonly fromSnapshot?: string;
  /**
   * Labels besides the recommended ones.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
}

/**
 * A PersistentVolumeClaim, mounted by workloads with `Volume.fromClaimRef(name, claim)`: for a
 * single-replica app with storage. It is written before the workloads that mount it; mounting a
 * ReadWriteOnce claim from several replicas draws a warning (use HeadlessGroup `volumeClaims` for a
 * volume per pod).
 */
export class PersistentVolumeClaim extends Construct implements IPersistentVolumeClaimRef {
  /** Whether `x` is a PersistentVolumeClaim of this library (made by any copy of this package). */
  public static isPersistentVolumeClaim(x: unknown): x is PersistentVolumeClaim {
    return hasBrand(x, 'PersistentVolumeClaim');
  }

  /** Name of the claim. */
  public readonly claimName: string;
  /** Its access modes. */
  public readonly accessModes?: AccessMode[];
  /** Its namespace, when the claim or its chart sets one. */
  public readonly namespace?: string;
  /** The PersistentVolumeClaim. */
  public readonly apiObject: ApiObject;

  /**
   * @param scope the chart or construct this one belongs to
   * @param id the construct id; unless a name is given, also the claim's name
   * @param props what to write, see `PersistentVolumeClaimProps`
   */
  constructor(scope: Construct, id: string, props: PersistentVolumeClaimProps) {
    super(checkedScope('new PersistentVolumeClaim', scope, id), id);
    checkShape('new PersistentVolumeClaim', [scope, id, props], 'PersistentVolumeClaim', this);
    const problems = new Problems('PersistentVolumeClaim', this);
    const meta = resolveMeta(this, problems, 'PersistentVolumeClaim', props);
    const storage = sizeQuantity(problems, 'storage', props.storage);
    if (storage !== undefined && quantityValue(storage) === 0) problems.add('storage', storage, 'must be more than 0');
    const accessModes = props.accessModes && props.accessModes.length > 0 ? props.accessModes : [AccessMode.READ_WRITE_ONCE];
    if (accessModes.includes(AccessMode.READ_WRITE_ONCE_POD) && accessModes.length > 1) {
      problems.add('accessModes', accessModes, 'cannot combine ReadWriteOncePod with other modes (the API server refuses it)');
    }
    const classRule = props.storageClassName === undefined || props.storageClassName === '' ? undefined : dns1123Subdomain(props.storageClassName);
    if (classRule) problems.add('storageClassName', props.storageClassName, classRule);
    const snapshotRule = props.fromSnapshot === undefined ? undefined : dns1123Subdomain(props.fromSnapshot);
    if (snapshotRule) problems.add('fromSnapshot', props.fromSnapshot, snapshotRule);
    problems.throwIfAny();

    this.claimName = meta.name;
    this.namespace = meta.namespace;
    this.accessModes = accessModes;
    this.apiObject = new PatternObject(this, 'PersistentVolumeClaim', {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: meta.name, namespace: props.namespace, labels: meta.labels },
      spec: {
        accessModes,
        storageClassName: props.storageClassName,
        resources: { requests: { storage: storage! } },
        dataSource: props.fromSnapshot === undefined ? undefined : { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: props.fromSnapshot },
      } satisfies K8sPersistentVolumeClaimSpec,
    });
    registerHandle(this, { kind: 'PersistentVolumeClaim', name: meta.name, namespace: meta.namespace, written: true, writer: this, accessModes });
  }
}

brand(PersistentVolumeClaim.prototype, 'PersistentVolumeClaim');
