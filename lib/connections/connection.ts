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

/** The consumer side of connectTo: its env (with the source of each variable) and connections. */
export interface ConsumerState {
  readonly kind: string;
  readonly scope: IConstruct;
  readonly namespace: string;
  readonly selector: { [key: string]: string };
  /** Whether the consumer's namespace is written (else kubectl or the GitOps tool picks it). */
  readonly namespaceKnown: boolean;
  readonly env: { [name: string]: string };
  /** Names set by `envValues` (Secrets, ConfigMaps, fields), which a connection may not reuse. */
  readonly envValueNames: string[];
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
  const injected = injectedNames(c.serviceLinks());
  for (const name of Object.keys(env)) {
    if (name in c.env || c.envValueNames.includes(name)) {
      const owner = c.connections.find((x) => name in x.env);
      const existing = owner ? `connectTo '${owner.provider.node.path}'` : name in c.env ? 'env' : 'envValues';
      problems.add(field, provider.node.path, `sets ${name}, which is already set by ${existing}: pass another prefix`);
    }
    const link = injected.get(name);
    if (link) problems.add(field, provider.node.path, `sets ${name}, which Kubernetes injects for Service "${link}" while enableServiceLinks is true: pass another prefix`);
  }
  problems.throwIfAny();
  Object.assign(c.env, env);
  const connection: Connection = {
    consumer: c.scope, consumerNamespace: c.namespace, consumerSelector: c.selector, provider, port: port ?? { name: '', port: 0, protocol: Protocol.TCP }, env,
  };
  c.connections.push(connection);
  if (port) for (const inbound of inboundOf(provider)) inbound.connections.push(connection);
  return connection;
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
