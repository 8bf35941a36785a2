import {
  ExposedApp, ExternalDatabase, HeadlessGroup, IngressRouter, Protocol, Service, ServiceAlias, ServiceRef,
} from '../lib';
import { defaultPortName, portScheme } from '../lib/services/scheme';
import { find, newChart, synth } from './util';

const IMAGE = 'ghcr.io/acme/myapp:1';

describe('one rule for the scheme of a port: appProtocol, then the name, then a well-known number', () => {
  const cases: Array<[string, { name: string; port: number; protocol?: string; targetPort?: number; appProtocol?: string }, string | undefined]> = [
    ['PostgreSQL on its port, named http by the old default', { name: 'postgresql', port: 5432 }, 'postgres'],
    ['a port named for its transport only: the number decides', { name: 'tcp', port: 5432 }, 'postgres'],
    ['an unknown port named for its transport: no scheme', { name: 'tcp', port: 9000 }, undefined],
    ['an unknown name and port: no scheme', { name: 'metrics', port: 9187 }, undefined],
    ['a name the user gave decides over the number', { name: 'http', port: 5432 }, 'http'],
    ['<protocol>-<suffix> names', { name: 'https-admin', port: 9443 }, 'https'],
    ['appProtocol decides over name and number', { name: 'web', port: 443, appProtocol: 'kubernetes.io/h2c' }, 'http'],
    ['appProtocol kubernetes.io/wss', { name: 'tcp', port: 9000, appProtocol: 'kubernetes.io/wss' }, 'wss'],
    ['an appProtocol this library does not know: no scheme, even on 80', { name: 'http', port: 80, appProtocol: 'example.com/custom' }, undefined],
    ['UDP: no scheme', { name: 'dns', port: 53, protocol: 'UDP' }, undefined],
    ['Service port 80 in front of PostgreSQL: the numbers disagree, no scheme', { name: 'tcp', port: 80, targetPort: 5432 }, undefined],
    ['Service port 80 in front of 8080: both HTTP', { name: 'tcp', port: 80, targetPort: 8080 }, 'http'],
    ['an unknown Service port in front of a well-known one', { name: 'tcp', port: 15432, targetPort: 5432 }, 'postgres'],
  ];
  test.each(cases)('%s', (_, p, scheme) => {
    expect(portScheme({ protocol: 'TCP', ...p })).toBe(scheme);
  });

  test('the default port name claims only what the numbers or an HTTP route say', () => {
    expect(defaultPortName('TCP', 80, undefined, false)).toBe('http');
    expect(defaultPortName('TCP', 80, 8080, false)).toBe('http');
    expect(defaultPortName('TCP', 5432, undefined, false)).toBe('postgresql');
    expect(defaultPortName('TCP', 443, 8443, false)).toBe('https');
    expect(defaultPortName('TCP', 3000, undefined, false)).toBe('tcp');
    expect(defaultPortName('TCP', 3000, undefined, true)).toBe('http');
    expect(defaultPortName('TCP', 80, 5432, false)).toBe('tcp');
    expect(defaultPortName('UDP', 53, undefined, false)).toBe('udp');
  });
});

describe('handles never claim HTTP for a port that is not HTTP', () => {
  test('a PostgreSQL HeadlessGroup: port named postgresql, url and connectTo postgres://', () => {
    const chart = newChart({ namespace: 'data' });
    const db = new HeadlessGroup(chart, 'db', { image: IMAGE, port: 5432 });
    const app = new ExposedApp(chart, 'app', { image: IMAGE });
    expect(db.ports[0].name).toBe('postgresql');
    expect(app.connectTo(db)).toEqual({
      DB_HOST: 'db.data.svc.cluster.local', DB_PORT: '5432', DB_URL: 'postgres://db.data.svc.cluster.local:5432',
    });
    const out = synth(chart);
    expect(find(out, 'Service', 'db').spec.ports).toEqual([{ name: 'postgresql', port: 5432, targetPort: 5432 }]);
    expect(find(out, 'StatefulSet', 'db').spec.template.spec.containers[0].ports).toEqual([{ name: 'postgresql', containerPort: 5432 }]);
  });

  test('ExposedApp.url: the scheme when known, else host:port; an unknown port is not named http', () => {
    const chart = newChart({ namespace: 'shop' });
    expect(new ExposedApp(chart, 'pg', { image: IMAGE, port: 5432 }).url).toBe('postgres://pg.shop.svc.cluster.local:5432');
    const kafka = new ExposedApp(chart, 'kafka', { image: IMAGE, port: 9092 });
    expect(kafka.url).toBe('kafka.shop.svc.cluster.local:9092');
    expect(kafka.ports[0].name).toBe('tcp');
    expect(new ExposedApp(chart, 'web', { image: IMAGE }).url).toBe('http://web.shop.svc.cluster.local:80');
    expect(new ExposedApp(chart, 'node', { image: IMAGE, port: 3000, portName: 'http' }).url).toBe('http://node.shop.svc.cluster.local:3000');
    expect(new ExposedApp(chart, 'grpc', { image: IMAGE, port: 9000, appProtocol: 'kubernetes.io/h2c' }).url).toBe('http://grpc.shop.svc.cluster.local:9000');
    const routed = new ExposedApp(chart, 'routed', { image: IMAGE, port: 3000, ingress: { host: 'shop.example.com' } });
    expect([routed.ports[0].name, routed.url]).toEqual(['http', 'http://routed.shop.svc.cluster.local:3000']);
    const app = new ExposedApp(chart, 'app', { image: IMAGE });
    expect(app.connectTo(kafka)).toEqual({ KAFKA_HOST: 'kafka.shop.svc.cluster.local', KAFKA_PORT: '9092' });
  });

  test('ingress with a router names the port http; a route added later cannot rename it, so name it yourself', () => {
    const chart = newChart({ namespace: 'shop' });
    const router = new IngressRouter(chart, 'router', { namespace: 'shop' });
    const joined = new ExposedApp(chart, 'web', { image: IMAGE, port: 3000, ingress: { router, path: '/' } });
    expect(joined.ports[0].name).toBe('http');
    const later = new ExposedApp(chart, 'api', { image: IMAGE, port: 3000 });
    router.addRoute({ path: '/api', backend: later });
    expect([later.ports[0].name, later.url]).toEqual(['tcp', 'api.shop.svc.cluster.local:3000']);
    const named = new ExposedApp(chart, 'admin', { image: IMAGE, port: 3000, portName: 'http' });
    router.addRoute({ path: '/admin', backend: named });
    expect(named.url).toBe('http://admin.shop.svc.cluster.local:3000');
    const ingress = find(synth(chart), 'Ingress');
    expect(ingress.spec.rules[0].http.paths.map((p: { backend: { service: object } }) => p.backend.service)).toEqual([
      { name: 'web', port: { name: 'http' } }, { name: 'admin', port: { name: 'http' } }, { name: 'api', port: { name: 'tcp' } },
    ]);
  });

  test('appProtocol is written on Service and EndpointSlice ports, and checked', () => {
    const chart = newChart({ namespace: 'shop' });
    new ExposedApp(chart, 'web', { image: IMAGE, ports: [{ name: 'h2c', port: 80, containerPort: 8080, appProtocol: 'kubernetes.io/h2c' }] });
    const db = new ExternalDatabase(chart, 'db', { addresses: ['192.0.2.10'], port: 5432, appProtocol: 'postgresql' });
    new Service(chart, 'web-grpc', { pods: PodSourceOf(chart), ports: [{ name: 'grpc', port: 9000, targetPort: 9000, appProtocol: 'grpc' }] });
    const out = synth(chart);
    expect(find(out, 'Service', 'web').spec.ports).toEqual([{ name: 'h2c', port: 80, targetPort: 8080, appProtocol: 'kubernetes.io/h2c' }]);
    expect(find(out, 'Service', 'db').spec.ports).toEqual([{ name: 'tcp', port: 5432, targetPort: 5432, appProtocol: 'postgresql' }]);
    expect(find(out, 'EndpointSlice').ports).toEqual([{ name: 'tcp', port: 5432, appProtocol: 'postgresql' }]);
    expect(find(out, 'Service', 'web-grpc').spec.ports).toEqual([{ name: 'grpc', port: 9000, targetPort: 9000, appProtocol: 'grpc' }]);
    expect(db.ports[0].appProtocol).toBe('postgresql');
    expect(() => new ExposedApp(chart, 'bad', { image: IMAGE, appProtocol: 'not a protocol' })).toThrow(
      "ExposedApp 'test/bad': appProtocol \"not a protocol\" is not a valid appProtocol: an IANA service name (http, https, grpc) or a domain-prefixed name (kubernetes.io/h2c, example.com/proto), as a label key");
    expect(() => ServiceRef.fromName(chart, 'ref', 'x', { ports: [{ name: 'a', port: 1, appProtocol: 'a/b/c' }] })).toThrow(
      "ServiceRef 'test/ref': ports[0].appProtocol \"a/b/c\" is not a valid appProtocol");
  });
});

describe('ExternalName and TLS: the handles give the name the certificate carries', () => {
  test('connectTo an ExternalName on 443 gives the external host, not the Service name', () => {
    const chart = newChart({ namespace: 'shop' });
    const payments = new ExternalDatabase(chart, 'payments', { externalName: 'api.payments.example.com.', port: 443 });
    const app = new ExposedApp(chart, 'app', { image: IMAGE });
    expect(app.connectTo(payments)).toEqual({
      PAYMENTS_HOST: 'api.payments.example.com', PAYMENTS_PORT: '443', PAYMENTS_URL: 'https://api.payments.example.com:443',
    });
    expect(payments.connectionEnv()).toEqual({ PAYMENTS_HOST: 'api.payments.example.com', PAYMENTS_PORT: '443' });
    expect(payments.dnsName).toBe('payments.shop.svc.cluster.local');
  });

  test('through a ServiceAlias, and for a TLS appProtocol on another port', () => {
    const chart = newChart({ namespace: 'shop' });
    const ws = new ExternalDatabase(chart, 'feed', { namespace: 'vendors', externalName: 'feed.example.com', port: 8443, portName: 'feed', appProtocol: 'kubernetes.io/wss' });
    const alias = new ServiceAlias(chart, 'feed-alias', { target: ws });
    const app = new ExposedApp(chart, 'app', { image: IMAGE });
    expect(app.connectTo(alias, { shortName: true })).toEqual({
      FEED_ALIAS_HOST: 'feed.example.com', FEED_ALIAS_PORT: '8443', FEED_ALIAS_URL: 'wss://feed.example.com:8443',
    });
    expect(alias.connectionEnv('FEED')).toEqual({ FEED_HOST: 'feed.example.com', FEED_PORT: '8443' });
  });

  test('an alias of an in-cluster TLS Service gives the target\'s name; plain ports keep the alias', () => {
    const chart = newChart({ namespace: 'shop' });
    const api = new ExposedApp(chart, 'api', { image: IMAGE, namespace: 'core', ports: [{ name: 'https', port: 443, containerPort: 8443 }, { name: 'http', port: 80, containerPort: 8080 }] });
    const alias = new ServiceAlias(chart, 'api-alias', { target: api });
    const app = new ExposedApp(chart, 'app', { image: IMAGE });
    expect(app.connectTo(alias)).toEqual({
      API_ALIAS_HOST: 'api.core.svc.cluster.local', API_ALIAS_PORT: '443', API_ALIAS_URL: 'https://api.core.svc.cluster.local:443',
    });
    expect(app.connectTo(alias, { port: 80, prefix: 'PLAIN' })).toEqual({
      PLAIN_HOST: 'api-alias.shop.svc.cluster.local', PLAIN_PORT: '80', PLAIN_URL: 'http://api-alias.shop.svc.cluster.local:80',
    });
    const pg = new ExternalDatabase(chart, 'pg', { externalName: 'pg.example.com', port: 5432 });
    expect(app.connectTo(pg)).toEqual({ PG_HOST: 'pg.shop.svc.cluster.local', PG_PORT: '5432', PG_URL: 'postgres://pg.shop.svc.cluster.local:5432' });
  });
});

function PodSourceOf(chart: ReturnType<typeof newChart>) {
  return new ExposedApp(chart, 'grpc-app', { image: IMAGE, ports: [{ name: 'grpc', port: 9000, protocol: Protocol.TCP }] });
}
