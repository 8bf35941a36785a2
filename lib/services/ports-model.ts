import { Problems } from '../core/problems';
import { ianaPortName, qualifiedName } from '../core/names';
import { defaultPortName } from './scheme';
import { NodePortRange, PortOptions, Protocol, ServicePortInfo } from '../core/ports';
import type { K8sServicePort } from '../core/k8s';

export const DEFAULT_NODE_PORT_RANGE: NodePortRange = { min: 30000, max: 32767 };

/** The single-port shorthand props shared by the constructs that own a Service. */
export interface SinglePortInput extends PortOptions {
  readonly nodePort?: number;
}

export interface PortRules {
  /** Whether node ports may be given (NodePort and LoadBalancer Services). */
  readonly nodePortsAllowed: boolean;
  /** Explains why not, e.g. `is only allowed with serviceType NodePort or LoadBalancer (got ClusterIP)`. */
  readonly nodePortRule: string;
  readonly nodePortRange: NodePortRange;
  readonly defaultPort: number;
  /** Whether an Ingress or HTTPRoute sends HTTP to the (single) port: its default name is then `http`. */
  readonly httpRouted?: boolean;
}

/** A port after resolution; it has the shape of ServicePortInfo, so constructs hand it out as is. */
export interface ResolvedPort extends ServicePortInfo {
  /** Always known after resolution. */
  readonly targetPort: number;
}

export function isPortNumber(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 65535;
}

export const PORT_RULE = 'is not a valid port: it must be an integer in 1-65535';

export const APP_PROTOCOL_RULE = 'is not a valid appProtocol: an IANA service name (http, https, grpc) or a domain-prefixed name (kubernetes.io/h2c, example.com/proto), as a label key';

/** Turns the single-port shorthand or the `ports` list into one normalised, validated list. */
export function resolvePorts(input: SinglePortInput, rules: PortRules, problems: Problems): ResolvedPort[] {
  const single = input.port !== undefined || input.containerPort !== undefined || input.portName !== undefined
    || input.protocol !== undefined || input.nodePort !== undefined || input.appProtocol !== undefined;
  if (input.ports !== undefined && single) {
    problems.add('ports', input.ports.map((p) => p.name), 'cannot be combined with port, containerPort, portName, protocol, appProtocol or nodePort: use one form');
  }
  let list: PortSpec[];
  if (input.ports !== undefined) {
    if (input.ports.length === 0) problems.add('ports', [], 'must list at least one port');
    list = input.ports.map((spec, i) => ({ ...spec, field: `ports[${i}].` }));
  } else {
    const port = input.port ?? rules.defaultPort;
    list = [{
      field: '',
      name: input.portName ?? defaultPortName(input.protocol ?? Protocol.TCP, port, input.containerPort, rules.httpRouted ?? false),
      port,
      containerPort: input.containerPort,
      protocol: input.protocol,
      nodePort: input.nodePort,
      appProtocol: input.appProtocol,
    }];
  }
  return resolvePortSpecs(list, rules, problems);
}

/** One port to resolve, with the prefix of its fields in messages (`ports[1].`, or '' for the single-port props). */
export interface PortSpec {
  readonly field: string;
  /** Required when there are several ports. */
  readonly name?: string;
  readonly port: number;
  readonly containerPort?: number;
  /** How the target port's field is called in messages. @default 'containerPort' */
  readonly targetField?: string;
  readonly protocol?: Protocol;
  readonly nodePort?: number;
  readonly appProtocol?: string;
}

/** Validates ports (numbers, names, protocols, node ports, uniqueness) into resolved ports. */
export function resolvePortSpecs(specs: PortSpec[], rules: PortRules, problems: Problems): ResolvedPort[] {
  const resolved = specs.map((spec) => resolveOne(spec, specs.length, rules, problems));
  checkUnique(resolved, specs.map((s) => s.field), problems);
  return resolved;
}

function resolveOne(spec: PortSpec, count: number, rules: PortRules, problems: Problems): ResolvedPort {
  const field = spec.field;
  const nameField = field ? `${field}name` : 'portName';
  if (spec.name === undefined) {
    if (count > 1) problems.add(nameField, '', 'is required when a Service has several ports');
  } else {
    const nameRule = ianaPortName(spec.name);
    if (nameRule) problems.add(nameField, spec.name, nameRule);
  }
  if (!isPortNumber(spec.port)) problems.add(`${field}port`, spec.port, PORT_RULE);
  const targetPort = spec.containerPort ?? spec.port;
  if (spec.containerPort !== undefined && !isPortNumber(spec.containerPort)) {
    problems.add(`${field}${spec.targetField ?? 'containerPort'}`, spec.containerPort, PORT_RULE);
  }
  const protocol = spec.protocol ?? Protocol.TCP;
  // Not left to the shape checks: a Service's ports may come from an IPodSource's podPorts, which
  // code in another language or plain JavaScript implements and no shape check sees.
  if (!Object.values(Protocol).includes(protocol)) {
    problems.add(`${field}protocol`, protocol, 'is not a valid protocol: use TCP, UDP or SCTP');
  }
  if (spec.nodePort !== undefined) {
    const { min, max } = rules.nodePortRange;
    if (!rules.nodePortsAllowed) {
      problems.add(`${field}nodePort`, spec.nodePort, rules.nodePortRule);
    } else if (!Number.isInteger(spec.nodePort) || spec.nodePort < min || spec.nodePort > max) {
      problems.add(`${field}nodePort`, spec.nodePort, `is outside ${min}-${max}`);
    }
  }
  if (spec.appProtocol !== undefined && qualifiedName(spec.appProtocol) !== undefined) {
    problems.add(`${field}appProtocol`, spec.appProtocol, APP_PROTOCOL_RULE);
  }
  return { name: spec.name ?? '', port: spec.port, targetPort, protocol, nodePort: spec.nodePort, appProtocol: spec.appProtocol };
}

function checkUnique(ports: ResolvedPort[], fields: string[], problems: Problems): void {
  const names = new Map<string, number>();
  const numbers = new Map<string, number>();
  const nodePorts = new Map<string, number>();
  ports.forEach((p, i) => {
    const dupName = p.name === '' ? undefined : names.get(p.name);
    if (dupName !== undefined) problems.add(`${fields[i]}name`, p.name, `is already used by ports[${dupName}]: port names must be unique`);
    else if (p.name !== '') names.set(p.name, i);
    const key = `${p.port}/${p.protocol}`;
    const dupNumber = numbers.get(key);
    if (dupNumber !== undefined) problems.add(`${fields[i]}port`, p.port, `is already used by ports[${dupNumber}] for ${p.protocol}: a port number may appear once per protocol`);
    else numbers.set(key, i);
    if (p.nodePort !== undefined) {
      const nodeKey = `${p.nodePort}/${p.protocol}`;
      const dupNode = nodePorts.get(nodeKey);
      if (dupNode !== undefined) problems.add(`${fields[i]}nodePort`, p.nodePort, `is already used by ports[${dupNode}] for ${p.protocol}`);
      else nodePorts.set(nodeKey, i);
    }
  });
}

/** The container ports behind a Service's ports: one per (number, protocol), first name wins. */
export function containerPorts(ports: ResolvedPort[]): Array<{ name: string; containerPort: number; protocol: Protocol }> {
  const seen = new Set<string>();
  const out: Array<{ name: string; containerPort: number; protocol: Protocol }> = [];
  for (const p of ports) {
    const key = `${p.targetPort}/${p.protocol}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ name: p.name, containerPort: p.targetPort, protocol: p.protocol });
  }
  return out;
}

/** The Service `spec.ports` entries; the defaulted protocol TCP is left out, targetPort always shown. */
export function renderServicePorts(ports: ResolvedPort[]): object[] {
  return ports.map((p) => ({
    name: p.name,
    port: p.port,
    targetPort: p.targetPort,
    protocol: p.protocol === Protocol.TCP ? undefined : p.protocol,
    appProtocol: p.appProtocol,
    nodePort: p.nodePort,
  } satisfies K8sServicePort));
}
