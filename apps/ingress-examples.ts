import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { ExposedApp, IngressRouter, IngressRouterProps, ServiceType } from '../lib';
import { exampleNamespace } from './namespace';

// bitnami/apache listens on 8080 as user 1001, so it passes the restricted profile.
export const HTTPD = { image: 'bitnami/apache:2.4', port: 8080, runAsUser: 1001 };

/** httpd exposed as a NodePort and through an Ingress of its own, over HTTP. */
export class IngressHttpExample extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    exampleNamespace(this, 'ns-demo');
    new ExposedApp(this, 'httpd', {
      ...HTTPD,
      namespace: 'ns-demo',
      serviceType: ServiceType.NODE_PORT,
      // 30000 is taken by the walk-through's webapp-nodeport: node ports are cluster-wide.
      nodePort: 30080,
      ingress: { ingressClassName: 'nginx', host: 'www.lixing.com', path: '/' },
    });
  }
}

/** The same host over HTTPS, with the certificate in Secret `tls-secret` (an alternative to the HTTP chart). */
export class IngressHttpsExample extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    exampleNamespace(this, 'ns-demo-tls');
    new ExposedApp(this, 'httpd', {
      ...HTTPD,
      namespace: 'ns-demo-tls',
      ingress: { ingressClassName: 'nginx', host: 'www.lixing.com', tls: { secretName: 'tls-secret' } },
    });
  }
}

/**
 * The shop: `shop.example.com/api` to `api`, `/` to `web`, and `admin.shop.example.com` to
 * `admin`, all through one router (an Ingress, or HTTPRoutes with `api: RouteApi.GATEWAY`).
 */
export function addShop(scope: Construct, namespace: string, routerProps: IngressRouterProps): IngressRouter {
  const router = new IngressRouter(scope, 'shop-router', { namespace, ...routerProps });
  const agnhost = { image: 'registry.k8s.io/e2e-test-images/agnhost:2.53', runAsUser: 65532, namespace };
  new ExposedApp(scope, 'api', {
    ...agnhost,
    args: ['netexec', '--http-port=8080'],
    port: 80,
    containerPort: 8080,
    ingress: { router, host: 'shop.example.com', path: '/api' },
  });
  new ExposedApp(scope, 'web', {
    ...agnhost,
    args: ['netexec', '--http-port=8080'],
    port: 80,
    containerPort: 8080,
    ingress: { router, host: 'shop.example.com', path: '/' },
  });
  const admin = new ExposedApp(scope, 'admin', { ...agnhost, args: ['netexec', '--http-port=9090'], port: 9090, portName: 'admin' });
  router.addRoute({ host: 'admin.shop.example.com', backend: admin });
  return router;
}

/** One shared Ingress: fan-out by path on one host, plus a second host (name-based virtual hosting). */
export class IngressRouterExample extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    exampleNamespace(this, 'shop');
    addShop(this, 'shop', {
      ingressClassName: 'nginx',
      tls: [{ secretName: 'shop-tls', hosts: ['shop.example.com', 'admin.shop.example.com'] }],
    });
  }
}
