import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Chart, Size, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { parseAllDocuments } from 'yaml';
import {
  AccessMode, ConfigMap, ConfigMapProps, EnvFrom, EnvValue, ExposedApp, ExposedAppProps, FastApp, HeadlessGroup, PatternWarnings,
  PersistentVolumeClaim, Projection, Secret, Volume,
} from '../lib';
import { find, Manifest, newChart, synth } from './util';

const IMAGE = 'nginxinc/nginx-unprivileged:1.27';

/** A chart with one ConfigMap `web-config` and one app reading it (and possibly more). */
function build(config: ConfigMapProps, app: (cm: ConfigMap) => Partial<ExposedAppProps>, extra?: (chart: Chart) => void): Manifest[] {
  const chart = newChart({ namespace: 'shop' });
  const cm = new ConfigMap(chart, 'web-config', config);
  extra?.(chart);
  new ExposedApp(chart, 'web', { image: IMAGE, ...app(cm) });
  return synth(chart);
}

const template = (out: Manifest[]) => find(out, 'Deployment').spec.template;
const asVolume = (cm: ConfigMap) => ({ volumes: [Volume.fromConfigMapRef('config', cm)], volumeMounts: [{ volume: 'config', mountPath: '/etc/app' }] });

describe('ConfigMap', () => {
  test('writes data, binary data and immutable, with the recommended labels and the chart namespace', () => {
    const out = build({ data: { 'app.yaml': 'level: info\n' }, binaryData: { logo: Buffer.from([0xff, 0xd8]).toString('base64') }, immutable: true }, asVolume);
    const cm = find(out, 'ConfigMap');
    expect(cm.metadata).toEqual({
      name: 'web-config', namespace: 'shop',
      labels: { 'app.kubernetes.io/name': 'web-config', 'app.kubernetes.io/instance': 'web-config', 'app.kubernetes.io/managed-by': 'cdk8s-service-patterns' },
    });
    expect(cm.data).toEqual({ 'app.yaml': 'level: info\n' });
    expect(cm.binaryData).toEqual({ logo: '/9g=' });
    expect(cm.immutable).toBe(true);
  });

  test('reads files at synth: text into data, other bytes into binaryData, keyed by file name unless a key is given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cm-'));
    try {
      writeFileSync(join(dir, 'nginx.conf'), 'server { listen 8080; }\n');
      writeFileSync(join(dir, 'blob'), Buffer.from([0xc3, 0x28, 0x00]));
      const out = build({ files: [{ path: join(dir, 'nginx.conf') }, { path: join(dir, 'blob'), key: 'blob.bin' }] }, asVolume);
      const cm = find(out, 'ConfigMap');
      expect(cm.data).toEqual({ 'nginx.conf': 'server { listen 8080; }\n' });
      expect(cm.binaryData).toEqual({ 'blob.bin': Buffer.from([0xc3, 0x28, 0x00]).toString('base64') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('keys are the handle\'s keys; a ConfigMap made elsewhere has only the declared ones', () => {
    const chart = newChart();
    expect(new ConfigMap(chart, 'c', { data: { b: '1', a: '2' }, binaryData: { z: '' } }).keys).toEqual(['a', 'b', 'z']);
    expect(ConfigMap.fromName(chart, 'other', 'shared-config', { keys: ['x'] }).keys).toEqual(['x']);
    expect(ConfigMap.fromName(chart, 'any', 'shared-config-2').keys).toBeUndefined();
  });

  test('every handle-taking factory writes the same fields as the name-taking one', () => {
    const out = build({ data: { a: '1', b: '2' } }, (cm) => ({
      volumes: [Volume.fromConfigMapRef('config', cm, { items: [{ key: 'a', path: 'a.txt' }] }), Volume.fromProjected('all', [Projection.fromConfigMapRef(cm, [{ key: 'b', path: 'b.txt' }])])],
      volumeMounts: [{ volume: 'config', mountPath: '/etc/a' }, { volume: 'all', mountPath: '/etc/b' }],
      envValues: { A: EnvValue.fromConfigMapRef(cm, 'a') },
      envFrom: [EnvFrom.fromConfigMapRef(cm, { prefix: 'CFG_' })],
    }));
    const pod = template(out).spec;
    expect(pod.volumes).toEqual([
      { name: 'config', configMap: { name: 'web-config', items: [{ key: 'a', path: 'a.txt' }] } },
      { name: 'all', projected: { sources: [{ configMap: { name: 'web-config', items: [{ key: 'b', path: 'b.txt' }] } }] } },
    ]);
    expect(pod.containers[0].env).toEqual([{ name: 'A', valueFrom: { configMapKeyRef: { name: 'web-config', key: 'a' } } }]);
    expect(pod.containers[0].envFrom).toEqual([{ prefix: 'CFG_', configMapRef: { name: 'web-config' } }]);
  });
});

describe('a key the ConfigMap does not hold is an error at synth time', () => {
  const chart = () => newChart({ namespace: 'shop' });
  test.each([
    ['env value', (cm: ConfigMap) => ({ envValues: { X: EnvValue.fromConfigMapRef(cm, 'lvl') } }), 'envValues["X"].key "lvl"'],
    ['volume item', (cm: ConfigMap) => ({ volumes: [Volume.fromConfigMapRef('c', cm, { items: [{ key: 'lvl', path: 'l' }] })] }), 'volumes[0].items[0].key "lvl"'],
    ['projection item', (cm: ConfigMap) => ({ volumes: [Volume.fromProjected('p', [Projection.fromConfigMapRef(cm, [{ key: 'lvl', path: 'l' }])])] }), 'volumes[0].sources[0].items[0].key "lvl"'],
    ['sidecar env', (cm: ConfigMap) => ({ sidecars: [{ name: 'log', image: IMAGE, envValues: { X: EnvValue.fromConfigMapRef(cm, 'lvl') } }] }), 'sidecars[0].envValues["X"].key "lvl"'],
  ])('%s', (_title, props, field) => {
    const c = chart();
    const cm = new ConfigMap(c, 'cfg', { data: { level: 'info', format: 'json' } });
    expect(() => new ExposedApp(c, 'web', { image: IMAGE, ...props(cm) })).toThrow(
      `ExposedApp 'test/web': ${field} is not a key of ConfigMap "cfg" written by 'test/cfg' (keys: format, level)`);
  });

  test('a key not declared for a Secret made elsewhere; any key when none are declared', () => {
    const c = chart();
    const db = Secret.fromName(c, 'db', 'db-credentials', { keys: ['username', 'password'] });
    expect(() => new ExposedApp(c, 'web', { image: IMAGE, envValues: { PW: EnvValue.fromSecretRef(db, 'pasword') } })).toThrow(
      "ExposedApp 'test/web': envValues[\"PW\"].key \"pasword\" is not a key declared for Secret \"db-credentials\" (declared keys: username, password): add it to the keys of its handle if the app reads it");
    const any = Secret.fromName(c, 'any', 'tls');
    const app = new ExposedApp(c, 'ok', { image: IMAGE, envValues: { PW: EnvValue.fromSecretRef(db, 'password'), K: EnvValue.fromSecretRef(any, 'whatever') } });
    expect(app).toBeDefined();
  });

  test('a workload in another namespace than the ConfigMap', () => {
    const c = chart();
    const cm = new ConfigMap(c, 'cfg', { namespace: 'other', data: { a: '1' } });
    expect(() => new ExposedApp(c, 'web', { image: IMAGE, envFrom: [EnvFrom.fromConfigMapRef(cm)] })).toThrow(
      "ExposedApp 'test/web': ConfigMap \"cfg\" is in namespace \"other\", not the workload's (\"shop\"): pods can only use ConfigMaps of their own namespace");
  });
});

describe('pods roll when the configuration they read changes', () => {
  const read = (cm: ConfigMap) => ({ envFrom: [EnvFrom.fromConfigMapRef(cm)] });
  const hashOf = (out: Manifest[]) => template(out).metadata.annotations?.['cdk8s-service-patterns/config-hash'];

  test('a hash of the content is a pod-template annotation; same input, same hash', () => {
    const a = hashOf(build({ data: { level: 'info' } }, read));
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(hashOf(build({ data: { level: 'info' } }, read))).toBe(a);
  });

  test('one changed byte of a ConfigMap the pods read changes the pod template', () => {
    const before = template(build({ data: { level: 'info' } }, read));
    const after = template(build({ data: { level: 'infO' } }, read));
    expect(after).not.toEqual(before);
    expect({ ...after, metadata: { ...after.metadata, annotations: undefined } }).toEqual({ ...before, metadata: { ...before.metadata, annotations: undefined } });
  });

  test('a change of configuration the pods do not read leaves the pod template alone', () => {
    const other = (value: string) => (chart: Chart) => { new ConfigMap(chart, 'other', { data: { x: value } }); };
    const before = build({ data: { level: 'info' } }, read, other('1'));
    const after = build({ data: { level: 'info' } }, read, other('2'));
    expect(template(after)).toEqual(template(before));
    expect(find(after, 'ConfigMap', 'other').data).not.toEqual(find(before, 'ConfigMap', 'other').data);
  });

  test('the order of the data map does not matter', () => {
    expect(hashOf(build({ data: { a: '1', b: '2' } }, read))).toBe(hashOf(build({ data: { b: '2', a: '1' } }, read)));
  });

  test('a Secret written here rolls the pods too, and only its hash reaches the template', () => {
    const withSecret = (password: string) => {
      const chart = newChart();
      const s = new Secret(chart, 'db', { stringData: { password }, allowLiteralValues: true });
      new ExposedApp(chart, 'web', { image: IMAGE, envValues: { PW: EnvValue.fromSecretRef(s, 'password') } });
      return synth(chart);
    };
    const a = template(withSecret('hunter2'));
    const b = template(withSecret('hunter3'));
    expect(a.metadata.annotations['cdk8s-service-patterns/config-hash']).not.toBe(b.metadata.annotations['cdk8s-service-patterns/config-hash']);
    expect(JSON.stringify(a)).not.toContain('hunter2');
    expect(JSON.stringify(a)).not.toContain(Buffer.from('hunter2').toString('base64'));
  });

  test('configuration made elsewhere gives no hash: its content is not known here', () => {
    const chart = newChart();
    const cm = ConfigMap.fromName(chart, 'shared', 'shared-config');
    new ExposedApp(chart, 'web', { image: IMAGE, envFrom: [EnvFrom.fromConfigMapRef(cm)] });
    expect(template(synth(chart)).metadata.annotations).toBeUndefined();
  });

  test('a StatefulSet rolls the same way', () => {
    const hash = (value: string) => {
      const chart = newChart();
      const cm = new ConfigMap(chart, 'cfg', { data: { a: value } });
      new HeadlessGroup(chart, 'db', { image: IMAGE, replicas: 1, envFrom: [EnvFrom.fromConfigMapRef(cm)] });
      return find(synth(chart), 'StatefulSet').spec.template.metadata.annotations['cdk8s-service-patterns/config-hash'];
    };
    expect(hash('1')).not.toBe(hash('2'));
  });
});

describe('Secret', () => {
  test('literal values need allowLiteralValues', () => {
    const chart = newChart();
    expect(() => new Secret(chart, 'db', { stringData: { password: 'x' } })).toThrow(
      "Secret 'test/db': stringData [\"password\"] writes secret values into the manifest, which the library refuses by default: secret values in a manifest end up in Git history, readable by everyone who can read the repository, and stay there after they are rotated. Instead keep the Secret out of the manifests (External Secrets Operator, Sealed Secrets, SOPS, or kubectl create secret) and refer to it with Secret.fromName(scope, id, name, { keys }); or set allowLiteralValues: true");
  });

  test('with allowLiteralValues: written, with a warning that names the keys and not the values', () => {
    const chart = newChart();
    new Secret(chart, 'db', { stringData: { password: 'hunter2' }, data: { token: Buffer.from('t').toString('base64') }, allowLiteralValues: true });
    const s = find(synth(chart), 'Secret');
    expect(s.stringData).toBeUndefined();
    expect(s.data).toEqual({ token: 'dA==', password: Buffer.from('hunter2').toString('base64') });
    const warnings = PatternWarnings.of(chart);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('test/db: writes the values of password, token into the manifest (allowLiteralValues): secret values in a manifest end up in Git history');
    expect(warnings[0]).not.toContain('hunter2');
  });

  test('a handle writes nothing', () => {
    const chart = newChart();
    const db = Secret.fromName(chart, 'db', 'db-credentials', { keys: ['password'] });
    new ExposedApp(chart, 'web', { image: IMAGE, volumes: [Volume.fromSecretRef('db', db)], volumeMounts: [{ volume: 'db', mountPath: '/run/db' }] });
    const out = synth(chart);
    expect(out.map((o) => o.kind)).not.toContain('Secret');
    expect(template(out).spec.volumes).toEqual([{ name: 'db', secret: { secretName: 'db-credentials' } }]);
    expect(template(out).metadata.annotations).toBeUndefined();
  });

  test('the keys a built-in type needs', () => {
    expect(() => new Secret(newChart(), 'tls', { type: 'kubernetes.io/tls', stringData: { 'tls.crt': 'x' }, allowLiteralValues: true })).toThrow(
      "Secret 'test/tls': type \"kubernetes.io/tls\" needs the key \"tls.key\" in stringData or data (keys given: tls.crt)");
  });
});

describe('PersistentVolumeClaim', () => {
  test('a single-replica app with storage needs no raw object', () => {
    const chart = newChart({ namespace: 'shop' });
    const claim = new PersistentVolumeClaim(chart, 'data', { storage: Size.gibibytes(10), storageClassName: 'fast' });
    new ExposedApp(chart, 'web', { image: IMAGE, replicas: 1, volumes: [Volume.fromClaimRef('data', claim)], volumeMounts: [{ volume: 'data', mountPath: '/data' }] });
    const out = synth(chart);
    expect(find(out, 'PersistentVolumeClaim').spec).toEqual({ accessModes: ['ReadWriteOnce'], storageClassName: 'fast', resources: { requests: { storage: '10Gi' } } });
    expect(template(out).spec.volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }]);
    expect(PatternWarnings.of(chart)).toEqual([]);
  });

  test('a ReadWriteOnce claim mounted by several replicas draws a warning; ReadWriteMany does not', () => {
    const chart = newChart();
    const rwo = new PersistentVolumeClaim(chart, 'rwo', { storage: Size.gibibytes(1) });
    const rwx = new PersistentVolumeClaim(chart, 'rwx', { storage: Size.gibibytes(1), accessModes: [AccessMode.READ_WRITE_MANY] });
    new ExposedApp(chart, 'a', { image: IMAGE, replicas: 3, volumes: [Volume.fromClaimRef('d', rwo)] });
    new ExposedApp(chart, 'b', { image: IMAGE, replicas: 3, volumes: [Volume.fromClaimRef('d', rwx)] });
    expect(PatternWarnings.of(chart)).toEqual([
      'test/a: PersistentVolumeClaim "rwo" is ReadWriteOnce but 3 pods mount it: pods on different nodes cannot attach it (Multi-Attach error) and stay Pending; use one replica, a ReadWriteMany claim, or a volume claim per pod (HeadlessGroup volumeClaims)',
    ]);
  });

  test('a snapshot as data source', () => {
    const chart = newChart();
    new PersistentVolumeClaim(chart, 'restore', { storage: Size.gibibytes(1), fromSnapshot: 'nightly' });
    expect(find(synth(chart), 'PersistentVolumeClaim').spec.dataSource).toEqual({ apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'nightly' });
  });
});

describe('what a workload reads is written before it', () => {
  /** The app is created first in the tree, its configuration in a scope created after it. */
  const make = (app: App) => {
    const chart = new Chart(app, 'shop');
    const apps = new Construct(chart, 'apps');
    const config = new Construct(chart, 'config');
    const cm = new ConfigMap(config, 'cfg', { data: { a: '1' } });
    const claim = new PersistentVolumeClaim(config, 'data', { storage: Size.gibibytes(1) });
    const secret = new Secret(config, 'token', { stringData: { t: 'x' }, allowLiteralValues: true });
    new ExposedApp(apps, 'web', {
      image: IMAGE, replicas: 1,
      volumes: [Volume.fromConfigMapRef('cfg', cm), Volume.fromClaimRef('data', claim)],
      envValues: { T: EnvValue.fromSecretRef(secret, 't') },
    });
    new ConfigMap(config, 'unused', { data: { b: '2' } });
    return app;
  };
  const kinds = (make2: (outdir: string) => App) => {
    const outdir = mkdtempSync(join(tmpdir(), 'order-'));
    try {
      make2(outdir).synth();
      const file = readdirSync(outdir).find((f) => f.endsWith('.yaml'))!;
      return parseAllDocuments(readFileSync(join(outdir, file), 'utf8')).map((d) => d.toJS()).filter((o) => o).map((o) => `${o.kind}/${o.metadata.name}`);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  };
  const expected = ['ConfigMap/cfg', 'PersistentVolumeClaim/data', 'Secret/token', 'Service/web', 'Deployment/web', 'ConfigMap/unused'];

  test('by cdk8s', () => {
    expect(kinds((outdir) => make(new App({ outdir })))).toEqual(expected);
  });

  test('by FastApp', () => {
    expect(kinds((outdir) => make(new FastApp({ outdir })))).toEqual(expected);
  });

  test('Testing.synth too', () => {
    expect(Testing.synth(make(Testing.app()).charts[0]).map((o) => o.kind)).toEqual(expected.map((e) => e.split('/')[0]));
  });
});

describe('HeadlessGroup volume claims', () => {
  const group = (props: object) => {
    const chart = newChart();
    new HeadlessGroup(chart, 'pg', { image: IMAGE, port: 5432, replicas: 1, ...props });
    return find(synth(chart), 'StatefulSet').spec;
  };

  test('mounted with a subPath, with labels and annotations on the claim template', () => {
    const spec = group({ volumeClaims: [{ name: 'data', storage: Size.gibibytes(1), mountPath: '/var/lib/postgresql/data', subPath: 'pgdata', labels: { tier: 'db' }, annotations: { 'backup.example.com/enabled': 'true' } }] });
    expect(spec.template.spec.containers[0].volumeMounts).toEqual([{ name: 'data', mountPath: '/var/lib/postgresql/data', subPath: 'pgdata' }]);
    expect(spec.volumeClaimTemplates[0].metadata).toEqual({ name: 'data', labels: { tier: 'db' }, annotations: { 'backup.example.com/enabled': 'true' } });
  });

  test('without mountPath, mounted only where volumeMounts say, in any container', () => {
    const spec = group({
      volumeClaims: [{ name: 'data', storage: Size.gibibytes(1) }],
      volumeMounts: [{ volume: 'data', mountPath: '/data', subPath: 'db' }],
      sidecars: [{ name: 'backup', image: IMAGE, volumeMounts: [{ volume: 'data', mountPath: '/backup', readOnly: true }] }],
    });
    expect(spec.template.spec.containers[0].volumeMounts).toEqual([{ name: 'data', mountPath: '/data', subPath: 'db' }]);
    expect(spec.template.spec.initContainers[0].volumeMounts).toEqual([{ name: 'data', mountPath: '/backup', readOnly: true }]);
  });
});
