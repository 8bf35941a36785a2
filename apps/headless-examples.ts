import { Chart, ChartProps, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { HeadlessGroup, PodSecurity, WorkloadKind } from '../lib';
import { exampleNamespace } from './namespace';

/**
 * Headless Services: a 3-replica nginx StatefulSet `web` with a 1Gi volume per pod, and the
 * classic `myapp-headless` Service in front of a 3-replica Deployment.
 */
export class HeadlessExamples extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    exampleNamespace(this, 'headless-demo', 'baseline');
    // nginx and ikubernetes/myapp run as root: baseline profile.
    new HeadlessGroup(this, 'web', {
      namespace: 'headless-demo',
      image: 'nginx:1.27',
      replicas: 3,
      portName: 'web',
      podSecurity: PodSecurity.BASELINE,
      volumeClaims: [{ name: 'www', storage: Size.gibibytes(1), mountPath: '/usr/share/nginx/html' }],
    });
    new HeadlessGroup(this, 'myapp', {
      namespace: 'headless-demo',
      workload: WorkloadKind.DEPLOYMENT,
      serviceName: 'myapp-headless',
      image: 'ikubernetes/myapp:v1',
      replicas: 3,
      port: 80,
      containerPort: 80,
      portName: 'httpport',
      podSecurity: PodSecurity.BASELINE,
    });
  }
}
