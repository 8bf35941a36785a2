import { PatternObject } from '../core/api-object';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PatternDefaultsProps } from '../core/defaults';
import { Problems } from '../core/problems';
import { claimName } from '../core/registry';
import { dns1123Subdomain } from '../core/names';
import { AutoscalingOptions, ObjectNames, WorkloadOptions } from './workload';
import { DisruptionBudgetOptions, GracefulShutdownOptions, PercentOrAbsolute, SpreadOptions } from '../core/workload-options';
import { wholeSeconds } from '../core/durations';
import { hasBrand } from '../core/brand';
import type { K8sHorizontalPodAutoscalerSpec, K8sMetricSpec, K8sPodDisruptionBudgetSpec, K8sPodSpec, K8sTopologySpreadConstraint } from '../core/k8s';

export interface ResolvedProduction {
  readonly autoscaling?: { min: number; max: number; cpu?: number; memory?: number };
  readonly disruptionBudget?: { maxUnavailable?: number | string; minAvailable?: number | string };
  readonly spread: { nodes: boolean; zones: boolean };
  /** The preStop pause (absent when switched off) and the grace period (absent when Kubernetes' default). */
  readonly shutdown: { pause?: { seconds: number; execSleep: boolean }; grace?: number };
}


/** Parses `'1'` or `'25%'` into the API's int-or-string; undefined when invalid (reported). */
export function intOrPercent(problems: Problems, field: string, value: PercentOrAbsolute, maxPercent?: number): { json: number | string; n: number; percent: boolean } | undefined {
  if (!hasBrand(value, 'PercentOrAbsolute')) {
    problems.add(field, value, 'is not a PercentOrAbsolute: use PercentOrAbsolute.percent(25) or PercentOrAbsolute.absolute(1)');
    return undefined;
  }
  const n = value.value;
  if (!Number.isInteger(n) || n < 0) {
    problems.add(field, value.toString(), 'must be a whole number >= 0');
    return undefined;
  }
  if (value.isPercent && maxPercent !== undefined && n > maxPercent) problems.add(field, value.toString(), `must not be more than ${maxPercent}%`);
  return { json: value.isPercent ? value.toString() : n, n, percent: value.isPercent };
}

export function resolveProduction(
  options: WorkloadOptions,
  defaults: PatternDefaultsProps,
  replicas: number,
  requests: { [k: string]: string } | undefined,
  shutdown: ResolvedProduction['shutdown'],
  problems: Problems,
): ResolvedProduction {
  const autoscaling = options.autoscaling && resolveAutoscaling(options.autoscaling, options.replicas, requests, problems);
  const fewest = autoscaling ? autoscaling.min : replicas;
  const most = autoscaling ? autoscaling.max : replicas;
  const spread: SpreadOptions = { ...defaults.spread, ...options.spread };
  const spreading = (spread.enabled ?? true) && most >= 2;
  return {
    autoscaling,
    disruptionBudget: resolveBudget({ ...defaults.disruptionBudget, ...options.disruptionBudget }, fewest, problems),
    // Zones by default: a pod with a constraint of its own loses the scheduler's default ones,
    // which include the zone spreading (docs/defaults.md, "Spreading across nodes and zones").
    spread: { nodes: spreading, zones: spreading && (spread.zones ?? true) },
    shutdown,
  };
}

function resolveAutoscaling(a: AutoscalingOptions, replicas: number | undefined, requests: { [k: string]: string } | undefined, problems: Problems) {
  const before = problems.count;
  if (replicas !== undefined) {
    problems.add('replicas', replicas, 'cannot be combined with autoscaling: the HorizontalPodAutoscaler owns the replica count (remove replicas)');
  }
  if (!Number.isInteger(a.minReplicas) || a.minReplicas < 1) problems.add('autoscaling.minReplicas', a.minReplicas, 'must be an integer >= 1');
  if (!Number.isInteger(a.maxReplicas) || a.maxReplicas < 1) problems.add('autoscaling.maxReplicas', a.maxReplicas, 'must be an integer >= 1');
  else if (a.maxReplicas < a.minReplicas) problems.add('autoscaling.maxReplicas', a.maxReplicas, `must be >= minReplicas (${a.minReplicas})`);
  const cpu = a.cpuUtilization ?? (a.memoryUtilization === undefined ? 80 : undefined);
  for (const [field, value, resource] of [['cpuUtilization', cpu, 'cpu'], ['memoryUtilization', a.memoryUtilization, 'memory']] as const) {
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 1) problems.add(`autoscaling.${field}`, value, 'must be an integer >= 1 (percent of the request)');
    if (!requests?.[resource]) {
      problems.add(`autoscaling.${field}`, value, `needs a ${resource} request: utilization is measured against it (set resources.${resource}Request)`);
    }
  }
  if (problems.count > before) return undefined;
  return { min: a.minReplicas, max: a.maxReplicas, cpu, memory: a.memoryUtilization };
}

function resolveBudget(b: DisruptionBudgetOptions, fewest: number, problems: Problems): ResolvedProduction['disruptionBudget'] {
  if (b.enabled === false || fewest < 2) return undefined;
  if (b.maxUnavailable !== undefined && b.minAvailable !== undefined) {
    problems.add('disruptionBudget.minAvailable', String(b.minAvailable), 'cannot be combined with maxUnavailable: give one');
    return undefined;
  }
  const zero = 'allows no disruption at all, so node drains would hang: set allowZeroDisruptions if you mean it';
  if (b.minAvailable !== undefined) {
    const min = intOrPercent(problems, 'disruptionBudget.minAvailable', b.minAvailable, 100);
    if (!min) return undefined;
    const blocks = min.percent ? min.n >= 100 : min.n >= fewest;
    if (blocks && !b.allowZeroDisruptions) problems.add('disruptionBudget.minAvailable', b.minAvailable.toString(), `${zero} (replicas: ${fewest})`);
    return { minAvailable: min.json };
  }
  const max = intOrPercent(problems, 'disruptionBudget.maxUnavailable', b.maxUnavailable ?? PercentOrAbsolute.absolute(1), 100);
  if (!max) return undefined;
  if (max.n === 0 && !b.allowZeroDisruptions) problems.add('disruptionBudget.maxUnavailable', String(max.json), zero);
  return { maxUnavailable: max.json };
}

/** The graceful-shutdown settings: the preStop pause and the grace period. */
export function resolveShutdown(g: GracefulShutdownOptions, problems: Problems): ResolvedProduction['shutdown'] {
  if (g.enabled === false) {
    // Without the pause the grace period still applies: apps that drain slowly need it.
    return { grace: wholeSeconds(problems, 'gracefulShutdown.terminationGracePeriod', g.terminationGracePeriod, 0) };
  }
  const pause = g.preStopPause === undefined ? 5 : wholeSeconds(problems, 'gracefulShutdown.preStopPause', g.preStopPause, 1) ?? 5;
  const grace = g.terminationGracePeriod === undefined ? Math.max(30, pause + 10) : wholeSeconds(problems, 'gracefulShutdown.terminationGracePeriod', g.terminationGracePeriod, 1) ?? 30;
  if (grace <= pause) {
    problems.add('gracefulShutdown.terminationGracePeriod', `${grace} seconds`, `must be longer than the preStopPause (${pause} seconds): the pod would be killed during the pause`);
  }
  return { pause: { seconds: pause, execSleep: g.execSleep ?? false }, grace };
}

/** The pod-spec fields of the production defaults. */
export function podSpecExtras(p: ResolvedProduction, selector: { [key: string]: string }): object {
  const constraint = (topologyKey: string): K8sTopologySpreadConstraint => ({ maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: selector } });
  const constraints = [
    ...(p.spread.nodes ? [constraint('kubernetes.io/hostname')] : []),
    ...(p.spread.zones ? [constraint('topology.kubernetes.io/zone')] : []),
  ];
  return {
    topologySpreadConstraints: constraints.length > 0 ? constraints : undefined,
    terminationGracePeriodSeconds: p.shutdown.grace,
  } satisfies Partial<K8sPodSpec>;
}

/** The main container's preStop pause of the production defaults. */
export function preStopPause(shutdown: ResolvedProduction['shutdown']): object | undefined {
  const pause = shutdown.pause;
  if (!pause) return undefined;
  return pause.execSleep ? { exec: { command: ['sleep', String(pause.seconds)] } } : { sleep: { seconds: pause.seconds } };
}

/** Writes the PodDisruptionBudget and HorizontalPodAutoscaler of a workload, where resolved. */
export function productionObjects(
  scope: Construct,
  p: ResolvedProduction,
  metadata: object,
  selector: { [key: string]: string },
  target: { kind: string; name: string },
  names: ObjectNames = {},
): { disruptionBudget?: ApiObject; autoscaler?: ApiObject } {
  const disruptionBudget = p.disruptionBudget && new PatternObject(scope, 'PodDisruptionBudget', {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: names.disruptionBudget ? { ...metadata, name: names.disruptionBudget } : metadata,
    spec: { ...p.disruptionBudget, selector: { matchLabels: selector } } satisfies K8sPodDisruptionBudgetSpec,
  });
  const a = p.autoscaling;
  const metric = (name: string, averageUtilization: number): K8sMetricSpec => ({ type: 'Resource', resource: { name, target: { type: 'Utilization', averageUtilization } } });
  const autoscaler = a && new PatternObject(scope, 'HorizontalPodAutoscaler', {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: names.autoscaler ? { ...metadata, name: names.autoscaler } : metadata,
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: target.kind, name: target.name },
      minReplicas: a.min,
      maxReplicas: a.max,
      metrics: [
        ...(a.cpu !== undefined ? [metric('cpu', a.cpu)] : []),
        ...(a.memory !== undefined ? [metric('memory', a.memory)] : []),
      ],
    } satisfies K8sHorizontalPodAutoscalerSpec,
  });
  return { disruptionBudget, autoscaler };
}

/** Claims the names of the PodDisruptionBudget and HorizontalPodAutoscaler that will be written. */
export function claimProductionNames(scope: Construct, problems: Problems, p: ResolvedProduction, namespace: string, name: string, names: ObjectNames = {}): void {
  if (p.disruptionBudget) claimObjectName(scope, problems, 'PodDisruptionBudget', namespace, name, names.disruptionBudget, 'names.disruptionBudget');
  if (p.autoscaling) claimObjectName(scope, problems, 'HorizontalPodAutoscaler', namespace, name, names.autoscaler, 'names.autoscaler');
}

/**
 * Claims the name of an object a pattern writes: the explicit one (checked as a DNS-1123
 * subdomain) or the pattern's own name.
 */
export function claimObjectName(scope: Construct, problems: Problems, kind: string, namespace: string, name: string, explicit: string | undefined, field: string): void {
  if (explicit === undefined) {
    claimName(scope, problems, 'name', kind, namespace, name);
    return;
  }
  const rule = dns1123Subdomain(explicit);
  if (rule) problems.add(field, explicit, rule);
  else claimName(scope, problems, field, kind, namespace, explicit);
}
