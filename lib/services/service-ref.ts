import { checkShape, checkedScope } from '../core/shape';
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { connectionEnvOf, PolicyPeer } from './inbound';
import { serviceDnsName } from '../core/dns';
import { IServiceEndpoint } from './endpoint';
import { Problems } from '../core/problems';
import { dns1035Label, dns1123Label, ianaPortName, qualifiedName } from '../core/names';
import { APP_PROTOCOL_RULE, isPortNumber, PORT_RULE } from './ports-model';
import { ExposedPort, Protocol, ServicePortInfo } from '../core/ports';
import { brand, hasBrand } from '../core/brand';

/** Props of a reference to a Service that is defined elsewhere. */
export interface ServiceRefProps extends ServiceRefOptions {
  /** Name of the Service. */
  readonly name: string;
}

/**
 * A Service that lives elsewhere (another chart, another tool), so that routes, aliases and
 * connections can point at it. It writes nothing.
 */
export class ServiceRef extends Construct implements IServiceEndpoint {
  /** Whether `x` is a ServiceRef (made by any copy of this package). */
  public static isServiceRef(x: unknown): x is ServiceRef {
    return hasBrand(x, 'ServiceRef');
  }

  /** Refers to Service `name`, optionally in another namespace and with its port. */
  public static fromName(scope: Construct, id: string, name: string, options: ServiceRefOptions = {}): ServiceRef {
    checkShape('ServiceRef.fromName', [scope, id, name, options]);
    return new ServiceRef(scope, id, { ...options, name });
  }

  public readonly serviceName: string;
  public readonly namespace: string;
  public readonly dnsName: string;
  public readonly ports: ServicePortInfo[];
  /** The first port, or 0 when no port is known. */
  public readonly port: number;

  /**
   * @param scope the chart or construct this one belongs to
   * @param id the construct id; unless a name is given, also the name of the objects written
   * @param props what to write, see `ServiceRefProps`
   */
  constructor(scope: Construct, id: string, props: ServiceRefProps) {
    super(checkedScope('new ServiceRef', scope, id), id);
    checkShape('new ServiceRef', [scope, id, props], 'ServiceRef', this);
    const problems = new Problems('ServiceRef', this);
    const nameRule = dns1035Label(props.name);
    if (nameRule) problems.add('name', props.name, nameRule);
    const namespace = props.namespace ?? Chart.of(this).namespace ?? 'default';
    const nsRule = dns1123Label(namespace);
    if (nsRule) problems.add('namespace', namespace, nsRule);
    if (props.ports !== undefined && (props.port !== undefined || props.portName !== undefined)) {
      problems.add('ports', props.ports.map((p) => p.name), 'cannot be combined with port or portName: use one form');
    }
    const specs: Array<{ name?: string; port: number; protocol?: Protocol; appProtocol?: string }> = props.ports ?? (props.port !== undefined ? [{ name: props.portName, port: props.port }] : []);
    if (props.port === undefined && props.portName !== undefined) problems.add('portName', props.portName, 'needs a port number');
    specs.forEach((p, i) => {
      const field = props.ports ? `ports[${i}].` : '';
      if (!isPortNumber(p.port)) problems.add(`${field}port`, p.port, PORT_RULE);
      const rule = p.name === undefined ? undefined : ianaPortName(p.name);
      if (rule) problems.add(`${field}${props.ports ? 'name' : 'portName'}`, p.name, rule);
      if (p.appProtocol !== undefined && qualifiedName(p.appProtocol) !== undefined) problems.add(`${field}appProtocol`, p.appProtocol, APP_PROTOCOL_RULE);
    });
    problems.throwIfAny();
    this.serviceName = props.name;
    this.namespace = namespace;
    this.dnsName = serviceDnsName(this.serviceName, props.namespace ?? Chart.of(this).namespace);
    this.ports = specs.map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? Protocol.TCP, appProtocol: p.appProtocol }));
    this.port = this.ports[0]?.port ?? 0;
  }

  /** @internal */
  public _policyPeer(): PolicyPeer {
    return { namespace: this.namespace };
  }

  /** `{ <PREFIX>_HOST, <PREFIX>_PORT }` for app code that reads this Service from its environment. */
  public connectionEnv(prefix?: string): { [key: string]: string } {
    checkShape('ServiceRef.connectionEnv', [prefix], this.constructor.name, this);
    return connectionEnvOf(this, 'ServiceRef', prefix);
  }
}

/** Options of `ServiceRef.fromName`. */
export interface ServiceRefOptions {
  /**
   * Namespace of the Service.
   * @default - the chart's namespace, else `default`
   */
  readonly namespace?: string;
  /**
   * The Service's port.
   * @default - no port known
   */
  readonly port?: number;
  /**
   * Name of that port (routes refer to named ports by name).
   * @default - unnamed
   */
  readonly portName?: string;
  /**
   * Several ports, instead of `port`.
   * @default - only `port`
   */
  readonly ports?: ExposedPort[];
}

brand(ServiceRef.prototype, 'ServiceRef');
