import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiObject, App, Chart, Size, Testing } from 'cdk8s';
import {
  EnvFrom, EnvValue, Errors, ExposedApp, ExternalReferences, FastApp, Gateway, GatewayRef, HeadlessGroup, IngressRouter, ListenerProtocol,
  CronJob, Job, PathType, PodSecurity, Topology, Volume,
} from '../lib';
import { buildExamples } from '../apps/examples';

const IMAGE = 'ghcr.io/example/web:1.0';
const short = (scope: Parameters<typeof ExternalReferences.of>[0]) =>
  ExternalReferences.of(scope).map((r) => `${r.kind} ${r.namespace ?? '-'}/${r.name} <- ${r.referencedBy} ${r.field}`);

describe('ExternalReferences.of', () => {
  test('names what the pods read and where, minus what the app defines in any chart', () => {
    const app = Testing.app();
    const config = new Chart(app, 'config', { namespace: 'shop' });
    new ApiObject(config, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { a: 'b' } });
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    new ExposedApp(chart, 'web', {
      image: IMAGE,
      envValues: {
        DB_PASSWORD: EnvValue.fromSecret('db', 'password'),
        MODE: EnvValue.fromConfigMap('settings', 'mode'),
        TOKEN: EnvValue.fromSecret('maybe', 'token', { optional: true }),
      },
      envFrom: [EnvFrom.fromConfigMap('flags')],
      volumes: [Volume.fromPersistentVolumeClaim('data', 'uploads'), Volume.fromSecret('certs', 'certs')],
      volumeMounts: [{ volume: 'data', mountPath: '/data' }, { volume: 'certs', mountPath: '/certs' }],
      serviceAccountName: 'web',
      imagePullSecrets: ['registry'],
      runtimeClassName: 'gvisor',
      nodeSelector: { 'disk': 'ssd' },
    });
    expect(short(app)).toEqual([
      'Secret shop/db <- shop/web/Deployment /spec/template/spec/containers/0/env/0/valueFrom/secretKeyRef/name',
      'ConfigMap shop/flags <- shop/web/Deployment /spec/template/spec/containers/0/envFrom/0/configMapRef/name',
      'PersistentVolumeClaim shop/uploads <- shop/web/Deployment /spec/template/spec/volumes/0/persistentVolumeClaim/claimName',
      'Secret shop/certs <- shop/web/Deployment /spec/template/spec/volumes/1/secret/secretName',
      'Secret shop/registry <- shop/web/Deployment /spec/template/spec/imagePullSecrets/0/name',
      'ServiceAccount shop/web <- shop/web/Deployment /spec/template/spec/serviceAccountName',
      'RuntimeClass -/gvisor <- shop/web/Deployment /spec/template/spec/runtimeClassName',
      'NodeLabel -/disk=ssd <- shop/web/Deployment /spec/template/spec/nodeSelector/disk',
    ]);
    // A scope lists the references of its own objects, against the definitions of the whole app.
    expect(ExternalReferences.of(config)).toEqual([]);
    expect(ExternalReferences.of(chart)).toHaveLength(8);
  });

  test('a StatefulSet\'s volume claim templates are created by the controller, so they are not listed', () => {
    const chart = new Chart(Testing.app(), 'db', { namespace: 'data' });
    new HeadlessGroup(chart, 'pg', {
      image: 'postgres:17', port: 5432, podSecurity: PodSecurity.BASELINE,
      volumeClaims: [{ name: 'data', storage: Size.gibibytes(1), mountPath: '/var/lib/postgresql/data' }],
    });
    expect(ExternalReferences.of(chart)).toEqual([]);
  });

  test('Ingress class and certificate, Gateway class and certificates, and the Gateway a route attaches to', () => {
    const app = Testing.app();
    const infra = new Chart(app, 'infra', { namespace: 'infra' });
    new Gateway(infra, 'public', {
      gatewayClassName: 'eg',
      listeners: [{ name: 'https', port: 443, protocol: ListenerProtocol.HTTPS, hostname: 'shop.example.com', tlsSecretName: 'shop-tls' }],
    });
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    new ExposedApp(chart, 'web', { image: IMAGE, ingress: { ingressClassName: 'nginx', host: 'www.example.com', tls: { secretName: 'www-tls' } } });
    new ExposedApp(chart, 'api', { image: IMAGE, route: { gateway: GatewayRef.fromName(chart, 'gw', 'public', { namespace: 'infra' }) } });
    new ExposedApp(chart, 'old', { image: IMAGE, route: { gateway: GatewayRef.fromName(chart, 'gone', 'retired') } });
    expect(short(app)).toEqual([
      'GatewayClass -/eg <- infra/public/Resource /spec/gatewayClassName',
      'Secret infra/shop-tls <- infra/public/Resource /spec/listeners/0/tls/certificateRefs/0/name',
      'IngressClass -/nginx <- shop/web/Ingress /spec/ingressClassName',
      'Secret shop/www-tls <- shop/web/Ingress /spec/tls/0/secretName',
      'Gateway shop/retired <- shop/old/HTTPRoute /spec/parentRefs/0/name',
    ]);
  });

  test('the objects an Ingress routes to as resource backends, unless the app defines them', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'files', { namespace: 'files' });
    new IngressRouter(chart, 'assets', {
      defaultResourceBackend: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'static-assets' },
      routes: [
        { path: '/icons', pathType: PathType.IMPLEMENTATION_SPECIFIC, resource: { kind: 'ConfigMap', name: 'icons' } },
        { path: '/logo', pathType: PathType.IMPLEMENTATION_SPECIFIC, resource: { kind: 'ConfigMap', name: 'logo' } },
      ],
    });
    new ApiObject(chart, 'logo', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'logo' }, data: { 'logo.svg': '<svg/>' } });
    expect(short(app)).toEqual([
      'StorageBucket.k8s.example.com files/static-assets <- files/assets/Resource /spec/defaultBackend/resource/name',
      'ConfigMap files/icons <- files/assets/Resource /spec/rules/0/http/paths/0/backend/resource/name',
    ]);
  });

  test('a bad scope is refused with the library\'s error', () => {
    let error: unknown;
    try {
      ExternalReferences.of({} as never);
    } catch (e) {
      error = e;
    }
    expect(Errors.isServicePatternsError(error)).toBe(true);
  });
});

describe('the topology picture', () => {
  test('shows what the workloads and routes need from the cluster', () => {
    const chart = new Chart(new App({ outdir: 'unused' }), 'shop', { namespace: 'shop' });
    new ExposedApp(chart, 'web', {
      image: IMAGE,
      envValues: { DB_PASSWORD: EnvValue.fromSecret('db', 'password') },
      ingress: { ingressClassName: 'nginx', host: 'www.example.com' },
    });
    const picture = Topology.describe(chart);
    expect(picture).toContain('needs_shop_Secret_db[("needs Secret db")]');
    expect(picture).toContain('needs__IngressClass_nginx[("needs IngressClass nginx")]');
    expect(picture).toContain('wl_shop_web -.-> needs_shop_Secret_db');
    expect(picture).toContain('ing_shop_web -.-> needs__IngressClass_nginx');
  });
});

describe('the note at synth', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'notes-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));
  /** The `[NOTE]` lines `run` writes to stderr. */
  const notes = (run: () => void): string[] => {
    const lines: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      run();
    } finally {
      spy.mockRestore();
    }
    return lines.filter((l) => l.startsWith('[NOTE]'));
  };

  test('one line per app, at synth, naming what ExternalReferences lists, for App and FastApp', () => {
    for (const [i, make] of [() => new App({ outdir }), () => new FastApp({ outdir })].entries()) {
      const app = buildExamples(make());
      // A different Secret each time: the same line is printed once per process.
      new ExposedApp(app.charts[0], `extra${i}`, { image: IMAGE, envValues: { X: EnvValue.fromSecret(`extra${i}`, 'x') } });
      const expected = [...new Set(ExternalReferences.of(app).map((r) => (r.namespace === undefined ? `${r.kind} ${r.name}` : `${r.kind} ${r.namespace}/${r.name}`)))];
      const lines = notes(() => app.synth());
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`these ${expected.length} objects`);
      // The line names the first ten, then says how many more.
      const named = expected.length > 10 ? `${expected.slice(0, 10).join(', ')} and ${expected.length - 10} more` : expected.join(', ');
      expect(lines[0]).toContain(`: ${named} (ExternalReferences.of(app)`);
    }
  });

  test('one short line for a large app: ten names and a count', () => {
    const app = new App({ outdir });
    const chart = new Chart(app, 'large', { namespace: 'large' });
    for (let i = 0; i < 30; i++) new ExposedApp(chart, `app${i}`, { image: IMAGE, envValues: { P: EnvValue.fromSecret(`secret${i}`, 'p') } });
    const lines = notes(() => app.synth());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('these 30 objects, which the app does not define: Secret large/secret0, Secret large/secret1,');
    expect(lines[0]).toContain('Secret large/secret9 and 20 more (ExternalReferences.of(app)');
  });

  test('what the pods of Jobs and CronJobs name, as for every workload', () => {
    const app = new App({ outdir });
    const chart = new Chart(app, 'batch', { namespace: 'batch' });
    new Job(chart, 'migrate', { image: IMAGE, envValues: { P: EnvValue.fromSecret('migrate-db', 'p') } });
    new CronJob(chart, 'backup', { image: IMAGE, schedule: '@daily', volumes: [Volume.fromPersistentVolumeClaim('out', 'backups')], volumeMounts: [{ volume: 'out', mountPath: '/out' }] });
    const lines = notes(() => app.synth());
    expect(lines).toEqual([expect.stringContaining('these 2 objects, which the app does not define: Secret batch/migrate-db, PersistentVolumeClaim batch/backups (')]);
  });

  test('nothing before synth, and nothing when the app defines what it names', () => {
    const app = new App({ outdir });
    const chart = new Chart(app, 'quiet', { namespace: 'quiet' });
    new ApiObject(chart, 'db', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { password: 'x' } });
    expect(notes(() => new ExposedApp(chart, 'web', { image: IMAGE, envValues: { P: EnvValue.fromSecret('db', 'password') } }))).toEqual([]);
    expect(notes(() => app.synth())).toEqual([]);
  });
});
