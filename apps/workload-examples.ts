import { ApiObject, Chart, ChartProps, Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import {
  EmptyDirMedium, EnvFrom, EnvValue, ExposedApp, HeadlessGroup, LifecycleHandler, PodSecurity, Probe, TaintEffect, TolerationOperator, Volume, Cpu } from '../lib';
import { exampleNamespace } from './namespace';

/**
 * Real workloads: a web app that reads its database password from a Secret and its config file
 * from a ConfigMap; a StatefulSet with an init container and a metrics sidecar; a GPU workload.
 */
export class WorkloadExamples extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const namespace = 'workloads-demo';
    exampleNamespace(this, namespace, 'baseline');

    // The Secret `shop-db` (key `password`) is created out of band, e.g. by External Secrets.
    new ApiObject(this, 'shop-config', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'shop-config', namespace },
      data: { 'shop.yaml': 'listen: 0.0.0.0:8080\ncache: /var/cache/shop\n' },
    });
    new ExposedApp(this, 'shop', {
      namespace,
      image: 'ghcr.io/acme/shop:2.3.1',
      port: 80,
      containerPort: 8080,
      runAsUser: 10001,
      readOnlyRootFilesystem: true,
      envValues: {
        DB_PASSWORD: EnvValue.fromSecret('shop-db', 'password'),
        POD_NAME: EnvValue.fromFieldRef('metadata.name'),
      },
      env: { DB_HOST: 'postgres-0.postgres', DATABASE_URL: 'postgres://shop:$(DB_PASSWORD)@$(DB_HOST):5432/shop' },
      envFrom: [EnvFrom.fromConfigMap('shop-flags', { optional: true })],
      volumes: [
        Volume.fromConfigMap('config', 'shop-config'),
        Volume.fromEmptyDir('cache', { sizeLimit: Size.mebibytes(256) }),
      ],
      volumeMounts: [
        { volume: 'config', mountPath: '/etc/shop/shop.yaml', subPath: 'shop.yaml', readOnly: true },
        { volume: 'cache', mountPath: '/var/cache/shop' },
      ],
      readiness: Probe.fromHttpGet('/ready'),
    });

    // postgres runs as root and drops privileges itself: baseline profile.
    new HeadlessGroup(this, 'postgres', {
      namespace,
      image: 'postgres:17.2',
      replicas: 1,
      port: 5432,
      portName: 'postgres',
      podSecurity: PodSecurity.BASELINE,
      resources: { memoryRequest: Size.gibibytes(1), cpuRequest: Cpu.millis(500) },
      envValues: { POSTGRES_PASSWORD: EnvValue.fromSecret('shop-db', 'password') },
      env: { PGDATA: '/var/lib/postgresql/data/pgdata' },
      volumeClaims: [{ name: 'data', storage: Size.gibibytes(20), mountPath: '/var/lib/postgresql/data' }],
      initContainers: [{
        name: 'wait-for-volume',
        image: 'busybox:1.37',
        command: ['sh', '-c', 'test -w /var/lib/postgresql/data'],
        volumeMounts: [{ volume: 'data', mountPath: '/var/lib/postgresql/data' }],
      }],
      sidecars: [{
        name: 'exporter',
        image: 'quay.io/prometheuscommunity/postgres-exporter:v0.16.0',
        runAsUser: 65534,
        extraPorts: [{ name: 'metrics', containerPort: 9187 }],
        readiness: Probe.fromHttpGet('/metrics', { portName: 'metrics' }),
        envValues: { DATA_SOURCE_PASS: EnvValue.fromSecret('shop-db', 'password') },
        env: { DATA_SOURCE_URI: 'localhost:5432/shop?sslmode=disable', DATA_SOURCE_USER: 'shop' },
        resources: { memoryRequest: Size.mebibytes(32), memoryLimit: Size.mebibytes(64), cpuRequest: Cpu.millis(10) },
      }],
      preStop: LifecycleHandler.fromCommand(['pg_ctl', 'stop', '-m', 'fast']),
      gracefulShutdown: { terminationGracePeriod: Duration.seconds(60) },
    });

    new ExposedApp(this, 'inference', {
      namespace,
      image: 'ghcr.io/acme/inference:0.9.0',
      runAsUser: 1000,
      replicas: 1,
      port: 8000,
      portName: 'http',
      resources: { cpuRequest: Cpu.units(2), memoryRequest: Size.gibibytes(8), extended: { 'nvidia.com/gpu': 1 }, ephemeralStorageRequest: Size.gibibytes(10) },
      nodeSelector: { 'nvidia.com/gpu.present': 'true' },
      tolerations: [{ key: 'nvidia.com/gpu', operator: TolerationOperator.EXISTS, effect: TaintEffect.NO_SCHEDULE }],
      runtimeClassName: 'nvidia',
      startup: Probe.fromHttpGet('/health', { period: Duration.seconds(10), failureThreshold: 60 }),
      volumes: [Volume.fromEmptyDir('shm', { medium: EmptyDirMedium.MEMORY, sizeLimit: Size.gibibytes(1) })],
      volumeMounts: [{ volume: 'shm', mountPath: '/dev/shm' }],
      preStop: LifecycleHandler.fromSleep(Duration.seconds(15)),
    });
  }
}
