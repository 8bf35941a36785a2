import { CLUSTER_SCOPED_KINDS } from '../core/kinds';
import { cronJobNameLength, cronSchedule, cronTimeZone, jobNameLength } from '../core/cron';
import { ConcurrencyPolicy, JobRestartPolicy } from '../core/job-options';
import { Protocol } from '../core/ports';
import { DEFAULT_NODE_PORT_RANGE, isPortNumber } from '../services/ports-model';
import { CLIENT_IP_TIMEOUT_SECONDS, KUBELET_PORT } from '../core/service-values';
import { ipFamily, specialIp, cidr } from '../core/net';
import { dns1035Label, dns1123Label, dns1123Subdomain, envVarName, ianaPortName, labelValue, pathSegmentName, qualifiedName } from '../core/names';
import { quantity, quantityValue } from '../core/quantity';
import { httpHost, httpPath } from '../routing/routes-model';
import { IssueList, list, Manifest, num, obj, Obj, own, str, strMap } from './json';
import { checkFields } from './fields';
import { checkContainerDetails, checkContainerKinds, checkScheduling, checkVolumes } from './pod-rules';
import { podSpecOf } from './pod-security';
import { CONFIG_MAP_KEY, MAX_OBJECT_BYTES, sleepSeconds } from '../core/pod-values';

/** Options of the semantic checks. */
export interface RuleOptions {
  /** Node port range of the target cluster. */
  readonly nodePortRange?: { readonly min: number; readonly max: number };
}

/** The API's protocols: the values of the public Protocol enum (K8S-RULES.md §2, §3, §7). */
const PROTOCOLS: string[] = Object.values(Protocol);
const SELECTOR_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

/** The restart policies the pods of each kind may have (podSpecOf finds the pods). */
const RESTART_POLICIES: { [kind: string]: string[] } = {
  Pod: ['Always', 'OnFailure', 'Never'],
  Deployment: ['Always'],
  StatefulSet: ['Always'],
  DaemonSet: ['Always'],
  ReplicaSet: ['Always'],
  // A Job's pods must say how they restart: the default, Always, is refused.
  Job: Object.values(JobRestartPolicy),
  CronJob: Object.values(JobRestartPolicy),
};

const portNumber = (v: unknown) => (typeof v === 'number' && isPortNumber(v) ? undefined : 'is not a port number in 1-65535');

/** The metadata.name rule of a kind (Service DNS-1035; Namespace/StatefulSet DNS-1123 label; ...). */
function nameRule(kind: string): (v: string) => string | undefined {
  if (kind === 'Service') return dns1035Label;
  if (kind === 'Namespace' || kind === 'StatefulSet') return dns1123Label;
  if (kind === 'PodDisruptionBudget' || kind.startsWith('Role') || kind.startsWith('ClusterRole')) return pathSegmentName;
  if (kind === 'Job') return (v) => jobNameLength(v) ?? dns1123Subdomain(v);
  if (kind === 'CronJob') return (v) => cronJobNameLength(v) ?? dns1123Subdomain(v);
  return dns1123Subdomain;
}

/** The API server's semantic rules that schemas do not express. */
export function checkApiRules(m: Manifest, issues: IssueList, options: RuleOptions = {}): void {
  checkFields(m, issues);
  const bytes = Buffer.byteLength(JSON.stringify(m));
  if (bytes > MAX_OBJECT_BYTES) issues.add('api-server', '/', `is ${bytes} bytes as JSON, more than the ${MAX_OBJECT_BYTES} (1.5 MiB) the API server can store (etcd's request limit)`);
  checkMetadata(m, issues);
  const spec = obj(m.spec);
  switch (m.kind) {
    case 'Service': checkService(spec, issues, options); break;
    case 'Ingress': checkIngress(spec, issues); break;
    case 'Endpoints': checkEndpoints(m, issues); break;
    case 'EndpointSlice': checkEndpointSlice(m, issues); break;
    case 'PodDisruptionBudget': checkPdb(spec, issues); break;
    case 'HorizontalPodAutoscaler': checkHpa(spec, issues); break;
    case 'NetworkPolicy': checkNetworkPolicy(spec, issues); break;
    case 'ConfigMap': case 'Secret': checkData(m, issues); break;
    case 'Namespace': checkNamespace(m, issues); break;
    case 'Job': checkJob(spec, '/spec', issues); break;
    case 'CronJob': checkCronJob(spec, issues); break;
    case 'HTTPRoute': checkHttpRoute(spec, issues); break;
    default: break;
  }
  if (SELECTOR_KINDS.has(m.kind)) checkWorkload(m, spec, issues);
  const allowed = own(RESTART_POLICIES, m.kind);
  if (allowed) {
    // A workload without a template is checked as one with an empty pod (which has no containers).
    const { spec: pod, path } = podSpecOf(m) ?? { spec: obj(undefined), path: '/spec/template/spec' };
    const restart = pod.restartPolicy;
    if (restart !== undefined || !allowed.includes('Always')) {
      if (!allowed.includes(String(restart))) issues.add('api-server', `${path}/restartPolicy`, `${JSON.stringify(restart ?? 'Always')} is not allowed for a ${m.kind}: use ${allowed.join(' or ')}`);
    }
    const claims = list(spec.volumeClaimTemplates).map((c) => str(obj(obj(c).metadata).name));
    checkPodSpec(pod, path, issues, claims);
  }
}

function checkMetadata(m: Manifest, issues: IssueList): void {
  const md = obj(m.metadata);
  const name = str(md.name);
  if (!name) issues.add('api-server', '/metadata/name', 'is required');
  else issues.check('/metadata/name', name, (name.length > 253 ? 'is longer than 253 characters' : undefined) ?? nameRule(m.kind)(name));
  const ns = str(md.namespace);
  // On a cluster-scoped kind the server drops metadata.namespace before validation
  // (apiserver rest.EnsureObjectNamespaceMatchesRequestNamespace); cdk8s-plus writes one on Namespaces.
  if (ns !== undefined && !CLUSTER_SCOPED_KINDS.has(m.kind)) issues.check('/metadata/namespace', ns, dns1123Label(ns));
  checkLabelMap(issues, '/metadata/labels', md.labels);
  for (const key of Object.keys(obj(md.annotations))) issues.check('/metadata/annotations', key, qualifiedName(key.toLowerCase()));
}

function checkLabelMap(issues: IssueList, path: string, labels: unknown): void {
  for (const [k, v] of Object.entries(strMap(labels))) {
    issues.check(`${path}/${k}`, k, qualifiedName(k));
    issues.check(`${path}/${k}`, v, labelValue(v));
  }
}

function checkService(spec: Obj, issues: IssueList, options: RuleOptions): void {
  const type = str(spec.type) ?? 'ClusterIP';
  const headless = spec.clusterIP === 'None';
  const ports = list(spec.ports).map(obj);
  if (type === 'ExternalName') {
    const en = str(spec.externalName) ?? '';
    issues.check('/spec/externalName', en, dns1123Subdomain(en.replace(/\.$/, '')));
    if (spec.clusterIP !== undefined) issues.add('api-server', '/spec/clusterIP', 'must not be set for an ExternalName Service');
    if (spec.ipFamilies !== undefined || spec.ipFamilyPolicy !== undefined) issues.add('api-server', '/spec/ipFamilies', 'must not be set for an ExternalName Service');
  } else if (ports.length === 0 && !headless) {
    issues.add('api-server', '/spec/ports', 'is required unless the Service is headless or ExternalName');
  }
  if (headless && type !== 'ClusterIP') issues.add('api-server', '/spec/clusterIP', `"None" (headless) is not allowed with type ${type}`);
  const names = new Set<string>();
  const pairs = new Set<string>();
  const nodePairs = new Set<string>();
  const range = options.nodePortRange ?? DEFAULT_NODE_PORT_RANGE;
  ports.forEach((p, i) => {
    const path = `/spec/ports/${i}`;
    const name = str(p.name);
    if (name === undefined || name === '') {
      if (ports.length > 1) issues.add('api-server', `${path}/name`, 'is required when a Service has several ports');
    } else {
      issues.check(`${path}/name`, name, dns1123Label(name));
      if (names.has(name)) issues.add('api-server', `${path}/name`, `"${name}" is not unique`);
      names.add(name);
    }
    issues.check(`${path}/port`, p.port, portNumber(p.port));
    const protocol = str(p.protocol) ?? 'TCP';
    if (!PROTOCOLS.includes(protocol)) issues.add('api-server', `${path}/protocol`, `"${protocol}" is not TCP, UDP or SCTP`);
    const pair = `${p.port}/${protocol}`;
    if (pairs.has(pair)) issues.add('api-server', `${path}/port`, `${pair} is not unique`);
    pairs.add(pair);
    const target = p.targetPort;
    if (typeof target === 'string') issues.check(`${path}/targetPort`, target, ianaPortName(target));
    else if (target !== undefined) issues.check(`${path}/targetPort`, target, portNumber(target));
    if (p.nodePort !== undefined) {
      if (type === 'ClusterIP' || type === 'ExternalName') issues.add('api-server', `${path}/nodePort`, `is not allowed with type ${type}`);
      const np = num(p.nodePort) ?? -1;
      if (np < range.min || np > range.max) issues.add('api-server', `${path}/nodePort`, `${np} is outside ${range.min}-${range.max}`);
      const nodePair = `${np}/${protocol}`;
      if (nodePairs.has(nodePair)) issues.add('api-server', `${path}/nodePort`, `${nodePair} is not unique`);
      nodePairs.add(nodePair);
    }
    if (type === 'LoadBalancer' && p.port === KUBELET_PORT) issues.add('api-server', `${path}/port`, `${KUBELET_PORT} may not be exposed by a LoadBalancer`);
  });
  checkLabelMap(issues, '/spec/selector', spec.selector);
  const affinity = str(spec.sessionAffinity);
  const timeout = num(obj(obj(spec.sessionAffinityConfig).clientIP).timeoutSeconds);
  const { min, max } = CLIENT_IP_TIMEOUT_SECONDS;
  if (timeout !== undefined && (affinity !== 'ClientIP' || timeout < min || timeout > max)) {
    issues.add('api-server', '/spec/sessionAffinityConfig/clientIP/timeoutSeconds', `${timeout} needs sessionAffinity ClientIP and ${min}-${max}`);
  }
  if (spec.loadBalancerSourceRanges !== undefined && type !== 'LoadBalancer') issues.add('api-server', '/spec/loadBalancerSourceRanges', 'is only allowed with type LoadBalancer');
  list(spec.loadBalancerSourceRanges).forEach((r, i) => issues.check(`/spec/loadBalancerSourceRanges/${i}`, r, cidr(String(r))));
  const external = type === 'NodePort' || type === 'LoadBalancer' || list(spec.externalIPs).length > 0;
  if (spec.externalTrafficPolicy !== undefined && !external) issues.add('api-server', '/spec/externalTrafficPolicy', 'may only be set for externally-accessible services');
  if (spec.trafficDistribution !== undefined && spec.trafficDistribution !== 'PreferClose') issues.add('api-server', '/spec/trafficDistribution', 'must be PreferClose');
}

function checkIngress(spec: Obj, issues: IssueList): void {
  const rules = list(spec.rules).map(obj);
  if (rules.length === 0 && spec.defaultBackend === undefined) issues.add('api-server', '/spec', 'needs rules or a defaultBackend');
  if (spec.ingressClassName !== undefined) issues.check('/spec/ingressClassName', spec.ingressClassName, dns1123Subdomain(String(spec.ingressClassName)));
  if (spec.defaultBackend !== undefined) checkBackend(obj(spec.defaultBackend), '/spec/defaultBackend', issues);
  rules.forEach((r, i) => {
    if (r.host !== undefined) issues.check(`/spec/rules/${i}/host`, r.host, httpHost(String(r.host)));
    const paths = list(obj(r.http).paths).map(obj);
    if (r.http !== undefined && paths.length === 0) issues.add('api-server', `/spec/rules/${i}/http/paths`, 'must not be empty');
    paths.forEach((p, j) => {
      const path = `/spec/rules/${i}/http/paths/${j}`;
      const type = str(p.pathType);
      if (!type || !['Exact', 'Prefix', 'ImplementationSpecific'].includes(type)) issues.add('api-server', `${path}/pathType`, 'must be Exact, Prefix or ImplementationSpecific');
      const value = str(p.path) ?? '';
      if (type === 'Exact' || type === 'Prefix') issues.check(`${path}/path`, value, httpPath(value));
      else if (value !== '' && !value.startsWith('/')) issues.add('api-server', `${path}/path`, 'must start with "/"');
      checkBackend(obj(p.backend), `${path}/backend`, issues);
    });
  });
  list(spec.tls).map(obj).forEach((t, i) => {
    if (t.secretName !== undefined) issues.check(`/spec/tls/${i}/secretName`, t.secretName, dns1123Subdomain(String(t.secretName)));
    list(t.hosts).forEach((h, j) => issues.check(`/spec/tls/${i}/hosts/${j}`, h, httpHost(String(h))));
  });
}

function checkBackend(b: Obj, path: string, issues: IssueList): void {
  const service = obj(b.service);
  // JSON null means unset, as for the server.
  const set = (x: unknown) => x !== undefined && x !== null;
  if (set(b.service) === set(b.resource)) issues.add('api-server', path, 'needs exactly one of service or resource');
  if (set(b.resource)) {
    const resource = obj(b.resource);
    if (set(resource.apiGroup)) issues.check(`${path}/resource/apiGroup`, resource.apiGroup, dns1123Subdomain(String(resource.apiGroup)));
    issues.check(`${path}/resource/kind`, resource.kind, pathSegmentName(str(resource.kind) ?? ''));
    issues.check(`${path}/resource/name`, resource.name, pathSegmentName(str(resource.name) ?? ''));
  }
  if (!set(b.service)) return;
  issues.check(`${path}/service/name`, service.name, dns1035Label(String(service.name ?? '')));
  const port = obj(service.port);
  if ((port.name === undefined) === (port.number === undefined)) issues.add('api-server', `${path}/service/port`, 'needs exactly one of name or number');
  if (port.name !== undefined) issues.check(`${path}/service/port/name`, port.name, ianaPortName(String(port.name)));
  if (port.number !== undefined) issues.check(`${path}/service/port/number`, port.number, portNumber(port.number));
}

function checkEndpointIp(issues: IssueList, path: string, ip: string, family?: string): void {
  const actual = ipFamily(ip);
  if (!actual) return issues.add('api-server', path, `"${ip}" is not a valid IP address`);
  if (family && actual !== family) issues.add('api-server', path, `"${ip}" is not an ${family} address`);
  const special = specialIp(ip);
  if (special) issues.add('api-server', path, `"${ip}" ${special}`);
}

function checkEndpoints(m: Manifest, issues: IssueList): void {
  list(m.subsets).map(obj).forEach((s, i) => {
    const addresses = [...list(s.addresses), ...list(s.notReadyAddresses)].map(obj);
    if (addresses.length === 0) issues.add('api-server', `/subsets/${i}`, 'needs at least one address');
    addresses.forEach((a, j) => checkEndpointIp(issues, `/subsets/${i}/addresses/${j}/ip`, String(a.ip ?? '')));
    const ports = list(s.ports).map(obj);
    ports.forEach((p, j) => {
      if (ports.length > 1 && !p.name) issues.add('api-server', `/subsets/${i}/ports/${j}/name`, 'is required with several ports');
      if (p.name !== undefined) issues.check(`/subsets/${i}/ports/${j}/name`, p.name, dns1123Label(String(p.name)));
      issues.check(`/subsets/${i}/ports/${j}/port`, p.port, portNumber(p.port));
    });
  });
}

function checkEndpointSlice(m: Manifest, issues: IssueList): void {
  const type = str(m.addressType);
  if (!type || !['IPv4', 'IPv6', 'FQDN'].includes(type)) issues.add('api-server', '/addressType', 'must be IPv4, IPv6 or FQDN');
  const endpoints = list(m.endpoints).map(obj);
  if (endpoints.length > 1000) issues.add('api-server', '/endpoints', 'holds more than 1000 endpoints');
  endpoints.forEach((e, i) => {
    const addresses = list(e.addresses);
    if (addresses.length < 1 || addresses.length > 100) issues.add('api-server', `/endpoints/${i}/addresses`, 'must hold 1-100 addresses');
    if (type !== 'FQDN') addresses.forEach((a, j) => checkEndpointIp(issues, `/endpoints/${i}/addresses/${j}`, String(a), type));
  });
  const names = new Set<string>();
  list(m.ports).map(obj).forEach((p, i) => {
    const name = str(p.name) ?? '';
    if (name) issues.check(`/ports/${i}/name`, name, dns1123Label(name));
    if (names.has(name)) issues.add('api-server', `/ports/${i}/name`, `"${name}" is not unique (an empty name counts too)`);
    names.add(name);
  });
}

function intOrPercent(v: unknown, maxPercent?: number): string | undefined {
  if (Number.isInteger(v) && (v as number) >= 0) return undefined;
  const m = /^(\d+)%$/.exec(String(v));
  if (!m) return 'is not an integer >= 0 or a percentage';
  return maxPercent !== undefined && Number(m[1]) > maxPercent ? `must not be more than ${maxPercent}%` : undefined;
}

function checkPdb(spec: Obj, issues: IssueList): void {
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) issues.add('api-server', '/spec', 'minAvailable and maxUnavailable cannot both be set');
  for (const f of ['minAvailable', 'maxUnavailable']) if (spec[f] !== undefined) issues.check(`/spec/${f}`, spec[f], intOrPercent(spec[f], 100));
}

function checkHpa(spec: Obj, issues: IssueList): void {
  const min = num(spec.minReplicas) ?? 1;
  const max = num(spec.maxReplicas) ?? 0;
  if (min < 1) issues.add('api-server', '/spec/minReplicas', 'must be >= 1');
  if (max < 1 || max < min) issues.add('api-server', '/spec/maxReplicas', 'must be >= 1 and >= minReplicas');
  const ref = obj(spec.scaleTargetRef);
  if (!ref.kind || !ref.name) issues.add('api-server', '/spec/scaleTargetRef', 'needs kind and name');
  list(spec.metrics).map(obj).forEach((mt, i) => {
    const u = num(obj(obj(mt.resource).target).averageUtilization);
    if (u !== undefined && u < 1) issues.add('api-server', `/spec/metrics/${i}`, 'averageUtilization must be >= 1');
  });
}

function checkNetworkPolicy(spec: Obj, issues: IssueList): void {
  const rules = [...list(spec.ingress).map((r) => ['ingress', 'from', r] as const), ...list(spec.egress).map((r) => ['egress', 'to', r] as const)];
  rules.forEach(([dir, peersKey, rule], i) => {
    const r = obj(rule);
    list(r[peersKey]).map(obj).forEach((peer, j) => {
      const path = `/spec/${dir}/${i}/${peersKey}/${j}`;
      if (peer.ipBlock !== undefined) {
        if (peer.podSelector !== undefined || peer.namespaceSelector !== undefined) issues.add('api-server', path, 'ipBlock cannot be combined with selectors');
        issues.check(`${path}/ipBlock/cidr`, obj(peer.ipBlock).cidr, cidr(String(obj(peer.ipBlock).cidr ?? '')));
      } else if (peer.podSelector === undefined && peer.namespaceSelector === undefined) {
        issues.add('api-server', path, 'must specify a peer');
      }
    });
    list(r.ports).map(obj).forEach((p, j) => {
      const path = `/spec/${dir}/${i}/ports/${j}`;
      if (typeof p.port === 'string') issues.check(`${path}/port`, p.port, ianaPortName(p.port));
      else if (p.port !== undefined) issues.check(`${path}/port`, p.port, portNumber(p.port));
      if (p.protocol !== undefined && !PROTOCOLS.includes(String(p.protocol))) issues.add('api-server', `${path}/protocol`, 'is not TCP, UDP or SCTP');
      if (p.endPort !== undefined) {
        if (typeof p.port !== 'number') issues.add('api-server', `${path}/endPort`, 'may not be specified when port is not a number');
        else if (typeof p.endPort !== 'number' || p.endPort < p.port) issues.add('api-server', `${path}/endPort`, `${JSON.stringify(p.endPort)} must be greater than or equal to port ${p.port}`);
      }
    });
  });
  for (const t of list(spec.policyTypes)) if (t !== 'Ingress' && t !== 'Egress') issues.add('api-server', '/spec/policyTypes', `${JSON.stringify(t)} is not Ingress or Egress`);
}

const DATA_KEY = CONFIG_MAP_KEY;
/** Keys each built-in Secret type requires (pkg/apis/core/validation ValidateSecret). */
const SECRET_KEYS: { [type: string]: string[] } = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
};

/** ConfigMap and Secret keys, and the keys a Secret's type requires. */
function checkData(m: Manifest, issues: IssueList): void {
  const maps = m.kind === 'ConfigMap' ? ['data', 'binaryData'] : ['data', 'stringData'];
  const keys = new Set<string>();
  for (const field of maps) {
    for (const key of Object.keys(obj(m[field]))) {
      const rule = key.length > 253 ? 'is longer than 253 characters'
        : !DATA_KEY.test(key) ? "must consist of alphanumeric characters, '-', '_' or '.'"
          : key === '.' || key.startsWith('..') ? "must not be '.' or start with '..'" : undefined;
      issues.check(`/${field}/${key}`, key, rule);
      if (m.kind === 'ConfigMap' && keys.has(key)) issues.add('api-server', `/binaryData/${key}`, 'is also in data: a key may be in one of data and binaryData');
      keys.add(key);
    }
  }
  for (const key of own(SECRET_KEYS, str(m.type) ?? '') ?? []) {
    if (!keys.has(key)) issues.add('api-server', '/data', `must hold the key ${key} for type ${String(m.type)}`);
  }
}

const PSS_LEVELS = ['privileged', 'baseline', 'restricted'];

/** Pod Security labels take a level (or a version: latest or v1.<minor>). */
function checkNamespace(m: Manifest, issues: IssueList): void {
  for (const [key, value] of Object.entries(strMap(obj(m.metadata).labels))) {
    const mode = /^pod-security\.kubernetes\.io\/(enforce|audit|warn)(-version)?$/.exec(key);
    if (!mode) continue;
    const ok = mode[2] ? value === 'latest' || /^v1\.(0|[1-9]\d*)$/.test(value) : PSS_LEVELS.includes(value);
    if (!ok) issues.add('api-server', `/metadata/labels/${key}`, `${JSON.stringify(value)} is not ${mode[2] ? '"latest" or "v1.<minor>"' : PSS_LEVELS.join(', ')}`);
  }
}

function nonNegative(issues: IssueList, path: string, value: unknown): void {
  if (value !== undefined && value !== null && !(Number.isInteger(value) && (value as number) >= 0)) issues.add('api-server', path, `${JSON.stringify(value)} must be an integer >= 0`);
}

/** Every count of a Job must be >= 0; a deadline of 0 is accepted too (validateJobSpec). */
function checkJob(spec: Obj, path: string, issues: IssueList): void {
  for (const field of ['backoffLimit', 'completions', 'parallelism', 'ttlSecondsAfterFinished', 'activeDeadlineSeconds']) nonNegative(issues, `${path}/${field}`, spec[field]);
}

const CONCURRENCY_POLICIES: string[] = Object.values(ConcurrencyPolicy);

function checkCronJob(spec: Obj, issues: IssueList): void {
  const schedule = str(spec.schedule);
  if (!schedule) issues.add('api-server', '/spec/schedule', 'is required');
  else issues.check('/spec/schedule', schedule, cronSchedule(schedule));
  if (spec.timeZone !== undefined && spec.timeZone !== null) issues.check('/spec/timeZone', spec.timeZone, cronTimeZone(String(spec.timeZone)));
  const policy = spec.concurrencyPolicy;
  if (policy !== undefined && !CONCURRENCY_POLICIES.includes(String(policy))) issues.add('api-server', '/spec/concurrencyPolicy', `${JSON.stringify(policy)} is not ${CONCURRENCY_POLICIES.join(', ')}`);
  for (const field of ['successfulJobsHistoryLimit', 'failedJobsHistoryLimit', 'startingDeadlineSeconds']) nonNegative(issues, `/spec/${field}`, spec[field]);
  checkJob(obj(obj(spec.jobTemplate).spec), '/spec/jobTemplate/spec', issues);
}

/** HTTPRoute path values, as the Gateway API CRD's rules check them. */
function gatewayPath(v: unknown): string | undefined {
  if (typeof v !== 'string' || !v.startsWith('/')) return 'must be an absolute path starting with "/"';
  if (!/^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|%[0-9a-fA-F]{2})+$/.test(v)) return 'holds a character a path may not hold unescaped';
  if (/\/\/|\/\.\/|\/\.\.\/|%2f|%2F|#/.test(v) || /\/\.\.?$/.test(v)) return 'must not contain "//", "/./", "/../", "%2f", "%2F" or "#", nor end with "/." or "/.."';
  return undefined;
}

function checkHttpRoute(spec: Obj, issues: IssueList): void {
  list(spec.rules).forEach((r, i) => list(obj(r).matches).forEach((match, j) => {
    const path = obj(obj(match).path);
    const type = path.type ?? 'PathPrefix';
    if ((type === 'PathPrefix' || type === 'Exact') && path.value !== undefined) issues.check(`/spec/rules/${i}/matches/${j}/path/value`, path.value, gatewayPath(path.value));
  }));
}

function checkWorkload(m: Manifest, spec: Obj, issues: IssueList): void {
  const selector = strMap(obj(spec.selector).matchLabels);
  const template = obj(spec.template);
  const podLabels = strMap(obj(template.metadata).labels);
  if (Object.keys(selector).length === 0 && list(obj(spec.selector).matchExpressions).length === 0) issues.add('api-server', '/spec/selector', 'must not be empty');
  if (!Object.entries(selector).every(([k, v]) => podLabels[k] === v)) issues.add('api-server', '/spec/selector', 'does not match template labels');
  checkLabelMap(issues, '/spec/template/metadata/labels', podLabels);
  if (spec.replicas !== undefined && !(Number.isInteger(spec.replicas) && (spec.replicas as number) >= 0)) issues.add('api-server', '/spec/replicas', 'must be an integer >= 0');
  if (m.kind === 'Deployment') {
    const ru = obj(obj(spec.strategy).rollingUpdate);
    issues.check('/spec/strategy/rollingUpdate/maxSurge', ru.maxSurge, ru.maxSurge === undefined ? undefined : intOrPercent(ru.maxSurge));
    issues.check('/spec/strategy/rollingUpdate/maxUnavailable', ru.maxUnavailable, ru.maxUnavailable === undefined ? undefined : intOrPercent(ru.maxUnavailable, 100));
    const zero = (v: unknown) => v === 0 || v === '0%';
    if (zero(ru.maxSurge) && zero(ru.maxUnavailable)) issues.add('api-server', '/spec/strategy/rollingUpdate', 'maxSurge and maxUnavailable may not both be 0');
    const type = obj(spec.strategy).type;
    if (type !== undefined && type !== 'RollingUpdate' && type !== 'Recreate') issues.add('api-server', '/spec/strategy/type', `${JSON.stringify(type)} is not RollingUpdate or Recreate`);
    if (type === 'Recreate' && obj(spec.strategy).rollingUpdate !== undefined) issues.add('api-server', '/spec/strategy/rollingUpdate', 'may not be specified when strategy type is Recreate');
  }
}

function checkPodSpec(pod: Obj, path: string, issues: IssueList, claimNames: Array<string | undefined>): void {
  const volumes = new Set<string | undefined>([...checkVolumes(pod, path, issues), ...claimNames]);
  checkContainerKinds(pod, path, issues);
  checkScheduling(pod, path, issues);
  const containerNames = new Set<string>();
  const all = [
    ...list(pod.initContainers).map((c, i) => [obj(c), `${path}/initContainers/${i}`] as const),
    ...list(pod.containers).map((c, i) => [obj(c), `${path}/containers/${i}`] as const),
  ];
  if (list(pod.containers).length === 0) issues.add('api-server', `${path}/containers`, 'must not be empty');
  all.forEach(([c, cpath]) => {
    const name = str(c.name) ?? '';
    issues.check(`${cpath}/name`, name, dns1123Label(name));
    if (containerNames.has(name)) issues.add('api-server', `${cpath}/name`, `"${name}" is not unique`);
    containerNames.add(name);
    if (!str(c.image)) issues.add('api-server', `${cpath}/image`, 'is required');
    const portNames = new Set<string>();
    list(c.ports).map(obj).forEach((p, j) => {
      issues.check(`${cpath}/ports/${j}/containerPort`, p.containerPort, portNumber(p.containerPort));
      const pn = str(p.name);
      if (pn !== undefined) {
        issues.check(`${cpath}/ports/${j}/name`, pn, ianaPortName(pn));
        if (portNames.has(pn)) issues.add('api-server', `${cpath}/ports/${j}/name`, `"${pn}" is not unique`);
        portNames.add(pn);
      }
    });
    list(c.env).map(obj).forEach((e, j) => issues.check(`${cpath}/env/${j}/name`, e.name, envVarName(String(e.name ?? ''))));
    for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
      if (c[probe] === undefined) continue;
      const p = obj(c[probe]);
      const handlers = ['exec', 'httpGet', 'tcpSocket', 'grpc'].filter((h) => p[h] !== undefined);
      if (handlers.length !== 1) issues.add('api-server', `${cpath}/${probe}`, 'must have exactly one handler');
      if (probe !== 'readinessProbe' && p.successThreshold !== undefined && p.successThreshold !== 1) issues.add('api-server', `${cpath}/${probe}/successThreshold`, 'must be 1');
      const port = obj(p.httpGet ?? p.tcpSocket).port;
      if (typeof port === 'string') issues.check(`${cpath}/${probe}/port`, port, ianaPortName(port));
      else if (port !== undefined) issues.check(`${cpath}/${probe}/port`, port, portNumber(port));
    }
    const res = obj(c.resources);
    const requests = strMap(res.requests);
    const limits = strMap(res.limits);
    for (const [kind, map] of [['requests', requests], ['limits', limits]] as const) {
      for (const [k, v] of Object.entries(map)) issues.check(`${cpath}/resources/${kind}/${k}`, v, quantity(v));
    }
    for (const [k, v] of Object.entries(requests)) {
      if (limits[k] !== undefined && quantityValue(v) > quantityValue(limits[k])) issues.add('api-server', `${cpath}/resources/requests/${k}`, `${v} must be less than or equal to the limit ${limits[k]}`);
    }
    checkContainerDetails(c, cpath, issues, volumes);
    const grace = num(pod.terminationGracePeriodSeconds) ?? 30;
    for (const hook of ['postStart', 'preStop']) {
      const sleep = obj(obj(obj(c.lifecycle)[hook]).sleep).seconds;
      if (sleep !== undefined) issues.check(`${cpath}/lifecycle/${hook}/sleep/seconds`, sleep, sleepSeconds(num(sleep) ?? NaN, grace));
    }
  });
}
