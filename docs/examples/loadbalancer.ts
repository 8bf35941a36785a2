import { Chart } from 'cdk8s';
import { ExposedApp, ExternalTrafficPolicy, ServiceType } from '../../lib';

export function example(chart: Chart): void {
  new ExposedApp(chart, 'edge', {
    image: 'envoyproxy/envoy:v1.31.0',
    runAsUser: 101,
    serviceType: ServiceType.LOAD_BALANCER,
    ports: [
      { name: 'http', port: 80, containerPort: 8080 },
      { name: 'https', port: 443, containerPort: 8443 },
    ],
    loadBalancerSourceRanges: ['203.0.113.0/24'],
    externalTrafficPolicy: ExternalTrafficPolicy.LOCAL, // keeps the client IP
    serviceAnnotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' },
  });
}
