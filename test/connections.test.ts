import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Chart, Testing } from 'cdk8s';
import {
  ExposedApp, ExternalDatabase, HeadlessGroup, IngressRouter, PatternDefaults, Protocol, ServiceAlias, ServiceRef,
  ServiceType, Topology, TopologyFormat, describeTopology, GatewayRef, RouteApi,
} from '../lib';
import { buildExamples } from '../apps/examples';
import { topologyMarkdown } from '../scripts/topology';
import { find, Manifest, newChart, selects, synth } from './util';

const IMAGE = 'nginx:1.27';
const env = (deploy: Manifest) => deploy.spec.template.spec.containers[0].env;

describe('connectTo', () => {
  test('sets HOST, PORT and URL from the provider, and turns service links off', () => {
    const chart = newChart({ namespace: 'shop' });
    const api = new ExposedApp(chart, 'api', { image: IMAGE, port: 8080, portName: 'http' });
    const web = new ExposedApp(chart, 'web', { image: IMAGE, env: { MODE: 'prod' } });
    expect(web.connectTo(api)).toEqual({
      API_HOST: 'api.shop.svc.cluster.local',
      API_PORT: '8080',
      API_URL: 'http://api.shop.svc.cluster.local:8080',
    });
    const deploy = find(synth(chart), 'Deployment', 'web');
    expect(env(deploy)).toEqual([
      { name: 'API_HOST', value: 'api.shop.svc.cluster.local' },
      { name: 'API_PORT', value: '8080' },
      { name: 'API_URL', value: 'http://api.shop.svc.cluster.local:8080' },
      { name: 'MODE', value: 'prod' },
    ]);
    expect(deploy.spec.template.spec.enableServiceLinks).toBe(false);
    expect(find(synth(chart), 'Deployment', 'api').spec.template.spec.enableServiceLinks).toBeUndefined();
  });

  test('prefix, port choice, short names in one namespace, full names across', () => {
    const chart = newChart({ namespace: 'default' });
    const db = new ExposedApp(chart, 'db', { image: IMAGE, ports: [{ name: 'postgres', port: 5432 }, { name: 'metrics', port: 9187 }] });
    const far = new ExposedApp(chart, 'far', { image: IMAGE, namespace: 'other' });
    const app = new ExposedApp(chart, 'app', { image: IMAGE });
    expect(app.connectTo(db, { prefix: 'PG', portName: 'postgres', shortName: true })).toEqual({
      PG_HOST: 'db', PG_PORT: '5432', PG_URL: 'postgres://db:5432',
    });
    expect(app.connectTo(far, { shortName: true })).toMatchObject({ FAR_HOST: 'far.other.svc.cluster.local' });
    expect(app.connectTo(db, { prefix: 'METRICS', port: 9187 })).toEqual({ METRICS_HOST: 'db.default.svc.cluster.local', METRICS_PORT: '9187' });
  });

  test('providers of every kind; no URL without a known scheme or for UDP', () => {
    const chart = newChart({ namespace: 'default' });
    const app = new ExposedApp(chart, 'app', { image: IMAGE });
    const mysql = new ExternalDatabase(chart, 'mysql', { addresses: ['192.0.2.10'], port: 3306 });
    const dns = new ExternalDatabase(chart, 'dns', { addresses: ['192.0.2.53'], port: 53, protocol: Protocol.UDP, portName: 'dns' });
    const peers = new HeadlessGroup(chart, 'peers', { image: IMAGE, ports: [{ name: 'gossip', port: 7946 }] });
    const ref = ServiceRef.fromName(chart, 'ref', 'legacy', { namespace: 'old', port: 443 });
    expect(app.connectTo(mysql)).toEqual({ MYSQL_HOST: 'mysql.default.svc.cluster.local', MYSQL_PORT: '3306', MYSQL_URL: 'mysql://mysql.default.svc.cluster.local:3306' });
    expect(app.connectTo(dns)).toEqual({ DNS_HOST: 'dns.default.svc.cluster.local', DNS_PORT: '53' });
    expect(app.connectTo(peers)).toEqual({ PEERS_HOST: 'peers.default.svc.cluster.local', PEERS_PORT: '7946' });
    expect(app.connectTo(ref)).toMatchObject({ LEGACY_URL: 'https://legacy.old.svc.cluster.local:443' });
    const group = new HeadlessGroup(chart, 'workers', { image: IMAGE });
    expect(group.connectTo(app)).toMatchObject({ APP_HOST: 'app.default.svc.cluster.local' });
  });

  test('without a written namespace: short names between such apps; a pinned consumer is refused', () => {
    const chart = newChart();
    const db = new ExposedApp(chart, 'db', { image: IMAGE, port: 5432 });
    const app = new ExposedApp(chart, 'app', { image: IMAGE });
    expect(app.connectTo(db)).toEqual({ DB_HOST: 'db', DB_PORT: '5432', DB_URL: 'postgres://db:5432' });
    const shop = new ExposedApp(chart, 'shop', { image: IMAGE, namespace: 'shop' });
    expect(() => shop.connectTo(db)).toThrow(
      "ExposedApp 'test/shop': connectTo \"test/db\" has no namespace written, so its DNS name \"db\" resolves only in the namespace it is applied to, which may not be \"shop\": give it a namespace (or its chart one)");
    const guarded = new ExposedApp(chart, 'guarded', { image: IMAGE, namespace: 'shop', networkPolicy: true });
    expect(() => app.connectTo(guarded)).toThrow(
      "ExposedApp 'test/app': connectTo \"test/guarded\" has a NetworkPolicy that must name this consumer's namespace, which is not written: give the consumer a namespace (or its chart one)");
    expect(app.connectTo(shop)).toMatchObject({ SHOP_HOST: 'shop.shop.svc.cluster.local' });
  });

  test('a clash with an existing variable names both', () => {
    const chart = newChart();
    const db = new ExposedApp(chart, 'db', { image: IMAGE });
    const app = new ExposedApp(chart, 'app', { image: IMAGE, env: { DB_HOST: 'x' } });
    expect(() => app.connectTo(db)).toThrow(
      "ExposedApp 'test/app': connectTo \"test/db\" sets DB_HOST, which is already set by env: pass another prefix");
    const other = new ExposedApp(chart, 'other', { image: IMAGE, name: 'db2' });
    app.connectTo(other, { prefix: 'STORE' });
    expect(() => app.connectTo(db, { prefix: 'STORE' })).toThrow(
      "ExposedApp 'test/app': connectTo \"test/db\" sets STORE_HOST, which is already set by connectTo 'test/other': pass another prefix");
  });

  test('with service links on, a name Kubernetes injects is refused', () => {
    const chart = newChart();
    const pg = new ExposedApp(chart, 'pg-service', { image: IMAGE, port: 5432 });
    const app = new ExposedApp(chart, 'app', { image: IMAGE, enableServiceLinks: true });
    expect(() => app.connectTo(pg)).toThrow(
      "ExposedApp 'test/app': connectTo \"test/pg-service\" sets PG_SERVICE_PORT, which Kubernetes injects for Service \"pg-service\" while enableServiceLinks is true: pass another prefix");
    app.connectTo(pg, { prefix: 'PG' });
    expect(find(synth(chart), 'Deployment', 'app').spec.template.spec.enableServiceLinks).toBe(true);
  });

  test('a port the provider does not have, and a bad prefix', () => {
    const chart = newChart();
    const db = new ExposedApp(chart, 'db', { image: IMAGE });
    const app = new ExposedApp(chart, 'app', { image: IMAGE });
    expect(() => app.connectTo(db, { port: 5432 })).toThrow(
      "ExposedApp 'test/app': connectTo.port 5432 is not a port of \"db\" (ports: 80 (http))");
    expect(() => app.connectTo(db, { prefix: '1DB' })).toThrow(
      "ExposedApp 'test/app': connectTo.prefix \"1DB\" gives 1DB_HOST, which is not a valid environment variable name: letters, digits, \"_\", \"-\" and \".\", not starting with a digit");
  });
});

describe('NetworkPolicy', () => {
  function wired() {
    const chart = newChart({ namespace: 'shop' });
    PatternDefaults.set(chart, { networkPolicy: true });
    const db = new ExternalDatabase(chart, 'db', { addresses: ['192.0.2.10', '2001:db8::10'], port: 5432 });
    const api = new ExposedApp(chart, 'api', { image: IMAGE, port: 80, containerPort: 8080 });
    const web = new ExposedApp(chart, 'web', { image: IMAGE, ingress: { host: 'shop.example.com' } });
    const ext = new ExternalDatabase(chart, 'saas', { externalName: 'api.saas.example.com', port: 443, portName: 'https' });
    const far = new ExposedApp(chart, 'far', { image: IMAGE, namespace: 'tools', networkPolicy: false });
    web.connectTo(api);
    api.connectTo(db);
    api.connectTo(ext);
    far.connectTo(api);
    return synth(chart);
  }
  const out = wired();
  const policy = (name: string) => find(out, 'NetworkPolicy', name).spec;
  const labels = (name: string) => find(out, 'Deployment', name).spec.template.metadata.labels;

  test('one policy per workload with the chart default; none where switched off', () => {
    expect(out.filter((o) => o.kind === 'NetworkPolicy').map((o) => o.metadata.name).sort()).toEqual(['api', 'web']);
    expect(policy('api').policyTypes).toEqual(['Ingress', 'Egress']);
    expect(selects(policy('api').podSelector.matchLabels, labels('api'))).toBe(true);
  });

  test('provider ingress: only from connected consumers, on the pod port', () => {
    const ingress = policy('api').ingress;
    expect(ingress).toHaveLength(2);
    const [fromFar, fromWeb] = ingress;
    expect(selects(fromWeb.from[0].podSelector.matchLabels, labels('web'))).toBe(true);
    expect(fromWeb.from[0].namespaceSelector).toBeUndefined();
    expect(fromWeb.ports).toEqual([{ port: 8080 }]);
    expect(fromFar.from[0].namespaceSelector).toEqual({ matchLabels: { 'kubernetes.io/metadata.name': 'tools' } });
    expect(selects(fromFar.from[0].podSelector.matchLabels, labels('far'))).toBe(true);
  });

  test('consumer egress: DNS, pods of providers, ipBlocks of outside addresses, any address for a DNS name', () => {
    const egress = policy('api').egress;
    expect(egress[0]).toEqual({
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
      ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }],
    });
    expect(egress[1]).toEqual({ to: [{ ipBlock: { cidr: '192.0.2.10/32' } }, { ipBlock: { cidr: '2001:db8::10/128' } }], ports: [{ port: 5432 }] });
    expect(egress[2]).toEqual({ ports: [{ port: 443 }] });
    const webEgress = policy('web').egress;
    expect(selects(webEgress[1].to[0].podSelector.matchLabels, labels('api'))).toBe(true);
    expect(webEgress[1].ports).toEqual([{ port: 8080 }]);
  });

  test('an app with an Ingress lets the controller namespace in', () => {
    expect(policy('web').ingress).toEqual([{
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }],
      ports: [{ port: 80 }],
    }]);
  });

  test('NodePort apps accept anyone on the exposed ports; headless peers accept each other', () => {
    const chart = newChart();
    PatternDefaults.set(chart, { networkPolicy: true, ingressControllerNamespace: 'traefik' });
    new ExposedApp(chart, 'edge', { image: IMAGE, serviceType: ServiceType.NODE_PORT, containerPort: 8080 });
    const g = new HeadlessGroup(chart, 'etcd', { image: IMAGE, ports: [{ name: 'client', port: 2379 }, { name: 'peer', port: 2380 }] });
    new IngressRouter(chart, 'r', { routes: [{ backend: g, portName: 'client' }] });
    const o = synth(chart);
    expect(find(o, 'NetworkPolicy', 'edge').spec.ingress).toEqual([{ ports: [{ port: 8080 }] }]);
    const etcd = find(o, 'NetworkPolicy', 'etcd').spec;
    expect(etcd.ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'traefik' } } }], ports: [{ port: 2379 }] },
      { from: [{ podSelector: { matchLabels: g.selector } }], ports: [{ port: 2379 }, { port: 2380 }] },
    ]);
    expect(etcd.egress[1]).toEqual({ to: [{ podSelector: { matchLabels: g.selector } }], ports: [{ port: 2379 }, { port: 2380 }] });
  });

  test('an alias resolves to its target pods; a ServiceRef to its namespace', () => {
    const chart = newChart();
    const target = new ExposedApp(chart, 'backend', { image: IMAGE, namespace: 'example', port: 5000 });
    const alias = new ServiceAlias(chart, 'backend-alias', { target });
    const ref = ServiceRef.fromName(chart, 'ref', 'legacy', { namespace: 'old', port: 8080 });
    const app = new ExposedApp(chart, 'app', { image: IMAGE, networkPolicy: true });
    app.connectTo(alias);
    app.connectTo(ref);
    const egress = find(synth(chart), 'NetworkPolicy', 'app').spec.egress;
    expect(egress[1]).toEqual({
      to: [{ podSelector: { matchLabels: target.selector }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'example' } } }],
      ports: [{ port: 5000 }],
    });
    expect(egress[2]).toEqual({ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'old' } } }], ports: [{ port: 8080 }] });
  });
});

describe('Topology', () => {
  function shop() {
    const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
    const api = new ExposedApp(chart, 'api', { image: IMAGE, replicas: 3, serviceType: ServiceType.NODE_PORT, nodePort: 30080, containerPort: 8080 });
    const web = new ExposedApp(chart, 'web', { image: IMAGE, replicas: 1, ingress: { host: 'shop.example.com' } });
    const db = new ExternalDatabase(chart, 'db', { addresses: ['192.0.2.10'], port: 5432 });
    web.connectTo(api);
    api.connectTo(db, { prefix: 'PG' });
    return chart;
  }

  test('Mermaid: Ingress -> Services -> workloads, connections, the outside', () => {
    expect(Topology.describe(shop())).toBe([
      'flowchart LR',
      '  subgraph ns_shop ["namespace shop"]',
      '    svc_shop_api(["Service api<br/>NodePort http 80->8080 node 30080"])',
      '    wl_shop_api["Deployment api<br/>3 replicas"]',
      '    svc_shop_web(["Service web<br/>ClusterIP http 80"])',
      '    wl_shop_web["Deployment web<br/>1 replica"]',
      '    ing_shop_web{{"Ingress web"}}',
      '    svc_shop_db(["Service db<br/>no selector tcp 5432"])',
      '  end',
      '  ext_shop_db[("outside: 192.0.2.10")]',
      '  svc_shop_api --> wl_shop_api',
      '  svc_shop_web --> wl_shop_web',
      '  ing_shop_web -->|"shop.example.com/ :http"| svc_shop_web',
      '  svc_shop_db --> ext_shop_db',
      '  wl_shop_api -.->|"PG :5432"| svc_shop_db',
      '  wl_shop_web -.->|"API :80"| svc_shop_api',
      '',
    ].join('\n'));
  });

  test('Gateways: an app route and a router in Gateway mode', () => {
    const chart = new Chart(Testing.app(), 'edge', { namespace: 'apps' });
    const gateway = GatewayRef.fromName(chart, 'gw', 'public', { namespace: 'infra' });
    new ExposedApp(chart, 'web', { image: IMAGE, route: { gateway, hostnames: ['web.example.com'] } });
    const router = new IngressRouter(chart, 'shop', { api: RouteApi.GATEWAY, gateway });
    router.addRoute({ host: 'shop.example.com', backend: new ExposedApp(chart, 'shop-web', { image: IMAGE }) });
    const text = Topology.describe(chart);
    expect(text).toContain('gw_infra_public{{"Gateway public"}}');
    expect(text).toContain('gw_infra_public -->|"HTTPRoute web.example.com/ :80"| svc_apps_web');
    expect(text).toContain('ing_apps_shop{{"HTTPRoutes shop"}}');
    expect(text).toContain('gw_infra_public --> ing_apps_shop');
  });

  test('describeTopology is Topology.describe', () => {
    expect(describeTopology(shop())).toBe(Topology.describe(shop()));
  });

  test('DOT', () => {
    const dot = Topology.describe(shop(), TopologyFormat.DOT);
    expect(dot).toContain('digraph topology {');
    expect(dot).toContain('subgraph cluster_shop {');
    expect(dot).toContain('wl_shop_api [label="Deployment api\\n3 replicas", shape=box];');
    expect(dot).toContain('wl_shop_web -> svc_shop_api [label="API :80", style=dashed];');
  });

  test('docs/topology.md is up to date (run npm run topology)', () => {
    expect(readFileSync(join(__dirname, '..', 'docs', 'topology.md'), 'utf8')).toBe(topologyMarkdown());
  });

  test('the examples wire frontend -> backend-service -> pg-service and mysql with policies', () => {
    const app = buildExamples(new App({ outdir: 'unused' }));
    const chart = app.charts.find((c) => c.node.id === 'external')!;
    const out = synth(chart);
    expect(env(find(out, 'Deployment', 'frontend')).map((e: { name: string }) => e.name)).toEqual(['BACKEND_HOST', 'BACKEND_PORT', 'BACKEND_URL']);
    expect(env(find(out, 'Deployment', 'backend-service')).map((e: { name: string }) => e.name)).toEqual([
      'DATABASE_HOST', 'DATABASE_PORT', 'DATABASE_URL', 'MYSQL_HOST', 'MYSQL_PORT', 'MYSQL_URL',
    ]);
    expect(out.filter((o) => o.kind === 'NetworkPolicy').map((o) => o.metadata.name)).toEqual(['backend-service', 'frontend', 'pg-service']);
    expect(find(out, 'NetworkPolicy', 'backend-service').spec.egress[1]).toEqual({ to: [{ ipBlock: { cidr: '192.168.0.200/32' } }], ports: [{ port: 3306 }] });
  });
});

describe('NetworkPolicy port order', () => {
  test('does not depend on the order of calls', () => {
    const policy = (order: number[]) => {
      const chart = newChart({ namespace: 'shop' });
      const api = new ExposedApp(chart, 'api', { image: IMAGE, networkPolicy: true, ports: [{ name: 'a', port: 8080 }, { name: 'b', port: 8443 }, { name: 'c', port: 9000 }] });
      const web = new ExposedApp(chart, 'web', { image: IMAGE });
      for (const p of order) web.connectTo(api, { port: p, prefix: `P${p}` });
      return find(synth(chart), 'NetworkPolicy', 'api').spec;
    };
    expect(policy([9000, 8080, 8443])).toEqual(policy([8443, 9000, 8080]));
    expect(policy([9000, 8080]).ingress[0].ports).toEqual([{ port: 8080 }, { port: 9000 }]);
  });
});
