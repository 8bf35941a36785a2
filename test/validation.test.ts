import { App, JsonPatch, Testing } from 'cdk8s';
import { ExposedApp, HeadlessGroup, PodSecurity } from '../lib';
import { checkPodSecurity, formatIssue, Manifest, manifestsOf, synthValidated, validateManifests } from '../lib/validation';
import { buildExamples } from '../apps/examples';
import { newChart } from './util';

const deployment = (spec: object, name = 'web'): Manifest => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec });
const container = { name: 'web', image: 'nginx' };
const template = (labels: object, c: object = container) => ({ metadata: { labels }, spec: { containers: [c] } });
const messages = (ms: Manifest[]) => validateManifests(ms, { lints: false }).map(formatIssue);

describe('schema validation', () => {
  test('type errors with the kind, name and JSON path', () => {
    expect(messages([deployment({ replicas: '3', selector: { matchLabels: { a: 'b' } }, template: template({ a: 'b' }) })])).toEqual([
      '[schema] Deployment web: /spec/replicas must be integer {"type":"integer"}',
      '[api-server] Deployment web: /spec/replicas must be an integer >= 0',
    ]);
  });

  test('missing required fields', () => {
    expect(messages([{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ targetPort: 80 }] } }])).toEqual([
      '[schema] Service web: /spec/ports/0 must have required property port {"missingProperty":"port"}',
      '[api-server] Service web: /spec/ports/0/port undefined is not a port number in 1-65535',
    ]);
  });
});

describe('API server rules the schema misses', () => {
  const cases: Array<[string, Manifest, string[]]> = [
    ['Service name must be DNS-1035', { apiVersion: 'v1', kind: 'Service', metadata: { name: '1web' }, spec: { ports: [{ port: 80 }] } },
      ['[api-server] Service 1web: /metadata/name "1web" is not a valid DNS-1035 label: lower-case letters, digits and "-", starting with a letter and ending with a letter or digit']],
    ['bad label value', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { team: 'a b' } } },
      ['[api-server] ConfigMap c: /metadata/labels/team "a b" is not a valid label value: at most 63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit']],
    ['duplicate Service ports and a node port on ClusterIP', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80, nodePort: 30001 }] } },
      ['[api-server] Service s: /spec/ports/1/port 80/TCP is not unique', '[api-server] Service s: /spec/ports/1/nodePort is not allowed with type ClusterIP']],
    ['node port out of range', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] } },
      ['[api-server] Service s: /spec/ports/0/nodePort 80 is outside 30000-32767']],
    ['selector does not match the template', deployment({ selector: { matchLabels: { app: 'a' } }, template: template({ app: 'b' }) }),
      ['[api-server] Deployment web: /spec/selector does not match template labels']],
    ['container port name too long', deployment({ selector: { matchLabels: { a: 'b' } }, template: template({ a: 'b' }, { ...container, ports: [{ name: 'a-very-long-port-name', containerPort: 80 }] }) }),
      ['[api-server] Deployment web: /spec/template/spec/containers/0/ports/0/name "a-very-long-port-name" is not a valid port name: it must be 1-15 characters (IANA service name)']],
    ['request above limit', deployment({ selector: { matchLabels: { a: 'b' } }, template: template({ a: 'b' }, { ...container, resources: { requests: { memory: '1Gi' }, limits: { memory: '512Mi' } } }) }),
      ['[api-server] Deployment web: /spec/template/spec/containers/0/resources/requests/memory 1Gi must be less than or equal to the limit 512Mi']],
    ['loopback endpoint', { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'e' }, addressType: 'IPv4', endpoints: [{ addresses: ['127.0.0.1'] }], ports: [] },
      ['[api-server] EndpointSlice e: /endpoints/0/addresses/0 "127.0.0.1" is a loopback address (127.0.0.0/8)']],
    ['two unnamed slice ports', { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'e' }, addressType: 'IPv4', endpoints: [], ports: [{ port: 1 }, { port: 2 }] },
      ['[api-server] EndpointSlice e: /ports/1/name "" is not unique (an empty name counts too)']],
    ['Ingress path with //', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' }, spec: { rules: [{ http: { paths: [{ path: '/a//b', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] } },
      ['[api-server] Ingress i: /spec/rules/0/http/paths/0/path "/a//b" must not contain "//"']],
    ['PDB with both fields', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { minAvailable: 1, maxUnavailable: 1 } },
      ['[api-server] PodDisruptionBudget p: /spec minAvailable and maxUnavailable cannot both be set']],
    ['StatefulSet name over 52', { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'a'.repeat(53) }, spec: { serviceName: 's', selector: { matchLabels: { a: 'b' } }, template: template({ a: 'b' }) } },
      [`[api-server] StatefulSet ${'a'.repeat(53)}: /metadata/name is longer than 52 characters: the controller-revision-hash pod label would exceed 63 characters`]],
  ];
  test.each(cases)('%s', (_title, manifest, expected) => {
    expect(messages([manifest])).toEqual(expected);
  });
});

describe('lints', () => {
  test('a selector that matches no pod, a StatefulSet without its headless Service', () => {
    const issues = validateManifests([
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'orphan' }, spec: { selector: { app: 'none' }, ports: [{ port: 80 }] } },
      { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec: { serviceName: 'db', selector: { matchLabels: { a: 'b' } }, template: template({ a: 'b' }) } },
    ]).map(formatIssue);
    expect(issues).toEqual([
      '[lint] Service orphan: /spec/selector matches no pod template in these manifests',
      '[lint] StatefulSet db: /spec/serviceName "db" names no headless Service in these manifests',
    ]);
  });

  test('synthValidated throws with every problem listed', () => {
    const chart = newChart();
    const app = new ExposedApp(chart, 'web', { image: 'nginx:1.27' });
    app.deployment.addJsonPatch(JsonPatch.replace('/spec/replicas', -1));
    expect(() => synthValidated(chart)).toThrow("1 problem(s) in the manifests of 'test':\n[api-server] Deployment web: /spec/replicas must be an integer >= 0");
  });
});

describe('Pod Security Standards', () => {
  test('defaults pass restricted; BASELINE passes baseline but not restricted', () => {
    const chart = newChart();
    new ExposedApp(chart, 'secure', { image: 'nginx:1.27' });
    new HeadlessGroup(chart, 'db', { image: 'postgres:16' });
    const rootChart = newChart();
    new ExposedApp(rootChart, 'root', { image: 'nginx:1.27', podSecurity: PodSecurity.BASELINE });
    expect(checkPodSecurity(manifestsOf(chart), 'restricted')).toEqual([]);
    expect(checkPodSecurity(manifestsOf(rootChart), 'baseline')).toEqual([]);
    expect(checkPodSecurity(manifestsOf(rootChart), 'restricted').map((v) => v.check)).toEqual(['capabilities_restricted', 'runAsNonRoot']);
  });

  test('baseline violations', () => {
    const pod: Manifest = {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bad' },
      spec: {
        hostNetwork: true,
        volumes: [{ name: 'h', hostPath: { path: '/' } }],
        containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 80, hostPort: 80 }], securityContext: { privileged: true, capabilities: { add: ['SYS_ADMIN'] }, seccompProfile: { type: 'Unconfined' } } }],
      },
    };
    expect(checkPodSecurity([pod], 'baseline').map((v) => `${v.check} ${v.path}`)).toEqual([
      'hostNamespaces /spec/hostNetwork',
      'hostPathVolumes /spec/volumes/0',
      'privileged /spec/containers/0/securityContext/privileged',
      'hostPorts /spec/containers/0/ports/0/hostPort',
      'capabilities_baseline /spec/containers/0/securityContext/capabilities/add',
      'seccompProfile_baseline /spec/containers/0/securityContext/seccompProfile/type',
    ]);
  });

  test('restricted needs every setting', () => {
    const pod: Manifest = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i' }] } };
    expect(checkPodSecurity([pod], 'restricted').map((v) => v.check)).toEqual([
      'allowPrivilegeEscalation', 'capabilities_restricted', 'runAsNonRoot', 'seccompProfile_restricted',
    ]);
  });
});

describe('the examples', () => {
  test('are schema-valid, pass the API server rules and lints', () => {
    expect(validateManifests(buildExamples(new App({ outdir: 'unused' }))).map(formatIssue)).toEqual([]);
  });

  test('default workloads pass restricted, BASELINE ones pass baseline', () => {
    const manifests = manifestsOf(buildExamples(Testing.app()));
    const restricted = checkPodSecurity(manifests, 'restricted').map((v) => v.name);
    expect([...new Set(restricted)].sort()).toEqual(['myapp', 'myapp-nodeport', 'postgres', 'web']);
    expect(checkPodSecurity(manifests, 'baseline')).toEqual([]);
  });
});
