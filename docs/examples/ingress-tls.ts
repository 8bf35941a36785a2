import { Chart } from 'cdk8s';
import { ExposedApp } from '../../lib';

export function example(chart: Chart): void {
  new ExposedApp(chart, 'httpd', {
    image: 'bitnami/apache:2.4',
    runAsUser: 1001,
    port: 8080,
    ingress: {
      ingressClassName: 'nginx',
      host: 'www.example.com',
      path: '/',
      tls: { secretName: 'tls-secret' },
    },
  });
}
