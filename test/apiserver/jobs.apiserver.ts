// Job and CronJob against the real API server. Whatever the constructs accept, the server accepts
// (dry-run apply, values unchanged), over random pod and run configurations; and what the shared
// rules (lib/core/cron.ts) refuse, the server refuses too, and what they accept it accepts. The
// oracle is the server, not our code.
import { Duration } from 'cdk8s';
import fc from 'fast-check';
import { ConcurrencyPolicy, CronJob, ExposedApp, GitOpsHook, Job } from '../../lib';
import { cronSchedule, cronTimeZone } from '../../lib/core/cron';
import { ServicePatternsError } from '../../lib/core/errors';
import { CRONJOB, JOB } from '../validation-corpus';
import { jobSettings, podProps, workload } from '../configurations';
import { dryRunApply, manifestsOf } from './apply';
import { KubeClient, type Manifest } from './client';

const client = KubeClient.fromEnvironment();
const RUNS = { numRuns: 30, seed: 20261205 };
const NAMESPACE = 'jobs';

beforeAll(async () => {
  await client.createNamespace(NAMESPACE);
});

const hook = fc.option(fc.constantFrom(...Object.values(GitOpsHook)), { nil: undefined });

test('Job: every configuration the construct accepts, the server accepts', async () => {
  await fc.assert(fc.asyncProperty(workload, jobSettings, hook, fc.boolean(), async (w, settings, h, policy) => {
    const manifests = manifestsOf((chart) => {
      const db = new ExposedApp(chart, 'db', { image: 'ghcr.io/acme/db:1', port: 5432, replicas: 1, networkPolicy: policy });
      const job = new Job(chart, `job-${w.name}`, { ...podProps(w), ...settings, hook: h, networkPolicy: policy });
      job.connectTo(db);
    });
    expect(await dryRunApply(client, manifests)).toEqual([]);
  }), RUNS);
});

const schedules = fc.constantFrom('0 3 * * *', '*/15 9-17 * * MON-FRI', '@daily', '@every 1h30m', '0 0 1 jan,jul ?', '5/10 * * * SUN-SAT');
const zones = fc.option(fc.constantFrom('UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5', 'Asia/Kolkata'), { nil: undefined });

test('CronJob: every configuration the construct accepts, the server accepts', async () => {
  await fc.assert(fc.asyncProperty(
    workload, jobSettings, schedules, zones,
    fc.record({
      concurrencyPolicy: fc.option(fc.constantFrom(...Object.values(ConcurrencyPolicy)), { nil: undefined }),
      startingDeadline: fc.option(fc.constantFrom(Duration.seconds(10), Duration.minutes(30)), { nil: undefined }),
      successfulJobsHistoryLimit: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
      failedJobsHistoryLimit: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
      suspend: fc.option(fc.boolean(), { nil: undefined }),
    }, { requiredKeys: [] }),
    async (w, settings, schedule, timeZone, cron) => {
      const manifests = manifestsOf((chart) => {
        // The longest name a CronJob may have.
        new CronJob(chart, `c${w.name}`.padEnd(52, 'x'), { ...podProps(w), ...settings, ...cron, schedule, timeZone });
      });
      expect(await dryRunApply(client, manifests)).toEqual([]);
    }), RUNS);
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- hand edits of manifest JSON
type Json = any;
/** A copy of `base` changed by `edit`. */
const mutate = (base: object, edit: (m: Json) => void): Manifest => {
  const m = JSON.parse(JSON.stringify(base)) as Json;
  edit(m);
  return m as Manifest;
};
const create = (m: Manifest) => client.create(m, { dryRun: true, namespace: NAMESPACE });
const cronJob = (spec: object, name = 'nightly') => mutate(CRONJOB, (m) => { m.metadata.name = name; Object.assign(m.spec, spec); });
const job = (spec: object) => mutate(JOB, (m) => { Object.assign(m.spec, spec); });

/** Schedules built from cron tokens, right and wrong, to compare our verdict with the server's. */
const token = fc.constantFrom('*', '?', '0', '5', '7', '12', '23', '24', '31', '59', '60', '1-5', '5-1', '*/15', '*/0', '1,2', 'MON', 'jan', 'SUN-SAT', 'x', 'L', '1/5', '');
const schedule = fc.oneof(
  fc.array(token, { minLength: 3, maxLength: 7 }).map((t) => t.join(' ')),
  fc.constantFrom('@daily', '@annually', '@every 5m', '@every 1h30m', '@every', '@every 5', '@often', ' @daily', 'TZ=UTC 0 3 * * *', '0 3 * * * TZ', 'CRON_TZ=Europe/Berlin @daily'),
);

test('schedules: the shared rule says what the server says, for random cron text', async () => {
  const seen = { accepted: 0, refused: 0 };
  await fc.assert(fc.asyncProperty(schedule, async (s) => {
    const res = await create(cronJob({ schedule: s }));
    const ours = s === '' ? 'is required' : cronSchedule(s);
    expect([s, res.status === 201]).toEqual([s, ours === undefined]);
    seen[res.status === 201 ? 'accepted' : 'refused']++;
  }), { numRuns: 150, seed: 20261205 });
  // Both verdicts were exercised.
  expect(Math.min(seen.accepted, seen.refused)).toBeGreaterThan(10);
});

test('time zones: the shared rule says what the server says', async () => {
  const zonesToTry = ['UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5', 'Asia/Calcutta', 'GMT', 'EST5EDT',
    '', 'Local', 'local', 'utc', 'europe/berlin', 'Mars/Olympus', '+01:00', 'Europe//Berlin', 'Europe/../Berlin', '-Europe/Berlin', 'America/Argentina_Buenos_Aires_X'];
  const disagreements: string[] = [];
  for (const tz of zonesToTry) {
    const server = (await create(cronJob({ timeZone: tz }))).status === 201;
    const rule = cronTimeZone(tz) === undefined;
    if (server !== rule) disagreements.push(`${JSON.stringify(tz)}: server ${server ? 'accepts' : 'refuses'}, rule ${rule ? 'accepts' : 'refuses'}`);
  }
  expect(disagreements).toEqual([]);
});

test('what the constructs refuse as the API server does, the server refuses', async () => {
  const refused: Array<[string, Manifest]> = [
    ['a CronJob name of 53 characters', cronJob({}, 'b'.repeat(53))],
    ['a negative backoffLimit', job({ backoffLimit: -1 })],
    ['negative completions', job({ completions: -1 })],
    ['negative parallelism', job({ parallelism: -1 })],
    ['a negative ttlSecondsAfterFinished', job({ ttlSecondsAfterFinished: -1 })],
    ['a negative activeDeadlineSeconds', job({ activeDeadlineSeconds: -1 })],
    ['restartPolicy Always', mutate(JOB, (m) => { m.spec.template.spec.restartPolicy = 'Always'; })],
    ['a negative startingDeadlineSeconds', cronJob({ startingDeadlineSeconds: -1 })],
    ['a negative successfulJobsHistoryLimit', cronJob({ successfulJobsHistoryLimit: -1 })],
    ['concurrencyPolicy in lower case', cronJob({ concurrencyPolicy: 'forbid' })],
  ];
  const accepted: string[] = [];
  for (const [title, m] of refused) if ((await create(m)).status < 400) accepted.push(title);
  expect(accepted).toEqual([]);
});

test('what the constructs refuse beyond the server (useless, not invalid), the server accepts: a deadline of 0, a starting deadline under 10 seconds', async () => {
  for (const m of [job({ activeDeadlineSeconds: 0 }), cronJob({ startingDeadlineSeconds: 5 })]) {
    const res = await create(m);
    expect([res.status, res.message]).toEqual([201, '']);
  }
  expect(() => manifestsOf((chart) => { new Job(chart, 'j', { image: 'x:1', activeDeadline: Duration.seconds(0) }); })).toThrow(ServicePatternsError);
  expect(() => manifestsOf((chart) => { new CronJob(chart, 'c', { image: 'x:1', schedule: '@daily', startingDeadline: Duration.seconds(5) }); })).toThrow(ServicePatternsError);
});
