// Resolution and rendering of pod volumes (K8S-RULES.md §9 and the Pod Security volume rules).
import { sizeQuantity } from '../core/quantity';
import { secondsOf } from '../core/durations';
import { dns1123Label, dns1123Subdomain } from '../core/names';
import { volumeItemPath } from '../core/paths';
import { HOST_PATH_TYPES, hostPathPath, MAX_FILE_MODE, RESTRICTED_VOLUME_TYPES, TOKEN_EXPIRATION_SECONDS, VOLUME_FIELD_PATHS } from '../core/pod-values';
import { Problems } from '../core/problems';
import { KeyToPath, Projection, ProjectionKind, Volume } from './volume';
import { PodSecurity } from '../core/pod-security';
import { hasBrand } from '../core/brand';
import { ConfigSource, unknownKey, useOf } from '../config/ref-model';
import { checkAnnotations, checkLabels } from '../core/labels';
import { quantityValue, sizeQuantity as claimSize } from '../core/quantity';
import { volumeSubPath } from '../core/paths';
import type { VolumeClaimOptions } from './headless-group';
import type {
  K8sConfigMapVolumeSource, K8sEmptyDirVolumeSource, K8sKeyToPath, K8sPersistentVolumeClaimVolumeSource, K8sProjectedVolumeSource, K8sSecretVolumeSource,
  K8sVolumeProjection,
} from '../core/k8s';


/** The pod's volumes as JSON, and the names a mount may use. */
export function resolveVolumes(problems: Problems, volumes: Volume[], podSecurity: PodSecurity, claimNames: string[]): { json: object[]; names: Set<string> } {
  const names = new Set<string>(claimNames);
  const json = volumes.map((v, i) => {
    const field = `volumes[${i}]`;
    if (!hasBrand(v, 'Volume')) {
      problems.add(field, v, 'is not a Volume: create one with Volume.fromConfigMap, fromSecret, fromPersistentVolumeClaim, fromEmptyDir, fromProjected or fromSource');
      return {};
    }
    const rule = dns1123Label(v.name) ?? (names.has(v.name) ? 'is already used: volume names must be unique in the pod (volume claims included)' : undefined);
    if (rule) problems.add(`${field}.name`, v.name, rule);
    names.add(v.name);
    checkVolumeType(problems, `${field}.type`, v.type, podSecurity);
    return { name: v.name, [v.type]: renderSource(problems, field, v) };
  });
  return { json, names };
}

function checkVolumeType(problems: Problems, field: string, type: string, podSecurity: PodSecurity): void {
  if (typeof type !== 'string' || !/^[a-z][A-Za-z]*$/.test(type)) {
    problems.add(field, type, 'is not a volume source field name such as "csi" or "nfs"');
  } else if (type === 'hostPath' && podSecurity !== PodSecurity.PRIVILEGED) {
    problems.add(field, type, `is forbidden by PodSecurity ${podSecurity.toUpperCase()}: use a PersistentVolumeClaim or a CSI volume, or podSecurity: PodSecurity.PRIVILEGED for node agents`);
  } else if (podSecurity === PodSecurity.RESTRICTED && !RESTRICTED_VOLUME_TYPES.includes(type)) {
    problems.add(field, type, `is not allowed by PodSecurity RESTRICTED (allowed: ${RESTRICTED_VOLUME_TYPES.join(', ')}): use podSecurity: PodSecurity.BASELINE`);
  }
}

function renderSource(problems: Problems, field: string, v: Volume): object {
  const s = v.source;
  switch (v.type) {
    case 'configMap':
      checkObjectName(problems, `${field}.name`, s.name);
      checkMode(problems, `${field}.defaultMode`, s.defaultMode);
      return { name: s.name, items: renderItems(problems, `${field}.items`, s.items, undefined, useOf(v)), defaultMode: s.defaultMode, optional: s.optional } satisfies K8sConfigMapVolumeSource;
    case 'secret':
      checkObjectName(problems, `${field}.secretName`, s.secretName);
      checkMode(problems, `${field}.defaultMode`, s.defaultMode);
      return { secretName: s.secretName, items: renderItems(problems, `${field}.items`, s.items, undefined, useOf(v)), defaultMode: s.defaultMode, optional: s.optional } satisfies K8sSecretVolumeSource;
    case 'persistentVolumeClaim':
      checkObjectName(problems, `${field}.claimName`, s.claimName);
      return { claimName: s.claimName, readOnly: s.readOnly ? true : undefined } satisfies K8sPersistentVolumeClaimVolumeSource;
    case 'emptyDir': {
      return { medium: s.medium || undefined, sizeLimit: s.sizeLimit === undefined ? undefined : sizeQuantity(problems, `${field}.sizeLimit`, s.sizeLimit) } satisfies K8sEmptyDirVolumeSource;
    }
    case 'projected':
      checkMode(problems, `${field}.defaultMode`, s.defaultMode);
      return { sources: renderProjections(problems, `${field}.sources`, s.sources ?? []), defaultMode: s.defaultMode } satisfies K8sProjectedVolumeSource;
    case 'hostPath':
      if (typeof s === 'object' && s !== null) {
        const rule = hostPathPath(s.path);
        if (rule) problems.add(`${field}.source.path`, s.path ?? '', rule);
        if (s.type !== undefined && !HOST_PATH_TYPES.includes(s.type)) problems.add(`${field}.source.type`, s.type, `is not one of ${HOST_PATH_TYPES.filter((t) => t).join(', ')} (or "" for no check)`);
      }
      return checkedSource(problems, field, s);
    default:
      return checkedSource(problems, field, s);
  }
}

/** A source given as the API writes it (`Volume.fromSource`). */
function checkedSource(problems: Problems, field: string, s: unknown): object {
  if (typeof s !== 'object' || s === null || Array.isArray(s)) problems.add(`${field}.source`, s, 'must be an object: the volume source as the API writes it');
  return s as object;
}

function checkObjectName(problems: Problems, field: string, name: unknown): void {
  const rule = typeof name === 'string' ? dns1123Subdomain(name) : 'is required';
  if (rule) problems.add(field, name ?? '', rule);
}

function checkMode(problems: Problems, field: string, mode: unknown): void {
  if (mode !== undefined && (!Number.isInteger(mode) || (mode as number) < 0 || (mode as number) > MAX_FILE_MODE)) {
    problems.add(field, mode, 'is not a file mode: an integer 0-511, written in TypeScript as octal 0o000-0o777');
  }
}

function renderItems(problems: Problems, field: string, items: KeyToPath[] | undefined, paths = new Set<string>(), source?: ConfigSource): K8sKeyToPath[] | undefined {
  if (items === undefined) return undefined;
  return items.map((it, i) => {
    const keyRule = typeof it.key !== 'string' || it.key === '' ? 'is required' : unknownKey(source, it.key);
    if (keyRule) problems.add(`${field}[${i}].key`, it.key ?? '', keyRule);
    const rule = volumeItemPath(it.path) ?? (paths.has(it.path) ? 'is already used: file paths must be unique in the volume' : undefined);
    if (rule) problems.add(`${field}[${i}].path`, it.path, rule);
    paths.add(it.path);
    checkMode(problems, `${field}[${i}].mode`, it.mode);
    return { key: it.key, path: it.path, mode: it.mode };
  });
}

function renderProjections(problems: Problems, field: string, sources: Projection[]): K8sVolumeProjection[] {
  const paths = new Set<string>();
  const path = (f: string, p: string) => {
    const rule = volumeItemPath(p) ?? (paths.has(p) ? 'is already used: file paths must be unique across the projected sources' : undefined);
    if (rule) problems.add(f, p, rule);
    paths.add(p);
  };
  return sources.map((src, i) => {
    const f = `${field}[${i}]`;
    switch (hasBrand(src, 'Projection') ? src.kind : undefined) {
      case ProjectionKind.CONFIG_MAP:
      case ProjectionKind.SECRET:
        checkObjectName(problems, `${f}.name`, src.name);
        return { [src.kind]: { name: src.name, items: renderItems(problems, `${f}.items`, src.items, paths, useOf(src)) } };
      case ProjectionKind.SERVICE_ACCOUNT_TOKEN: {
        const t = src.token!;
        path(`${f}.path`, t.path);
        const seconds = t.expiration === undefined ? undefined : secondsOf(t.expiration);
        if (t.expiration !== undefined && (seconds === undefined || seconds < TOKEN_EXPIRATION_SECONDS.min || seconds > TOKEN_EXPIRATION_SECONDS.max)) {
          problems.add(`${f}.expiration`, seconds ?? t.expiration, 'must be whole seconds from 10 minutes (600) to 2^32 seconds');
        }
        return { serviceAccountToken: { audience: t.audience, expirationSeconds: seconds, path: t.path } };
      }
      case ProjectionKind.DOWNWARD_API:
        return {
          downwardAPI: {
            items: (src.files ?? []).map((file, j) => {
              path(`${f}.files[${j}].path`, file.path);
              if (!VOLUME_FIELD_PATHS.includes(file.fieldPath)) {
                problems.add(`${f}.files[${j}].fieldPath`, file.fieldPath, `is not a field the API allows in a volume: ${VOLUME_FIELD_PATHS.join(', ')}`);
              }
              return { path: file.path, fieldRef: { fieldPath: file.fieldPath } };
            }),
          },
        };
      default:
        problems.add(f, src, 'is not a Projection: create one with Projection.fromConfigMap, fromSecret, fromServiceAccountToken or fromDownwardApi');
        return {};
    }
  });
}


/** A volume per pod of a StatefulSet (`VolumeClaimOptions`), as the pod model reads it. */
export interface ClaimTemplate {
  readonly name: string;
  readonly mountPath?: string;
  readonly subPath?: string;
}

/** The ConfigMaps, Secrets and claims made from handles that the pod's volumes use. */
export function volumeSources(volumes: Volume[] | undefined, into: ConfigSource[]): void {
  for (const v of volumes ?? []) {
    const own = useOf(v);
    if (own) into.push(own);
    if (v?.type !== 'projected') continue;
    for (const src of (v.source.sources ?? []) as Projection[]) {
      const s = useOf(src);
      if (s) into.push(s);
    }
  }
}

/**
 * Checks the volume claim templates of a StatefulSet (K8S-RULES.md §4 does not check them at
 * create, so mistakes would surface as Pod or PVC failures).
 */
export function checkVolumeClaims(problems: Problems, claims: VolumeClaimOptions[]): void {
  const names = new Set<string>();
  const paths = new Set<string>();
  claims.forEach((c, i) => {
    const field = `volumeClaims[${i}]`;
    const nameRule = dns1123Label(c.name);
    if (nameRule) problems.add(`${field}.name`, c.name, nameRule);
    else if (names.has(c.name)) problems.add(`${field}.name`, c.name, 'is already used: volume claim names must be unique');
    names.add(c.name);
    const storage = claimSize(problems, `${field}.storage`, c.storage);
    if (storage !== undefined && quantityValue(storage) === 0) problems.add(`${field}.storage`, storage, 'must be more than 0');
    if (c.mountPath !== undefined) {
      if (typeof c.mountPath !== 'string' || !c.mountPath.startsWith('/')) problems.add(`${field}.mountPath`, c.mountPath, 'must be an absolute path');
      else if (paths.has(c.mountPath)) problems.add(`${field}.mountPath`, c.mountPath, 'is already used: mount paths must be unique');
      paths.add(c.mountPath);
    }
    if (c.subPath !== undefined) {
      const rule = c.mountPath === undefined ? 'needs mountPath: the sub-path is mounted there in the main container' : volumeSubPath(c.subPath);
      if (rule) problems.add(`${field}.subPath`, c.subPath, rule);
    }
    const classRule = c.storageClassName === undefined ? undefined : dns1123Subdomain(c.storageClassName);
    if (classRule) problems.add(`${field}.storageClassName`, c.storageClassName, classRule);
    checkLabels(problems, `${field}.labels`, c.labels);
    checkAnnotations(problems, `${field}.annotations`, c.annotations);
  });
}
