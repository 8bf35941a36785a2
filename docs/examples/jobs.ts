import { Chart, Duration } from 'cdk8s';
import { CronJob, EnvValue, ExposedApp, GitOpsHook, Job, PatternDefaults, Secret } from '../../lib';

export function example(chart: Chart): void {
  PatternDefaults.set(chart, { syncWaves: true });
  const db = new ExposedApp(chart, 'db', {
    namespace: 'shop', image: 'ghcr.io/acme/postgres:17', port: 5432, replicas: 1, runAsUser: 999, networkPolicy: true,
  });
  const password = Secret.fromName(chart, 'DbSecret', 'shop-db', { namespace: 'shop', keys: ['password'] });

  // The schema migration, run by Argo CD in every sync once the database is up (a Sync hook: on the
  // first sync a PreSync hook would run before the database exists).
  const migrate = new Job(chart, 'migrate', {
    namespace: 'shop', image: 'ghcr.io/acme/api:1.4.0', args: ['migrate', 'up'],
    envValues: { DB_PASSWORD: EnvValue.fromSecretRef(password, 'password') },
    hook: GitOpsHook.ARGO_CD_SYNC,
    backoffLimit: 2, activeDeadline: Duration.minutes(10),
    networkPolicy: true,
  });
  migrate.connectTo(db);

  // The nightly backup, at 03:00 Berlin time; a run still going at the next one is not doubled.
  const backup = new CronJob(chart, 'backup', {
    namespace: 'shop', image: 'ghcr.io/acme/pg-backup:2.1', schedule: '0 3 * * *', timeZone: 'Europe/Berlin',
    envValues: { PGPASSWORD: EnvValue.fromSecretRef(password, 'password') },
    activeDeadline: Duration.hours(2), startingDeadline: Duration.minutes(30),
    networkPolicy: true,
  });
  backup.connectTo(db);
}
