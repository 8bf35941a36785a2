import { checkShape } from '../core/shape';
import { brand } from '../core/brand';
import { Duration } from 'cdk8s';
import { ResourceOptions } from '../core/resources';
import { Probe, ProbeScheme } from './probe';
import { Protocol } from '../core/ports';
import { VolumeMount } from './volume';
import { configMapSource, recordUse, secretSource } from '../config/ref-model';
import type { IConfigMapRef, ISecretRef } from '../config/refs';

/** When the kubelet pulls the image; the values are the Kubernetes API strings. */
export enum ImagePullPolicy {
  /** Pull on every start. */
  ALWAYS = 'Always',
  /** Pull only when the node does not have the image. */
  IF_NOT_PRESENT = 'IfNotPresent',
  /** Never pull: the image must be on the node. */
  NEVER = 'Never',
}

/** Options of a value read from a Secret or ConfigMap key. */
export interface EnvKeyOptions {
  /**
   * Start the container even when the Secret/ConfigMap or its key is missing.
   * @default false
   */
  readonly optional?: boolean;
}

/** Options of a value read from the container's resources (`resourceFieldRef`). */
export interface EnvResourceOptions {
  /**
   * Container whose resources are read.
   * @default - the container that has the variable
   */
  readonly containerName?: string;
  /**
   * Unit the value is divided by, a quantity such as `1m` or `1Mi`.
   * @default - Kubernetes' default (1)
   */
  readonly divisor?: string;
}

/** Where an environment variable of `envValues` comes from. */
export enum EnvValueSource {
  /** A literal value. */
  VALUE = 'value',
  /** A key of a Secret (`secretKeyRef`). */
  SECRET = 'secretKeyRef',
  /** A key of a ConfigMap (`configMapKeyRef`). */
  CONFIG_MAP = 'configMapKeyRef',
  /** A field of the pod (`fieldRef`). */
  FIELD = 'fieldRef',
  /** A resource request or limit of a container (`resourceFieldRef`). */
  RESOURCE = 'resourceFieldRef',
}

/**
 * The value of an environment variable that is not a plain string: a Secret or ConfigMap key,
 * a pod field or a container resource. Create one with the static methods.
 */
export class EnvValue {
  /** A literal value (the same as a plain string in `env`). */
  public static fromValue(value: string): EnvValue {
    checkShape('EnvValue.fromValue', [value]);
    return new EnvValue(EnvValueSource.VALUE, value);
  }

  /** The value of `key` in the Secret `secretName`, e.g. a database password. */
  public static fromSecret(secretName: string, key: string, options: EnvKeyOptions = {}): EnvValue {
    checkShape('EnvValue.fromSecret', [secretName, key, options]);
    return new EnvValue(EnvValueSource.SECRET, secretName, key, options.optional);
  }

  /** The value of `key` in the ConfigMap `configMapName`. */
  public static fromConfigMap(configMapName: string, key: string, options: EnvKeyOptions = {}): EnvValue {
    checkShape('EnvValue.fromConfigMap', [configMapName, key, options]);
    return new EnvValue(EnvValueSource.CONFIG_MAP, configMapName, key, options.optional);
  }

  /**
   * The value of `key` in a Secret, by handle (`Secret.fromName` or a `Secret` of this library):
   * a key the handle does not declare is an error at synth time.
   */
  public static fromSecretRef(secret: ISecretRef, key: string, options: EnvKeyOptions = {}): EnvValue {
    checkShape('EnvValue.fromSecretRef', [secret, key, options]);
    return recordUse(new EnvValue(EnvValueSource.SECRET, secret.secretName, key, options.optional), secretSource(secret));
  }

  /**
   * The value of `key` in a ConfigMap, by handle (a `ConfigMap` of this library or
   * `ConfigMap.fromName`): a key it does not hold is an error at synth time, and the pods roll
   * when a ConfigMap written by this library changes.
   */
  public static fromConfigMapRef(configMap: IConfigMapRef, key: string, options: EnvKeyOptions = {}): EnvValue {
    checkShape('EnvValue.fromConfigMapRef', [configMap, key, options]);
    return recordUse(new EnvValue(EnvValueSource.CONFIG_MAP, configMap.configMapName, key, options.optional), configMapSource(configMap));
  }

  /**
   * A field of the pod (the downward API), e.g. `metadata.name`, `metadata.namespace`,
   * `status.podIP`, `spec.nodeName` or `metadata.labels['app']`.
   */
  public static fromFieldRef(fieldPath: string): EnvValue {
    checkShape('EnvValue.fromFieldRef', [fieldPath]);
    return new EnvValue(EnvValueSource.FIELD, fieldPath);
  }

  /** A resource request or limit, e.g. `limits.memory` or `requests.cpu`. */
  public static fromResource(resource: string, options: EnvResourceOptions = {}): EnvValue {
    checkShape('EnvValue.fromResource', [resource, options]);
    return new EnvValue(EnvValueSource.RESOURCE, resource, options.containerName, undefined, options.divisor);
  }

  private constructor(
    /** Where the value comes from. */
    public readonly source: EnvValueSource,
    /** The literal value, the Secret/ConfigMap name, the field path or the resource. */
    public readonly ref: string,
    /** The Secret/ConfigMap key, or the container of a resource. */
    public readonly key?: string,
    /** Whether a missing Secret/ConfigMap (key) is accepted. */
    public readonly optional?: boolean,
    /** The divisor of a resource value. */
    public readonly divisor?: string,
  ) {}
}

/** Options of a whole ConfigMap or Secret read into the environment. */
export interface EnvFromOptions {
  /**
   * Prefix put before every key, e.g. `DB_`.
   * @default - no prefix
   */
  readonly prefix?: string;
  /**
   * Start the container even when the ConfigMap/Secret is missing.
   * @default false
   */
  readonly optional?: boolean;
}

/** Every key of a ConfigMap or Secret as environment variables (`envFrom`). */
export class EnvFrom {
  /** Every key of the ConfigMap `name`. */
  public static fromConfigMap(name: string, options: EnvFromOptions = {}): EnvFrom {
    checkShape('EnvFrom.fromConfigMap', [name, options]);
    return new EnvFrom('configMapRef', name, options.prefix, options.optional);
  }

  /** Every key of the Secret `name`. */
  public static fromSecret(name: string, options: EnvFromOptions = {}): EnvFrom {
    checkShape('EnvFrom.fromSecret', [name, options]);
    return new EnvFrom('secretRef', name, options.prefix, options.optional);
  }

  /**
   * Every key of a ConfigMap, by handle (a `ConfigMap` of this library or `ConfigMap.fromName`);
   * the pods roll when a ConfigMap written by this library changes.
   */
  public static fromConfigMapRef(configMap: IConfigMapRef, options: EnvFromOptions = {}): EnvFrom {
    checkShape('EnvFrom.fromConfigMapRef', [configMap, options]);
    return recordUse(new EnvFrom('configMapRef', configMap.configMapName, options.prefix, options.optional), configMapSource(configMap));
  }

  /** Every key of a Secret, by handle (`Secret.fromName` or a `Secret` of this library). */
  public static fromSecretRef(secret: ISecretRef, options: EnvFromOptions = {}): EnvFrom {
    checkShape('EnvFrom.fromSecretRef', [secret, options]);
    return recordUse(new EnvFrom('secretRef', secret.secretName, options.prefix, options.optional), secretSource(secret));
  }

  /**
   * Every key of the ConfigMap `name`.
   * @deprecated use EnvFrom.fromConfigMap
   */
  public static configMap(name: string, options: EnvFromOptions = {}): EnvFrom {
    return EnvFrom.fromConfigMap(name, options);
  }

  /**
   * Every key of the Secret `name`.
   * @deprecated use EnvFrom.fromSecret
   */
  public static secret(name: string, options: EnvFromOptions = {}): EnvFrom {
    return EnvFrom.fromSecret(name, options);
  }

  private constructor(
    /** `configMapRef` or `secretRef`. */
    public readonly kind: string,
    /** Name of the ConfigMap or Secret. */
    public readonly name: string,
    /** Prefix of the variable names. */
    public readonly prefix?: string,
    /** Whether a missing source is accepted. */
    public readonly optional?: boolean,
  ) {}
}

/** Options of an HTTP GET lifecycle handler. */
export interface LifecycleHttpGetOptions {
  /**
   * Port number to call.
   * @default - the container's first TCP port
   */
  readonly port?: number;
  /**
   * Name of a container port to call, instead of `port`.
   * @default - the container's first TCP port
   */
  readonly portName?: string;
  /**
   * HTTP or HTTPS.
   * @default ProbeScheme.HTTP
   */
  readonly scheme?: ProbeScheme;
}

/** What a postStart or preStop hook does. */
export enum LifecycleKind {
  /** Runs a command in the container. */
  EXEC = 'exec',
  /** Calls a URL of the container. */
  HTTP_GET = 'httpGet',
  /** Waits (the `sleep` action, Kubernetes 1.30+). */
  SLEEP = 'sleep',
}

/** A postStart or preStop hook of a container. Create one with the static methods. */
export class LifecycleHandler {
  /** Runs `command` in the container (the `exec` hook; the image must have the program). */
  public static fromCommand(command: string[]): LifecycleHandler {
    checkShape('LifecycleHandler.fromCommand', [command]);
    return new LifecycleHandler(LifecycleKind.EXEC, command);
  }

  /** Calls `path` on a port of the container. */
  public static fromHttpGet(path: string, options: LifecycleHttpGetOptions = {}): LifecycleHandler {
    checkShape('LifecycleHandler.fromHttpGet', [path, options]);
    return new LifecycleHandler(LifecycleKind.HTTP_GET, undefined, path, options);
  }

  /** Waits for `duration` (whole seconds; the `sleep` hook), without any program in the image. */
  public static fromSleep(duration: Duration): LifecycleHandler {
    checkShape('LifecycleHandler.fromSleep', [duration]);
    return new LifecycleHandler(LifecycleKind.SLEEP, undefined, undefined, undefined, duration);
  }

  /**
   * Runs `command` in the container.
   * @deprecated use LifecycleHandler.fromCommand
   */
  public static exec(command: string[]): LifecycleHandler {
    return LifecycleHandler.fromCommand(command);
  }

  /**
   * Calls `path` on a port of the container.
   * @deprecated use LifecycleHandler.fromHttpGet
   */
  public static httpGet(path: string, options: LifecycleHttpGetOptions = {}): LifecycleHandler {
    return LifecycleHandler.fromHttpGet(path, options);
  }

  /**
   * Waits for `duration`.
   * @deprecated use LifecycleHandler.fromSleep
   */
  public static sleep(duration: Duration): LifecycleHandler {
    return LifecycleHandler.fromSleep(duration);
  }

  private constructor(
    /** What the hook does. */
    public readonly kind: LifecycleKind,
    /** The command of an exec hook. */
    public readonly command?: string[],
    /** The path of an httpGet hook. */
    public readonly path?: string,
    /** The port and scheme of an httpGet hook. */
    public readonly httpGetOptions?: LifecycleHttpGetOptions,
    /** The length of a sleep hook. */
    public readonly duration?: Duration,
  ) {}
}

/** A container port that the Service does not expose (metrics, admin, peer ports). */
export interface ContainerPortOptions {
  /** The port number the container listens on. */
  readonly containerPort: number;
  /**
   * Name of the port (an IANA service name), for probes and for other Services.
   * @default - unnamed
   */
  readonly name?: string;
  /**
   * Protocol.
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;
}

/**
 * What a container runs: the same options for the main container, init containers and sidecars.
 * Every container gets the library's secure defaults (no privilege escalation, capabilities
 * dropped under RESTRICTED) and default resources.
 */
export interface ContainerOptions {
  /** Container image, e.g. `nginx:1.27`. */
  readonly image: string;
  /**
   * When the image is pulled.
   * @default - Kubernetes' default (Always for `:latest` or no tag, else IfNotPresent)
   */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * Entrypoint override (the image's ENTRYPOINT).
   * @default - the image's entrypoint
   */
  readonly command?: string[];
  /**
   * Arguments (the image's CMD).
   * @default - the image's arguments
   */
  readonly args?: string[];
  /**
   * Working directory (an absolute path).
   * @default - the image's working directory
   */
  readonly workingDir?: string;
  /**
   * Environment variables with plain values. Together with `envValues` they are written by name,
   * except that a value referring to another variable as `$(NAME)` comes after it (the order of
   * the map does not matter).
   * @default - none
   */
  readonly env?: { [name: string]: string };
  /**
   * Environment variables whose values come from Secrets, ConfigMaps, pod fields or resources,
   * e.g. `{ DB_PASSWORD: EnvValue.fromSecret('db', 'password') }`; `env` values may refer to them
   * as `$(DB_PASSWORD)`.
   * @default - none
   */
  readonly envValues?: { [name: string]: EnvValue };
  /**
   * Whole ConfigMaps and Secrets read into the environment.
   * @default - none
   */
  readonly envFrom?: EnvFrom[];
  /**
   * Container resources; `omit: [ResourceSetting.MEMORY_LIMIT]` (or another setting) leaves a default out.
   * @default - requests cpu 100m and memory 128Mi, limit memory 256Mi, no CPU limit
   */
  readonly resources?: ResourceOptions;
  /**
   * Readiness probe; `Probe.none()` switches the main container's default off.
   * @default - main container: TCP on the first TCP Service port; other containers: none
   */
  readonly readiness?: Probe;
  /**
   * Liveness probe.
   * @default - none
   */
  readonly liveness?: Probe;
  /**
   * Startup probe.
   * @default - none
   */
  readonly startup?: Probe;
  /**
   * Volumes mounted into the container, by volume name.
   * @default - none
   */
  readonly volumeMounts?: VolumeMount[];
  /**
   * Container ports that the Service does not expose.
   * @default - none
   */
  readonly extraPorts?: ContainerPortOptions[];
  /**
   * Linux capabilities to add. RESTRICTED allows only `NET_BIND_SERVICE`; BASELINE allows
   * AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP,
   * SETGID, SETPCAP, SETUID and SYS_CHROOT.
   * @default - none
   */
  readonly addCapabilities?: string[];
  /**
   * Hook run right after the container starts.
   * @default - none
   */
  readonly postStart?: LifecycleHandler;
  /**
   * Hook run before the container is stopped; replaces the graceful-shutdown pause of the main
   * container (the grace period stays).
   * @default - main container: the graceful-shutdown pause; other containers: none
   */
  readonly preStop?: LifecycleHandler;
  /**
   * User id the container runs as; needed with RESTRICTED when the image names its user
   * instead of giving a numeric id. For the main container it is set on the pod, so it applies
   * to every container that does not set its own.
   * @default - the image's user
   */
  readonly runAsUser?: number;
  /**
   * Group id the container runs as (for the main container: set on the pod).
   * @default - the image's group
   */
  readonly runAsGroup?: number;
  /**
   * Mount the container root filesystem read-only.
   * @default false
   */
  readonly readOnlyRootFilesystem?: boolean;
}

/** An init container or sidecar: a named container with the same options as the main one. */
export interface NamedContainerOptions extends ContainerOptions {
  /** Name of the container, a DNS-1123 label unique in the pod. */
  readonly name: string;
}

brand(EnvValue.prototype, 'EnvValue');
brand(EnvFrom.prototype, 'EnvFrom');
brand(LifecycleHandler.prototype, 'LifecycleHandler');
