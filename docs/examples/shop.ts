import { Chart, ChartProps, Duration, Size } from 'cdk8s';
import {
  ConfigMap, CronJob, DeployedApp, EnvValue, ExposedApp, ExternalDatabase, GitOpsHook, HeadlessGroup, Job, Namespaces, PatternDefaults,
  PersistentVolumeClaim, PodSource, Secret, Service, Volume,
} from '../../lib';

/** The shop lives in its own namespace: every object the chart writes goes there. */
export const chartProps: ChartProps = { namespace: 'store' };

/**
 * A whole application: a web frontend behind TLS, an API with a schema-check init container and a
 * log-shipping sidecar in a stable and a canary track behind one Service, a migration Job that runs
 * before them, PostgreSQL with a nightly backup, Redis, a managed ledger database outside the
 * cluster, NetworkPolicies from the connections and Argo CD sync waves from the construct graph. The Secret `store-db` and the certificate `store-tls` come
 * from outside (External Secrets, cert-manager).
 */
export function example(chart: Chart): void {
  PatternDefaults.set(chart, { networkPolicy: true, syncWaves: true });
  new Namespaces(chart, 'namespaces');
  // The password is managed elsewhere (External Secrets): a handle that says which keys the app reads.
  const db = Secret.fromName(chart, 'store-db', 'store-db', { keys: ['password'] });
  const password = EnvValue.fromSecretRef(db, 'password');
  // The API's settings: a change to them rolls the API's pods (the config hash on their template).
  const settings = new ConfigMap(chart, 'api-settings', {
    data: { 'LOG_LEVEL': 'info', 'CHECKOUT_TIMEOUT': '30s', 'api.yaml': 'features:\n  recommendations: true\n' },
  });

  const postgres = new HeadlessGroup(chart, 'postgres', {
    image: 'postgres:16.4',
    port: 5432,
    replicas: 1,
    runAsUser: 999,
    fsGroup: 999,
    envValues: { POSTGRES_PASSWORD: password },
    env: { PGDATA: '/var/lib/postgresql/data/pgdata' },
    volumeClaims: [{ name: 'data', storage: Size.gibibytes(10), mountPath: '/var/lib/postgresql/data' }],
  });
  const redis = new ExposedApp(chart, 'redis', { image: 'redis:7.4', port: 6379, replicas: 1, runAsUser: 999 });
  const ledger = new ExternalDatabase(chart, 'ledger', { externalName: 'ledger.abc123.eu-west-1.rds.amazonaws.com', port: 5432 });

  // The schema migration, as an Argo CD Sync hook: it runs after the database is healthy (its
  // sync wave follows the connection) and before the API tracks, which depend on it; its delete
  // policy recreates it on every sync. It runs the newer image: both tracks read the new schema.
  const migrate = new Job(chart, 'migrate', {
    image: 'ghcr.io/acme/shop-api:2.4.0',
    args: ['migrate', 'up'],
    runAsUser: 10001,
    envValues: { DB_PASSWORD: password },
    hook: GitOpsHook.ARGO_CD_SYNC,
    backoffLimit: 2,
    activeDeadline: Duration.minutes(10),
  });
  migrate.connectTo(postgres);

  // The nightly backup at 03:00 Berlin time onto a claim of its own; a run still going at the
  // next one is not doubled (concurrencyPolicy Forbid, the default).
  const backups = new PersistentVolumeClaim(chart, 'backups', { storage: Size.gibibytes(50) });
  const backup = new CronJob(chart, 'backup', {
    image: 'postgres:16.4',
    command: ['sh', '-c', 'pg_dump -h "$POSTGRES_HOST" -p "$POSTGRES_PORT" -U postgres -Fc -f "/backups/shop-$(date +%F).dump" postgres'],
    runAsUser: 999,
    fsGroup: 999,
    envValues: { PGPASSWORD: password },
    volumes: [Volume.fromClaimRef('backups', backups)],
    volumeMounts: [{ volume: 'backups', mountPath: '/backups' }],
    schedule: '0 3 * * *',
    timeZone: 'Europe/Berlin',
    activeDeadline: Duration.hours(2),
  });
  backup.connectTo(postgres);

  // The API in two tracks: the stable one and a canary with the next image, behind one Service.
  // Each pod's init container checks that the schema is the one its image needs before it starts.
  const track = (name: string, image: string, replicas: number) => {
    const api = new DeployedApp(chart, `api-${name}`, {
      image,
      replicas,
      runAsUser: 10001,
      labels: { 'app.kubernetes.io/part-of': 'shop', 'tier': 'api', 'track': name },
      extraPorts: [{ name: 'http', containerPort: 8080 }],
      envValues: { DB_PASSWORD: password, LOG_LEVEL: EnvValue.fromConfigMapRef(settings, 'LOG_LEVEL') },
      volumes: [Volume.fromConfigMapRef('settings', settings, { items: [{ key: 'api.yaml', path: 'api.yaml' }] })],
      volumeMounts: [{ volume: 'settings', mountPath: '/etc/shop', readOnly: true }],
      initContainers: [{ name: 'schema-check', image, args: ['migrate', 'check', '--wait'], envValues: { DB_PASSWORD: password } }],
      sidecars: [{ name: 'log-shipper', image: 'fluent/fluent-bit:3.1', runAsUser: 10001 }],
    });
    api.connectTo(postgres, { containers: [`api-${name}`, 'schema-check'] });
    api.node.addDependency(migrate);
    api.connectTo(redis);
    api.connectTo(ledger, { prefix: 'LEDGER' });
    return api;
  };
  const stable = track('stable', 'ghcr.io/acme/shop-api:2.3.1', 3);
  const canary = track('canary', 'ghcr.io/acme/shop-api:2.4.0', 1);
  const api = new Service(chart, 'api', { pods: PodSource.fromTracks(chart, [stable, canary], { tier: 'api' }) });

  const web = new ExposedApp(chart, 'web', {
    image: 'ghcr.io/acme/shop-web:5.0.2',
    containerPort: 8080,
    runAsUser: 10001,
    replicas: 2,
    ingress: { host: 'shop.example.com', ingressClassName: 'nginx', tls: { secretName: 'store-tls' } },
  });
  web.connectTo(api);
}
