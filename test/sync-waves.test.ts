import { ApiObject } from 'cdk8s';
import { DeployedApp, ExposedApp, HeadlessGroup, PatternDefaults, PodSource, Service } from '../lib';
import { Manifest, newChart, synth } from './util';

const IMAGE = 'ghcr.io/acme/app:1.0';
const WAVE = 'argocd.argoproj.io/sync-wave';

/** `Kind/name` -> wave annotation (undefined when none). */
function waves(out: Manifest[]): { [object: string]: string | undefined } {
  return Object.fromEntries(out.map((m) => [`${m.kind}/${m.metadata.name}`, m.metadata.annotations?.[WAVE]]));
}

describe('Argo CD sync waves from the construct graph', () => {
  test('off by default: no object gets a wave', () => {
    const chart = newChart({ namespace: 'shop' });
    const db = new HeadlessGroup(chart, 'db', { image: IMAGE, port: 5432, replicas: 1 });
    new ExposedApp(chart, 'api', { image: IMAGE, replicas: 1 }).connectTo(db);
    expect(Object.values(waves(synth(chart))).every((w) => w === undefined)).toBe(true);
  });

  test('a consumer comes one wave after its provider, with every object it writes; wave 0 is not written', () => {
    const chart = newChart({ namespace: 'shop' });
    PatternDefaults.set(chart, { syncWaves: true });
    const db = new HeadlessGroup(chart, 'db', { image: IMAGE, port: 5432, replicas: 2 });
    const api = new ExposedApp(chart, 'api', { image: IMAGE, replicas: 2, networkPolicy: true });
    const web = new ExposedApp(chart, 'web', { image: IMAGE, replicas: 1 });
    const cron = new DeployedApp(chart, 'reports', { image: IMAGE, replicas: 1 });
    api.connectTo(db);
    web.connectTo(api);
    cron.connectTo(db);
    expect(waves(synth(chart))).toEqual({
      'Service/db': undefined, 'StatefulSet/db': undefined, 'PodDisruptionBudget/db': undefined,
      'Service/api': '1', 'Deployment/api': '1', 'PodDisruptionBudget/api': '1', 'NetworkPolicy/api': '1',
      'Service/web': '2', 'Deployment/web': '2',
      'Deployment/reports': '1',
    });
  });

  test('a Service over tracks comes after the tracks, and its clients after it; cycles share a wave', () => {
    const chart = newChart({ namespace: 'shop' });
    PatternDefaults.set(chart, { syncWaves: true });
    const ports = [{ name: 'http', containerPort: 8080 }];
    const stable = new DeployedApp(chart, 'api-stable', { image: IMAGE, replicas: 1, extraPorts: ports, labels: { app: 'api' } });
    const canary = new DeployedApp(chart, 'api-canary', { image: IMAGE, replicas: 1, extraPorts: ports, labels: { app: 'api' } });
    const api = new Service(chart, 'api', { pods: PodSource.fromTracks(chart, [stable, canary], { app: 'api' }) });
    const web = new ExposedApp(chart, 'web', { image: IMAGE, replicas: 1 });
    web.connectTo(api);
    const a = new ExposedApp(chart, 'a', { image: IMAGE, replicas: 1 });
    const b = new ExposedApp(chart, 'b', { image: IMAGE, replicas: 1 });
    a.connectTo(b);
    b.connectTo(a);
    web.connectTo(a);
    const w = waves(synth(chart));
    expect([w['Deployment/api-stable'], w['Deployment/api-canary'], w['Service/api'], w['Deployment/web']]).toEqual([undefined, undefined, '1', '2']);
    expect([w['Deployment/a'], w['Deployment/b']]).toEqual([undefined, undefined]);
  });

  test('cdk8s dependencies count; an annotation the user wrote wins; waves follow later connections', () => {
    const chart = newChart({ namespace: 'shop' });
    PatternDefaults.set(chart, { syncWaves: true });
    const config = new ApiObject(chart, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { a: '1' } });
    const app = new ExposedApp(chart, 'app', { image: IMAGE, replicas: 1, serviceAnnotations: { [WAVE]: '-5' } });
    app.node.addDependency(config);
    const before = waves(synth(chart));
    expect(before['ConfigMap/settings']).toBeUndefined();
    expect(before['Deployment/app']).toBe('1');
    expect(before['Service/app']).toBe('-5');
    // A new object makes earlier waves stale: they are computed again.
    const later = new ExposedApp(chart, 'later', { image: IMAGE, replicas: 1 });
    later.connectTo(app);
    expect(waves(synth(chart))['Deployment/later']).toBe('2');
  });
});
