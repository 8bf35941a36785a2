import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { dns1123Subdomain } from '../core/names';
import { Problems } from '../core/problems';
import { claimName } from '../core/registry';
import { checkRoutePath, checkRuleCount, httpPathMatch, httpRouteObject, httpRouteSpec, referenceGrant, RouteRule } from './gateway-route-model';
import { IngressResourceBackend, PathType, RouteMatch } from './routes';
import { checkRouteMatch, httpHost } from './routes-model';
import { RendererSettings, RouterRenderer, RouteTable, RouteTarget, ServiceTarget } from './router-table';

/** The key of `httpRouteNames` that names the HTTPRoute of the routes for every host. */
const EVERY_HOST = '*';

const hostKey = (host: string | undefined): string => host ?? EVERY_HOST;

/**
 * A router's table as Gateway API HTTPRoutes, one per host, attached to one Gateway, with a
 * ReferenceGrant in each other namespace whose Services the routes use.
 */
export class GatewayRenderer implements RouterRenderer {
  private readonly routes = new Map<string, ApiObject>();
  /** The host (key) each HTTPRoute name was given to, to find two hosts given one name. */
  private readonly hostOfName = new Map<string, string>();
  /** Services granted, per backend namespace. */
  private readonly grants = new Map<string, Set<string>>();

  constructor(private readonly scope: Construct, private readonly table: RouteTable, private readonly settings: RendererSettings) {}

  public get httpRoutes(): ApiObject[] {
    return [...this.routes.keys()].sort().map((k) => this.routes.get(k)!);
  }

  public checkSettings(problems: Problems): void {
    if (!this.settings.gateway) problems.add('gateway', undefined, 'is required with api GATEWAY: the Gateway the HTTPRoutes attach to');
    const givenTo = new Map<string, string>();
    for (const [host, name] of Object.entries(this.settings.httpRouteNames ?? {})) {
      const field = `httpRouteNames[${JSON.stringify(host)}]`;
      const hostRule = host === EVERY_HOST ? undefined : httpHost(host);
      if (hostRule) problems.add('httpRouteNames', host, `is not a host: it ${hostRule} (the keys are route hosts, or "${EVERY_HOST}" for the routes without a host)`);
      const nameRule = dns1123Subdomain(name);
      if (nameRule) problems.add(field, name, nameRule);
      const other = givenTo.get(name);
      if (other !== undefined) problems.add(field, name, `is also given to host "${other}": each host's HTTPRoute needs a name of its own`);
      givenTo.set(name, host);
    }
  }

  public start(): undefined {
    return undefined;
  }

  public checkMatch(problems: Problems, match: RouteMatch, pathType: PathType): void {
    checkRoutePath(problems, 'path', match.path ?? '/', pathType);
    if (match.host !== undefined) checkRouteMatch(problems, '', { host: match.host });
  }

  public checkService(): void {
    // Any namespace: a ReferenceGrant there lets the HTTPRoute in.
  }

  public checkResource(problems: Problems, field: string, resource: IngressResourceBackend): void {
    problems.add(field, `${resource.kind}/${resource.name}`, 'is an Ingress resource backend, which api GATEWAY cannot write: an HTTPRoute of this router routes to Services (use api INGRESS, or a Service backend)');
  }

  public claimHost(problems: Problems, host: string | undefined): void {
    const name = this.nameOf(host);
    const given = this.givenName(host) !== undefined;
    const field = given ? `httpRouteNames[${JSON.stringify(hostKey(host))}]` : 'name';
    if (!given) {
      const rule = dns1123Subdomain(name);
      if (rule) problems.add(`HTTPRoute name for host ${JSON.stringify(hostKey(host))}`, name, `${rule}: give a shorter one in httpRouteNames`);
    }
    const other = this.hostOfName.get(name);
    if (other !== undefined && other !== hostKey(host)) {
      problems.add(field, name, `is already the name of the HTTPRoute for host "${other}", so host "${hostKey(host)}" cannot have it too: give one of them its own name in httpRouteNames`);
      return;
    }
    claimName(this.scope, problems, field, 'HTTPRoute', this.table.namespace, name);
  }

  public use(host: string | undefined, target: RouteTarget): void {
    const name = this.nameOf(host);
    if (!this.routes.has(name)) {
      this.hostOfName.set(name, hostKey(host));
      this.routes.set(name, httpRouteObject(this.scope, `HTTPRoute-${name}`, { name, ...this.table.metadata }, () => this.spec(host)));
    }
    if (target.serviceName !== undefined && target.serviceNamespace !== this.table.namespace) this.grant(target);
  }

  public validate(problems: Problems): void {
    for (const host of this.table.hosts()) checkRuleCount(problems, `routes for ${host ?? 'every host'}`, this.rules(host).length);
    const used = new Set(this.hostOfName.values());
    for (const key of Object.keys(this.settings.httpRouteNames ?? {})) {
      if (!used.has(key)) problems.add(`httpRouteNames[${JSON.stringify(key)}]`, this.settings.httpRouteNames![key], `names the HTTPRoute of host "${key}", but no route of this router has that host (hosts: ${[...used].sort().join(', ') || 'none'})`);
    }
  }

  /** The HTTPRoute name of a host: the one given in httpRouteNames, else `<router>-<host>`. */
  private nameOf(host: string | undefined): string {
    const given = this.givenName(host);
    if (given !== undefined) return given;
    return host === undefined ? this.table.name : `${this.table.name}-${host.replace(/^\*/, 'wildcard').replace(/\./g, '-')}`;
  }

  /** The name httpRouteNames gives a host's HTTPRoute (own keys only: a host may be "constructor"). */
  private givenName(host: string | undefined): string | undefined {
    const names = this.settings.httpRouteNames ?? {};
    return Object.prototype.hasOwnProperty.call(names, hostKey(host)) ? names[hostKey(host)] : undefined;
  }

  /** Lets this router's HTTPRoutes reach a Service of another namespace (one ReferenceGrant there). */
  private grant(target: ServiceTarget): void {
    let services = this.grants.get(target.serviceNamespace);
    if (!services) {
      services = new Set();
      this.grants.set(target.serviceNamespace, services);
      const names = services;
      referenceGrant(this.scope, `ReferenceGrant-${target.serviceNamespace}`, {
        name: `${this.table.name}-from-${this.table.namespace}`, namespace: target.serviceNamespace, labels: this.table.metadata.labels,
      }, 'HTTPRoute', this.table.namespace, Lazy.any({ produce: () => [...names].sort().map((n) => ({ group: '', kind: 'Service', name: n })) }));
    }
    services.add(target.serviceName);
  }

  /** The rules of a host's HTTPRoute; the default backend is the catch-all route's `PathPrefix /`. */
  private rules(host: string | undefined): RouteRule[] {
    const rules: RouteRule[] = [];
    for (const r of this.table.routes.values()) {
      if (r.host === host && r.target.serviceName !== undefined) rules.push(rule(r.path, httpPathMatch(r.pathType), r.target));
    }
    const d = this.table.defaultBackend;
    if (host === undefined && d?.serviceName !== undefined && !rules.some((r) => r.path === '/' && r.match === 'PathPrefix')) {
      rules.push(rule('/', 'PathPrefix', d));
    }
    return rules;
  }

  private spec(host: string | undefined): object {
    return httpRouteSpec(this.settings.gateway!, this.table.namespace, host === undefined ? [] : [host], this.rules(host));
  }
}

function rule(path: string, match: RouteRule['match'], t: ServiceTarget): RouteRule {
  return { path, match, serviceName: t.serviceName, serviceNamespace: t.serviceNamespace, port: t.port?.port ?? 0 };
}
