import { checkShape } from './shape';
import { syncWavesUsed } from './sync-wave-hook';
import { sharedWeakMap } from './brand';
import { IConstruct } from 'constructs';
import { NodePortRange } from './ports';
import { ResourceOptions } from './resources';
import { PodSecurity } from './pod-security';
import { DisruptionBudgetOptions, GracefulShutdownOptions, RollingUpdateOptions, SpreadOptions } from './workload-options';

/**
 * Defaults for every construct of this library below a scope (an App, a Chart or any construct).
 * Each field is optional; what a construct's own props say always wins.
 */
export interface PatternDefaultsProps {
  /**
   * Replicas of each workload.
   * @default 2
   */
  readonly replicas?: number;
  /**
   * Container resources; each field given here replaces the library default for that field.
   * @default - requests cpu 100m and memory 128Mi, limit memory 256Mi, no CPU limit
   */
  readonly resources?: ResourceOptions;
  /**
   * Pod Security Standard the pods are built to pass.
   * @default PodSecurity.RESTRICTED
   */
  readonly podSecurity?: PodSecurity;
  /**
   * Mount the service account token into pods.
   * @default false
   */
  readonly automountServiceAccountToken?: boolean;
  /**
   * Mount the container root filesystem read-only.
   * @default false
   */
  readonly readOnlyRootFilesystem?: boolean;
  /**
   * Add a TCP readiness probe on the first TCP port when none is given.
   * @default true
   */
  readonly defaultReadinessProbe?: boolean;
  /**
   * Rolling update settings of Deployments.
   * @default - maxSurge 25%, maxUnavailable 0
   */
  readonly rollingUpdate?: RollingUpdateOptions;
  /**
   * PodDisruptionBudget settings.
   * @default - maxUnavailable 1 for two or more replicas
   */
  readonly disruptionBudget?: DisruptionBudgetOptions;
  /**
   * Topology spread settings.
   * @default - across nodes and zones
   */
  readonly spread?: SpreadOptions;
  /**
   * Graceful shutdown settings.
   * @default - a 5 second preStop sleep
   */
  readonly gracefulShutdown?: GracefulShutdownOptions;
  /**
   * Node port range of the target cluster.
   * @default - 30000-32767
   */
  readonly nodePortRange?: NodePortRange;
  /**
   * Write a NetworkPolicy for every workload (see `WorkloadOptions.networkPolicy`).
   * @default false
   */
  readonly networkPolicy?: boolean;
  /**
   * Write Argo CD sync-wave annotations derived from the construct graph: what an object needs
   * (the Services it connects to and the pods behind them, its dependencies) comes in an earlier
   * wave. Objects of wave 0 get no annotation, and an annotation you wrote wins.
   * @default false
   */
  readonly syncWaves?: boolean;
  /**
   * Namespace of the Ingress controller, allowed in by NetworkPolicies of apps with an Ingress.
   * @default 'ingress-nginx'
   */
  readonly ingressControllerNamespace?: string;
  /**
   * Value of the `app.kubernetes.io/part-of` label.
   * @default - no such label
   */
  readonly partOf?: string;
}

const DEFAULTS = sharedWeakMap<IConstruct, PatternDefaultsProps>('defaults');

/**
 * Sets defaults once for a whole app, chart or scope, instead of on every construct.
 *
 * @example
 * PatternDefaults.set(chart, { replicas: 3, resources: { omit: [ResourceSetting.MEMORY_LIMIT] } });
 */
export class PatternDefaults {
  /** Sets the defaults for every construct of this library created below `scope` afterwards. */
  public static set(scope: IConstruct, defaults: PatternDefaultsProps): void {
    checkShape('PatternDefaults.set', [scope, defaults]);
    DEFAULTS.set(scope, { ...DEFAULTS.get(scope), ...defaults });
    if (defaults?.syncWaves) syncWavesUsed();
  }

  /** The defaults in force at `scope`: the nearest scope's value of each field wins. */
  public static of(scope: IConstruct): PatternDefaultsProps {
    checkShape('PatternDefaults.of', [scope]);
    let merged: PatternDefaultsProps = {};
    for (const s of scope.node.scopes) {
      const own = DEFAULTS.get(s);
      if (own) merged = mergeDefaults(merged, own);
    }
    return merged;
  }

  private constructor() {}
}

function mergeDefaults(outer: PatternDefaultsProps, inner: PatternDefaultsProps): PatternDefaultsProps {
  return {
    ...outer,
    ...inner,
    resources: merge(outer.resources, inner.resources),
    rollingUpdate: merge(outer.rollingUpdate, inner.rollingUpdate),
    disruptionBudget: merge(outer.disruptionBudget, inner.disruptionBudget),
    spread: merge(outer.spread, inner.spread),
    gracefulShutdown: merge(outer.gracefulShutdown, inner.gracefulShutdown),
  };
}

function merge<T extends object>(outer: T | undefined, inner: T | undefined): T | undefined {
  return outer || inner ? { ...outer, ...inner } as T : undefined;
}
