// connectTo: wires a consumer's pods to a provider (env variables) and records the connection
// in the provider's inbound registry (services/inbound.ts), which its NetworkPolicy reads.
import { IConstruct } from 'constructs';
import { namespaceKnown } from '../core/dns';
import { ConnectOptions, IServiceEndpoint } from '../services/endpoint';
import { Problems } from '../core/problems';
import { envVarName, serviceEnvPrefix } from '../core/names';
import { Protocol, ServicePortInfo } from '../core/ports';
import { isTlsScheme, portScheme } from '../services/scheme';
import { Connection, inboundOf, tlsHostOf } from '../services/inbound';

/** A container of a consumer that connectTo can set variables in. */
export interface ConsumerContainer {
  readonly name: string;
  /** Its plain variables, rendered at synth: connectTo adds to them. */
  readonly env: { [name: string]: string };
  /** Names set by `envValues` (Secrets, ConfigMaps, fields), which a connection may not reuse. */
  readonly envValueNames: string[];
}

/** The consumer side of connectTo: its containers' env and its connections. */
export interface ConsumerState {
  readonly kind: string;
  readonly scope: IConstruct;
  readonly namespace: string;
  readonly selector: { [key: string]: string };
  /** Whether the consumer's namespace is written (else kubectl or the GitOps tool picks it). */
  readonly namespaceKnown: boolean;
  /** Every container of the pods, the main container first. */
  readonly containers: ConsumerContainer[];
  readonly connections: Connection[];
  /** Service names whose injected variables the pods see (empty when service links are off). */
  readonly serviceLinks: () => string[];
}

/** Wires a consumer to a provider: env variables, and a recorded connection. */
export function connect(c: ConsumerState, provider: IServiceEndpoint, options: ConnectOptions = {}): Connection {
  const problems = new Problems(c.kind, c.scope);
  const field = 'connectTo';
  const port = pickPort(problems, field, provider, options);
  const prefix = options.prefix ?? serviceEnvPrefix(provider.serviceName);
  const sameNamespace = provider.namespace === c.namespace;
  const scheme = port ? portScheme(port) : undefined;
  // A TLS client checks the certificate against the host it connects to: give it the certificate's name.
  const tlsHost = isTlsScheme(scheme) ? tlsHostOf(provider) : undefined;
  const host = tlsHost ?? (options.shortName && sameNamespace ? provider.serviceName : provider.dnsName);
  const env: { [key: string]: string } = { [`${prefix}_HOST`]: host };
  if (port) {
    env[`${prefix}_PORT`] = String(port.port);
    if (scheme) env[`${prefix}_URL`] = `${scheme}://${host}:${port.port}`;
  }
  const rule = envVarName(`${prefix}_HOST`);
  if (rule) problems.add(`${field}.prefix`, prefix, `gives ${prefix}_HOST, which ${rule}`);
  const providerKnown = namespaceKnown(provider);
  if (c.namespaceKnown && !providerKnown) {
    problems.add(field, provider.node.path, `has no namespace written, so its DNS name "${provider.dnsName}" resolves only in the namespace it is applied to, which may not be "${c.namespace}": give it a namespace (or its chart one)`);
  } else if (!c.namespaceKnown && providerKnown && inboundOf(provider).length > 0) {
    problems.add(field, provider.node.path, `has a NetworkPolicy that must name this consumer's namespace, which is not written: give the consumer a namespace (or its chart one)`);
  }
  const targets = pickContainers(problems, `${field}.containers`, c, options.containers);
  const injected = injectedNames(c.serviceLinks());
  for (const name of Object.keys(env)) {
    for (const target of targets) checkFree(problems, field, provider, c, target, name);
    const link = injected.get(name);
    if (link) problems.add(field, provider.node.path, `sets ${name}, which Kubernetes injects for Service "${link}" while enableServiceLinks is true: pass another prefix`);
  }
  problems.throwIfAny();
  for (const target of targets) Object.assign(target.env, env);
  const connection: Connection = {
    consumer: c.scope, consumerNamespace: c.namespace, consumerSelector: c.selector, provider, port: port ?? { name: '', port: 0, protocol: Protocol.TCP }, env,
    containers: targets.map((t) => t.name),
  };
  c.connections.push(connection);
  if (port) for (const inbound of inboundOf(provider)) inbound.connections.push(connection);
  return connection;
}

/** The containers `names` picks (the main container when none are named), each named once and known. */
function pickContainers(problems: Problems, field: string, c: ConsumerState, names: string[] | undefined): ConsumerContainer[] {
  if (names === undefined) return c.containers.slice(0, 1);
  if (names.length === 0) problems.add(field, names, 'must name at least one container (leave it out for the main container)');
  const picked: ConsumerContainer[] = [];
  names.forEach((name, i) => {
    const found = c.containers.find((x) => x.name === name);
    if (!found) problems.add(`${field}[${i}]`, name, `is not a container of these pods (containers: ${c.containers.map((x) => x.name).join(', ')})`);
    else if (picked.includes(found)) problems.add(`${field}[${i}]`, name, 'is listed twice');
    else picked.push(found);
  });
  return picked;
}

/** Adds a problem when `name` is already set in the container by its own env or another connection. */
function checkFree(problems: Problems, field: string, provider: IServiceEndpoint, c: ConsumerState, target: ConsumerContainer, name: string): void {
  if (!(name in target.env) && !target.envValueNames.includes(name)) return;
  const owner = c.connections.find((x) => name in x.env && x.containers.includes(target.name));
  const existing = owner ? `connectTo '${owner.provider.node.path}'` : name in target.env ? 'env' : 'envValues';
  const where = target === c.containers[0] ? '' : ` in container "${target.name}"`;
  problems.add(field, provider.node.path, `sets ${name}${where}, which is already set by ${existing}: pass another prefix`);
}

/** The variables Kubernetes injects for Services (docker-links style), by name. */
function injectedNames(services: string[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const s of services) {
    const p = serviceEnvPrefix(s);
    for (const suffix of ['_SERVICE_HOST', '_SERVICE_PORT', '_PORT']) names.set(`${p}${suffix}`, s);
  }
  return names;
}

function pickPort(problems: Problems, field: string, provider: IServiceEndpoint, options: ConnectOptions): ServicePortInfo | undefined {
  const list = provider.ports.map((p) => (p.name ? `${p.port} (${p.name})` : String(p.port))).join(', ') || 'none';
  if (options.portName !== undefined) {
    const found = provider.ports.find((p) => p.name === options.portName);
    if (!found) problems.add(`${field}.portName`, options.portName, `is not a port of "${provider.serviceName}" (ports: ${list})`);
    return found;
  }
  if (options.port !== undefined) {
    const found = provider.ports.find((p) => p.port === options.port);
    if (!found) problems.add(`${field}.port`, options.port, `is not a port of "${provider.serviceName}" (ports: ${list})`);
    return found;
  }
  return provider.ports[0];
}
