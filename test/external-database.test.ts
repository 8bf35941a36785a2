import { Testing } from 'cdk8s';
import {
  EndpointsApi, ExposedApp, ExternalDatabase, ExternalDatabaseProps, HeadlessGroup, Protocol, ServiceAlias,
  ServiceRef,
} from '../lib';
import { ExternalExamples } from '../apps/external-examples';
import { find, newChart, synth } from './util';

function build(props: ExternalDatabaseProps) {
  const chart = newChart({ namespace: 'example' });
  const db = new ExternalDatabase(chart, 'mysql', props);
  return { db, out: synth(chart) };
}

describe('ExternalDatabase by address', () => {
  const { db, out } = build({ addresses: ['192.168.0.200', '192.168.0.201'], port: 3306, portName: 'mysql' });
  const svc = find(out, 'Service');
  const slice = find(out, 'EndpointSlice');

  test('a Service without a selector and an EndpointSlice, no Endpoints', () => {
    expect(out.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Service/mysql', 'EndpointSlice/mysql-ipv4']);
    expect(svc.spec.selector).toBeUndefined();
    expect(svc.spec.ports).toEqual([{ name: 'mysql', port: 3306, targetPort: 3306 }]);
    expect(svc.spec.ipFamilies).toBeUndefined();
    expect(svc.spec.ipFamilyPolicy).toBeUndefined();
  });

  test('the slice belongs to the Service and is managed by this library', () => {
    expect(slice.apiVersion).toBe('discovery.k8s.io/v1');
    expect(slice.metadata.labels['kubernetes.io/service-name']).toBe('mysql');
    expect(slice.metadata.labels['endpointslice.kubernetes.io/managed-by']).toBe('cdk8s-service-patterns');
    expect(slice.addressType).toBe('IPv4');
    expect(slice.endpoints).toEqual([{ addresses: ['192.168.0.200'] }, { addresses: ['192.168.0.201'] }]);
  });

  test('slice ports match the Service ports by name', () => {
    expect(slice.ports).toEqual([{ name: 'mysql', port: 3306 }]);
    for (const p of slice.ports) expect(svc.spec.ports.map((sp: { name: string }) => sp.name)).toContain(p.name);
  });

  test('handles', () => {
    expect(db.dnsName).toBe('mysql.example.svc.cluster.local');
    expect(db.port).toBe(3306);
    expect(db.connectionEnv('DB')).toEqual({ DB_HOST: 'mysql.example.svc.cluster.local', DB_PORT: '3306' });
    expect(db.connectionEnv()).toEqual({ MYSQL_HOST: 'mysql.example.svc.cluster.local', MYSQL_PORT: '3306' });
  });
});

describe('ExternalDatabase options', () => {
  test('port name defaults to tcp; a different outside port', () => {
    const { out } = build({ addresses: ['10.1.2.3'], port: 5432, targetPort: 6432 });
    expect(find(out, 'Service').spec.ports).toEqual([{ name: 'tcp', port: 5432, targetPort: 6432 }]);
    expect(find(out, 'EndpointSlice').ports).toEqual([{ name: 'tcp', port: 6432 }]);
  });

  test('IPv6 only: an IPv6 slice and a single-stack IPv6 Service', () => {
    const { out } = build({ addresses: ['2001:db8::10'], port: 3306 });
    expect(find(out, 'Service').spec).toMatchObject({ ipFamilies: ['IPv6'], ipFamilyPolicy: 'SingleStack' });
    expect(find(out, 'EndpointSlice')).toMatchObject({ metadata: { name: 'mysql-ipv6' }, addressType: 'IPv6' });
  });

  test('mixed families: one slice per family and a dual-stack Service', () => {
    const { out } = build({ addresses: ['2001:db8::10', '192.0.2.10'], port: 3306 });
    expect(find(out, 'Service').spec).toMatchObject({ ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'PreferDualStack' });
    expect(find(out, 'EndpointSlice', 'mysql-ipv4').endpoints).toEqual([{ addresses: ['192.0.2.10'] }]);
    expect(find(out, 'EndpointSlice', 'mysql-ipv6').endpoints).toEqual([{ addresses: ['2001:db8::10'] }]);
  });

  test('legacy Endpoints only', () => {
    const { out } = build({ addresses: ['192.0.2.10'], port: 53, protocol: Protocol.UDP, portName: 'dns', endpointsApi: EndpointsApi.ENDPOINTS });
    expect(out.map((o) => o.kind)).toEqual(['Service', 'Endpoints']);
    const ep = find(out, 'Endpoints');
    expect(ep.metadata.name).toBe('mysql');
    expect(ep.metadata.labels['endpointslice.kubernetes.io/skip-mirror']).toBeUndefined();
    expect(ep.subsets).toEqual([{ addresses: [{ ip: '192.0.2.10' }], ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] }]);
  });

  test('both: the Endpoints are not mirrored again', () => {
    const { out } = build({ addresses: ['192.0.2.10'], port: 3306, endpointsApi: EndpointsApi.BOTH });
    expect(out.map((o) => o.kind)).toEqual(['Service', 'EndpointSlice', 'Endpoints']);
    expect(find(out, 'Endpoints').metadata.labels['endpointslice.kubernetes.io/skip-mirror']).toBe('true');
  });

  test('several ports', () => {
    const { out } = build({ addresses: ['192.0.2.10'], ports: [{ name: 'http', port: 80, containerPort: 8080 }, { name: 'https', port: 443 }] });
    expect(find(out, 'EndpointSlice').ports).toEqual([{ name: 'http', port: 8080 }, { name: 'https', port: 443 }]);
  });
});

describe('ExternalName', () => {
  test('an ExternalName Service with its ports, never a selector', () => {
    const { out, db } = build({ externalName: 'www.kubernetes.io', port: 6379 });
    expect(out).toHaveLength(1);
    const svc = find(out, 'Service');
    expect(svc.spec).toEqual({ type: 'ExternalName', externalName: 'www.kubernetes.io', ports: [{ name: 'tcp', port: 6379 }] });
    expect(db.dnsName).toBe('mysql.example.svc.cluster.local');
  });

  test('a trailing dot is allowed', () => {
    expect(find(build({ externalName: 'db.example.com.', port: 5432 }).out, 'Service').spec.externalName).toBe('db.example.com.');
  });
});

describe('ServiceAlias', () => {
  test('an ExternalName Service pointing at the target in another namespace', () => {
    const chart = newChart();
    const backend = new ExposedApp(chart, 'backend-service', { image: 'nginx:1.27', namespace: 'example', port: 5000 });
    const alias = new ServiceAlias(chart, 'backend-alias', { target: backend, namespace: 'other' });
    const svc = find(synth(chart), 'Service', 'backend-alias');
    expect(svc.metadata.namespace).toBe('other');
    expect(svc.spec).toEqual({ type: 'ExternalName', externalName: 'backend-service.example.svc.cluster.local', ports: [{ name: 'tcp', port: 5000 }] });
    expect(alias.dnsName).toBe('backend-alias.other.svc.cluster.local');
    expect(alias.port).toBe(5000);
    expect(alias.connectionEnv('API')).toEqual({ API_HOST: 'backend-alias.other.svc.cluster.local', API_PORT: '5000' });
  });

  test('targets a ServiceRef, a HeadlessGroup or an ExternalDatabase', () => {
    const chart = newChart();
    const ref = ServiceRef.fromName(chart, 'ref', 'backend-service', { namespace: 'example' });
    const group = new HeadlessGroup(chart, 'peers', { image: 'nginx:1.27', namespace: 'data' });
    const db = new ExternalDatabase(chart, 'db', { addresses: ['192.0.2.1'], port: 5432, namespace: 'data' });
    new ServiceAlias(chart, 'a', { target: ref });
    new ServiceAlias(chart, 'b', { target: group });
    new ServiceAlias(chart, 'c', { target: db });
    const out = synth(chart);
    expect(find(out, 'Service', 'a').spec).toEqual({ type: 'ExternalName', externalName: 'backend-service.example.svc.cluster.local' });
    expect(find(out, 'Service', 'b').spec.externalName).toBe('peers.data.svc.cluster.local');
    expect(find(out, 'Service', 'c').spec.ports).toEqual([{ name: 'tcp', port: 5432 }]);
  });

  test('an alias to itself is refused', () => {
    const chart = newChart();
    const ref = ServiceRef.fromName(chart, 'ref', 'api', { namespace: 'default' });
    expect(() => new ServiceAlias(chart, 'api', { target: ref })).toThrow(
      "ServiceAlias 'test/api': name \"api\" is the target itself (\"api.default.svc.cluster.local\"): an alias needs another name or namespace");
  });
});

// Bad inputs with their exact messages: test/bad-inputs.ts (run by the corpus test).

describe('external examples', () => {
  test('namespace example and its alias', () => {
    const out = synth(new ExternalExamples(Testing.app(), 'external'));
    expect(out).toMatchSnapshot();
    expect(find(out, 'Service', 'backend-service').spec).toMatchObject({ type: 'ClusterIP', ports: [{ port: 5000 }] });
    expect(find(out, 'Service', 'backend-service').spec.sessionAffinity).toBeUndefined();
    expect(find(out, 'EndpointSlice', 'mysql-ipv4')).toMatchObject({ endpoints: [{ addresses: ['192.168.0.200'] }], ports: [{ name: 'tcp', port: 3306 }] });
    expect(find(out, 'Service', 'www-kubernetes').spec).toMatchObject({ type: 'ExternalName', externalName: 'www.kubernetes.io', ports: [{ port: 6379 }] });
    expect(find(out, 'Service', 'backend-alias')).toMatchObject({ metadata: { namespace: 'other' }, spec: { externalName: 'backend-service.example.svc.cluster.local' } });
    expect(find(out, 'Deployment', 'frontend').spec.template.spec.containers[0].env).toEqual([
      { name: 'BACKEND_HOST', value: 'backend-service.example.svc.cluster.local' },
      { name: 'BACKEND_PORT', value: '5000' },
      { name: 'BACKEND_URL', value: 'http://backend-service.example.svc.cluster.local:5000' },
    ]);
  });
});
