import { Chart, ChartProps, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { ExposedApp } from '../lib';
import { exampleNamespace } from './namespace';

const AGNHOST = { image: 'registry.k8s.io/e2e-test-images/agnhost:2.53', args: ['netexec', '--http-port=8080'], runAsUser: 65532, containerPort: 8080 };

/**
 * Production defaults: `frontend` autoscaled 3-10 on 70% CPU with a PodDisruptionBudget,
 * spread across nodes and zones; `singleton` with one replica, so no budget is written.
 */
export class ProductionExamples extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    exampleNamespace(this, 'prod');
    new ExposedApp(this, 'frontend', {
      ...AGNHOST,
      namespace: 'prod',
      autoscaling: { minReplicas: 3, maxReplicas: 10, cpuUtilization: 70 },
      spread: { zones: true },
      minReady: Duration.seconds(5),
    });
    new ExposedApp(this, 'singleton', { ...AGNHOST, namespace: 'prod', replicas: 1 });
  }
}
