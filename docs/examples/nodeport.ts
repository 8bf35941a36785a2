import { Chart } from 'cdk8s';
import { ExposedApp, PodSecurity, ServiceType } from '../../lib';

export function example(chart: Chart): void {
  new ExposedApp(chart, 'myapp', {
    image: 'ikubernetes/myapp:v1',
    podSecurity: PodSecurity.BASELINE, // nginx runs as root
    replicas: 3,
    serviceType: ServiceType.NODE_PORT,
    nodePort: 30008,
  });
}
