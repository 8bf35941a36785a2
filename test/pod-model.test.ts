import { Duration, Size } from 'cdk8s';
import {
  AccessMode, DeploymentStrategy, EmptyDirMedium, EnvFrom, EnvValue, ExposedApp, ExposedAppProps, HeadlessGroup, ImagePullPolicy,
  LabelOperator, LifecycleHandler, PatternWarnings, PodSecurity, Probe, Projection, TaintEffect, TolerationOperator, Volume,
  WorkloadKind, Cpu } from '../lib';
import { synthValidated } from '../lib/validation';
import { find, Manifest, newChart, synth } from './util';

const IMAGE = 'ghcr.io/acme/web:1.0';
const podSpec = (m: Manifest) => m.spec.template.spec;

function build(props: Partial<ExposedAppProps> = {}) {
  const chart = newChart();
  const app = new ExposedApp(chart, 'web', { image: IMAGE, ...props });
  const out = synth(chart);
  return { app, out, chart, deploy: find(out, 'Deployment'), pod: podSpec(find(out, 'Deployment')) };
}

describe('volumes and mounts', () => {
  test('ConfigMap, Secret, PVC, emptyDir and projected volumes render as the API writes them', () => {
    const { pod } = build({
      volumes: [
        Volume.fromConfigMap('config', 'web-config', { items: [{ key: 'app.yaml', path: 'app.yaml' }] }),
        Volume.fromSecret('tls', 'web-tls', { defaultMode: 0o400 }),
        Volume.fromPersistentVolumeClaim('data', 'web-data'),
        Volume.fromEmptyDir('cache', { medium: EmptyDirMedium.MEMORY, sizeLimit: Size.mebibytes(64) }),
        Volume.fromProjected('bundle', [
          Projection.fromSecret('creds'),
          Projection.fromServiceAccountToken({ path: 'token', audience: 'vault', expiration: Duration.hours(1) }),
          Projection.fromDownwardApi([{ path: 'labels', fieldPath: 'metadata.labels' }]),
        ]),
      ],
      volumeMounts: [
        { volume: 'config', mountPath: '/etc/web/app.yaml', subPath: 'app.yaml', readOnly: true },
        { volume: 'tls', mountPath: '/etc/tls', readOnly: true },
        { volume: 'data', mountPath: '/var/lib/web' },
        { volume: 'cache', mountPath: '/tmp' },
      ],
    });
    expect(pod.volumes).toEqual([
      { name: 'config', configMap: { name: 'web-config', items: [{ key: 'app.yaml', path: 'app.yaml' }] } },
      { name: 'tls', secret: { secretName: 'web-tls', defaultMode: 256 } },
      { name: 'data', persistentVolumeClaim: { claimName: 'web-data' } },
      { name: 'cache', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
      { name: 'bundle', projected: { sources: [
        { secret: { name: 'creds' } },
        { serviceAccountToken: { audience: 'vault', expirationSeconds: 3600, path: 'token' } },
        { downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
      ] } },
    ]);
    expect(pod.containers[0].volumeMounts).toEqual([
      { name: 'config', mountPath: '/etc/web/app.yaml', subPath: 'app.yaml', readOnly: true },
      { name: 'tls', mountPath: '/etc/tls', readOnly: true },
      { name: 'data', mountPath: '/var/lib/web' },
      { name: 'cache', mountPath: '/tmp' },
    ]);
  });

  test('a Size renders in its largest whole binary unit', () => {
    const size = (s: Size) => build({ volumes: [Volume.fromEmptyDir('v', { sizeLimit: s })] }).pod.volumes[0].emptyDir.sizeLimit;
    expect(size(Size.gibibytes(1))).toBe('1Gi');
    expect(size(Size.mebibytes(1536))).toBe('1536Mi');
    expect(size(Size.kibibytes(3))).toBe('3Ki');
  });

  test('a generic source passes through, and BASELINE allows types RESTRICTED forbids', () => {
    const nfs = Volume.fromSource('shared', 'nfs', { server: 'nfs.example.com', path: '/exports' });
    const { pod } = build({ podSecurity: PodSecurity.BASELINE, volumes: [nfs], volumeMounts: [{ volume: 'shared', mountPath: '/shared' }] });
    expect(pod.volumes).toEqual([{ name: 'shared', nfs: { server: 'nfs.example.com', path: '/exports' } }]);
  });

  test('HeadlessGroup: volume claims and own volumes in one pod; sidecars mount the claims by name', () => {
    const chart = newChart();
    new HeadlessGroup(chart, 'db', {
      image: 'ghcr.io/acme/db:1', port: 5432,
      volumeClaims: [{ name: 'data', storage: Size.gibibytes(1), mountPath: '/var/lib/db', accessModes: [AccessMode.READ_WRITE_ONCE] }],
      volumes: [Volume.fromConfigMap('conf', 'db-conf')],
      volumeMounts: [{ volume: 'conf', mountPath: '/etc/db' }],
      sidecars: [{ name: 'backup', image: 'ghcr.io/acme/backup:1', volumeMounts: [{ volume: 'data', mountPath: '/data', readOnly: true }] }],
    });
    const sts = find(synth(chart), 'StatefulSet');
    const pod = podSpec(sts);
    expect(pod.containers[0].volumeMounts).toEqual([{ name: 'data', mountPath: '/var/lib/db' }, { name: 'conf', mountPath: '/etc/db' }]);
    expect(pod.initContainers[0].volumeMounts).toEqual([{ name: 'data', mountPath: '/data', readOnly: true }]);
    expect(pod.volumes).toEqual([{ name: 'conf', configMap: { name: 'db-conf' } }]);
  });
});

describe('environment', () => {
  test('values from Secrets, ConfigMaps, fields and resources, plain values, and envFrom whole sources', () => {
    const { pod } = build({
      env: { LOG_LEVEL: 'info', DATABASE_URL: 'postgres://app:$(DB_PASSWORD)@db:5432/app' },
      envValues: {
        DB_PASSWORD: EnvValue.fromSecret('db', 'password'),
        FEATURES: EnvValue.fromConfigMap('flags', 'features', { optional: true }),
        POD_NAME: EnvValue.fromFieldRef('metadata.name'),
        TEAM: EnvValue.fromFieldRef("metadata.labels['team']"),
        MEM_LIMIT: EnvValue.fromResource('limits.memory', { divisor: '1Mi' }),
      },
      envFrom: [EnvFrom.fromConfigMap('web-env'), EnvFrom.fromSecret('web-secrets', { prefix: 'SECRET_' })],
    });
    const c = pod.containers[0];
    // By name, but DATABASE_URL after DB_PASSWORD, which it refers to.
    expect(c.env).toEqual([
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
      { name: 'DATABASE_URL', value: 'postgres://app:$(DB_PASSWORD)@db:5432/app' },
      { name: 'FEATURES', valueFrom: { configMapKeyRef: { name: 'flags', key: 'features', optional: true } } },
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'MEM_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'TEAM', valueFrom: { fieldRef: { fieldPath: "metadata.labels['team']" } } },
    ]);
    expect(c.envFrom).toEqual([{ configMapRef: { name: 'web-env' } }, { prefix: 'SECRET_', secretRef: { name: 'web-secrets' } }]);
  });

  // Java and Go maps have no order, so the order of the map must not reach the YAML; Kubernetes
  // expands $(NAME) only from variables listed earlier, so references decide where needed.
  test('env order depends on names and $(NAME) references, not on the order of the maps', () => {
    const entries: Array<[string, string]> = [['URL', 'http://$(HOST):$(PORT)/'], ['PORT', '8080'], ['HOST', '$(POD_IP)'], ['A', '$$(URL) is literal'], ['LOOP_A', '$(LOOP_B)'], ['LOOP_B', '$(LOOP_A)']];
    const env = (list: Array<[string, string]>) => build({ env: Object.fromEntries(list), envValues: { POD_IP: EnvValue.fromFieldRef('status.podIP') } }).pod.containers[0].env.map((e: { name: string }) => e.name);
    const forward = env(entries);
    expect(forward).toEqual(['A', 'POD_IP', 'HOST', 'PORT', 'URL', 'LOOP_A', 'LOOP_B']);
    expect(env([...entries].reverse())).toEqual(forward);
  });

  test('connectTo refuses a variable that envValues already sets', () => {
    const chart = newChart();
    const db = new ExposedApp(chart, 'db', { image: IMAGE, port: 5432 });
    const web = new ExposedApp(chart, 'web', { image: IMAGE, envValues: { DB_HOST: EnvValue.fromValue('x') } });
    expect(() => web.connectTo(db)).toThrow("ExposedApp 'test/web': connectTo \"test/db\" sets DB_HOST, which is already set by envValues: pass another prefix");
  });
});

describe('more containers', () => {
  test('init containers run first, native sidecars after them with restartPolicy Always, extra containers beside the main one', () => {
    const { pod } = build({
      port: 8080,
      initContainers: [{ name: 'migrate', image: 'ghcr.io/acme/migrate:1', args: ['up'] }],
      sidecars: [{
        name: 'proxy', image: 'ghcr.io/acme/proxy:1', extraPorts: [{ name: 'metrics', containerPort: 9901 }],
        readiness: Probe.fromHttpGet('/ready', { portName: 'metrics' }),
      }],
      containers: [{ name: 'log', image: 'ghcr.io/acme/log:1', resources: { memoryLimit: Size.mebibytes(64), memoryRequest: Size.mebibytes(32) } }],
    });
    expect(pod.initContainers.map((c: Manifest) => [c.name, c.restartPolicy])).toEqual([['migrate', undefined], ['proxy', 'Always']]);
    expect(pod.containers.map((c: Manifest) => c.name)).toEqual(['web', 'log']);
    const proxy = pod.initContainers[1];
    expect(proxy.ports).toEqual([{ name: 'metrics', containerPort: 9901 }]);
    expect(proxy.readinessProbe).toEqual({ httpGet: { path: '/ready', port: 'metrics' } });
    // Every container gets the secure defaults and default resources.
    for (const c of [...pod.initContainers, ...pod.containers]) {
      expect(c.securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    }
    expect(pod.initContainers[0].resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } });
    expect(pod.containers[1].resources).toEqual({ requests: { cpu: '100m', memory: '32Mi' }, limits: { memory: '64Mi' } });
    // Only the main container gets the default readiness probe and the shutdown pause.
    expect(pod.containers[0].readinessProbe).toEqual({ tcpSocket: { port: 'http' } });
    expect(pod.containers[1].readinessProbe).toBeUndefined();
    expect(pod.containers[1].lifecycle).toBeUndefined();
  });

  test('container details: pull policy, working dir, capabilities, hooks, extra ports', () => {
    const { pod } = build({
      imagePullPolicy: ImagePullPolicy.ALWAYS,
      workingDir: '/app',
      addCapabilities: ['NET_BIND_SERVICE'],
      postStart: LifecycleHandler.fromCommand(['/bin/warm-up']),
      preStop: LifecycleHandler.fromHttpGet('/drain'),
      extraPorts: [{ name: 'admin', containerPort: 9000 }],
      liveness: Probe.fromHttpGet('/healthz', { portName: 'admin' }),
    });
    const c = pod.containers[0];
    expect(c.imagePullPolicy).toBe('Always');
    expect(c.workingDir).toBe('/app');
    expect(c.securityContext.capabilities).toEqual({ add: ['NET_BIND_SERVICE'], drop: ['ALL'] });
    expect(c.lifecycle).toEqual({ postStart: { exec: { command: ['/bin/warm-up'] } }, preStop: { httpGet: { path: '/drain', port: 'http' } } });
    expect(c.ports).toEqual([{ name: 'http', containerPort: 80 }, { name: 'admin', containerPort: 9000 }]);
    expect(c.livenessProbe).toEqual({ httpGet: { path: '/healthz', port: 'admin' } });
    // The user's preStop replaces the pause; the grace period stays.
    expect(pod.terminationGracePeriodSeconds).toBe(30);
  });

  test('BASELINE allows its capability list and writes no drop', () => {
    const { pod } = build({ podSecurity: PodSecurity.BASELINE, addCapabilities: ['CHOWN', 'SETUID'] });
    expect(pod.containers[0].securityContext.capabilities).toEqual({ add: ['CHOWN', 'SETUID'] });
  });

  test('PRIVILEGED allows hostPath volumes and any capability, and still writes no privilege escalation', () => {
    const chart = newChart();
    new ExposedApp(chart, 'agent', {
      image: IMAGE,
      podSecurity: PodSecurity.PRIVILEGED,
      addCapabilities: ['IPC_LOCK'],
      volumes: [Volume.fromSource('proc', 'hostPath', { path: '/proc', type: 'Directory' })],
      volumeMounts: [{ volume: 'proc', mountPath: '/host/proc', readOnly: true }],
    });
    const pod = podSpec(find(synthValidated(chart, { podSecurity: 'none' }) as Manifest[], 'Deployment'));
    expect(pod.volumes).toEqual([{ name: 'proc', hostPath: { path: '/proc', type: 'Directory' } }]);
    expect(pod.containers[0].securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { add: ['IPC_LOCK'] } });
    expect(pod.securityContext.runAsNonRoot).toBeUndefined();
  });

  test('a sleep preStop in whole seconds', () => {
    const { pod } = build({ preStop: LifecycleHandler.fromSleep(Duration.seconds(10)) });
    expect(pod.containers[0].lifecycle).toEqual({ preStop: { sleep: { seconds: 10 } } });
  });

  test('extended resources and ephemeral storage: extended ones as equal request and limit', () => {
    const { pod } = build({ resources: { extended: { 'nvidia.com/gpu': 1 }, ephemeralStorageRequest: Size.gibibytes(1), ephemeralStorageLimit: Size.gibibytes(2) } });
    expect(pod.containers[0].resources).toEqual({
      requests: { 'cpu': '100m', 'memory': '128Mi', 'ephemeral-storage': '1Gi', 'nvidia.com/gpu': '1' },
      limits: { 'memory': '256Mi', 'ephemeral-storage': '2Gi', 'nvidia.com/gpu': '1' },
    });
  });
});

describe('workload details', () => {
  test('Recreate strategy writes no rollingUpdate', () => {
    expect(build({ strategy: DeploymentStrategy.RECREATE }).deploy.spec.strategy).toEqual({ type: 'Recreate' });
    expect(build().deploy.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } });
  });

  test('nodeSelector, tolerations, affinity, priority and runtime classes', () => {
    const { pod } = build({
      nodeSelector: { 'kubernetes.io/arch': 'amd64' },
      tolerations: [
        { key: 'dedicated', value: 'web', effect: TaintEffect.NO_SCHEDULE },
        { key: 'node.kubernetes.io/unreachable', operator: TolerationOperator.EXISTS, effect: TaintEffect.NO_EXECUTE, tolerationSeconds: Duration.minutes(5) },
      ],
      affinity: {
        nodes: [
          { requirements: [{ key: 'topology.kubernetes.io/zone', operator: LabelOperator.IN, values: ['a', 'b'] }] },
          { weight: 50, requirements: [{ key: 'disk', operator: LabelOperator.EXISTS }] },
        ],
        podAntiAffinity: [{ topologyKey: 'kubernetes.io/hostname', matchLabels: { 'app.kubernetes.io/name': 'web' } }],
      },
      priorityClassName: 'high',
      runtimeClassName: 'gvisor',
    });
    expect(pod.nodeSelector).toEqual({ 'kubernetes.io/arch': 'amd64' });
    expect(pod.tolerations).toEqual([
      { key: 'dedicated', value: 'web', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    expect(pod.affinity).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['a', 'b'] }] }] },
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [{ key: 'disk', operator: 'Exists' }] } }],
      },
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'web' } } }],
      },
    });
    expect([pod.priorityClassName, pod.runtimeClassName]).toEqual(['high', 'gvisor']);
  });
});

describe('pod affinity with label expressions', () => {
  test('matchExpressions alone or beside matchLabels, as a requirement or a preference', () => {
    const { pod } = build({
      affinity: {
        podAffinity: [{ topologyKey: 'topology.kubernetes.io/zone', matchExpressions: [{ key: 'app', operator: LabelOperator.IN, values: ['cache', 'store'] }] }],
        podAntiAffinity: [{ topologyKey: 'kubernetes.io/hostname', weight: 100, matchLabels: { app: 'web' }, matchExpressions: [{ key: 'track', operator: LabelOperator.NOT_IN, values: ['canary'] }] }],
      },
    });
    expect(pod.affinity).toEqual({
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'topology.kubernetes.io/zone', labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['cache', 'store'] }] } }],
      },
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: {
          topologyKey: 'kubernetes.io/hostname',
          labelSelector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'track', operator: 'NotIn', values: ['canary'] }] },
        } }],
      },
    });
  });
});

describe('names', () => {
  test('the Deployment, container, PDB, HPA, NetworkPolicy and Ingress can be named apart from the Service', () => {
    const chart = newChart();
    const app = new ExposedApp(chart, 'web', {
      image: IMAGE,
      workloadName: 'web-v2',
      containerName: 'server',
      networkPolicy: true,
      autoscaling: { minReplicas: 2, maxReplicas: 4 },
      ingress: { host: 'web.example.com' },
      names: { disruptionBudget: 'web-pdb', autoscaler: 'web-hpa', networkPolicy: 'web-netpol', ingress: 'web-public' },
    });
    const out = synth(chart);
    expect(app.workloadName).toBe('web-v2');
    expect(find(out, 'Deployment').metadata.name).toBe('web-v2');
    expect(find(out, 'Service').metadata.name).toBe('web');
    expect(podSpec(find(out, 'Deployment')).containers[0].name).toBe('server');
    expect(find(out, 'PodDisruptionBudget').metadata.name).toBe('web-pdb');
    const hpa = find(out, 'HorizontalPodAutoscaler');
    expect([hpa.metadata.name, hpa.spec.scaleTargetRef.name]).toEqual(['web-hpa', 'web-v2']);
    expect(find(out, 'NetworkPolicy').metadata.name).toBe('web-netpol');
    const ingress = find(out, 'Ingress');
    expect([ingress.metadata.name, ingress.spec.rules[0].http.paths[0].backend.service.name]).toEqual(['web-public', 'web']);
  });
});

describe('defaults that fit real apps', () => {
  test('the library resources are the same whether nothing or empty resources are given (a short path writes them)', () => {
    const written = (props: Partial<ExposedAppProps>) => build(props).pod.containers[0].resources;
    const library = { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } };
    expect(written({})).toEqual(library);
    expect(written({ resources: {} })).toEqual(library);
    expect(written({ resources: { omit: [] } })).toEqual(library);
  });

  test('a memory request above the default limit raises the limit to the request', () => {
    const { pod } = build({ resources: { memoryRequest: Size.gibibytes(1) } });
    expect(pod.containers[0].resources).toEqual({ requests: { cpu: '100m', memory: '1Gi' }, limits: { memory: '1Gi' } });
  });

  test('an explicit limit below the request is still refused', () => {
    expect(() => build({ resources: { memoryRequest: Size.gibibytes(1), memoryLimit: Size.mebibytes(512) } })).toThrow('resources.memoryRequest "1Gi" is more than the memory limit 512Mi');
  });

  // The API server's canonical forms, as the Quantity reference documents them ("1.5" is stored
  // as "1500m", "1.5Gi" as "1536Mi"); test/apiserver checks many more against the server itself.
  test('quantities are written as the API server stores them, so GitOps tools see no drift', () => {
    const { pod } = build({ resources: { cpuRequest: Cpu.units(1.5), memoryRequest: Size.gibibytes(1.5), memoryLimit: Size.mebibytes(2048), ephemeralStorageRequest: Size.kibibytes(1024 ** 3), cpuLimit: Cpu.millis(2000) } });
    expect(pod.containers[0].resources).toEqual({ requests: { 'cpu': '1500m', 'memory': '1536Mi', 'ephemeral-storage': '1Ti' }, limits: { cpu: '2', memory: '2Gi' } });
  });

  test('an empty env value is written as a name alone, as the server stores it', () => {
    const { pod } = build({ env: { EMPTY: '' }, envValues: { ALSO_EMPTY: EnvValue.fromValue('') } });
    expect(pod.containers[0].env).toEqual([{ name: 'ALSO_EMPTY' }, { name: 'EMPTY' }]);
  });

  test('the grace period stays when the pause is off', () => {
    const { pod } = build({ gracefulShutdown: { enabled: false, terminationGracePeriod: Duration.seconds(120) } });
    expect(pod.terminationGracePeriodSeconds).toBe(120);
    expect(pod.containers[0].lifecycle).toBeUndefined();
  });

  test('well-known root images under RESTRICTED draw a warning naming the fix; BASELINE or a user id silences it', () => {
    const warnings = (props: Partial<ExposedAppProps>) => {
      const chart = newChart();
      new ExposedApp(chart, 'web', { image: 'nginx:1.27', ...props });
      return PatternWarnings.of(chart);
    };
    expect(warnings({})).toEqual([
      'test/web: image "nginx:1.27" runs as root or as a named user, so PodSecurity RESTRICTED stops it at run time (CreateContainerConfigError): set podSecurity: PodSecurity.BASELINE, use the unprivileged image nginxinc/nginx-unprivileged, or set runAsUser to a non-root id the image supports',
    ]);
    expect(warnings({ image: 'docker.io/library/postgres:17' })).toHaveLength(1);
    expect(warnings({ sidecars: [{ name: 'cache', image: 'redis:7' }], image: IMAGE })[0]).toContain('sidecars[0].image "redis:7"');
    expect(warnings({ podSecurity: PodSecurity.BASELINE })).toEqual([]);
    expect(warnings({ runAsUser: 101 })).toEqual([]);
    expect(warnings({ image: 'nginxinc/nginx-unprivileged:1.27' })).toEqual([]);
    expect(warnings({ image: 'registry.example.com/nginx:1.27' })).toEqual([]);
  });

  test('StatefulSet pods of a HeadlessGroup get the same model', () => {
    const chart = newChart();
    new HeadlessGroup(chart, 'kv', {
      image: IMAGE, workload: WorkloadKind.DEPLOYMENT, strategy: DeploymentStrategy.RECREATE,
      initContainers: [{ name: 'init', image: IMAGE }],
    });
    const deploy = find(synth(chart), 'Deployment');
    expect(deploy.spec.strategy).toEqual({ type: 'Recreate' });
    expect(podSpec(deploy).initContainers.map((c: Manifest) => c.name)).toEqual(['init']);
  });
});
