// The hook through which the library's objects get Argo CD sync-wave annotations. The waves come
// from the construct graph, which only the top layer (lib/connections/sync-waves.ts) knows; it
// registers itself here, so that core/ imports nothing from above.
import { ApiObject } from 'cdk8s';

/** Argo CD's annotation: objects of a lower wave are applied, and healthy, first. */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

/** The annotation Argo CD reads a hook from (`PreSync`, `Sync`, `PostSync`). */
export const ARGO_CD_HOOK = 'argocd.argoproj.io/hook';
/** The annotation Helm reads a hook from; Argo CD maps Helm's hooks to its own. */
export const HELM_HOOK = 'helm.sh/hook';

let generation = 0;

/** Counts the library's objects as they are made: waves computed before a new one are stale. */
export function objectMade(): void {
  generation++;
}

/** The number of objects made so far. */
export function syncWaveGeneration(): number {
  return generation;
}

let waveOf: ((obj: ApiObject) => number | undefined) | undefined;
let used = false;

/** Called when any scope switches sync waves on: until then writing an object costs nothing more. */
export function syncWavesUsed(): void {
  used = true;
}

/** Registers the function that gives an object's wave (undefined where waves are off). */
export function registerSyncWaves(fn: (obj: ApiObject) => number | undefined): void {
  waveOf = fn;
}

/**
 * Adds the object's sync wave to its JSON, unless it is wave 0 (Argo CD's default, so written
 * only when it says something), the object already has one (the user's wins) or it is a hook
 * outside the Sync phase: a PreSync or PostSync hook (Helm's pre- and post- hooks map to them)
 * runs before or after every wave, so a wave derived from what it connects to would only order it
 * among the hooks of its phase, which the graph does not mean. A Sync hook keeps its wave.
 */
export function addSyncWave(obj: ApiObject, json: { metadata?: { annotations?: { [key: string]: string } } }): void {
  if (!used || waveOf === undefined || json.metadata === undefined) return;
  const annotations = json.metadata.annotations ?? {};
  if (SYNC_WAVE_ANNOTATION in annotations || HELM_HOOK in annotations) return;
  if (ARGO_CD_HOOK in annotations && annotations[ARGO_CD_HOOK] !== 'Sync') return;
  const wave = waveOf(obj);
  if (wave === undefined || wave === 0) return;
  // In key order, as cdk8s writes every map.
  json.metadata.annotations = sorted({ ...annotations, [SYNC_WAVE_ANNOTATION]: String(wave) });
  json.metadata = sorted(json.metadata);
}

function sorted<T extends object>(map: T): T {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) as T;
}
