import { watchReferences } from '../core/reference-notes';
import { checkShape, checkedScope } from '../core/shape';
import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { PatternDefaults } from '../core/defaults';
import { IServiceEndpoint } from '../services/endpoint';
import { IdentityOptions } from '../core/identity';
import { recordIngressRoute } from '../services/inbound';
import { checkLabels, recommendedLabels } from '../core/labels';
import { Problems } from '../core/problems';
import { resolveIdentity } from '../core/identity-model';
import { ServicePortInfo } from '../core/ports';
import { checkGatewayRef } from './gateway-route-model';
import { IGatewayRef, RouteApi } from './gateway-route';
import { BackendPortOptions, IngressResourceBackend, IngressTls, PathType, RouteMatch } from './routes';
import { checkIngressSettings, checkResourceBackend, checkTls, hostCovers, pickBackendPort } from './routes-model';
import { RouterRenderer, RouteTable, RouteTarget } from './router-table';
import { IngressRenderer } from './router-ingress';
import { GatewayRenderer } from './router-gateway';
import { brand, hasBrand } from '../core/brand';
import { gatewayNode, ingressNode, serviceNode, TopologyEdge, TopologyPart } from '../core/topology-part';

/** A route of an IngressRouter: host and path to a Service port, or (Ingress only) to another object. */
export interface RouteOptions extends RouteMatch, BackendPortOptions {
  /**
   * The Service to send traffic to (an ExposedApp, HeadlessGroup, ServiceRef, ...); give this
   * or `resource`.
   * @default - none: `resource` must be given
   */
  readonly backend?: IServiceEndpoint;
  /**
   * An object that is not a Service to send traffic to (an Ingress resource backend, e.g. a
   * storage bucket the controller serves); give this or `backend`. Ingress only.
   * @default - none: `backend` must be given
   */
  readonly resource?: IngressResourceBackend;
}

/** An Ingress for one ExposedApp: its own, or a route on a shared IngressRouter. */
export interface IngressOptions extends RouteMatch, BackendPortOptions {
  /**
   * Join this shared router instead of writing an Ingress of the app's own.
   * @default - the app gets its own Ingress, named after it
   */
  readonly router?: IngressRouter;
  /**
   * IngressClass to use (own Ingress only; set it on the router otherwise).
   * @default - the cluster's default class
   */
  readonly ingressClassName?: string;
  /**
   * Annotations of the Ingress (own Ingress only).
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * HTTPS with a TLS Secret; its hosts default to `host`.
   * @default - plain HTTP
   */
  readonly tls?: IngressTls;
}

/** Props of an IngressRouter. */
export interface IngressRouterProps extends IdentityOptions {
  /**
   * IngressClass to use.
   * @default - the cluster's default class
   */
  readonly ingressClassName?: string;
  /**
   * Annotations of the Ingress (controller settings).
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * Extra labels of the Ingress.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * TLS certificates.
   * @default - plain HTTP
   */
  readonly tls?: IngressTls[];
  /**
   * Routes; more can be added with `addRoute`.
   * @default - none
   */
  readonly routes?: RouteOptions[];
  /**
   * Backend for requests that match no rule.
   * @default - the controller's default
   */
  readonly defaultBackend?: IServiceEndpoint;
  /**
   * An object that is not a Service as the backend for requests that match no rule (an Ingress
   * resource backend); instead of `defaultBackend`. Ingress only.
   * @default - the controller's default
   */
  readonly defaultResourceBackend?: IngressResourceBackend;
  /**
   * Render the routing table as an Ingress or as Gateway API HTTPRoutes (one per host). In
   * Gateway mode TLS belongs to the Gateway's listeners, and `ingressClassName`, `annotations`
   * and `tls` (Ingress settings) are not rendered.
   * @default RouteApi.INGRESS
   */
  readonly api?: RouteApi;
  /**
   * The Gateway the HTTPRoutes attach to (required with RouteApi.GATEWAY).
   * @default - none
   */
  readonly gateway?: IGatewayRef;
  /**
   * Port of the default backend.
   * @default - its first TCP port
   */
  readonly defaultBackendPort?: BackendPortOptions;
  /**
   * Names of the HTTPRoutes (api GATEWAY), by host: `{ 'shop.example.com': 'shop' }`; the key
   * `*` names the HTTPRoute of the routes without a host (and of the default backend). Each
   * key must be a host of the router's routes, and each name is the HTTPRoute's name.
   * @default - `<name>-<host>` with dots as dashes and a leading `*` as `wildcard`
   * (`shop-www-example-com`), and the router's name for the routes without a host
   */
  readonly httpRouteNames?: { [host: string]: string };
}

/**
 * One Ingress that routes many hosts and paths to many Services: the fan-out and name-based
 * virtual hosting patterns. Rules render in a stable order whatever order routes are added in.
 * With `api: RouteApi.GATEWAY` the same routing table renders as Gateway API HTTPRoutes instead.
 */
export class IngressRouter extends Construct {
  /** Whether `x` is an IngressRouter (made by any copy of this package). */
  public static isIngressRouter(x: unknown): x is IngressRouter {
    return hasBrand(x, 'IngressRouter');
  }

  /** The Ingress (Ingress mode only). */
  public readonly ingress?: ApiObject;
  /** Name of the Ingress, and the prefix of the HTTPRoutes' names that `httpRouteNames` does not give. */
  public readonly ingressName: string;
  /** Namespace of the Ingress or HTTPRoutes. */
  public readonly namespace: string;
  /** Which API the routing table renders with. */
  public readonly api: RouteApi;

  private readonly table: RouteTable;
  // Chosen once: everything that depends on the API (Ingress or Gateway) is asked of it.
  private readonly renderer: RouterRenderer;
  private readonly gateway?: IGatewayRef;

  /**
   * @param scope the chart or construct this one belongs to
   * @param id the construct id; unless a name is given, also the name of the objects written
   * @param props what to write, see `IngressRouterProps`
   */
  constructor(scope: Construct, id: string, props: IngressRouterProps = {}) {
    super(checkedScope('new IngressRouter', scope, id), id);
    checkShape('new IngressRouter', [scope, id, props], 'IngressRouter', this);
    watchReferences(this);
    const problems = new Problems('IngressRouter', this);
    const identity = resolveIdentity(this, props, PatternDefaults.of(this), problems);
    this.namespace = identity.namespace;
    this.ingressName = identity.name;
    this.api = props.api ?? RouteApi.INGRESS;
    if (props.gateway) checkGatewayRef(problems, 'gateway', props.gateway);
    checkIngressSettings(problems, '', props);
    checkLabels(problems, 'labels', props.labels);
    (props.tls ?? []).forEach((t, i) => checkTls(problems, `tls[${i}]`, t));
    if (props.defaultBackend && props.defaultResourceBackend) {
      problems.add('defaultResourceBackend', props.defaultResourceBackend, 'cannot be combined with defaultBackend: give one');
    }
    this.table = new RouteTable(identity.name, identity.namespace, { namespace: identity.metadataNamespace, labels: recommendedLabels(identity.labels, props.labels) });
    const settings = { ingressClassName: props.ingressClassName, annotations: props.annotations, httpRouteNames: props.httpRouteNames, gateway: props.gateway };
    this.renderer = this.api === RouteApi.GATEWAY ? new GatewayRenderer(this, this.table, settings) : new IngressRenderer(this, this.table, settings);
    this.renderer.checkSettings(problems);
    problems.throwIfAny();
    this.gateway = props.gateway;
    this.table.tls.push(...(props.tls ?? []));
    this.ingress = this.renderer.start();
    if (props.defaultBackend) this.setDefaultBackend(props.defaultBackend, props.defaultBackendPort);
    if (props.defaultResourceBackend) this.useDefaultResourceBackend(props.defaultResourceBackend);
    for (const route of props.routes ?? []) this.addRoute(route);
    this.node.addValidation({ validate: () => this.validateRules() });
  }

  /** The HTTPRoutes (Gateway mode), one per host, sorted by name. */
  public get httpRouteObjects(): ApiObject[] {
    return this.renderer.httpRoutes;
  }

  /** Routes `host` + `path` to a port of `backend`, or to `resource`. Same host, path and type twice is an error. */
  public addRoute(route: RouteOptions): void {
    checkShape('IngressRouter.addRoute', [route], this.constructor.name, this);
    this._addRoute(route, route.backend ?? this);
  }

  /** Adds a TLS certificate for some hosts; every host must be served by a rule at synth (Ingress mode). */
  public addTls(tls: IngressTls): void {
    checkShape('IngressRouter.addTls', [tls], this.constructor.name, this);
    const problems = new Problems('IngressRouter', this);
    checkTls(problems, 'tls', tls);
    problems.throwIfAny();
    this.table.tls.push(tls);
  }

  /** Sends requests that match no rule to `backend`. */
  public setDefaultBackend(backend: IServiceEndpoint, port: BackendPortOptions = {}): void {
    checkShape('IngressRouter.setDefaultBackend', [backend, port], this.constructor.name, this);
    const problems = new Problems('IngressRouter', this);
    const target = this.serviceTarget(problems, 'defaultBackend', backend, port);
    this.renderer.claimHost(problems, undefined);
    problems.throwIfAny();
    this.setDefault(target, backend);
  }

  /** Sends requests that match no rule to an object that is not a Service (Ingress mode). */
  public useDefaultResourceBackend(resource: IngressResourceBackend): void {
    checkShape('IngressRouter.useDefaultResourceBackend', [resource], this.constructor.name, this);
    const problems = new Problems('IngressRouter', this);
    const target = this.resourceTarget(problems, 'defaultResourceBackend', resource);
    problems.throwIfAny();
    this.setDefault(target);
  }

  /** Whether a TLS certificate of this router covers `host`. */
  public servesTls(host: string): boolean {
    checkShape('IngressRouter.servesTls', [host], 'IngressRouter', this);
    return this.table.tls.some((t) => (t.hosts ?? []).some((h) => hostCovers(h, host)));
  }

  /**
   * The routes to Services as `{ match, serviceName }`, sorted as they render (for the topology picture).
   * @internal
   */
  public get _routeList(): Array<{ match: string; serviceName: string; port: string }> {
    const label = (p?: ServicePortInfo) => (p ? p.name || String(p.port) : '');
    const list: Array<{ match: string; serviceName: string; port: string }> = [];
    for (const r of this.table.routes.values()) {
      if (r.target.serviceName === undefined) continue;
      list.push({ match: `${r.host ?? '*'}${r.path}${r.pathType === PathType.EXACT ? ' (exact)' : ''}`, serviceName: r.target.serviceName, port: label(r.target.port) });
    }
    const d = this.table.defaultBackend;
    if (d?.serviceName !== undefined) list.push({ match: 'default', serviceName: d.serviceName, port: label(d.port) });
    return list.sort((a, b) => a.match.localeCompare(b.match));
  }

  /**
   * Adds a route on behalf of `source` (the construct named in conflict errors).
   * @internal
   */
  public _addRoute(route: RouteOptions, source: IConstruct): void {
    const problems = new Problems('IngressRouter', this);
    const pathType = route.pathType ?? PathType.PREFIX;
    this.renderer.checkMatch(problems, route, pathType);
    const target = this.routeTarget(problems, route);
    const path = route.path ?? '/';
    const key = `${route.host ?? ''} ${path} ${pathType}`;
    const existing = this.table.routes.get(key);
    if (existing) {
      problems.addMessage('route', key, `route ${JSON.stringify(`${route.host ?? '*'}${path}`)} (${pathType}) from '${source.node.path}' conflicts with the same route from '${existing.source}'`);
    }
    this.renderer.claimHost(problems, route.host);
    problems.throwIfAny();
    if (route.backend && target.port) recordIngressRoute(route.backend, target.port);
    this.table.routes.set(key, { host: route.host, path, pathType, target, source: source.node.path });
    this.renderer.use(route.host, target);
  }

  /** The target of a route: its Service port, or its resource; exactly one of them. */
  private routeTarget(problems: Problems, route: RouteOptions): RouteTarget {
    if (route.resource === undefined) {
      if (route.backend === undefined) {
        problems.addMessage('backend', undefined, 'a route needs a backend (a Service) or a resource (another object): give one');
        return { resource: { kind: '', name: '' } };
      }
      return this.serviceTarget(problems, 'backend', route.backend, route);
    }
    if (route.backend !== undefined) problems.add('resource', route.resource, 'cannot be combined with backend: give one');
    for (const field of ['port', 'portName'] as const) {
      if (route[field] !== undefined) problems.add(field, route[field], 'picks a Service port: it does not go with resource');
    }
    return this.resourceTarget(problems, 'resource', route.resource);
  }

  private serviceTarget(problems: Problems, field: string, backend: IServiceEndpoint, port: BackendPortOptions): RouteTarget {
    this.renderer.checkService(problems, field, backend);
    const picked = pickBackendPort(problems, field, backend, port);
    return { serviceName: backend.serviceName, serviceNamespace: backend.namespace, port: picked };
  }

  private resourceTarget(problems: Problems, field: string, resource: IngressResourceBackend): RouteTarget {
    checkResourceBackend(problems, field, resource);
    this.renderer.checkResource(problems, field, resource);
    return { resource };
  }

  private setDefault(target: RouteTarget, backend?: IServiceEndpoint): void {
    if (backend && target.port) recordIngressRoute(backend, target.port);
    this.table.defaultBackend = target;
    this.renderer.use(undefined, target);
  }

  private validateRules(): string[] {
    const problems = new Problems('IngressRouter', this);
    if (this.table.routes.size === 0 && !this.table.defaultBackend) {
      problems.addMessage('routes', [], 'an Ingress needs at least one route or a default backend: call addRoute or setDefaultBackend');
    }
    this.renderer.validate(problems);
    return problems.empty ? [] : [problems.error().message];
  }

  /** What the topology picture draws: the Ingress (or HTTPRoutes), its Gateway and its routes. @internal */
  public _topology(): TopologyPart {
    const ing = ingressNode(this.namespace, this.ingressName, `${this.api === RouteApi.GATEWAY ? 'HTTPRoutes' : 'Ingress'} ${this.ingressName}`);
    const part = { nodes: [ing], edges: [] as TopologyEdge[], owners: [{ path: this.node.path, node: ing }] };
    if (this.gateway) {
      const gw = gatewayNode(this.gateway, this.namespace);
      part.nodes.push(gw);
      part.edges.push({ from: gw, to: ing });
    }
    for (const r of this._routeList) part.edges.push({ from: ing, to: serviceNode(this.namespace, r.serviceName), label: `${r.match} :${r.port}` });
    return part;
  }
}

brand(IngressRouter.prototype, 'IngressRouter');
