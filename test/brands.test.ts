// Two copies of this package in one app (say a shared library pins one version and the app another)
// must recognise each other's constructs and share the app's state: brands and shared maps, not
// instanceof and module-level variables. jest.isolateModules loads the second copy; cdk8s and
// constructs stay single, as npm would install them.
import * as cdk8s from 'cdk8s';
import * as constructs from 'constructs';
import { CronJob, Errors, ExposedApp, HeadlessGroup, Job, PatternDefaults, Topology } from '../lib';
import { newChart, synth, find } from './util';

type Lib = typeof import('../lib');
let other: Lib;
jest.isolateModules(() => {
  jest.doMock('cdk8s', () => cdk8s);
  jest.doMock('constructs', () => constructs);
  other = require('../lib') as Lib;
});

const IMAGE = 'ghcr.io/acme/web:1.0';

test('the second copy is another copy: instanceof cannot tell, the brand checks can', () => {
  const chart = newChart();
  const web = new other.ExposedApp(chart, 'web', { image: IMAGE });
  const db = new other.HeadlessGroup(chart, 'db', { image: IMAGE, port: 5432 });
  expect(other.ExposedApp).not.toBe(ExposedApp);
  expect(web instanceof ExposedApp).toBe(false);
  expect([ExposedApp.isExposedApp(web), HeadlessGroup.isHeadlessGroup(db), ExposedApp.isExposedApp(db), ExposedApp.isExposedApp({})]).toEqual([true, true, false, false]);
});

test('Jobs and CronJobs of the other copy are recognised by their brands', () => {
  const chart = newChart();
  const job = new other.Job(chart, 'migrate', { image: IMAGE });
  const cron = new other.CronJob(chart, 'backup', { image: IMAGE, schedule: '@daily' });
  expect([Job.isJob(job), CronJob.isCronJob(cron), Job.isJob(cron), CronJob.isCronJob(job), Job.isJob(undefined)]).toEqual([true, true, false, false, false]);
});

test('errors of either copy are recognised', () => {
  let thrown: unknown;
  try {
    new other.ExposedApp(newChart(), 'web', { image: IMAGE, port: 70000 });
  } catch (e) {
    thrown = e;
  }
  expect(Errors.isServicePatternsError(thrown)).toBe(true);
  expect(Errors.isServicePatternsError(new Error('x'))).toBe(false);
});

test('defaults, name claims and connections are shared between the copies', () => {
  const chart = newChart();
  PatternDefaults.set(chart, { replicas: 4 });
  const db = new other.HeadlessGroup(chart, 'db', { image: IMAGE, port: 5432 });
  const web = new ExposedApp(chart, 'web', { image: IMAGE });
  expect(web.connectTo(db)).toEqual({ DB_HOST: 'db', DB_PORT: '5432', DB_URL: 'postgres://db:5432' });
  expect(find(synth(chart), 'StatefulSet', 'db').spec.replicas).toBe(4);
  expect(() => new other.ExposedApp(chart, 'web2', { image: IMAGE, workloadName: 'web' })).toThrow("workloadName \"web\" clashes with 'test/web'");
});

test('the topology picture of one copy shows the constructs of the other', () => {
  const chart = newChart();
  const web = new other.ExposedApp(chart, 'web', { image: IMAGE });
  web.connectTo(new other.HeadlessGroup(chart, 'db', { image: IMAGE, port: 5432 }));
  const picture = Topology.describe(chart);
  expect(picture).toContain('web');
  expect(picture).toContain('db');
});
