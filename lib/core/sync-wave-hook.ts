// The hook through which the library's objects get Argo CD sync-wave annotations. The waves come
// from the construct graph, which only the top layer (lib/connections/sync-waves.ts) knows; it
// registers itself here, so that core/ imports nothing from above.
import { ApiObject } from 'cdk8s';

/** Argo CD's annotation: objects of a lower wave are applied, and healthy, first. */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

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
 * only when it says something) or the object already has one (the user's wins).
 */
export function addSyncWave(obj: ApiObject, json: { metadata?: { annotations?: { [key: string]: string } } }): void {
  if (!used || waveOf === undefined || json.metadata === undefined) return;
  const annotations = json.metadata.annotations ?? {};
  if (SYNC_WAVE_ANNOTATION in annotations) return;
  const wave = waveOf(obj);
  if (wave === undefined || wave === 0) return;
  // In key order, as cdk8s writes every map.
  json.metadata.annotations = sorted({ ...annotations, [SYNC_WAVE_ANNOTATION]: String(wave) });
  json.metadata = sorted(json.metadata);
}

function sorted<T extends object>(map: T): T {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) as T;
}
