import { watchReferences } from '../core/reference-notes';
import { nonEmptyMap } from '../core/collections';
import { PatternObject } from '../core/api-object';
import { checkShape, checkedScope } from '../core/shape';
import { ApiObject, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { PatternDefaults } from '../core/defaults';
import { IServiceEndpoint } from '../services/endpoint';
import { IdentityOptions } from '../core/identity';
import { recordIngressRoute } from '../services/inbound';
import { checkLabels, recommendedLabels } from '../core/labels';
import { Problems } from '../core/problems';
import { claimName } from '../core/registry';
import { resolveIdentity } from '../core/identity-model';
import { ServicePortInfo } from '../core/ports';
import { checkGatewayRef, checkRoutePath, checkRuleCount, httpPathMatch, httpRouteObject, httpRouteSpec, referenceGrant, RouteRule } from './gateway-route-model';
import { IGatewayRef, RouteApi } from './gateway-route';
import { BackendPortOptions, IngressTls, PathType, RouteMatch } from './routes';
import { checkIngressSettings, checkRouteMatch, checkTls, hostCovers, ingressSpec, pickBackendPort } from './routes-model';
import { brand, hasBrand } from '../core/brand';
import { gatewayNode, ingressNode, serviceNode, TopologyEdge, TopologyPart } from '../core/topology-part';

/** A route of an IngressRouter: host and path to a Service port. */
export interface RouteOptions extends RouteMatch, BackendPortOptions {
  /** The Service to send traffic to (an ExposedApp, HeadlessGroup, ServiceRef, ...). */
  readonly backend: IServiceEndpoint;
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
}

interface Route {
  readonly host?: string;
  readonly path: string;
  readonly pathType: PathType;
  readonly serviceName: string;
  readonly serviceNamespace: string;
  readonly port?: ServicePortInfo;
  readonly source: string;
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
  /** Name of the Ingress, and of the HTTPRoutes' common prefix. */
  public readonly ingressName: string;
  /** Namespace of the Ingress or HTTPRoutes. */
  public readonly namespace: string;
  /** Which API the routing table renders with. */
  public readonly api: RouteApi;

  private readonly routes = new Map<string, Route>();
  private readonly tls: IngressTls[] = [];
  private readonly gateway?: IGatewayRef;
  private readonly metadata: { namespace?: string; labels: { [key: string]: string } };
  // Gateway mode only: HTTPRoute per route name, and Services granted per backend namespace.
  private readonly httpRoutes?: Map<string, ApiObject>;
  private readonly grants?: Map<string, Set<string>>;
  private defaultBackend?: { serviceName: string; serviceNamespace: string; port?: ServicePortInfo };

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
    this.api = props.api ?? RouteApi.INGRESS;
    if (!Object.values(RouteApi).includes(this.api)) problems.add('api', this.api, 'is not a valid RouteApi: use INGRESS or GATEWAY');
    if (this.api === RouteApi.GATEWAY && !props.gateway) problems.add('gateway', undefined, 'is required with api GATEWAY: the Gateway the HTTPRoutes attach to');
    if (props.gateway) checkGatewayRef(problems, 'gateway', props.gateway);
    checkIngressSettings(problems, '', props);
    checkLabels(problems, 'labels', props.labels);
    (props.tls ?? []).forEach((t, i) => checkTls(problems, `tls[${i}]`, t));
    if (this.api === RouteApi.INGRESS) claimName(this, problems, 'name', 'Ingress', identity.namespace, identity.name);
    problems.throwIfAny();
    this.ingressName = identity.name;
    this.gateway = props.gateway;
    this.metadata = { namespace: identity.metadataNamespace, labels: recommendedLabels(identity.labels, props.labels) };
    this.tls.push(...(props.tls ?? []));
    if (this.api === RouteApi.GATEWAY) {
      this.httpRoutes = new Map();
      this.grants = new Map();
    } else {
      this.ingress = new PatternObject(this, 'Resource', {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: {
          name: identity.name,
          ...this.metadata,
          annotations: nonEmptyMap(props.annotations),
        },
        spec: Lazy.any({ produce: () => this.renderIngressSpec(props.ingressClassName) }),
      });
    }
    if (props.defaultBackend) this.setDefaultBackend(props.defaultBackend, props.defaultBackendPort);
    for (const route of props.routes ?? []) this.addRoute(route);
    this.node.addValidation({ validate: () => this.validateRules() });
  }

  /** The HTTPRoutes (Gateway mode), one per host, sorted by name. */
  public get httpRouteObjects(): ApiObject[] {
    const routes = this.httpRoutes ?? new Map<string, ApiObject>();
    return [...routes.keys()].sort().map((k) => routes.get(k)!);
  }

  /** Routes `host` + `path` to a port of `backend`. Same host, path and type twice is an error. */
  public addRoute(route: RouteOptions): void {
    checkShape('IngressRouter.addRoute', [route], this.constructor.name, this);
    this._addRoute(route, route.backend);
  }

  /** Adds a TLS certificate for some hosts; every host must be served by a rule at synth (Ingress mode). */
  public addTls(tls: IngressTls): void {
    checkShape('IngressRouter.addTls', [tls], this.constructor.name, this);
    const problems = new Problems('IngressRouter', this);
    checkTls(problems, 'tls', tls);
    problems.throwIfAny();
    this.tls.push(tls);
  }

  /** Sends requests that match no rule to `backend`. */
  public setDefaultBackend(backend: IServiceEndpoint, port: BackendPortOptions = {}): void {
    checkShape('IngressRouter.setDefaultBackend', [backend, port], this.constructor.name, this);
    const problems = new Problems('IngressRouter', this);
    const picked = this.pickPort(problems, 'defaultBackend', backend, port);
    problems.throwIfAny();
    if (picked) recordIngressRoute(backend, picked);
    this.defaultBackend = { serviceName: backend.serviceName, serviceNamespace: backend.namespace, port: picked };
    this.useBackend(undefined, backend);
  }

  /** Whether a TLS certificate of this router covers `host`. */
  public servesTls(host: string): boolean {
    checkShape('IngressRouter.servesTls', [host], 'IngressRouter', this);
    return this.tls.some((t) => (t.hosts ?? []).some((h) => hostCovers(h, host)));
  }

  /**
   * The routes as `{ match, serviceName }`, sorted as they render (for the topology picture).
   * @internal
   */
  public get _routeList(): Array<{ match: string; serviceName: string; port: string }> {
    const label = (p?: ServicePortInfo) => (p ? p.name || String(p.port) : '');
    const list = [...this.routes.values()].map((r) => ({
      match: `${r.host ?? '*'}${r.path}${r.pathType === PathType.EXACT ? ' (exact)' : ''}`,
      serviceName: r.serviceName,
      port: label(r.port),
    }));
    if (this.defaultBackend) list.push({ match: 'default', serviceName: this.defaultBackend.serviceName, port: label(this.defaultBackend.port) });
    return list.sort((a, b) => a.match.localeCompare(b.match));
  }

  /**
   * Adds a route on behalf of `source` (the construct named in conflict errors).
   * @internal
   */
  public _addRoute(route: RouteOptions, source: IConstruct): void {
    const problems = new Problems('IngressRouter', this);
    const pathType = route.pathType ?? PathType.PREFIX;
    if (this.api === RouteApi.GATEWAY) checkRoutePath(problems, 'path', route.path ?? '/', pathType);
    else checkRouteMatch(problems, '', route);
    if (this.api === RouteApi.GATEWAY && route.host !== undefined) checkRouteMatch(problems, '', { host: route.host });
    const picked = this.pickPort(problems, 'backend', route.backend, route);
    const path = route.path ?? '/';
    const key = `${route.host ?? ''} ${path} ${pathType}`;
    const existing = this.routes.get(key);
    if (existing) {
      problems.addMessage('route', key, `route ${JSON.stringify(`${route.host ?? '*'}${path}`)} (${pathType}) from '${source.node.path}' conflicts with the same route from '${existing.source}'`);
    }
    if (this.api === RouteApi.GATEWAY) claimName(this, problems, 'name', 'HTTPRoute', this.namespace, this.httpRouteName(route.host));
    problems.throwIfAny();
    if (picked) recordIngressRoute(route.backend, picked);
    this.routes.set(key, {
      host: route.host, path, pathType, serviceName: route.backend.serviceName, serviceNamespace: route.backend.namespace, port: picked, source: source.node.path,
    });
    this.useBackend(route.host, route.backend);
  }

  /** Creates the HTTPRoute of a host, and the ReferenceGrant of a foreign backend, on first use. */
  private useBackend(host: string | undefined, backend: IServiceEndpoint): void {
    if (!this.httpRoutes || !this.grants) return;
    const name = this.httpRouteName(host);
    if (!this.httpRoutes.has(name)) {
      this.httpRoutes.set(name, httpRouteObject(this, `HTTPRoute-${name}`, { name, ...this.metadata }, () => this.renderHttpRoute(host)));
    }
    if (backend.namespace !== this.namespace) {
      let services = this.grants.get(backend.namespace);
      if (!services) {
        services = new Set();
        this.grants.set(backend.namespace, services);
        const names = services;
        referenceGrant(this, `ReferenceGrant-${backend.namespace}`, {
          name: `${this.ingressName}-from-${this.namespace}`, namespace: backend.namespace, labels: this.metadata.labels,
        }, 'HTTPRoute', this.namespace, Lazy.any({ produce: () => [...names].sort().map((n) => ({ group: '', kind: 'Service', name: n })) }));
      }
      services.add(backend.serviceName);
    }
  }

  private httpRouteName(host: string | undefined): string {
    return host === undefined ? this.ingressName : `${this.ingressName}-${host.replace(/^\*/, 'wildcard').replace(/\./g, '-')}`;
  }

  private pickPort(problems: Problems, field: string, backend: IServiceEndpoint, opts: BackendPortOptions): ServicePortInfo | undefined {
    if (this.api === RouteApi.INGRESS && backend.namespace !== this.namespace) {
      problems.add(field, backend.node.path, `is in namespace "${backend.namespace}" but the Ingress is in "${this.namespace}": an Ingress can only reach Services in its own namespace (use a ServiceAlias, or api GATEWAY)`);
    }
    return pickBackendPort(problems, field, backend, opts);
  }

  private validateRules(): string[] {
    const problems = new Problems('IngressRouter', this);
    if (this.routes.size === 0 && !this.defaultBackend) {
      problems.addMessage('routes', [], 'an Ingress needs at least one route or a default backend: call addRoute or setDefaultBackend');
    }
    const hosts = [...this.routes.values()].map((r) => r.host).filter((h): h is string => h !== undefined);
    if (this.api === RouteApi.INGRESS) {
      for (const tls of this.tls) {
        for (const host of tls.hosts ?? []) {
          if (!hosts.some((h) => hostCovers(host, h))) {
            problems.add('tls.hosts', host, `is served by no rule of this Ingress (hosts: ${hosts.join(', ') || 'none'})`);
          }
        }
      }
    } else {
      for (const host of new Set([...this.routes.values()].map((r) => r.host))) {
        checkRuleCount(problems, `routes for ${host ?? 'every host'}`, this.gatewayRules(host).length);
      }
    }
    return problems.empty ? [] : [problems.error().message];
  }

  private gatewayRules(host: string | undefined): RouteRule[] {
    const rules: RouteRule[] = [...this.routes.values()].filter((r) => r.host === host).map((r) => ({
      path: r.path,
      match: httpPathMatch(r.pathType),
      serviceName: r.serviceName,
      serviceNamespace: r.serviceNamespace,
      port: r.port?.port ?? 0,
    }));
    const d = this.defaultBackend;
    if (host === undefined && d && !rules.some((r) => r.path === '/' && r.match === 'PathPrefix')) {
      rules.push({ path: '/', match: 'PathPrefix', serviceName: d.serviceName, serviceNamespace: d.serviceNamespace, port: d.port?.port ?? 0 });
    }
    return rules;
  }

  private renderHttpRoute(host: string | undefined): object {
    return httpRouteSpec(this.gateway!, this.namespace, host === undefined ? [] : [host], this.gatewayRules(host));
  }

  private renderIngressSpec(ingressClassName?: string): object {
    return ingressSpec({ ingressClassName, defaultBackend: this.defaultBackend, tls: this.tls, paths: [...this.routes.values()] });
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
