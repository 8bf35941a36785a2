// The inbound-connection registry: what reaches a provider (connections, Ingress routes, ports a
// NodePort or LoadBalancer opens), which its NetworkPolicy reads, and the env a connection hands
// out. Services, routes and workloads record into it; connections/ (connectTo, NetworkPolicy)
// reads it. It lives here, below routing/ and connections/, so that those import it downwards.
import { IConstruct } from 'constructs';
import { sharedWeakMap } from '../core/brand';
import { Problems } from '../core/problems';
import { envVarName, serviceEnvPrefix } from '../core/names';
import { ServicePortInfo } from '../core/ports';
import { IServiceEndpoint } from './endpoint';
import { isTlsScheme, portScheme } from './scheme';

/** Who may reach a provider, as a NetworkPolicy peer. */
export interface PolicyPeer {
  /** Pods with these labels in this namespace. */
  readonly pods?: { readonly namespace: string; readonly selector: { [key: string]: string } };
  /** Addresses outside the cluster, as /32 or /128 CIDRs. */
  readonly cidrs?: string[];
  /** Any pod of a namespace (a Service known only by name). */
  readonly namespace?: string;
}

/** Constructs of this library that can be the target of a NetworkPolicy rule. */
export interface IPolicyTarget extends IServiceEndpoint {
  /** @internal */
  _policyPeer(): PolicyPeer | undefined;
}

/** One recorded connection: a consumer reaching a port of a provider. */
export interface Connection {
  readonly consumer: IConstruct;
  readonly consumerNamespace: string;
  readonly consumerSelector: { [key: string]: string };
  readonly provider: IServiceEndpoint;
  readonly port: ServicePortInfo;
  readonly env: { [key: string]: string };
  /** The containers that got `env`. */
  readonly containers: string[];
}

/** What reaches a provider from outside the recorded connections. */
export interface Inbound {
  readonly connections: Connection[];
  /** Service ports routed to by an Ingress. */
  readonly ingressPorts: ServicePortInfo[];
  /** Ports exposed to anyone by a NodePort or LoadBalancer Service over the pods. */
  readonly openPorts: ServicePortInfo[];
}

const INBOUND = sharedWeakMap<IServiceEndpoint, Inbound>('inbound');

/**
 * Starts recording what reaches `provider` (its NetworkPolicy needs it). Only providers that
 * asked are recorded, so apps without a policy keep no such state.
 */
export function watchInbound(provider: IServiceEndpoint): Inbound {
  const inbound: Inbound = { connections: [], ingressPorts: [], openPorts: [] };
  INBOUND.set(provider, inbound);
  return inbound;
}

/** Services over another construct's pods: what reaches the Service is recorded for the pods. */
const FORWARD = sharedWeakMap<object, object[]>('forward');

/** Records what reaches `service` for the constructs that run its pods too (their NetworkPolicies let it in). */
export function forwardInbound(service: IServiceEndpoint, pods: object[]): void {
  FORWARD.set(service, pods);
}

/** The inbound records of a provider and of the pods behind it. */
export function inboundOf(provider: IServiceEndpoint): Inbound[] {
  const out: Inbound[] = [];
  const own = INBOUND.get(provider);
  if (own) out.push(own);
  for (const pods of FORWARD.get(provider) ?? []) {
    const behind = INBOUND.get(pods as IServiceEndpoint);
    if (behind) out.push(behind);
  }
  return out;
}

/** Records ports that a NodePort or LoadBalancer Service opens to anyone on `pods`. */
export function recordOpenPorts(pods: object, ports: ServicePortInfo[]): void {
  INBOUND.get(pods as IServiceEndpoint)?.openPorts.push(...ports);
}

/** Records that an Ingress routes to `port` of `provider` (for its NetworkPolicy). */
export function recordIngressRoute(provider: IServiceEndpoint, port: ServicePortInfo): void {
  for (const inbound of inboundOf(provider)) {
    const ports = inbound.ingressPorts;
    if (!ports.some((p) => p.port === port.port && p.protocol === port.protocol && p.targetPort === port.targetPort)) ports.push(port);
  }
}

export function isPolicyTarget(x: IServiceEndpoint): x is IPolicyTarget {
  return typeof (x as Partial<IPolicyTarget>)._policyPeer === 'function';
}

/**
 * The host a TLS client of `endpoint` must connect to, when it is not the endpoint's own DNS name:
 * the external host behind an ExternalName (what its certificate names), through aliases.
 */
export function tlsHostOf(endpoint: IServiceEndpoint): string | undefined {
  const own = (endpoint as { _tlsHost?: () => string | undefined })._tlsHost;
  return typeof own === 'function' ? own.call(endpoint) : undefined;
}

/** `{ <PREFIX>_HOST: dnsName (the TLS host for a TLS first port), <PREFIX>_PORT: port }` for app code that reads its peers from env. */
export function connectionEnvOf(endpoint: IServiceEndpoint, kind: string, prefix?: string): { [key: string]: string } {
  const p = prefix ?? serviceEnvPrefix(endpoint.serviceName);
  const rule = envVarName(`${p}_HOST`);
  if (rule) {
    const problems = new Problems(kind, endpoint);
    problems.add('prefix', p, `gives ${p}_HOST, which ${rule}`);
    throw problems.error();
  }
  const first = endpoint.ports[0];
  const tlsHost = first && isTlsScheme(portScheme(first)) ? tlsHostOf(endpoint) : undefined;
  const env: { [key: string]: string } = { [`${p}_HOST`]: tlsHost ?? endpoint.dnsName };
  if (endpoint.ports.length > 0) env[`${p}_PORT`] = String(endpoint.port);
  return env;
}
