// The API server's pod-spec rules beyond names and ports: volumes, mounts, env sources, init
// containers and sidecars, lifecycle hooks, extended resources and scheduling
// (shared/K8S-RULES.md §9, pkg/apis/core/validation). It reads manifests, not the constructs'
// state, so that it can judge what they write; the rule values both apply (field paths, divisors,
// keys, ids, modes) are written once, in lib/core/pod-values.ts.
import { dns1123Label, dns1123Subdomain, envVarName, labelValue, qualifiedName } from '../core/names';
import { quantity, quantityValue } from '../core/quantity';
import {
  CONFIG_MAP_KEY, envFieldPath, HOST_PATH_TYPES, hostPathPath, hugePageAmount, hugePageSize, MAX_FILE_MODE, MAX_ID, resourceDivisor, resourceFieldResource,
  TOKEN_EXPIRATION_SECONDS, VOLUME_FIELD_PATHS,
} from '../core/pod-values';
import { ImagePullPolicy } from '../workloads/container';
import { IssueList, list, num, obj, Obj, str, strMap } from './json';

/** The API's pull policies: the values of the public ImagePullPolicy enum (K8S-RULES.md §9). */
const PULL_POLICIES = new Set<string>(Object.values(ImagePullPolicy));
const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'];
const NATIVE_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

/** A mount's subPath: relative, without '..' elements. */
function subPath(issues: IssueList, path: string, value: unknown): void {
  const v = str(value);
  if (v === undefined || v === '') issues.add('api-server', path, 'is required');
  else if (v.startsWith('/')) issues.add('api-server', path, `"${v}" must be a relative path`);
  else if (v.split('/').includes('..')) issues.add('api-server', path, `"${v}" must not contain '..'`);
}

/** A file path inside a volume: a subPath that also does not start with '..'. */
function itemPath(issues: IssueList, path: string, value: unknown): void {
  const v = str(value);
  if (v?.startsWith('..') && !v.split('/').includes('..')) issues.add('api-server', path, `"${v}" must not start with '..'`);
  else subPath(issues, path, value);
}

function fileMode(issues: IssueList, path: string, value: unknown): void {
  if (value !== undefined && !(Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_FILE_MODE)) {
    issues.add('api-server', path, `${String(value)} must be a number between 0 and 0777 (octal), both inclusive`);
  }
}

function keyItems(issues: IssueList, path: string, items: unknown, seen: Set<string>): void {
  list(items).map(obj).forEach((it, i) => {
    if (!str(it.key)) issues.add('api-server', `${path}/${i}/key`, 'is required');
    itemPath(issues, `${path}/${i}/path`, it.path);
    seen.add(String(it.path));
    fileMode(issues, `${path}/${i}/mode`, it.mode);
  });
}

/** Volumes: one source each, the source's own rules. Returns the volume names. */
export function checkVolumes(pod: Obj, path: string, issues: IssueList): Set<string> {
  const names = new Set<string>();
  list(pod.volumes).map(obj).forEach((v, i) => {
    const p = `${path}/volumes/${i}`;
    const name = str(v.name) ?? '';
    issues.check(`${p}/name`, name, dns1123Label(name));
    if (names.has(name)) issues.add('api-server', `${p}/name`, `"${name}" is a duplicate`);
    names.add(name);
    const sources = Object.keys(v).filter((k) => k !== 'name');
    if (sources.length > 1) issues.add('api-server', p, 'may not specify more than 1 volume type');
    const cm = obj(v.configMap);
    const secret = obj(v.secret);
    if (v.configMap !== undefined && !str(cm.name)) issues.add('api-server', `${p}/configMap/name`, 'is required');
    if (v.secret !== undefined && !str(secret.secretName)) issues.add('api-server', `${p}/secret/secretName`, 'is required');
    for (const [key, src] of [['configMap', cm], ['secret', secret]] as const) {
      keyItems(issues, `${p}/${key}/items`, src.items, new Set());
      fileMode(issues, `${p}/${key}/defaultMode`, src.defaultMode);
    }
    if (v.persistentVolumeClaim !== undefined && !str(obj(v.persistentVolumeClaim).claimName)) issues.add('api-server', `${p}/persistentVolumeClaim/claimName`, 'is required');
    const size = obj(v.emptyDir).sizeLimit;
    if (size !== undefined) issues.check(`${p}/emptyDir/sizeLimit`, size, typeof size === 'string' ? quantity(size) : 'is not a quantity');
    if (v.projected !== undefined) checkProjected(obj(v.projected), `${p}/projected`, issues);
    if (v.hostPath !== undefined) {
      const host = obj(v.hostPath);
      issues.check(`${p}/hostPath/path`, host.path ?? '', hostPathPath(host.path));
      if (host.type !== undefined && !HOST_PATH_TYPES.includes(String(host.type))) issues.add('api-server', `${p}/hostPath/type`, `${JSON.stringify(host.type)} is not one of ${HOST_PATH_TYPES.map((t) => JSON.stringify(t)).join(', ')}`);
    }
    if (v.downwardAPI !== undefined) downwardItems(issues, `${p}/downwardAPI/items`, obj(v.downwardAPI).items, new Set());
  });
  return names;
}

function downwardItems(issues: IssueList, path: string, items: unknown, seen: Set<string>): void {
  list(items).map(obj).forEach((it, i) => {
    itemPath(issues, `${path}/${i}/path`, it.path);
    seen.add(String(it.path));
    const hasField = it.fieldRef !== undefined;
    if (hasField === (it.resourceFieldRef !== undefined)) issues.add('api-server', `${path}/${i}`, 'needs exactly one of fieldRef and resourceFieldRef');
    const fp = str(obj(it.fieldRef).fieldPath);
    if (hasField && !VOLUME_FIELD_PATHS.includes(fp ?? '')) issues.add('api-server', `${path}/${i}/fieldRef/fieldPath`, `"${fp}" is not a supported value`);
  });
}

function checkProjected(projected: Obj, path: string, issues: IssueList): void {
  fileMode(issues, `${path}/defaultMode`, projected.defaultMode);
  const paths = new Set<string>();
  list(projected.sources).map(obj).forEach((s, i) => {
    const p = `${path}/sources/${i}`;
    if (Object.keys(s).length > 1) issues.add('api-server', p, 'may not specify more than 1 volume type per source');
    const here = new Set<string>();
    for (const key of ['configMap', 'secret'] as const) {
      if (s[key] === undefined) continue;
      if (!str(obj(s[key]).name)) issues.add('api-server', `${p}/${key}/name`, 'is required');
      keyItems(issues, `${p}/${key}/items`, obj(s[key]).items, here);
    }
    if (s.downwardAPI !== undefined) downwardItems(issues, `${p}/downwardAPI/items`, obj(s.downwardAPI).items, here);
    if (s.serviceAccountToken !== undefined) {
      const t = obj(s.serviceAccountToken);
      itemPath(issues, `${p}/serviceAccountToken/path`, t.path);
      here.add(String(t.path));
      const exp = t.expirationSeconds;
      if (exp !== undefined && !(Number.isInteger(exp) && (exp as number) >= TOKEN_EXPIRATION_SECONDS.min && (exp as number) <= TOKEN_EXPIRATION_SECONDS.max)) {
        issues.add('api-server', `${p}/serviceAccountToken/expirationSeconds`, `${String(exp)} must be at least 10 minutes (600) and at most 2^32 seconds`);
      }
    }
    for (const x of here) {
      if (paths.has(x)) issues.add('api-server', p, `conflicting duplicate paths: "${x}"`);
      paths.add(x);
    }
  });
}

/** One container's env, envFrom, mounts, lifecycle, pull policy and resources. */
export function checkContainerDetails(c: Obj, path: string, issues: IssueList, volumes: Set<string | undefined>): void {
  checkIds(issues, `${path}/securityContext`, obj(c.securityContext));
  list(c.env).map(obj).forEach((e, j) => {
    const p = `${path}/env/${j}`;
    if (e.valueFrom === undefined) return;
    const from = obj(e.valueFrom);
    const sources = Object.keys(from);
    if (sources.length !== 1) issues.add('api-server', `${p}/valueFrom`, 'must have exactly one source');
    if (e.value !== undefined && e.value !== '') issues.add('api-server', `${p}/valueFrom`, 'may not be specified when `value` is not empty');
    for (const key of ['configMapKeyRef', 'secretKeyRef']) {
      if (from[key] === undefined) continue;
      const ref = obj(from[key]);
      issues.check(`${p}/valueFrom/${key}/name`, ref.name, dns1123Subdomain(str(ref.name) ?? ''));
      const k = str(ref.key) ?? '';
      if (!CONFIG_MAP_KEY.test(k)) issues.add('api-server', `${p}/valueFrom/${key}/key`, `"${k}" must consist of alphanumeric characters, '-', '_' or '.'`);
    }
    if (from.fieldRef !== undefined) {
      const fp = str(obj(from.fieldRef).fieldPath) ?? '';
      if (!envFieldPath(fp)) issues.add('api-server', `${p}/valueFrom/fieldRef/fieldPath`, `"${fp}" is not a supported value`);
    }
    if (from.resourceFieldRef !== undefined) {
      const r = obj(from.resourceFieldRef);
      const resource = resourceFieldResource(str(r.resource) ?? '');
      if (!resource) issues.add('api-server', `${p}/valueFrom/resourceFieldRef/resource`, `"${String(r.resource)}" is not a supported value`);
      const d = str(r.divisor);
      const ok = d === undefined || resourceDivisor(resource ?? '', d);
      if (!ok) issues.add('api-server', `${p}/valueFrom/resourceFieldRef/divisor`, `"${d}" is not a supported value`);
    }
  });
  list(c.envFrom).map(obj).forEach((e, j) => {
    const p = `${path}/envFrom/${j}`;
    const refs = ['configMapRef', 'secretRef'].filter((k) => e[k] !== undefined);
    if (refs.length !== 1) issues.add('api-server', p, 'must specify exactly one of configMapRef or secretRef');
    for (const k of refs) issues.check(`${p}/${k}/name`, obj(e[k]).name, dns1123Subdomain(str(obj(e[k]).name) ?? ''));
    const prefix = str(e.prefix);
    if (prefix !== undefined) issues.check(`${p}/prefix`, prefix, envVarName(prefix));
  });
  const mountPaths = new Set<string>();
  list(c.volumeMounts).map(obj).forEach((vm, j) => {
    const p = `${path}/volumeMounts/${j}`;
    const mp = str(vm.mountPath);
    if (!mp) issues.add('api-server', `${p}/mountPath`, 'is required');
    else if (mountPaths.has(mp)) issues.add('api-server', `${p}/mountPath`, `"${mp}" must be unique`);
    if (mp) mountPaths.add(mp);
    if (vm.subPath !== undefined && vm.subPathExpr !== undefined) issues.add('api-server', `${p}/subPathExpr`, 'subPathExpr and subPath are mutually exclusive');
    if (vm.subPath !== undefined) subPath(issues, `${p}/subPath`, vm.subPath);
    checkMountModes(issues, p, vm, obj(c.securityContext).privileged === true);
    if (!volumes.has(str(vm.name))) issues.add('api-server', `${p}/name`, `"${String(vm.name)}" names no volume`);
  });
  for (const hook of ['postStart', 'preStop']) {
    const h = obj(c.lifecycle)[hook];
    if (h !== undefined && HANDLERS.filter((k) => obj(h)[k] !== undefined).length !== 1) issues.add('api-server', `${path}/lifecycle/${hook}`, 'must specify exactly one handler type');
  }
  const policy = c.imagePullPolicy;
  if (policy !== undefined && !PULL_POLICIES.has(String(policy))) issues.add('api-server', `${path}/imagePullPolicy`, `"${String(policy)}" is not one of ${[...PULL_POLICIES].join(', ')}`);
  checkResourceNames(obj(c.resources), `${path}/resources`, issues);
}

const PROPAGATIONS = ['None', 'HostToContainer', 'Bidirectional'];
const RECURSIVE_READ_ONLY = ['Disabled', 'IfPossible', 'Enabled'];

/** mountPropagation and recursiveReadOnly (validateMountPropagation, validateMountRecursiveReadOnly). */
function checkMountModes(issues: IssueList, p: string, vm: Obj, privileged: boolean): void {
  const propagation = vm.mountPropagation;
  if (propagation !== undefined && !PROPAGATIONS.includes(String(propagation))) issues.add('api-server', `${p}/mountPropagation`, `${JSON.stringify(propagation)} is not one of ${PROPAGATIONS.join(', ')}`);
  if (propagation === 'Bidirectional' && !privileged) issues.add('api-server', `${p}/mountPropagation`, 'Bidirectional mount propagation is available only to privileged containers');
  const rro = vm.recursiveReadOnly;
  if (rro === undefined || rro === 'Disabled') return;
  if (!RECURSIVE_READ_ONLY.includes(String(rro))) issues.add('api-server', `${p}/recursiveReadOnly`, `${JSON.stringify(rro)} is not one of ${RECURSIVE_READ_ONLY.join(', ')}`);
  else if (vm.readOnly !== true) issues.add('api-server', `${p}/recursiveReadOnly`, `${JSON.stringify(rro)} may only be specified when readOnly is true`);
  else if (propagation !== undefined && propagation !== 'None') issues.add('api-server', `${p}/recursiveReadOnly`, `${JSON.stringify(rro)} may only be specified when mountPropagation is None or not specified`);
}

function checkResourceNames(res: Obj, path: string, issues: IssueList): void {
  const requests = strMap(res.requests);
  const limits = strMap(res.limits);
  for (const name of new Set([...Object.keys(requests), ...Object.keys(limits)])) {
    const hugepages = name.startsWith('hugepages-');
    const extended = !NATIVE_RESOURCES.has(name) && !hugepages;
    if (extended && (!name.includes('/') || qualifiedName(name) !== undefined || /(^|\.)kubernetes\.io\//.test(name))) {
      issues.add('api-server', `${path}/${name}`, 'must be a standard resource name or fully qualified');
    }
    if (!extended && !hugepages) continue;
    if (limits[name] === undefined) issues.add('api-server', `${path}/limits/${name}`, 'is required: requests of extended resources and hugepages need a limit');
    else if (requests[name] !== undefined && quantityValue(requests[name]) !== quantityValue(limits[name])) issues.add('api-server', `${path}/requests/${name}`, 'must be equal to the limit');
    if (extended && limits[name] !== undefined && !/^\d+$/.test(limits[name])) issues.add('api-server', `${path}/limits/${name}`, 'must be a whole number');
    if (hugepages) checkHugePages(issues, path, name, requests, limits);
  }
  const names = [...Object.keys(requests), ...Object.keys(limits)];
  if (names.some((n) => n.startsWith('hugepages-')) && !names.some((n) => n === 'cpu' || n === 'memory')) {
    issues.add('api-server', path, 'HugePages require cpu or memory');
  }
}

/** A hugepages-<size> request and limit: a valid page size, whole pages (the shared rule of lib/core/pod-values). */
function checkHugePages(issues: IssueList, path: string, name: string, requests: { [k: string]: string }, limits: { [k: string]: string }): void {
  const pageSize = name.slice('hugepages-'.length);
  const sizeRule = hugePageSize(pageSize);
  if (sizeRule) return issues.add('api-server', `${path}/${name}`, `"${pageSize}" ${sizeRule}`);
  for (const [kind, map] of [['requests', requests], ['limits', limits]] as const) {
    const amount = map[name];
    if (amount !== undefined && quantity(amount) === undefined) issues.check(`${path}/${kind}/${name}`, amount, hugePageAmount(pageSize, amount));
  }
}

/** Init containers and sidecars: restartPolicy only Always; probes and hooks only on sidecars. */
export function checkContainerKinds(pod: Obj, path: string, issues: IssueList): void {
  list(pod.initContainers).map(obj).forEach((c, i) => {
    const p = `${path}/initContainers/${i}`;
    if (c.restartPolicy !== undefined && c.restartPolicy !== 'Always') issues.add('api-server', `${p}/restartPolicy`, `"${String(c.restartPolicy)}" is not supported: supported values: "Always"`);
    if (c.restartPolicy === 'Always') return;
    for (const k of ['readinessProbe', 'livenessProbe', 'startupProbe', 'lifecycle']) {
      if (c[k] !== undefined) issues.add('api-server', `${p}/${k}`, 'may not be set for init containers without restartPolicy=Always');
    }
  });
  list(pod.containers).map(obj).forEach((c, i) => {
    if (c.restartPolicy !== undefined) issues.add('api-server', `${path}/containers/${i}/restartPolicy`, 'may not be set for non-init containers');
  });
}

/** tolerations, affinity, priorityClassName and runtimeClassName. */
export function checkScheduling(pod: Obj, path: string, issues: IssueList): void {
  list(pod.tolerations).map(obj).forEach((t, i) => {
    const p = `${path}/tolerations/${i}`;
    const key = str(t.key) ?? '';
    const op = t.operator === undefined ? 'Equal' : String(t.operator);
    if (key !== '') issues.check(`${p}/key`, key, qualifiedName(key));
    else if (op !== 'Exists') issues.add('api-server', `${p}/operator`, 'must be Exists when `key` is empty, which means "match all values and all keys"');
    if (op !== 'Equal' && op !== 'Exists') issues.add('api-server', `${p}/operator`, `"${op}" is not supported`);
    if (op === 'Exists' && t.value !== undefined && t.value !== '') issues.add('api-server', `${p}/value`, 'must be empty when `operator` is \'Exists\'');
    if (op === 'Equal' && t.value !== undefined) issues.check(`${p}/value`, t.value, labelValue(String(t.value)));
    if (t.effect !== undefined && !['', 'NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(String(t.effect))) issues.add('api-server', `${p}/effect`, `"${String(t.effect)}" is not supported`);
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') issues.add('api-server', `${p}/effect`, "must be 'NoExecute' when `tolerationSeconds` is set");
  });
  const affinity = obj(pod.affinity);
  const node = obj(affinity.nodeAffinity);
  if (node.requiredDuringSchedulingIgnoredDuringExecution !== undefined) {
    const terms = list(obj(node.requiredDuringSchedulingIgnoredDuringExecution).nodeSelectorTerms);
    if (terms.length === 0) issues.add('api-server', `${path}/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms`, 'must have at least one node selector term');
    terms.map(obj).forEach((t, i) => requirements(issues, `${path}/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms/${i}/matchExpressions`, t.matchExpressions));
  }
  list(node.preferredDuringSchedulingIgnoredDuringExecution).map(obj).forEach((t, i) => {
    const p = `${path}/affinity/nodeAffinity/preferredDuringSchedulingIgnoredDuringExecution/${i}`;
    weight(issues, `${p}/weight`, t.weight);
    requirements(issues, `${p}/preference/matchExpressions`, obj(t.preference).matchExpressions);
  });
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const a = obj(affinity[kind]);
    const p = `${path}/affinity/${kind}`;
    list(a.requiredDuringSchedulingIgnoredDuringExecution).map(obj).forEach((t, i) => podTerm(issues, `${p}/requiredDuringSchedulingIgnoredDuringExecution/${i}`, t));
    list(a.preferredDuringSchedulingIgnoredDuringExecution).map(obj).forEach((t, i) => {
      weight(issues, `${p}/preferredDuringSchedulingIgnoredDuringExecution/${i}/weight`, t.weight);
      podTerm(issues, `${p}/preferredDuringSchedulingIgnoredDuringExecution/${i}/podAffinityTerm`, obj(t.podAffinityTerm));
    });
  }
  for (const field of ['priorityClassName', 'runtimeClassName']) {
    const v = str(pod[field]);
    if (v !== undefined) issues.check(`${path}/${field}`, v, dns1123Subdomain(v));
  }
  const seen = new Set<string>();
  list(pod.topologySpreadConstraints).map(obj).forEach((t, i) => {
    const p = `${path}/topologySpreadConstraints/${i}`;
    if (!(Number.isInteger(t.maxSkew) && (t.maxSkew as number) >= 1)) issues.add('api-server', `${p}/maxSkew`, `${JSON.stringify(t.maxSkew)} must be an integer >= 1`);
    if (!str(t.topologyKey)) issues.add('api-server', `${p}/topologyKey`, 'is required');
    if (t.whenUnsatisfiable !== 'DoNotSchedule' && t.whenUnsatisfiable !== 'ScheduleAnyway') issues.add('api-server', `${p}/whenUnsatisfiable`, `${JSON.stringify(t.whenUnsatisfiable)} is not DoNotSchedule or ScheduleAnyway`);
    if (t.minDomains !== undefined) {
      if (!(Number.isInteger(t.minDomains) && (t.minDomains as number) >= 1)) issues.add('api-server', `${p}/minDomains`, `${JSON.stringify(t.minDomains)} must be an integer >= 1`);
      else if (t.whenUnsatisfiable !== 'DoNotSchedule') issues.add('api-server', `${p}/minDomains`, `${JSON.stringify(t.minDomains)}: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${String(t.whenUnsatisfiable)}`);
    }
    const key = `${String(t.topologyKey)}/${String(t.whenUnsatisfiable)}`;
    if (seen.has(key)) issues.add('api-server', p, `{${key}} is a duplicate pair of topologyKey and whenUnsatisfiable`);
    seen.add(key);
  });
  checkIds(issues, `${path}/securityContext`, obj(pod.securityContext));
}

/** User and group ids of a pod or container security context: 0-2147483647. */
export function checkIds(issues: IssueList, path: string, sc: Obj): void {
  const ids = [...['runAsUser', 'runAsGroup', 'fsGroup'].map((f) => [f, sc[f]] as const), ...list(sc.supplementalGroups).map((g, i) => [`supplementalGroups/${i}`, g] as const)];
  for (const [field, id] of ids) {
    if (id !== undefined && !(Number.isInteger(id) && (id as number) >= 0 && (id as number) <= MAX_ID)) issues.add('api-server', `${path}/${field}`, `${JSON.stringify(id)} must be between 0 and ${MAX_ID}, inclusive`);
  }
}

function requirements(issues: IssueList, path: string, reqs: unknown): void {
  list(reqs).map(obj).forEach((r, i) => {
    const p = `${path}/${i}`;
    issues.check(`${p}/key`, r.key, qualifiedName(str(r.key) ?? ''));
    const values = list(r.values);
    switch (r.operator) {
      case 'In': case 'NotIn':
        if (values.length === 0) issues.add('api-server', `${p}/values`, 'must be specified when `operator` is \'In\' or \'NotIn\'');
        break;
      case 'Exists': case 'DoesNotExist':
        if (values.length > 0) issues.add('api-server', `${p}/values`, 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\'');
        break;
      case 'Gt': case 'Lt':
        if (values.length !== 1) issues.add('api-server', `${p}/values`, 'must be specified single value when `operator` is \'Lt\' or \'Gt\'');
        break;
      default:
        issues.add('api-server', `${p}/operator`, `"${String(r.operator)}" is not a valid selector operator`);
    }
  });
}

function podTerm(issues: IssueList, path: string, t: Obj): void {
  const key = str(t.topologyKey) ?? '';
  if (key === '') issues.add('api-server', `${path}/topologyKey`, 'can not be empty');
  else issues.check(`${path}/topologyKey`, key, qualifiedName(key));
  list(t.namespaces).forEach((ns, i) => issues.check(`${path}/namespaces/${i}`, ns, dns1123Label(String(ns))));
}

function weight(issues: IssueList, path: string, w: unknown): void {
  const n = num(w);
  if (n === undefined || !Number.isInteger(n) || n < 1 || n > 100) issues.add('api-server', path, `${String(w)} must be in the range 1-100`);
}
