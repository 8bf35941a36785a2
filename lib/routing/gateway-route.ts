import { PathType } from './routes';
/* Public types of the Gateway API support. */

/** Which API a router renders its routing table with. */
export enum RouteApi {
  /** `networking.k8s.io/v1` Ingress. */
  INGRESS = 'Ingress',
  /** `gateway.networking.k8s.io/v1` HTTPRoutes attached to a Gateway. */
  GATEWAY = 'Gateway',
}

/** A Gateway that routes attach to. */
export interface IGatewayRef {
  /** Name of the Gateway. */
  readonly gatewayName: string;
  /** Namespace of the Gateway. */
  readonly gatewayNamespace: string;
  /**
   * Listener (section) routes attach to.
   * @default - every listener that allows the route
   */
  readonly sectionName?: string;
}

/** An HTTPRoute for one ExposedApp, attached to a Gateway. */
export interface HttpRouteOptions {
  /** The Gateway to attach to. */
  readonly gateway: IGatewayRef;
  /**
   * Host names (DNS names, optionally with one leading wildcard); at most 16.
   * @default - every host the Gateway listener accepts
   */
  readonly hostnames?: string[];
  /**
   * Path to match; must start with `/`.
   * @default '/'
   */
  readonly path?: string;
  /**
   * How the path matches: PREFIX, EXACT or REGULAR_EXPRESSION.
   * @default PathType.PREFIX
   */
  readonly pathType?: PathType;
  /**
   * Service port number to send traffic to.
   * @default - the app's first TCP port
   */
  readonly port?: number;
  /**
   * Service port name to send traffic to (instead of `port`).
   * @default - the app's first TCP port
   */
  readonly portName?: string;
}
