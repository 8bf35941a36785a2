import { nonEmpty } from '../core/collections';
import type { K8sContainer, K8sContainerPort, K8sEnvFromSource, K8sEnvVar, K8sLifecycleHandler, K8sProbe, K8sSecurityContext, K8sVolumeMount } from '../core/k8s';
// One container model: resolution (checks and defaults) and rendering of a container, used for
// the main container, init containers, sidecars and extra main containers alike.
import { Probe, ProbeKind, ProbeTimings } from './probe';
import { ContainerOptions, ContainerPortOptions, EnvFrom, EnvValue, EnvValueSource, LifecycleHandler, LifecycleKind } from './container';
import { Cpu, ResourceOptions, ResourceSetting } from '../core/resources';
import { hasBrand } from '../core/brand';
import { Size } from 'cdk8s';
import { PatternDefaultsProps } from '../core/defaults';
import { dns1123Label, dns1123Subdomain, envVarName, ianaPortName, qualifiedName } from '../core/names';
import { isPortNumber, PORT_RULE } from '../services/ports-model';
import { Protocol } from '../core/ports';
import { Problems } from '../core/problems';
import { secondsOf, wholeSeconds } from '../core/durations';
import { quantity, quantityValue, sizeQuantity, wholeNumber } from '../core/quantity';
import { volumeSubPath } from '../core/paths';
import {
  BASELINE_CAPABILITIES, CONFIG_MAP_KEY, ENV_FIELD_PATHS, envFieldPath, hugePageAmount, hugePageSize, MAX_ID, RESTRICTED_CAPABILITIES, resourceDivisor, resourceFieldResource, sleepSeconds,
} from '../core/pod-values';
import { VolumeMount } from './volume';
import { PodSecurity } from '../core/pod-security';
import type { ClaimTemplate } from './volume-model';
import { unknownKey, useOf } from '../config/ref-model';

/** What a container is in the pod. */
export enum ContainerRole {
  MAIN = 'main',
  INIT = 'init',
  SIDECAR = 'sidecar',
  EXTRA = 'extra',
}

/** A container port with the field it came from, for pod-wide uniqueness checks. */
export interface PodPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol: Protocol;
  readonly field: string;
}

/** The validated, defaulted container: JSON ready to render, except the mutable `env`. */
export interface ResolvedContainer {
  readonly name: string;
  readonly role: ContainerRole;
  /** Field prefix of its options in messages: '' for the main container, e.g. 'sidecars[0].'. */
  readonly field: string;
  readonly image: string;
  /** Plain variables; connectTo adds to the main container's until synth. */
  readonly env: { [name: string]: string };
  /** Variables from sources (Secrets, ConfigMaps, fields, resources), rendered. */
  readonly envValues: Array<{ readonly name: string }>;
  readonly json: object;
  /** The container's own user id, if it gives one. */
  readonly runAsUser?: number;
  readonly requests?: { [k: string]: string };
  readonly ports: PodPort[];
}

export interface ContainerContext {
  readonly role: ContainerRole;
  /** Field prefix of the container's options: '' for the main container, e.g. 'sidecars[0].'. */
  readonly field: string;
  readonly podSecurity: PodSecurity;
  readonly defaults: PatternDefaultsProps;
  /** Container ports from the Service ports (main container only). */
  readonly servicePorts: PodPort[];
  /** Whether the main container gets the default readiness probe. */
  readonly defaultReadiness: boolean;
  /** Whether the pod-level security context already sets the user (main container). */
  readonly podLevelIds: boolean;
  /** The main container's preStop, when the graceful-shutdown pause provides it. */
  readonly defaultPreStop?: object;
  /** Mounts of the pod's volume claims (HeadlessGroup), before the container's own. */
  readonly claimMounts?: ClaimTemplate[];
  /** The pod's volumes, which mounts must name. */
  readonly volumes: Set<string>;
  /** The pod's termination grace period in seconds, which a preStop sleep must fit in. */
  readonly grace: number;
  readonly problems: Problems;
}

/** The library's resources: what a container gets for each field nobody gave or left out. */
const DEFAULT_RESOURCES: { [F in ResourceSetting]?: string } = {
  [ResourceSetting.CPU_REQUEST]: '100m',
  [ResourceSetting.MEMORY_REQUEST]: '128Mi',
  [ResourceSetting.MEMORY_LIMIT]: '256Mi',
};

/** The capabilities of a container under RESTRICTED that adds none; one frozen object for all, as rendering copies it. */
const DROP_ALL: { readonly drop: string[] } = Object.freeze({ drop: Object.freeze(['ALL']) as string[] });

export function resolveContainer(o: ContainerOptions, name: string, ctx: ContainerContext): ResolvedContainer {
  const { problems, field: f } = ctx;
  if (typeof o.image !== 'string' || o.image.trim() === '' || /\s/.test(o.image)) {
    problems.add(`${f}image`, o.image, 'is not a valid image reference: it must be non-empty and contain no spaces');
  }
  if (o.workingDir !== undefined && !o.workingDir.startsWith('/')) problems.add(`${f}workingDir`, o.workingDir, 'must be an absolute path');
  const env: { [name: string]: string } = { ...o.env };
  const envValues = resolveEnv(problems, f, o, env);
  const ports = extraPorts(problems, f, o.extraPorts);
  const portRef = podPortRef(ctx.servicePorts, ports, ctx.role === ContainerRole.MAIN ? 'this app' : 'this container');
  const resources = resolveResources(problems, f, o.resources, ctx.defaults.resources);
  const plainInit = ctx.role === ContainerRole.INIT;
  if (plainInit) checkInitHooks(problems, f, o);
  const readiness = o.readiness ?? (ctx.defaultReadiness && portRef.firstTcp ? Probe.fromTcpSocket() : undefined);
  const postStart = o.postStart && renderHandler(problems, `${f}postStart`, o.postStart, portRef);
  const preStop = o.preStop ? renderHandler(problems, `${f}preStop`, o.preStop, portRef) : ctx.defaultPreStop;
  const mounts = renderMounts(problems, f, o.volumeMounts, ctx);
  checkSleepFits(problems, `${f}postStart`, o.postStart, ctx.grace);
  checkSleepFits(problems, `${f}preStop`, o.preStop, ctx.grace);
  const json: K8sContainer = {
    name,
    image: o.image,
    imagePullPolicy: o.imagePullPolicy,
    command: nonEmpty(o.command),
    args: nonEmpty(o.args),
    workingDir: o.workingDir,
    envFrom: renderEnvFroms(problems, f, o.envFrom),
    resources: resources.requests || resources.limits ? resources : undefined,
    readinessProbe: plainInit ? undefined : renderProbe(problems, f, 'readiness', readiness, portRef),
    livenessProbe: plainInit ? undefined : renderProbe(problems, f, 'liveness', o.liveness, portRef),
    startupProbe: plainInit ? undefined : renderProbe(problems, f, 'startup', o.startup, portRef),
    volumeMounts: nonEmpty(mounts),
    lifecycle: postStart || preStop ? { postStart, preStop } : undefined,
    securityContext: containerSecurity(problems, f, o, ctx),
    restartPolicy: ctx.role === ContainerRole.SIDECAR ? 'Always' : undefined,
  };
  return {
    name,
    role: ctx.role,
    field: f,
    image: o.image,
    env,
    envValues,
    json,
    runAsUser: o.runAsUser,
    requests: resources.requests,
    ports,
  };
}

/** Checks a user or group id: an integer in 0-2147483647. */
export function checkId(problems: Problems, field: string, id: number | undefined): void {
  if (id !== undefined && (!Number.isInteger(id) || id < 0 || id > MAX_ID)) problems.add(field, id, `is not a valid id: it must be an integer in 0-${MAX_ID}`);
}

/** Checks the container's variables; returns the ones from sources, rendered. */
function resolveEnv(problems: Problems, f: string, o: ContainerOptions, env: { [name: string]: string }): K8sEnvVar[] {
  for (const key of Object.keys(env)) {
    const rule = envVarName(key);
    if (rule) problems.add(`${f}env key`, key, rule);
  }
  const envValues: K8sEnvVar[] = [];
  for (const key of Object.keys(o.envValues ?? {})) {
    const rule = envVarName(key) ?? (key in env ? 'is also set in env: give each variable once' : undefined);
    if (rule) problems.add(`${f}envValues key`, key, rule);
    envValues.push(renderEnvValue(problems, f, key, o.envValues![key]));
  }
  return envValues;
}

/** The container's security context: the secure defaults, its own ids, capabilities the pod's profile allows. */
function containerSecurity(problems: Problems, f: string, o: ContainerOptions, ctx: ContainerContext): K8sSecurityContext {
  const restricted = ctx.podSecurity === PodSecurity.RESTRICTED;
  const add = resolveCapabilities(problems, `${f}addCapabilities`, o.addCapabilities ?? [], ctx.podSecurity);
  checkId(problems, `${f}runAsUser`, o.runAsUser);
  checkId(problems, `${f}runAsGroup`, o.runAsGroup);
  if (o.runAsUser === 0 && restricted) {
    problems.add(`${f}runAsUser`, 0, 'is root, which PodSecurity RESTRICTED forbids: use a non-zero id, or podSecurity: PodSecurity.BASELINE for images that must run as root');
  }
  const readOnlyRoot = o.readOnlyRootFilesystem ?? ctx.defaults.readOnlyRootFilesystem ?? false;
  return {
    allowPrivilegeEscalation: false,
    capabilities: add.length === 0 ? (restricted ? DROP_ALL : undefined) : { add, drop: restricted ? ['ALL'] : undefined },
    readOnlyRootFilesystem: readOnlyRoot ? true : undefined,
    runAsUser: ctx.podLevelIds ? undefined : o.runAsUser,
    runAsGroup: ctx.podLevelIds ? undefined : o.runAsGroup,
  };
}

/** The probes and hooks of a plain init container: refused, as it runs to completion. */
function checkInitHooks(problems: Problems, f: string, o: ContainerOptions): void {
  for (const k of ['readiness', 'liveness', 'startup', 'postStart', 'preStop'] as const) {
    if (o[k] !== undefined) problems.add(`${f}${k}`, o[k]!.kind, 'is only allowed on sidecars and main containers: an init container runs to completion');
  }
}

/** What probes and hooks may target: the container's TCP ports (for the main container, the Service's too). */
function podPortRef(servicePorts: PodPort[], own: PodPort[], scope: string): PortRef {
  const all = servicePorts.length === 0 ? own : own.length === 0 ? servicePorts : servicePorts.concat(own);
  const tcpNames: string[] = [];
  let firstTcp: PodPort | undefined;
  for (let i = 0; i < all.length; i++) {
    const p = all[i];
    if (p.protocol !== Protocol.TCP) continue;
    firstTcp ??= p;
    if (p.name) tcpNames.push(p.name);
  }
  return { tcpNames, firstTcp, scope, all };
}

function renderEnvFroms(problems: Problems, f: string, list: EnvFrom[] | undefined): K8sEnvFromSource[] | undefined {
  if (list === undefined || list.length === 0) return undefined;
  const out: K8sEnvFromSource[] = [];
  for (let i = 0; i < list.length; i++) out.push(renderEnvFrom(problems, `${f}envFrom[${i}]`, list[i]));
  return out;
}

/**
 * The claim mounts (HeadlessGroup) and the container's own: each naming a volume of the pod, mount
 * paths unique in the container.
 */
function renderMounts(problems: Problems, f: string, own: VolumeMount[] | undefined, ctx: ContainerContext): K8sVolumeMount[] {
  const out: K8sVolumeMount[] = [];
  // Claims with a mountPath are mounted into the main container by themselves.
  const mounted = new Map<string, number>();
  const claimMounts = ctx.claimMounts ?? [];
  for (let i = 0; i < claimMounts.length; i++) {
    const c = claimMounts[i];
    if (c.mountPath === undefined) continue;
    out.push(c.subPath === undefined ? { name: c.name, mountPath: c.mountPath } : { name: c.name, mountPath: c.mountPath, subPath: c.subPath });
    mounted.set(c.name, i);
  }
  if (own === undefined || own.length === 0) return out;
  const seen = new Map<string, string>();
  for (const [name, i] of mounted) seen.set(claimMounts[i].mountPath!, `volume claim "${name}"`);
  for (let i = 0; i < own.length; i++) {
    const m = own[i];
    const field = `${f}volumeMounts[${i}]`;
    out.push(renderMount(problems, field, m.volume, m.mountPath, m.subPath, m.readOnly));
    if (typeof m.volume === 'string' && m.volume !== '' && !ctx.volumes.has(m.volume)) {
      problems.add(`${field}.volume`, m.volume, `names no volume of the pod (volumes: ${[...ctx.volumes].join(', ') || 'none'})`);
    }
    const claim = mounted.get(m.volume);
    if (claim !== undefined) {
      problems.add(`${field}.volume`, m.volume, `is a volume claim already mounted in this container at ${claimMounts[claim].mountPath} (volumeClaims[${claim}].mountPath): leave volumeClaims[${claim}].mountPath out to mount it only here, or mount a sub-directory with volumeClaims[${claim}].subPath`);
    }
    const prior = seen.get(m.mountPath);
    if (prior !== undefined) problems.add(`${field}.mountPath`, m.mountPath, `is already used by ${prior}: mount paths must be unique in a container`);
    else seen.set(m.mountPath, `volumeMounts[${i}]`);
  }
  return out;
}

/**
 * A sleep hook, postStart or preStop, must end within the termination grace period: the API
 * server refuses a longer one (a whole number of seconds of at least 1 is checked where it is rendered).
 */
function checkSleepFits(problems: Problems, field: string, hook: LifecycleHandler | undefined, grace: number): void {
  if (hook?.kind !== LifecycleKind.SLEEP) return;
  const seconds = secondsOf(hook.duration);
  const rule = seconds === undefined || seconds < 1 ? undefined : sleepSeconds(seconds, grace);
  if (rule) problems.add(`${field}.duration`, seconds, `${rule}: sleep less, or (for long-running pods) set gracefulShutdown.terminationGracePeriod`);
}

/** The container's JSON with its env and ports, for the pod template. */
export function renderContainer(c: ResolvedContainer, ports: object[]): object {
  const env: EnvVar[] = c.envValues.slice();
  // An empty value is written as no value, as the API server stores it (`value` is omitempty).
  for (const key in c.env) env.push(c.env[key] === '' ? { name: key } : { name: key, value: c.env[key] });
  // cdk8s sorts the keys of what it writes, so env and ports can come last here.
  const out: K8sContainer = { ...(c.json as K8sContainer) };
  if (env.length > 0) out.env = orderEnv(env);
  if (ports.length > 0) out.ports = ports as K8sContainerPort[];
  return out;
}

interface EnvVar {
  readonly name: string;
  readonly value?: string;
}

const REFERENCE = /\$\$|\$\(([^)]*)\)/g;

/**
 * Env vars in one order whatever order the caller's maps had (a Java HashMap or a Go map has
 * none): by name, except that a variable comes after those its value refers to as `$(NAME)`,
 * which Kubernetes expands only from variables listed before it. Within a cycle, by name.
 */
export function orderEnv(env: EnvVar[]): EnvVar[] {
  if (env.length < 2) return env;
  // sort is stable: variables of the same name keep their order.
  const sorted = env.slice().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (!sorted.some((e) => e.value !== undefined && e.value.includes('$('))) return sorted;
  const names = new Set(sorted.map((e) => e.name));
  const needs = sorted.map((e) => {
    const refs: string[] = [];
    if (e.value !== undefined && e.value.includes('$(')) {
      for (const m of e.value.matchAll(REFERENCE)) if (m[1] !== undefined && m[1] !== e.name && names.has(m[1])) refs.push(m[1]);
    }
    return refs;
  });
  if (needs.every((r) => r.length === 0)) return sorted;
  const placed = new Set<string>();
  const out: EnvVar[] = [];
  const left = sorted.map((_, i) => i);
  while (left.length > 0) {
    const ready = left.findIndex((i) => needs[i].every((n) => placed.has(n)));
    const [i] = left.splice(ready === -1 ? 0 : ready, 1);
    out.push(sorted[i]);
    placed.add(sorted[i].name);
  }
  return out;
}

/** Container ports as the API writes them (TCP left to its default). */
export function renderPorts(ports: PodPort[]): object[] {
  const out: K8sContainerPort[] = [];
  for (const p of ports) {
    const port: K8sContainerPort = { containerPort: p.containerPort };
    if (p.name !== undefined) port.name = p.name;
    if (p.protocol !== Protocol.TCP) port.protocol = p.protocol;
    out.push(port);
  }
  return out;
}

// Lists are built with push, not map: an array's map (its hidden class) then does not change
// when the function that builds it is optimized, which would throw out the optimized code of
// every function that reads it.
function extraPorts(problems: Problems, f: string, list: ContainerPortOptions[] | undefined): PodPort[] {
  const out: PodPort[] = [];
  if (list === undefined) return out;
  for (let i = 0; i < list.length; i++) {
    const p = list[i];
    const field = `${f}extraPorts[${i}]`;
    if (!isPortNumber(p.containerPort)) problems.add(`${field}.containerPort`, p.containerPort, PORT_RULE);
    const rule = p.name === undefined ? undefined : ianaPortName(p.name);
    if (rule) problems.add(`${field}.name`, p.name, rule);
    out.push({ name: p.name, containerPort: p.containerPort, protocol: p.protocol ?? Protocol.TCP, field });
  }
  return out;
}

/**
 * Port names and numbers must be unique across the pod: containers share one network namespace,
 * and a Service's named targetPort resolves to the first match. The API server only warns.
 * `servicePorts` are checked by the port model already and only registered here.
 */
export function checkPodPorts(problems: Problems, servicePorts: PodPort[], ports: PodPort[]): void {
  const byName = new Map<string, PodPort>();
  const byNumber = new Map<string, PodPort>();
  for (const p of servicePorts) {
    if (p.name !== undefined) byName.set(p.name, p);
    byNumber.set(`${p.containerPort}/${p.protocol}`, p);
  }
  for (const p of ports) {
    const prior = p.name !== undefined ? byName.get(p.name) : undefined;
    if (prior) problems.add(`${p.field}.name`, p.name, `is already used by ${prior.field}: port names must be unique in the pod`);
    else if (p.name !== undefined) byName.set(p.name, p);
    const key = `${p.containerPort}/${p.protocol}`;
    const same = byNumber.get(key);
    if (same) problems.add(`${p.field}.containerPort`, p.containerPort, `is already used by ${same.field} for ${p.protocol}: a port may be declared once in the pod`);
    else byNumber.set(key, p);
  }
}

const RESOURCE_SETTINGS = new Set<string>(Object.values(ResourceSetting));
const CPU_SETTINGS = new Set<ResourceSetting>([ResourceSetting.CPU_REQUEST, ResourceSetting.CPU_LIMIT]);

/**
 * One resource field as a canonical quantity, or undefined for none: the container's value, else
 * nothing when it leaves the field out, else the same from the PatternDefaults, else the library
 * default.
 */
function resourceValue(problems: Problems, f: string, field: ResourceSetting, own: ResourceOptions | undefined, defaults: ResourceOptions | undefined): string | undefined {
  const fromOwn = layerValue(problems, `${f}resources`, field, own);
  if (fromOwn !== NOT_GIVEN) return fromOwn;
  const fromDefaults = layerValue(problems, 'PatternDefaults resources', field, defaults);
  return fromDefaults !== NOT_GIVEN ? fromDefaults : DEFAULT_RESOURCES[field];
}

const NOT_GIVEN = Symbol('not given');

/** A field of one layer of options (the container's or the defaults'): a value, none, or not given. */
function layerValue(problems: Problems, prefix: string, field: ResourceSetting, options: ResourceOptions | undefined): string | undefined | typeof NOT_GIVEN {
  const value = options?.[field];
  const omitted = options?.omit?.includes(field) ?? false;
  if (value !== undefined && omitted) problems.add(`${prefix}.${field}`, value, `is also in ${prefix}.omit: give a value or leave the field out, not both`);
  if (value !== undefined) return CPU_SETTINGS.has(field) ? cpuQuantity(problems, `${prefix}.${field}`, value as Cpu) : sizeQuantity(problems, `${prefix}.${field}`, value as Size);
  return omitted ? undefined : NOT_GIVEN;
}

function checkSetting(problems: Problems, field: string, setting: ResourceSetting): void {
  if (!RESOURCE_SETTINGS.has(setting)) problems.add(field, setting, `is not a ResourceSetting: one of ${[...RESOURCE_SETTINGS].join(', ')}`);
}

/** A Cpu as a canonical quantity: `250m`, `1500m`, `2`. */
function cpuQuantity(problems: Problems, field: string, cpu: Cpu): string | undefined {
  if (!hasBrand(cpu, 'Cpu')) {
    problems.add(field, cpu, 'is not a Cpu: use Cpu.millis(250) or Cpu.units(1)');
    return undefined;
  }
  const whole = wholeNumber(cpu.millicores);
  if (whole === undefined || whole < 0) {
    problems.add(field, cpu.toString(), 'must be a whole number of millicores >= 0: the API server has no finer unit');
    return undefined;
  }
  // A JavaScript number holds whole numbers exactly up to 2^53-1 only; beyond, it would be written
  // in exponent form (`1e+43m`), which is no quantity.
  if (!Number.isSafeInteger(whole)) {
    problems.add(field, cpu.toString(), `is more than ${Number.MAX_SAFE_INTEGER} millicores (2^53-1), the largest amount a number holds exactly`);
    return undefined;
  }
  return cpu.toString();
}

interface Resources {
  readonly requests?: { [k: string]: string };
  readonly limits?: { [k: string]: string };
}

/**
 * The library's resources as written: what a container gets when neither it nor PatternDefaults
 * gives any. One frozen object for all such containers: rendering copies it.
 */
const LIBRARY_RESOURCES: Resources = Object.freeze({
  requests: Object.freeze({ cpu: DEFAULT_RESOURCES[ResourceSetting.CPU_REQUEST]!, memory: DEFAULT_RESOURCES[ResourceSetting.MEMORY_REQUEST]! }),
  limits: Object.freeze({ memory: DEFAULT_RESOURCES[ResourceSetting.MEMORY_LIMIT]! }),
});

function resolveResources(problems: Problems, f: string, own: ResourceOptions | undefined, defaults: ResourceOptions | undefined): Resources {
  // The common case: nothing to check.
  if (own === undefined && defaults === undefined) return LIBRARY_RESOURCES;
  own?.omit?.forEach((s, i) => checkSetting(problems, `${f}resources.omit[${i}]`, s));
  defaults?.omit?.forEach((s, i) => checkSetting(problems, `PatternDefaults resources.omit[${i}]`, s));
  const value = (field: ResourceSetting) => resourceValue(problems, f, field, own, defaults);
  const requests: { [k: string]: string | undefined } = {
    'cpu': value(ResourceSetting.CPU_REQUEST),
    'memory': value(ResourceSetting.MEMORY_REQUEST),
    'ephemeral-storage': value(ResourceSetting.EPHEMERAL_STORAGE_REQUEST),
  };
  const limits: { [k: string]: string | undefined } = {
    'cpu': value(ResourceSetting.CPU_LIMIT),
    'memory': value(ResourceSetting.MEMORY_LIMIT),
    'ephemeral-storage': value(ResourceSetting.EPHEMERAL_STORAGE_LIMIT),
  };
  // The default memory limit follows a larger request; an explicit limit is checked instead.
  const explicitMemoryLimit = own?.memoryLimit ?? defaults?.memoryLimit;
  if (explicitMemoryLimit === undefined && requests.memory && limits.memory && quantityValue(requests.memory) > quantityValue(limits.memory)) {
    limits.memory = requests.memory;
  }
  for (const [res, field] of [['cpu', 'cpu'], ['memory', 'memory'], ['ephemeral-storage', 'ephemeralStorage']] as const) {
    const req = requests[res];
    const lim = limits[res];
    if (req !== undefined && lim !== undefined && quantityValue(req) > quantityValue(lim)) {
      problems.add(`${f}resources.${field}Request`, req, `is more than the ${res} limit ${lim}: a request must be <= its limit`);
    }
  }
  const r = own ?? {};
  for (const [key, amount] of Object.entries({ ...defaults?.extended, ...r.extended })) {
    if (qualifiedName(key) !== undefined || !key.includes('/') || /(^|\.)kubernetes\.io\//.test(key)) {
      problems.add(`${f}resources.extended key`, key, 'is not an extended resource name: domain-prefixed (e.g. nvidia.com/gpu) and outside kubernetes.io');
    }
    if (!Number.isInteger(amount) || amount < 0) problems.add(`${f}resources.extended["${key}"]`, amount, 'must be a whole number >= 0: extended resources cannot be split');
    requests[key] = limits[key] = String(amount);
  }
  const hugePages = Object.entries({ ...defaults?.hugePages, ...r.hugePages });
  for (const [pageSize, size] of hugePages) {
    const sizeRule = quantity(pageSize) !== undefined || !/^\d+(Ki|Mi|Gi)$/.test(pageSize) ? 'is not a page size: a binary size such as 2Mi or 1Gi' : hugePageSize(pageSize);
    if (sizeRule) problems.add(`${f}resources.hugePages key`, pageSize, sizeRule);
    const amount = sizeQuantity(problems, `${f}resources.hugePages["${pageSize}"]`, size);
    const amountRule = sizeRule || amount === undefined ? undefined : hugePageAmount(pageSize, amount);
    if (amountRule) problems.add(`${f}resources.hugePages["${pageSize}"]`, amount, `${amountRule}: the API server takes huge pages in whole pages`);
    requests[`hugepages-${pageSize}`] = limits[`hugepages-${pageSize}`] = amount;
  }
  if (hugePages.length > 0 && [requests.cpu, requests.memory, limits.cpu, limits.memory].every((q) => q === undefined)) {
    problems.add(`${f}resources.hugePages`, hugePages.map(([k]) => k).join(', '), 'needs a cpu or memory request or limit beside it (the API server refuses huge pages alone)');
  }
  return { requests: compact(requests), limits: compact(limits) };
}

function compact(map: { [k: string]: string | undefined }): { [k: string]: string } | undefined {
  let out: { [k: string]: string } | undefined;
  for (const k in map) {
    const v = map[k];
    if (v !== undefined) (out ??= {})[k] = v;
  }
  return out;
}

const ENV_SOURCES = new Set<string>(Object.values(EnvValueSource));

function renderEnvValue(problems: Problems, f: string, name: string, v: EnvValue): K8sEnvVar {
  const field = `${f}envValues["${name}"]`;
  if (!(v instanceof Object) || !ENV_SOURCES.has(v.source)) {
    problems.add(field, v, 'is not an EnvValue: create one with EnvValue.fromSecret, fromConfigMap, fromFieldRef, fromResource or fromValue');
    return { name };
  }
  switch (v.source) {
    case EnvValueSource.VALUE:
      return v.ref === '' ? { name } : { name, value: v.ref };
    case EnvValueSource.SECRET:
    case EnvValueSource.CONFIG_MAP: {
      const ruleName = dns1123Subdomain(v.ref);
      if (ruleName) problems.add(`${field}.name`, v.ref, ruleName);
      const keyRule = !v.key || !CONFIG_MAP_KEY.test(v.key) ? 'is not a valid key: letters, digits, "-", "_" and "."' : unknownKey(useOf(v), v.key);
      if (keyRule) problems.add(`${field}.key`, v.key ?? '', keyRule);
      return { name, valueFrom: { [v.source]: { name: v.ref, key: v.key, optional: v.optional } } };
    }
    case EnvValueSource.FIELD: {
      if (!envFieldPath(v.ref)) problems.add(`${field}.fieldPath`, v.ref, `is not a pod field the API allows in env: ${ENV_FIELD_PATHS.join(', ')}, metadata.labels['<key>'] or metadata.annotations['<key>']`);
      return { name, valueFrom: { fieldRef: { fieldPath: v.ref } } };
    }
    case EnvValueSource.RESOURCE: {
      const resource = resourceFieldResource(v.ref);
      if (!resource) problems.add(`${field}.resource`, v.ref, 'is not a resource the API allows: limits.<r> or requests.<r> with r one of cpu, memory, ephemeral-storage, hugepages-<size>');
      if (v.divisor !== undefined && !resourceDivisor(resource ?? '', v.divisor)) {
        problems.add(`${field}.divisor`, v.divisor, resource === 'cpu' ? 'is not allowed for cpu: use 1m or 1' : 'is not allowed: use 1, 1k, 1M, 1G, 1T, 1P, 1E or 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei');
      }
      if (v.key !== undefined && dns1123Label(v.key)) problems.add(`${field}.containerName`, v.key, String(dns1123Label(v.key)));
      return { name, valueFrom: { resourceFieldRef: { containerName: v.key, resource: v.ref, divisor: v.divisor } } };
    }
  }
}

function renderEnvFrom(problems: Problems, field: string, e: EnvFrom): K8sEnvFromSource {
  if (!(e instanceof Object) || (e.kind !== 'configMapRef' && e.kind !== 'secretRef')) {
    problems.add(field, e, 'is not an EnvFrom: create one with EnvFrom.fromConfigMap or EnvFrom.fromSecret');
    return {};
  }
  const rule = dns1123Subdomain(e.name);
  if (rule) problems.add(`${field}.name`, e.name, rule);
  const prefixRule = e.prefix === undefined ? undefined : envVarName(e.prefix);
  if (prefixRule) problems.add(`${field}.prefix`, e.prefix, prefixRule);
  return { prefix: e.prefix, [e.kind]: { name: e.name, optional: e.optional } };
}

interface PortRef {
  readonly tcpNames: string[];
  readonly firstTcp?: PodPort;
  readonly scope: string;
  readonly all: PodPort[];
}

function renderProbe(problems: Problems, f: string, kind: string, probe: Probe | undefined, ports: PortRef): K8sProbe | undefined {
  if (probe === undefined) return undefined;
  const field = f + kind;
  const o = probe.options;
  checkTimings(problems, field, o);
  switch (probe.kind) {
    case ProbeKind.NONE:
      return undefined;
    case ProbeKind.EXEC:
      if (!probe.command || probe.command.length === 0) problems.add(`${field}.command`, probe.command ?? [], 'must not be empty');
      return { exec: { command: probe.command }, ...timings(o) };
    case ProbeKind.HTTP_GET:
      if (!probe.path || !probe.path.startsWith('/')) problems.add(`${field}.path`, probe.path ?? '', 'must start with "/"');
      return { httpGet: { path: probe.path, port: targetPort(problems, field, o, ports), scheme: probe.scheme }, ...timings(o) };
    case ProbeKind.TCP_SOCKET:
      return { tcpSocket: { port: targetPort(problems, field, o, ports) }, ...timings(o) };
  }
}

function renderHandler(problems: Problems, field: string, h: LifecycleHandler, ports: PortRef): K8sLifecycleHandler | undefined {
  switch (h.kind) {
    case LifecycleKind.EXEC:
      if (!h.command || h.command.length === 0) problems.add(`${field}.command`, h.command ?? [], 'must not be empty');
      return { exec: { command: h.command } };
    case LifecycleKind.HTTP_GET:
      if (!h.path || !h.path.startsWith('/')) problems.add(`${field}.path`, h.path ?? '', 'must start with "/"');
      return { httpGet: { path: h.path, port: targetPort(problems, field, h.httpGetOptions ?? {}, ports), scheme: h.httpGetOptions?.scheme } };
    case LifecycleKind.SLEEP: {
      const seconds = secondsOf(h.duration);
      if (seconds === undefined || seconds < 1) problems.add(`${field}.duration`, h.duration?.toHumanString?.() ?? h.duration, sleepSeconds(seconds ?? NaN, Infinity)!);
      return { sleep: { seconds: seconds ?? 0 } };
    }
    default:
      problems.add(field, h, 'is not a LifecycleHandler: create one with LifecycleHandler.fromCommand, fromHttpGet or fromSleep');
      return undefined;
  }
}

/** The port a probe or hook targets; 0 only with a problem recorded, when nothing is rendered. */
function targetPort(problems: Problems, field: string, o: { port?: number; portName?: string }, ports: PortRef): number | string {
  if (o.port !== undefined && o.portName !== undefined) {
    problems.add(`${field}.portName`, o.portName, 'cannot be combined with port: give one');
  }
  if (o.port !== undefined) {
    if (!isPortNumber(o.port)) problems.add(`${field}.port`, o.port, PORT_RULE);
    return o.port;
  }
  if (o.portName !== undefined) {
    const rule = ianaPortName(o.portName);
    if (rule) problems.add(`${field}.portName`, o.portName, rule);
    else if (!ports.tcpNames.includes(o.portName)) {
      problems.add(`${field}.portName`, o.portName, `names no TCP container port of ${ports.scope} (TCP ports: ${ports.tcpNames.join(', ') || 'none'})`);
    }
    return o.portName;
  }
  if (!ports.firstTcp) {
    problems.add(`${field}.port`, ports.all.map((p) => `${p.containerPort}/${p.protocol}`), 'has no TCP port to probe: give port or portName, or use Probe.fromCommand');
    return 0;
  }
  return ports.firstTcp.name ?? ports.firstTcp.containerPort;
}

function checkTimings(problems: Problems, field: string, o: ProbeTimings): void {
  const check = (name: 'failureThreshold' | 'successThreshold', min: number) => {
    const v = o[name];
    if (v !== undefined && (!Number.isInteger(v) || v < min)) problems.add(`${field}.${name}`, v, `must be an integer >= ${min}`);
  };
  wholeSeconds(problems, `${field}.initialDelay`, o.initialDelay, 0);
  wholeSeconds(problems, `${field}.period`, o.period, 1);
  wholeSeconds(problems, `${field}.timeout`, o.timeout, 1);
  check('failureThreshold', 1);
  check('successThreshold', 1);
  const kind = field.slice(field.lastIndexOf('.') + 1);
  if (kind !== 'readiness' && o.successThreshold !== undefined && o.successThreshold !== 1) {
    problems.add(`${field}.successThreshold`, o.successThreshold, `must be 1 for ${kind} probes`);
  }
}

function timings(o: ProbeTimings): object {
  return {
    initialDelaySeconds: secondsOf(o.initialDelay),
    periodSeconds: secondsOf(o.period),
    timeoutSeconds: secondsOf(o.timeout),
    failureThreshold: o.failureThreshold,
    successThreshold: o.successThreshold,
  };
}

function renderMount(problems: Problems, field: string, volume: string, mountPath: string, subPath?: string, readOnly?: boolean): K8sVolumeMount {
  if (typeof volume !== 'string' || volume === '') problems.add(`${field}.volume`, volume ?? '', 'must name a volume of the pod');
  if (typeof mountPath !== 'string' || !mountPath.startsWith('/')) problems.add(`${field}.mountPath`, mountPath ?? '', 'must be an absolute path');
  const rule = subPath === undefined ? undefined : volumeSubPath(subPath);
  if (rule) problems.add(`${field}.subPath`, subPath, rule);
  return { name: volume, mountPath, subPath, readOnly: readOnly ? true : undefined };
}

function resolveCapabilities(problems: Problems, field: string, caps: string[], podSecurity: PodSecurity): string[] {
  const restricted = podSecurity === PodSecurity.RESTRICTED;
  caps.forEach((cap, i) => {
    if (typeof cap !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(cap) || cap.startsWith('CAP_')) {
      problems.add(`${field}[${i}]`, cap, 'is not a capability name: upper-case without the CAP_ prefix, e.g. NET_BIND_SERVICE');
    } else if (restricted && !RESTRICTED_CAPABILITIES.includes(cap)) {
      const fix = BASELINE_CAPABILITIES.includes(cap) ? ', or podSecurity: PodSecurity.BASELINE' : '';
      problems.add(`${field}[${i}]`, cap, `is not allowed by PodSecurity RESTRICTED, which allows only ${RESTRICTED_CAPABILITIES.join(', ')}: remove it${fix}`);
    } else if (!restricted && podSecurity !== PodSecurity.PRIVILEGED && !BASELINE_CAPABILITIES.includes(cap)) {
      problems.add(`${field}[${i}]`, cap, `is not allowed by PodSecurity BASELINE (allowed: ${BASELINE_CAPABILITIES.join(', ')}): use podSecurity: PodSecurity.PRIVILEGED`);
    }
  });
  return caps;
}

