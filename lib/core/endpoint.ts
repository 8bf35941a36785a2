import { IConstruct } from 'constructs';
import { ServicePortInfo } from './ports';

/**
 * Anything that fronts a Kubernetes Service: it has a name, a namespace, ports and so a DNS
 * name. Everything that uses a Service (routes, aliases, connections) takes this interface.
 */
export interface IServiceEndpoint extends IConstruct {
  /** Name of the Service. */
  readonly serviceName: string;
  /** Namespace of the Service. */
  readonly namespace: string;
  /** Cluster DNS name, `<service>.<namespace>.svc.cluster.local`. */
  readonly dnsName: string;
  /** The first (primary) Service port number. */
  readonly port: number;
  /** Every port of the Service. */
  readonly ports: ServicePortInfo[];
}
