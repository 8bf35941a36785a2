// Rules of the API server and of Pod Security admission for values inside a pod spec that both
// the constructs and the validator check (K8S-RULES.md §3, §8 and §9;
// pkg/apis/core/validation/validation.go and pod-security-admission/policy of kubernetes 1.32):
// one copy of each rule, so that the two cannot drift apart. Service rules are in service-values.ts.
import { qualifiedName } from './names';
import { quantity, quantityValue } from './quantity';

/**
 * The seconds of a `sleep` lifecycle action, postStart or preStop alike: 1 to the pod's
 * terminationGracePeriodSeconds, both inclusive (validateSleepAction; a 0 needs the alpha gate
 * PodLifecycleSleepActionAllowZero).
 */
export function sleepSeconds(seconds: number, grace: number): string | undefined {
  if (!Number.isInteger(seconds) || seconds < 1) return 'must be a whole number of seconds, at least 1';
  if (seconds > grace) return `is longer than the termination grace period (${grace} seconds)`;
  return undefined;
}

/** A huge page size (the part of the resource name after `hugepages-`): a quantity of a positive whole number of bytes. */
export function hugePageSize(pageSize: string): string | undefined {
  const page = quantity(pageSize) === undefined ? quantityValue(pageSize) : NaN;
  return page > 0 && Number.isInteger(page) ? undefined : 'is not a page size: a positive whole number of bytes such as 2Mi or 1Gi';
}

/**
 * An amount of huge pages of a valid `pageSize`: a whole number of pages, as the server reads it
 * (bytes rounded up; helper.IsHugePageResourceValueDivisible, validateResourceQuantityHugePageValue).
 */
export function hugePageAmount(pageSize: string, amount: string): string | undefined {
  const bytes = quantity(amount) === undefined ? Math.ceil(quantityValue(amount)) : NaN;
  return Number.isFinite(bytes) && bytes % quantityValue(pageSize) === 0 ? undefined : `is not a whole number of ${pageSize} pages`;
}

/** The types a hostPath volume may have (validateHostPathType); "" means no check. */
export const HOST_PATH_TYPES = ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'];

/** A hostPath volume's path: required, and no `..` element (validateHostPathVolumeSource, validatePathNoBacksteps). */
export function hostPathPath(path: unknown): string | undefined {
  if (typeof path !== 'string' || path === '') return 'is required: the path on the node';
  if (path.split('/').includes('..')) return 'must not contain a ".." element';
  return undefined;
}

/**
 * The most an object may hold: etcd refuses a request above 1.5 MiB (its --max-request-bytes
 * default), so the API server cannot store a larger object. The server stores built-in kinds as
 * protobuf, a little smaller than their JSON; the JSON is measured, which refuses a few objects
 * just under the limit in protobuf (docs/workloads.md states it as deliberate).
 */
export const MAX_OBJECT_BYTES = 1.5 * 1024 * 1024;

/** The highest user or group id (runAsUser, runAsGroup, fsGroup, supplementalGroups; ValidateSecurityContext). */
export const MAX_ID = 2147483647;

/** The highest file mode of a volume item or defaultMode: 0777 octal (validateSecretVolumeSource and the like). */
export const MAX_FILE_MODE = 0o777;

/** A projected serviceAccountToken's expirationSeconds: 10 minutes to 2^32 seconds (validateProjectionSources). */
export const TOKEN_EXPIRATION_SECONDS = { min: 600, max: 2 ** 32 } as const;

/** A ConfigMap or Secret key, also as env configMapKeyRef/secretKeyRef key (IsConfigMapKey; at most 253 characters). */
export const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;

/** The pod fields an env fieldRef may name besides `metadata.labels['<key>']` and `metadata.annotations['<key>']` (validEnvDownwardAPIFieldPathExpressions). */
export const ENV_FIELD_PATHS: readonly string[] = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];

/** Whether an env fieldRef may name `path`: one of ENV_FIELD_PATHS, or one label or annotation whose key is a valid label key. */
export function envFieldPath(path: string): boolean {
  if (ENV_FIELD_PATHS.includes(path)) return true;
  const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  return m !== null && qualifiedName(m[2]) === undefined;
}

/** The pod fields a downwardAPI volume item may name (validateDownwardAPIVolumeFile): whole label and annotation maps too. */
export const VOLUME_FIELD_PATHS: readonly string[] = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'metadata.labels', 'metadata.annotations'];

/**
 * The resource an env resourceFieldRef names (`cpu` for `limits.cpu`), or undefined when the API
 * does not allow it: limits. or requests. with cpu, memory, ephemeral-storage or hugepages-<size>
 * (validateContainerResourceFieldSelector; extended resources are not allowed).
 */
export function resourceFieldResource(resource: string): string | undefined {
  return /^(limits|requests)\.(cpu|memory|ephemeral-storage|hugepages-.+)$/.exec(resource)?.[2];
}

/** Whether `divisor` is allowed for `resource` (validateContainerResourceDivisor): 1m or 1 for cpu, 1, 1k..1E or 1Ki..1Ei for the rest. */
export function resourceDivisor(resource: string, divisor: string): boolean {
  if (resource === 'cpu') return divisor === '1m' || divisor === '1';
  return /^1(|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)$/.test(divisor);
}

/** Capabilities the baseline Pod Security Standard allows to add (PSA check_capabilities_baseline.go). */
export const BASELINE_CAPABILITIES: readonly string[] = ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'];

/** Capabilities the restricted Pod Security Standard allows to add; it also needs `drop: [ALL]` (PSA check_capabilities_restricted.go). */
export const RESTRICTED_CAPABILITIES: readonly string[] = ['NET_BIND_SERVICE'];

/** Volume types the restricted Pod Security Standard allows (PSA check_restrictedVolumes.go). */
export const RESTRICTED_VOLUME_TYPES: readonly string[] = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
