import { Chart, Testing } from 'cdk8s';
import {
  AllowedRoutes, ExposedApp, Gateway, GatewayRef, IngressRouter, IngressRouterProps, ListenerProtocol, PathType,
  RouteApi, ServiceRef,
} from '../lib';
import { formatIssue, validateManifests } from '../lib/validation';
import { GatewayExamples } from '../apps/gateway-examples';
import { find, Manifest, newChart, synth } from './util';

const IMAGE = 'nginx:1.27';

describe('ExposedApp route', () => {
  test('an HTTPRoute attached to the Gateway, to the app Service port', () => {
    const chart = newChart({ namespace: 'shop' });
    const app = new ExposedApp(chart, 'web', {
      image: IMAGE, port: 8080,
      route: { gateway: GatewayRef.fromName(chart, 'gw', 'public', { namespace: 'infra', sectionName: 'https' }), hostnames: ['shop.example.com', '*.shop.example.com'] },
    });
    const out = synth(chart);
    const route = find(out, 'HTTPRoute');
    expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(route.metadata).toMatchObject({ name: 'web', namespace: 'shop' });
    expect(route.spec).toEqual({
      parentRefs: [{ name: 'public', namespace: 'infra', sectionName: 'https' }],
      hostnames: ['shop.example.com', '*.shop.example.com'],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'web', port: 8080 }] }],
    });
    expect(app.httpRoute).toBeDefined();
    expect(out.some((o) => o.kind === 'ReferenceGrant')).toBe(false);
  });

  test('a Gateway in the same namespace, Exact and RegularExpression matches, a chosen port', () => {
    const chart = newChart();
    const gw = GatewayRef.fromName(chart, 'gw', 'local');
    new ExposedApp(chart, 'a', { image: IMAGE, route: { gateway: gw, path: '/login', pathType: PathType.EXACT } });
    new ExposedApp(chart, 'b', {
      image: IMAGE, ports: [{ name: 'http', port: 80 }, { name: 'admin', port: 9000 }],
      route: { gateway: gw, path: '/v[0-9]+/admin', pathType: PathType.REGULAR_EXPRESSION, portName: 'admin' },
    });
    const out = synth(chart);
    expect(find(out, 'HTTPRoute', 'a').spec).toEqual({
      parentRefs: [{ name: 'local' }],
      rules: [{ matches: [{ path: { type: 'Exact', value: '/login' } }], backendRefs: [{ name: 'a', port: 80 }] }],
    });
    expect(find(out, 'HTTPRoute', 'b').spec.rules[0]).toEqual({
      matches: [{ path: { type: 'RegularExpression', value: '/v[0-9]+/admin' } }], backendRefs: [{ name: 'b', port: 9000 }],
    });
  });
});

/** The routing table as (host, path, match, service, port number) tuples, from an Ingress or HTTPRoutes. */
function table(out: Manifest[]): string[] {
  const portNumber = (service: string, port: { name?: string; number?: number }) =>
    port.number ?? find(out, 'Service', service).spec.ports.find((p: { name: string }) => p.name === port.name).port;
  const ingress = out.filter((o) => o.kind === 'Ingress').flatMap((ing) => ing.spec.rules.flatMap((r: { host?: string; http: { paths: Array<{ path: string; pathType: string; backend: { service: { name: string; port: object } } }> } }) =>
    r.http.paths.map((p) => `${r.host ?? '*'} ${p.path} ${p.pathType === 'Prefix' ? 'PathPrefix' : p.pathType} ${p.backend.service.name}:${portNumber(p.backend.service.name, p.backend.service.port)}`)));
  const routes = out.filter((o) => o.kind === 'HTTPRoute').flatMap((route) => route.spec.rules.map((r: { matches: Array<{ path: { type: string; value: string } }>; backendRefs: Array<{ name: string; port: number }> }) =>
    `${route.spec.hostnames?.[0] ?? '*'} ${r.matches[0].path.value} ${r.matches[0].path.type} ${r.backendRefs[0].name}:${r.backendRefs[0].port}`));
  return [...ingress, ...routes].sort();
}

describe('IngressRouter as Ingress or Gateway', () => {
  function shop(props: (chart: Chart) => IngressRouterProps) {
    const chart = newChart({ namespace: 'shop' });
    const router = new IngressRouter(chart, 'shop', props(chart));
    const api = new ExposedApp(chart, 'api', { image: IMAGE, port: 8080, portName: 'api' });
    const web = new ExposedApp(chart, 'web', { image: IMAGE, ingress: { router, host: 'shop.example.com' } });
    router.addRoute({ host: 'shop.example.com', path: '/api', backend: api });
    router.addRoute({ host: 'shop.example.com', path: '/api/health', pathType: PathType.EXACT, backend: api });
    router.addRoute({ host: '*.example.com', backend: web });
    router.addRoute({ path: '/', backend: web });
    return synth(chart);
  }

  test('the same routing table renders both ways', () => {
    const ingress = shop(() => ({ ingressClassName: 'nginx' }));
    const gateway = shop((chart) => ({ api: RouteApi.GATEWAY, gateway: GatewayRef.fromName(chart, 'gw', 'public', { namespace: 'infra' }) }));
    expect(ingress.some((o) => o.kind === 'HTTPRoute')).toBe(false);
    expect(gateway.some((o) => o.kind === 'Ingress')).toBe(false);
    expect(table(gateway)).toEqual(table(ingress));
    expect(table(ingress)).toEqual([
      '* / PathPrefix web:80',
      '*.example.com / PathPrefix web:80',
      'shop.example.com / PathPrefix web:80',
      'shop.example.com /api PathPrefix api:8080',
      'shop.example.com /api/health Exact api:8080',
    ]);
  });

  test('one HTTPRoute per host, with stable names', () => {
    const out = shop((chart) => ({ api: RouteApi.GATEWAY, gateway: GatewayRef.fromName(chart, 'gw', 'public', { namespace: 'infra' }) }));
    expect(out.filter((o) => o.kind === 'HTTPRoute').map((o) => o.metadata.name).sort()).toEqual([
      'shop', 'shop-shop-example-com', 'shop-wildcard-example-com',
    ]);
    expect(find(out, 'HTTPRoute', 'shop-shop-example-com').spec.parentRefs).toEqual([{ name: 'public', namespace: 'infra' }]);
  });

  test('a default backend becomes the catch-all rule', () => {
    const chart = newChart();
    const fallback = ServiceRef.fromName(chart, 'fb', 'fallback', { port: 80 });
    new IngressRouter(chart, 'edge', { api: RouteApi.GATEWAY, gateway: GatewayRef.fromName(chart, 'gw', 'gw'), defaultBackend: fallback });
    expect(find(synth(chart), 'HTTPRoute', 'edge').spec.rules).toEqual([
      { matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'fallback', port: 80 }] },
    ]);
  });

  test('backends in other namespaces get a ReferenceGrant there', () => {
    const chart = newChart();
    const router = new IngressRouter(chart, 'edge', { namespace: 'edge', api: RouteApi.GATEWAY, gateway: GatewayRef.fromName(chart, 'gw', 'gw') });
    const a = new ExposedApp(chart, 'a', { image: IMAGE, namespace: 'team-a' });
    const b = new ExposedApp(chart, 'b', { image: IMAGE, namespace: 'team-a', port: 8080 });
    router.addRoute({ host: 'a.example.com', backend: a });
    router.addRoute({ host: 'b.example.com', backend: b });
    const out = synth(chart);
    expect(find(out, 'HTTPRoute', 'edge-a-example-com').spec.rules[0].backendRefs).toEqual([{ name: 'a', namespace: 'team-a', port: 80 }]);
    const grant = find(out, 'ReferenceGrant');
    expect(grant.apiVersion).toBe('gateway.networking.k8s.io/v1beta1');
    expect(grant.metadata).toMatchObject({ name: 'edge-from-edge', namespace: 'team-a' });
    expect(grant.spec).toEqual({
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'edge' }],
      to: [{ group: '', kind: 'Service', name: 'a' }, { group: '', kind: 'Service', name: 'b' }],
    });
  });
});

describe('Gateway', () => {
  test('HTTP and HTTPS listeners with certificates and allowed namespaces', () => {
    const chart = newChart();
    const gw = new Gateway(chart, 'public', {
      namespace: 'infra',
      gatewayClassName: 'eg',
      listeners: [
        { name: 'http', protocol: ListenerProtocol.HTTP },
        { name: 'https', protocol: ListenerProtocol.HTTPS, hostname: 'www.example.com', tlsSecretName: 'www-tls', allowedRoutes: AllowedRoutes.ALL_NAMESPACES },
        { name: 'alt', protocol: ListenerProtocol.HTTPS, port: 8443, tlsSecretName: 'wild-tls', tlsSecretNamespace: 'certs' },
      ],
    });
    const out = synth(chart);
    const g = find(out, 'Gateway');
    expect(g.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(g.spec).toEqual({
      gatewayClassName: 'eg',
      listeners: [
        { name: 'http', protocol: 'HTTP', port: 80 },
        {
          name: 'https', protocol: 'HTTPS', port: 443, hostname: 'www.example.com',
          tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: 'www-tls' }] },
          allowedRoutes: { namespaces: { from: 'All' } },
        },
        { name: 'alt', protocol: 'HTTPS', port: 8443, tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: 'wild-tls', namespace: 'certs' }] } },
      ],
    });
    expect(find(out, 'ReferenceGrant').spec).toEqual({
      from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'infra' }],
      to: [{ group: '', kind: 'Secret', name: 'wild-tls' }],
    });
    expect(gw.gatewayName).toBe('public');
    expect(gw.gatewayNamespace).toBe('infra');
  });

  test('an app attaches to a Gateway construct', () => {
    const chart = newChart();
    const gateway = new Gateway(chart, 'gw', { gatewayClassName: 'eg', namespace: 'infra', listeners: [{ name: 'http', protocol: ListenerProtocol.HTTP }] });
    new ExposedApp(chart, 'web', { image: IMAGE, route: { gateway } });
    expect(find(synth(chart), 'HTTPRoute').spec.parentRefs).toEqual([{ name: 'gw', namespace: 'infra' }]);
  });
});

describe('one PathType for Ingress and HTTPRoute', () => {
  test('a router writes PREFIX, EXACT and REGULAR_EXPRESSION as the HTTPRoute types', () => {
    const chart = newChart();
    const router = new IngressRouter(chart, 'edge', { api: RouteApi.GATEWAY, gateway: GatewayRef.fromName(chart, 'gw', 'gw') });
    const web = new ExposedApp(chart, 'web', { image: IMAGE });
    router.addRoute({ host: 'a.example.com', path: '/', backend: web });
    router.addRoute({ host: 'a.example.com', path: '/login', pathType: PathType.EXACT, backend: web });
    router.addRoute({ host: 'a.example.com', path: '/v[0-9]+', pathType: PathType.REGULAR_EXPRESSION, backend: web });
    const route = synth(chart).find((m) => m.kind === 'HTTPRoute')!;
    expect(route.spec.rules.map((r: { matches: Array<{ path: object }> }) => r.matches[0].path)).toEqual([
      { type: 'PathPrefix', value: '/' }, { type: 'Exact', value: '/login' }, { type: 'RegularExpression', value: '/v[0-9]+' },
    ]);
  });
});

describe('IngressRouter HTTPRoute names', () => {
  const gatewayRouter = (chart: Chart, props: Partial<IngressRouterProps> = {}) =>
    new IngressRouter(chart, 'shop', { api: RouteApi.GATEWAY, gateway: GatewayRef.fromName(chart, 'gw', 'public', { namespace: 'infra' }), ...props });

  test('named by host; "*" names the routes without a host and the default backend; the rest keep <router>-<host>', () => {
    const chart = newChart();
    const web = new ExposedApp(chart, 'web', { image: IMAGE });
    const router = gatewayRouter(chart, { httpRouteNames: { 'shop.example.com': 'storefront', '*': 'fallback' }, defaultBackend: web });
    new ExposedApp(chart, 'api', { image: IMAGE, ingress: { router, host: 'shop.example.com', path: '/api' } });
    router.addRoute({ host: 'shop.example.com', backend: web });
    router.addRoute({ host: 'www.example.com', backend: web });
    const out = synth(chart);
    expect(router.httpRouteObjects.map((r) => r.name)).toEqual(['fallback', 'shop-www-example-com', 'storefront']);
    expect(find(out, 'HTTPRoute', 'storefront').spec).toMatchObject({ hostnames: ['shop.example.com'] });
    expect(find(out, 'HTTPRoute', 'storefront').spec.rules).toHaveLength(2);
    expect(find(out, 'HTTPRoute', 'fallback').spec).toEqual({
      parentRefs: [{ name: 'public', namespace: 'infra' }],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'web', port: 80 }] }],
    });
  });

  test('the same routes without names write the same HTTPRoutes under the derived names', () => {
    const build = (names?: { [host: string]: string }) => {
      const chart = newChart();
      const router = gatewayRouter(chart, { httpRouteNames: names });
      router.addRoute({ host: 'a.example.com', backend: new ExposedApp(chart, 'web', { image: IMAGE }) });
      return find(synth(chart), 'HTTPRoute').spec;
    };
    expect(build({ 'a.example.com': 'a' })).toEqual(build());
  });

  test('a name another construct writes is a clash naming both', () => {
    const chart = newChart();
    new ExposedApp(chart, 'storefront', { image: IMAGE, route: { gateway: GatewayRef.fromName(chart, 'gw2', 'public') } });
    const router = gatewayRouter(chart, { httpRouteNames: { 'shop.example.com': 'storefront' } });
    expect(() => router.addRoute({ host: 'shop.example.com', backend: ServiceRef.fromName(chart, 'web', 'web', { port: 80 }) })).toThrow(
      "IngressRouter 'test/shop': httpRouteNames[\"shop.example.com\"] \"storefront\" clashes with 'test/storefront': both write HTTPRoute \"storefront\" in namespace \"default\"");
  });

  test('two hosts whose derived names are equal: an error instead of one HTTPRoute silently losing the other host', () => {
    const chart = newChart();
    const router = gatewayRouter(chart);
    const web = ServiceRef.fromName(chart, 'web', 'web', { port: 80 });
    router.addRoute({ host: 'a-b.example.com', backend: web });
    expect(() => router.addRoute({ host: 'a.b.example.com', backend: web })).toThrow(
      "IngressRouter 'test/shop': name \"shop-a-b-example-com\" is already the name of the HTTPRoute for host \"a-b.example.com\", so host \"a.b.example.com\" cannot have it too: give one of them its own name in httpRouteNames");
    // named apart, both hosts are written
    const chart2 = newChart();
    const router2 = gatewayRouter(chart2, { httpRouteNames: { 'a.b.example.com': 'a-dot-b' } });
    const web2 = ServiceRef.fromName(chart2, 'web', 'web', { port: 80 });
    router2.addRoute({ host: 'a-b.example.com', backend: web2 });
    router2.addRoute({ host: 'a.b.example.com', backend: web2 });
    expect(router2.httpRouteObjects.map((r) => r.name)).toEqual(['a-dot-b', 'shop-a-b-example-com']);
  });

  test.each([
    ['a name given to two hosts', { 'a.example.com': 'web', 'b.example.com': 'web' },
      'httpRouteNames["b.example.com"] "web" is also given to host "a.example.com": each host\'s HTTPRoute needs a name of its own'],
    ['a name that is no DNS subdomain', { 'a.example.com': 'Web' },
      'httpRouteNames["a.example.com"] "Web" '],
    ['a key that is no host', { 'A.example.com': 'web' },
      'httpRouteNames "A.example.com" is not a host: it must be lower-case (the keys are route hosts, or "*" for the routes without a host)'],
  ])('%s', (_what, names, message) => {
    expect(() => gatewayRouter(newChart(), { httpRouteNames: names })).toThrow(`IngressRouter 'test/shop': ${message}`);
  });

  test('a host named like an Object property ("constructor") gets the derived name', () => {
    const chart = newChart();
    const router = gatewayRouter(chart, { httpRouteNames: { 'shop.example.com': 'storefront' } });
    router.addRoute({ host: 'constructor', backend: ServiceRef.fromName(chart, 'web', 'web', { port: 80 }) });
    expect(router.httpRouteObjects.map((r) => r.name)).toEqual(['shop-constructor']);
  });

  test('a name for a host no route has fails at synth', () => {
    const chart = newChart();
    const router = gatewayRouter(chart, { httpRouteNames: { 'shop.exmaple.com': 'storefront' } });
    router.addRoute({ host: 'shop.example.com', backend: ServiceRef.fromName(chart, 'web', 'web', { port: 80 }) });
    expect(() => synth(chart)).toThrow(
      "IngressRouter 'test/shop': httpRouteNames[\"shop.exmaple.com\"] \"storefront\" names the HTTPRoute of host \"shop.exmaple.com\", but no route of this router has that host (hosts: shop.example.com)");
  });

  test('resource backends are refused in Gateway mode', () => {
    const chart = newChart();
    const bucket = { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'icon-assets' };
    const message = 'is an Ingress resource backend, which api GATEWAY cannot write: an HTTPRoute of this router routes to Services (use api INGRESS, or a Service backend)';
    expect(() => gatewayRouter(chart, { routes: [{ path: '/icons', resource: bucket }] })).toThrow(
      `IngressRouter 'test/shop': resource "StorageBucket/icon-assets" ${message}`);
    expect(() => gatewayRouter(newChart(), { defaultResourceBackend: bucket })).toThrow(
      `IngressRouter 'test/shop': defaultResourceBackend "StorageBucket/icon-assets" ${message}`);
  });
});

describe('Gateway API bad input', () => {
  test('more than 16 rules for one host fail at synth', () => {
    const chart = newChart();
    const router = new IngressRouter(chart, 'edge', { api: RouteApi.GATEWAY, gateway: GatewayRef.fromName(chart, 'gw', 'gw') });
    const web = new ExposedApp(chart, 'web', { image: IMAGE });
    for (let i = 0; i < 17; i++) router.addRoute({ host: 'a.example.com', path: `/p${i}`, backend: web });
    expect(() => synth(chart)).toThrow(
      "IngressRouter 'test/edge': routes for a.example.com 17 rules are more than the 16 an HTTPRoute allows: split the routes over several routers");
  });

  test('the schema check covers Gateway API objects', () => {
    const broken: Manifest = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r' }, spec: { rules: 'all' } };
    expect(validateManifests([broken], { lints: false }).map(formatIssue)).toEqual(['[schema] HTTPRoute r: /spec/rules must be array {"type":"array"}']);
  });
});

describe('gateway examples', () => {
  test('httpd and the shop through Gateway public in infra', () => {
    const out = synth(new GatewayExamples(Testing.app(), 'gateway'));
    expect(out).toMatchSnapshot();
    const gw = find(out, 'Gateway', 'public');
    expect(gw.metadata.namespace).toBe('infra');
    expect(gw.spec.listeners.find((l: { protocol: string }) => l.protocol === 'HTTPS').tls.certificateRefs).toEqual([{ kind: 'Secret', name: 'tls-secret' }]);
    expect(find(out, 'HTTPRoute', 'httpd').spec.hostnames).toEqual(['www.lixing.com']);
    expect(table(out)).toContain('shop.example.com /api PathPrefix api:80');
  });
});
