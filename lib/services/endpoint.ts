import { IConstruct } from 'constructs';
import { ServicePortInfo } from '../core/ports';

/**
 * Anything that fronts a Kubernetes Service: it has a name, a namespace, ports and so a DNS
 * name. Everything that uses a Service (routes, aliases, connections) takes this interface.
 */
export interface IServiceEndpoint extends IConstruct {
  /** Name of the Service. */
  readonly serviceName: string;
  /** Namespace of the Service. */
  readonly namespace: string;
  /**
   * Cluster DNS name, `<service>.<namespace>.svc.cluster.local`; just `<service>` when no
   * namespace is written into the objects (neither the construct's nor the chart's), as the
   * namespace is then chosen when the YAML is applied.
   */
  readonly dnsName: string;
  /** The first (primary) Service port number. */
  readonly port: number;
  /** Every port of the Service. */
  readonly ports: ServicePortInfo[];
}

/** How a connection is configured: env prefix, provider port, DNS name style. */
export interface ConnectOptions {
  /**
   * Prefix of the variables: `<PREFIX>_HOST`, `<PREFIX>_PORT` and `<PREFIX>_URL`.
   * @default - the provider's Service name, upper-cased, dashes as underscores
   */
  readonly prefix?: string;
  /**
   * Provider port number to connect to.
   * @default - the provider's first port
   */
  readonly port?: number;
  /**
   * Provider port name to connect to (instead of `port`).
   * @default - the provider's first port
   */
  readonly portName?: string;
  /**
   * Use the short Service name (`db`) instead of the full DNS name when both are in one
   * namespace. Across namespaces the full name is always used.
   * @default false
   */
  readonly shortName?: boolean;
  /**
   * Names of the containers that get the variables: any of the main container, init containers
   * (e.g. a migration that needs the database host), native sidecars and extra containers.
   * @default - the main container only
   */
  readonly containers?: string[];
}
