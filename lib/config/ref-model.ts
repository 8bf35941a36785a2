// What the handles of refs.ts know, kept beside the public values that carry them (a Volume, an
// EnvValue, ...), and the rules shared by ConfigMap, Secret and the pod model: data keys, known
// keys, the content hash that rolls pods, and the order and checks between a workload and what it reads.
import { createHash } from 'crypto';
import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { sharedWeakMap } from '../core/brand';
import { Problems } from '../core/problems';
import { PatternWarnings } from '../core/warnings';
import type { IConfigMapRef, IPersistentVolumeClaimRef, ISecretRef } from './refs';

/** A ConfigMap, Secret or claim as the pod model sees it. */
export interface ConfigSource {
  /** `ConfigMap`, `Secret` or `PersistentVolumeClaim`. */
  readonly kind: string;
  readonly name: string;
  /** Its namespace when known; undefined: the namespace of the pods that use it. */
  readonly namespace?: string;
  /** The keys it holds (written here) or that the app declared (made elsewhere). */
  readonly keys?: string[];
  /** Whether the keys are all it holds (written by this library) rather than declared. */
  readonly written: boolean;
  /** The construct that writes it, which workloads using it come after. */
  readonly writer?: IConstruct;
  /** Its content as the pod-template hash covers it (ConfigMaps and Secrets written here). */
  readonly content?: () => string;
  /** The claim's access modes, when known. */
  readonly accessModes?: string[];
}

/** Handle (construct) -> what it refers to. */
const HANDLES = sharedWeakMap<object, ConfigSource>('config-handles');
/** Volume, Projection, EnvValue or EnvFrom -> the source it was made from. */
const USES = sharedWeakMap<object, ConfigSource>('config-uses');
/**
 * Whether any value was made from a handle, by any copy of this package: until then the pod model
 * skips looking.
 */
const SEEN: { any: boolean } = sharedState();

function sharedState(): { any: boolean } {
  const key = Symbol.for('cdk8s-service-patterns.config-uses-seen');
  const registry = globalThis as { [key: symbol]: unknown };
  if (typeof registry[key] !== 'object' || registry[key] === null) registry[key] = { any: false };
  return registry[key] as { any: boolean };
}

/** Records what a handle of this library refers to. */
export function registerHandle(handle: object, source: ConfigSource): void {
  HANDLES.set(handle, source);
}

export function configMapSource(ref: IConfigMapRef): ConfigSource {
  return HANDLES.get(ref) ?? { kind: 'ConfigMap', name: ref.configMapName, keys: ref.keys, written: false };
}

export function secretSource(ref: ISecretRef): ConfigSource {
  return HANDLES.get(ref) ?? { kind: 'Secret', name: ref.secretName, keys: ref.keys, written: false };
}

export function claimSource(ref: IPersistentVolumeClaimRef): ConfigSource {
  return HANDLES.get(ref) ?? { kind: 'PersistentVolumeClaim', name: ref.claimName, accessModes: ref.accessModes, written: false };
}

/** Records that `value` (a Volume, EnvValue, ...) was made from `source`. */
export function recordUse<T extends object>(value: T, source: ConfigSource): T {
  USES.set(value, source);
  SEEN.any = true;
  return value;
}

/** The source `value` was made from, if it was made from a handle. */
export function useOf(value: unknown): ConfigSource | undefined {
  return SEEN.any && typeof value === 'object' && value !== null ? USES.get(value) : undefined;
}

/** Whether any value was made from a handle in this process. */
export function anyUses(): boolean {
  return SEEN.any;
}

/** The API server's rule for a ConfigMap or Secret key (`IsConfigMapKey`). */
export function dataKeyRule(key: string): string | undefined {
  if (typeof key !== 'string' || key === '') return 'is not a valid key: it must not be empty';
  if (key.length > 253) return `is longer than 253 characters (${key.length})`;
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) return 'is not a valid key: letters, digits, "-", "_" and "." only';
  if (key === '.' || key.startsWith('..')) return 'is not a valid key: it must not be "." or start with ".."';
  return undefined;
}

/** Why `key` cannot be read from `source`, if it cannot: a key it does not hold, when its keys are known. */
export function unknownKey(source: ConfigSource | undefined, key: string): string | undefined {
  if (source?.keys === undefined || source.keys.includes(key)) return undefined;
  const list = source.keys.length === 0 ? 'none' : source.keys.join(', ');
  return source.written
    ? `is not a key of ${source.kind} "${source.name}" written by '${source.writer?.node.path}' (keys: ${list})`
    : `is not a key declared for ${source.kind} "${source.name}" (declared keys: ${list}): add it to the keys of its handle if the app reads it`;
}

/** The annotation on the pod template that changes when configuration the pods use changes. */
export const CONFIG_HASH_ANNOTATION = 'cdk8s-service-patterns/config-hash';

/**
 * A hash of the content of every ConfigMap and Secret written here that the pods use, in a stable
 * order, or undefined when they use none. Only the hash reaches the template, never a value.
 */
export function contentHash(sources: ConfigSource[]): string | undefined {
  const written = sources.filter((s) => s.content !== undefined);
  if (written.length === 0) return undefined;
  const parts = [...new Set(written.map((s) => `${s.kind}/${s.namespace ?? ''}/${s.name}\n${s.content!()}`))].sort();
  const hash = createHash('sha256');
  for (const p of parts) hash.update(`${p.length}:${p}`);
  return hash.digest('hex').slice(0, 16);
}

/** Map entries sorted by key, as JSON: content that does not depend on the order of a map. */
export function canonical(map: { [key: string]: string } | undefined): string {
  const keys = Object.keys(map ?? {}).sort();
  return JSON.stringify(keys.map((k) => [k, map![k]]));
}

/** Kinds whose claims only one node (or one pod) can attach. */
const SINGLE_NODE = new Set(['ReadWriteOnce', 'ReadWriteOncePod']);

/**
 * What a workload does with the sources its pods use, once it exists: checks they live in its
 * namespace, writes them before it (within its chart), and warns about a claim that one node
 * only can attach when several pods mount it.
 */
export function linkSources(workload: IConstruct, kind: string, sources: ConfigSource[], namespace: string, pods: number): void {
  if (sources.length === 0) return;
  const problems = new Problems(kind, workload);
  const chart = Chart.of(workload);
  const seen = new Set<ConfigSource>();
  for (const s of sources) {
    if (seen.has(s)) continue;
    seen.add(s);
    if (s.namespace !== undefined && s.namespace !== namespace) {
      problems.addMessage(s.kind, s.name, `${s.kind} "${s.name}" is in namespace "${s.namespace}", not the workload's ("${namespace}"): pods can only use ${s.kind}s of their own namespace`);
    }
    if (s.writer !== undefined && Chart.of(s.writer) === chart && !isWithin(workload, s.writer)) workload.node.addDependency(s.writer);
    const modes = s.accessModes ?? [];
    if (pods > 1 && modes.length > 0 && modes.every((m) => SINGLE_NODE.has(m))) {
      PatternWarnings._add(workload, kind, `PersistentVolumeClaim "${s.name}" is ${modes.join(', ')} but ${pods} pods mount it: pods on different nodes cannot attach it (Multi-Attach error) and stay Pending; use one replica, a ReadWriteMany claim, or a volume claim per pod (HeadlessGroup volumeClaims)`);
    }
  }
  problems.throwIfAny();
}

function isWithin(a: IConstruct, b: IConstruct): boolean {
  return a.node.scopes.includes(b) || b.node.scopes.includes(a);
}
