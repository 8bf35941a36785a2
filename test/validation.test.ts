import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, JsonPatch, Testing } from 'cdk8s';
import { parse } from 'yaml';
import { Errors, ExposedApp, ExternalReferences, HeadlessGroup, ManifestValidation, PodSecurity, ServicePatternsError } from '../lib';
import { checkPodSecurity, formatIssue, Manifest, manifestsOf, synthValidated, validateManifests } from '../lib/validation';
import { buildExamples } from '../apps/examples';
import { newChart } from './util';
import { REJECTED, VALID } from './validation-corpus';

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
  ];
  test.each(cases)('%s', (_title, manifest, expected) => {
    expect(messages([manifest])).toEqual(expected);
  });
});

describe('lints', () => {
  test('a selector that matches no pod, a StatefulSet without its governing Service', () => {
    const issues = validateManifests([
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'orphan' }, spec: { selector: { app: 'none' }, ports: [{ port: 80 }] } },
      { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec: { serviceName: 'db', selector: { matchLabels: { a: 'b' } }, template: template({ a: 'b' }) } },
    ]).map(formatIssue);
    expect(issues).toEqual([
      '[lint] Service orphan: /spec/selector matches no pod template in these manifests',
      '[lint] StatefulSet db: /spec/serviceName "db" names no Service in these manifests',
    ]);
  });

  // The server accepts a 53-character StatefulSet name (test/apiserver confirms it); its pods then fail.
  test('a StatefulSet name over 52 characters is a lint, not an API server error', () => {
    const name = 'a'.repeat(53);
    const issues = validateManifests([
      { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name }, spec: { serviceName: 'db', selector: { matchLabels: { a: 'b' } }, template: template({ a: 'b' }) } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { clusterIP: 'None', selector: { a: 'b' }, ports: [{ port: 5432 }] } },
    ]).map(formatIssue);
    expect(issues).toEqual([`[lint] StatefulSet ${name}: /metadata/name is longer than 52 characters: the API server accepts it, but the controller cannot create its pods (their controller-revision-hash label would exceed 63 characters)`]);
  });

  test('bare Pods, Jobs and CronJobs are pods a Service can select', () => {
    const service = (name: string, app: string): Manifest => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app }, ports: [{ port: 80 }] } });
    const issues = validateManifests([
      service('pod', 'pod'), service('job', 'job'), service('cron', 'cron'),
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'pod' } }, spec: { containers: [container] } },
      { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { metadata: { labels: { app: 'job' } }, spec: { restartPolicy: 'Never', containers: [container] } } } },
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: '@daily', jobTemplate: { spec: { template: { metadata: { labels: { app: 'cron' } }, spec: { restartPolicy: 'Never', containers: [container] } } } } } },
    ]).map(formatIssue);
    expect(issues).toEqual([]);
  });

  test('synthValidated throws with every problem listed', () => {
    const chart = newChart();
    const app = new ExposedApp(chart, 'web', { image: 'nginx:1.27' });
    app.deployment.addJsonPatch(JsonPatch.replace('/spec/replicas', -1));
    expect(() => synthValidated(chart)).toThrow("1 problem(s) in the manifests of 'test':\n[api-server] Deployment web: /spec/replicas must be an integer >= 0");
  });
});

// The oracle is the manifests themselves: each list below says which objects it defines, and the
// lint must report exactly the references to objects outside it.
describe('the reference lint', () => {
  const ns = (kind: string, name: string, namespace = 'app', rest: object = {}): Manifest => ({ apiVersion: kind === 'IngressClass' ? 'networking.k8s.io/v1' : 'v1', kind, metadata: { name, namespace }, ...rest });
  const pod = (spec: object, namespace = 'app'): Manifest => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace }, spec: { containers: [container], ...spec } });
  const references = (ms: Manifest[], options = {}) => validateManifests(ms, { schema: false, ...options }).filter((i) => i.rule === 'reference').map((i) => `${i.kind} ${i.path}`);
  const reader = pod({
    containers: [{ ...container,
      env: [
        { name: 'A', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
        { name: 'B', valueFrom: { configMapKeyRef: { name: 'settings', key: 'b' } } },
        { name: 'C', valueFrom: { secretKeyRef: { name: 'maybe', key: 'c', optional: true } } },
      ],
      envFrom: [{ configMapRef: { name: 'more' } }],
    }],
    volumes: [
      { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
      { name: 'certs', secret: { secretName: 'certs' } },
      { name: 'both', projected: { sources: [{ configMap: { name: 'settings' } }, { secret: { name: 'db' } }] } },
    ],
    imagePullSecrets: [{ name: 'registry' }],
    serviceAccountName: 'reader',
    runtimeClassName: 'gvisor',
    nodeSelector: { disk: 'ssd' },
  });

  test('reports every reference whose object the manifests do not define', () => {
    expect(references([reader])).toEqual([
      'Pod /spec/containers/0/env/0/valueFrom/secretKeyRef/name',
      'Pod /spec/containers/0/env/1/valueFrom/configMapKeyRef/name',
      'Pod /spec/containers/0/envFrom/0/configMapRef/name',
      'Pod /spec/volumes/0/persistentVolumeClaim/claimName',
      'Pod /spec/volumes/1/secret/secretName',
      'Pod /spec/volumes/2/projected/sources/0/configMap/name',
      'Pod /spec/volumes/2/projected/sources/1/secret/name',
      'Pod /spec/imagePullSecrets/0/name',
      'Pod /spec/serviceAccountName',
      'Pod /spec/runtimeClassName',
    ]);
  });

  test('objects the manifests define (same kind, namespace and name) are not reported', () => {
    const defined = [
      ns('Secret', 'db'), ns('ConfigMap', 'settings'), ns('ConfigMap', 'more'), ns('PersistentVolumeClaim', 'data'), ns('Secret', 'certs'),
      ns('Secret', 'registry'), ns('ServiceAccount', 'reader'), { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'gvisor' }, handler: 'runsc' },
    ];
    expect(references([reader, ...defined])).toEqual([]);
    // The same names in another namespace, or as another kind, define nothing for these pods.
    expect(references([reader, ns('Secret', 'db', 'other'), ns('ConfigMap', 'db')])).toContain('Pod /spec/containers/0/env/0/valueFrom/secretKeyRef/name');
  });

  test('the default ServiceAccount, volume claim templates and optional sources need nothing', () => {
    const sts: Manifest = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'app' }, spec: {
      serviceName: 'db', selector: { matchLabels: { a: 'b' } },
      template: { metadata: { labels: { a: 'b' } }, spec: { serviceAccountName: 'default', containers: [{ ...container, volumeMounts: [{ name: 'data', mountPath: '/d' }] }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    } };
    expect(references([sts, pod({ volumes: [{ name: 's', secret: { secretName: 's', optional: true } }] })])).toEqual([]);
  });

  test('Ingress classes and certificates, Gateway classes and certificates, routes\' Gateways', () => {
    const ingress: Manifest = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i', namespace: 'app' }, spec: { ingressClassName: 'nginx', tls: [{ secretName: 'tls' }], defaultBackend: { service: { name: 's', port: { number: 80 } } } } };
    const gateway: Manifest = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'gw', namespace: 'infra' }, spec: {
      gatewayClassName: 'eg', listeners: [{ name: 'https', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'cert' }, { kind: 'Secret', name: 'other', namespace: 'certs' }] } }],
    } };
    const route = (namespace?: string): Manifest => ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r', namespace: 'app' }, spec: { parentRefs: [{ name: 'gw', namespace }] } });
    expect(references([ingress, gateway, route()])).toEqual([
      'Ingress /spec/ingressClassName', 'Ingress /spec/tls/0/secretName',
      'Gateway /spec/gatewayClassName', 'Gateway /spec/listeners/0/tls/certificateRefs/0/name', 'Gateway /spec/listeners/0/tls/certificateRefs/1/name',
      'HTTPRoute /spec/parentRefs/0/name',
    ]);
    // The route names the Gateway in its own namespace unless it says otherwise.
    expect(references([gateway, route('infra')], { existingObjects: ['GatewayClass/eg', 'Secret/infra/cert', 'Secret/certs/other'] })).toEqual([]);
  });

  test('existingObjects accepts named objects; undefinedReferences: false or lints: false switch the lint off', () => {
    const accepted = ['Secret/app/db', 'ConfigMap/app/settings', 'ConfigMap/app/more', 'PersistentVolumeClaim/app/data', 'Secret/app/certs', 'Secret/app/registry', 'ServiceAccount/app/reader', 'RuntimeClass/gvisor'];
    expect(references([reader], { existingObjects: accepted })).toEqual([]);
    expect(references([reader], { existingObjects: accepted.slice(1) })).toEqual(['Pod /spec/containers/0/env/0/valueFrom/secretKeyRef/name', 'Pod /spec/volumes/2/projected/sources/1/secret/name']);
    expect(references([reader], { undefinedReferences: false })).toEqual([]);
    expect(references([reader], { lints: false })).toEqual([]);
  });

  test('the message names the object, the consequence and the switch', () => {
    expect(validateManifests([pod({ serviceAccountName: 'robot', imagePullSecrets: [{ name: 'registry' }] })], { schema: false }).map(formatIssue)).toEqual([
      '[reference] Pod app/p: /spec/imagePullSecrets/0/name names Secret "registry" in namespace "app", which no manifest defines: the cluster must already have it, or pulls from a registry that needs it fail (ErrImagePull) (existingObjects: ["Secret/app/registry"] accepts it)',
      '[reference] Pod app/p: /spec/serviceAccountName names ServiceAccount "robot" in namespace "app", which no manifest defines: the cluster must already have it, or the API server refuses the pods (ServiceAccount admission) (existingObjects: ["ServiceAccount/app/robot"] accepts it)',
    ]);
    const ingress: Manifest = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' }, spec: { tls: [{ secretName: 'tls' }], defaultBackend: { service: { name: 's', port: { number: 80 } } } } };
    expect(validateManifests([ingress], { schema: false }).map((i) => i.message)).toEqual([
      'names Secret "tls", which no manifest defines: the cluster must already have it, or the controller serves its default certificate, or none (existingObjects: ["Secret/tls"] accepts it)',
    ]);
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
  const root = join(__dirname, '..');
  // docs/examples.md lists what the examples expect the cluster to have, one `Kind/...` per item.
  const needs = [...readFileSync(join(root, 'docs', 'examples.md'), 'utf8').match(/<!-- needs:begin -->([\s\S]*)<!-- needs:end -->/)![1]
    .matchAll(/`((?:Secret|ConfigMap|PersistentVolumeClaim|ServiceAccount|IngressClass|GatewayClass|Gateway|RuntimeClass|NodeLabel)\/[^`]+)`/g)].map((m) => m[1]);
  const existingObjects = (parse(readFileSync(join(root, 'cdk8s.yaml'), 'utf8')).validations[0].properties.existingObjects as string[]);

  test('are schema-valid, pass the API server rules and lints, given what docs/examples.md says the cluster has', () => {
    expect(validateManifests(buildExamples(new App({ outdir: 'unused' })), { existingObjects }).map(formatIssue)).toEqual([]);
  });

  test('the guide, cdk8s.yaml and ExternalReferences agree on what the cluster must have', () => {
    const listed = ExternalReferences.of(buildExamples(Testing.app()))
      .map((r) => (r.namespace === undefined ? `${r.kind}/${r.name}` : `${r.kind}/${r.namespace}/${r.name}`));
    expect([...new Set(listed)].sort()).toEqual([...needs].sort());
    expect([...existingObjects].sort()).toEqual(needs.filter((n) => !n.startsWith('NodeLabel/')).sort());
    // Without the list, the lint reports each of them.
    const reported = validateManifests(buildExamples(new App({ outdir: 'unused' })), { schema: false }).filter((i) => i.rule === 'reference');
    expect([...new Set(reported.map((i) => i.message.match(/existingObjects: \["([^"]+)"\]/)![1]))].sort()).toEqual([...existingObjects].sort());
  });

  test('default workloads pass restricted, BASELINE ones pass baseline', () => {
    const manifests = manifestsOf(buildExamples(Testing.app()));
    const restricted = checkPodSecurity(manifests, 'restricted').map((v) => v.name);
    expect([...new Set(restricted)].sort()).toEqual(['legacy', 'myapp', 'myapp-nodeport', 'postgres', 'web']);
    expect(checkPodSecurity(manifests, 'baseline')).toEqual([]);
  });
});

// One Deployment per rule of K8S-RULES.md §9 that the API server enforces; each must be reported
// at the given JSON path, and the valid base must draw nothing.
describe('pod rules (K8S-RULES.md §9)', () => {
  const c = { name: 'web', image: 'nginx' };
  const withPod = (pod: object): Manifest => deployment({ selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: pod } });
  const paths = (m: Manifest) => validateManifests([m], { lints: false }).map((i) => i.path);
  const base = {
    containers: [{ ...c, env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }], volumeMounts: [{ name: 'v', mountPath: '/v', subPath: '..data' }] }],
    volumes: [{ name: 'v', projected: { sources: [{ secret: { name: 's', items: [{ key: 'k', path: 'a' }] } }, { serviceAccountToken: { path: 'token', expirationSeconds: 600 } }] } }],
    initContainers: [{ name: 'side', image: 'i', restartPolicy: 'Always', readinessProbe: { exec: { command: ['true'] } } }],
    tolerations: [{ operator: 'Exists' }, { key: 'k', effect: 'NoExecute', tolerationSeconds: 10 }],
  };

  test('the valid base passes', () => {
    expect(paths(withPod(base))).toEqual([]);
  });

  const cases: Array<[string, object, string]> = [
    ['two volume sources', { volumes: [{ name: 'v', emptyDir: {}, secret: { secretName: 's' } }] }, '/spec/template/spec/volumes/0'],
    ['duplicate volume names', { volumes: [{ name: 'v', emptyDir: {} }, { name: 'v', emptyDir: {} }] }, '/spec/template/spec/volumes/1/name'],
    ['secret without secretName', { volumes: [{ name: 'v', secret: {} }] }, '/spec/template/spec/volumes/0/secret/secretName'],
    ['item path with ..', { volumes: [{ name: 'v', configMap: { name: 'c', items: [{ key: 'k', path: 'a/../b' }] } }] }, '/spec/template/spec/volumes/0/configMap/items/0/path'],
    ['item path starting with ..', { volumes: [{ name: 'v', configMap: { name: 'c', items: [{ key: 'k', path: '..a' }] } }] }, '/spec/template/spec/volumes/0/configMap/items/0/path'],
    ['defaultMode 644 decimal', { volumes: [{ name: 'v', secret: { secretName: 's', defaultMode: 644 } }] }, '/spec/template/spec/volumes/0/secret/defaultMode'],
    ['token expiring in 5 minutes', { volumes: [{ name: 'v', projected: { sources: [{ serviceAccountToken: { path: 't', expirationSeconds: 300 } }] } }] }, '/spec/template/spec/volumes/0/projected/sources/0/serviceAccountToken/expirationSeconds'],
    ['duplicate projected paths', { volumes: [{ name: 'v', projected: { sources: [{ secret: { name: 'a', items: [{ key: 'k', path: 'x' }] } }, { configMap: { name: 'b', items: [{ key: 'k', path: 'x' }] } }] } }] }, '/spec/template/spec/volumes/0/projected/sources/1'],
    ['spec field in a downward API volume', { volumes: [{ name: 'v', downwardAPI: { items: [{ path: 'n', fieldRef: { fieldPath: 'spec.nodeName' } }] } }] }, '/spec/template/spec/volumes/0/downwardAPI/items/0/fieldRef/fieldPath'],
    ['absolute subPath', { containers: [{ ...c, volumeMounts: [{ name: 'v', mountPath: '/v', subPath: '/x' }] }], volumes: [{ name: 'v', emptyDir: {} }] }, '/spec/template/spec/containers/0/volumeMounts/0/subPath'],
    ['duplicate mountPath', { containers: [{ ...c, volumeMounts: [{ name: 'v', mountPath: '/v' }, { name: 'v', mountPath: '/v' }] }], volumes: [{ name: 'v', emptyDir: {} }] }, '/spec/template/spec/containers/0/volumeMounts/1/mountPath'],
    ['valueFrom with a value', { containers: [{ ...c, env: [{ name: 'P', value: 'x', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] }] }, '/spec/template/spec/containers/0/env/0/valueFrom'],
    ['status.phase in env', { containers: [{ ...c, env: [{ name: 'P', valueFrom: { fieldRef: { fieldPath: 'status.phase' } } }] }] }, '/spec/template/spec/containers/0/env/0/valueFrom/fieldRef/fieldPath'],
    ['secret key with a space', { containers: [{ ...c, env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'db', key: 'a b' } } }] }] }, '/spec/template/spec/containers/0/env/0/valueFrom/secretKeyRef/key'],
    ['GPU in resourceFieldRef', { containers: [{ ...c, env: [{ name: 'P', valueFrom: { resourceFieldRef: { resource: 'limits.nvidia.com/gpu' } } }] }] }, '/spec/template/spec/containers/0/env/0/valueFrom/resourceFieldRef/resource'],
    ['divisor 2Mi', { containers: [{ ...c, env: [{ name: 'P', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '2Mi' } } }] }] }, '/spec/template/spec/containers/0/env/0/valueFrom/resourceFieldRef/divisor'],
    ['envFrom with both refs', { containers: [{ ...c, envFrom: [{ configMapRef: { name: 'a' }, secretRef: { name: 'b' } }] }] }, '/spec/template/spec/containers/0/envFrom/0'],
    ['init container with OnFailure', { initContainers: [{ name: 'i', image: 'i', restartPolicy: 'OnFailure' }] }, '/spec/template/spec/initContainers/0/restartPolicy'],
    ['init container with a probe', { initContainers: [{ name: 'i', image: 'i', livenessProbe: { exec: { command: ['true'] } } }] }, '/spec/template/spec/initContainers/0/livenessProbe'],
    ['restartPolicy on a main container', { containers: [{ ...c, restartPolicy: 'Always' }] }, '/spec/template/spec/containers/0/restartPolicy'],
    ['hook with two handlers', { containers: [{ ...c, lifecycle: { preStop: { exec: { command: ['x'] }, sleep: { seconds: 1 } } } }] }, '/spec/template/spec/containers/0/lifecycle/preStop'],
    ['lower-case pull policy', { containers: [{ ...c, imagePullPolicy: 'always' }] }, '/spec/template/spec/containers/0/imagePullPolicy'],
    ['GPU request without limit', { containers: [{ ...c, resources: { requests: { 'nvidia.com/gpu': '1' } } }] }, '/spec/template/spec/containers/0/resources/limits/nvidia.com/gpu'],
    ['half a GPU', { containers: [{ ...c, resources: { limits: { 'nvidia.com/gpu': '0.5' } } }] }, '/spec/template/spec/containers/0/resources/limits/nvidia.com/gpu'],
    ['GPU request unlike its limit', { containers: [{ ...c, resources: { requests: { 'nvidia.com/gpu': '1' }, limits: { 'nvidia.com/gpu': '2' } } }] }, '/spec/template/spec/containers/0/resources/requests/nvidia.com/gpu'],
    ['resource without a domain', { containers: [{ ...c, resources: { limits: { gpu: '1' } } }] }, '/spec/template/spec/containers/0/resources/gpu'],
    ['empty key with Equal', { tolerations: [{ value: 'x' }] }, '/spec/template/spec/tolerations/0/operator'],
    ['value with Exists', { tolerations: [{ key: 'k', operator: 'Exists', value: 'x' }] }, '/spec/template/spec/tolerations/0/value'],
    ['tolerationSeconds with NoSchedule', { tolerations: [{ key: 'k', effect: 'NoSchedule', tolerationSeconds: 5 }] }, '/spec/template/spec/tolerations/0/effect'],
    ['no node selector terms', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } } }, '/spec/template/spec/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms'],
    ['In without values', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'z', operator: 'In' }] }] } } } }, '/spec/template/spec/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms/0/matchExpressions/0/values'],
    ['weight 0', { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { a: 'b' } } } }] } } }, '/spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/0/weight'],
    ['pod term without topologyKey', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { a: 'b' } } }] } } }, '/spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/0/topologyKey'],
    ['upper-case priority class', { priorityClassName: 'High' }, '/spec/template/spec/priorityClassName'],
  ];

  test.each(cases)('%s', (_title, pod, path) => {
    expect(paths(withPod({ containers: [c], ...pod }))).toContain(path);
  });
});

describe('ServicePatternsError', () => {
  test('prints its message lines and the caller\'s frames, not its fields or the library\'s frames', () => {
    let error: Error | undefined;
    try {
      new ExposedApp(newChart(), 'web', { image: '', replicas: -1 });
    } catch (e) {
      error = e as Error;
    }
    const printed = require('node:util').inspect(error) as string;
    expect(printed.split('\n').slice(0, 2)).toEqual([
      "ServicePatternsError: ExposedApp 'test/web': replicas -1 must be an integer >= 0",
      "ExposedApp 'test/web': image \"\" is not a valid image reference: it must be non-empty and contain no spaces",
    ]);
    expect(printed).not.toMatch(/constructPath|problems:|lib[\\/]core/);
    expect(printed).toMatch(/validation\.test\.ts/);
    expect((error as unknown as { field: string }).field).toBe('replicas');
  });
});

// Keys a manifest may hold that are also names of Object.prototype's members: the validator must
// read only what the manifest holds, never crash (issue #27).
describe('keys named like Object.prototype members', () => {
  const KEYS = ['constructor', 'toString', 'hasOwnProperty', '__proto__'];
  /** A copy of `value` with `key` added to every object in it. */
  const withKeyEverywhere = (value: unknown, key: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => withKeyEverywhere(v, key));
    if (value === null || typeof value !== 'object') return value;
    const out = JSON.parse(`{${JSON.stringify(key)}: "x"}`) as { [k: string]: unknown };
    for (const [k, v] of Object.entries(value)) out[k] = withKeyEverywhere(v, key);
    return out;
  };

  test.each(KEYS)('"%s" in every object of every corpus manifest: no crash', (key) => {
    for (const [, m] of [...VALID, ...REJECTED]) {
      expect(() => validateManifests([withKeyEverywhere(m, key) as Manifest])).not.toThrow();
    }
  });

  test('a volume with a key "constructor" is an unknown field', () => {
    const volume = JSON.parse('{"name": "v", "emptyDir": {}, "constructor": {}}') as object;
    const m = deployment({ selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [container], volumes: [volume] } } });
    expect(messages([m])).toContain('[api-server] Deployment web: /spec/template/spec/volumes/0/constructor is an unknown field: the API server rejects it (strict field validation); check the spelling and the apiVersion');
  });

  test('Secret type "constructor" and kind "constructor" are read as unknown', () => {
    expect(() => validateManifests([{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'constructor' }, { apiVersion: 'v1', kind: 'constructor', metadata: { name: 'x' } }])).not.toThrow();
  });
});

describe('ManifestValidation properties', () => {
  test('an unknown podSecurity level is the library\'s error, naming the property and what is allowed', () => {
    let error: unknown;
    try {
      new ManifestValidation({ podSecurity: 'Restricted' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ServicePatternsError);
    expect(Errors.isServicePatternsError(error)).toBe(true);
    expect((error as Error).message).toBe('ManifestValidation: properties.podSecurity "Restricted" is not "baseline" or "restricted"');
    expect((error as ServicePatternsError).field).toBe('properties.podSecurity');
  });
});
