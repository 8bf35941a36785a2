import { nonEmpty, nonEmptyMap } from '../core/collections';
import type { K8sContainer, K8sDeploymentSpec, K8sPodSecurityContext, K8sPodSpec, K8sPodTemplateSpec, K8sVolume } from '../core/k8s';
import { ConsumerState } from '../connections/connection';
import { Connection } from '../services/inbound';
import { ContainerRole, checkId, checkPodPorts, PodPort, renderContainer, renderPorts, resolveContainer, ResolvedContainer } from './container-model';
import { NamedContainerOptions } from './container';
import { Problems } from '../core/problems';
import { intOrPercent, podSpecExtras, preStopPause, ResolvedProduction, resolveProduction, resolveShutdown } from './production';
import { servicesIn } from '../core/registry';
import { IConstruct } from 'constructs';
import { checkAnnotations, checkLabels } from '../core/labels';
import { dns1123Label, dns1123Subdomain } from '../core/names';
import { containerPorts, ResolvedPort } from '../services/ports-model';
import { PatternDefaultsProps } from '../core/defaults';
import { resolveScheduling } from './scheduling-model';
import { ClaimTemplate, resolveVolumes, volumeSources } from './volume-model';
import { anyUses, CONFIG_HASH_ANNOTATION, ConfigSource, contentHash, useOf } from '../config/ref-model';
import { ContainerOptions } from './container';
import { rootImageWarning } from './images';
import { DeploymentStrategy, WorkloadOptions } from './workload';
import { PercentOrAbsolute, RollingUpdateOptions } from '../core/workload-options';
import { PodSecurity } from '../core/pod-security';
import { wholeSeconds } from '../core/durations';

/** The validated, defaulted workload: plain data that renders to a pod template. */
export interface ResolvedWorkload {
  readonly replicas: number;
  /** The main container; connectTo adds to its `env` until synth. */
  readonly main: ResolvedContainer;
  /** Init containers and native sidecars, in start order (init containers first). */
  readonly initContainers: ResolvedContainer[];
  /** Main containers besides the main one. */
  readonly extraContainers: ResolvedContainer[];
  /** Container ports of the main container (the Service's and its extra ports). */
  readonly mainPorts: PodPort[];
  /** Connections made with connectTo, in call order. */
  readonly connections: Connection[];
  readonly enableServiceLinks?: boolean;
  readonly podSecurity: PodSecurity;
  readonly podSecurityContext: object;
  readonly pod: object;
  readonly podAnnotations?: { [key: string]: string };
  readonly minReadySeconds?: number;
  readonly strategy: object;
  readonly production: ResolvedProduction;
  /** Things that will pass validation but likely fail at run time (root images under RESTRICTED). */
  readonly warnings: string[];
  /** ConfigMaps, Secrets and claims the pods read through handles (their hash rolls the pods). */
  readonly sources: ConfigSource[];
  /** The pods' restart policy, for pods that run to completion (else Kubernetes' default, Always). */
  readonly restartPolicy?: string;
}

/** What the pattern tells the pod model besides the props. */
export interface WorkloadContext {
  /** The workload's name: the main container's default name. */
  readonly name: string;
  /** Volumes claimed per pod (HeadlessGroup), mounted into the main container. */
  readonly volumeClaims?: ClaimTemplate[];
  /**
   * Pods that run to completion (Job, CronJob), written with this restart policy: no default
   * readiness probe, no graceful-shutdown pause, and none of the long-running workloads' options
   * or chart-wide defaults (replicas, rollout, disruption budget, spreading, autoscaling).
   */
  readonly runsToCompletion?: {
    readonly restartPolicy: string;
    /** How many pods run at once (a Job's parallelism), for the checks of what they mount. */
    readonly pods?: number;
  };
}

export function resolveWorkload(
  options: WorkloadOptions,
  defaults: PatternDefaultsProps,
  ports: ResolvedPort[],
  context: WorkloadContext,
  problems: Problems,
): ResolvedWorkload {
  const once = context.runsToCompletion;
  const replicas = once ? once.pods ?? 1 : options.replicas ?? defaults.replicas ?? 2;
  if (!once) checkCount(problems, 'replicas', replicas);
  const podSecurity = options.podSecurity ?? defaults.podSecurity ?? PodSecurity.RESTRICTED;
  checkPodOptions(problems, options);
  const minReadySeconds = once ? undefined : wholeSeconds(problems, 'minReady', options.minReady, 0);
  const claims = context.volumeClaims ?? [];
  const volumes = resolveVolumes(problems, options.volumes ?? [], podSecurity, claims.map((c) => c.name));
  // A pod that runs to completion serves no endpoints, so it needs no pause before it stops.
  const shutdown = once ? {} : resolveShutdown({ ...defaults.gracefulShutdown, ...options.gracefulShutdown }, problems);
  if (options.preStop !== undefined && (options.gracefulShutdown?.preStopPause !== undefined || options.gracefulShutdown?.execSleep !== undefined)) {
    problems.add('preStop', options.preStop.kind, 'cannot be combined with gracefulShutdown.preStopPause or execSleep: the preStop hook replaces the pause');
  }
  const pod: PodContext = { podSecurity, defaults, problems, volumes: volumes.names, grace: shutdown.grace ?? 30 };
  const servicePorts: PodPort[] = [];
  for (const p of containerPorts(ports)) servicePorts.push({ name: p.name || undefined, containerPort: p.containerPort, protocol: p.protocol, field: 'a Service port' });
  const main = resolveContainer(options, options.containerName ?? context.name, {
    podSecurity,
    defaults,
    problems,
    role: ContainerRole.MAIN,
    field: '',
    servicePorts,
    // A probe of a pod that runs to completion gates nothing: no Service waits for it.
    defaultReadiness: once ? false : defaults.defaultReadinessProbe ?? true,
    podLevelIds: true,
    defaultPreStop: options.preStop ? undefined : preStopPause(shutdown),
    claimMounts: claims,
    volumes: pod.volumes,
    grace: pod.grace,
  });
  const init = resolveNamed(options.initContainers, 'initContainers', ContainerRole.INIT, pod);
  const sidecars = resolveNamed(options.sidecars, 'sidecars', ContainerRole.SIDECAR, pod);
  const extra = resolveNamed(options.containers, 'containers', ContainerRole.EXTRA, pod);
  const all = [main].concat(init, sidecars, extra);
  checkContainers(problems, all, servicePorts, options.containerName !== undefined);
  checkClaimsMounted(problems, claims, options);
  const warnings: string[] = [];
  for (const c of all) {
    const warning = rootImageWarning(c, podSecurity, options.runAsUser);
    if (warning !== undefined) warnings.push(warning);
  }
  return {
    replicas,
    main,
    initContainers: init.concat(sidecars),
    extraContainers: extra,
    mainPorts: servicePorts.concat(main.ports),
    connections: [],
    enableServiceLinks: options.enableServiceLinks,
    podSecurity,
    podSecurityContext: podSecurityContext(options, podSecurity),
    pod: podSpecParts(problems, options, defaults, volumes.json),
    podAnnotations: nonEmptyMap(options.podAnnotations),
    minReadySeconds,
    strategy: once ? {} : resolveStrategy(options, defaults, problems),
    production: once ? NO_PRODUCTION : resolveProduction(options, defaults, replicas, main.requests, shutdown, problems),
    warnings,
    sources: anyUses() ? podSources(options) : NO_SOURCES,
    restartPolicy: once?.restartPolicy,
  };
}

const NO_SOURCES: ConfigSource[] = [];
const NO_PRODUCTION: ResolvedProduction = { spread: { nodes: false, zones: false }, shutdown: {} };

/** What the pod reads through handles: its volumes' and every container's env sources. */
function podSources(options: WorkloadOptions): ConfigSource[] {
  const out: ConfigSource[] = [];
  volumeSources(options.volumes, out);
  const containers: ContainerOptions[] = [options];
  for (const list of [options.initContainers, options.sidecars, options.containers]) if (list) containers.push(...list);
  for (const c of containers) {
    for (const v of Object.values(c.envValues ?? {})) {
      const s = useOf(v);
      if (s) out.push(s);
    }
    for (const e of c.envFrom ?? []) {
      const s = useOf(e);
      if (s) out.push(s);
    }
  }
  return out;
}

/** Pod-level fields that only need checking: the profile, fsGroup, names, labels and annotations. */
function checkPodOptions(problems: Problems, options: WorkloadOptions): void {
  checkId(problems, 'fsGroup', options.fsGroup);
  checkName(problems, 'serviceAccountName', options.serviceAccountName);
  (options.imagePullSecrets ?? []).forEach((s, i) => checkName(problems, `imagePullSecrets[${i}]`, s));
  checkLabels(problems, 'labels', options.labels);
  checkAnnotations(problems, 'podAnnotations', options.podAnnotations);
}

/** What every container of the pod is resolved against. */
interface PodContext {
  readonly podSecurity: PodSecurity;
  readonly defaults: PatternDefaultsProps;
  readonly problems: Problems;
  readonly volumes: Set<string>;
  readonly grace: number;
}

/** Init containers, sidecars or extra main containers. */
function resolveNamed(list: NamedContainerOptions[] | undefined, field: string, role: ContainerRole, pod: PodContext): ResolvedContainer[] {
  const out: ResolvedContainer[] = [];
  if (list === undefined) return out;
  for (let i = 0; i < list.length; i++) {
    // Every context has the same keys in the same order as the main container's: one object
    // shape keeps resolution fast.
    out.push(resolveContainer(list[i], list[i].name, {
      podSecurity: pod.podSecurity,
      defaults: pod.defaults,
      problems: pod.problems,
      role,
      field: `${field}[${i}].`,
      servicePorts: [],
      defaultReadiness: false,
      podLevelIds: false,
      defaultPreStop: undefined,
      claimMounts: undefined,
      volumes: pod.volumes,
      grace: pod.grace,
    }));
  }
  return out;
}

function podSecurityContext(options: WorkloadOptions, podSecurity: PodSecurity): K8sPodSecurityContext {
  return {
    runAsNonRoot: podSecurity === PodSecurity.RESTRICTED ? true : undefined,
    runAsUser: options.runAsUser,
    runAsGroup: options.runAsGroup,
    fsGroup: options.fsGroup,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** The pod spec's fields from the options: identity, pull secrets, classes, scheduling, volumes. */
function podSpecParts(problems: Problems, options: WorkloadOptions, defaults: PatternDefaultsProps, volumes: object[]): Partial<K8sPodSpec> {
  return {
    automountServiceAccountToken: options.automountServiceAccountToken ?? defaults.automountServiceAccountToken ?? false,
    serviceAccountName: options.serviceAccountName,
    imagePullSecrets: nonEmpty(options.imagePullSecrets)?.map((name) => ({ name })),
    priorityClassName: options.priorityClassName,
    runtimeClassName: options.runtimeClassName,
    ...resolveScheduling(problems, options),
    volumes: nonEmpty(volumes as K8sVolume[]),
  };
}

/** Checks a count such as replicas: an integer >= 0. */
export function checkCount(problems: Problems, field: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) problems.add(field, value, 'must be an integer >= 0');
}

function checkName(problems: Problems, field: string, value: string | undefined): void {
  const rule = value === undefined ? undefined : dns1123Subdomain(value);
  if (rule) problems.add(field, value, rule);
}


/** A claim template without mountPath must be mounted by some container: else it is only cost. */
function checkClaimsMounted(problems: Problems, claims: ClaimTemplate[], options: WorkloadOptions): void {
  if (claims.every((c) => c.mountPath !== undefined)) return;
  const mounted = new Set<string>();
  for (const c of [options as NamedContainerOptions | WorkloadOptions].concat(options.initContainers ?? [], options.sidecars ?? [], options.containers ?? [])) {
    for (const m of c.volumeMounts ?? []) mounted.add(m.volume);
  }
  claims.forEach((c, i) => {
    if (c.mountPath === undefined && !mounted.has(c.name)) {
      problems.add(`volumeClaims[${i}].mountPath`, null, `is not given and no container mounts the claim "${c.name}" with volumeMounts: give a mountPath or mount it`);
    }
  });
}

/** Pod-wide checks: container names and ports unique in the pod. */
function checkContainers(problems: Problems, all: ResolvedContainer[], servicePorts: PodPort[], mainNameGiven: boolean): void {
  const names = new Map<string, string>();
  for (const c of all) {
    const nameField = c.field === '' ? 'containerName' : `${c.field}name`;
    // The main container's default name is the workload's, which is checked as such.
    const labelRule = c.field === '' && !mainNameGiven ? undefined : dns1123Label(c.name);
    const rule = labelRule ?? (names.has(c.name) ? `is already used by ${names.get(c.name)}: container names must be unique in the pod` : undefined);
    if (rule) problems.add(nameField, c.name, rule);
    else names.set(c.name, nameField);
  }
  const ports: PodPort[] = [];
  for (const c of all) ports.push(...c.ports);
  checkPodPorts(problems, servicePorts, ports);
}

function resolveStrategy(options: WorkloadOptions, defaults: PatternDefaultsProps, problems: Problems): NonNullable<K8sDeploymentSpec['strategy']> {
  if (options.strategy === DeploymentStrategy.RECREATE) {
    if (options.rollingUpdate !== undefined) {
      problems.add('rollingUpdate', options.rollingUpdate, 'cannot be combined with strategy RECREATE: a Recreate Deployment has no rolling update');
    }
    return { type: DeploymentStrategy.RECREATE };
  }
  return { type: DeploymentStrategy.ROLLING_UPDATE, rollingUpdate: resolveRollingUpdate({ ...defaults.rollingUpdate, ...options.rollingUpdate }, problems) };
}

/** Renders the spec of a Deployment. */
export function renderDeploymentSpec(w: ResolvedWorkload, labels: { [key: string]: string }, selector: { [key: string]: string }): object {
  const spec: K8sDeploymentSpec = {
    replicas: w.production.autoscaling ? undefined : w.replicas,
    minReadySeconds: w.minReadySeconds,
    selector: { matchLabels: selector },
    strategy: w.strategy as K8sDeploymentSpec['strategy'],
    template: podTemplate(w, labels, selector),
  };
  return spec;
}

/** Renders the pod template (`spec.template`) of a Deployment, StatefulSet or Job. */
export function renderPodTemplate(w: ResolvedWorkload, podLabels: { [key: string]: string }, selector: { [key: string]: string }): object {
  return podTemplate(w, podLabels, selector);
}

function podTemplate(w: ResolvedWorkload, podLabels: { [key: string]: string }, selector: { [key: string]: string }): K8sPodTemplateSpec {
  const container = (c: ResolvedContainer, ports: PodPort[]) => renderContainer(c, renderPorts(ports)) as K8sContainer;
  const containers = [container(w.main, w.mainPorts)];
  for (const c of w.extraContainers) containers.push(container(c, c.ports));
  const spec: K8sPodSpec = {
    ...(w.pod as Partial<K8sPodSpec>),
    ...(podSpecExtras(w.production, selector) as Partial<K8sPodSpec>),
    securityContext: w.podSecurityContext as K8sPodSecurityContext,
    containers,
  };
  if (w.restartPolicy !== undefined) spec.restartPolicy = w.restartPolicy as K8sPodSpec['restartPolicy'];
  const serviceLinks = w.enableServiceLinks ?? (w.connections.length > 0 ? false : undefined);
  if (serviceLinks !== undefined) spec.enableServiceLinks = serviceLinks;
  if (w.initContainers.length > 0) spec.initContainers = w.initContainers.map((c) => container(c, c.ports));
  // Computed here, as the pod template renders: a hash of the configuration the pods read, so
  // that a change of it rolls them (docs/configuration.md says why an annotation, not a name suffix).
  // Not for pods that run to completion: a Job's pod template cannot be changed (the API server
  // refuses the update, so the hash would only break the next apply), and a CronJob's next run
  // reads the configuration as it is then.
  const hash = w.sources.length > 0 && w.restartPolicy === undefined ? contentHash(w.sources) : undefined;
  const annotations = hash === undefined ? w.podAnnotations : { ...w.podAnnotations, [CONFIG_HASH_ANNOTATION]: hash };
  return { metadata: annotations ? { labels: podLabels, annotations } : { labels: podLabels }, spec };
}

function resolveRollingUpdate(r: RollingUpdateOptions, problems: Problems): { maxSurge: number | string; maxUnavailable: number | string } {
  const surge = intOrPercent(problems, 'rollingUpdate.maxSurge', r.maxSurge ?? PercentOrAbsolute.percent(25));
  const unavailable = intOrPercent(problems, 'rollingUpdate.maxUnavailable', r.maxUnavailable ?? PercentOrAbsolute.absolute(0), 100);
  if (surge?.n === 0 && unavailable?.n === 0) {
    problems.add('rollingUpdate.maxUnavailable', String(unavailable.json), 'may not be 0 when maxSurge is 0: the rollout could never progress');
  }
  return { maxSurge: surge?.json ?? '25%', maxUnavailable: unavailable?.json ?? 0 };
}

/** The connectTo state of a workload's pods. */
export function consumerState(kind: string, scope: IConstruct, namespace: string, known: boolean, selector: { [key: string]: string }, w: ResolvedWorkload): ConsumerState {
  return {
    kind, scope, namespace, selector,
    namespaceKnown: known,
    containers: [w.main, ...w.initContainers, ...w.extraContainers].map((x) => ({ name: x.name, env: x.env, envValueNames: x.envValues.map((e) => e.name) })),
    connections: w.connections,
    serviceLinks: () => (w.enableServiceLinks === true ? servicesIn(scope, namespace) : []),
  };
}

/** `2 replicas`, `1 replica`, or `3-10 replicas (autoscaled)`, for the topology picture. */
export function scaleText(w: ResolvedWorkload): string {
  const a = w.production.autoscaling;
  if (a) return `${a.min}-${a.max} replicas (autoscaled)`;
  return `${w.replicas} replica${w.replicas === 1 ? '' : 's'}`;
}
