// The library's objects render their JSON themselves when cdk8s's general resolution would change
// nothing but Lazy values (lib/core/api-object.ts). Whatever they write must be what cdk8s's own
// ApiObject.toJson writes for the same object, key order included.
import { ApiObject, App, Chart, IResolver, JsonPatch, Lazy, ResolutionContext } from 'cdk8s';
import fc from 'fast-check';
import { ExposedApp, HeadlessGroup, PodSecurity, Protocol, ServiceType, Volume } from '../lib';
import { PatternObject } from '../lib/core/api-object';
import { MAX_OBJECT_BYTES } from '../lib/core/pod-values';
import { referencesOf } from '../lib/core/references';
import { addSyncWave } from '../lib/core/sync-wave-hook';
import { buildExamples } from '../apps/examples';
import { exposedAppProps, workload } from './configurations';

// What cdk8s writes, plus the sync wave the library adds where waves are on (the shop example).
const cdk8sJson = (o: ApiObject): unknown => {
  const json = ApiObject.prototype.toJson.call(o);
  addSyncWave(o, json);
  return json;
};

// cdk8s's ApiObject answers instanceof for any ApiObject, so the class is compared instead.
function patternObjects(app: App): PatternObject[] {
  return app.charts.flatMap((c) => c.node.findAll()).filter((o): o is PatternObject => o.constructor === PatternObject);
}

function expectSameAsCdk8s(app: App): number {
  const objects = patternObjects(app);
  for (const o of objects) expect(JSON.stringify(o.toJson())).toBe(JSON.stringify(cdk8sJson(o)));
  return objects.length;
}

const IMAGE = 'ghcr.io/acme/web:1.0';

describe('the JSON of the library objects', () => {
  test('is what cdk8s writes, for every example', () => {
    expect(expectSameAsCdk8s(buildExamples(new App()))).toBeGreaterThan(50);
  });

  test('is what cdk8s writes, for random workload configurations', () => {
    fc.assert(fc.property(workload, fc.boolean(), (w, headless) => {
      const app = new App();
      const chart = new Chart(app, 'c', { namespace: 'shop' });
      if (headless) {
        const { containerPort: _ignored, ...props } = exposedAppProps(w);
        new HeadlessGroup(chart, w.name, props);
      } else {
        const tcp = w.protocol === Protocol.TCP;
        new ExposedApp(chart, w.name, { ...exposedAppProps(w), serviceType: ServiceType.NODE_PORT, ingress: tcp ? { host: 'shop.example.com' } : undefined });
      }
      expect(expectSameAsCdk8s(app)).toBeGreaterThan(1);
    }), { numRuns: 60, seed: 20261130 });
  });

  test('produces Lazy values and resolvable values in user data', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    new ExposedApp(chart, 'web', {
      image: IMAGE,
      podSecurity: PodSecurity.PRIVILEGED,
      volumes: [Volume.fromSource('cache', 'nfs', { server: Lazy.any({ produce: () => 'nfs.example.com' }), path: { resolve: () => '/exports' } })],
      volumeMounts: [{ volume: 'cache', mountPath: '/cache' }],
    });
    expect(expectSameAsCdk8s(app)).toBeGreaterThan(1);
    const deployment = patternObjects(app).find((o) => o.kind === 'Deployment')!.toJson();
    expect(deployment.spec.template.spec.volumes).toEqual([{ name: 'cache', nfs: { path: '/exports', server: 'nfs.example.com' } }]);
  });

  test('goes through resolvers of the app', () => {
    class Upper implements IResolver {
      public resolve(context: ResolutionContext): void {
        if (context.value === 'web') context.replaceValue('WEB');
      }
    }
    const app = new App({ resolvers: [new Upper()] });
    new ExposedApp(new Chart(app, 'c'), 'web', { image: IMAGE });
    const service = patternObjects(app).find((o) => o.kind === 'Service')!.toJson();
    expect(service.metadata.name).toBe('WEB');
    expect(expectSameAsCdk8s(app)).toBeGreaterThan(1);
  });

  test('writes metadata changed through the handles as cdk8s does (empty lists and maps left out)', () => {
    const app = new App();
    const web = new ExposedApp(new Chart(app, 'c', { namespace: 'shop' }), 'web', { image: IMAGE, serviceAnnotations: { 'example.com/a': 'b' } });
    web.deployment.metadata.addLabel('tier', 'front');
    web.deployment.metadata.addAnnotation('example.com/owner', 'team-a');
    web.deployment.metadata.addFinalizers('example.com/keep');
    web.deployment.metadata.addOwnerReference({ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: '42' });
    web.deployment.metadata.add('generateName', 'web-');
    web.service.metadata.add('extra', { empty: {}, list: [] });
    expect(expectSameAsCdk8s(app)).toBeGreaterThan(1);
    const deployment = web.deployment.toJson();
    expect(deployment.metadata.finalizers).toEqual(['example.com/keep']);
    expect(deployment.metadata.generateName).toBe('web-');
    expect(web.service.toJson().metadata.extra).toBeUndefined();
  });

  test('carries JSON patches', () => {
    const app = new App();
    const web = new ExposedApp(new Chart(app, 'c'), 'web', { image: IMAGE });
    web.deployment.addJsonPatch(JsonPatch.add('/spec/revisionHistoryLimit', 3));
    expect(web.deployment.toJson().spec.revisionHistoryLimit).toBe(3);
    expect(expectSameAsCdk8s(app)).toBeGreaterThan(1);
  });

  test('keeps the written order when CDK8S_DISABLE_SORT is set, as cdk8s does', () => {
    process.env.CDK8S_DISABLE_SORT = '1';
    try {
      const app = new App();
      new ExposedApp(new Chart(app, 'c'), 'web', { image: IMAGE });
      expectSameAsCdk8s(app);
      const deployment = patternObjects(app).find((o) => o.kind === 'Deployment')!.toJson();
      const keys = Object.keys(deployment.spec.template.spec);
      expect(keys).not.toEqual([...keys].sort());
    } finally {
      delete process.env.CDK8S_DISABLE_SORT;
    }
  });

  test('gives the note of references what the written object refers to, for every example', () => {
    const objects = patternObjects(buildExamples(new App()));
    for (const o of objects) expect(referencesOf(o._referenceJson())).toEqual(referencesOf(o.toJson()));
    expect(objects.filter((o) => referencesOf(o.toJson()).length > 0).length).toBeGreaterThan(10);
  });

  test('refuses a class instance in user data with cdk8s\'s error', () => {
    const app = new App();
    new ExposedApp(new Chart(app, 'c'), 'web', {
      image: IMAGE,
      podSecurity: PodSecurity.PRIVILEGED,
      volumes: [Volume.fromSource('cache', 'nfs', { server: new Date(0), path: '/exports' })],
      volumeMounts: [{ volume: 'cache', mountPath: '/cache' }],
    });
    const deployment = patternObjects(app).find((o) => o.kind === 'Deployment')!;
    expect(() => deployment.toJson()).toThrow(/can't render non-simple object of type 'Date'/);
  });
});

describe('the object size limit', () => {
  // The check bounds an object's size by a cheap walk and serializes only an object whose bound
  // is over the limit: objects at the limit are measured exactly, whatever characters they hold.
  const configMap = (value: string) => new PatternObject(new Chart(new App(), 'c'), 'o', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'o' }, data: { v: value } });
  const bytes = (json: unknown) => Buffer.byteLength(JSON.stringify(json));

  test.each(['x', '\u0001', '"', 'é', '€', '😀', '\ud800'])('is exact for values of %j', (ch) => {
    const room = MAX_OBJECT_BYTES - bytes(configMap('').toJson());
    const unit = bytes(ch) - 2;
    const value = ch.repeat(Math.floor(room / unit)) + 'x'.repeat(room % unit);
    expect(bytes(configMap(value).toJson())).toBe(MAX_OBJECT_BYTES);
    expect(() => configMap(`${value}x`).toJson()).toThrow(/is 1\.5 MiB as JSON, more than the 1\.5 MiB \(1572864 bytes\)/);
  });
});
