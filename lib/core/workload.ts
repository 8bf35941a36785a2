import { Probe } from '../probe';

/** Pod Security Standard the pods are built to pass. */
export enum PodSecurity {
  /**
   * The `restricted` profile: non-root, no privilege escalation, all capabilities dropped,
   * RuntimeDefault seccomp. Needs an image that runs as a non-root (numeric) user.
   */
  RESTRICTED = 'restricted',
  /**
   * The `baseline` profile, for images that must run as root (many public images, e.g. the
   * nginx-based `ikubernetes/myapp`): RuntimeDefault seccomp and no privilege escalation only.
   */
  BASELINE = 'baseline',
}

/**
 * Container resources. Unset fields take the library defaults (requests cpu 100m and memory
 * 128Mi, limit memory 256Mi, no CPU limit); the value `'none'` removes a field.
 */
export interface ResourceOptions {
  /**
   * CPU request, e.g. `250m`.
   * @default '100m'
   */
  readonly cpuRequest?: string;
  /**
   * Memory request, e.g. `256Mi`.
   * @default '128Mi'
   */
  readonly memoryRequest?: string;
  /**
   * CPU limit. A CPU limit throttles even an idle node's spare CPU, so there is none by default.
   * @default 'none'
   */
  readonly cpuLimit?: string;
  /**
   * Memory limit.
   * @default '256Mi'
   */
  readonly memoryLimit?: string;
}

/** Rolling update settings: an integer (`'1'`) or a percentage (`'25%'`). */
export interface RollingUpdateOptions {
  /**
   * Pods that may be created above the desired count during an update.
   * @default '25%'
   */
  readonly maxSurge?: string;
  /**
   * Pods that may be unavailable during an update.
   * @default '0'
   */
  readonly maxUnavailable?: string;
}

/** What the pods of a workload run: shared by ExposedApp and HeadlessGroup. */
export interface WorkloadOptions {
  /** Container image, e.g. `nginx:1.27`. */
  readonly image: string;
  /**
   * Number of pods.
   * @default 2
   */
  readonly replicas?: number;
  /**
   * Environment variables of the container.
   * @default - none
   */
  readonly env?: { [name: string]: string };
  /**
   * Entrypoint override (the image's ENTRYPOINT).
   * @default - the image's entrypoint
   */
  readonly command?: string[];
  /**
   * Arguments (the image's CMD).
   * @default - the image's arguments
   */
  readonly args?: string[];
  /**
   * Container resources; `'none'` removes a field.
   * @default - requests cpu 100m and memory 128Mi, limit memory 256Mi, no CPU limit
   */
  readonly resources?: ResourceOptions;
  /**
   * Readiness probe; `Probe.none()` switches the default off.
   * @default - TCP on the first TCP port; none when the app has no TCP port
   */
  readonly readiness?: Probe;
  /**
   * Liveness probe.
   * @default - none
   */
  readonly liveness?: Probe;
  /**
   * Startup probe.
   * @default - none
   */
  readonly startup?: Probe;
  /**
   * Pod Security Standard the pods are built to pass.
   * @default PodSecurity.RESTRICTED
   */
  readonly podSecurity?: PodSecurity;
  /**
   * User id the container runs as; needed with RESTRICTED when the image names its user
   * instead of giving a numeric id.
   * @default - the image's user
   */
  readonly runAsUser?: number;
  /**
   * Group id the container runs as.
   * @default - the image's group
   */
  readonly runAsGroup?: number;
  /**
   * Group that owns mounted volumes.
   * @default - none
   */
  readonly fsGroup?: number;
  /**
   * Mount the container root filesystem read-only.
   * @default false
   */
  readonly readOnlyRootFilesystem?: boolean;
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
  /**
   * Seconds a new pod must be ready before it counts as available.
   * @default - Kubernetes' default (0)
   */
  readonly minReadySeconds?: number;
  /**
   * PodDisruptionBudget: written for two or more replicas, never for one.
   * @default - maxUnavailable 1 when there are two or more replicas
   */
  readonly disruptionBudget?: DisruptionBudgetOptions;
  /**
   * Topology spread of the pods.
   * @default - across nodes (ScheduleAnyway) when there are two or more replicas
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

/** The PodDisruptionBudget of a workload: at most one pod down in a voluntary disruption. */
export interface DisruptionBudgetOptions {
  /**
   * Write a PodDisruptionBudget (only ever for two or more replicas).
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Pods that may be down at once: an integer (`'1'`) or a percentage (`'25%'`).
   * @default '1' (unless minAvailable is given)
   */
  readonly maxUnavailable?: string;
  /**
   * Pods that must stay up, instead of maxUnavailable: an integer or a percentage.
   * @default - maxUnavailable 1
   */
  readonly minAvailable?: string;
  /**
   * Accept a budget that allows no disruption at all: node drains then hang until someone
   * deletes the budget or a pod by hand.
   * @default false
   */
  readonly allowZeroDisruptions?: boolean;
}

/** Topology spread of the pods. */
export interface SpreadOptions {
  /**
   * Spread the pods across nodes (`kubernetes.io/hostname`, ScheduleAnyway).
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Also spread them across zones (`topology.kubernetes.io/zone`, ScheduleAnyway).
   * @default false
   */
  readonly zones?: boolean;
}

/** A pause before the container is stopped, so endpoints are removed before the process exits. */
export interface GracefulShutdownOptions {
  /**
   * Add the preStop pause.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Seconds of the preStop pause.
   * @default 5
   */
  readonly preStopSeconds?: number;
  /**
   * Seconds Kubernetes waits for the pod to stop before killing it; longer than the pause.
   * @default - 30, or the pause plus 10 when that is longer
   */
  readonly terminationGracePeriodSeconds?: number;
  /**
   * Pause with `exec: sleep N` (needs a `sleep` binary in the image) instead of the `sleep`
   * lifecycle action (Kubernetes 1.30+, where the PodLifecycleSleepAction gate is on by default).
   * @default false
   */
  readonly execSleep?: boolean;
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
