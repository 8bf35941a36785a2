import { IServiceEndpoint } from '../services/endpoint';
import { checkAnnotations } from '../core/labels';
import { ipFamily } from '../core/net';
import { dns1123Subdomain, pathSegmentName } from '../core/names';
import { Protocol, ServicePortInfo } from '../core/ports';
import { isPortNumber } from '../services/ports-model';
import { Problems } from '../core/problems';
import { BackendPortOptions, IngressResourceBackend, IngressTls, PathType, RouteMatch } from './routes';
import type { K8sIngressBackend, K8sIngressSpec } from '../core/k8s';

/** Checks an HTTP host name as Ingress and HTTPRoute accept it; returns the broken rule or undefined. */
export function httpHost(host: string): string | undefined {
  if (ipFamily(host) !== undefined) return 'must be a DNS name, not an IP address';
  if (host.includes(':')) return 'must not contain a port';
  if (host !== host.toLowerCase()) return 'must be lower-case';
  if (host.includes('*')) {
    if (!host.startsWith('*.') || dns1123Subdomain(host.slice(2)) !== undefined) {
      return 'is not a valid wildcard host: only one leading "*." followed by a DNS-1123 subdomain, e.g. *.example.com';
    }
    return undefined;
  }
  return dns1123Subdomain(host);
}

const INVALID_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_SUFFIXES = ['/..', '/.'];

/** Checks an HTTP path as the API server does for Exact and Prefix Ingress paths. */
export function httpPath(path: string): string | undefined {
  if (!path.startsWith('/')) return 'must start with "/"';
  const seq = INVALID_SEQUENCES.find((s) => path.includes(s));
  if (seq) return `must not contain "${seq}"`;
  const suffix = INVALID_SUFFIXES.find((s) => path.endsWith(s));
  if (suffix) return `must not end with "${suffix}"`;
  return undefined;
}

/** Whether a TLS host (possibly a wildcard) covers a rule host. */
export function hostCovers(tlsHost: string, ruleHost: string): boolean {
  if (tlsHost === ruleHost) return true;
  if (!tlsHost.startsWith('*.')) return false;
  const dot = ruleHost.indexOf('.');
  return dot > 0 && ruleHost.slice(dot) === tlsHost.slice(1);
}

/**
 * Reports each TLS host that no rule host serves. The API server accepts such an Ingress, but the
 * controller never uses its certificate: the host is a typo or a rule is missing.
 */
export function checkTlsHostsServed(problems: Problems, field: string, tlsHosts: string[], ruleHosts: string[]): void {
  for (const tlsHost of tlsHosts) {
    if (!ruleHosts.some((h) => hostCovers(tlsHost, h))) {
      problems.add(field, tlsHost, `is served by no rule of this Ingress (hosts: ${ruleHosts.join(', ') || 'none'})`);
    }
  }
}

/** Checks a resource backend as the API server does: kind and name path segments, apiGroup a DNS subdomain. */
export function checkResourceBackend(problems: Problems, field: string, r: IngressResourceBackend): void {
  if (r.apiGroup) {
    const rule = dns1123Subdomain(r.apiGroup);
    if (rule) problems.add(`${field}.apiGroup`, r.apiGroup, `${rule} (leave it out for the core group)`);
  }
  const kindRule = pathSegmentName(r.kind);
  if (kindRule) problems.add(`${field}.kind`, r.kind, kindRule);
  const nameRule = pathSegmentName(r.name);
  if (nameRule) problems.add(`${field}.name`, r.name, nameRule);
}

/** The backend port a route uses: the one asked for, which must exist, else the first TCP port. */
export function pickBackendPort(problems: Problems, field: string, backend: Pick<IServiceEndpoint, 'serviceName' | 'ports'>, opts: BackendPortOptions): ServicePortInfo | undefined {
  const tcp = backend.ports.filter((p) => p.protocol === Protocol.TCP);
  const known = tcp.map((p) => (p.name ? `${p.port} (${p.name})` : String(p.port))).join(', ') || 'none';
  if (opts.port !== undefined && opts.portName !== undefined) {
    problems.add(`${field}.portName`, opts.portName, 'cannot be combined with port: give one');
  }
  if (opts.portName !== undefined) {
    const found = tcp.find((p) => p.name === opts.portName);
    if (!found) problems.add(`${field}.portName`, opts.portName, `is not a TCP port of Service "${backend.serviceName}" (TCP ports: ${known})`);
    return found;
  }
  if (opts.port !== undefined) {
    const found = tcp.find((p) => p.port === opts.port);
    if (found) return found;
    if (backend.ports.length === 0 && isPortNumber(opts.port)) {
      return { name: '', port: opts.port, protocol: Protocol.TCP };
    }
    problems.add(`${field}.port`, opts.port, `is not a TCP port of Service "${backend.serviceName}" (TCP ports: ${known})`);
    return undefined;
  }
  if (tcp.length === 0) {
    problems.add(field, backend.serviceName, `has no TCP port to route to (TCP ports: ${known}): give port`);
    return undefined;
  }
  return tcp[0];
}

/** Checks host, path and path type of a route. */
export function checkRouteMatch(problems: Problems, prefix: string, match: RouteMatch): void {
  if (match.host !== undefined) {
    const rule = httpHost(match.host);
    if (rule) problems.add(`${prefix}host`, match.host, rule);
  }
  const pathType = match.pathType ?? PathType.PREFIX;
  if (pathType === PathType.REGULAR_EXPRESSION) {
    problems.add(`${prefix}pathType`, pathType, 'is HTTPRoute only: an Ingress matches PREFIX, EXACT or IMPLEMENTATION_SPECIFIC (a controller\'s regular expressions)');
  }
  if (match.path !== undefined) {
    const rule = pathType === PathType.IMPLEMENTATION_SPECIFIC
      ? (match.path.startsWith('/') ? undefined : 'must start with "/"')
      : httpPath(match.path);
    if (rule) problems.add(`${prefix}path`, match.path, rule);
  }
}

/** Checks class name and annotations of an Ingress. */
export function checkIngressSettings(problems: Problems, prefix: string, s: { ingressClassName?: string; annotations?: { [key: string]: string } }): void {
  if (s.ingressClassName !== undefined) {
    const rule = dns1123Subdomain(s.ingressClassName);
    if (rule) problems.add(`${prefix}ingressClassName`, s.ingressClassName, rule);
  }
  checkAnnotations(problems, `${prefix}annotations`, s.annotations);
  const legacy = s.annotations?.['kubernetes.io/ingress.class'];
  if (legacy !== undefined && s.ingressClassName !== undefined && legacy !== s.ingressClassName) {
    problems.add(`${prefix}annotations["kubernetes.io/ingress.class"]`, legacy, `must equal ingressClassName "${s.ingressClassName}" when both are set`);
  }
}

/** Checks a TLS entry: a valid Secret name and valid hosts. */
export function checkTls(problems: Problems, field: string, tls: IngressTls): void {
  const rule = dns1123Subdomain(tls.secretName ?? '');
  if (rule) problems.add(`${field}.secretName`, tls.secretName, rule);
  (tls.hosts ?? []).forEach((h, i) => {
    const hostRule = httpHost(h);
    if (hostRule) problems.add(`${field}.hosts[${i}]`, h, hostRule);
  });
}

/** Where an Ingress path or default backend sends traffic: a Service port, or another object. */
export type IngressTarget =
  | { readonly serviceName: string; readonly port?: ServicePortInfo; readonly resource?: undefined }
  | { readonly resource: IngressResourceBackend; readonly serviceName?: undefined; readonly port?: undefined };

/** One path of an Ingress to its backend. */
export type IngressPath = IngressTarget & {
  readonly host?: string;
  readonly path: string;
  readonly pathType: PathType;
};

/**
 * The spec of an Ingress, for an app's own Ingress and for a router alike: named hosts in
 * alphabetical order and the catch-all rule last, paths sorted within a host.
 */
export function ingressSpec(o: { ingressClassName?: string; defaultBackend?: IngressTarget; tls: IngressTls[]; paths: IngressPath[] }): object {
  const byHost = new Map<string, IngressPath[]>();
  for (const p of o.paths) {
    const list = byHost.get(p.host ?? '') ?? [];
    list.push(p);
    byHost.set(p.host ?? '', list);
  }
  const hosts = [...byHost.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
  return {
    ingressClassName: o.ingressClassName,
    defaultBackend: o.defaultBackend ? ingressBackend(o.defaultBackend) : undefined,
    tls: o.tls.length > 0 ? o.tls.map((t) => ({ hosts: t.hosts && t.hosts.length > 0 ? t.hosts : undefined, secretName: t.secretName })) : undefined,
    rules: hosts.length > 0 ? hosts.map((host) => ({
      host: host || undefined,
      http: {
        paths: byHost.get(host)!
          .sort((a, b) => a.path.localeCompare(b.path) || a.pathType.localeCompare(b.pathType))
          // REGULAR_EXPRESSION, the one type an Ingress has not, was refused by checkRouteMatch.
          .map((p) => ({ path: p.path, pathType: p.pathType as Exclude<PathType, PathType.REGULAR_EXPRESSION>, backend: ingressBackend(p) })),
      },
    })) : undefined,
  } satisfies K8sIngressSpec;
}

/** An Ingress backend: the Service port by name when it has one, else by number; or the object. */
function ingressBackend(t: IngressTarget): K8sIngressBackend {
  if (t.resource) return { resource: { apiGroup: t.resource.apiGroup || undefined, kind: t.resource.kind, name: t.resource.name } };
  const port = t.port;
  const ref = !port ? {} : port.name ? { name: port.name } : { number: port.port };
  return { service: { name: t.serviceName, port: ref } };
}
