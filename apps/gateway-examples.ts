import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { AllowedRoutes, ExposedApp, Gateway, ListenerProtocol, RouteApi } from '../lib';
import { addShop, HTTPD } from './ingress-examples';
import { exampleNamespace } from './namespace';

/**
 * The Ingress examples again, through the Gateway API: a Gateway `public` in namespace `infra`
 * with HTTP and HTTPS listeners, httpd attached by an HTTPRoute for www.lixing.com, and the shop
 * router rendered as HTTPRoutes (the same routing table, `api: RouteApi.GATEWAY`).
 */
export class GatewayExamples extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    exampleNamespace(this, 'infra');
    exampleNamespace(this, 'ns-demo-gw');
    exampleNamespace(this, 'shop-gw');
    const gateway = new Gateway(this, 'public', {
      namespace: 'infra',
      gatewayClassName: 'nginx',
      listeners: [
        { name: 'http', protocol: ListenerProtocol.HTTP, allowedRoutes: AllowedRoutes.ALL_NAMESPACES },
        { name: 'https', protocol: ListenerProtocol.HTTPS, hostname: 'www.lixing.com', tlsSecretName: 'tls-secret', allowedRoutes: AllowedRoutes.ALL_NAMESPACES },
        { name: 'https-shop', protocol: ListenerProtocol.HTTPS, hostname: '*.example.com', tlsSecretName: 'shop-tls', allowedRoutes: AllowedRoutes.ALL_NAMESPACES },
      ],
    });
    new ExposedApp(this, 'httpd', { ...HTTPD, namespace: 'ns-demo-gw', route: { gateway, hostnames: ['www.lixing.com'] } });
    addShop(this, 'shop-gw', { api: RouteApi.GATEWAY, gateway });
  }
}
