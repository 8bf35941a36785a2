// connectTo into init containers and sidecars, and clients whose pods this library did not write.
import * as kplus from 'cdk8s-plus-27';
import { ExposedApp, HeadlessGroup, PodConnections, PodSource, Topology } from '../lib';
import { find, Manifest, newChart, synth } from './util';

const IMAGE = 'ghcr.io/acme/app:1.0';

function envOf(container: { env?: Array<{ name: string; value?: string }> }): { [k: string]: string | undefined } {
  return Object.fromEntries((container.env ?? []).map((e) => [e.name, e.value]));
}

function podSpec(out: Manifest[], name: string) {
  return find(out, 'Deployment', name).spec.template.spec;
}

describe('connectTo reaches the containers it is told to', () => {
  test('a migration init container and a sidecar get the database host; by default only the main container', () => {
    const chart = newChart({ namespace: 'shop' });
    const db = new HeadlessGroup(chart, 'postgres', { image: 'postgres:16', port: 5432, replicas: 1, runAsUser: 999 });
    const cache = new ExposedApp(chart, 'redis', { image: 'redis:7', port: 6379, replicas: 1, runAsUser: 999 });
    const api = new ExposedApp(chart, 'api', {
      image: IMAGE, replicas: 1,
      initContainers: [{ name: 'migrate', image: IMAGE, args: ['migrate'] }],
      sidecars: [{ name: 'shipper', image: 'ghcr.io/acme/shipper:1' }],
    });
    api.connectTo(db, { containers: ['api', 'migrate'] });
    api.connectTo(cache);
    const spec = podSpec(synth(chart), 'api');
    const [migrate, shipper] = spec.initContainers;
    expect(envOf(migrate)).toEqual({ POSTGRES_HOST: 'postgres.shop.svc.cluster.local', POSTGRES_PORT: '5432', POSTGRES_URL: 'postgres://postgres.shop.svc.cluster.local:5432' });
    expect(envOf(spec.containers[0])).toMatchObject({ POSTGRES_HOST: 'postgres.shop.svc.cluster.local', REDIS_HOST: 'redis.shop.svc.cluster.local' });
    expect(envOf(migrate).REDIS_HOST).toBeUndefined();
    expect(shipper.env).toBeUndefined();
  });

  test('a container that is not there, listed twice, or whose variable is taken: one error naming each', () => {
    const chart = newChart({ namespace: 'shop' });
    const db = new ExposedApp(chart, 'db', { image: IMAGE, port: 5432, replicas: 1 });
    const api = new ExposedApp(chart, 'api', {
      image: IMAGE, replicas: 1,
      initContainers: [{ name: 'migrate', image: IMAGE, env: { DB_HOST: 'elsewhere' } }],
    });
    expect(() => api.connectTo(db, { containers: ['migrate', 'migrate', 'worker'] })).toThrow(
      'connectTo "test/db" sets DB_HOST in container "migrate", which is already set by env: pass another prefix');
    expect(() => api.connectTo(db, { containers: ['api', 'api'] })).toThrow('connectTo.containers[1] "api" is listed twice');
    expect(() => api.connectTo(db, { containers: ['worker'] })).toThrow('connectTo.containers[0] "worker" is not a container of these pods (containers: api, migrate)');
    expect(() => api.connectTo(db, { containers: [] })).toThrow('connectTo.containers [] must name at least one container');
    // Nothing was recorded by the refused calls: the main container still takes the variables.
    expect(api.connectTo(db)).toEqual({ DB_HOST: 'db.shop.svc.cluster.local', DB_PORT: '5432', DB_URL: 'postgres://db.shop.svc.cluster.local:5432' });
  });
});

describe('clients whose pods this library did not write', () => {
  test('pods known by labels and a cdk8s-plus Deployment: the provider\'s NetworkPolicy admits them', () => {
    const chart = newChart({ namespace: 'shop' });
    const db = new ExposedApp(chart, 'db', { image: IMAGE, port: 5432, replicas: 1, networkPolicy: true });
    const legacy = PodSource.fromLabels({ app: 'legacy-report' });
    expect(PodConnections.connect(chart, legacy, db)).toEqual({ DB_HOST: 'db.shop.svc.cluster.local', DB_PORT: '5432', DB_URL: 'postgres://db.shop.svc.cluster.local:5432' });
    const plus = new kplus.Deployment(chart, 'worker', { containers: [{ image: IMAGE, securityContext: { ensureNonRoot: false } }] });
    PodConnections.connect(plus, PodSource.fromPlusWorkload(plus), db, { prefix: 'DATABASE' });
    const out = synth(chart);
    const ingress = find(out, 'NetworkPolicy', 'db').spec.ingress;
    expect(ingress).toContainEqual({ from: [{ podSelector: { matchLabels: { app: 'legacy-report' } } }], ports: [{ port: 5432 }] });
    expect(ingress).toContainEqual({ from: [{ podSelector: { matchLabels: plus.matchLabels } }], ports: [{ port: 5432 }] });
  });

  test('in another namespace, the peer names it; a pattern of this library is wired with its own connectTo', () => {
    const chart = newChart({ namespace: 'shop' });
    const db = new ExposedApp(chart, 'db', { image: IMAGE, port: 5432, replicas: 1, networkPolicy: true });
    PodConnections.connect(chart, PodSource.fromLabels({ app: 'bi' }, { namespace: 'analytics' }), db);
    const api = new ExposedApp(chart, 'api', { image: IMAGE, replicas: 1 });
    PodConnections.connect(chart, api, db);
    const out = synth(chart);
    expect(find(out, 'NetworkPolicy', 'db').spec.ingress).toContainEqual({
      from: [{ podSelector: { matchLabels: { app: 'bi' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'analytics' } } }],
      ports: [{ port: 5432 }],
    });
    expect(envOf(podSpec(out, 'api').containers[0]).DB_HOST).toBe('db.shop.svc.cluster.local');
  });

  test('they appear in the topology picture, with a dashed edge to what they reach', () => {
    const chart = newChart({ namespace: 'shop' });
    const db = new ExposedApp(chart, 'db', { image: IMAGE, port: 5432, replicas: 1 });
    const plus = new kplus.Deployment(chart, 'worker', { containers: [{ image: IMAGE, securityContext: { ensureNonRoot: false } }] });
    PodConnections.connect(plus, PodSource.fromPlusWorkload(plus), db, { prefix: 'DATABASE' });
    PodConnections.connect(chart, PodSource.fromLabels({ app: 'bi' }, { namespace: 'analytics' }), db);
    const picture = Topology.describe(chart);
    const plusPods = Object.entries(plus.matchLabels).map(([k, v]) => `${k}=${v}`).join(', ');
    expect(picture).toContain(`["pods ${plusPods}"]`);
    expect(picture).toMatch(/pods_shop_\S+ -\.->\|"DATABASE :5432"\| svc_shop_db/);
    expect(picture).toContain('subgraph ns_analytics ["namespace analytics"]\n    pods_analytics_app_bi["pods app=bi"]');
    expect(picture).toContain('pods_analytics_app_bi -.->|"DB :5432"| svc_shop_db');
    // Drawn with the construct they were connected for: a picture of another scope leaves them out.
    expect(Topology.describe(db)).not.toContain('pods');
  });

  test('bad input: containers for foreign pods, a source without a selector', () => {
    const chart = newChart({ namespace: 'shop' });
    const db = new ExposedApp(chart, 'db', { image: IMAGE, port: 5432, replicas: 1 });
    expect(() => PodConnections.connect(chart, PodSource.fromLabels({ app: 'x' }), db, { containers: ['main'] })).toThrow(
      "PodConnections 'test': options.containers [\"main\"] can only be used with pods this library writes");
    expect(() => PodConnections.connect(chart, PodSource.fromLabels({}), db)).toThrow('pods');
  });
});
