// Job and CronJob: pods that run to completion, on the pattern base, with the pod model, secure
// defaults and checks of ExposedApp. What the API server accepts is proven in
// test/apiserver/jobs.apiserver.ts, and that a Job completes in test/cluster/jobs.cluster.ts.
import { Duration } from 'cdk8s';
import {
  ConcurrencyPolicy, CronJob, DeployedApp, EnvValue, ExposedApp, GitOpsHook, Job, JobRestartPolicy,
  PatternDefaults, PatternWarnings, PercentOrAbsolute, Probe, ServiceRef, Topology,
} from '../lib';
import { cronSchedule, cronTimeZone } from '../lib/core/cron';
import { validateManifests } from '../lib/validation';
import { BAD_INPUTS } from './bad-inputs';
import { find, Manifest, newChart, selects, synth } from './util';

const IMAGE = 'ghcr.io/acme/api:1.4';

describe('Job', () => {
  test('the secure pod defaults, restartPolicy Never, and nothing a long-running workload needs', () => {
    const chart = newChart({ namespace: 'shop' });
    const job = new Job(chart, 'migrate', { image: IMAGE, args: ['migrate'] });
    const out = synth(chart);
    expect(out.map((m) => m.kind)).toEqual(['Job']);
    const j = find(out, 'Job', 'migrate');
    expect(j.apiVersion).toBe('batch/v1');
    // The server generates the selector (and refuses one written without manualSelector).
    expect(j.spec.selector).toBeUndefined();
    expect(Object.keys(j.spec)).toEqual(['template']);
    const pod = j.spec.template.spec;
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    const c = pod.containers[0];
    expect(c.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } });
    expect(c.securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    // No probe gates anything for a pod that runs to completion; no pause before it stops.
    expect(c.readinessProbe).toBeUndefined();
    expect(c.lifecycle).toBeUndefined();
    expect(pod.terminationGracePeriodSeconds).toBeUndefined();
    expect(pod.topologySpreadConstraints).toBeUndefined();
    expect(j.spec.template.metadata.labels).toEqual({
      'app.kubernetes.io/name': 'migrate', 'app.kubernetes.io/instance': 'migrate', 'app.kubernetes.io/managed-by': 'cdk8s-service-patterns',
    });
    expect(job.apiObject.kind).toBe('Job');
    expect(job.workloadName).toBe('migrate');
    expect(job.namespace).toBe('shop');
    expect(job.disruptionBudget).toBeUndefined();
    expect(job.autoscaler).toBeUndefined();
    expect(Job.isJob(job)).toBe(true);
    expect(Job.isJob(new DeployedApp(chart, 'worker', { image: IMAGE, replicas: 1 }))).toBe(false);
    expect(CronJob.isCronJob(job)).toBe(false);
  });

  test('chart-wide defaults of long-running workloads do not reach it', () => {
    const chart = newChart();
    PatternDefaults.set(chart, {
      replicas: 3, defaultReadinessProbe: true, spread: { enabled: true },
      gracefulShutdown: { preStopPause: Duration.seconds(10) }, disruptionBudget: { maxUnavailable: PercentOrAbsolute.absolute(1) },
    });
    new Job(chart, 'migrate', { image: IMAGE, extraPorts: [{ name: 'metrics', containerPort: 9090 }] });
    const out = synth(chart);
    expect(out.map((m) => m.kind)).toEqual(['Job']);
    const pod = find(out, 'Job').spec.template.spec;
    expect(pod.containers[0].readinessProbe).toBeUndefined();
    expect(pod.containers[0].lifecycle).toBeUndefined();
    expect(pod.topologySpreadConstraints).toBeUndefined();
    expect(pod.terminationGracePeriodSeconds).toBeUndefined();
  });

  test('the run settings, as the API writes them', () => {
    const chart = newChart();
    new Job(chart, 'reindex', {
      image: IMAGE, backoffLimit: 2, activeDeadline: Duration.minutes(30), ttlAfterFinished: Duration.hours(1),
      completions: 5, parallelism: 2, restartPolicy: JobRestartPolicy.ON_FAILURE,
      readiness: Probe.fromCommand(['true']),
    });
    const j = find(synth(chart), 'Job');
    expect(j.spec).toMatchObject({ backoffLimit: 2, activeDeadlineSeconds: 1800, ttlSecondsAfterFinished: 3600, completions: 5, parallelism: 2 });
    expect(j.spec.template.spec.restartPolicy).toBe('OnFailure');
    // A probe given explicitly is written: the server accepts it.
    expect(j.spec.template.spec.containers[0].readinessProbe).toEqual({ exec: { command: ['true'] } });
  });

  test.each([
    [GitOpsHook.ARGO_CD_PRE_SYNC, { 'argocd.argoproj.io/hook': 'PreSync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' }],
    [GitOpsHook.ARGO_CD_SYNC, { 'argocd.argoproj.io/hook': 'Sync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' }],
    [GitOpsHook.ARGO_CD_POST_SYNC, { 'argocd.argoproj.io/hook': 'PostSync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' }],
    [GitOpsHook.HELM_PRE_INSTALL_UPGRADE, { 'helm.sh/hook': 'pre-install,pre-upgrade', 'helm.sh/hook-delete-policy': 'before-hook-creation' }],
    [GitOpsHook.HELM_POST_INSTALL_UPGRADE, { 'helm.sh/hook': 'post-install,post-upgrade', 'helm.sh/hook-delete-policy': 'before-hook-creation' }],
  ])('hook %s: the tool\'s annotations on the Job, not on its pods', (hook, annotations) => {
    const chart = newChart();
    new Job(chart, 'migrate', { image: IMAGE, hook });
    const j = find(synth(chart), 'Job');
    expect(j.metadata.annotations).toEqual(annotations);
    expect(j.spec.template.metadata.annotations).toBeUndefined();
  });

  test('sync waves: a PreSync or Helm hook gets none (its phase orders it), a Sync hook and a plain Job get theirs', () => {
    const chart = newChart();
    PatternDefaults.set(chart, { syncWaves: true });
    const db = new ExposedApp(chart, 'db', { image: 'ghcr.io/acme/db:1', port: 5432, replicas: 1 });
    const jobs = [
      new Job(chart, 'pre', { image: IMAGE, hook: GitOpsHook.ARGO_CD_PRE_SYNC }),
      new Job(chart, 'helm', { image: IMAGE, hook: GitOpsHook.HELM_PRE_INSTALL_UPGRADE }),
      new Job(chart, 'sync', { image: IMAGE, hook: GitOpsHook.ARGO_CD_SYNC }),
      new Job(chart, 'plain', { image: IMAGE }),
    ];
    for (const j of jobs) j.connectTo(db);
    const out = synth(chart);
    const wave = (name: string) => find(out, 'Job', name).metadata.annotations?.['argocd.argoproj.io/sync-wave'];
    expect([wave('pre'), wave('helm'), wave('sync'), wave('plain')]).toEqual([undefined, undefined, '1', '1']);
  });

  test('a migration Job before the app: with sync waves, an app that depends on it comes one wave later', () => {
    const chart = newChart();
    PatternDefaults.set(chart, { syncWaves: true });
    const migrate = new Job(chart, 'migrate', { image: IMAGE });
    const api = new ExposedApp(chart, 'api', { image: IMAGE, port: 8080 });
    api.node.addDependency(migrate);
    const out = synth(chart);
    expect(find(out, 'Job').metadata.annotations).toBeUndefined();
    expect(find(out, 'Deployment').metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '1' });
  });

  test('it connects to Services; their NetworkPolicy admits its pods, and its own allows only DNS and them', () => {
    const chart = newChart();
    const db = new ExposedApp(chart, 'db', { image: 'ghcr.io/acme/db:1', port: 5432, replicas: 1, networkPolicy: true });
    const job = new Job(chart, 'migrate', { image: IMAGE, networkPolicy: true, envValues: { DB_PASSWORD: EnvValue.fromSecret('db', 'password') } });
    expect(job.connectTo(db)).toEqual({ DB_HOST: 'db', DB_PORT: '5432', DB_URL: 'postgres://db:5432' });
    const out = synth(chart);
    const j = find(out, 'Job');
    expect(j.spec.template.spec.containers[0].env.map((e: { name: string }) => e.name)).toEqual(['DB_HOST', 'DB_PASSWORD', 'DB_PORT', 'DB_URL']);
    const dbPolicy = find(out, 'NetworkPolicy', 'db');
    expect(dbPolicy.spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: job.selector } }], ports: [{ port: 5432 }] }]);
    expect(selects(job.selector, j.spec.template.metadata.labels)).toBe(true);
    const own = find(out, 'NetworkPolicy', 'migrate');
    expect(own.spec.ingress).toBeUndefined();
    expect(own.spec.egress).toContainEqual({ to: [{ podSelector: { matchLabels: db.selector } }], ports: [{ port: 5432 }] });
  });

  test('a hook that runs before the app is applied and connects to a Service the app writes draws a warning at synth', () => {
    const chart = newChart();
    const db = new ExposedApp(chart, 'db', { image: 'ghcr.io/acme/db:1', port: 5432, replicas: 1 });
    const elsewhere = ServiceRef.fromName(chart, 'ledger', 'ledger', { namespace: 'finance', ports: [{ name: 'postgres', port: 5432 }] });
    for (const hook of [GitOpsHook.ARGO_CD_PRE_SYNC, GitOpsHook.HELM_PRE_INSTALL_UPGRADE, GitOpsHook.ARGO_CD_SYNC, undefined]) {
      const job = new Job(chart, `migrate-${hook === undefined ? 'plain' : hook.replace(/[^a-z]/gi, '').toLowerCase()}`, { image: IMAGE, hook });
      job.connectTo(db);
      job.connectTo(elsewhere);
    }
    expect(PatternWarnings.of(chart)).toEqual([]);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      for (const c of chart.node.findAll()) c.node.validate();
    } finally {
      stderr.mockRestore();
    }
    expect(PatternWarnings.of(chart)).toEqual([
      "test/migrate-argocdpresync: connects to 'test/db', which this app writes: Argo CD applies it in the Sync phase, after a PreSync hook, so on the first sync the hook finds no Service there (and a NetworkPolicy that admits it is applied after it); use GitOpsHook.ARGO_CD_SYNC, which runs in a sync wave after what it connects to",
      "test/migrate-helmpreinstallpreupgrade: connects to 'test/db', which this app writes: Helm installs it after a pre-install hook, so on the first install the hook finds no Service there (and a NetworkPolicy that admits it is applied after it); keep what the hook needs outside the release, or use a post-install,post-upgrade hook",
    ]);
  });
});

describe('CronJob', () => {
  test('schedule, time zone, Forbid by default, labels on the Jobs and their pods', () => {
    const chart = newChart({ namespace: 'shop' });
    const backup = new CronJob(chart, 'backup', { image: 'ghcr.io/acme/backup:1', schedule: '0 3 * * *', timeZone: 'Europe/Berlin' });
    const out = synth(chart);
    expect(out.map((m) => m.kind)).toEqual(['CronJob']);
    const c = find(out, 'CronJob', 'backup');
    expect(Object.keys(c.spec).sort()).toEqual(['concurrencyPolicy', 'jobTemplate', 'schedule', 'timeZone']);
    expect(c.spec).toMatchObject({ schedule: '0 3 * * *', timeZone: 'Europe/Berlin', concurrencyPolicy: 'Forbid' });
    expect(c.spec.jobTemplate.metadata.labels).toEqual(c.metadata.labels);
    expect(c.spec.jobTemplate.spec.selector).toBeUndefined();
    const pod = c.spec.jobTemplate.spec.template.spec;
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.containers[0].readinessProbe).toBeUndefined();
    expect(backup.apiObject.kind).toBe('CronJob');
    expect(backup.schedule).toBe('0 3 * * *');
    expect(CronJob.isCronJob(backup)).toBe(true);
    expect(Job.isJob(backup)).toBe(false);
  });

  test('every setting, as the API writes it', () => {
    const chart = newChart();
    new CronJob(chart, 'cleanup', {
      image: IMAGE, schedule: '@hourly', concurrencyPolicy: ConcurrencyPolicy.REPLACE, startingDeadline: Duration.minutes(5),
      successfulJobsHistoryLimit: 0, failedJobsHistoryLimit: 5, suspend: true,
      backoffLimit: 0, activeDeadline: Duration.minutes(50), ttlAfterFinished: Duration.seconds(0), restartPolicy: JobRestartPolicy.ON_FAILURE,
    });
    const c = find(synth(chart), 'CronJob');
    expect(c.spec).toMatchObject({
      schedule: '@hourly', concurrencyPolicy: 'Replace', startingDeadlineSeconds: 300, successfulJobsHistoryLimit: 0, failedJobsHistoryLimit: 5, suspend: true,
    });
    expect(c.spec.jobTemplate.spec).toMatchObject({ backoffLimit: 0, activeDeadlineSeconds: 3000, ttlSecondsAfterFinished: 0 });
    expect(c.spec.jobTemplate.spec.template.spec.restartPolicy).toBe('OnFailure');
  });

  test('the topology picture shows how each runs, and its connections', () => {
    const chart = newChart({ namespace: 'shop' });
    const db = new ExposedApp(chart, 'db', { image: 'ghcr.io/acme/db:1', port: 5432, replicas: 1 });
    new Job(chart, 'migrate', { image: IMAGE }).connectTo(db);
    new Job(chart, 'shards', { image: IMAGE, completions: 4 });
    new CronJob(chart, 'backup', { image: IMAGE, schedule: '0 3 * * *', timeZone: 'Europe/Berlin' }).connectTo(db);
    const picture = Topology.describe(chart);
    expect(picture).toContain('wl_shop_migrate["Job migrate<br/>runs to completion"]');
    expect(picture).toContain('wl_shop_shards["Job shards<br/>runs to 4 completions"]');
    expect(picture).toContain('wl_shop_backup["CronJob backup<br/>schedule 0 3 * * * (Europe/Berlin)"]');
    expect(picture).toContain('wl_shop_migrate -.->|"DB :5432"| svc_shop_db');
    expect(picture).toContain('wl_shop_backup -.->|"DB :5432"| svc_shop_db');
  });
});

describe('bad input', () => {
  // The cases, each with its exact message, are in the bad-input corpus (test/bad-inputs.ts, JOBS).
  test('the corpus covers Job and CronJob, typed and plain-JavaScript input', () => {
    const titles = BAD_INPUTS.filter((b) => b.construct === 'Job' || b.construct === 'CronJob').map((b) => b.title);
    expect(titles.length).toBeGreaterThanOrEqual(20);
    expect(titles).toEqual(expect.arrayContaining(['a hook on a CronJob (plain JS)', 'TZ in the schedule', 'a deadline of 0']));
  });
});

describe('one rule, written once: the constructs and the validator agree', () => {
  test('what the constructs write passes the validator, hooks and every setting included', () => {
    const chart = newChart();
    new Job(chart, 'migrate', { image: IMAGE, hook: GitOpsHook.ARGO_CD_PRE_SYNC, backoffLimit: 0, ttlAfterFinished: Duration.seconds(0) });
    new CronJob(chart, 'b'.repeat(52), { image: IMAGE, schedule: '*/15 9-17 * * MON-FRI', timeZone: 'America/Argentina/Buenos_Aires', startingDeadline: Duration.seconds(10) });
    expect(validateManifests(chart)).toEqual([]);
  });

  test('the validator refuses what the constructs refuse (shared rules), and accepts a deadline of 0 as the server does', () => {
    const cronJob = (spec: object, name = 'backup') => ({
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name },
      spec: { schedule: '0 3 * * *', ...spec, jobTemplate: { spec: { activeDeadlineSeconds: 0, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: IMAGE }] } } } } },
    });
    const messages = (m: object) => validateManifests([m as Manifest], { lints: false }).map((i) => `${i.path} ${i.message}`);
    expect(messages(cronJob({}))).toEqual([]);
    expect(messages(cronJob({ schedule: '0 3 * * * TZ' }))).toEqual([`/spec/schedule "0 3 * * * TZ" ${cronSchedule('0 3 * * * TZ')}`]);
    expect(messages(cronJob({ timeZone: 'europe/berlin' }))).toEqual([`/spec/timeZone "europe/berlin" ${cronTimeZone('europe/berlin')}`]);
    expect(messages(cronJob({}, 'b'.repeat(53)))[0]).toContain('is longer than 52 characters');
  });

  test('the shared schedule rule, as robfig/cron ParseStandard reads it', () => {
    for (const ok of ['0 3 * * *', '*/15 9-17 * * 1-5', '0 0 1 JAN,jul ?', '@daily', '@every 1h30m', ' 0 3 * * * ', '5/10 * * * SUN-SAT']) expect([ok, cronSchedule(ok)]).toEqual([ok, undefined]);
    for (const bad of ['', '0 3 * * * *', '@every', '@every 5', ' @daily', '0 24 * * *', '0 0 0 * *', '* * * * 7', '*/0 * * * *', '0 3 * * * TZ']) expect(cronSchedule(bad)).toBeDefined();
    for (const ok of ['UTC', 'Europe/Berlin', 'Etc/GMT+5', 'America/Argentina/Buenos_Aires']) expect([ok, cronTimeZone(ok)]).toEqual([ok, undefined]);
    for (const bad of ['', 'local', 'utc', 'Europe//Berlin', 'Europe/../etc', 'America/Argentina_Buenos_Aires_X']) expect(cronTimeZone(bad)).toBeDefined();
  });
});
