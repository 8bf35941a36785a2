// The reference for the language smoke tests (scripts/languages.ts): the same chart is written in
// Python (python/app.py), Java (java/src/main/java/smoke/App.java) and Go (go/main.go), and each must
// print exactly these bytes. Keep the four in step.
import { App, Chart, Duration, Size } from 'cdk8s';
import {
  ConcurrencyPolicy, ConfigMap, CronJob, EnvValue, ExposedApp, ExternalDatabase, GitOpsHook, HeadlessGroup, Job, LifecycleHandler, PodSecurity, Probe, Protocol,
  ServiceType, Volume, Cpu,
} from '../../lib';

const app = new App();
const chart = new Chart(app, 'smoke', { namespace: 'shop' });

const db = new HeadlessGroup(chart, 'db', {
  image: 'postgres:17.2',
  port: 5432,
  replicas: 3,
  podSecurity: PodSecurity.BASELINE,
  resources: { cpuRequest: Cpu.units(0.5), memoryRequest: Size.gibibytes(1) },
  envValues: { POSTGRES_PASSWORD: EnvValue.fromSecret('db', 'password') },
  volumeClaims: [{ name: 'data', storage: Size.gibibytes(20), mountPath: '/var/lib/postgresql/data' }],
});

const legacy = new ExternalDatabase(chart, 'legacy', { addresses: ['192.0.2.10', '2001:db8::10'], port: 5432 });

const web = new ExposedApp(chart, 'web', {
  image: 'ghcr.io/acme/web:1.4.2',
  port: 80,
  containerPort: 8080,
  serviceType: ServiceType.NODE_PORT,
  nodePort: 30080,
  replicas: 2,
  env: { MODE: 'production', EMPTY: '' },
  volumes: [Volume.fromConfigMap('config', 'web-config'), Volume.fromEmptyDir('cache', { sizeLimit: Size.mebibytes(256) })],
  volumeMounts: [{ volume: 'config', mountPath: '/etc/web', readOnly: true }, { volume: 'cache', mountPath: '/var/cache/web' }],
  readiness: Probe.fromHttpGet('/ready', { period: Duration.seconds(5) }),
  extraPorts: [{ name: 'metrics', containerPort: 9090, protocol: Protocol.TCP }],
  sidecars: [{ name: 'proxy', image: 'ghcr.io/acme/proxy:2.0', runAsUser: 1000, readiness: Probe.fromTcpSocket({ port: 15000 }) }],
  gracefulShutdown: { terminationGracePeriod: Duration.seconds(45) },
  preStop: LifecycleHandler.fromSleep(Duration.seconds(5)),
  ingress: { host: 'shop.example.com', path: '/' },
});
const dbEnv = web.connectTo(db);
web.connectTo(legacy, { prefix: 'LEGACY_DB' });

const settings = new ConfigMap(chart, 'settings', { data: { LOG_LEVEL: 'info' } });
const migrate = new Job(chart, 'migrate', {
  image: 'ghcr.io/acme/web:1.4.2',
  args: ['migrate'],
  hook: GitOpsHook.ARGO_CD_PRE_SYNC,
  backoffLimit: 2,
  activeDeadline: Duration.minutes(10),
  envValues: { LOG_LEVEL: EnvValue.fromConfigMapRef(settings, 'LOG_LEVEL') },
});
migrate.connectTo(db);
new CronJob(chart, 'report', {
  image: 'ghcr.io/acme/report:3.0',
  schedule: '30 6 * * 1-5',
  timeZone: 'Europe/Berlin',
  concurrencyPolicy: ConcurrencyPolicy.REPLACE,
  ttlAfterFinished: Duration.hours(1),
});

process.stdout.write(`${Object.keys(dbEnv).sort().join(',')}\n---\n${app.synthYaml()}`);
