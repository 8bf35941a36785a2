import { PatternObject } from '../core/api-object';
import { checkShape, checkedScope } from '../core/shape';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { connectionEnvOf, isPolicyTarget, PolicyPeer, tlsHostOf } from './inbound';
import { PatternDefaults } from '../core/defaults';
import { namespaceKnown, serviceDnsName } from '../core/dns';
import { IServiceEndpoint } from './endpoint';
import { IdentityOptions } from '../core/identity';
import { recommendedLabels } from '../core/labels';
import { ServicePortInfo } from '../core/ports';
import { Problems } from '../core/problems';
import { claimName } from '../core/registry';
import { resolveIdentity } from '../core/identity-model';
import { externalNamePorts } from './service-render';
import { brand, hasBrand } from '../core/brand';
import type { K8sServicePort, K8sServiceSpec } from '../core/k8s';
import { serviceNode, TopologyPart } from '../core/topology-part';

/** Props of a ServiceAlias. */
export interface ServiceAliasProps extends IdentityOptions {
  /** The Service the alias points at (an ExposedApp, HeadlessGroup, ExternalDatabase or ServiceRef). */
  readonly target: IServiceEndpoint;
}

/**
 * A local name for a Service in another namespace: an ExternalName Service pointing at the
 * target's `<name>.<namespace>.svc.cluster.local`, with the target's ports.
 */
export class ServiceAlias extends Construct implements IServiceEndpoint {
  /** Whether `x` is a ServiceAlias (made by any copy of this package). */
  public static isServiceAlias(x: unknown): x is ServiceAlias {
    return hasBrand(x, 'ServiceAlias');
  }

  /** The ExternalName Service. */
  public readonly service: ApiObject;
  /** The Service the alias points at. */
  public readonly target: IServiceEndpoint;
  public readonly serviceName: string;
  public readonly namespace: string;
  public readonly dnsName: string;
  public readonly port: number;
  public readonly ports: ServicePortInfo[];

  /**
   * @param scope the chart or construct this one belongs to
   * @param id the construct id; unless a name is given, also the name of the objects written
   * @param props what to write, see `ServiceAliasProps`
   */
  constructor(scope: Construct, id: string, props: ServiceAliasProps) {
    super(checkedScope('new ServiceAlias', scope, id), id);
    checkShape('new ServiceAlias', [scope, id, props], 'ServiceAlias', this);
    const problems = new Problems('ServiceAlias', this);
    const identity = resolveIdentity(this, props, PatternDefaults.of(this), problems);
    if (identity.name === props.target.serviceName && identity.namespace === props.target.namespace) {
      problems.add('name', identity.name, `is the target itself ("${props.target.dnsName}"): an alias needs another name or namespace`);
    }
    if (!namespaceKnown(props.target)) {
      problems.add('target', props.target.node.path, `has no namespace written, so its full DNS name is unknown and "${props.target.dnsName}" would resolve in the alias's own namespace: give the target a namespace (or its chart one)`);
    }
    claimName(this, problems, 'name', 'Service', identity.namespace, identity.name);
    problems.throwIfAny();
    this.target = props.target;
    this.serviceName = identity.name;
    this.namespace = identity.namespace;
    this.dnsName = serviceDnsName(identity.name, identity.writtenNamespace);
    this.ports = props.target.ports;
    this.port = props.target.port;
    this.service = new PatternObject(this, 'Service', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: identity.name, namespace: identity.metadataNamespace, labels: recommendedLabels(identity.labels) },
      spec: { type: 'ExternalName', externalName: props.target.dnsName, ports: externalNamePorts(this.ports) as K8sServicePort[] | undefined } satisfies K8sServiceSpec,
    });
  }

  /**
   * For TLS ports: the name the target's certificate carries (its DNS name, or the external host
   * behind it), as a TLS client checks the certificate against the host it connects to.
   * @internal
   */
  public _tlsHost(): string | undefined {
    return tlsHostOf(this.target) ?? this.target.dnsName;
  }

  /** @internal */
  public _policyPeer(): PolicyPeer | undefined {
    return isPolicyTarget(this.target) ? this.target._policyPeer() : undefined;
  }

  /** `{ <PREFIX>_HOST, <PREFIX>_PORT }` for this alias. */
  public connectionEnv(prefix?: string): { [key: string]: string } {
    checkShape('ServiceAlias.connectionEnv', [prefix], this.constructor.name, this);
    return connectionEnvOf(this, 'ServiceAlias', prefix);
  }

  /** What the topology picture draws: this alias, pointing at its target. @internal */
  public _topology(): TopologyPart {
    const svc = serviceNode(this.namespace, this.serviceName, `alias of ${this.target.serviceName}.${this.target.namespace}`);
    return { nodes: [svc], edges: [{ from: svc, to: serviceNode(this.target.namespace, this.target.serviceName), dashed: true }] };
  }
}

brand(ServiceAlias.prototype, 'ServiceAlias');
