import { ContainerOptions, NamedContainerOptions } from './container';
import { Duration } from 'cdk8s';
import { AffinityOptions, Toleration } from './scheduling';
import { Volume } from './volume';
import { PodSecurity } from '../core/pod-security';
import { DisruptionBudgetOptions, GracefulShutdownOptions, RollingUpdateOptions, SpreadOptions } from '../core/workload-options';

/** Which Deployment strategy replaces pods when the template changes. */
export enum DeploymentStrategy {
  /** New pods are started before old ones stop (see `rollingUpdate`). */
  ROLLING_UPDATE = 'RollingUpdate',
  /** Every old pod is stopped before new ones start: for apps that cannot run two versions at once. */
  RECREATE = 'Recreate',
}

/** Explicit names for the objects a workload pattern writes besides its workload and Service. */
export interface ObjectNames {
  /**
   * Name of the PodDisruptionBudget.
   * @default - the workload's name
   */
  readonly disruptionBudget?: string;
  /**
   * Name of the HorizontalPodAutoscaler.
   * @default - the workload's name
   */
  readonly autoscaler?: string;
  /**
   * Name of the NetworkPolicy.
   * @default - the workload's name
   */
  readonly networkPolicy?: string;
  /**
   * Name of the HTTPRoute.
   * @default - the Service's name
   */
  readonly httpRoute?: string;
  /**
   * Name of the app's own Ingress.
   * @default - the Service's name
   */
  readonly ingress?: string;
}

/**
 * What the pods of any pattern run: the main container's options plus the pod's (volumes, more
 * containers, scheduling, security, identity). Shared by the long-running workloads and by Job and
 * CronJob.
 */
export interface PodOptions extends ContainerOptions {
  /**
   * Volumes of the pod; containers mount them by name.
   * @default - none
   */
  readonly volumes?: Volume[];
  /**
   * Init containers, run one after another before the main container starts.
   * @default - none
   */
  readonly initContainers?: NamedContainerOptions[];
  /**
   * Sidecars: native sidecars (init containers with `restartPolicy: Always`, Kubernetes 1.29+)
   * that start before the main container, run beside it and stop after it.
   * @default - none
   */
  readonly sidecars?: NamedContainerOptions[];
  /**
   * More main containers, started together with the main one (for sidecars on clusters older
   * than 1.29, or pods with several peers).
   * @default - none
   */
  readonly containers?: NamedContainerOptions[];
  /**
   * Name of the main container.
   * @default - the workload's name
   */
  readonly containerName?: string;
  /**
   * Only nodes with these labels.
   * @default - any node
   */
  readonly nodeSelector?: { [key: string]: string };
  /**
   * Node taints the pods tolerate.
   * @default - none
   */
  readonly tolerations?: Toleration[];
  /**
   * Node affinity and pod (anti-)affinity.
   * @default - none (topology spread, see `spread`, keeps replicas apart)
   */
  readonly affinity?: AffinityOptions;
  /**
   * PriorityClass of the pods.
   * @default - the cluster's default priority
   */
  readonly priorityClassName?: string;
  /**
   * RuntimeClass of the pods (e.g. `gvisor`, `kata`, `nvidia`).
   * @default - the cluster's default runtime
   */
  readonly runtimeClassName?: string;
  /**
   * Explicit names of the PodDisruptionBudget, HPA, NetworkPolicy, HTTPRoute and Ingress.
   * @default - the workload's or Service's name
   */
  readonly names?: ObjectNames;
  /**
   * Pod Security Standard the pods are built to pass.
   * @default PodSecurity.RESTRICTED
   */
  readonly podSecurity?: PodSecurity;
  /**
   * Group that owns mounted volumes.
   * @default - none
   */
  readonly fsGroup?: number;
  /**
   * Mount the service account token: only apps that call the Kubernetes API need it.
   * @default false
   */
  readonly automountServiceAccountToken?: boolean;
  /**
   * Service account of the pods.
   * @default - the namespace's default service account
   */
  readonly serviceAccountName?: string;
  /**
   * Secrets to pull the image with.
   * @default - none
   */
  readonly imagePullSecrets?: string[];
  /**
   * Extra labels on every object (the selector labels cannot be overridden).
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations on the pods.
   * @default - none
   */
  readonly podAnnotations?: { [key: string]: string };
  /**
   * Inject the docker-links style variables of every Service in the namespace
   * (`<SVC>_SERVICE_HOST`, `<SVC>_PORT`, ...). They depend on start order and can shadow
   * variables of `connectTo`, so apps with connections turn them off.
   * @default - Kubernetes' default (true), false once the app has a connection
   */
  readonly enableServiceLinks?: boolean;
  /**
   * Write a NetworkPolicy for the pods: ingress only from connected consumers (see
   * `connectTo`), the Ingress controller and, for NodePort/LoadBalancer, the exposed ports;
   * egress only to DNS and to connected providers.
   * @default - the chart-wide default, else false
   */
  readonly networkPolicy?: boolean;
}

/**
 * The pod options plus what only long-running workloads (Deployment, StatefulSet) have: replicas,
 * rollout, disruption budget, spreading, graceful shutdown and autoscaling. Shared by ExposedApp,
 * DeployedApp and HeadlessGroup.
 */
export interface WorkloadOptions extends PodOptions {
  /**
   * Number of pods.
   * @default 2
   */
  readonly replicas?: number;
  /**
   * Deployment strategy (Deployments only).
   * @default DeploymentStrategy.ROLLING_UPDATE
   */
  readonly strategy?: DeploymentStrategy;
  /**
   * How long a new pod must be ready before it counts as available (whole seconds).
   * @default - Kubernetes' default (none)
   */
  readonly minReady?: Duration;
  /**
   * PodDisruptionBudget: written for two or more replicas, never for one.
   * @default - maxUnavailable 1 when there are two or more replicas
   */
  readonly disruptionBudget?: DisruptionBudgetOptions;
  /**
   * Topology spread of the pods.
   * @default - across nodes and zones (ScheduleAnyway) when there can be two or more pods
   */
  readonly spread?: SpreadOptions;
  /**
   * Graceful shutdown: a preStop pause and a longer termination grace period.
   * @default - a 5 second preStop sleep, grace period 30 seconds
   */
  readonly gracefulShutdown?: GracefulShutdownOptions;
  /**
   * A HorizontalPodAutoscaler; `replicas` is then left out of the workload.
   * @default - a fixed number of replicas
   */
  readonly autoscaling?: AutoscalingOptions;
  /**
   * Rolling update settings (Deployments only).
   * @default - maxSurge 25%, maxUnavailable 0
   */
  readonly rollingUpdate?: RollingUpdateOptions;
}

/** A HorizontalPodAutoscaler for the workload; `replicas` is then left to it. */
export interface AutoscalingOptions {
  /** Fewest pods, at least 1. */
  readonly minReplicas: number;
  /** Most pods, at least minReplicas. */
  readonly maxReplicas: number;
  /**
   * Target average CPU use, in percent of the CPU request.
   * @default 80 when no metric is given
   */
  readonly cpuUtilization?: number;
  /**
   * Target average memory use, in percent of the memory request.
   * @default - no memory metric
   */
  readonly memoryUtilization?: number;
}

