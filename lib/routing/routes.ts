/* Public types shared by Ingress and Gateway API routing. */

/**
 * How a path matches, for Ingress and HTTPRoute alike: PREFIX and EXACT mean the same in both
 * (written `Prefix` / `PathPrefix` and `Exact`); each API has one kind of its own.
 */
export enum PathType {
  /** Matches the path and everything below it, by `/`-separated elements. */
  PREFIX = 'Prefix',
  /** Matches the path exactly. */
  EXACT = 'Exact',
  /** Ingress only: left to the Ingress controller (e.g. its regular expressions). */
  IMPLEMENTATION_SPECIFIC = 'ImplementationSpecific',
  /** HTTPRoute only: a regular expression (the Gateway implementation's dialect). */
  REGULAR_EXPRESSION = 'RegularExpression',
}

/** HTTPS for some hosts, with the certificate in a TLS Secret. */
export interface IngressTls {
  /** Name of the `kubernetes.io/tls` Secret in the Ingress's namespace. */
  readonly secretName: string;
  /**
   * Hosts the certificate serves; each must be served by a rule.
   * @default - the host of the route it comes with
   */
  readonly hosts?: string[];
}

/** Which port of a backend Service a route sends traffic to. */
export interface BackendPortOptions {
  /**
   * Service port number.
   * @default - the backend's first TCP port
   */
  readonly port?: number;
  /**
   * Service port name (instead of `port`).
   * @default - the backend's first TCP port
   */
  readonly portName?: string;
}

/** Host and path of a route. */
export interface RouteMatch {
  /**
   * Host (a DNS name or a leading wildcard such as `*.example.com`).
   * @default - every host
   */
  readonly host?: string;
  /**
   * Path; must start with `/`.
   * @default '/'
   */
  readonly path?: string;
  /**
   * How the path matches.
   * @default PathType.PREFIX
   */
  readonly pathType?: PathType;
}

/**
 * An Ingress backend that is not a Service: an object of another kind, in the Ingress's
 * namespace, that the Ingress controller serves itself (for example a storage bucket of the
 * controller's own API). Ingress only: an HTTPRoute routes to Services.
 */
export interface IngressResourceBackend {
  /**
   * API group of the object, e.g. `k8s.example.com`; empty means the core group.
   * @default - the core API group (no apiGroup written)
   */
  readonly apiGroup?: string;
  /** Kind of the object, e.g. `StorageBucket`. */
  readonly kind: string;
  /** Name of the object, in the Ingress's namespace. */
  readonly name: string;
}
