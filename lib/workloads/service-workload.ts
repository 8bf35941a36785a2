import { ApiObject } from 'cdk8s';
import { PatternObject } from '../core/api-object';
import { nonEmptyMap } from '../core/collections';
import { checkShape } from '../core/shape';
import { connectionEnvOf, recordIngressRoute } from '../services/inbound';
import { gatewayNode, ingressNode, portText, TopologyPart } from '../core/topology-part';
import { PatternDefaultsProps } from '../core/defaults';
import { serviceDnsName } from '../core/dns';
import { dns1035Label, serviceEnvPrefix } from '../core/names';
import { Problems } from '../core/problems';
import { claimName, claimNodePort } from '../core/registry';
import { IServiceEndpoint } from '../services/endpoint';
import { NodePortRange, PortOptions, ServicePortInfo } from '../core/ports';
import { DEFAULT_NODE_PORT_RANGE, PortRules, ResolvedPort, renderServicePorts, resolvePorts } from '../services/ports-model';
import { portAddress } from '../services/scheme';
import { AddServiceOptions, Service } from '../services/service';
import { serviceObject } from '../services/service-render';
import { checkServiceOptions, ServiceOptions, ServiceType } from '../services/service-spec';
import { checkGatewayRef, checkHostnames, checkRoutePath, httpPathMatch, httpRouteObject, httpRouteSpec } from '../routing/gateway-route-model';
import { HttpRouteOptions, IGatewayRef } from '../routing/gateway-route';
import { IngressOptions, IngressRouter } from '../routing/ingress-router';
import { IngressTls, PathType } from '../routing/routes';
import { checkIngressSettings, checkRouteMatch, checkTls, checkTlsHostsServed, hostCovers, ingressSpec, pickBackendPort } from '../routing/routes-model';
import { claimObjectName } from './production';
import { PodWorkload } from './pod-workload';
import { PatternMetadata, PatternSpec, ResolvedPattern } from './pattern-spec';
import { WorkloadOptions } from './workload';
import { IdentityOptions } from '../core/identity';

/**
 * How a pattern's own Service looks, and what routes HTTP to it.
 * @internal
 */
export interface ServiceSpec {
  /** The Service's name and the prop it came from, when it differs from the identity's name. */
  readonly name?: { readonly value: string; readonly field: string };
  readonly type: ServiceType;
  /** Whether the Service is headless (`clusterIP: None`). */
  readonly headless?: boolean;
  readonly publishNotReadyAddresses?: boolean;
  /** The ports props. */
  readonly ports: PortOptions & { readonly nodePort?: number };
  /** The Service options (ExposedApp's props); none for a HeadlessGroup. */
  readonly options?: ServiceOptions;
  /** Rules of the ports; the node port range defaults to the chart-wide one. */
  readonly portRules: Omit<PortRules, 'nodePortRange'> & { readonly nodePortRange?: NodePortRange };
  /** The `nodePort` prop's field, for claims of a single port. */
  readonly singleNodePortField?: string;
  readonly ingress?: IngressOptions;
  readonly route?: HttpRouteOptions;
}

interface ServiceState {
  readonly name: string;
  readonly ports: ResolvedPort[];
  readonly dnsName: string;
  service?: ApiObject;
  ingress?: ApiObject;
  httpRoute?: ApiObject;
  ingressPort?: ServicePortInfo;
  routePort?: ServicePortInfo;
  routeInfo?: { gateway: IGatewayRef; match: string; port: number };
  ingressRoute?: { host?: string; path: string; tlsHosts: string[]; port?: ServicePortInfo };
}

/**
 * What ExposedApp and HeadlessGroup share: pods behind a Service of their own, which can be
 * wired to other Services (`connectTo`) and reached by them. The Service, its Ingress and its
 * HTTPRoute are written here, by the shared pipeline of `PodWorkload`.
 */
export abstract class ServiceWorkload extends PodWorkload implements IServiceEndpoint {
  /** @internal */
  protected _serviceSpec!: ServiceSpec;
  private _svc!: ServiceState;

  /** Name of the Service. */
  public get serviceName(): string {
    return this._svc.name;
  }

  /** `<service>.<namespace>.svc.cluster.local` */
  public get dnsName(): string {
    return this._svc.dnsName;
  }

  /** The first Service port number. */
  public get port(): number {
    return this._svc.ports[0].port;
  }

  /** Every Service port. */
  public get ports(): ServicePortInfo[] {
    return this._svc.ports;
  }

  /** The Service. */
  public get service(): ApiObject {
    return this._svc.service!;
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
   * Another Service in front of these pods, e.g. a NodePort or headless one beside the first:
   * `app.addService({ name: 'web-nodeport', serviceType: ServiceType.NODE_PORT })`. Its ports
   * default to this workload's Service ports, targeting the same named container ports.
   */
  public addService(options: AddServiceOptions): Service {
    checkShape('ServiceWorkload.addService', [options], this.constructor.name, this);
    if (!options || typeof options.name !== 'string') {
      const problems = new Problems(this.constructor.name, this);
      problems.add('addService.name', options?.name, 'is required: the name of the new Service');
      throw problems.error();
    }
    return new Service(this, options.name, { ...options, pods: this });
  }

  /** `{ <PREFIX>_HOST, <PREFIX>_PORT }` for app code that reads this Service from its environment. */
  public connectionEnv(prefix?: string): { [key: string]: string } {
    checkShape('ServiceWorkload.connectionEnv', [prefix], this.constructor.name, this);
    return connectionEnvOf(this, this.constructor.name, prefix);
  }

  /**
   * The pipeline with the pattern's Service: `service` says how it looks.
   * @internal
   */
  protected _buildWithService(props: WorkloadOptions & IdentityOptions, spec: PatternSpec, service: ServiceSpec): ResolvedPattern {
    this._serviceSpec = service;
    return this._build(props, spec);
  }

  /** @internal */
  protected _resolvePorts(problems: Problems, defaults: PatternDefaultsProps): ResolvedPort[] {
    const s = this._serviceSpec;
    const rules: PortRules = { ...s.portRules, nodePortRange: s.portRules.nodePortRange ?? defaults.nodePortRange ?? DEFAULT_NODE_PORT_RANGE };
    return resolvePorts(s.ports, rules, problems);
  }

  /** @internal */
  protected _checkExposure(problems: Problems, r: ResolvedPattern): void {
    const s = this._serviceSpec;
    const name = s.name?.value ?? r.identity.name;
    const nameRule = s.name === undefined ? undefined : dns1035Label(s.name.value);
    if (nameRule) problems.add(s.name!.field, s.name!.value, nameRule);
    if (s.options) checkServiceOptions(problems, s.options, s.type, r.ports);
    const ingressPort = s.ingress && checkIngress(problems, s.ingress, name, r.ports);
    const routePort = s.route && checkRoute(problems, s.route, name, r.ports);
    this._svc = { name, ports: r.ports, dnsName: serviceDnsName(name, r.identity.writtenNamespace), ingressPort, routePort };
  }

  /** @internal */
  protected _claimExposure(problems: Problems, r: ResolvedPattern): void {
    const s = this._serviceSpec;
    const ns = r.identity.namespace;
    if (s.ingress && !s.ingress.router) claimObjectName(this, problems, 'Ingress', ns, r.identity.name, r.names.ingress, 'names.ingress');
    if (s.route) claimObjectName(this, problems, 'HTTPRoute', ns, r.identity.name, r.names.httpRoute, 'names.httpRoute');
    claimName(this, problems, s.name?.field ?? 'name', 'Service', ns, this._svc.name);
    r.ports.forEach((p, i) => {
      if (p.nodePort !== undefined) claimNodePort(this, problems, s.singleNodePortField !== undefined && r.ports.length === 1 ? s.singleNodePortField : `ports[${i}].nodePort`, p.nodePort);
    });
  }

  /** @internal */
  protected _renderService(r: ResolvedPattern, metadata: PatternMetadata): void {
    const s = this._serviceSpec;
    this._svc.service = serviceObject(this, 'Service', {
      metadata: { ...metadata, name: this._svc.name },
      annotations: s.options?.serviceAnnotations,
      options: s.options ?? {},
      type: s.type,
      selector: this.selector,
      ports: renderServicePorts(r.ports),
      headless: s.headless ?? false,
      publishNotReadyAddresses: s.publishNotReadyAddresses ?? false,
    });
  }

  /** @internal */
  protected _renderExposure(r: ResolvedPattern, metadata: PatternMetadata): void {
    const s = this._serviceSpec;
    const named = (name: string | undefined) => (name === undefined ? metadata : { ...metadata, name });
    if (s.route && this._svc.routePort) this._svc.httpRoute = this.addHttpRoute(s.route, this._svc.routePort, named(r.names.httpRoute));
    if (s.ingress) {
      const options = s.ingress;
      const tls = options.tls && { ...options.tls, hosts: options.tls.hosts ?? (options.host ? [options.host] : undefined) };
      this._svc.ingressRoute = { host: options.host, path: options.path ?? '/', tlsHosts: tls?.hosts ?? [], port: this._svc.ingressPort };
      this._svc.ingress = this.addIngress(options, tls, this._svc.ingressPort, named(r.names.ingress));
    }
  }

  /** @internal */
  protected _externallyExposed(): boolean {
    return this._serviceSpec.type !== ServiceType.CLUSTER_IP;
  }

  /** @internal */
  protected _servicePorts(): ResolvedPort[] {
    return this._svc.ports;
  }

  /**
   * The Ingress that routes to the Service (its own or its router's).
   * @internal
   */
  protected get _ingress(): ApiObject | undefined {
    return this._svc.ingress;
  }

  /**
   * The HTTPRoute to the Service.
   * @internal
   */
  protected get _route(): ApiObject | undefined {
    return this._svc.httpRoute;
  }

  /** The HTTPRoute to a Service port. */
  private addHttpRoute(route: HttpRouteOptions, port: ServicePortInfo, metadata: object): ApiObject {
    recordIngressRoute(this, port);
    this._svc.routeInfo = { gateway: route.gateway, match: `${(route.hostnames ?? ['*']).join(',')}${route.path ?? '/'}`, port: port.port };
    return httpRouteObject(this, 'HTTPRoute', metadata, () => httpRouteSpec(route.gateway, this.namespace, route.hostnames ?? [], [{
      path: route.path ?? '/',
      match: httpPathMatch(route.pathType ?? PathType.PREFIX),
      serviceName: this.serviceName,
      serviceNamespace: this.namespace,
      port: port.port,
    }]));
  }

  /** Joins the router, or writes an Ingress of its own (one rule: no router needed). */
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
   * The address clients outside the cluster use, from the Ingress route: https when a TLS
   * certificate covers the host.
   * @internal
   */
  protected _externalUrl(): string | undefined {
    const route = this._svc.ingressRoute;
    const host = route?.host;
    if (!route || host === undefined || host.startsWith('*')) return undefined;
    const router: IngressRouter | undefined = this._serviceSpec.ingress?.router;
    const tls = router ? router.servesTls(host) : route.tlsHosts.some((h) => hostCovers(h, host));
    return `${tls ? 'https' : 'http'}://${host}${route.path}`;
  }

  /**
   * What the topology picture draws: the Service and its workload, and what routes HTTP to it.
   * @internal
   */
  public _topology(): TopologyPart {
    const part = super._topology();
    const svc = part.nodes[0];
    const route = this._svc.routeInfo;
    if (route) {
      const gw = gatewayNode(route.gateway, this.namespace);
      part.nodes.push(gw);
      part.edges.push({ from: gw, to: svc, label: `HTTPRoute ${route.match} :${route.port}` });
    }
    const own = this._serviceSpec.ingress?.router ? undefined : this._svc.ingressRoute;
    if (own) {
      const ing = ingressNode(this.namespace, this.serviceName, `Ingress ${this.serviceName}`);
      part.nodes.push(ing);
      if (this._svc.ingress) part.owners!.push({ path: this._svc.ingress.node.path, node: ing });
      const port = own.port ? own.port.name || String(own.port.port) : '';
      part.edges.push({ from: ing, to: svc, label: `${own.host ?? '*'}${own.path} :${port}` });
    }
    return part;
  }

  /** @internal */
  protected _serviceDrawing(): { serviceName?: string; serviceDetail?: string } {
    const s = this._serviceSpec;
    return { serviceName: this.serviceName, serviceDetail: `${s.headless ? 'headless' : s.type} ${portText(this.ports)}` };
  }
}

function checkRoute(problems: Problems, route: HttpRouteOptions, name: string, ports: ServicePortInfo[]): ServicePortInfo | undefined {
  checkGatewayRef(problems, 'route.gateway', route.gateway);
  checkHostnames(problems, 'route.hostnames', route.hostnames ?? []);
  checkRoutePath(problems, 'route.path', route.path ?? '/', route.pathType ?? PathType.PREFIX);
  return pickBackendPort(problems, 'route', { serviceName: name, ports }, route);
}

function checkIngress(problems: Problems, ingress: IngressOptions, name: string, ports: ServicePortInfo[]): ServicePortInfo | undefined {
  checkRouteMatch(problems, 'ingress.', ingress);
  checkIngressSettings(problems, 'ingress.', ingress);
  if (ingress.tls) checkTls(problems, 'ingress.tls', ingress.tls);
  if (ingress.router && (ingress.ingressClassName !== undefined || ingress.annotations !== undefined)) {
    problems.add('ingress.router', ingress.router.node.path, 'is shared: set ingressClassName and annotations on the router, not on the app');
  }
  if (!ingress.router) checkTlsHostsServed(problems, 'ingress.tls.hosts', ingress.tls?.hosts ?? [], ingress.host === undefined ? [] : [ingress.host]);
  return pickBackendPort(problems, 'ingress', { serviceName: name, ports }, ingress);
}
