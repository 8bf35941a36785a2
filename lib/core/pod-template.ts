import { Connection, ConsumerState } from './connection';
import { Problems } from './problems';
import { intOrPercent, lifecycle, podSpecExtras, ResolvedProduction, resolveProduction } from './production';
import { servicesIn } from './registry';
import { IConstruct } from 'constructs';
import { checkAnnotations, checkLabels } from './labels';
import { dns1123Subdomain, envVarName, ianaPortName } from './names';
import { containerPorts, isPortNumber, PORT_RULE, ResolvedPort } from './port-model';
import { Protocol } from './ports';
import { quantity, quantityValue } from './quantity';
import { Probe, ProbeKind, ProbeTimings } from '../probe';
import { PatternDefaultsProps } from './defaults';
import { PodSecurity, ResourceOptions, RollingUpdateOptions, WorkloadOptions } from './workload';

export interface ResolvedProbe {
  readonly kind: ProbeKind;
  readonly json?: object;
}

/** The validated, defaulted workload: plain data that renders to a pod template. */
export interface ResolvedWorkload {
  readonly image: string;
  readonly replicas: number;
  /** Container variables in order (`env` first, then connections); never integer-like keys. */
  readonly env: { [name: string]: string };
  /** Connections made with connectTo, in call order. */
  readonly connections: Connection[];
  readonly enableServiceLinks?: boolean;
  readonly command?: string[];
  readonly args?: string[];
  readonly resources: { requests?: { [k: string]: string }; limits?: { [k: string]: string } };
  readonly probes: { readinessProbe?: object; livenessProbe?: object; startupProbe?: object };
  readonly podSecurity: PodSecurity;
  readonly runAsUser?: number;
  readonly runAsGroup?: number;
  readonly fsGroup?: number;
  readonly readOnlyRootFilesystem: boolean;
  readonly automountServiceAccountToken: boolean;
  readonly serviceAccountName?: string;
  readonly imagePullSecrets?: string[];
  readonly podAnnotations?: { [key: string]: string };
  readonly minReadySeconds?: number;
  readonly rollingUpdate: { maxSurge: number | string; maxUnavailable: number | string };
  readonly production: ResolvedProduction;
}

const DEFAULT_RESOURCES: Required<ResourceOptions> = {
  cpuRequest: '100m',
  memoryRequest: '128Mi',
  cpuLimit: 'none',
  memoryLimit: '256Mi',
};

export function resolveWorkload(
  options: WorkloadOptions,
  defaults: PatternDefaultsProps,
  ports: ResolvedPort[],
  problems: Problems,
): ResolvedWorkload {
  if (typeof options.image !== 'string' || options.image.trim() === '' || /\s/.test(options.image)) {
    problems.add('image', options.image, 'is not a valid image reference: it must be non-empty and contain no spaces');
  }
  const replicas = options.replicas ?? defaults.replicas ?? 2;
  checkCount(problems, 'replicas', replicas);
  const env: { [name: string]: string } = { ...options.env };
  for (const name of Object.keys(env)) {
    const rule = envVarName(name);
    if (rule) problems.add('env key', name, rule);
  }
  const podSecurity = options.podSecurity ?? defaults.podSecurity ?? PodSecurity.RESTRICTED;
  if (!Object.values(PodSecurity).includes(podSecurity)) {
    problems.add('podSecurity', podSecurity, 'is not a valid PodSecurity: use RESTRICTED or BASELINE');
  }
  for (const field of ['runAsUser', 'runAsGroup', 'fsGroup'] as const) {
    const id = options[field];
    if (id !== undefined && (!Number.isInteger(id) || id < 0 || id > 2147483647)) {
      problems.add(field, id, 'is not a valid id: it must be an integer in 0-2147483647');
    }
  }
  if (options.runAsUser === 0 && podSecurity === PodSecurity.RESTRICTED) {
    problems.add('runAsUser', 0, 'is root, which PodSecurity RESTRICTED forbids: use a non-zero id, or podSecurity: PodSecurity.BASELINE for images that must run as root');
  }
  checkName(problems, 'serviceAccountName', options.serviceAccountName);
  (options.imagePullSecrets ?? []).forEach((s, i) => checkName(problems, `imagePullSecrets[${i}]`, s));
  if (options.minReadySeconds !== undefined) checkCount(problems, 'minReadySeconds', options.minReadySeconds);
  checkLabels(problems, 'labels', options.labels);
  checkAnnotations(problems, 'podAnnotations', options.podAnnotations);
  const resources = resolveResources({ ...DEFAULT_RESOURCES, ...defaults.resources, ...options.resources }, problems);
  return {
    image: options.image,
    replicas,
    env,
    connections: [],
    enableServiceLinks: options.enableServiceLinks,
    command: nonEmpty(options.command),
    args: nonEmpty(options.args),
    resources,
    probes: resolveProbes(options, defaults, ports, problems),
    podSecurity,
    runAsUser: options.runAsUser,
    runAsGroup: options.runAsGroup,
    fsGroup: options.fsGroup,
    readOnlyRootFilesystem: options.readOnlyRootFilesystem ?? defaults.readOnlyRootFilesystem ?? false,
    automountServiceAccountToken: options.automountServiceAccountToken ?? defaults.automountServiceAccountToken ?? false,
    serviceAccountName: options.serviceAccountName,
    imagePullSecrets: nonEmpty(options.imagePullSecrets),
    podAnnotations: options.podAnnotations && Object.keys(options.podAnnotations).length > 0 ? options.podAnnotations : undefined,
    minReadySeconds: options.minReadySeconds,
    rollingUpdate: resolveRollingUpdate({ ...defaults.rollingUpdate, ...options.rollingUpdate }, problems),
    production: resolveProduction(options, defaults, replicas, resources.requests, problems),
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

function nonEmpty<T>(list: T[] | undefined): T[] | undefined {
  return list && list.length > 0 ? list : undefined;
}

function resolveResources(r: Required<ResourceOptions>, problems: Problems): ResolvedWorkload['resources'] {
  const pick = (field: keyof ResourceOptions): string | undefined => {
    const value = r[field];
    if (value === 'none') return undefined;
    const rule = quantity(value);
    if (rule) {
      problems.add(`resources.${field}`, value, `${rule}; or 'none' to leave it out`);
      return undefined;
    }
    return value;
  };
  const requests = { cpu: pick('cpuRequest'), memory: pick('memoryRequest') };
  const limits = { cpu: pick('cpuLimit'), memory: pick('memoryLimit') };
  for (const res of ['cpu', 'memory'] as const) {
    const req = requests[res];
    const lim = limits[res];
    if (req !== undefined && lim !== undefined && quantityValue(req) > quantityValue(lim)) {
      problems.add(`resources.${res}Request`, req, `is more than the ${res} limit ${lim}: a request must be <= its limit`);
    }
  }
  return { requests: compact(requests), limits: compact(limits) };
}

function compact(map: { [k: string]: string | undefined }): { [k: string]: string } | undefined {
  const out: { [k: string]: string } = {};
  for (const [k, v] of Object.entries(map)) if (v !== undefined) out[k] = v;
  return Object.keys(out).length > 0 ? out : undefined;
}

function resolveProbes(options: WorkloadOptions, defaults: PatternDefaultsProps, ports: ResolvedPort[], problems: Problems) {
  const tcpPorts = containerPorts(ports).filter((p) => p.protocol === Protocol.TCP);
  const defaultReadiness = (defaults.defaultReadinessProbe ?? true) && tcpPorts.length > 0 ? Probe.tcpSocket() : undefined;
  const readiness = options.readiness ?? defaultReadiness;
  const render = (field: string, probe: Probe | undefined) =>
    probe === undefined ? undefined : renderProbe(field, probe, tcpPorts.map((p) => p.name), ports, problems);
  return {
    readinessProbe: render('readiness', readiness),
    livenessProbe: render('liveness', options.liveness),
    startupProbe: render('startup', options.startup),
  };
}

function renderProbe(field: string, probe: Probe, tcpPortNames: string[], ports: ResolvedPort[], problems: Problems): object | undefined {
  const o = probe.options;
  checkTimings(field, o, problems);
  switch (probe.kind) {
    case ProbeKind.NONE:
      return undefined;
    case ProbeKind.EXEC:
      if (!probe.command || probe.command.length === 0) problems.add(`${field}.command`, probe.command ?? [], 'must not be empty');
      return { exec: { command: probe.command }, ...timings(o) };
    case ProbeKind.HTTP_GET:
      if (!probe.path || !probe.path.startsWith('/')) problems.add(`${field}.path`, probe.path ?? '', 'must start with "/"');
      return { httpGet: { path: probe.path, port: probePort(field, o, tcpPortNames, ports, problems), scheme: probe.scheme }, ...timings(o) };
    case ProbeKind.TCP_SOCKET:
      return { tcpSocket: { port: probePort(field, o, tcpPortNames, ports, problems) }, ...timings(o) };
  }
}

function probePort(field: string, o: { port?: number; portName?: string }, tcpPortNames: string[], ports: ResolvedPort[], problems: Problems): number | string | undefined {
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
    else if (!tcpPortNames.includes(o.portName)) {
      problems.add(`${field}.portName`, o.portName, `names no TCP container port of this app (TCP ports: ${tcpPortNames.join(', ') || 'none'})`);
    }
    return o.portName;
  }
  if (tcpPortNames.length === 0) {
    problems.add(`${field}.port`, ports.map((p) => `${p.targetPort}/${p.protocol}`), 'has no TCP port to probe: give port or portName, or use Probe.exec');
    return undefined;
  }
  return tcpPortNames[0];
}

function checkTimings(field: string, o: ProbeTimings, problems: Problems): void {
  const check = (name: keyof ProbeTimings, min: number) => {
    const v = o[name];
    if (v !== undefined && (!Number.isInteger(v) || v < min)) problems.add(`${field}.${name}`, v, `must be an integer >= ${min}`);
  };
  check('initialDelaySeconds', 0);
  check('periodSeconds', 1);
  check('timeoutSeconds', 1);
  check('failureThreshold', 1);
  check('successThreshold', 1);
  if (field !== 'readiness' && o.successThreshold !== undefined && o.successThreshold !== 1) {
    problems.add(`${field}.successThreshold`, o.successThreshold, `must be 1 for ${field} probes`);
  }
}

function timings(o: ProbeTimings): ProbeTimings {
  return {
    initialDelaySeconds: o.initialDelaySeconds,
    periodSeconds: o.periodSeconds,
    timeoutSeconds: o.timeoutSeconds,
    failureThreshold: o.failureThreshold,
    successThreshold: o.successThreshold,
  };
}

/** Renders the spec of a Deployment. */
export function renderDeploymentSpec(
  w: ResolvedWorkload,
  name: string,
  ports: ResolvedPort[],
  labels: { [key: string]: string },
  selector: { [key: string]: string },
): object {
  return {
    replicas: w.production.autoscaling ? undefined : w.replicas,
    minReadySeconds: w.minReadySeconds,
    selector: { matchLabels: selector },
    strategy: { type: 'RollingUpdate', rollingUpdate: w.rollingUpdate },
    template: renderPodTemplate(w, name, ports, labels, selector),
  };
}

/** Renders the pod template (`spec.template`) of a Deployment or StatefulSet. */
export function renderPodTemplate(
  w: ResolvedWorkload,
  containerName: string,
  ports: ResolvedPort[],
  podLabels: { [key: string]: string },
  selector: { [key: string]: string },
  volumeMounts?: object[],
): object {
  const restricted = w.podSecurity === PodSecurity.RESTRICTED;
  return {
    metadata: { labels: podLabels, annotations: w.podAnnotations },
    spec: {
      automountServiceAccountToken: w.automountServiceAccountToken,
      enableServiceLinks: w.enableServiceLinks ?? (w.connections.length > 0 ? false : undefined),
      ...podSpecExtras(w.production, selector),
      serviceAccountName: w.serviceAccountName,
      imagePullSecrets: w.imagePullSecrets?.map((name) => ({ name })),
      securityContext: {
        runAsNonRoot: restricted ? true : undefined,
        runAsUser: w.runAsUser,
        runAsGroup: w.runAsGroup,
        fsGroup: w.fsGroup,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      containers: [{
        name: containerName,
        image: w.image,
        command: w.command,
        args: w.args,
        env: nonEmpty(Object.entries(w.env).map(([name, value]) => ({ name, value }))),
        ports: containerPorts(ports).map((p) => ({
          name: p.name,
          containerPort: p.containerPort,
          protocol: p.protocol === Protocol.TCP ? undefined : p.protocol,
        })),
        resources: w.resources.requests || w.resources.limits ? w.resources : undefined,
        ...w.probes,
        volumeMounts,
        lifecycle: lifecycle(w.production),
        securityContext: {
          allowPrivilegeEscalation: false,
          capabilities: restricted ? { drop: ['ALL'] } : undefined,
          readOnlyRootFilesystem: w.readOnlyRootFilesystem ? true : undefined,
        },
      }],
    },
  };
}

function resolveRollingUpdate(r: RollingUpdateOptions, problems: Problems): { maxSurge: number | string; maxUnavailable: number | string } {
  const surgeText = r.maxSurge ?? '25%';
  const unavailableText = r.maxUnavailable ?? '0';
  const surge = intOrPercent(problems, 'rollingUpdate.maxSurge', surgeText);
  const unavailable = intOrPercent(problems, 'rollingUpdate.maxUnavailable', unavailableText, 100);
  if (surge?.n === 0 && unavailable?.n === 0) {
    problems.add('rollingUpdate.maxUnavailable', unavailableText, 'may not be 0 when maxSurge is 0: the rollout could never progress');
  }
  return { maxSurge: surge?.json ?? surgeText, maxUnavailable: unavailable?.json ?? unavailableText };
}

/** The connectTo state of a workload's pods. */
export function consumerState(kind: string, scope: IConstruct, namespace: string, selector: { [key: string]: string }, w: ResolvedWorkload): ConsumerState {
  return {
    kind, scope, namespace, selector,
    env: w.env,
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
