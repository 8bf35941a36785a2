// The workload options PatternDefaults (core/defaults.ts) sets for a whole scope: rollout,
// disruption budget, spreading and shutdown. Public types only; lib/index.ts re-exports them.
import { Duration } from 'cdk8s';
import { brand } from './brand';
import { checkShape } from './shape';

/** A number of pods, or a percentage of the desired count. */
export class PercentOrAbsolute {
  /** A percentage of the desired pod count, e.g. `percent(25)`. */
  public static percent(percent: number): PercentOrAbsolute {
    checkShape('PercentOrAbsolute.percent', [percent]);
    return new PercentOrAbsolute(percent, true);
  }

  /** A number of pods, e.g. `absolute(1)`. */
  public static absolute(count: number): PercentOrAbsolute {
    checkShape('PercentOrAbsolute.absolute', [count]);
    return new PercentOrAbsolute(count, false);
  }

  private constructor(
    /** The number of pods, or the percentage. */
    public readonly value: number,
    /** Whether `value` is a percentage. */
    public readonly isPercent: boolean,
  ) {
  }

  /** `25%` or `1`, as messages and manifests write it. */
  public toString(): string {
    return this.isPercent ? `${this.value}%` : String(this.value);
  }

  /** The same text in JSON (error messages show the props as JSON). */
  public toJSON(): string {
    return this.toString();
  }
}

/** Rolling update settings. */
export interface RollingUpdateOptions {
  /**
   * Pods that may be created above the desired count during an update.
   * @default PercentOrAbsolute.percent(25)
   */
  readonly maxSurge?: PercentOrAbsolute;
  /**
   * Pods that may be unavailable during an update.
   * @default PercentOrAbsolute.absolute(0)
   */
  readonly maxUnavailable?: PercentOrAbsolute;
}

/** The PodDisruptionBudget of a workload: at most one pod down in a voluntary disruption. */
export interface DisruptionBudgetOptions {
  /**
   * Write a PodDisruptionBudget (only ever for two or more replicas).
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Pods that may be down at once.
   * @default PercentOrAbsolute.absolute(1) (unless minAvailable is given)
   */
  readonly maxUnavailable?: PercentOrAbsolute;
  /**
   * Pods that must stay up, instead of maxUnavailable.
   * @default - maxUnavailable 1
   */
  readonly minAvailable?: PercentOrAbsolute;
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
   * Spread the pods across nodes (`kubernetes.io/hostname`, ScheduleAnyway) and zones (see
   * `zones`); `false` writes no constraint, so the scheduler's default spreading applies.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Also spread them across zones (`topology.kubernetes.io/zone`, ScheduleAnyway). `false`
   * writes the node constraint alone, which also turns off the scheduler's default zone
   * spreading (a pod with constraints of its own gets none of the defaults).
   * @default true
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
   * How long the preStop pause lasts (whole seconds).
   * @default Duration.seconds(5)
   */
  readonly preStopPause?: Duration;
  /**
   * How long Kubernetes waits for the pod to stop before killing it (whole seconds); longer than
   * the pause.
   * @default - 30 seconds, or the pause plus 10 seconds when that is longer
   */
  readonly terminationGracePeriod?: Duration;
  /**
   * Pause with `exec: sleep N` (needs a `sleep` binary in the image) instead of the `sleep`
   * lifecycle action (Kubernetes 1.30+, where the PodLifecycleSleepAction gate is on by default).
   * @default false
   */
  readonly execSleep?: boolean;
}

brand(PercentOrAbsolute.prototype, 'PercentOrAbsolute');
