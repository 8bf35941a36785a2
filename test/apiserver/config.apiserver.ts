// ConfigMaps, Secrets and claims: whatever the constructs accept, the server accepts (dry-run
// apply, values unchanged), near the API server's limits too (key charset and length, 1 MiB).
import { Size } from 'cdk8s';
import fc from 'fast-check';
import {
  AccessMode, ConfigMap, EnvFrom, EnvValue, ExposedApp, HeadlessGroup, PersistentVolumeClaim, Projection, Secret, Volume,
} from '../../lib';
import { ServicePatternsError } from '../../lib/core/errors';
import { dryRunApply, manifestsOf } from './apply';
import { KubeClient } from './client';

const client = KubeClient.fromEnvironment();
const RUNS = { numRuns: 30, seed: 20261204 };

/** Keys the API server accepts, edges included: dots, dashes, 253 characters. */
const key = fc.oneof(
  fc.stringMatching(/^[-._a-zA-Z0-9]{1,20}$/).filter((k) => k !== '.' && !k.startsWith('..')),
  fc.constantFrom('a'.repeat(253), '.env', '-', '_', 'app.yaml', 'a..b'),
);
const text = fc.string({ maxLength: 200, unit: 'grapheme' });

test('ConfigMap, Secret and claim, read by an app: every input the constructs accept, the server accepts', async () => {
  await fc.assert(fc.asyncProperty(
    fc.dictionary(key, text, { minKeys: 1, maxKeys: 4 }),
    fc.dictionary(key, fc.uint8Array({ maxLength: 64 }), { maxKeys: 2 }),
    fc.boolean(),
    fc.dictionary(key, text, { minKeys: 1, maxKeys: 3 }),
    fc.constantFrom([AccessMode.READ_WRITE_ONCE], [AccessMode.READ_WRITE_MANY, AccessMode.READ_ONLY_MANY], [AccessMode.READ_WRITE_ONCE_POD]),
    fc.option(fc.constantFrom('standard', 'fast.ssd'), { nil: undefined }),
    async (data, binary, immutable, secretData, accessModes, storageClassName) => {
      let manifests;
      try {
        manifests = manifestsOf((chart) => {
          const cm = new ConfigMap(chart, 'cfg', {
            data, binaryData: Object.fromEntries(Object.entries(binary).map(([k, v]) => [k, Buffer.from(v).toString('base64')])), immutable,
          });
          const secret = new Secret(chart, 'creds', { stringData: secretData, allowLiteralValues: true, immutable });
          const claim = new PersistentVolumeClaim(chart, 'data', { storage: Size.gibibytes(1), accessModes: [...accessModes], storageClassName });
          const first = cm.keys![0];
          new ExposedApp(chart, 'web', {
            image: 'ghcr.io/acme/web:1.0', replicas: 1,
            volumes: [
              Volume.fromConfigMapRef('cfg', cm, { items: [{ key: first, path: 'first' }] }),
              Volume.fromSecretRef('creds', secret),
              Volume.fromClaimRef('data', claim),
              Volume.fromProjected('all', [Projection.fromConfigMapRef(cm), Projection.fromSecretRef(secret)]),
            ],
            volumeMounts: [{ volume: 'cfg', mountPath: '/etc/cfg' }, { volume: 'data', mountPath: '/data' }],
            envValues: { FIRST: EnvValue.fromConfigMapRef(cm, first), SECRET: EnvValue.fromSecretRef(secret, secret.keys![0]) },
            envFrom: [EnvFrom.fromConfigMapRef(cm, { prefix: 'CFG_' })],
          });
        });
      } catch (e) {
        // A key in both data and binaryData is refused by the construct, as by the server.
        if (e instanceof ServicePatternsError && e.message.includes('is also in data')) return;
        throw e;
      }
      expect(await dryRunApply(client, manifests)).toEqual([]);
    }), RUNS);
});

test('a ConfigMap of exactly 1 MiB is accepted (the construct refuses one byte more)', async () => {
  const manifests = manifestsOf((chart) => { new ConfigMap(chart, 'big', { data: { a: 'x'.repeat(1024 * 1024 - 1), b: 'y' } }); });
  expect(await dryRunApply(client, manifests)).toEqual([]);
  expect(() => manifestsOf((chart) => { new ConfigMap(chart, 'big', { data: { a: 'x'.repeat(1024 * 1024), b: 'y' } }); })).toThrow('is more than the 1048576 bytes');
});

test('claim templates with a subPath, labels and annotations, and a claim mounted only by a sidecar', async () => {
  const manifests = manifestsOf((chart) => {
    new HeadlessGroup(chart, 'pg', {
      image: 'ghcr.io/acme/pg:17', port: 5432, replicas: 2,
      volumeClaims: [
        { name: 'data', storage: Size.gibibytes(1), mountPath: '/var/lib/postgresql/data', subPath: 'pgdata', labels: { tier: 'db' }, annotations: { 'backup.example.com/schedule': '0 3 * * *' } },
        { name: 'wal', storage: Size.gibibytes(1) },
      ],
      sidecars: [{ name: 'archiver', image: 'ghcr.io/acme/archiver:1', volumeMounts: [{ volume: 'wal', mountPath: '/wal', subPath: 'archive' }] }],
    });
  });
  expect(await dryRunApply(client, manifests)).toEqual([]);
});
