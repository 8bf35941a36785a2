import { Chart } from 'cdk8s';
import { ExposedApp } from '../../lib';

export function example(chart: Chart): void {
  new ExposedApp(chart, 'web', {
    image: 'registry.k8s.io/e2e-test-images/agnhost:2.53',
    args: ['netexec', '--http-port=8080'],
    runAsUser: 65532,
    port: 80,
    containerPort: 8080,
  });
}
