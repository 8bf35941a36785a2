/* The routing table of an IngressRouter and the one front its two renderers implement (internal). */
import { ApiObject } from 'cdk8s';
import { IServiceEndpoint } from '../services/endpoint';
import { ServicePortInfo } from '../core/ports';
import { Problems } from '../core/problems';
import { IGatewayRef } from './gateway-route';
import { IngressResourceBackend, IngressTls, PathType, RouteMatch } from './routes';

/** Where a route or the default backend sends traffic: a Service port, or (Ingress only) an object. */
export type RouteTarget =
  | { readonly serviceName: string; readonly serviceNamespace: string; readonly port?: ServicePortInfo; readonly resource?: undefined }
  | { readonly resource: IngressResourceBackend; readonly serviceName?: undefined; readonly serviceNamespace?: undefined; readonly port?: undefined };

/** A Service target (what an HTTPRoute can reach). */
export type ServiceTarget = Extract<RouteTarget, { serviceName: string }>;

/** One route of the table. */
export interface TableRoute {
  readonly host?: string;
  readonly path: string;
  readonly pathType: PathType;
  readonly target: RouteTarget;
  /** Path of the construct that added the route, for conflict errors. */
  readonly source: string;
}

/** What the router knows: filled by its methods, read by its renderer (lazily, at synth). */
export class RouteTable {
  /** Routes by `host path pathType`, in the order they were added. */
  public readonly routes = new Map<string, TableRoute>();
  public readonly tls: IngressTls[] = [];
  public defaultBackend?: RouteTarget;

  constructor(
    /** Name of the router (the Ingress's name). */
    public readonly name: string,
    public readonly namespace: string,
    public readonly metadata: { readonly namespace?: string; readonly labels: { [key: string]: string } },
  ) {}

  /** The hosts of the routes, `undefined` standing for every host, each once. */
  public hosts(): Array<string | undefined> {
    return [...new Set([...this.routes.values()].map((r) => r.host))];
  }
}

/** Settings of the router that only one of the APIs uses. */
export interface RendererSettings {
  readonly ingressClassName?: string;
  readonly annotations?: { [key: string]: string };
  readonly httpRouteNames?: { [host: string]: string };
  readonly gateway?: IGatewayRef;
}

/**
 * Renders a RouteTable with one API (Ingress or Gateway API). The router picks one in its
 * constructor and asks it whatever depends on the API; nothing else in the router does.
 */
export interface RouterRenderer {
  /** Checks the settings this API cares about and claims the names of objects written from the start. */
  checkSettings(problems: Problems): void;
  /** Writes the objects that exist from the start; returns the Ingress when this API has one. */
  start(): ApiObject | undefined;
  /** Checks host, path and path type of a route as this API accepts them. */
  checkMatch(problems: Problems, match: RouteMatch, pathType: PathType): void;
  /** Checks that this API can reach a Service backend. */
  checkService(problems: Problems, field: string, backend: IServiceEndpoint): void;
  /** Checks that this API can route to an object that is not a Service. */
  checkResource(problems: Problems, field: string, resource: IngressResourceBackend): void;
  /** Claims the names of what a route on `host` renders into, before the route is added. */
  claimHost(problems: Problems, host: string | undefined): void;
  /** Makes what a route on `host` to `target` needs, on first use, after the route is added. */
  use(host: string | undefined, target: RouteTarget): void;
  /** Checks the whole table at synth. */
  validate(problems: Problems): void;
  /** The HTTPRoutes written so far, sorted by name (none for an Ingress). */
  readonly httpRoutes: ApiObject[];
}
