import { Chart, Duration } from 'cdk8s';
import { ExposedApp, Probe } from '../../lib';

// The hand-written Deployment + Service of the guide, as one construct.
export function example(chart: Chart): void {
  new ExposedApp(chart, 'webapp', {
    image: 'registry.k8s.io/e2e-test-images/agnhost:2.53',
    args: ['netexec', '--http-port=3000'],
    runAsUser: 65532,
    port: 3000,
    portName: 'http', // an HTTP server: say so (3000 is no well-known HTTP port)
    readiness: Probe.fromHttpGet('/healthz'),
    liveness: Probe.fromHttpGet('/healthz', { initialDelay: Duration.seconds(10) }),
  });
}
