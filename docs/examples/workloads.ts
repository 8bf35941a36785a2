import { Chart, Duration, Size } from 'cdk8s';
import { EmptyDirMedium, EnvValue, ExposedApp, HeadlessGroup, LifecycleHandler, PodSecurity, Probe, TaintEffect, TolerationOperator, Volume } from '../../lib';

export function example(chart: Chart): void {
  // A web app: password from a Secret, config file from a ConfigMap, scratch space in memory.
  new ExposedApp(chart, 'shop', {
    image: 'ghcr.io/acme/shop:2.3.1',
    port: 80,
    containerPort: 8080,
    runAsUser: 10001,
    envValues: { DB_PASSWORD: EnvValue.fromSecret('shop-db', 'password') },
    env: { DATABASE_URL: 'postgres://shop:$(DB_PASSWORD)@postgres:5432/shop' },
    volumes: [
      Volume.fromConfigMap('config', 'shop-config'),
      Volume.fromEmptyDir('tmp', { medium: EmptyDirMedium.MEMORY, sizeLimit: Size.mebibytes(64) }),
    ],
    volumeMounts: [
      { volume: 'config', mountPath: '/etc/shop/shop.yaml', subPath: 'shop.yaml', readOnly: true },
      { volume: 'tmp', mountPath: '/tmp' },
    ],
  });

  // A StatefulSet with an init container and a native sidecar that reads the same volume claim.
  new HeadlessGroup(chart, 'postgres', {
    image: 'postgres:17.2',
    replicas: 1,
    port: 5432,
    podSecurity: PodSecurity.BASELINE,
    resources: { memoryRequest: Size.gibibytes(1) },
    envValues: { POSTGRES_PASSWORD: EnvValue.fromSecret('shop-db', 'password') },
    volumeClaims: [{ name: 'data', storage: Size.gibibytes(20), mountPath: '/var/lib/postgresql/data' }],
    initContainers: [{ name: 'check', image: 'busybox:1.37', command: ['test', '-w', '/data'], volumeMounts: [{ volume: 'data', mountPath: '/data' }] }],
    sidecars: [{
      name: 'exporter',
      image: 'quay.io/prometheuscommunity/postgres-exporter:v0.16.0',
      runAsUser: 65534,
      extraPorts: [{ name: 'metrics', containerPort: 9187 }],
      readiness: Probe.fromHttpGet('/metrics', { portName: 'metrics' }),
    }],
  });

  // A GPU workload on tainted GPU nodes.
  new ExposedApp(chart, 'inference', {
    image: 'ghcr.io/acme/inference:0.9.0',
    runAsUser: 1000,
    replicas: 1,
    port: 8000,
    portName: 'http',
    resources: { memoryRequest: Size.gibibytes(8), extended: { 'nvidia.com/gpu': 1 } },
    tolerations: [{ key: 'nvidia.com/gpu', operator: TolerationOperator.EXISTS, effect: TaintEffect.NO_SCHEDULE }],
    preStop: LifecycleHandler.fromSleep(Duration.seconds(15)),
  });
}
