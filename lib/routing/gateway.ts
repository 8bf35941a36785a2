import { watchReferences } from '../core/reference-notes';
import { PatternObject } from '../core/api-object';
import { checkShape, checkedScope } from '../core/shape';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PatternDefaults } from '../core/defaults';
import { GATEWAY_GROUP, referenceGrant } from './gateway-route-model';
import { IGatewayRef } from './gateway-route';
import { IdentityOptions } from '../core/identity';
import { recommendedLabels } from '../core/labels';
import { dns1123Label, dns1123Subdomain } from '../core/names';
import { isPortNumber, PORT_RULE } from '../services/ports-model';
import { Problems } from '../core/problems';
import { claimName } from '../core/registry';
import { resolveIdentity } from '../core/identity-model';
import { httpHost } from './routes-model';
import { brand, hasBrand } from '../core/brand';
import type { K8sGatewaySpec } from '../core/k8s';
import { gatewayNode, TopologyPart } from '../core/topology-part';

/** Protocol of a Gateway listener. */
export enum ListenerProtocol {
  /** Plain HTTP. */
  HTTP = 'HTTP',
  /** HTTP over TLS, terminated at the Gateway. */
  HTTPS = 'HTTPS',
}

/** Which namespaces may attach routes to a listener. */
export enum AllowedRoutes {
  /** Only routes in the Gateway's namespace. */
  SAME_NAMESPACE = 'Same',
  /** Routes in any namespace. */
  ALL_NAMESPACES = 'All',
}

/** A listener of a Gateway. */
export interface GatewayListener {
  /** Listener (section) name, unique in the Gateway; routes may attach to it by this name. */
  readonly name: string;
  /** Protocol. */
  readonly protocol: ListenerProtocol;
  /**
   * Port.
   * @default - 80 for HTTP, 443 for HTTPS
   */
  readonly port?: number;
  /**
   * Host name the listener serves (a DNS name or one leading wildcard).
   * @default - every host
   */
  readonly hostname?: string;
  /**
   * TLS Secret with the certificate (HTTPS only, required there).
   * @default - none
   */
  readonly tlsSecretName?: string;
  /**
   * Namespace of the TLS Secret; another namespace gets a ReferenceGrant.
   * @default - the Gateway's namespace
   */
  readonly tlsSecretNamespace?: string;
  /**
   * Which namespaces may attach routes.
   * @default AllowedRoutes.SAME_NAMESPACE
   */
  readonly allowedRoutes?: AllowedRoutes;
}

/** Props of a Gateway. */
export interface GatewayProps extends IdentityOptions {
  /** GatewayClass, e.g. `nginx`, `eg`, `istio`, `cilium`. */
  readonly gatewayClassName: string;
  /** Listeners (1-64). */
  readonly listeners: GatewayListener[];
}

/**
 * A `gateway.networking.k8s.io/v1` Gateway for teams that own their entry point: HTTP and
 * HTTPS listeners, with certificates from TLS Secrets and the namespaces allowed to attach.
 */
export class Gateway extends Construct implements IGatewayRef {
  /** Whether `x` is a Gateway (made by any copy of this package). */
  public static isGateway(x: unknown): x is Gateway {
    return hasBrand(x, 'Gateway');
  }

  /** The Gateway object. */
  public readonly apiObject: ApiObject;
  /** ReferenceGrants for certificates in other namespaces. */
  public readonly referenceGrants: ApiObject[] = [];
  public readonly gatewayName: string;
  public readonly gatewayNamespace: string;

  /**
   * @param scope the chart or construct this one belongs to
   * @param id the construct id; unless a name is given, also the name of the objects written
   * @param props what to write, see `GatewayProps`
   */
  constructor(scope: Construct, id: string, props: GatewayProps) {
    super(checkedScope('new Gateway', scope, id), id);
    checkShape('new Gateway', [scope, id, props], 'Gateway', this);
    watchReferences(this);
    const problems = new Problems('Gateway', this);
    const identity = resolveIdentity(this, props, PatternDefaults.of(this), problems);
    const classRule = dns1123Subdomain(props.gatewayClassName ?? '');
    if (classRule) problems.add('gatewayClassName', props.gatewayClassName, classRule);
    checkListeners(problems, props.listeners ?? []);
    claimName(this, problems, 'name', 'Gateway', identity.namespace, identity.name);
    problems.throwIfAny();
    this.gatewayName = identity.name;
    this.gatewayNamespace = identity.namespace;
    const labels = recommendedLabels(identity.labels);
    this.apiObject = new PatternObject(this, 'Resource', {
      apiVersion: `${GATEWAY_GROUP}/v1`,
      kind: 'Gateway',
      metadata: { name: identity.name, namespace: identity.metadataNamespace, labels },
      spec: {
        gatewayClassName: props.gatewayClassName,
        listeners: props.listeners.map((l) => ({
          name: l.name,
          protocol: l.protocol,
          port: l.port ?? (l.protocol === ListenerProtocol.HTTPS ? 443 : 80),
          hostname: l.hostname,
          tls: l.tlsSecretName ? {
            mode: 'Terminate',
            certificateRefs: [{
              kind: 'Secret',
              name: l.tlsSecretName,
              namespace: l.tlsSecretNamespace && l.tlsSecretNamespace !== identity.namespace ? l.tlsSecretNamespace : undefined,
            }],
          } : undefined,
          allowedRoutes: l.allowedRoutes ? { namespaces: { from: l.allowedRoutes } } : undefined,
        })),
      } satisfies K8sGatewaySpec,
    });
    // Certificates in other namespaces need the owner of that namespace to allow the reference.
    const foreign = new Map<string, string[]>();
    for (const l of props.listeners) {
      if (l.tlsSecretName && l.tlsSecretNamespace && l.tlsSecretNamespace !== identity.namespace) {
        foreign.set(l.tlsSecretNamespace, [...new Set([...(foreign.get(l.tlsSecretNamespace) ?? []), l.tlsSecretName])]);
      }
    }
    for (const [ns, secrets] of [...foreign].sort()) {
      const name = `${identity.name}-gateway-from-${identity.namespace}`;
      this.referenceGrants.push(referenceGrant(this, `ReferenceGrant-${ns}`, { name, namespace: ns, labels }, 'Gateway', identity.namespace,
        secrets.sort().map((secret) => ({ group: '', kind: 'Secret', name: secret }))));
    }
  }

  /** What the topology picture draws: this Gateway, as the node its objects' needs start from. @internal */
  public _topology(): TopologyPart {
    return { nodes: [], edges: [], owners: [{ path: this.node.path, node: gatewayNode(this, this.gatewayNamespace) }] };
  }
}

function checkListeners(problems: Problems, listeners: GatewayListener[]): void {
  if (listeners.length < 1 || listeners.length > 64) problems.add('listeners', listeners.length, 'listeners: a Gateway needs 1-64');
  const names = new Set<string>();
  const bindings = new Set<string>();
  listeners.forEach((l, i) => {
    const field = `listeners[${i}]`;
    const nameRule = dns1123Subdomain(l.name ?? '');
    if (nameRule) problems.add(`${field}.name`, l.name, nameRule);
    else if (names.has(l.name)) problems.add(`${field}.name`, l.name, 'is already used: listener names must be unique');
    names.add(l.name);
    const port = l.port ?? (l.protocol === ListenerProtocol.HTTPS ? 443 : 80);
    if (!isPortNumber(port)) problems.add(`${field}.port`, port, PORT_RULE);
    if (l.hostname !== undefined) {
      const rule = httpHost(l.hostname);
      if (rule) problems.add(`${field}.hostname`, l.hostname, rule);
    }
    const binding = `${port}/${l.protocol}/${l.hostname ?? '*'}`;
    if (bindings.has(binding)) problems.add(`${field}.port`, port, `with protocol ${l.protocol} and hostname ${l.hostname ?? '(any)'} is already used by another listener`);
    bindings.add(binding);
    if (l.protocol === ListenerProtocol.HTTPS && !l.tlsSecretName) problems.add(`${field}.tlsSecretName`, l.tlsSecretName ?? '', 'is required for an HTTPS listener (its certificate)');
    if (l.protocol === ListenerProtocol.HTTP && l.tlsSecretName) problems.add(`${field}.tlsSecretName`, l.tlsSecretName, 'is only allowed on HTTPS listeners');
    if (l.tlsSecretName) {
      const rule = dns1123Subdomain(l.tlsSecretName);
      if (rule) problems.add(`${field}.tlsSecretName`, l.tlsSecretName, rule);
    }
    if (l.tlsSecretNamespace !== undefined) {
      const rule = dns1123Label(l.tlsSecretNamespace);
      if (rule) problems.add(`${field}.tlsSecretNamespace`, l.tlsSecretNamespace, rule);
    }
  });
}

/** Where a Gateway that lives elsewhere is, for `GatewayRef.fromName`. */
export interface GatewayRefOptions {
  /**
   * The Gateway's namespace; routes in other namespaces name it in their parentRefs.
   * @default - the namespace of the route
   */
  readonly namespace?: string;
  /**
   * A listener of the Gateway that routes attach to.
   * @default - every listener that allows the route
   */
  readonly sectionName?: string;
}

/**
 * A Gateway that lives elsewhere, e.g. one the platform team owns. It writes nothing.
 */
export class GatewayRef extends Construct implements IGatewayRef {
  /** Whether `x` is a GatewayRef (made by any copy of this package). */
  public static isGatewayRef(x: unknown): x is GatewayRef {
    return hasBrand(x, 'GatewayRef');
  }

  /**
   * Refers to Gateway `name`, optionally in another namespace and to one of its listeners.
   * @param scope the chart or construct the reference belongs to
   * @param id the construct id of the reference
   * @param name the Gateway's name
   * @param options its namespace and listener
   */
  public static fromName(scope: Construct, id: string, name: string, options: GatewayRefOptions = {}): GatewayRef {
    checkShape('GatewayRef.fromName', [scope, id, name, options]);
    return new GatewayRef(scope, id, name, options.namespace ?? '', options.sectionName);
  }

  private constructor(
    scope: Construct,
    id: string,
    public readonly gatewayName: string,
    /** Namespace of the Gateway; empty for "the route's own namespace". */
    public readonly gatewayNamespace: string,
    public readonly sectionName?: string,
  ) {
    super(scope, id);
  }
}

brand(Gateway.prototype, 'Gateway');
brand(GatewayRef.prototype, 'GatewayRef');
