import { Chart, Size } from 'cdk8s';
import { ConfigMap, EnvFrom, EnvValue, ExposedApp, PersistentVolumeClaim, Secret, Volume } from '../../lib';

export function example(chart: Chart): void {
  // Written here: its content is known, so the pods roll when it changes.
  const config = new ConfigMap(chart, 'wiki-config', {
    namespace: 'wiki',
    data: { 'LOG_LEVEL': 'info', 'settings.yaml': 'site: Team wiki\nuploads: /data/uploads\n' },
  });
  // Managed elsewhere (External Secrets, Sealed Secrets, SOPS): a name and the keys the app reads.
  const db = Secret.fromName(chart, 'wiki-db', 'wiki-db', { keys: ['username', 'password'] });
  const data = new PersistentVolumeClaim(chart, 'wiki-data', { namespace: 'wiki', storage: Size.gibibytes(20) });
  new ExposedApp(chart, 'wiki', {
    namespace: 'wiki',
    image: 'ghcr.io/acme/wiki:2.4',
    port: 8080,
    replicas: 1, // one ReadWriteOnce volume: one pod
    envFrom: [EnvFrom.fromConfigMapRef(config, { prefix: 'WIKI_' })],
    envValues: {
      DB_USER: EnvValue.fromSecretRef(db, 'username'),
      DB_PASSWORD: EnvValue.fromSecretRef(db, 'password'),
    },
    volumes: [
      Volume.fromConfigMapRef('settings', config, { items: [{ key: 'settings.yaml', path: 'settings.yaml' }] }),
      Volume.fromClaimRef('data', data),
    ],
    volumeMounts: [
      { volume: 'settings', mountPath: '/etc/wiki', readOnly: true },
      { volume: 'data', mountPath: '/data' },
    ],
    runAsUser: 1000,
    fsGroup: 1000,
  });
}
