import { Protocol } from '../core/ports';

/**
 * The one rule for what application protocol a port speaks, and so the scheme of the URLs handed
 * out for it (`url`, connectTo's `<PREFIX>_URL`) and the name a port gets when none is given.
 * Only what the port says about itself counts, in this order: its `appProtocol`, its name
 * (an IANA service name such as `postgres`, or `<protocol>-<suffix>` as Istio reads names), then
 * a well-known port number. Otherwise the scheme is unknown and no URL claims one.
 */

/** Protocol names, as `appProtocol` values (lower-cased) and port names, and their URL schemes. */
const PROTOCOLS: Array<[string, string]> = [
  ['http', 'http'], ['https', 'https'], ['h2c', 'http'], ['kubernetes.io/h2c', 'http'],
  ['ws', 'ws'], ['wss', 'wss'], ['kubernetes.io/ws', 'ws'], ['kubernetes.io/wss', 'wss'],
  ['grpc', 'grpc'], ['postgres', 'postgres'], ['postgresql', 'postgres'], ['mysql', 'mysql'], ['redis', 'redis'],
  ['mongodb', 'mongodb'], ['amqp', 'amqp'], ['amqps', 'amqps'], ['nats', 'nats'],
];
const BY_APP_PROTOCOL = new Map<string, string>(PROTOCOLS);

/** IANA well-known and registered ports of the protocols above. */
const BY_PORT = new Map<number, string>([
  [80, 'http'], [8080, 'http'], [443, 'https'], [8443, 'https'], [5432, 'postgres'], [3306, 'mysql'], [6379, 'redis'],
  [27017, 'mongodb'], [5672, 'amqp'], [5671, 'amqps'], [4222, 'nats'],
]);

/** The port name given to a well-known port when none is given, where IANA's differs from the scheme. */
const NAME_BY_SCHEME = new Map<string, string>([['postgres', 'postgresql']]);

/** Schemes whose clients check a certificate against the host name they connect to. */
const TLS_SCHEMES: ReadonlySet<string> = new Set(['https', 'wss', 'amqps']);

/** What a port says about itself: the fields of ServicePortInfo the rule reads. */
export interface PortClaims {
  readonly name: string;
  readonly port: number;
  readonly protocol: string;
  readonly targetPort?: number;
  readonly appProtocol?: string;
}

/**
 * The URL scheme of a port, or undefined when the port does not say (then no URL claims one).
 * An `appProtocol` decides alone; then a name that names a protocol; then the Service port and
 * target port numbers, when they are well known and agree.
 */
export function portScheme(p: PortClaims): string | undefined {
  if (p.protocol !== Protocol.TCP) return undefined;
  if (p.appProtocol !== undefined) return BY_APP_PROTOCOL.get(p.appProtocol.toLowerCase());
  return schemeOfName(p.name) ?? byNumbers(p.port, p.targetPort);
}

/** Whether a client of a port with this scheme checks the server's certificate against the host name. */
export function isTlsScheme(scheme: string | undefined): boolean {
  return scheme !== undefined && TLS_SCHEMES.has(scheme);
}

/** `<scheme>://<host>:<port>` when the port's scheme is known, else `<host>:<port>`. */
export function portAddress(host: string, p: PortClaims): string {
  const scheme = portScheme(p);
  return scheme ? `${scheme}://${host}:${p.port}` : `${host}:${p.port}`;
}

/**
 * The name of a port given without one: its protocol's name when the numbers say it
 * (`postgresql` for 5432, `http` for 80), `http` when an Ingress or HTTPRoute sends HTTP to it,
 * else the transport (`tcp`, `udp`, `sctp`): never a claim the port does not make.
 */
export function defaultPortName(protocol: string, port: number, targetPort: number | undefined, httpRouted: boolean): string {
  if (protocol !== Protocol.TCP) return String(protocol).toLowerCase();
  const scheme = byNumbers(port, targetPort);
  if (scheme !== undefined) return NAME_BY_SCHEME.get(scheme) ?? scheme;
  return httpRouted ? 'http' : 'tcp';
}

/**
 * The scheme a name claims (`postgres`, or `http-admin` as `<protocol>-<suffix>`); undefined when
 * it names none, e.g. `tcp` or `metrics`.
 */
function schemeOfName(name: string): string | undefined {
  const dash = name.indexOf('-');
  return BY_APP_PROTOCOL.get(name) ?? (dash > 0 ? BY_APP_PROTOCOL.get(name.slice(0, dash)) : undefined);
}

/** The scheme both numbers allow: one well-known number decides; two that disagree say nothing. */
function byNumbers(port: number, targetPort: number | undefined): string | undefined {
  const a = BY_PORT.get(port);
  const b = targetPort === undefined ? undefined : BY_PORT.get(targetPort);
  if (a !== undefined && b !== undefined && a !== b) return undefined;
  return a ?? b;
}
