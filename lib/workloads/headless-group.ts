import { PatternObject } from '../core/api-object';
import { checkShape, checkedScope } from '../core/shape';
import { ApiObject, Lazy, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { ServiceWorkload } from './service-workload';
import { IdentityOptions } from '../core/identity';
import { checkCount, renderPodTemplate } from './pod-template';
import { PortOptions } from '../core/ports';
import { ServiceType } from '../services/service-spec';
import { Problems } from '../core/problems';
import { sizeText } from '../core/quantity';
import { checkVolumeClaims } from './volume-model';
import { AccessMode } from '../storage/access-mode';
import { nonEmptyMap } from '../core/collections';
import { WorkloadOptions } from './workload';
import { brand, hasBrand } from '../core/brand';
import type { K8sPodTemplateSpec, K8sStatefulSetSpec } from '../core/k8s';

/** The workload behind a headless Service. */
export enum WorkloadKind {
  /** A StatefulSet: stable pod names, DNS records and volumes per pod. */
  STATEFUL_SET = 'StatefulSet',
  /** A Deployment: the headless Service only lets clients find every pod. */
  DEPLOYMENT = 'Deployment',
}

/** Order in which a StatefulSet creates and deletes pods. */
export enum PodManagementPolicy {
  /** One at a time, each ready before the next. */
  ORDERED_READY = 'OrderedReady',
  /** All at once. */
  PARALLEL = 'Parallel',
}

/** How a StatefulSet replaces pods when its template changes. */
export enum StatefulSetUpdateStrategy {
  /** Replaces pods one by one, highest ordinal first, down to `partition`. */
  ROLLING_UPDATE = 'RollingUpdate',
  /** Replaces a pod only when it is deleted by hand. */
  ON_DELETE = 'OnDelete',
}

/** Whether a StatefulSet's volume claims outlive its pods. */
export enum PvcRetention {
  /** Keep the claims (and data). */
  RETAIN = 'Retain',
  /** Delete the claims. */
  DELETE = 'Delete',
}

/** Whether a StatefulSet's volume claims are kept or deleted. */
export interface PvcRetentionPolicy {
  /**
   * When the StatefulSet is deleted.
   * @default PvcRetention.RETAIN
   */
  readonly whenDeleted?: PvcRetention;
  /**
   * When the StatefulSet is scaled down.
   * @default PvcRetention.RETAIN
   */
  readonly whenScaled?: PvcRetention;
}

/** A volume per pod, claimed through the StatefulSet's volumeClaimTemplates. */
export interface VolumeClaimOptions {
  /** Name of the claim template (and volume), a DNS-1123 label. */
  readonly name: string;
  /** Requested size, e.g. `Size.gibibytes(1)`. */
  readonly storage: Size;
  /**
   * Where the volume is mounted in the main container (an absolute path). Leave it out to mount
   * the volume only where `volumeMounts` of any container say, e.g. with a `subPath`.
   * @default - not mounted by itself: mount it with `volumeMounts` (`{ volume: name, ... }`)
   */
  readonly mountPath?: string;
  /**
   * Mount only this directory of the volume at `mountPath` (relative, no `..`), e.g. `pgdata`
   * for a database that refuses a volume root with `lost+found` in it.
   * @default - the whole volume
   */
  readonly subPath?: string;
  /**
   * Labels of the claims, e.g. for a backup tool selecting them.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations of the claims, e.g. for a backup tool or a storage provisioner.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * StorageClass to provision from.
   * @default - the cluster's default class
   */
  readonly storageClassName?: string;
  /**
   * Access modes.
   * @default [AccessMode.READ_WRITE_ONCE]
   */
  readonly accessModes?: AccessMode[];
}

/** Props of a HeadlessGroup. */
export interface HeadlessGroupProps extends WorkloadOptions, IdentityOptions, PortOptions {
  /**
   * The workload behind the Service.
   * @default WorkloadKind.STATEFUL_SET
   */
  readonly workload?: WorkloadKind;
  /**
   * Name of the headless Service.
   * @default - the same as the workload's name
   */
  readonly serviceName?: string;
  /**
   * Publish the addresses of pods that are not ready yet (peers that must find each other to
   * become ready).
   * @default false
   */
  readonly publishNotReadyAddresses?: boolean;
  /**
   * Make the governing Service headless (`clusterIP: None`). Switch it off for apps whose clients
   * need one virtual IP; the pods then get no DNS records of their own.
   * @default true
   */
  readonly headless?: boolean;
  /**
   * Pod management policy (StatefulSet only).
   * @default - Kubernetes' default (OrderedReady)
   */
  readonly podManagementPolicy?: PodManagementPolicy;
  /**
   * Update strategy (StatefulSet only).
   * @default - Kubernetes' default (RollingUpdate)
   */
  readonly updateStrategy?: StatefulSetUpdateStrategy;
  /**
   * Pods with an ordinal below this keep the old template during a rolling update (canaries).
   * @default - Kubernetes' default (0)
   */
  readonly partition?: number;
  /**
   * Volumes per pod (StatefulSet only).
   * @default - none
   */
  readonly volumeClaims?: VolumeClaimOptions[];
  /**
   * What happens to the volume claims when the StatefulSet is deleted or scaled down.
   * @default - Kubernetes' default (Retain for both)
   */
  readonly persistentVolumeClaimRetentionPolicy?: PvcRetentionPolicy;
}

/**
 * A headless Service (`clusterIP: None`) and the StatefulSet (or Deployment) it governs: each
 * pod gets its own DNS record, `<set>-<i>.<service>.<namespace>.svc.cluster.local` for a
 * StatefulSet.
 */
export class HeadlessGroup extends ServiceWorkload {
  /** Whether `x` is a HeadlessGroup (made by any copy of this package). */
  public static isHeadlessGroup(x: unknown): x is HeadlessGroup {
    return hasBrand(x, 'HeadlessGroup');
  }

  /** The StatefulSet or Deployment. */
  public readonly workload: ApiObject;
  /** The StatefulSet (WorkloadKind.STATEFUL_SET). */
  public readonly statefulSet?: ApiObject;
  /** The Deployment (WorkloadKind.DEPLOYMENT). */
  public readonly deployment?: ApiObject;
  /** Which workload kind it is. */
  public readonly workloadKind: WorkloadKind;
  /** Whether the governing Service is headless (pods have DNS records of their own). */
  public readonly headless: boolean;
  /** The number of pods (the autoscaler's minimum when autoscaling). */
  public readonly replicas: number;

  /**
   * @param scope the chart or construct this one belongs to
   * @param id the construct id; unless a name is given, also the name of the objects written
   * @param props what to write, see `HeadlessGroupProps`
   */
  constructor(scope: Construct, id: string, props: HeadlessGroupProps) {
    super(checkedScope('new HeadlessGroup', scope, id), id);
    checkShape('new HeadlessGroup', [scope, id, props], 'HeadlessGroup', this);
    const kind = props.workload ?? WorkloadKind.STATEFUL_SET;
    const statefulSet = kind === WorkloadKind.STATEFUL_SET;
    const headless = props.headless ?? true;
    const claims = statefulSet ? props.volumeClaims ?? [] : [];
    let workload: ApiObject | undefined;
    const resolved = this._buildWithService(props, {
      kind: 'HeadlessGroup',
      workloadKind: kind,
      context: { volumeClaims: claims },
      peers: true,
      check: (problems, r) => {
        if (statefulSet && r.identity.name.length > 52) {
          problems.add('name', r.identity.name, `is longer than 52 characters (${r.identity.name.length}): StatefulSet pods get the label controller-revision-hash=<name>-<hash>, which would exceed the 63-character label limit and pods could not be created`);
        }
        checkStatefulProps(props, statefulSet, problems);
      },
      render: (metadata, labels) => (workload = statefulSet ? this.statefulSetObject(props, metadata, labels) : this._deploymentObject(metadata, labels)),
    }, {
      name: props.serviceName === undefined ? undefined : { value: props.serviceName, field: 'serviceName' },
      type: ServiceType.CLUSTER_IP,
      headless,
      publishNotReadyAddresses: props.publishNotReadyAddresses,
      ports: props,
      portRules: { nodePortsAllowed: false, nodePortRule: 'is not allowed on a headless Service', defaultPort: 80 },
    });
    this.workloadKind = kind;
    this.headless = headless;
    this.workload = workload!;
    if (statefulSet) this.statefulSet = workload;
    else this.deployment = workload;
    this.replicas = resolved.workload.production.autoscaling?.min ?? resolved.workload.replicas;
  }

  /** The DNS name of the Service: every pod's address (alias of `dnsName`). */
  public get serviceDnsName(): string {
    return this.dnsName;
  }

  /** `<set>-<ordinal>.<service>.<namespace>.svc.cluster.local` (StatefulSet only). */
  public podDnsName(ordinal: number): string {
    checkShape('HeadlessGroup.podDnsName', [ordinal], this.constructor.name, this);
    const problems = new Problems('HeadlessGroup', this);
    if (this.workloadKind !== WorkloadKind.STATEFUL_SET) {
      problems.add('podDnsName', ordinal, 'is only available with WorkloadKind.STATEFUL_SET: Deployment pods have no stable names');
    } else if (!this.headless) {
      problems.add('podDnsName', ordinal, 'is only available with a headless governing Service (headless: true): pods get no DNS records of their own otherwise');
    } else if (!Number.isInteger(ordinal) || ordinal < 0 || ordinal >= this.replicas) {
      problems.add('ordinal', ordinal, this.replicas === 0 ? 'is out of range: the group has no replicas' : `is out of range 0-${this.replicas - 1}`);
    }
    problems.throwIfAny();
    return `${this.workloadName}-${ordinal}.${this.dnsName}`;
  }

  /** Every pod's DNS name, in ordinal order (StatefulSet only). */
  public get podDnsNames(): string[] {
    if (this.workloadKind !== WorkloadKind.STATEFUL_SET) this.podDnsName(0);
    return Array.from({ length: this.replicas }, (_, i) => this.podDnsName(i));
  }

  /** The pod DNS names joined by commas, for peer lists in config files (StatefulSet only). */
  public get peers(): string {
    return this.podDnsNames.join(',');
  }

  /** The DNS SRV name of a named port: `_<port>._<protocol>.<service>.<namespace>.svc.cluster.local`. */
  public srvName(portName: string): string {
    checkShape('HeadlessGroup.srvName', [portName], this.constructor.name, this);
    const port = this.ports.find((p) => p.name === portName);
    if (!port) {
      const problems = new Problems('HeadlessGroup', this);
      problems.add('portName', portName, `is not a port of this group (ports: ${this.ports.map((p) => p.name).join(', ')})`);
      throw problems.error();
    }
    return `_${port.name}._${port.protocol.toLowerCase()}.${this.dnsName}`;
  }

  private statefulSetObject(props: HeadlessGroupProps, metadata: object, labels: { [key: string]: string }): ApiObject {
    return new PatternObject(this, 'StatefulSet', {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata,
      spec: Lazy.any({ produce: () => this.renderStatefulSetSpec(props, labels) }),
    });
  }

  private renderStatefulSetSpec(props: HeadlessGroupProps, labels: { [key: string]: string }): object {
    const claims = props.volumeClaims ?? [];
    const whenDeleted = props.persistentVolumeClaimRetentionPolicy?.whenDeleted;
    const whenScaled = props.persistentVolumeClaimRetentionPolicy?.whenScaled;
    return {
      serviceName: this.serviceName,
      replicas: this._workload.production.autoscaling ? undefined : this._workload.replicas,
      minReadySeconds: this._workload.minReadySeconds,
      podManagementPolicy: props.podManagementPolicy,
      selector: { matchLabels: this.selector },
      updateStrategy: props.updateStrategy !== undefined || props.partition !== undefined ? {
        type: props.updateStrategy ?? StatefulSetUpdateStrategy.ROLLING_UPDATE,
        rollingUpdate: props.partition !== undefined ? { partition: props.partition } : undefined,
      } : undefined,
      persistentVolumeClaimRetentionPolicy: whenDeleted || whenScaled ? { whenDeleted, whenScaled } : undefined,
      template: renderPodTemplate(this._workload, labels, this.selector) as K8sPodTemplateSpec,
      volumeClaimTemplates: claims.length > 0 ? claims.map((c) => ({
        metadata: { name: c.name, labels: nonEmptyMap(c.labels), annotations: nonEmptyMap(c.annotations) },
        spec: {
          accessModes: c.accessModes && c.accessModes.length > 0 ? c.accessModes : [AccessMode.READ_WRITE_ONCE],
          storageClassName: c.storageClassName,
          resources: { requests: { storage: sizeText(c.storage)! } },
        },
      })) : undefined,
    } satisfies K8sStatefulSetSpec;
  }

}

function checkStatefulProps(props: HeadlessGroupProps, statefulSet: boolean, problems: Problems): void {
  const onlyStateful: Array<[string, unknown]> = [
    ['podManagementPolicy', props.podManagementPolicy],
    ['updateStrategy', props.updateStrategy],
    ['partition', props.partition],
    ['volumeClaims', props.volumeClaims],
    ['persistentVolumeClaimRetentionPolicy', props.persistentVolumeClaimRetentionPolicy],
  ];
  if (statefulSet && props.strategy !== undefined) {
    problems.add('strategy', props.strategy, 'is for Deployments: use updateStrategy with WorkloadKind.STATEFUL_SET');
  }
  if (!statefulSet) {
    for (const [field, value] of onlyStateful) {
      if (value !== undefined) problems.add(field, value, 'is only allowed with WorkloadKind.STATEFUL_SET');
    }
    return;
  }
  if (props.rollingUpdate !== undefined) {
    problems.add('rollingUpdate', props.rollingUpdate, 'is for Deployments: use updateStrategy and partition with WorkloadKind.STATEFUL_SET');
  }
  if (props.partition !== undefined) {
    checkCount(problems, 'partition', props.partition);
    if (props.updateStrategy === StatefulSetUpdateStrategy.ON_DELETE) {
      problems.add('partition', props.partition, 'is only allowed with updateStrategy ROLLING_UPDATE');
    }
  }
  checkVolumeClaims(problems, props.volumeClaims ?? []);
}

brand(HeadlessGroup.prototype, 'HeadlessGroup');
