import { Chart, ChartProps, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { ExposedApp, ExternalDatabase, PatternDefaults, ServiceAlias, SessionAffinity } from '../lib';
import { exampleNamespace } from './namespace';

const AGNHOST = { image: 'registry.k8s.io/e2e-test-images/agnhost:2.53', runAsUser: 65532 };

/**
 * Services for things outside the cluster or the namespace: an outside MySQL by IP, an
 * ExternalName for a DNS name, and an alias in another namespace. The apps are wired with
 * connectTo (frontend -> backend-service -> pg-service and mysql) and every workload of the
 * chart gets a NetworkPolicy built from those connections.
 */
export class ExternalExamples extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    PatternDefaults.set(this, { networkPolicy: true });
    exampleNamespace(this, 'example');
    exampleNamespace(this, 'other');
    const backend = new ExposedApp(this, 'backend-service', {
      ...AGNHOST,
      namespace: 'example',
      args: ['netexec', '--http-port=5000'],
      port: 5000,
      portName: 'http', // an HTTP server: say so (5000 is no well-known HTTP port)
      sessionAffinity: SessionAffinity.NONE,
    });
    const frontend = new ExposedApp(this, 'frontend', {
      ...AGNHOST,
      namespace: 'example',
      args: ['netexec', '--http-port=3000'],
      port: 3000,
      portName: 'http',
    });
    // bitnami/postgresql runs as user 1001 and listens on 5432.
    const pg = new ExposedApp(this, 'pg-service', {
      namespace: 'example',
      image: 'bitnami/postgresql:16',
      runAsUser: 1001,
      env: { ALLOW_EMPTY_PASSWORD: 'yes' },
      port: 5432,
      portName: 'postgres',
      resources: { memoryLimit: Size.mebibytes(512) },
    });
    const mysql = new ExternalDatabase(this, 'mysql', {
      namespace: 'example',
      addresses: ['192.168.0.200'],
      port: 3306,
      portName: 'tcp',
    });
    new ExternalDatabase(this, 'www-kubernetes', {
      namespace: 'example',
      externalName: 'www.kubernetes.io',
      port: 6379,
    });
    new ServiceAlias(this, 'backend-alias', { namespace: 'other', target: backend });

    frontend.connectTo(backend, { prefix: 'BACKEND' });
    backend.connectTo(pg, { prefix: 'DATABASE' });
    backend.connectTo(mysql, { prefix: 'MYSQL' });
  }
}
