// Rules of the API server for values inside a pod spec that both the constructs and the validator
// check (K8S-RULES.md §3 and §9; pkg/apis/core/validation/validation.go of kubernetes 1.32): one
// copy of each rule, so that the two cannot drift apart.
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
