import { BASELINE_CAPABILITIES, RESTRICTED_CAPABILITIES, RESTRICTED_VOLUME_TYPES } from '../core/pod-values';
import { list, Manifest, obj, Obj, str } from './json';

/** A Pod Security Standards profile. */
export type PodSecurityProfile = 'baseline' | 'restricted';

/** One violation of a Pod Security Standard. */
export interface PodSecurityViolation {
  readonly kind: string;
  readonly name: string;
  readonly check: string;
  readonly path: string;
  readonly message: string;
}

const SAFE_SYSCTLS = new Set(['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes', 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']);
const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

/** The pod of a Pod or of a workload's template: its metadata, its spec and the spec's JSON path. */
export function podSpecOf(m: Manifest): { metadata: Obj; spec: Obj; path: string } | undefined {
  if (m.kind === 'Pod') return { metadata: obj(m.metadata), spec: obj(m.spec), path: '/spec' };
  if (m.kind === 'CronJob') {
    const template = obj(obj(obj(obj(m.spec).jobTemplate).spec).template);
    return { metadata: obj(template.metadata), spec: obj(template.spec), path: '/spec/jobTemplate/spec/template/spec' };
  }
  const template = obj(m.spec).template;
  return template === undefined ? undefined : { metadata: obj(obj(template).metadata), spec: obj(obj(template).spec), path: '/spec/template/spec' };
}

/**
 * Checks pods against the `baseline` or `restricted` Pod Security Standard, as the PodSecurity
 * admission plugin does (latest policy version).
 */
export function checkPodSecurity(manifests: Manifest[], profile: PodSecurityProfile = 'restricted'): PodSecurityViolation[] {
  const out: PodSecurityViolation[] = [];
  for (const m of manifests) {
    const pod = podSpecOf(m);
    if (!pod) continue;
    const add = (check: string, path: string, message: string) =>
      out.push({ kind: m.kind, name: str(obj(m.metadata).name) ?? '', check, path: `${pod.path}${path}`, message });
    checkPod(pod.spec, profile, add);
  }
  return out;
}

function checkPod(spec: Obj, profile: PodSecurityProfile, add: (check: string, path: string, message: string) => void): void {
  const psc = obj(spec.securityContext);
  const windows = obj(spec.os).name === 'windows';
  const userNs = spec.hostUsers === false;
  for (const f of ['hostNetwork', 'hostPID', 'hostIPC']) if (spec[f] === true) add('hostNamespaces', `/${f}`, 'must not be true');
  list(spec.volumes).map(obj).forEach((v, i) => {
    if (v.hostPath !== undefined) add('hostPathVolumes', `/volumes/${i}`, 'hostPath volumes are forbidden');
    if (profile === 'restricted') {
      const type = Object.keys(v).find((k) => k !== 'name');
      if (type && !RESTRICTED_VOLUME_TYPES.includes(type)) add('restrictedVolumes', `/volumes/${i}`, `${type} volumes are forbidden`);
    }
  });
  list(psc.sysctls).map(obj).forEach((s, i) => {
    if (!SAFE_SYSCTLS.has(String(s.name))) add('sysctls', `/securityContext/sysctls/${i}`, `${String(s.name)} is not a safe sysctl`);
  });
  checkContext(psc, '/securityContext', 'pod', profile, add);
  const containers = [
    ...list(spec.initContainers).map((c, i) => [obj(c), `/initContainers/${i}`] as const),
    ...list(spec.containers).map((c, i) => [obj(c), `/containers/${i}`] as const),
    ...list(spec.ephemeralContainers).map((c, i) => [obj(c), `/ephemeralContainers/${i}`] as const),
  ];
  for (const [c, path] of containers) {
    const sc = obj(c.securityContext);
    if (sc.privileged === true) add('privileged', `${path}/securityContext/privileged`, 'must not be true');
    list(c.ports).map(obj).forEach((p, j) => {
      if (p.hostPort !== undefined && p.hostPort !== 0) add('hostPorts', `${path}/ports/${j}/hostPort`, 'must be unset or 0');
    });
    const capsAdd = list(obj(sc.capabilities).add).map(String);
    for (const cap of capsAdd) if (!BASELINE_CAPABILITIES.includes(cap)) add('capabilities_baseline', `${path}/securityContext/capabilities/add`, `${cap} is not allowed`);
    if (sc.procMount !== undefined && sc.procMount !== 'Default' && !userNs) add('procMount', `${path}/securityContext/procMount`, 'must be Default');
    checkContext(sc, `${path}/securityContext`, 'container', profile, add);
    if (profile !== 'restricted' || windows) continue;
    if (sc.allowPrivilegeEscalation !== false) add('allowPrivilegeEscalation', `${path}/securityContext/allowPrivilegeEscalation`, 'must be false');
    const drop = list(obj(sc.capabilities).drop).map(String);
    if (!drop.includes('ALL')) add('capabilities_restricted', `${path}/securityContext/capabilities/drop`, 'must include ALL');
    for (const cap of capsAdd) if (!RESTRICTED_CAPABILITIES.includes(cap)) add('capabilities_restricted', `${path}/securityContext/capabilities/add`, `${cap} is not allowed (only ${RESTRICTED_CAPABILITIES.join(', ')})`);
    if (!userNs && sc.runAsNonRoot !== true && psc.runAsNonRoot !== true) add('runAsNonRoot', `${path}/securityContext/runAsNonRoot`, 'must be true (on the pod or the container)');
    const seccomp = str(obj(sc.seccompProfile).type) ?? str(obj(psc.seccompProfile).type);
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') add('seccompProfile_restricted', `${path}/securityContext/seccompProfile/type`, 'must be RuntimeDefault or Localhost (on the pod or the container)');
  }
  if (profile === 'restricted' && !userNs) {
    if (psc.runAsNonRoot === false) add('runAsNonRoot', '/securityContext/runAsNonRoot', 'must not be false');
  }
}

function checkContext(sc: Obj, path: string, level: 'pod' | 'container', profile: PodSecurityProfile, add: (check: string, path: string, message: string) => void): void {
  const seccomp = str(obj(sc.seccompProfile).type);
  if (seccomp === 'Unconfined') add('seccompProfile_baseline', `${path}/seccompProfile/type`, 'must not be Unconfined');
  const apparmor = str(obj(sc.appArmorProfile).type);
  if (apparmor !== undefined && apparmor !== 'RuntimeDefault' && apparmor !== 'Localhost') add('appArmorProfile', `${path}/appArmorProfile/type`, 'must be RuntimeDefault or Localhost');
  const se = obj(sc.seLinuxOptions);
  if (se.type !== undefined && !SELINUX_TYPES.has(String(se.type))) add('seLinuxOptions', `${path}/seLinuxOptions/type`, `${String(se.type)} is not allowed`);
  if (se.user || se.role) add('seLinuxOptions', `${path}/seLinuxOptions`, 'user and role must be empty');
  if (obj(sc.windowsOptions).hostProcess === true) add('windowsHostProcess', `${path}/windowsOptions/hostProcess`, 'must not be true');
  if (profile === 'restricted' && sc.runAsUser === 0) add('runAsUser', `${path}/runAsUser`, `must not be 0 (${level})`);
}
