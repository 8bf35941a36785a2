import { Chart, Testing } from 'cdk8s';
import {
  ExposedApp, IngressOptions, IngressRouter, PathType, ServiceRef, ServiceType,
} from '../lib';
import { IngressHttpExample, IngressHttpsExample, IngressRouterExample } from '../apps/ingress-examples';
import { find, newChart, synth } from './util';

const IMAGE = 'nginx:1.27';

function appWithIngress(ingress: IngressOptions, extra: object = {}) {
  const chart = newChart();
  const app = new ExposedApp(chart, 'web', { image: IMAGE, ingress, ...extra });
  const out = synth(chart);
  return { app, out, ing: find(out, 'Ingress') };
}

describe('ExposedApp ingress', () => {
  test('an Ingress of its own, named after the app, to the named Service port', () => {
    const { app, out, ing } = appWithIngress({ host: 'www.example.com', ingressClassName: 'nginx' });
    expect(out.map((o) => o.kind)).toEqual(['Service', 'Deployment', 'PodDisruptionBudget', 'Ingress']);
    expect(ing.apiVersion).toBe('networking.k8s.io/v1');
    expect(ing.metadata.name).toBe('web');
    expect(ing.metadata.labels['app.kubernetes.io/name']).toBe('web');
    expect(ing.spec).toEqual({
      ingressClassName: 'nginx',
      rules: [{
        host: 'www.example.com',
        http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } }] },
      }],
    });
    expect(app.ingress).toBeDefined();
    expect(app.externalUrl).toBe('http://www.example.com/');
  });

  test('no host, no class: a catch-all rule and the cluster default class', () => {
    const { app, ing } = appWithIngress({});
    expect(ing.spec.ingressClassName).toBeUndefined();
    expect(ing.spec.rules).toEqual([{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } }] } }]);
    expect(app.externalUrl).toBeUndefined();
  });

  test('TLS hosts default to the rule host and make the URL https', () => {
    const { app, ing } = appWithIngress({ host: 'www.example.com', path: '/shop', pathType: PathType.EXACT, tls: { secretName: 'tls-secret' } });
    expect(ing.spec.tls).toEqual([{ hosts: ['www.example.com'], secretName: 'tls-secret' }]);
    expect(ing.spec.rules[0].http.paths[0]).toMatchObject({ path: '/shop', pathType: 'Exact' });
    expect(app.externalUrl).toBe('https://www.example.com/shop');
  });

  test('a wildcard TLS host covers the rule host', () => {
    const { app } = appWithIngress({ host: 'a.example.com', tls: { secretName: 'wild', hosts: ['*.example.com'] } });
    expect(app.externalUrl).toBe('https://a.example.com/');
  });

  test('annotations, a chosen port, and any service type', () => {
    const { ing, out } = appWithIngress(
      { host: 'a.example.com', portName: 'admin', annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/' } },
      { serviceType: ServiceType.NODE_PORT, ports: [{ name: 'http', port: 80 }, { name: 'admin', port: 9000 }] },
    );
    expect(ing.metadata.annotations).toEqual({ 'nginx.ingress.kubernetes.io/rewrite-target': '/' });
    expect(ing.spec.rules[0].http.paths[0].backend.service.port).toEqual({ name: 'admin' });
    expect(find(out, 'Service').spec.type).toBe('NodePort');
  });

  test('the Ingress follows the app namespace', () => {
    const { ing } = appWithIngress({ host: 'a.example.com' }, { namespace: 'shop' });
    expect(ing.metadata.namespace).toBe('shop');
  });
});

describe('IngressRouter', () => {
  function shop(order: 'forward' | 'reverse') {
    const chart = newChart({ namespace: 'shop' });
    const router = new IngressRouter(chart, 'shop', { ingressClassName: 'nginx' });
    const api = new ExposedApp(chart, 'api', { image: IMAGE, port: 8080, portName: 'api' });
    const web = new ExposedApp(chart, 'web', { image: IMAGE });
    const routes = [
      { host: 'shop.example.com', path: '/api', backend: api },
      { host: 'shop.example.com', path: '/', backend: web },
      { host: 'www.example.com', backend: web },
      { path: '/', backend: web },
    ];
    for (const r of order === 'forward' ? routes : [...routes].reverse()) router.addRoute(r);
    router.addTls({ secretName: 'shop-tls', hosts: ['shop.example.com'] });
    return synth(chart);
  }

  test('fan-out by path and virtual hosts by name, in a stable order', () => {
    const out = shop('forward');
    const ing = find(out, 'Ingress');
    expect(ing.metadata).toMatchObject({ name: 'shop', namespace: 'shop' });
    const backend = (name: string, port: string) => ({ service: { name, port: { name: port } } });
    expect(ing.spec.rules).toEqual([
      {
        host: 'shop.example.com',
        http: {
          paths: [
            { path: '/', pathType: 'Prefix', backend: backend('web', 'http') },
            { path: '/api', pathType: 'Prefix', backend: backend('api', 'api') },
          ],
        },
      },
      { host: 'www.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend('web', 'http') }] } },
      { http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend('web', 'http') }] } },
    ]);
    expect(ing.spec.tls).toEqual([{ hosts: ['shop.example.com'], secretName: 'shop-tls' }]);
    expect(JSON.stringify(shop('reverse'))).toBe(JSON.stringify(out));
  });

  test('apps join a router instead of writing their own Ingress', () => {
    const chart = newChart();
    const router = new IngressRouter(chart, 'edge');
    new ExposedApp(chart, 'a', { image: IMAGE, ingress: { router, host: 'a.example.com', tls: { secretName: 'a-tls' } } });
    const b = new ExposedApp(chart, 'b', { image: IMAGE, ingress: { router, host: 'b.example.com' } });
    const out = synth(chart);
    expect(out.filter((o) => o.kind === 'Ingress')).toHaveLength(1);
    const ing = find(out, 'Ingress');
    expect(ing.spec.rules.map((r: { host: string }) => r.host)).toEqual(['a.example.com', 'b.example.com']);
    expect(ing.spec.tls).toEqual([{ hosts: ['a.example.com'], secretName: 'a-tls' }]);
    expect(b.ingress).toBe(router.ingress);
    expect(b.externalUrl).toBe('http://b.example.com/');
  });

  test('default backend and routes to a ServiceRef by number', () => {
    const chart = newChart();
    const legacy = ServiceRef.fromName(chart, 'legacy', 'legacy-web', { port: 8080 });
    const fallback = ServiceRef.fromName(chart, 'fallback', 'fallback', { port: 80, portName: 'http' });
    new IngressRouter(chart, 'edge', {
      defaultBackend: fallback,
      routes: [{ host: 'old.example.com', backend: legacy }],
    });
    const ing = find(synth(chart), 'Ingress');
    expect(ing.spec.defaultBackend).toEqual({ service: { name: 'fallback', port: { name: 'http' } } });
    expect(ing.spec.rules[0].http.paths[0].backend).toEqual({ service: { name: 'legacy-web', port: { number: 8080 } } });
  });

  test('a default backend alone is a valid Ingress', () => {
    const chart = newChart();
    new IngressRouter(chart, 'edge', { defaultBackend: ServiceRef.fromName(chart, 'fb', 'fallback', { port: 80 }) });
    expect(find(synth(chart), 'Ingress').spec.rules).toBeUndefined();
  });
});

describe('IngressRouter resource backends', () => {
  // The Kubernetes docs' ingress-resource-backend.yaml: a storage bucket as default backend and for /icons.
  const STATIC = { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'static-assets' };
  const ICONS = { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'icon-assets' };

  test('a resource as a route and as the default backend, as the docs example writes them', () => {
    const chart = newChart();
    new IngressRouter(chart, 'ingress-resource-backend', {
      defaultResourceBackend: STATIC,
      routes: [{ path: '/icons', pathType: PathType.IMPLEMENTATION_SPECIFIC, resource: ICONS }],
    });
    expect(find(synth(chart), 'Ingress').spec).toEqual({
      defaultBackend: { resource: STATIC },
      rules: [{ http: { paths: [{ path: '/icons', pathType: 'ImplementationSpecific', backend: { resource: ICONS } }] } }],
    });
  });

  test('resources and Services side by side; the core group is written without apiGroup', () => {
    const chart = newChart();
    const router = new IngressRouter(chart, 'files');
    const web = new ExposedApp(chart, 'web', { image: IMAGE });
    router.addRoute({ host: 'files.example.com', backend: web });
    router.addRoute({ host: 'files.example.com', path: '/pages', resource: { apiGroup: '', kind: 'ConfigMap', name: 'pages' } });
    router.addRoute({ host: 'files.example.com', path: '/logo', resource: { kind: 'ConfigMap', name: 'logo' } });
    router.useDefaultResourceBackend(STATIC);
    const ing = find(synth(chart), 'Ingress');
    expect(ing.spec.defaultBackend).toEqual({ resource: STATIC });
    expect(ing.spec.rules[0].http.paths.map((p: { backend: object }) => p.backend)).toEqual([
      { service: { name: 'web', port: { name: 'http' } } },
      { resource: { kind: 'ConfigMap', name: 'logo' } },
      { resource: { kind: 'ConfigMap', name: 'pages' } },
    ]);
    // the topology picture draws Services only
    expect(router._routeList.map((r) => r.serviceName)).toEqual(['web']);
  });

  test('a resource route and its conflicts follow the same rules as a Service route', () => {
    const chart = newChart();
    const router = new IngressRouter(chart, 'files', { routes: [{ path: '/icons', resource: ICONS }] });
    expect(() => router.addRoute({ path: '/icons', resource: STATIC })).toThrow(
      "IngressRouter 'test/files': route \"*/icons\" (Prefix) from 'test/files' conflicts with the same route from 'test/files'");
  });

  test.each([
    ['neither backend nor resource', { path: '/x' },
      'a route needs a backend (a Service) or a resource (another object): give one'],
    ['a port with a resource', { resource: ICONS, port: 80 },
      'port 80 picks a Service port: it does not go with resource'],
    ['a kind with "/"', { resource: { ...ICONS, kind: 'storage/Bucket' } },
      'resource.kind "storage/Bucket" must not contain "/" or "%"'],
    ['a name that is ".."', { resource: { ...ICONS, name: '..' } },
      'resource.name ".." must not be "." or ".."'],
    ['an empty name', { resource: { ...ICONS, name: '' } },
      'resource.name "" must not be empty'],
    ['an upper-case apiGroup', { resource: { ...ICONS, apiGroup: 'K8s.example.com' } },
      'resource.apiGroup "K8s.example.com" '],
  ])('%s', (_what, route, message) => {
    const chart = newChart();
    const router = new IngressRouter(chart, 'files');
    expect(() => router.addRoute(route)).toThrow(`IngressRouter 'test/files': ${message}`);
  });

  test('a Service and a resource in one route, and both default backends', () => {
    const chart = newChart();
    const web = new ExposedApp(chart, 'web', { image: IMAGE });
    expect(() => new IngressRouter(chart, 'a', { routes: [{ backend: web, resource: ICONS }] })).toThrow(
      `IngressRouter 'test/a': resource ${JSON.stringify(ICONS)} cannot be combined with backend: give one`);
    expect(() => new IngressRouter(chart, 'b', { defaultBackend: web, defaultResourceBackend: STATIC })).toThrow(
      `IngressRouter 'test/b': defaultResourceBackend ${JSON.stringify(STATIC)} cannot be combined with defaultBackend: give one`);
  });

  test('HTTPRoute names are for Gateway mode', () => {
    const chart = newChart();
    expect(() => new IngressRouter(chart, 'edge', { httpRouteNames: { 'a.example.com': 'a' } })).toThrow(
      "IngressRouter 'test/edge': httpRouteNames {\"a.example.com\":\"a\"} is for api GATEWAY: an Ingress is one object, named after the router (use name)");
  });
});

describe('Ingress bad input', () => {
  test('class or annotations on an app that joins a router', () => {
    const chart = newChart();
    const router = new IngressRouter(chart, 'edge');
    expect(() => new ExposedApp(chart, 'web', { image: IMAGE, ingress: { router, ingressClassName: 'nginx' } })).toThrow(
      "ExposedApp 'test/web': ingress.router \"test/edge\" is shared: set ingressClassName and annotations on the router, not on the app");
  });

  test('the same host, path and type twice names both construct paths', () => {
    const chart = newChart();
    const router = new IngressRouter(chart, 'edge');
    new ExposedApp(chart, 'api', { image: IMAGE, ingress: { router, host: 'shop.example.com', path: '/api' } });
    const api2 = new ExposedApp(chart, 'api2', { image: IMAGE });
    expect(() => router.addRoute({ host: 'shop.example.com', path: '/api', backend: api2 })).toThrow(
      "IngressRouter 'test/edge': route \"shop.example.com/api\" (Prefix) from 'test/api2' conflicts with the same route from 'test/api'");
    // the same path with another type is a different route
    router.addRoute({ host: 'shop.example.com', path: '/api', pathType: PathType.EXACT, backend: api2 });
  });

  test('a backend in another namespace', () => {
    const chart = newChart();
    const router = new IngressRouter(chart, 'edge');
    const other = ServiceRef.fromName(chart, 'other', 'db', { namespace: 'data', port: 80 });
    expect(() => router.addRoute({ backend: other })).toThrow(
      "IngressRouter 'test/edge': backend \"test/other\" is in namespace \"data\" but the Ingress is in \"default\": an Ingress can only reach Services in its own namespace (use a ServiceAlias, or api GATEWAY)");
  });

  test('a route to a port the Service does not have', () => {
    const chart = newChart();
    const router = new IngressRouter(chart, 'edge');
    const web = new ExposedApp(chart, 'web', { image: IMAGE });
    expect(() => router.addRoute({ backend: web, port: 8080 })).toThrow(
      "IngressRouter 'test/edge': backend.port 8080 is not a TCP port of Service \"web\" (TCP ports: 80 (http))");
  });

  test('a router without routes fails at synth', () => {
    const chart = newChart();
    new IngressRouter(chart, 'edge');
    expect(() => synth(chart)).toThrow(
      "IngressRouter 'test/edge': an Ingress needs at least one route or a default backend: call addRoute or setDefaultBackend");
  });

  test('a TLS host that no rule serves fails at synth', () => {
    const chart = newChart();
    const router = new IngressRouter(chart, 'edge', { tls: [{ secretName: 'x', hosts: ['b.example.com'] }] });
    router.addRoute({ host: 'a.example.com', backend: new ExposedApp(chart, 'web', { image: IMAGE }) });
    expect(() => synth(chart)).toThrow(
      "IngressRouter 'test/edge': tls.hosts \"b.example.com\" is served by no rule of this Ingress (hosts: a.example.com)");
  });

  test('two Services may not share a node port, even across charts', () => {
    const app = Testing.app();
    new ExposedApp(new Chart(app, 'one'), 'a', { image: IMAGE, serviceType: ServiceType.NODE_PORT, nodePort: 30000 });
    expect(() => new ExposedApp(new Chart(app, 'two'), 'b', { image: IMAGE, serviceType: ServiceType.NODE_PORT, nodePort: 30000 })).toThrow(
      "ExposedApp 'two/b': nodePort 30000 is already used by 'one/a': node ports are cluster-wide");
  });
});

describe('Ingress examples', () => {
  test.each([
    ['http', IngressHttpExample],
    ['https', IngressHttpsExample],
    ['router', IngressRouterExample],
  ] as const)('%s', (_name, Example) => {
    const out = synth(new Example(Testing.app(), 'example'));
    expect(out).toMatchSnapshot();
    for (const ing of out.filter((o) => o.kind === 'Ingress')) {
      for (const rule of ing.spec.rules) {
        for (const p of rule.http.paths) {
          const svc = find(out, 'Service', p.backend.service.name);
          expect(svc.spec.ports.map((sp: { name: string }) => sp.name)).toContain(p.backend.service.port.name);
        }
      }
    }
  });

  test('httpd: NodePort and an nginx Ingress for www.lixing.com', () => {
    const out = synth(new IngressHttpExample(Testing.app(), 'example'));
    expect(find(out, 'Service', 'httpd').spec).toMatchObject({ type: 'NodePort', ports: [{ port: 8080, nodePort: 30080 }] });
    expect(find(out, 'Ingress', 'httpd').spec).toMatchObject({ ingressClassName: 'nginx', rules: [{ host: 'www.lixing.com' }] });
    expect(find(out, 'Ingress', 'httpd').metadata.namespace).toBe('ns-demo');
  });
});
