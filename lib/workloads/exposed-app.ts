import { nonEmptyMap } from '../core/collections';
import { PatternObject } from '../core/api-object';
import { checkShape, checkedScope } from '../core/shape';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { recordIngressRoute } from '../connections/connection';
import { ServiceWorkload } from './service-workload';
import { checkGatewayRef, checkHostnames, checkRoutePath, httpPathMatch, httpRouteObject, httpRouteSpec } from '../routing/gateway-route-model';
import { HttpRouteOptions, IGatewayRef } from '../routing/gateway-route';
import { policySettings } from '../connections/network-policy';
import { PatternDefaults } from '../core/defaults';
import { serviceDnsName } from '../core/dns';
import { portAddress } from '../services/scheme';
import { IdentityOptions } from '../core/identity';
import { resolveIdentity } from '../core/identity-model';
import { noteNamespace } from '../core/namespace-notes';
import { Problems } from '../core/problems';
import { recommendedLabels, selectorLabels } from '../core/labels';
import { dns1123Label, serviceEnvPrefix } from '../core/names';
import { DEFAULT_NODE_PORT_RANGE, renderServicePorts, ResolvedPort, resolvePorts } from '../services/ports-model';
import { PortOptions, ServicePortInfo } from '../services/ports';
import { checkServiceOptions, renderServiceSpec, ServiceOptions, ServiceType } from '../services/service-spec';
import { claimName, claimNodePort } from '../core/registry';
import { claimObjectName, claimProductionNames, productionObjects } from './production';
import { checkIngressSettings, checkRouteMatch, checkTls, checkTlsHostsServed, hostCovers, ingressSpec, pickBackendPort } from '../routing/routes-model';
import { IngressTls, PathType } from '../routing/routes';
import { IngressOptions, IngressRouter } from '../routing/ingress-router';
import { resolveWorkload, ResolvedWorkload } from './pod-template';
import { WorkloadOptions } from './workload';
import { brand, hasBrand } from '../core/brand';

/** Props of an ExposedApp: a Deployment and the Service that exposes it. */
export interface ExposedAppProps extends WorkloadOptions, IdentityOptions, PortOptions, ServiceOptions {
  /**
   * Fixed node port (NodePort and LoadBalancer only).
   * @default - Kubernetes allocates one
   */
  readonly nodePort?: number;
  /**
   * Name of the Deployment (a DNS-1123 label), when it differs from the Service's (`name`).
   * @default - the Service's name
   */
  readonly workloadName?: string;
  /**
   * Expose the app over HTTP(S) through an Ingress of its own or a shared IngressRouter.
   * @default - no Ingress
   */
  readonly ingress?: IngressOptions;
  /**
   * Expose the app through a Gateway API HTTPRoute attached to a Gateway.
   * @default - no HTTPRoute
   */
  readonly route?: HttpRouteOptions;
}

/**
 * A Deployment plus the Service that exposes it, with secure defaults: pods pass the
 * `restricted` Pod Security Standard, get requests and a memory limit, and a readiness probe.
 */
export class ExposedApp extends ServiceWorkload {
  /** Whether `x` is an ExposedApp (made by any copy of this package). */
  public static isExposedApp(x: unknown): x is ExposedApp {
    return hasBrand(x, 'ExposedApp');
  }

  /** The Deployment (patch it with `addJsonPatch`). */
  public readonly deployment: ApiObject;
  /** The Service. */
  public readonly service: ApiObject;
  /** Name of the Service. */
  public readonly serviceName: string;
  /** Name of the Deployment (the Service's name unless `workloadName` is given). */
  public readonly workloadName: string;
  /** Namespace of the objects. */
  public readonly namespace: string;
  /** The type of the Service. */
  public readonly serviceType: ServiceType;
  /** The first Service port number. */
  public readonly port: number;
  /** Every Service port. */
  public readonly ports: ServicePortInfo[];
  /** `<service>.<namespace>.svc.cluster.local` */
  public readonly dnsName: string;
  /** Labels the Service and Deployment select pods by. */
  public readonly selector: { [key: string]: string };

  /** The Ingress that routes to this app (its own or its router's), when `ingress` was given. */
  public readonly ingress?: ApiObject;
  /** The PodDisruptionBudget, when there are two or more replicas (and it is not switched off). */
  public readonly disruptionBudget?: ApiObject;
  /** The HorizontalPodAutoscaler, when `autoscaling` is given. */
  public readonly autoscaler?: ApiObject;
  /** The NetworkPolicy, when `networkPolicy` (or the chart-wide default) is on. */
  public readonly networkPolicy?: ApiObject;
  /** The Gateway API HTTPRoute, when `route` was given. */
  public readonly httpRoute?: ApiObject;
  /** The shared router that holds the app's route, when `ingress.router` was given. */
  public readonly ingressRouter?: IngressRouter;

  private routeInfo?: { gateway: IGatewayRef; match: string; port: number };
  private readonly ingressRoute?: { host?: string; path: string; tlsHosts: string[]; port?: ServicePortInfo };
  private readonly resolvedPorts: ResolvedPort[];
  public readonly podLabels: { [key: string]: string };
  /** @internal */
  public readonly _metadataNamespace: string | null;
  /** @internal */
  protected readonly _workload: ResolvedWorkload;

  /**
   * @param scope the chart or construct this one belongs to
   * @param id the construct id; unless a name is given, also the name of the objects written
   * @param props what to write, see `ExposedAppProps`
   */
  constructor(scope: Construct, id: string, props: ExposedAppProps) {
    super(checkedScope('new ExposedApp', scope, id), id);
    checkShape('new ExposedApp', [scope, id, props], 'ExposedApp', this);
    const problems = new Problems('ExposedApp', this);
    const defaults = PatternDefaults.of(this);
    const identity = resolveIdentity(this, props, defaults, problems);
    const serviceType = props.serviceType ?? ServiceType.CLUSTER_IP;
    const external = serviceType !== ServiceType.CLUSTER_IP;
    this.resolvedPorts = resolvePorts(props, {
      nodePortsAllowed: external,
      nodePortRule: `is only allowed with serviceType NodePort or LoadBalancer (got ${serviceType})`,
      nodePortRange: props.nodePortRange ?? defaults.nodePortRange ?? DEFAULT_NODE_PORT_RANGE,
      defaultPort: 80,
      httpRouted: props.ingress !== undefined || props.route !== undefined,
    }, problems);
    const workloadName = props.workloadName ?? identity.name;
    const ns = identity.namespace;
    const names = props.names ?? {};
    if (props.workloadName !== undefined) {
      const rule = dns1123Label(props.workloadName);
      if (rule) problems.add('workloadName', props.workloadName, rule);
    }
    this._workload = resolveWorkload(props, defaults, this.resolvedPorts, { name: workloadName }, problems);
    checkServiceOptions(problems, props, serviceType, this.resolvedPorts);
    const ingressPort = props.ingress && checkAppIngress(problems, props.ingress, identity.name, this.resolvedPorts);
    const routePort = props.route && checkAppRoute(problems, props.route, identity.name, this.resolvedPorts);
    const policy = policySettings(props.networkPolicy, defaults, problems);
    claimAppNames(this, problems, props, { namespace: ns, name: identity.name, workloadName, networkPolicy: policy.enabled, production: this._workload.production, ports: this.resolvedPorts });
    problems.throwIfAny();

    this.serviceName = identity.name;
    this.workloadName = workloadName;
    this.namespace = identity.namespace;
    this.serviceType = serviceType;
    this.ports = this.resolvedPorts;
    this.port = this.ports[0].port;
    this.dnsName = serviceDnsName(this.serviceName, identity.writtenNamespace);
    this.selector = selectorLabels(identity.labels);

    const labels = recommendedLabels(identity.labels, props.labels);
    this.podLabels = labels;
    noteNamespace(this, identity.writtenNamespace, this._workload.podSecurity);
    this._metadataNamespace = identity.metadataNamespace ?? null;
    const metadata = { name: identity.name, namespace: identity.metadataNamespace, labels };
    const workloadMetadata = { ...metadata, name: workloadName };
    this.deployment = this._deploymentObject(workloadMetadata, labels);
    this.service = new PatternObject(this, 'Service', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { ...metadata, annotations: nonEmptyMap(props.serviceAnnotations) },
      spec: renderServiceSpec(props, serviceType, this.selector, renderServicePorts(this.resolvedPorts)),
    });
    const extras = productionObjects(this, this._workload.production, workloadMetadata, this.selector, { kind: 'Deployment', name: workloadName }, names);
    this.disruptionBudget = extras.disruptionBudget;
    this.autoscaler = extras.autoscaler;
    if (policy.enabled) this.networkPolicy = this._networkPolicyObject(named(workloadMetadata, names.networkPolicy), { externallyExposed: external, peers: false, ingressControllerNamespace: policy.controllerNamespace });
    if (props.route && routePort) this.httpRoute = this.addHttpRoute(props.route, routePort, named(metadata, names.httpRoute));
    if (props.ingress) {
      const options = props.ingress;
      const tls = options.tls && { ...options.tls, hosts: options.tls.hosts ?? (options.host ? [options.host] : undefined) };
      this.ingressRouter = options.router;
      this.ingressRoute = { host: options.host, path: options.path ?? '/', tlsHosts: tls?.hosts ?? [], port: ingressPort };
      this.ingress = this.addIngress(options, tls, ingressPort, named(metadata, names.ingress));
    }
    this._warn('ExposedApp');
  }

  /** The app's HTTPRoute to its Service port. */
  private addHttpRoute(route: HttpRouteOptions, port: ServicePortInfo, metadata: object): ApiObject {
    recordIngressRoute(this, port);
    this.routeInfo = { gateway: route.gateway, match: `${(route.hostnames ?? ['*']).join(',')}${route.path ?? '/'}`, port: port.port };
    return httpRouteObject(this, 'HTTPRoute', metadata, () => httpRouteSpec(route.gateway, this.namespace, route.hostnames ?? [], [{
      path: route.path ?? '/',
      match: httpPathMatch(route.pathType ?? PathType.PREFIX),
      serviceName: this.serviceName,
      serviceNamespace: this.namespace,
      port: port.port,
    }]));
  }

  /** Joins the router, or writes the app's own Ingress (one rule: no router needed). */
  private addIngress(options: IngressOptions, tls: IngressTls | undefined, port: ServicePortInfo | undefined, metadata: object): ApiObject | undefined {
    if (options.router) {
      options.router._addRoute({ ...options, backend: this }, this);
      if (tls) options.router.addTls(tls);
      return options.router.ingress;
    }
    if (port) recordIngressRoute(this, port);
    return new PatternObject(this, 'Ingress', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { ...metadata, annotations: nonEmptyMap(options.annotations) },
      spec: ingressSpec({
        ingressClassName: options.ingressClassName,
        tls: tls ? [tls] : [],
        paths: [{ host: options.host, path: options.path ?? '/', pathType: options.pathType ?? PathType.PREFIX, serviceName: this.serviceName, port }],
      }),
    });
  }

  /**
   * Address of the first port, e.g. `http://web.shop.svc.cluster.local:80`: with a scheme only
   * when the port says what it speaks (its appProtocol, its name or a well-known number), else
   * just `<dnsName>:<port>` (`api.shop.svc.cluster.local:9000`).
   */
  public get url(): string {
    return portAddress(this.dnsName, this.ports[0]);
  }

  /** Name of the variable Kubernetes injects into later pods of the namespace: `<NAME>_SERVICE_HOST`. */
  public get serviceHostEnv(): string {
    return `${serviceEnvPrefix(this.serviceName)}_SERVICE_HOST`;
  }

  /** Name of the variable Kubernetes injects into later pods of the namespace: `<NAME>_SERVICE_PORT`. */
  public get servicePortEnv(): string {
    return `${serviceEnvPrefix(this.serviceName)}_SERVICE_PORT`;
  }

  /**
   * The address clients outside the cluster use, e.g. `https://shop.example.com/`: https when a
   * TLS certificate of the Ingress covers the host. Undefined without an Ingress host, or for a
   * wildcard host.
   */
  public get externalUrl(): string | undefined {
    const route = this.ingressRoute;
    const host = route?.host;
    if (!route || host === undefined || host.startsWith('*')) return undefined;
    const tls = this.ingressRouter ? this.ingressRouter.servesTls(host) : route.tlsHosts.some((h) => hostCovers(h, host));
    return `${tls ? 'https' : 'http'}://${host}${route.path}`;
  }

  /**
   * The app's HTTPRoute, for the topology picture.
   * @internal
   */
  public get _httpRoute(): { gateway: IGatewayRef; match: string; port: number } | undefined {
    return this.routeInfo;
  }

  /**
   * The app's own Ingress route, for the topology picture (undefined when it joined a router).
   * @internal
   */
  public get _ownIngressRoute(): { match: string; port: string } | undefined {
    const r = this.ingressRoute;
    if (!r || this.ingressRouter) return undefined;
    return { match: `${r.host ?? '*'}${r.path}`, port: r.port ? r.port.name || String(r.port.port) : '' };
  }

}

/** Claims the names of everything the app writes (and its node ports), so that two constructs cannot write the same object. */
function claimAppNames(app: ExposedApp, problems: Problems, props: ExposedAppProps, objects: {
  namespace: string; name: string; workloadName: string; networkPolicy: boolean; production: ResolvedWorkload['production']; ports: ResolvedPort[];
}): void {
  const names = props.names ?? {};
  if (props.ingress && !props.ingress.router) claimObjectName(app, problems, 'Ingress', objects.namespace, objects.name, names.ingress, 'names.ingress');
  if (props.route) claimObjectName(app, problems, 'HTTPRoute', objects.namespace, objects.name, names.httpRoute, 'names.httpRoute');
  claimName(app, problems, props.workloadName !== undefined ? 'workloadName' : 'name', 'Deployment', objects.namespace, objects.workloadName);
  if (objects.networkPolicy) claimObjectName(app, problems, 'NetworkPolicy', objects.namespace, objects.workloadName, names.networkPolicy, 'names.networkPolicy');
  claimProductionNames(app, problems, objects.production, objects.namespace, objects.workloadName, names);
  claimName(app, problems, 'name', 'Service', objects.namespace, objects.name);
  objects.ports.forEach((p, i) => {
    if (p.nodePort !== undefined) claimNodePort(app, problems, props.ports ? `ports[${i}].nodePort` : 'nodePort', p.nodePort);
  });
}

function checkAppRoute(problems: Problems, route: HttpRouteOptions, name: string, ports: ServicePortInfo[]): ServicePortInfo | undefined {
  checkGatewayRef(problems, 'route.gateway', route.gateway);
  checkHostnames(problems, 'route.hostnames', route.hostnames ?? []);
  checkRoutePath(problems, 'route.path', route.path ?? '/', route.pathType ?? PathType.PREFIX);
  return pickBackendPort(problems, 'route', { serviceName: name, ports }, route);
}

function checkAppIngress(problems: Problems, ingress: IngressOptions, name: string, ports: ServicePortInfo[]): ServicePortInfo | undefined {
  checkRouteMatch(problems, 'ingress.', ingress);
  checkIngressSettings(problems, 'ingress.', ingress);
  if (ingress.tls) checkTls(problems, 'ingress.tls', ingress.tls);
  if (ingress.router && (ingress.ingressClassName !== undefined || ingress.annotations !== undefined)) {
    problems.add('ingress.router', ingress.router.node.path, 'is shared: set ingressClassName and annotations on the router, not on the app');
  }
  if (!ingress.router) checkTlsHostsServed(problems, 'ingress.tls.hosts', ingress.tls?.hosts ?? [], ingress.host === undefined ? [] : [ingress.host]);
  return pickBackendPort(problems, 'ingress', { serviceName: name, ports }, ingress);
}

/** `metadata` with an explicit name, when one is given. */
function named<T extends { name: string }>(metadata: T, name: string | undefined): T {
  return name === undefined ? metadata : { ...metadata, name };
}

brand(ExposedApp.prototype, 'ExposedApp');
