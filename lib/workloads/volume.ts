import { checkShape } from '../core/shape';
import { Duration, Size } from 'cdk8s';
import { brand } from '../core/brand';
import { claimSource, configMapSource, recordUse, secretSource } from '../config/ref-model';
import type { IConfigMapRef, IPersistentVolumeClaimRef, ISecretRef } from '../config/refs';

/** Where an emptyDir volume lives. */
export enum EmptyDirMedium {
  /** The node's default storage (disk). */
  DEFAULT = '',
  /** A tmpfs in memory; counts against the container's memory limit. */
  MEMORY = 'Memory',
}

/** One key of a ConfigMap or Secret written to a file of the volume. */
export interface KeyToPath {
  /** The key. */
  readonly key: string;
  /** Relative path of the file in the volume (no `..`). */
  readonly path: string;
  /**
   * File mode, an octal number such as `0o400`.
   * @default - the volume's defaultMode
   */
  readonly mode?: number;
}

/** Options of a ConfigMap or Secret volume. */
export interface KeyVolumeOptions {
  /**
   * Only these keys, at these paths.
   * @default - every key, as a file named after it
   */
  readonly items?: KeyToPath[];
  /**
   * Mode of the files, an octal number such as `0o440`.
   * @default - Kubernetes' default (0o644)
   */
  readonly defaultMode?: number;
  /**
   * Start the pod even when the ConfigMap/Secret is missing.
   * @default false
   */
  readonly optional?: boolean;
}

/** Options of a PersistentVolumeClaim volume. */
export interface ClaimVolumeOptions {
  /**
   * Mount the claim read-only in every container.
   * @default false
   */
  readonly readOnly?: boolean;
}

/** Options of an emptyDir volume. */
export interface EmptyDirOptions {
  /**
   * Disk or memory.
   * @default EmptyDirMedium.DEFAULT
   */
  readonly medium?: EmptyDirMedium;
  /**
   * Most space the volume may use; the pod is evicted above it.
   * @default - no limit
   */
  readonly sizeLimit?: Size;
}

/** Options of a projected service account token. */
export interface ServiceAccountTokenProjection {
  /** Path of the token file in the volume. */
  readonly path: string;
  /**
   * Audience the token is meant for.
   * @default - the API server's audience
   */
  readonly audience?: string;
  /**
   * Lifetime of the token, at least 10 minutes.
   * @default - Kubernetes' default (1 hour)
   */
  readonly expiration?: Duration;
}

/** A pod field written to a file (downward API). */
export interface DownwardApiFile {
  /** Relative path of the file. */
  readonly path: string;
  /** The field, e.g. `metadata.labels` or `metadata.name`. */
  readonly fieldPath: string;
}

/** What a projected volume combines. */
export enum ProjectionKind {
  /** Keys of a ConfigMap. */
  CONFIG_MAP = 'configMap',
  /** Keys of a Secret. */
  SECRET = 'secret',
  /** A service account token. */
  SERVICE_ACCOUNT_TOKEN = 'serviceAccountToken',
  /** Pod fields. */
  DOWNWARD_API = 'downwardAPI',
}

/** One source of a projected volume. Create one with the static methods. */
export class Projection {
  /** Keys of a ConfigMap. */
  public static fromConfigMap(name: string, items?: KeyToPath[]): Projection {
    checkShape('Projection.fromConfigMap', [name, items]);
    return new Projection(ProjectionKind.CONFIG_MAP, name, items);
  }

  /** Keys of a Secret. */
  public static fromSecret(name: string, items?: KeyToPath[]): Projection {
    checkShape('Projection.fromSecret', [name, items]);
    return new Projection(ProjectionKind.SECRET, name, items);
  }

  /**
   * Keys of a ConfigMap, by handle (a `ConfigMap` of this library or `ConfigMap.fromName`): an
   * item key it does not hold is an error at synth time.
   */
  public static fromConfigMapRef(configMap: IConfigMapRef, items?: KeyToPath[]): Projection {
    checkShape('Projection.fromConfigMapRef', [configMap, items]);
    return recordUse(new Projection(ProjectionKind.CONFIG_MAP, configMap.configMapName, items), configMapSource(configMap));
  }

  /**
   * Keys of a Secret, by handle (`Secret.fromName` or a `Secret` of this library): an item key it
   * does not declare is an error at synth time.
   */
  public static fromSecretRef(secret: ISecretRef, items?: KeyToPath[]): Projection {
    checkShape('Projection.fromSecretRef', [secret, items]);
    return recordUse(new Projection(ProjectionKind.SECRET, secret.secretName, items), secretSource(secret));
  }

  /** A service account token with its own audience and lifetime. */
  public static fromServiceAccountToken(options: ServiceAccountTokenProjection): Projection {
    checkShape('Projection.fromServiceAccountToken', [options]);
    return new Projection(ProjectionKind.SERVICE_ACCOUNT_TOKEN, undefined, undefined, options);
  }

  /** Pod fields as files. */
  public static fromDownwardApi(files: DownwardApiFile[]): Projection {
    checkShape('Projection.fromDownwardApi', [files]);
    return new Projection(ProjectionKind.DOWNWARD_API, undefined, undefined, undefined, files);
  }

  /**
   * Keys of a ConfigMap.
   * @deprecated use Projection.fromConfigMap
   */
  public static configMap(name: string, items?: KeyToPath[]): Projection {
    return Projection.fromConfigMap(name, items);
  }

  /**
   * Keys of a Secret.
   * @deprecated use Projection.fromSecret
   */
  public static secret(name: string, items?: KeyToPath[]): Projection {
    return Projection.fromSecret(name, items);
  }

  /**
   * A service account token.
   * @deprecated use Projection.fromServiceAccountToken
   */
  public static serviceAccountToken(options: ServiceAccountTokenProjection): Projection {
    return Projection.fromServiceAccountToken(options);
  }

  /**
   * Pod fields as files.
   * @deprecated use Projection.fromDownwardApi
   */
  public static downwardApi(files: DownwardApiFile[]): Projection {
    return Projection.fromDownwardApi(files);
  }

  private constructor(
    /** What the source is. */
    public readonly kind: ProjectionKind,
    /** The ConfigMap or Secret name. */
    public readonly name?: string,
    /** The keys of a ConfigMap or Secret. */
    public readonly items?: KeyToPath[],
    /** The token of a SERVICE_ACCOUNT_TOKEN source. */
    public readonly token?: ServiceAccountTokenProjection,
    /** The files of a DOWNWARD_API source. */
    public readonly files?: DownwardApiFile[],
  ) {
  }
}

/** A volume of the pod. Create one with the static methods; mount it by name. */
export class Volume {
  /** The keys of a ConfigMap as files, e.g. a configuration file. */
  public static fromConfigMap(name: string, configMapName: string, options: KeyVolumeOptions = {}): Volume {
    checkShape('Volume.fromConfigMap', [name, configMapName, options]);
    return new Volume(name, 'configMap', {
      name: configMapName, items: options.items, defaultMode: options.defaultMode, optional: options.optional,
    });
  }

  /** The keys of a Secret as files, e.g. TLS keys. */
  public static fromSecret(name: string, secretName: string, options: KeyVolumeOptions = {}): Volume {
    checkShape('Volume.fromSecret', [name, secretName, options]);
    return new Volume(name, 'secret', {
      secretName, items: options.items, defaultMode: options.defaultMode, optional: options.optional,
    });
  }

  /** An existing PersistentVolumeClaim. */
  public static fromPersistentVolumeClaim(name: string, claimName: string, options: ClaimVolumeOptions = {}): Volume {
    checkShape('Volume.fromPersistentVolumeClaim', [name, claimName, options]);
    return new Volume(name, 'persistentVolumeClaim', { claimName, readOnly: options.readOnly });
  }

  /**
   * The keys of a ConfigMap as files, by handle (a `ConfigMap` of this library or
   * `ConfigMap.fromName`): an item key it does not hold is an error at synth time, and the pods
   * roll when a ConfigMap written by this library changes.
   */
  public static fromConfigMapRef(name: string, configMap: IConfigMapRef, options: KeyVolumeOptions = {}): Volume {
    checkShape('Volume.fromConfigMapRef', [name, configMap, options]);
    return recordUse(new Volume(name, 'configMap', {
      name: configMap.configMapName, items: options.items, defaultMode: options.defaultMode, optional: options.optional,
    }), configMapSource(configMap));
  }

  /**
   * The keys of a Secret as files, by handle (`Secret.fromName` or a `Secret` of this library): an
   * item key it does not declare is an error at synth time.
   */
  public static fromSecretRef(name: string, secret: ISecretRef, options: KeyVolumeOptions = {}): Volume {
    checkShape('Volume.fromSecretRef', [name, secret, options]);
    return recordUse(new Volume(name, 'secret', {
      secretName: secret.secretName, items: options.items, defaultMode: options.defaultMode, optional: options.optional,
    }), secretSource(secret));
  }

  /**
   * A PersistentVolumeClaim by handle (a `PersistentVolumeClaim` of this library): written before
   * the workload; a ReadWriteOnce claim mounted by several replicas draws a warning.
   */
  public static fromClaimRef(name: string, claim: IPersistentVolumeClaimRef, options: ClaimVolumeOptions = {}): Volume {
    checkShape('Volume.fromClaimRef', [name, claim, options]);
    return recordUse(new Volume(name, 'persistentVolumeClaim', { claimName: claim.claimName, readOnly: options.readOnly }), claimSource(claim));
  }

  /** Scratch space that lives as long as the pod. */
  public static fromEmptyDir(name: string, options: EmptyDirOptions = {}): Volume {
    checkShape('Volume.fromEmptyDir', [name, options]);
    return new Volume(name, 'emptyDir', { medium: options.medium, sizeLimit: options.sizeLimit });
  }

  /** Several ConfigMaps, Secrets, tokens and pod fields in one directory. */
  public static fromProjected(name: string, sources: Projection[], defaultMode?: number): Volume {
    checkShape('Volume.fromProjected', [name, sources, defaultMode]);
    return new Volume(name, 'projected', { sources, defaultMode });
  }

  /**
   * Several sources in one directory.
   * @deprecated use Volume.fromProjected
   */
  public static projected(name: string, sources: Projection[], defaultMode?: number): Volume {
    return Volume.fromProjected(name, sources, defaultMode);
  }

  /**
   * Any other volume source, as the API writes it: `type` is the field name (e.g. `csi`, `nfs`,
   * `hostPath`) and `source` its value. The pod's security profile decides which types are
   * allowed.
   */
  // A volume source of any type is free-form JSON, checked when the pod is resolved.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  public static fromSource(name: string, type: string, source: { [key: string]: any }): Volume {
    checkShape('Volume.fromSource', [name, type, source]);
    return new Volume(name, type, source);
  }

  private constructor(
    /** Name of the volume in the pod, a DNS-1123 label. */
    public readonly name: string,
    /** The volume source's field name, e.g. `configMap`. */
    public readonly type: string,
    /** The volume source, before validation. */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    public readonly source: { [key: string]: any },
  ) {
  }
}

/** A volume mounted into a container. */
export interface VolumeMount {
  /** Name of the volume: one of `volumes`, or a volume claim of a HeadlessGroup. */
  readonly volume: string;
  /** Absolute path in the container. */
  readonly mountPath: string;
  /**
   * Mount only this path inside the volume (relative, no `..`).
   * @default - the whole volume
   */
  readonly subPath?: string;
  /**
   * Mount read-only.
   * @default false
   */
  readonly readOnly?: boolean;
}

brand(Projection.prototype, 'Projection');
brand(Volume.prototype, 'Volume');
