import { ApiObject, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { parseAllDocuments } from 'yaml';
import * as kplus from 'cdk8s-plus-27';
import {
  ExposedApp, HeadlessGroup, IngressRouter, IpFamily, IpFamilyPolicy, Namespaces, PodSecurity, PodSource, Protocol, Service, ServiceAlias, ServiceRef,
  ServiceType, SessionAffinity, Topology,
} from '../lib';
import { synthValidated } from '../lib/validation';
import { find, Manifest, newChart, selects, synth } from './util';

const IMAGE = 'ghcr.io/acme/myapp:1';

describe('several Services over one Deployment (the notes: ClusterIP, NodePort, LoadBalancer, headless)', () => {
  const chart = newChart({ namespace: 'default' });
  const myapp = new ExposedApp(chart, 'myapp', { image: IMAGE, replicas: 3, port: 80, containerPort: 8080 });
  const nodePort = myapp.addService({ name: 'myapp-nodeport', serviceType: ServiceType.NODE_PORT, ports: [{ name: 'http', port: 80, targetPortName: 'http', nodePort: 30080 }] });
  const lb = myapp.addService({ name: 'myapp-lb', serviceType: ServiceType.LOAD_BALANCER, sessionAffinity: SessionAffinity.CLIENT_IP });
  const headless = myapp.addService({ name: 'myapp-headless', headless: true });
  const out = synth(chart);
  const deploy = find(out, 'Deployment');
  const podLabels = deploy.spec.template.metadata.labels;

  test('every Service selects the Deployment\'s pods and targets its named container port', () => {
    for (const name of ['myapp', 'myapp-nodeport', 'myapp-lb', 'myapp-headless']) {
      const svc = find(out, 'Service', name);
      expect([name, selects(svc.spec.selector, podLabels)]).toEqual([name, true]);
    }
    expect(find(out, 'Service', 'myapp-nodeport').spec).toMatchObject({ type: 'NodePort', ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }] });
    expect(find(out, 'Service', 'myapp-lb').spec).toMatchObject({ type: 'LoadBalancer', sessionAffinity: 'ClientIP', ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
    expect(find(out, 'Service', 'myapp-headless').spec).toMatchObject({ type: 'ClusterIP', clusterIP: 'None' });
    expect(deploy.spec.template.spec.containers[0].ports).toEqual([{ name: 'http', containerPort: 8080 }]);
  });

  test('handles: names, DNS, ports resolved to the container port', () => {
    expect([nodePort.serviceName, nodePort.dnsName]).toEqual(['myapp-nodeport', 'myapp-nodeport.default.svc.cluster.local']);
    expect(lb.ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080, nodePort: undefined }]);
    expect(headless.headless).toBe(true);
  });

  test('the Services appear in the topology picture, pointing at the Deployment', () => {
    const picture = Topology.describe(chart);
    expect(picture).toContain('svc_default_myapp_nodeport(["Service myapp-nodeport<br/>NodePort http 80->8080 node 30080"])');
    expect(picture).toContain('svc_default_myapp_headless --> wl_default_myapp');
  });
});

describe('Services over pods something else runs', () => {
  test('a cdk8s-plus-27 Deployment, with its named ports checked', () => {
    const chart = newChart();
    const web = new kplus.Deployment(chart, 'web', { containers: [{ image: IMAGE, ports: [{ number: 8080, name: 'http' }], securityContext: { ensureNonRoot: false } }] });
    const svc = new Service(chart, 'web-svc', { pods: PodSource.fromPlusWorkload(web), ports: [{ port: 80, targetPortName: 'http' }] });
    const out = Testing.synth(chart) as Manifest[];
    const s = out.find((m) => m.kind === 'Service')!;
    expect(s.spec.selector).toEqual(web.matchLabels);
    expect(s.spec.ports).toEqual([{ port: 80, targetPort: 'http' }]);
    expect(svc.ports[0].targetPort).toBe(8080);
    expect(() => new Service(chart, 'bad', { pods: PodSource.fromPlusWorkload(web), ports: [{ port: 80, targetPortName: 'metrics' }] }))
      .toThrow("Service 'test/bad': ports[0].targetPortName \"metrics\" names no TCP container port of the pods (named ports: http (8080/TCP))");
  });

  test('pods known only by labels, in a namespace of their own', () => {
    const chart = newChart();
    const legacy = new Service(chart, 'legacy', { pods: PodSource.fromLabels({ app: 'legacy' }, { namespace: 'old' }), ports: [{ port: 80, targetPort: 8080 }] });
    // The pods are not in these manifests, so the lint "selector matches no pod template" is expected.
    const s = find(synthValidated(chart, { lints: false }) as Manifest[], 'Service');
    expect(s.metadata.namespace).toBe('old');
    expect(s.spec).toEqual({ type: 'ClusterIP', selector: { app: 'legacy' }, ports: [{ port: 80, targetPort: 8080 }] });
    expect(legacy.dnsName).toBe('legacy.old.svc.cluster.local');
  });

  test('one Service over a stable and a canary track; each Deployment keeps its own selector', () => {
    const chart = newChart();
    const stable = new ExposedApp(chart, 'web-stable', { image: 'ghcr.io/acme/web:1.4', replicas: 4, labels: { 'app': 'web', 'track': 'stable' } });
    const canary = new ExposedApp(chart, 'web-canary', { image: 'ghcr.io/acme/web:1.5', replicas: 1, labels: { 'app': 'web', 'track': 'canary' } });
    new Service(chart, 'web', { pods: PodSource.fromTracks(chart, [stable, canary], { app: 'web' }) });
    const out = synth(chart);
    const svc = find(out, 'Service', 'web');
    expect(svc.spec.selector).toEqual({ app: 'web' });
    expect(svc.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http' }]);
    const stableDeploy = find(out, 'Deployment', 'web-stable');
    const canaryDeploy = find(out, 'Deployment', 'web-canary');
    expect(selects(svc.spec.selector, stableDeploy.spec.template.metadata.labels)).toBe(true);
    expect(selects(svc.spec.selector, canaryDeploy.spec.template.metadata.labels)).toBe(true);
    expect(selects(stableDeploy.spec.selector.matchLabels, canaryDeploy.spec.template.metadata.labels)).toBe(false);
    expect(Topology.describe(chart)).toContain('svc_default_web --> wl_default_web_canary');
  });

  test('tracks with different ports: the error says what each track has and what to do', () => {
    const chart = newChart();
    const stable = new ExposedApp(chart, 'web-stable', { image: IMAGE, containerPort: 8080, labels: { app: 'web' } });
    const canary = new ExposedApp(chart, 'web-canary', { image: IMAGE, containerPort: 9090, labels: { app: 'web' } });
    const pods = PodSource.fromTracks(chart, [stable, canary], { app: 'web' });
    expect(() => new Service(chart, 'web', { pods })).toThrow(
      "Service 'test/web': ports [] must be given: the tracks have no named container port in common (same name, number and protocol) to default to "
      + '(test/web-stable has http 8080/TCP; test/web-canary has http 9090/TCP); '
      + 'give every track the same container port, or pass ports with a targetPort that every track listens on');
    // Kubernetes would resolve the name per pod; refused on purpose (docs/services.md).
    expect(() => new Service(chart, 'web-by-name', { pods, ports: [{ name: 'http', port: 80, targetPortName: 'http' }] })).toThrow(
      "Service 'test/web-by-name': ports[0].targetPortName \"http\" names no TCP container port of the pods (named ports every track has with the same number: none)");
  });

  test('tracks with no port name in common: the error lists each track\'s ports', () => {
    const chart = newChart();
    const stable = PodSource.fromLabels({ app: 'web', track: 'stable' }, { ports: [{ name: 'http', containerPort: 8080, protocol: Protocol.TCP }] });
    const canary = PodSource.fromLabels({ app: 'web', track: 'canary' }, { ports: [{ name: 'web', containerPort: 8080, protocol: Protocol.TCP }] });
    const pods = PodSource.fromTracks(chart, [stable, canary], { app: 'web' });
    expect(() => new Service(chart, 'web', { pods })).toThrow(
      "Service 'test/web': ports [] must be given: the tracks have no named container port in common (same name, number and protocol) to default to "
      + '({"app":"web","track":"stable"} has http 8080/TCP; {"app":"web","track":"canary"} has web 8080/TCP); '
      + 'give every track the same container port, or pass ports with a targetPort that every track listens on');
    new Service(chart, 'web-by-number', { pods, ports: [{ name: 'http', port: 80, targetPort: 8080 }] });
    expect(find(synthValidated(chart, { lints: false }) as Manifest[], 'Service', 'web-by-number').spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 8080 }]);
  });

  test('a track without the shared labels is refused', () => {
    const chart = newChart();
    const stable = new ExposedApp(chart, 'web-stable', { image: IMAGE, labels: { app: 'web' } });
    const canary = new ExposedApp(chart, 'web-canary', { image: IMAGE });
    expect(() => PodSource.fromTracks(chart, [stable, canary], { app: 'web' })).toThrow(
      "PodSource 'test': sources[1] \"test/web-canary\" does not carry app=web: give its pods these labels (the workload's labels prop), or the Service would select none of them");
  });

  test('dual-stack families and traffic options', () => {
    const chart = newChart();
    const app = new ExposedApp(chart, 'web', { image: IMAGE });
    app.addService({ name: 'web-dual', ipFamilies: [IpFamily.IPV6, IpFamily.IPV4], ipFamilyPolicy: IpFamilyPolicy.PREFER_DUAL_STACK });
    expect(find(synth(chart), 'Service', 'web-dual').spec).toMatchObject({ ipFamilies: ['IPv6', 'IPv4'], ipFamilyPolicy: 'PreferDualStack' });
  });
});

describe('everything that takes a Service takes these', () => {
  test('connectTo, Ingress router backends, ServiceAlias, and NetworkPolicies of the pods behind', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'shop' });
    const api = new ExposedApp(chart, 'api', { image: IMAGE, port: 8080, networkPolicy: true });
    const apiPublic = api.addService({ name: 'api-public', serviceType: ServiceType.NODE_PORT, ports: [{ name: 'http', port: 80, targetPortName: 'http' }] });
    const web = new ExposedApp(chart, 'web', { image: IMAGE, networkPolicy: true });
    const env = web.connectTo(apiPublic);
    expect(env).toEqual({ API_PUBLIC_HOST: 'api-public.shop.svc.cluster.local', API_PUBLIC_PORT: '80', API_PUBLIC_URL: 'http://api-public.shop.svc.cluster.local:80' });
    const router = new IngressRouter(chart, 'edge');
    router.addRoute({ host: 'api.example.com', backend: apiPublic });
    new ServiceAlias(chart, 'api-alias', { target: apiPublic, namespace: 'other' });
    const out = synth(chart);
    const apiPolicy = find(out, 'NetworkPolicy', 'api');
    // The NodePort opens 8080 to anyone; web reaches 8080 through api-public; the Ingress controller too.
    expect(apiPolicy.spec.ingress).toEqual(expect.arrayContaining([
      { ports: [{ port: 8080 }] },
      { from: [{ podSelector: { matchLabels: web.selector } }], ports: [{ port: 8080 }] },
    ]));
    const webPolicy = find(out, 'NetworkPolicy', 'web');
    expect(webPolicy.spec.egress).toContainEqual({ to: [{ podSelector: { matchLabels: api.selector } }], ports: [{ port: 8080 }] });
    expect(find(out, 'Ingress', 'edge').spec.rules[0].http.paths[0].backend).toEqual({ service: { name: 'api-public', port: { name: 'http' } } });
  });

  test('HeadlessGroup with a governing Service that is not headless', () => {
    const chart = newChart();
    const group = new HeadlessGroup(chart, 'kv', { image: IMAGE, headless: false, port: 6379, portName: 'redis' });
    // With the lints on: a governing Service that is not headless is what this option asks for.
    const out = synthValidated(chart, { podSecurity: 'baseline' }) as Manifest[];
    expect(find(out, 'Service').spec.clusterIP).toBeUndefined();
    expect(find(out, 'StatefulSet').spec.serviceName).toBe('kv');
    expect(() => group.podDnsName(0)).toThrow("HeadlessGroup 'test/kv': podDnsName 0 is only available with a headless governing Service (headless: true): pods get no DNS records of their own otherwise");
  });
});

describe('Namespaces', () => {
  test('one Namespace per namespace written, first in the output, labelled with the weakest pod profile', () => {
    const chart = new Chart(Testing.app(), 'test');
    new Namespaces(chart, 'Namespaces');
    new ExposedApp(chart, 'web', { namespace: 'shop', image: IMAGE });
    new ExposedApp(chart, 'legacy', { namespace: 'legacy', image: IMAGE, podSecurity: PodSecurity.BASELINE });
    new ExposedApp(chart, 'api', { namespace: 'legacy', image: IMAGE });
    new ServiceRef(chart, 'ref', { name: 'x', namespace: 'elsewhere' });
    new ExposedApp(chart, 'nowhere', { image: IMAGE });
    const out = synth(chart);
    expect(out.slice(0, 2).map((m) => [m.kind, m.metadata.name, m.metadata.labels['pod-security.kubernetes.io/enforce']])).toEqual([
      ['Namespace', 'shop', 'restricted'],
      ['Namespace', 'legacy', 'baseline'],
    ]);
    expect(out.filter((m) => m.kind === 'Namespace')).toHaveLength(2);
  });

  test('created after the constructs it covers, or between them: the same complete Namespaces, still first', () => {
    const build = (order: 'first' | 'middle' | 'last'): Manifest[] => {
      const chart = new Chart(Testing.app(), 'test');
      if (order === 'first') new Namespaces(chart, 'Namespaces');
      new ExposedApp(chart, 'web', { namespace: 'shop', image: IMAGE });
      if (order === 'middle') new Namespaces(chart, 'Namespaces');
      new ExposedApp(chart, 'legacy', { namespace: 'legacy', image: IMAGE, podSecurity: PodSecurity.BASELINE });
      if (order === 'last') new Namespaces(chart, 'Namespaces');
      return synth(chart);
    };
    const first = build('first');
    expect(first.slice(0, 2).map((m) => [m.kind, m.metadata.name, m.metadata.labels['pod-security.kubernetes.io/enforce']])).toEqual([
      ['Namespace', 'shop', 'restricted'],
      ['Namespace', 'legacy', 'baseline'],
    ]);
    expect(build('middle')).toEqual(first);
    expect(build('last')).toEqual(first);
  });

  test('created last, with the constructs in nested scopes and a plain object first: Namespaces first, also through App.synth', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    new ApiObject(chart, 'config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config', namespace: 'shop' } });
    const team = new Construct(chart, 'team');
    new ExposedApp(new Construct(team, 'frontend'), 'web', { namespace: 'shop', image: IMAGE });
    new HeadlessGroup(team, 'db', { namespace: 'data', image: IMAGE, port: 5432 });
    const ops = new Construct(chart, 'ops');
    new ExposedApp(ops, 'tool', { namespace: 'tools', image: IMAGE });
    const namespaces = new Namespaces(ops, 'Namespaces');
    new ExposedApp(chart, 'late', { namespace: 'late', image: IMAGE });
    expect(namespaces.names).toEqual(['shop', 'data', 'tools', 'late']);
    const kinds = (out: Manifest[]) => out.map((m) => `${m.kind}/${m.metadata.name}`);
    const out = kinds(synth(chart));
    expect(out.slice(0, 5)).toEqual(['Namespace/shop', 'Namespace/data', 'Namespace/tools', 'Namespace/late', 'ConfigMap/config']);
    expect(kinds(parseAllDocuments(app.synthYaml()).map((d) => d.toJSON() as Manifest))).toEqual(out);
  });

  test('the cluster\'s own namespaces are left alone; default is written', () => {
    const chart = new Chart(Testing.app(), 'test');
    const namespaces = new Namespaces(chart, 'Namespaces');
    for (const ns of ['kube-system', 'kube-public', 'kube-node-lease', 'default']) new ExposedApp(chart, `app-${ns}`, { namespace: ns, image: IMAGE });
    const out = synth(chart);
    expect(out.filter((m) => m.kind === 'Namespace').map((m) => m.metadata.name)).toEqual(['default']);
    expect(namespaces.names).toEqual(['default']);
  });

  test('in a namespaced chart: the chart\'s namespace, without a namespace on the Namespace itself', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'shop' });
    new Namespaces(chart, 'Namespaces');
    const app = new ExposedApp(chart, 'web', { image: IMAGE });
    app.addService({ name: 'web-headless', headless: true });
    const ns = synth(chart)[0];
    expect(ns).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'app.kubernetes.io/managed-by': 'cdk8s-service-patterns', 'pod-security.kubernetes.io/enforce': 'restricted' } } });
  });
});
