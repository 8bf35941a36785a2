// Pod Security admission on the real server: the default workloads pass "restricted" (no warning in
// a namespace that enforces and warns at that level), and the profile switch says what it does.
import { Duration, Size } from 'cdk8s';
import {
  EmptyDirMedium, EnvFrom, EnvValue, ExposedApp, HeadlessGroup, LifecycleHandler, PodSecurity, Probe, Projection, Volume,
} from '../../lib';
import { createAndDelete, manifestsOf } from './apply';
import { KubeClient } from './client';

const client = KubeClient.fromEnvironment();
const level = (name: string) => ({ 'pod-security.kubernetes.io/enforce': name, 'pod-security.kubernetes.io/warn': name });

const defaults = manifestsOf((chart) => {
  new ExposedApp(chart, 'web', { image: 'ghcr.io/acme/web:1.0', port: 8080 });
  new HeadlessGroup(chart, 'db', { image: 'ghcr.io/acme/db:1.0', port: 5432 });
  // Every container kind and volume type the restricted profile allows, with the library's defaults.
  new ExposedApp(chart, 'full', {
    image: 'ghcr.io/acme/full:1.0',
    port: 80,
    containerPort: 8080,
    addCapabilities: ['NET_BIND_SERVICE'],
    envValues: { PASSWORD: EnvValue.fromSecret('full', 'password'), NODE: EnvValue.fromFieldRef('spec.nodeName') },
    envFrom: [EnvFrom.fromConfigMap('full-flags', { optional: true })],
    volumes: [
      Volume.fromConfigMap('config', 'full-config'),
      Volume.fromSecret('tls', 'full-tls', { items: [{ key: 'tls.crt', path: 'tls.crt' }] }),
      Volume.fromEmptyDir('scratch', { medium: EmptyDirMedium.MEMORY, sizeLimit: Size.mebibytes(64) }),
      Volume.fromPersistentVolumeClaim('data', 'full-data'),
      Volume.fromProjected('token', [Projection.fromServiceAccountToken({ path: 'token', audience: 'vault', expiration: Duration.hours(1) })]),
    ],
    volumeMounts: [
      { volume: 'config', mountPath: '/etc/full' },
      { volume: 'tls', mountPath: '/etc/tls', readOnly: true },
      { volume: 'scratch', mountPath: '/tmp' },
      { volume: 'data', mountPath: '/data' },
      { volume: 'token', mountPath: '/var/run/secrets/vault' },
    ],
    initContainers: [{ name: 'migrate', image: 'ghcr.io/acme/full-migrate:1.0', command: ['migrate', 'up'] }],
    sidecars: [{
      name: 'proxy',
      image: 'ghcr.io/acme/proxy:1.0',
      extraPorts: [{ name: 'admin', containerPort: 9901 }],
      readiness: Probe.fromHttpGet('/ready', { portName: 'admin' }),
    }],
    preStop: LifecycleHandler.fromSleep(Duration.seconds(5)),
  });
});

test('the default workloads draw no warning where "restricted" is enforced', async () => {
  expect(await createAndDelete(client, defaults, 'pss-restricted', level('restricted'))).toEqual([]);
});

describe('PodSecurity.BASELINE', () => {
  const baseline = manifestsOf((chart) => {
    new ExposedApp(chart, 'nginx', { image: 'nginx:1.27', port: 80, podSecurity: PodSecurity.BASELINE });
  });

  test('passes a namespace that enforces "baseline"', async () => {
    expect(await createAndDelete(client, baseline, 'pss-baseline', level('baseline'))).toEqual([]);
  });

  // The check above could pass for a server that never warns; this one shows that it does.
  test('draws the server\'s warning where "restricted" is enforced', async () => {
    const findings = await createAndDelete(client, baseline, 'pss-restricted-baseline', level('restricted'));
    expect(findings).toEqual([expect.stringMatching(/^Deployment nginx: warning: would violate PodSecurity "restricted:latest": .*runAsNonRoot/)]);
  });
});
