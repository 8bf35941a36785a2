import { brand } from '../core/brand';
import { Duration } from 'cdk8s';
import { checkShape } from '../core/shape';
/** Timing and threshold settings shared by every probe. */
export interface ProbeTimings {
  /**
   * Time after the container starts before the first probe (whole seconds).
   * @default - Kubernetes' default (none)
   */
  readonly initialDelay?: Duration;
  /**
   * Time between probes (whole seconds, at least 1).
   * @default - Kubernetes' default (10 seconds)
   */
  readonly period?: Duration;
  /**
   * Time after which one probe times out (whole seconds, at least 1).
   * @default - Kubernetes' default (1 second)
   */
  readonly timeout?: Duration;
  /**
   * Consecutive failures after which the probe counts as failed.
   * @default - Kubernetes' default (3)
   */
  readonly failureThreshold?: number;
  /**
   * Consecutive successes after which the probe counts as passed; must be 1 for liveness and startup probes.
   * @default - Kubernetes' default (1)
   */
  readonly successThreshold?: number;
}

/** Options for probes that connect to a port. */
export interface PortProbeOptions extends ProbeTimings {
  /**
   * Container port number to probe.
   * @default - the first TCP port of the app
   */
  readonly port?: number;
  /**
   * Name of a container port of the app to probe (instead of `port`).
   * @default - the first TCP port of the app
   */
  readonly portName?: string;
}

/** Scheme of an HTTP probe. */
export enum ProbeScheme {
  /** Plain HTTP. */
  HTTP = 'HTTP',
  /** HTTPS, without verifying the certificate (as the kubelet does). */
  HTTPS = 'HTTPS',
}

/** Options for HTTP GET probes. */
export interface HttpGetProbeOptions extends PortProbeOptions {
  /**
   * Scheme to use.
   * @default ProbeScheme.HTTP
   */
  readonly scheme?: ProbeScheme;
}

/** How a probe checks the container. */
export enum ProbeKind {
  /** An HTTP GET of a path. */
  HTTP_GET = 'httpGet',
  /** A TCP connection to a port. */
  TCP_SOCKET = 'tcpSocket',
  /** A command in the container. */
  EXEC = 'exec',
  /** No probe. */
  NONE = 'none',
}

/**
 * A readiness, liveness or startup probe. Create one with the static methods.
 */
export class Probe {
  /** Probe with an HTTP GET of `path`; any status from 200 to 399 passes. */
  public static fromHttpGet(path: string, options: HttpGetProbeOptions = {}): Probe {
    checkShape('Probe.fromHttpGet', [path, options]);
    return new Probe(ProbeKind.HTTP_GET, options, path, undefined, options.scheme);
  }

  /** Probe that passes when a TCP connection to the port can be opened. */
  public static fromTcpSocket(options: PortProbeOptions = {}): Probe {
    checkShape('Probe.fromTcpSocket', [options]);
    return new Probe(ProbeKind.TCP_SOCKET, options);
  }

  /** Probe that runs a command in the container (the `exec` probe); exit status 0 passes. */
  public static fromCommand(command: string[], options: ProbeTimings = {}): Probe {
    checkShape('Probe.fromCommand', [command, options]);
    return new Probe(ProbeKind.EXEC, options, undefined, command);
  }

  /** No probe at all: switches off a default probe. */
  public static none(): Probe {
    return new Probe(ProbeKind.NONE, {});
  }

  /**
   * Probe with an HTTP GET of `path`.
   * @deprecated use Probe.fromHttpGet
   */
  public static httpGet(path: string, options: HttpGetProbeOptions = {}): Probe {
    return Probe.fromHttpGet(path, options);
  }

  /**
   * Probe that opens a TCP connection.
   * @deprecated use Probe.fromTcpSocket
   */
  public static tcpSocket(options: PortProbeOptions = {}): Probe {
    return Probe.fromTcpSocket(options);
  }

  /**
   * Probe that runs a command in the container.
   * @deprecated use Probe.fromCommand
   */
  public static exec(command: string[], options: ProbeTimings = {}): Probe {
    return Probe.fromCommand(command, options);
  }

  private constructor(
    /** How the probe checks the container. */
    public readonly kind: ProbeKind,
    /** Port, timing and threshold options. */
    public readonly options: PortProbeOptions,
    /** HTTP path, for HTTP GET probes. */
    public readonly path?: string,
    /** Command, for exec probes. */
    public readonly command?: string[],
    /** Scheme, for HTTP GET probes. */
    public readonly scheme?: ProbeScheme,
  ) {}
}

brand(Probe.prototype, 'Probe');
