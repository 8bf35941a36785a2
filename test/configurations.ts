// Random valid workload configurations, far beyond the examples, for the tests that hold for any
// configuration: the real API server accepts what the constructs write
// (test/apiserver/configurations.apiserver.ts), and the library's objects render what cdk8s would
// (test/object-json.test.ts).
import { Chart, Duration, Size } from 'cdk8s';
import fc from 'fast-check';
import {
  Cpu, EmptyDirMedium, JobRestartPolicy, PodOptions, EnvFrom, EnvValue, ExposedAppProps, LabelOperator, LifecycleHandler, NamedContainerOptions, PodSecurity, Probe, Projection, Protocol,
  TaintEffect, TolerationOperator, Volume, GatewayRef, IngressResourceBackend, IngressRouter, IServiceEndpoint, PathType, RouteApi, ServiceRef,
} from '../lib';

const dnsName = fc.stringMatching(/^[a-z]([a-z0-9-]{0,14}[a-z0-9])?$/);
const envName = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,10}$/);
const text = fc.string({ maxLength: 20, unit: 'grapheme' });

const VOLUME_KINDS = ['emptyDir', 'memory', 'configMap', 'secret', 'claim', 'projected'] as const;
const volume = (name: string, kind: typeof VOLUME_KINDS[number]): Volume => {
  switch (kind) {
    case 'emptyDir': return Volume.fromEmptyDir(name, { sizeLimit: Size.mebibytes(128) });
    case 'memory': return Volume.fromEmptyDir(name, { medium: EmptyDirMedium.MEMORY });
    case 'configMap': return Volume.fromConfigMap(name, `${name}-config`, { items: [{ key: 'app.yaml', path: 'app.yaml' }] });
    case 'secret': return Volume.fromSecret(name, `${name}-secret`);
    case 'claim': return Volume.fromPersistentVolumeClaim(name, `${name}-data`, { readOnly: true });
    case 'projected': return Volume.fromProjected(name, [
      Projection.fromConfigMap(`${name}-config`),
      Projection.fromServiceAccountToken({ path: 'token', audience: 'api', expiration: Duration.hours(2) }),
      Projection.fromDownwardApi([{ path: 'labels', fieldPath: 'metadata.labels' }]),
    ]);
  }
};

/** Container options shared by the main container, init containers and sidecars. */
const containerOptions = fc.record({
  env: fc.dictionary(envName, text, { maxKeys: 3 }),
  envValues: fc.dictionary(envName, fc.constantFrom(
    EnvValue.fromSecret('app-secret', 'password'), EnvValue.fromConfigMap('app-config', 'mode', { optional: true }),
    EnvValue.fromFieldRef('metadata.namespace'), EnvValue.fromFieldRef('status.podIP'), EnvValue.fromResource('limits.memory'),
  ), { maxKeys: 2 }),
  envFrom: fc.subarray([EnvFrom.fromConfigMap('app-flags', { prefix: 'FLAG_' }), EnvFrom.fromSecret('app-keys', { optional: true })]),
  resources: fc.record({
    cpuRequest: fc.option(fc.constantFrom(...[10, 250, 1000, 1500, 500, 2250].map((m) => Cpu.millis(m)), Cpu.units(1), Cpu.units(1.5), Cpu.units(0.25)), { nil: undefined }),
    memoryRequest: fc.option(fc.constantFrom(Size.mebibytes(16), Size.mebibytes(512), Size.gibibytes(3), Size.gibibytes(1.5), Size.mebibytes(1024), Size.kibibytes(125952), Size.gibibytes(0.5)), { nil: undefined }),
  }),
  readOnlyRootFilesystem: fc.option(fc.boolean(), { nil: undefined }),
  runAsUser: fc.option(fc.integer({ min: 1, max: 2 ** 31 - 1 }), { nil: undefined }),
});

const extraContainers = (prefix: string) => fc.uniqueArray(fc.constantFrom('a', 'b', 'c'), { maxLength: 2 }).chain((names) => fc.tuple(
  ...names.map((n) => containerOptions.map((o): NamedContainerOptions => ({ ...o, name: `${prefix}-${n}`, image: `ghcr.io/acme/${prefix}:${n}` }))),
));

export const workload = fc.record({
  name: dnsName,
  port: fc.integer({ min: 1, max: 65535 }),
  containerPort: fc.option(fc.integer({ min: 1024, max: 65535 }), { nil: undefined }),
  protocol: fc.constantFrom(Protocol.TCP, Protocol.UDP),
  replicas: fc.integer({ min: 0, max: 5 }),
  podSecurity: fc.constantFrom(PodSecurity.RESTRICTED, PodSecurity.BASELINE),
  main: containerOptions,
  volumes: fc.uniqueArray(fc.constantFrom('data', 'cache', 'conf', 'certs'), { maxLength: 3 })
    .chain((names) => fc.tuple(...names.map((n) => fc.constantFrom(...VOLUME_KINDS).map((k) => [n, k] as const)))),
  initContainers: extraContainers('init'),
  sidecars: extraContainers('side'),
  nodeSelector: fc.dictionary(fc.constantFrom('disktype', 'kubernetes.io/arch', 'example.com/pool'), fc.stringMatching(/^[a-z0-9]{1,8}$/), { maxKeys: 2 }),
  tolerate: fc.boolean(),
  antiAffinity: fc.boolean(),
  preStop: fc.constantFrom(undefined, LifecycleHandler.fromSleep(Duration.seconds(3)), LifecycleHandler.fromCommand(['/bin/drain'])),
});

/** One random workload. */
export type Workload = typeof workload extends fc.Arbitrary<infer T> ? T : never;

/** The props of an ExposedApp (and, without containerPort, of a HeadlessGroup) for a workload. */
export function exposedAppProps(w: Workload): ExposedAppProps {
  const volumes = w.volumes.map(([n, k]) => volume(n, k));
  return {
    ...w.main,
    image: `ghcr.io/acme/${w.name}:1.0`,
    port: w.port,
    containerPort: w.containerPort,
    protocol: w.protocol,
    replicas: w.replicas,
    podSecurity: w.podSecurity,
    volumes,
    volumeMounts: w.volumes.map(([n]) => ({ volume: n, mountPath: `/mnt/${n}` })),
    initContainers: w.initContainers.map((c) => ({ ...c, volumeMounts: w.volumes.slice(0, 1).map(([n]) => ({ volume: n, mountPath: `/work/${n}` })) })),
    sidecars: w.sidecars,
    nodeSelector: w.nodeSelector,
    tolerations: w.tolerate ? [{ key: 'dedicated', operator: TolerationOperator.EQUAL, value: w.name, effect: TaintEffect.NO_SCHEDULE }] : undefined,
    affinity: w.antiAffinity ? {
      nodes: [{ requirements: [{ key: 'kubernetes.io/os', operator: LabelOperator.IN, values: ['linux'] }] }],
      podAntiAffinity: [
        { topologyKey: 'kubernetes.io/hostname', matchLabels: { 'app.kubernetes.io/name': w.name }, weight: 50 },
        { topologyKey: 'topology.kubernetes.io/zone', weight: 10, matchExpressions: [
          { key: 'app.kubernetes.io/name', operator: LabelOperator.IN, values: [w.name, 'cache'] },
          { key: 'tier', operator: LabelOperator.DOES_NOT_EXIST },
        ] },
      ],
    } : undefined,
    preStop: w.preStop,
    readiness: w.protocol === Protocol.UDP ? Probe.none() : undefined,
  };
}

/** The pod-level props of a Job or CronJob for a workload: no Service port, no replicas. */
export function podProps(w: Workload): PodOptions & { image: string } {
  const { port: _port, containerPort: _containerPort, protocol: _protocol, replicas: _replicas, readiness: _readiness, ...pod } = exposedAppProps(w);
  return pod;
}

/** Random run settings of a Job (every count and duration the constructs accept, edges included). */
export const jobSettings = fc.record({
  backoffLimit: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
  activeDeadline: fc.option(fc.constantFrom(Duration.seconds(1), Duration.minutes(10), Duration.hours(6)), { nil: undefined }),
  ttlAfterFinished: fc.option(fc.constantFrom(Duration.seconds(0), Duration.minutes(5), Duration.days(1)), { nil: undefined }),
  completions: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
  parallelism: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
  restartPolicy: fc.option(fc.constantFrom(JobRestartPolicy.NEVER, JobRestartPolicy.ON_FAILURE), { nil: undefined }),
}, { requiredKeys: [] });

const ROUTE_HOSTS = [undefined, 'shop.example.com', '*.example.com', 'a-b.example.com', 'a.b.example.com'] as const;

/** An object name the API server takes as one path segment: any text but "." and "..", without "/" or "%". */
const pathSegment = fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }).filter((s) => s !== '.' && s !== '..' && !/[/%]/.test(s));

const resourceBackend = fc.record({
  apiGroup: fc.constantFrom(undefined, '', 'k8s.example.com', 'storage.example.io'),
  kind: fc.oneof(fc.constantFrom('StorageBucket', 'ConfigMap'), pathSegment),
  name: pathSegment,
}, { requiredKeys: ['kind', 'name'] }).map((r): IngressResourceBackend => (r.apiGroup === undefined ? { kind: r.kind, name: r.name } : r));

/** A random IngressRouter: its mode, routes to Services or (Ingress only) other objects, default backend, HTTPRoute names. */
export const router = fc.record({
  gateway: fc.boolean(),
  routes: fc.uniqueArray(fc.record({
    host: fc.constantFrom(...ROUTE_HOSTS),
    path: fc.constantFrom('/', '/api', '/static', '/v1/items'),
    exact: fc.boolean(),
    target: fc.oneof(fc.constantFrom('web', 'admin', 'other-namespace'), resourceBackend),
  }), { minLength: 1, maxLength: 6, selector: (r) => `${r.host} ${r.path} ${r.exact}` }),
  defaultBackend: fc.option(fc.oneof(fc.constant('web' as const), resourceBackend), { nil: undefined }),
  routeNames: fc.dictionary(fc.constantFrom('shop.example.com', '*.example.com', 'a.b.example.com', '*'), dnsName, { maxKeys: 2 }),
});

/** One random router configuration. */
export type RouterConfig = typeof router extends fc.Arbitrary<infer T> ? T : never;

/**
 * Builds the router of a configuration in `chart`, with Service backends in namespace `shop`
 * (and one elsewhere, which Gateway mode reaches through a ReferenceGrant). Resource backends
 * become Services in Gateway mode, and HTTPRoute names are given for hosts that have routes.
 */
export function buildRouter(chart: Chart, c: RouterConfig): IngressRouter {
  const services: { [name: string]: IServiceEndpoint } = {
    'web': ServiceRef.fromName(chart, 'web', 'web', { namespace: 'shop', port: 80, portName: 'http' }),
    'admin': ServiceRef.fromName(chart, 'admin', 'admin', { namespace: 'shop', port: 9090 }),
    'other-namespace': ServiceRef.fromName(chart, 'other', 'legacy', { namespace: c.gateway ? 'legacy' : 'shop', port: 8080 }),
  };
  const target = (t: string | IngressResourceBackend) => (typeof t === 'string' ? { backend: services[t] } : c.gateway ? { backend: services.web } : { resource: t });
  const hosts = new Set<string>(c.routes.map((r) => r.host ?? '*'));
  const names = Object.entries(c.routeNames).filter(([h]) => hosts.has(h) || (h === '*' && c.defaultBackend !== undefined));
  return new IngressRouter(chart, 'router', {
    namespace: 'shop',
    api: c.gateway ? RouteApi.GATEWAY : RouteApi.INGRESS,
    gateway: c.gateway ? GatewayRef.fromName(chart, 'gw', 'public', { namespace: 'infra' }) : undefined,
    httpRouteNames: c.gateway && names.length > 0 ? Object.fromEntries(names) : undefined,
    ...(c.defaultBackend === undefined ? {} : typeof c.defaultBackend === 'string' || c.gateway
      ? { defaultBackend: services.web } : { defaultResourceBackend: c.defaultBackend }),
    routes: c.routes.map((r) => ({
      host: r.host,
      path: r.path,
      pathType: r.exact ? PathType.EXACT : c.gateway ? PathType.PREFIX : PathType.IMPLEMENTATION_SPECIFIC,
      ...target(r.target),
    })),
  });
}
