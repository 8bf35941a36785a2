// The validation corpus: manifests the API server rejects, each with the rule it breaks, and valid
// ones of every kind the validator knows. test/validation-corpus.test.ts measures our validator on
// it; test/apiserver/validation-corpus.apiserver.ts confirms every verdict with the real server.
import type { Manifest } from '../lib/validation';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- hand edits of arbitrary manifest JSON
type Json = any;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
/** A copy of `base` changed by `edit`. */
const mutate = (base: Manifest, edit: (m: Json) => void): Manifest => {
  const m = clone(base);
  edit(m);
  return m;
};

const labels = { app: 'web' };
const container = () => ({ name: 'web', image: 'ghcr.io/acme/web:1.0', ports: [{ name: 'http', containerPort: 8080 }] });
const podSpec = () => ({ containers: [container()] });
const template = () => ({ metadata: { labels }, spec: podSpec() });

export const POD: Manifest = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels }, spec: podSpec() };
export const DEPLOYMENT: Manifest = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 2, selector: { matchLabels: labels }, template: template() } };
export const STATEFULSET: Manifest = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec: { serviceName: 'db', selector: { matchLabels: labels }, template: template() } };
export const DAEMONSET: Manifest = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { selector: { matchLabels: labels }, template: template() } };
export const REPLICASET: Manifest = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-rs' }, spec: { selector: { matchLabels: labels }, template: template() } };
const jobTemplate = () => ({ spec: { restartPolicy: 'OnFailure', containers: [{ name: 'task', image: 'ghcr.io/acme/task:1.0' }] } });
export const JOB: Manifest = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate' }, spec: { backoffLimit: 2, template: jobTemplate() } };
export const CRONJOB: Manifest = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly' }, spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: jobTemplate() } } } };
export const SERVICE: Manifest = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } };
export const CONFIGMAP: Manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { 'app.yaml': 'a: 1\n' } };
export const SECRET: Manifest = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds' }, type: 'Opaque', stringData: { password: 'x' } };
export const INGRESS: Manifest = {
  apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web' },
  spec: { rules: [{ host: 'web.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
};
export const NETWORKPOLICY: Manifest = {
  apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web' },
  spec: { podSelector: { matchLabels: labels }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {} }], ports: [{ port: 8080, endPort: 8090 }] }] },
};
export const PDB: Manifest = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec: { maxUnavailable: 1, selector: { matchLabels: labels } } };
export const HPA: Manifest = {
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 5, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] },
};
export const ENDPOINTSLICE: Manifest = {
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'legacy-1', labels: { 'kubernetes.io/service-name': 'legacy' } },
  addressType: 'IPv6', endpoints: [{ addresses: ['2001:db8::10'] }], ports: [{ name: 'pg', port: 5432 }],
};
export const HTTPROUTE: Manifest = {
  apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'web' },
  spec: { parentRefs: [{ name: 'edge' }], hostnames: ['web.example.com'], rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: [{ name: 'web', port: 80 }] }] },
};
export const NAMESPACE: Manifest = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } };

const withPod = (base: Manifest, path: (m: Json) => Json, edit: (pod: Json) => void) => mutate(base, (m) => edit(path(m)));
const podOf = {
  Pod: (m: Json) => m.spec,
  Deployment: (m: Json) => m.spec.template.spec,
  StatefulSet: (m: Json) => m.spec.template.spec,
  DaemonSet: (m: Json) => m.spec.template.spec,
  ReplicaSet: (m: Json) => m.spec.template.spec,
  Job: (m: Json) => m.spec.template.spec,
  CronJob: (m: Json) => m.spec.jobTemplate.spec.template.spec,
};

/** Valid manifests: the server accepts every one (test/apiserver confirms it); the validator must too. */
export const VALID: Array<[string, Manifest]> = [
  ['Pod', POD],
  ['Pod with volumes, init container and sidecar', withPod(POD, podOf.Pod, (p) => {
    p.volumes = [{ name: 'cache', emptyDir: { sizeLimit: '1Gi' } }, { name: 'conf', configMap: { name: 'settings', defaultMode: 420 } }];
    p.containers[0].volumeMounts = [{ name: 'cache', mountPath: '/cache' }, { name: 'conf', mountPath: '/etc/app', readOnly: true }];
    p.initContainers = [{ name: 'init', image: 'busybox:1.37', command: ['true'] }, { name: 'proxy', image: 'ghcr.io/acme/proxy:1', restartPolicy: 'Always' }];
  })],
  ['Pod with env from Secret, ConfigMap and fields', withPod(POD, podOf.Pod, (p) => {
    p.containers[0].env = [
      { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'creds', key: 'password' } } },
      { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'settings', key: 'mode', optional: true } } },
      { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
      { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
    ];
    p.containers[0].envFrom = [{ prefix: 'X_', configMapRef: { name: 'settings' } }];
  })],
  ['Deployment', DEPLOYMENT],
  ['Deployment with Recreate', mutate(DEPLOYMENT, (m) => { m.spec.strategy = { type: 'Recreate' }; })],
  ['Deployment with rolling update percentages', mutate(DEPLOYMENT, (m) => { m.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } }; })],
  ['Deployment with tolerations and affinity', withPod(DEPLOYMENT, podOf.Deployment, (p) => {
    p.tolerations = [{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }, { operator: 'Exists' }];
    p.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] }] } } };
    p.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: labels } }];
  })],
  ['StatefulSet', STATEFULSET],
  ['StatefulSet with a volume claim template', mutate(STATEFULSET, (m) => {
    m.spec.volumeClaimTemplates = [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } }];
    m.spec.template.spec.containers[0].volumeMounts = [{ name: 'data', mountPath: '/data' }];
  })],
  ['DaemonSet', DAEMONSET],
  ['ReplicaSet', REPLICASET],
  ['Job', JOB],
  ['Job with restartPolicy Never', withPod(JOB, podOf.Job, (p) => { p.restartPolicy = 'Never'; })],
  ['Job with activeDeadlineSeconds 0', mutate(JOB, (m) => { m.spec.activeDeadlineSeconds = 0; })],
  ['CronJob', CRONJOB],
  ['CronJob with a macro schedule and a time zone', mutate(CRONJOB, (m) => { m.spec.schedule = '@hourly'; m.spec.timeZone = 'Europe/Berlin'; })],
  ['Job with a name of 63 characters', mutate(JOB, (m) => { m.metadata.name = 'j'.repeat(63); })],
  ['CronJob with a name of 52 characters', mutate(CRONJOB, (m) => { m.metadata.name = 'c'.repeat(52); })],
  ['CronJob with @every 0 and a time zone of null', mutate(CRONJOB, (m) => { m.spec.schedule = '@every 0'; m.spec.timeZone = null; })],
  ['CronJob with @every -5m', mutate(CRONJOB, (m) => { m.spec.schedule = '@every -5m'; })],
  ['Job with null counts', mutate(JOB, (m) => { m.spec.activeDeadlineSeconds = null; m.spec.completions = null; })],
  ['CronJob with steps and ranges', mutate(CRONJOB, (m) => { m.spec.schedule = '*/15 9-17 * * 1-5'; })],
  ['Service', SERVICE],
  ['headless Service', mutate(SERVICE, (m) => { m.spec.clusterIP = 'None'; })],
  ['NodePort Service', mutate(SERVICE, (m) => { m.spec.type = 'NodePort'; m.spec.ports[0].nodePort = 30123; })],
  ['ExternalName Service', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { type: 'ExternalName', externalName: 'db.example.com' } }],
  ['ConfigMap', CONFIGMAP],
  ['ConfigMap with binaryData', mutate(CONFIGMAP, (m) => { m.binaryData = { 'logo.png': 'iVBORw0K' }; })],
  ['Secret', SECRET],
  ['TLS Secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tls' }, type: 'kubernetes.io/tls', data: { 'tls.crt': 'YQ==', 'tls.key': 'Yg==' } }],
  ['Ingress', INGRESS],
  ['Ingress with TLS and a wildcard host', mutate(INGRESS, (m) => { m.spec.rules[0].host = '*.example.com'; m.spec.tls = [{ hosts: ['*.example.com'], secretName: 'tls' }]; })],
  ['Ingress with resource backends', mutate(INGRESS, (m) => {
    m.spec.defaultBackend = { resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'static-assets' } };
    m.spec.rules[0].http.paths.push({ path: '/icons', pathType: 'ImplementationSpecific', backend: { resource: { kind: 'ConfigMap', name: 'icons' } } });
  })],
  ['NetworkPolicy', NETWORKPOLICY],
  ['NetworkPolicy with an ipBlock', mutate(NETWORKPOLICY, (m) => { m.spec.ingress[0].from = [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }]; })],
  ['PodDisruptionBudget', PDB],
  ['PodDisruptionBudget with a percentage', mutate(PDB, (m) => { delete m.spec.maxUnavailable; m.spec.minAvailable = '50%'; })],
  ['HorizontalPodAutoscaler', HPA],
  ['EndpointSlice', ENDPOINTSLICE],
  ['HTTPRoute', HTTPROUTE],
  ['Namespace', NAMESPACE],
  ['Pod with huge pages, a hostPath, sleep hooks of the grace period, recursiveReadOnly and minDomains', withPod(POD, podOf.Pod, (p) => {
    p.terminationGracePeriodSeconds = 20;
    p.volumes = [{ name: 'host', hostPath: { path: '/var/log', type: 'Directory' } }, { name: 'conf', configMap: { name: 'settings' } }];
    p.containers[0].volumeMounts = [{ name: 'host', mountPath: '/host' }, { name: 'conf', mountPath: '/conf', readOnly: true, recursiveReadOnly: 'IfPossible' }];
    p.containers[0].resources = { requests: { 'memory': '128Mi', 'hugepages-2Mi': '64Mi' }, limits: { 'memory': '128Mi', 'hugepages-2Mi': '64Mi' } };
    p.containers[0].lifecycle = { postStart: { sleep: { seconds: 20 } }, preStop: { sleep: { seconds: 20 } } };
    p.initContainers = [{ name: 'proxy', image: 'ghcr.io/acme/proxy:1', restartPolicy: 'Always', lifecycle: { postStart: { sleep: { seconds: 1 } } } }];
    p.topologySpreadConstraints = [{ maxSkew: 1, minDomains: 2, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: labels } }];
  })],
  // cdk8s-plus writes one; the server drops metadata.namespace of a cluster-scoped kind.
  ['Namespace with metadata.namespace', mutate(NAMESPACE, (m) => { m.metadata.namespace = 'default'; })],
];

/** Manifests the API server rejects, with the rule each breaks (test/apiserver confirms each). */
export const REJECTED: Array<[string, Manifest]> = [
  // Unknown fields (strict field validation)
  ['unknown field spec.bogusField on a Deployment', mutate(DEPLOYMENT, (m) => { m.spec.bogusField = true; })],
  ['unknown field in a container', withPod(DEPLOYMENT, podOf.Deployment, (p) => { p.containers[0].imagePullPolicyy = 'Always'; })],
  ['old Ingress backend fields serviceName/servicePort', mutate(INGRESS, (m) => { m.spec.rules[0].http.paths[0].backend = { serviceName: 'web', servicePort: 80 }; })],
  ['unknown field in Service ports', mutate(SERVICE, (m) => { m.spec.ports[0].targetport = 8080; })],
  ['unknown top-level field on a ConfigMap', mutate(CONFIGMAP, (m) => { m.spec = { a: 1 }; })],
  ['unknown field in metadata', mutate(SERVICE, (m) => { m.metadata.label = { a: 'b' }; })],
  ['unknown field in an HTTPRoute rule', mutate(HTTPROUTE, (m) => { m.spec.rules[0].timeout = '5s'; })],
  // Names and metadata
  ['Service name that is not DNS-1035', mutate(SERVICE, (m) => { m.metadata.name = '1web'; })],
  ['Deployment name with upper case', mutate(DEPLOYMENT, (m) => { m.metadata.name = 'Web'; })],
  ['label value with a space', mutate(CONFIGMAP, (m) => { m.metadata.labels = { team: 'a b' }; })],
  ['annotation key with two slashes', mutate(CONFIGMAP, (m) => { m.metadata.annotations = { 'a/b/c': 'x' }; })],
  ['namespace name with upper case', mutate(NAMESPACE, (m) => { m.metadata.name = 'Team-A'; })],
  ['pod-security label with an unknown level', mutate(NAMESPACE, (m) => { m.metadata.labels['pod-security.kubernetes.io/enforce'] = 'strict'; })],
  // ConfigMap and Secret
  ['ConfigMap key with a space', mutate(CONFIGMAP, (m) => { m.data = { 'app config': 'x' }; })],
  ['ConfigMap key in both data and binaryData', mutate(CONFIGMAP, (m) => { m.binaryData = { 'app.yaml': 'YQ==' }; })],
  ['Secret key with a slash', mutate(SECRET, (m) => { m.stringData = { 'a/b': 'x' }; })],
  ['TLS Secret without tls.key', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tls' }, type: 'kubernetes.io/tls', data: { 'tls.crt': 'YQ==' } }],
  // Pods
  ['Pod with no containers', withPod(POD, podOf.Pod, (p) => { p.containers = []; })],
  ['container without image in a Pod', withPod(POD, podOf.Pod, (p) => { delete p.containers[0].image; })],
  ['two containers with one name', withPod(POD, podOf.Pod, (p) => { p.containers.push(container()); p.containers[1].ports = []; })],
  ['container port name longer than 15', withPod(POD, podOf.Pod, (p) => { p.containers[0].ports[0].name = 'a-very-long-name1'; })],
  ['mount of an undefined volume', withPod(POD, podOf.Pod, (p) => { p.containers[0].volumeMounts = [{ name: 'missing', mountPath: '/x' }]; })],
  ['volume name with upper case', withPod(POD, podOf.Pod, (p) => { p.volumes = [{ name: 'Cache', emptyDir: {} }]; })],
  ['env var name with "="', withPod(POD, podOf.Pod, (p) => { p.containers[0].env = [{ name: 'A=B', value: 'x' }]; })],
  ['env with value and valueFrom', withPod(POD, podOf.Pod, (p) => { p.containers[0].env = [{ name: 'A', value: 'x', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }]; })],
  ['fieldRef to an unsupported path', withPod(POD, podOf.Pod, (p) => { p.containers[0].env = [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'spec.containers' } } }]; })],
  ['probe with two handlers', withPod(POD, podOf.Pod, (p) => { p.containers[0].readinessProbe = { httpGet: { path: '/', port: 8080 }, tcpSocket: { port: 8080 } }; })],
  ['liveness probe with successThreshold 2', withPod(POD, podOf.Pod, (p) => { p.containers[0].livenessProbe = { tcpSocket: { port: 8080 }, successThreshold: 2 }; })],
  ['init container with a probe but no restartPolicy', withPod(POD, podOf.Pod, (p) => { p.initContainers = [{ name: 'init', image: 'busybox:1.37', readinessProbe: { exec: { command: ['true'] } } }]; })],
  ['memory request above the limit', withPod(POD, podOf.Pod, (p) => { p.containers[0].resources = { requests: { memory: '1Gi' }, limits: { memory: '512Mi' } }; })],
  ['quantity that does not parse', withPod(POD, podOf.Pod, (p) => { p.containers[0].resources = { requests: { cpu: '1 cpu' } }; })],
  ['imagePullPolicy in lower case', withPod(POD, podOf.Pod, (p) => { p.containers[0].imagePullPolicy = 'always'; })],
  ['runAsUser above 2^31-1', withPod(POD, podOf.Pod, (p) => { p.securityContext = { runAsUser: 2147483648 }; })],
  ['toleration Exists with a value', withPod(POD, podOf.Pod, (p) => { p.tolerations = [{ key: 'k', operator: 'Exists', value: 'v' }]; })],
  ['topology spread maxSkew 0', withPod(POD, podOf.Pod, (p) => { p.topologySpreadConstraints = [{ maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }]; })],
  ['subPath with ".."', withPod(POD, podOf.Pod, (p) => { p.volumes = [{ name: 'c', emptyDir: {} }]; p.containers[0].volumeMounts = [{ name: 'c', mountPath: '/c', subPath: '../x' }]; })],
  ['configMap volume item with an absolute path', withPod(POD, podOf.Pod, (p) => { p.volumes = [{ name: 'c', configMap: { name: 'settings', items: [{ key: 'a', path: '/etc/a' }] } }]; })],
  ['pod restartPolicy in lower case', withPod(POD, podOf.Pod, (p) => { p.restartPolicy = 'always'; })],
  // Issue #27: pod-model rules the validator missed
  ['postStart sleep longer than the grace period', withPod(POD, podOf.Pod, (p) => { p.containers[0].lifecycle = { postStart: { sleep: { seconds: 31 } } }; })],
  ['sidecar postStart sleep longer than its pod\'s grace period', withPod(DEPLOYMENT, podOf.Deployment, (p) => {
    p.terminationGracePeriodSeconds = 10;
    p.initContainers = [{ name: 'proxy', image: 'ghcr.io/acme/proxy:1', restartPolicy: 'Always', lifecycle: { postStart: { sleep: { seconds: 11 } } } }];
  })],
  ['preStop sleep of 0 seconds', withPod(POD, podOf.Pod, (p) => { p.containers[0].lifecycle = { preStop: { sleep: { seconds: 0 } } }; })],
  ['huge pages that are no whole number of pages', withPod(POD, podOf.Pod, (p) => { p.containers[0].resources = { limits: { 'memory': '128Mi', 'hugepages-2Mi': '3Mi' } }; })],
  ['huge pages without cpu or memory', withPod(POD, podOf.Pod, (p) => { p.containers[0].resources = { limits: { 'hugepages-2Mi': '64Mi' } }; })],
  ['hostPath with a ".." element', withPod(POD, podOf.Pod, (p) => { p.volumes = [{ name: 'h', hostPath: { path: '/var/../etc' } }]; })],
  ['hostPath with an empty path', withPod(POD, podOf.Pod, (p) => { p.volumes = [{ name: 'h', hostPath: { path: '' } }]; })],
  ['hostPath with an unknown type', withPod(POD, podOf.Pod, (p) => { p.volumes = [{ name: 'h', hostPath: { path: '/var/log', type: 'directory' } }]; })],
  ['minDomains with ScheduleAnyway', withPod(POD, podOf.Pod, (p) => { p.topologySpreadConstraints = [{ maxSkew: 1, minDomains: 2, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway' }]; })],
  ['recursiveReadOnly without readOnly', withPod(POD, podOf.Pod, (p) => { p.volumes = [{ name: 'c', emptyDir: {} }]; p.containers[0].volumeMounts = [{ name: 'c', mountPath: '/c', recursiveReadOnly: 'Enabled' }]; })],
  ['Pod over the object size limit (a 4 MiB env value)', withPod(POD, podOf.Pod, (p) => { p.containers[0].env = [{ name: 'BIG', value: 'x'.repeat(4 * 1024 * 1024) }]; })],
  ['Bidirectional propagation in an unprivileged container', withPod(POD, podOf.Pod, (p) => { p.volumes = [{ name: 'c', emptyDir: {} }]; p.containers[0].volumeMounts = [{ name: 'c', mountPath: '/c', mountPropagation: 'Bidirectional' }]; })],
  // Pod templates in every workload kind
  ['Deployment template with no containers', withPod(DEPLOYMENT, podOf.Deployment, (p) => { p.containers = []; })],
  ['DaemonSet template with a bad env name', withPod(DAEMONSET, podOf.DaemonSet, (p) => { p.containers[0].env = [{ name: 'A=B', value: 'x' }]; })],
  ['ReplicaSet template with two containers named alike', withPod(REPLICASET, podOf.ReplicaSet, (p) => { p.containers.push({ name: 'web', image: 'x:1' }); })],
  ['Job template with a bad volume name', withPod(JOB, podOf.Job, (p) => { p.volumes = [{ name: 'Bad', emptyDir: {} }]; })],
  ['CronJob template with a request above the limit', withPod(CRONJOB, podOf.CronJob, (p) => { p.containers[0].resources = { requests: { cpu: '2' }, limits: { cpu: '1' } }; })],
  // Workloads
  ['Deployment with Recreate and rollingUpdate', mutate(DEPLOYMENT, (m) => { m.spec.strategy = { type: 'Recreate', rollingUpdate: { maxSurge: 1 } }; })],
  ['Deployment selector that does not match the template', mutate(DEPLOYMENT, (m) => { m.spec.selector.matchLabels = { app: 'other' }; })],
  ['Deployment with maxSurge and maxUnavailable both 0', mutate(DEPLOYMENT, (m) => { m.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } }; })],
  ['Deployment with maxSurge "1" as a string', mutate(DEPLOYMENT, (m) => { m.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '1' } }; })],
  ['Deployment with negative replicas', mutate(DEPLOYMENT, (m) => { m.spec.replicas = -1; })],
  ['StatefulSet with restartPolicy Never', withPod(STATEFULSET, podOf.StatefulSet, (p) => { p.restartPolicy = 'Never'; })],
  ['Job with restartPolicy Always', withPod(JOB, podOf.Job, (p) => { p.restartPolicy = 'Always'; })],
  ['Job with a name of 64 characters', mutate(JOB, (m) => { m.metadata.name = 'j'.repeat(64); })],
  ['Job with a negative backoffLimit', mutate(JOB, (m) => { m.spec.backoffLimit = -1; })],
  ['CronJob schedule minute 61', mutate(CRONJOB, (m) => { m.spec.schedule = '61 * * * *'; })],
  ['CronJob schedule with four fields', mutate(CRONJOB, (m) => { m.spec.schedule = '0 3 * *'; })],
  ['CronJob with an unknown time zone', mutate(CRONJOB, (m) => { m.spec.timeZone = 'Mars/Olympus'; })],
  ['CronJob with TZ= in the schedule', mutate(CRONJOB, (m) => { m.spec.schedule = 'TZ=UTC 0 3 * * *'; })],
  ['CronJob with TZ after the schedule', mutate(CRONJOB, (m) => { m.spec.schedule = '0 3 * * * TZ'; })],
  ['CronJob with a time zone in lower case', mutate(CRONJOB, (m) => { m.spec.timeZone = 'europe/berlin'; })],
  ['CronJob with a name of 53 characters', mutate(CRONJOB, (m) => { m.metadata.name = 'n'.repeat(53); })],
  ['CronJob with concurrencyPolicy in lower case', mutate(CRONJOB, (m) => { m.spec.concurrencyPolicy = 'forbid'; })],
  ['CronJob job template with restartPolicy Always', withPod(CRONJOB, podOf.CronJob, (p) => { p.restartPolicy = 'Always'; })],
  // Services
  ['Service port above 65535', mutate(SERVICE, (m) => { m.spec.ports[0].port = 65536; })],
  ['two Service ports without names', mutate(SERVICE, (m) => { m.spec.ports = [{ port: 80 }, { port: 81 }]; })],
  ['nodePort on a ClusterIP Service', mutate(SERVICE, (m) => { m.spec.ports[0].nodePort = 30080; })],
  ['headless NodePort Service', mutate(SERVICE, (m) => { m.spec.type = 'NodePort'; m.spec.clusterIP = 'None'; })],
  ['ExternalName that is not a DNS name', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { type: 'ExternalName', externalName: 'db_1.example.com' } }],
  ['externalTrafficPolicy on a ClusterIP Service', mutate(SERVICE, (m) => { m.spec.externalTrafficPolicy = 'Local'; })],
  ['sessionAffinity timeout above a day', mutate(SERVICE, (m) => { m.spec.sessionAffinity = 'ClientIP'; m.spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 86401 } }; })],
  ['targetPort name longer than 15', mutate(SERVICE, (m) => { m.spec.ports[0].targetPort = 'a-very-long-name1'; })],
  // Networking
  ['Ingress path without a leading "/"', mutate(INGRESS, (m) => { m.spec.rules[0].http.paths[0].path = 'api'; })],
  ['Ingress host that is an IP', mutate(INGRESS, (m) => { m.spec.rules[0].host = '10.0.0.1'; })],
  ['Ingress backend Service name with upper case', mutate(INGRESS, (m) => { m.spec.rules[0].http.paths[0].backend.service.name = 'Web'; })],
  ['Ingress resource backend with an upper-case apiGroup', mutate(INGRESS, (m) => { m.spec.defaultBackend = { resource: { apiGroup: 'Example.com', kind: 'StorageBucket', name: 'static' } }; })],
  ['Ingress resource backend with an empty apiGroup', mutate(INGRESS, (m) => { m.spec.defaultBackend = { resource: { apiGroup: '', kind: 'StorageBucket', name: 'static' } }; })],
  ['Ingress resource backend name with a "/"', mutate(INGRESS, (m) => { m.spec.rules[0].http.paths[0].backend = { resource: { kind: 'ConfigMap', name: 'a/b' } }; })],
  ['Ingress resource backend kind ".."', mutate(INGRESS, (m) => { m.spec.rules[0].http.paths[0].backend = { resource: { kind: '..', name: 'icons' } }; })],
  ['Ingress resource backend without a name', mutate(INGRESS, (m) => { m.spec.rules[0].http.paths[0].backend = { resource: { kind: 'ConfigMap' } }; })],
  ['Ingress without pathType', mutate(INGRESS, (m) => { delete m.spec.rules[0].http.paths[0].pathType; })],
  ['NetworkPolicy endPort below port', mutate(NETWORKPOLICY, (m) => { m.spec.ingress[0].ports[0].endPort = 8000; })],
  ['NetworkPolicy endPort with a named port', mutate(NETWORKPOLICY, (m) => { m.spec.ingress[0].ports[0].port = 'http'; })],
  ['NetworkPolicy ipBlock with a bad CIDR', mutate(NETWORKPOLICY, (m) => { m.spec.ingress[0].from = [{ ipBlock: { cidr: '10.0.0.0/33' } }]; })],
  ['NetworkPolicy peer with ipBlock and podSelector', mutate(NETWORKPOLICY, (m) => { m.spec.ingress[0].from = [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }]; })],
  ['NetworkPolicy with policyType in lower case', mutate(NETWORKPOLICY, (m) => { m.spec.policyTypes = ['ingress']; })],
  ['EndpointSlice address with an IPv6 zone', mutate(ENDPOINTSLICE, (m) => { m.endpoints[0].addresses = ['fe80::1%eth0']; })],
  ['EndpointSlice IPv4 address in an IPv6 slice', mutate(ENDPOINTSLICE, (m) => { m.endpoints[0].addresses = ['192.0.2.10']; })],
  ['EndpointSlice with a loopback address', mutate(ENDPOINTSLICE, (m) => { m.endpoints[0].addresses = ['::1']; })],
  ['HTTPRoute path with a space', mutate(HTTPROUTE, (m) => { m.spec.rules[0].matches[0].path.value = '/a b'; })],
  ['HTTPRoute path without a leading "/"', mutate(HTTPROUTE, (m) => { m.spec.rules[0].matches[0].path.value = 'api'; })],
  ['HTTPRoute backend port above 65535', mutate(HTTPROUTE, (m) => { m.spec.rules[0].backendRefs[0].port = 70000; })],
  // Policy and autoscaling
  ['PDB with minAvailable and maxUnavailable', mutate(PDB, (m) => { m.spec.minAvailable = 1; })],
  ['PDB percentage above 100', mutate(PDB, (m) => { m.spec.maxUnavailable = '150%'; })],
  ['HPA with maxReplicas below minReplicas', mutate(HPA, (m) => { m.spec.maxReplicas = 1; })],
  ['HPA with minReplicas 0', mutate(HPA, (m) => { m.spec.minReplicas = 0; })],
  ['HPA Resource metric without target', mutate(HPA, (m) => { delete m.spec.metrics[0].resource.target; })],
];
