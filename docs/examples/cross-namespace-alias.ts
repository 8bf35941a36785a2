import { Chart } from 'cdk8s';
import { ExposedApp, ServiceAlias } from '../../lib';

export function example(chart: Chart): void {
  const backend = new ExposedApp(chart, 'backend-service', {
    image: 'registry.k8s.io/e2e-test-images/agnhost:2.53',
    args: ['netexec', '--http-port=5000'],
    runAsUser: 65532,
    namespace: 'example',
    port: 5000,
    portName: 'http', // an HTTP server: say so (5000 is no well-known HTTP port)
  });
  // Apps in namespace `other` reach it as `backend-alias`.
  new ServiceAlias(chart, 'backend-alias', { namespace: 'other', target: backend });
}
