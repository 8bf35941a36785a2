import { PatternObject } from '../core/api-object';
import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { IGatewayRef } from './gateway-route';
import { PathType } from './routes';
import { Problems } from '../core/problems';
import { httpHost, httpPath } from './routes-model';
import { dns1123Label, dns1123Subdomain } from '../core/names';
import type { K8sHttpRouteSpec, K8sReferenceGrantSpec } from '../core/k8s';

export const GATEWAY_GROUP = 'gateway.networking.k8s.io';
const MAX_HOSTNAMES = 16;
const MAX_RULES = 16;

/** Checks HTTPRoute hostnames: DNS names or one leading wildcard, no IPs, unique, at most 16. */
export function checkHostnames(problems: Problems, field: string, hostnames: string[]): void {
  if (hostnames.length > MAX_HOSTNAMES) problems.add(field, hostnames.length, `hostnames are more than the ${MAX_HOSTNAMES} an HTTPRoute allows`);
  const seen = new Set<string>();
  hostnames.forEach((h, i) => {
    const rule = httpHost(h);
    if (rule) problems.add(`${field}[${i}]`, h, rule);
    else if (seen.has(h)) problems.add(`${field}[${i}]`, h, 'is listed twice');
    seen.add(h);
  });
}

/** An HTTPRoute path match type, as the Gateway API writes it. */
export type HttpPathMatch = 'PathPrefix' | 'Exact' | 'RegularExpression';

const HTTP_MATCH: { [type: string]: HttpPathMatch } = {
  [PathType.PREFIX]: 'PathPrefix',
  [PathType.EXACT]: 'Exact',
  [PathType.REGULAR_EXPRESSION]: 'RegularExpression',
};

/** How an HTTPRoute writes a path type (a checked one: IMPLEMENTATION_SPECIFIC has no form). */
export function httpPathMatch(type: PathType): HttpPathMatch {
  return HTTP_MATCH[type] ?? 'PathPrefix';
}

/** Checks an HTTPRoute path and its type as the Gateway API CRD does. */
export function checkRoutePath(problems: Problems, field: string, path: string, type: PathType): void {
  // The shape checks refused values that are no PathType; one has no HTTPRoute form.
  if (!(type in HTTP_MATCH)) {
    problems.add(`${field}Type`, type, 'is Ingress only: an HTTPRoute matches PREFIX, EXACT or REGULAR_EXPRESSION');
    return;
  }
  if (path.length > 1024) problems.add(field, path, 'is longer than 1024 characters');
  const rule = type === PathType.REGULAR_EXPRESSION ? (path.startsWith('/') ? undefined : 'must start with "/"') : httpPath(path) ?? (path.includes('#') ? 'must not contain "#"' : undefined);
  if (rule) problems.add(field, path, rule);
}

export function checkRuleCount(problems: Problems, field: string, count: number): void {
  if (count > MAX_RULES) problems.add(field, count, `rules are more than the ${MAX_RULES} an HTTPRoute allows: split the routes over several routers`);
}

/** Checks the name, namespace and section of a Gateway reference. */
export function checkGatewayRef(problems: Problems, field: string, g: IGatewayRef): void {
  const nameRule = dns1123Subdomain(g.gatewayName);
  if (nameRule) problems.add(`${field}.name`, g.gatewayName, nameRule);
  const nsRule = g.gatewayNamespace ? dns1123Label(g.gatewayNamespace) : undefined;
  if (nsRule) problems.add(`${field}.namespace`, g.gatewayNamespace, nsRule);
  const sectionRule = g.sectionName === undefined ? undefined : dns1123Subdomain(g.sectionName);
  if (sectionRule) problems.add(`${field}.sectionName`, g.sectionName, sectionRule);
}

/** The parentRef of a route in `routeNamespace` to `gateway`. */
function parentRef(gateway: IGatewayRef, routeNamespace: string): NonNullable<K8sHttpRouteSpec['parentRefs']>[number] {
  const ns = gateway.gatewayNamespace;
  return { name: gateway.gatewayName, namespace: ns && ns !== routeNamespace ? ns : undefined, sectionName: gateway.sectionName };
}

export interface RouteRule {
  readonly path: string;
  readonly match: HttpPathMatch;
  readonly serviceName: string;
  readonly serviceNamespace: string;
  readonly port: number;
}

/** An HTTPRoute spec; rules sorted by path so the output is stable. */
export function httpRouteSpec(gateway: IGatewayRef, namespace: string, hostnames: string[], rules: RouteRule[]): object {
  return {
    parentRefs: [parentRef(gateway, namespace)],
    hostnames: hostnames.length > 0 ? hostnames : undefined,
    rules: [...rules]
      .sort((a, b) => a.path.localeCompare(b.path) || a.match.localeCompare(b.match))
      .map((r) => ({
        matches: [{ path: { type: r.match, value: r.path } }],
        backendRefs: [{ name: r.serviceName, namespace: r.serviceNamespace === namespace ? undefined : r.serviceNamespace, port: r.port }],
      })),
  } satisfies K8sHttpRouteSpec;
}

/** An HTTPRoute whose spec renders at synth (routes may still be added until then). */
export function httpRouteObject(scope: Construct, id: string, metadata: object, spec: () => object): ApiObject {
  return new PatternObject(scope, id, {
    apiVersion: `${GATEWAY_GROUP}/v1`,
    kind: 'HTTPRoute',
    metadata,
    spec: Lazy.any({ produce: spec }),
  });
}

/** A ReferenceGrant in `namespace` letting `fromKind` objects of `fromNamespace` refer to `to`. */
export function referenceGrant(scope: Construct, id: string, metadata: object, fromKind: string, fromNamespace: string, to: Array<{ group: string; kind: string; name: string }>): ApiObject {
  return new PatternObject(scope, id, {
    apiVersion: `${GATEWAY_GROUP}/v1beta1`,
    kind: 'ReferenceGrant',
    metadata,
    spec: {
      from: [{ group: GATEWAY_GROUP, kind: fromKind, namespace: fromNamespace }],
      to,
    } satisfies K8sReferenceGrantSpec,
  });
}
