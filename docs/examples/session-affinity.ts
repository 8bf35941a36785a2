import { Chart, Duration } from 'cdk8s';
import { ExposedApp, SessionAffinity } from '../../lib';

export function example(chart: Chart): void {
  new ExposedApp(chart, 'cart', {
    image: 'registry.k8s.io/e2e-test-images/agnhost:2.53',
    args: ['netexec', '--http-port=8080'],
    runAsUser: 65532,
    containerPort: 8080,
    sessionAffinity: SessionAffinity.CLIENT_IP,
    sessionAffinityTimeout: Duration.seconds(3600),
  });
}
