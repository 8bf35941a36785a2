import { Chart, JsonPatch, Testing, Duration } from 'cdk8s';
import {
  ExposedApp, ExposedAppProps, ExternalTrafficPolicy, PatternDefaults, PodSecurity, Probe,
  ProbeScheme, Protocol, ServiceType, SessionAffinity, PercentOrAbsolute, Cpu, ResourceSetting } from '../lib';
import { ServiceWalkthrough } from '../apps/service-walkthrough';
import { synthValidated } from '../lib/validation';
import { find, Manifest, newChart, selects, synth } from './util';

const IMAGE = 'nginx:1.27';

function build(props: Partial<ExposedAppProps> = {}, id = 'web', chart = newChart()) {
  const app = new ExposedApp(chart, id, { image: IMAGE, ...props });
  const out = synth(chart);
  return { app, chart, out, deploy: find(out, 'Deployment'), svc: find(out, 'Service') };
}

const container = (deploy: Manifest) => deploy.spec.template.spec.containers[0];

describe('ExposedApp defaults', () => {
  const { app, out, deploy, svc } = build();

  test('writes its Service, a Deployment and a PodDisruptionBudget, named after the id, the Service first', () => {
    expect(out.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Service/web', 'Deployment/web', 'PodDisruptionBudget/web']);
    expect(deploy.apiVersion).toBe('apps/v1');
    expect(svc.apiVersion).toBe('v1');
  });

  test('the Service and Deployment select the pod labels', () => {
    const podLabels = deploy.spec.template.metadata.labels;
    expect(selects(svc.spec.selector, podLabels)).toBe(true);
    expect(deploy.spec.selector.matchLabels).toEqual(svc.spec.selector);
    expect(svc.spec.selector).toEqual({ 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'web' });
  });

  test('recommended labels on every object', () => {
    for (const o of out) {
      expect(o.metadata.labels).toEqual({
        'app.kubernetes.io/name': 'web',
        'app.kubernetes.io/instance': 'web',
        'app.kubernetes.io/managed-by': 'cdk8s-service-patterns',
      });
    }
  });

  test('ClusterIP Service on port 80 named http, targeting container port 80', () => {
    expect(svc.spec.type).toBe('ClusterIP');
    expect(svc.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 80 }]);
    expect(container(deploy).ports).toEqual([{ name: 'http', containerPort: 80 }]);
    expect(svc.spec.sessionAffinity).toBeUndefined();
  });

  test('two replicas, rolling update 25% surge and none unavailable', () => {
    expect(deploy.spec.replicas).toBe(2);
    expect(deploy.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } });
  });

  test('pods pass the restricted Pod Security Standard', () => {
    const pod = deploy.spec.template.spec;
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(container(deploy).securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(container(deploy).imagePullPolicy).toBeUndefined();
  });

  test('requests and a memory limit, no CPU limit', () => {
    expect(container(deploy).resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } });
  });

  test('a TCP readiness probe on the named port, nothing else', () => {
    expect(container(deploy).readinessProbe).toEqual({ tcpSocket: { port: 'http' } });
    expect(container(deploy).livenessProbe).toBeUndefined();
    expect(container(deploy).startupProbe).toBeUndefined();
  });

  test('no namespace written, no empty lists or maps', () => {
    expect(deploy.metadata.namespace).toBeUndefined();
    const text = JSON.stringify(out);
    expect(text).not.toMatch(/\[\]|\{\}/);
  });

  test('discovery handles', () => {
    expect(app.serviceName).toBe('web');
    expect(app.namespace).toBe('default');
    expect(app.port).toBe(80);
    // No namespace written: the full name could be wrong wherever the YAML is applied.
    expect(app.dnsName).toBe('web');
    expect(app.url).toBe('http://web:80');
    const pinned = build({}, 'web', newChart({ namespace: 'default' })).app;
    expect(pinned.dnsName).toBe('web.default.svc.cluster.local');
    expect(pinned.url).toBe('http://web.default.svc.cluster.local:80');
    expect(app.serviceHostEnv).toBe('WEB_SERVICE_HOST');
    expect(app.servicePortEnv).toBe('WEB_SERVICE_PORT');
    expect(app.ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP', targetPort: 80, nodePort: undefined }]);
  });
});

describe('ExposedApp props', () => {
  test('id is lower-cased; dashes become underscores in the injected variable names', () => {
    const { app, deploy } = build({}, 'MyApp-Front');
    expect(deploy.metadata.name).toBe('myapp-front');
    expect(app.serviceHostEnv).toBe('MYAPP_FRONT_SERVICE_HOST');
  });

  test('explicit name and namespace', () => {
    const { app, deploy, svc } = build({ name: 'frontend', namespace: 'shop' });
    expect(deploy.metadata).toMatchObject({ name: 'frontend', namespace: 'shop' });
    expect(svc.metadata).toMatchObject({ name: 'frontend', namespace: 'shop' });
    expect(app.dnsName).toBe('frontend.shop.svc.cluster.local');
  });

  test('the chart namespace is used for DNS and metadata', () => {
    const { app, svc } = build({}, 'web', newChart({ namespace: 'team-a' }));
    expect(app.namespace).toBe('team-a');
    expect(svc.metadata.namespace).toBe('team-a');
  });

  test('replicas, env, command and args', () => {
    const { deploy } = build({ replicas: 0, env: { MODE: 'prod', LOG_LEVEL: 'info' }, command: ['/bin/app'], args: ['--serve'] });
    expect(deploy.spec.replicas).toBe(0);
    expect(container(deploy)).toMatchObject({
      command: ['/bin/app'],
      args: ['--serve'],
      env: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'MODE', value: 'prod' }],
    });
  });

  test('port -> containerPort mapping with a custom name', () => {
    const { svc, deploy } = build({ port: 8080, containerPort: 3000, portName: 'web' });
    expect(svc.spec.ports).toEqual([{ name: 'web', port: 8080, targetPort: 3000 }]);
    expect(container(deploy).ports).toEqual([{ name: 'web', containerPort: 3000 }]);
    expect(container(deploy).readinessProbe.tcpSocket.port).toBe('web');
  });

  test('several ports; the same number for TCP and UDP is fine', () => {
    const { app, svc, deploy } = build({
      ports: [
        { name: 'dns-tcp', port: 53, containerPort: 5353 },
        { name: 'dns-udp', port: 53, containerPort: 5353, protocol: Protocol.UDP },
        { name: 'metrics', port: 9153 },
      ],
    });
    expect(svc.spec.ports).toEqual([
      { name: 'dns-tcp', port: 53, targetPort: 5353 },
      { name: 'dns-udp', port: 53, targetPort: 5353, protocol: 'UDP' },
      { name: 'metrics', port: 9153, targetPort: 9153 },
    ]);
    expect(container(deploy).ports).toEqual([
      { name: 'dns-tcp', containerPort: 5353 },
      { name: 'dns-udp', containerPort: 5353, protocol: 'UDP' },
      { name: 'metrics', containerPort: 9153 },
    ]);
    expect(app.port).toBe(53);
  });

  test('two Service ports onto one container port give one container port', () => {
    const { deploy } = build({ ports: [{ name: 'http', port: 80, containerPort: 8080 }, { name: 'alt', port: 8080 }] });
    expect(container(deploy).ports).toEqual([{ name: 'http', containerPort: 8080 }]);
  });

  test('UDP-only apps get no readiness probe, and a url without a scheme (no URL scheme names plain UDP)', () => {
    const { app, deploy } = build({ namespace: 'default', port: 80, containerPort: 9376, protocol: Protocol.UDP, portName: 'udp' });
    expect(container(deploy).readinessProbe).toBeUndefined();
    expect(app.url).toBe('web.default.svc.cluster.local:80');
  });

  test('NodePort with a fixed node port', () => {
    const { svc } = build({ serviceType: ServiceType.NODE_PORT, nodePort: 30008 });
    expect(svc.spec.type).toBe('NodePort');
    expect(svc.spec.ports[0].nodePort).toBe(30008);
  });

  test('a custom node port range', () => {
    const chart = newChart();
    const nodePortRange = { min: 20000, max: 22767 };
    new ExposedApp(chart, 'web', { image: IMAGE, serviceType: ServiceType.NODE_PORT, nodePort: 20080, nodePortRange });
    const svc = find(synthValidated(chart, { nodePortRange }) as Manifest[], 'Service');
    expect(svc.spec.ports[0].nodePort).toBe(20080);
  });

  test('LoadBalancer with source ranges, traffic policy and annotations', () => {
    const { svc } = build({
      serviceType: ServiceType.LOAD_BALANCER,
      loadBalancerSourceRanges: ['10.0.0.0/8', '2001:db8::/32'],
      externalTrafficPolicy: ExternalTrafficPolicy.LOCAL,
      serviceAnnotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' },
    });
    expect(svc.spec).toMatchObject({
      type: 'LoadBalancer',
      loadBalancerSourceRanges: ['10.0.0.0/8', '2001:db8::/32'],
      externalTrafficPolicy: 'Local',
    });
    expect(svc.metadata.annotations).toEqual({ 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' });
  });

  test('session affinity ClientIP with a timeout', () => {
    const { svc } = build({ sessionAffinity: SessionAffinity.CLIENT_IP, sessionAffinityTimeout: Duration.seconds(600) });
    expect(svc.spec.sessionAffinity).toBe('ClientIP');
    expect(svc.spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 600 } });
  });

  test('HTTP, exec and TCP probes with timings', () => {
    const { deploy } = build({
      port: 3000,
      readiness: Probe.fromHttpGet('/healthz', { port: 3000, period: Duration.seconds(5), scheme: ProbeScheme.HTTPS }),
      liveness: Probe.fromCommand(['cat', '/tmp/healthy'], { initialDelay: Duration.seconds(10), failureThreshold: 5 }),
      startup: Probe.fromTcpSocket({ portName: 'tcp', period: Duration.seconds(2), failureThreshold: 30 }),
    });
    const c = container(deploy);
    expect(c.readinessProbe).toEqual({ httpGet: { path: '/healthz', port: 3000, scheme: 'HTTPS' }, periodSeconds: 5 });
    expect(c.livenessProbe).toEqual({ exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 10, failureThreshold: 5 });
    // 3000 is no well-known port and nothing routes HTTP to it: the port is named for its transport only.
    expect(c.startupProbe).toEqual({ tcpSocket: { port: 'tcp' }, periodSeconds: 2, failureThreshold: 30 });
  });

  test('Probe.none() switches the default readiness probe off', () => {
    expect(container(build({ readiness: Probe.none() }).deploy).readinessProbe).toBeUndefined();
  });

  test('resources: override a field, or leave a default out with omit', () => {
    const { deploy } = build({ resources: { cpuRequest: Cpu.millis(250), omit: [ResourceSetting.MEMORY_LIMIT], cpuLimit: Cpu.units(1) } });
    expect(container(deploy).resources).toEqual({ requests: { cpu: '250m', memory: '128Mi' }, limits: { cpu: '1' } });
    const bare = build({ resources: { omit: [ResourceSetting.CPU_REQUEST, ResourceSetting.MEMORY_REQUEST, ResourceSetting.MEMORY_LIMIT] } });
    expect(container(bare.deploy).resources).toBeUndefined();
  });

  test('BASELINE keeps seccomp and no privilege escalation, drops the non-root rules', () => {
    const { deploy } = build({ podSecurity: PodSecurity.BASELINE });
    expect(deploy.spec.template.spec.securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' } });
    expect(container(deploy).securityContext).toEqual({ allowPrivilegeEscalation: false });
  });

  test('user ids, read-only root, service account and pull secrets', () => {
    const { deploy } = build({
      runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000, readOnlyRootFilesystem: true,
      automountServiceAccountToken: true, serviceAccountName: 'web-reader', imagePullSecrets: ['regcred'],
    });
    const pod = deploy.spec.template.spec;
    expect(pod.securityContext).toEqual({
      runAsNonRoot: true, runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000, seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container(deploy).securityContext.readOnlyRootFilesystem).toBe(true);
    expect(pod).toMatchObject({ automountServiceAccountToken: true, serviceAccountName: 'web-reader', imagePullSecrets: [{ name: 'regcred' }] });
  });

  test('component, part-of and extra labels; pod annotations', () => {
    const { out, deploy } = build({
      component: 'frontend', partOf: 'shop', labels: { team: 'web' }, podAnnotations: { 'prometheus.io/scrape': 'true' },
    });
    for (const o of out) {
      expect(o.metadata.labels).toMatchObject({ 'app.kubernetes.io/component': 'frontend', 'app.kubernetes.io/part-of': 'shop', 'team': 'web' });
    }
    expect(deploy.spec.template.metadata.annotations).toEqual({ 'prometheus.io/scrape': 'true' });
    expect(deploy.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'web' });
  });

  test('rolling update and minReadySeconds', () => {
    const { deploy } = build({ rollingUpdate: { maxSurge: PercentOrAbsolute.absolute(1), maxUnavailable: PercentOrAbsolute.percent(10) }, minReady: Duration.seconds(5) });
    expect(deploy.spec.strategy.rollingUpdate).toEqual({ maxSurge: 1, maxUnavailable: '10%' });
    expect(deploy.spec.minReadySeconds).toBe(5);
  });

  test('escape hatch: patch the generated objects', () => {
    const chart = newChart();
    const app = new ExposedApp(chart, 'web', { image: IMAGE });
    app.deployment.addJsonPatch(JsonPatch.add('/spec/revisionHistoryLimit', 3));
    app.service.addJsonPatch(JsonPatch.add('/spec/internalTrafficPolicy', 'Local'));
    const out = synth(chart);
    expect(find(out, 'Deployment').spec.revisionHistoryLimit).toBe(3);
    expect(find(out, 'Service').spec.internalTrafficPolicy).toBe('Local');
  });
});

describe('chart-wide defaults', () => {
  test('apply below the scope; own props win; limits can be switched off', () => {
    const app = Testing.app();
    PatternDefaults.set(app, { replicas: 4, partOf: 'shop' });
    const chart = new Chart(app, 'c');
    PatternDefaults.set(chart, { resources: { omit: [ResourceSetting.MEMORY_LIMIT] }, podSecurity: PodSecurity.BASELINE, defaultReadinessProbe: false });
    new ExposedApp(chart, 'a', { image: IMAGE });
    new ExposedApp(chart, 'b', { image: IMAGE, replicas: 1, podSecurity: PodSecurity.RESTRICTED });
    const out = synth(chart);
    const a = find(out, 'Deployment', 'a');
    const b = find(out, 'Deployment', 'b');
    expect(a.spec.replicas).toBe(4);
    expect(b.spec.replicas).toBe(1);
    expect(container(a).resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' } });
    expect(container(a).readinessProbe).toBeUndefined();
    expect(a.spec.template.spec.securityContext.runAsNonRoot).toBeUndefined();
    expect(b.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
    expect(a.metadata.labels['app.kubernetes.io/part-of']).toBe('shop');
  });

  test('do not leak into sibling scopes', () => {
    const app = Testing.app();
    PatternDefaults.set(new Chart(app, 'one'), { replicas: 5 });
    const two = new Chart(app, 'two');
    new ExposedApp(two, 'web', { image: IMAGE });
    expect(find(synth(two), 'Deployment').spec.replicas).toBe(2);
  });
});

describe('ExposedApp bad input', () => {
  test('several problems are reported together', () => {
    const chart = newChart();
    expect(() => new ExposedApp(chart, 'web', { image: IMAGE, port: 0, replicas: -1 })).toThrow(
      "ExposedApp 'test/web': port 0 is not a valid port: it must be an integer in 1-65535\n"
      + "ExposedApp 'test/web': replicas -1 must be an integer >= 0");
  });

  test('two apps with one name in one namespace clash, naming both paths', () => {
    const chart = newChart();
    new ExposedApp(chart, 'web', { image: IMAGE });
    expect(() => new ExposedApp(chart, 'other', { image: IMAGE, name: 'web' })).toThrow(
      "ExposedApp 'test/other': name \"web\" clashes with 'test/web': both write Deployment \"web\" in namespace \"default\"");
    new ExposedApp(chart, 'elsewhere', { image: IMAGE, name: 'web', namespace: 'other' });
  });
});

describe('examples', () => {
  test('the Service walk-through', () => {
    const chart = new ServiceWalkthrough(Testing.app(), 'walkthrough');
    const out = synth(chart);
    expect(out).toMatchSnapshot();
    expect(find(out, 'Service', 'myapp').spec).toMatchObject({ type: 'ClusterIP', sessionAffinity: 'ClientIP', ports: [{ name: 'http', port: 80 }] });
    expect(find(out, 'Deployment', 'myapp').spec.replicas).toBe(3);
    expect(find(out, 'Service', 'myapp-nodeport').spec.ports[0].nodePort).toBe(30008);
    expect(find(out, 'Service', 'webapp-nodeport').spec.ports[0].nodePort).toBe(30000);
    expect(find(out, 'Service', 'udp-echo').spec.ports).toEqual([{ name: 'dns-udp', port: 80, targetPort: 9376, protocol: 'UDP' }]);
    expect(container(find(out, 'Deployment', 'webapp')).livenessProbe.httpGet).toEqual({ path: '/healthz', port: 3000 });
  });

  test('synthesis is deterministic: same props, same bytes', () => {
    const yaml = () => {
      const app = Testing.app();
      new ServiceWalkthrough(app, 'w');
      return app.synthYaml();
    };
    const first = yaml();
    expect(first).toContain('kind: Deployment');
    expect(yaml()).toBe(first);
  });

  test('a LoadBalancer with several ports', () => {
    const chart = newChart({ namespace: 'edge' });
    new ExposedApp(chart, 'gateway', {
      image: 'envoyproxy/envoy:v1.31.0',
      runAsUser: 101,
      serviceType: ServiceType.LOAD_BALANCER,
      ports: [{ name: 'http', port: 80, containerPort: 8080 }, { name: 'https', port: 443, containerPort: 8443, nodePort: 30443 }],
      loadBalancerSourceRanges: ['203.0.113.0/24'],
      externalTrafficPolicy: ExternalTrafficPolicy.LOCAL,
    });
    expect(synth(chart)).toMatchSnapshot();
  });
});

describe('keys that are JavaScript property names', () => {
  test('a label, annotation or node selector key "constructor" is written (cdk8s alone cannot sanitize it)', () => {
    const { deploy, svc } = build({ labels: { constructor: 'x' }, podAnnotations: { constructor: 'y' }, nodeSelector: { constructor: 'z' } });
    expect(Object.keys(deploy.metadata.labels)).toContain('constructor');
    expect(deploy.metadata.labels.constructor).toBe('x');
    expect(svc.metadata.labels.constructor).toBe('x');
    expect(deploy.spec.template.metadata.annotations).toEqual({ constructor: 'y' });
    expect(Object.getOwnPropertyDescriptor(deploy.spec.template.spec.nodeSelector, 'constructor')?.value).toBe('z');
  });

  // Found by the API-server tests: fast-check, like some plain-JS callers, builds maps with Object.create(null).
  test('maps without a prototype are written like plain objects', () => {
    const bare = (entries: Record<string, string>) => Object.assign(Object.create(null) as Record<string, string>, entries);
    const { deploy } = build({ labels: bare({ team: 'a' }), env: bare({ MODE: 'x' }), nodeSelector: bare({ disktype: 'ssd' }) });
    expect(deploy.metadata.labels.team).toBe('a');
    expect(deploy.spec.template.spec.nodeSelector).toEqual({ disktype: 'ssd' });
    expect(deploy.spec.template.spec.containers[0].env).toContainEqual({ name: 'MODE', value: 'x' });
  });
});
