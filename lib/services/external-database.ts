import { PatternObject } from '../core/api-object';
import { checkShape, checkedScope } from '../core/shape';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { connectionEnvOf, PolicyPeer } from './inbound';
import { PatternDefaults } from '../core/defaults';
import { serviceDnsName } from '../core/dns';
import { IServiceEndpoint } from './endpoint';
import { IdentityOptions } from '../core/identity';
import { MANAGED_BY, recommendedLabels } from '../core/labels';
import { ipFamily, specialIp } from '../core/net';
import { dns1123Subdomain } from '../core/names';
import { DEFAULT_NODE_PORT_RANGE, renderServicePorts, resolvePorts } from './ports-model';
import { ExposedPort, Protocol, ServicePortInfo } from '../core/ports';
import { Problems } from '../core/problems';
import { claimName } from '../core/registry';
import { resolveIdentity } from '../core/identity-model';
import { externalNamePorts } from './service-render';
import { brand, hasBrand } from '../core/brand';
import type { K8sEndpoint, K8sEndpointPort, K8sEndpointSubset, K8sServicePort, K8sServiceSpec } from '../core/k8s';
import { outsideNode, portText, serviceNode, TopologyPart } from '../core/topology-part';

/** Which endpoint objects back a selector-less Service. */
export enum EndpointsApi {
  /** `discovery.k8s.io/v1` EndpointSlices (v1 Endpoints is deprecated from Kubernetes 1.33). */
  ENDPOINT_SLICE = 'EndpointSlice',
  /** Legacy `v1` Endpoints only (Kubernetes mirrors them into slices). */
  ENDPOINTS = 'Endpoints',
  /** Both; the Endpoints are marked so that Kubernetes does not mirror them a second time. */
  BOTH = 'Both',
}

/** Props of an ExternalDatabase: exactly one of `addresses` and `externalName`. */
export interface ExternalDatabaseProps extends IdentityOptions {
  /**
   * IP addresses of the service outside the cluster (IPv4, IPv6 or both).
   * @default - none; give `externalName` instead
   */
  readonly addresses?: string[];
  /**
   * DNS name of the service outside the cluster; makes an ExternalName Service.
   * @default - none; give `addresses` instead
   */
  readonly externalName?: string;
  /**
   * Service port (single-port form).
   * @default - required unless `ports` is given
   */
  readonly port?: number;
  /**
   * Port on the outside addresses, when it differs from `port`.
   * @default - the same as `port`
   */
  readonly targetPort?: number;
  /**
   * Port name; endpoint ports are matched to Service ports by name.
   * @default 'tcp'
   */
  readonly portName?: string;
  /**
   * Protocol.
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;
  /**
   * Application protocol (single-port form), written as the Service port's `appProtocol`; for
   * an ExternalName, a TLS protocol (`https`, `kubernetes.io/wss`) makes the handles give out the
   * external host name, which the certificate carries.
   * @default - none written
   */
  readonly appProtocol?: string;
  /**
   * Several ports, instead of the single-port props (`containerPort` is the outside port).
   * @default - one port from the single-port props
   */
  readonly ports?: ExposedPort[];
  /**
   * Which endpoint objects to write (addresses mode).
   * @default EndpointsApi.ENDPOINT_SLICE
   */
  readonly endpointsApi?: EndpointsApi;
}

/**
 * A stable in-cluster name for something outside the cluster: a Service without a selector plus
 * hand-written EndpointSlices (and/or Endpoints) for IP addresses, or an ExternalName Service for
 * a DNS name. Moving the database later changes this one object, not every app.
 */
export class ExternalDatabase extends Construct implements IServiceEndpoint {
  /** Whether `x` is an ExternalDatabase (made by any copy of this package). */
  public static isExternalDatabase(x: unknown): x is ExternalDatabase {
    return hasBrand(x, 'ExternalDatabase');
  }

  /** The Service. */
  public readonly service: ApiObject;
  /** The EndpointSlices, one per IP family (addresses mode with slices). */
  public readonly endpointSlices: ApiObject[];
  /** The legacy Endpoints (with EndpointsApi.ENDPOINTS or BOTH). */
  public readonly endpoints?: ApiObject;
  public readonly serviceName: string;
  public readonly namespace: string;
  public readonly dnsName: string;
  public readonly port: number;
  public readonly ports: ServicePortInfo[];
  /** The outside IP addresses (empty for an ExternalName). */
  public readonly addresses: string[];
  /** The outside DNS name, for an ExternalName. */
  public readonly externalName?: string;

  /**
   * @param scope the chart or construct this one belongs to
   * @param id the construct id; unless a name is given, also the name of the objects written
   * @param props what to write, see `ExternalDatabaseProps`
   */
  constructor(scope: Construct, id: string, props: ExternalDatabaseProps) {
    super(checkedScope('new ExternalDatabase', scope, id), id);
    checkShape('new ExternalDatabase', [scope, id, props], 'ExternalDatabase', this);
    const problems = new Problems('ExternalDatabase', this);
    const identity = resolveIdentity(this, props, PatternDefaults.of(this), problems);
    const hasAddresses = props.addresses !== undefined;
    if (hasAddresses === (props.externalName !== undefined)) {
      problems.add('addresses', props.addresses ?? [], 'and externalName: give exactly one (IP addresses, or a DNS name for an ExternalName Service)');
    }
    const portMissing = props.port === undefined && props.ports === undefined;
    if (portMissing) problems.addMessage('port', undefined, 'port is required: the port of the service outside the cluster');
    const ports = resolvePorts({
      port: portMissing ? 1 : props.port,
      containerPort: props.targetPort,
      portName: props.ports === undefined ? props.portName ?? 'tcp' : props.portName,
      protocol: props.protocol,
      appProtocol: props.appProtocol,
      ports: props.ports,
    }, { nodePortsAllowed: false, nodePortRule: 'is not allowed on an external service', nodePortRange: DEFAULT_NODE_PORT_RANGE, defaultPort: 0 }, problems);
    const families = hasAddresses ? checkAddresses(problems, props.addresses ?? []) : new Map<IpFamilyName, string[]>();
    if (props.externalName !== undefined) checkExternalName(problems, props.externalName, props.endpointsApi);
    const api = props.endpointsApi ?? EndpointsApi.ENDPOINT_SLICE;
    const slices = hasAddresses && api !== EndpointsApi.ENDPOINTS;
    claimName(this, problems, 'name', 'Service', identity.namespace, identity.name);
    if (slices) {
      for (const family of families.keys()) claimName(this, problems, 'name', 'EndpointSlice', identity.namespace, `${identity.name}-${family.toLowerCase()}`);
    }
    problems.throwIfAny();

    this.serviceName = identity.name;
    this.namespace = identity.namespace;
    this.dnsName = serviceDnsName(identity.name, identity.writtenNamespace);
    this.ports = ports;
    this.port = this.ports[0].port;
    this.addresses = props.addresses ?? [];
    this.externalName = props.externalName;
    const labels = recommendedLabels(identity.labels);
    const metadata = { name: identity.name, namespace: identity.metadataNamespace, labels };

    if (!hasAddresses) {
      this.service = new PatternObject(this, 'Service', {
        apiVersion: 'v1',
        kind: 'Service',
        metadata,
        spec: { type: 'ExternalName', externalName: props.externalName, ports: externalNamePorts(this.ports) as K8sServicePort[] } satisfies K8sServiceSpec,
      });
      this.endpointSlices = [];
      return;
    }
    const familyList = [...families.keys()].sort();
    this.service = new PatternObject(this, 'Service', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata,
      spec: {
        type: 'ClusterIP',
        ports: renderServicePorts(ports) as K8sServicePort[],
        // IPv4 alone is every cluster's default: only say something when IPv6 is involved.
        ipFamilies: familyList.length === 1 && familyList[0] === 'IPv4' ? undefined : familyList,
        ipFamilyPolicy: familyList.length === 2 ? 'PreferDualStack' : familyList[0] === 'IPv6' ? 'SingleStack' : undefined,
      } satisfies K8sServiceSpec,
    });
    const endpointPorts = ports.map((p) => ({ name: p.name, port: p.targetPort, protocol: p.protocol === Protocol.TCP ? undefined : p.protocol, appProtocol: p.appProtocol }));
    this.endpointSlices = slices ? familyList.map((family) => new PatternObject(this, `EndpointSlice-${family}`, {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: `${identity.name}-${family.toLowerCase()}`,
        namespace: identity.metadataNamespace,
        labels: {
          ...labels,
          'kubernetes.io/service-name': identity.name,
          'endpointslice.kubernetes.io/managed-by': MANAGED_BY,
        },
      },
      addressType: family,
      endpoints: (families.get(family) ?? []).map((ip): K8sEndpoint => ({ addresses: [ip] })),
      ports: endpointPorts satisfies K8sEndpointPort[],
    })) : [];
    if (api !== EndpointsApi.ENDPOINT_SLICE) {
      this.endpoints = new PatternObject(this, 'Endpoints', {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: {
          ...metadata,
          labels: api === EndpointsApi.BOTH ? { ...labels, 'endpointslice.kubernetes.io/skip-mirror': 'true' } : labels,
        },
        subsets: [{ addresses: (props.addresses ?? []).map((ip) => ({ ip })), ports: endpointPorts } satisfies K8sEndpointSubset],
      });
    }
  }

  /**
   * For TLS ports: the external host (its certificate names it, not this Service's name).
   * @internal
   */
  public _tlsHost(): string | undefined {
    return this.externalName?.replace(/\.$/, '');
  }

  /** @internal */
  public _policyPeer(): PolicyPeer | undefined {
    if (this.addresses.length === 0) return undefined;
    return { cidrs: this.addresses.map((ip) => (ipFamily(ip) === 'IPv6' ? `${ip}/128` : `${ip}/32`)) };
  }

  /** `{ <PREFIX>_HOST, <PREFIX>_PORT }` for this service. */
  public connectionEnv(prefix?: string): { [key: string]: string } {
    checkShape('ExternalDatabase.connectionEnv', [prefix], this.constructor.name, this);
    return connectionEnvOf(this, 'ExternalDatabase', prefix);
  }

  /** What the topology picture draws: this Service and what lies outside the cluster behind it. @internal */
  public _topology(): TopologyPart {
    const svc = serviceNode(this.namespace, this.serviceName, `${this.externalName ? 'ExternalName' : 'no selector'} ${portText(this.ports)}`);
    const outside = outsideNode(this.namespace, this.serviceName, this.externalName ?? this.addresses.join(', '));
    return { nodes: [svc, outside], edges: [{ from: svc, to: outside }] };
  }
}

/** Groups valid addresses by family, reporting invalid, special and duplicate ones. */
type IpFamilyName = 'IPv4' | 'IPv6';

function checkAddresses(problems: Problems, addresses: string[]): Map<IpFamilyName, string[]> {
  const families = new Map<IpFamilyName, string[]>();
  if (addresses.length === 0) problems.add('addresses', [], 'must list at least one IP address');
  const seen = new Set<string>();
  addresses.forEach((address, i) => {
    const field = `addresses[${i}]`;
    const family = ipFamily(address);
    if (family === undefined) {
      const hint = /[a-z]/i.test(address) && dns1123Subdomain(address.replace(/\.$/, '')) === undefined
        ? ': for a DNS name use externalName instead'
        : '';
      problems.add(field, address, `is not a valid IP address${hint}`);
      return;
    }
    const special = specialIp(address);
    if (special) {
      problems.add(field, address, `${special}, which Kubernetes does not accept as an endpoint`);
      return;
    }
    if (seen.has(address)) {
      problems.add(field, address, 'is listed twice');
      return;
    }
    seen.add(address);
    families.set(family, [...(families.get(family) ?? []), address]);
  });
  for (const [family, list] of families) {
    if (list.length > 1000) problems.add('addresses', `${list.length} ${family} addresses`, 'are more than the 1000 endpoints an EndpointSlice holds');
  }
  return families;
}

function checkExternalName(problems: Problems, name: string, endpointsApi: EndpointsApi | undefined): void {
  if (ipFamily(name) !== undefined) {
    problems.add('externalName', name, 'is an IP address: Kubernetes would accept it but treat it as a DNS name, so it would never resolve; use addresses for IPs');
    return;
  }
  const rule = dns1123Subdomain(name.endsWith('.') ? name.slice(0, -1) : name);
  if (rule) problems.add('externalName', name, rule);
  if (endpointsApi !== undefined) problems.add('endpointsApi', endpointsApi, 'is only allowed with addresses: an ExternalName Service has no endpoints');
}

brand(ExternalDatabase.prototype, 'ExternalDatabase');
