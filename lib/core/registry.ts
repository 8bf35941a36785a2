import { IConstruct } from 'constructs';
import { sharedWeakMap } from './brand';
import { Problems } from './problems';

/**
 * What the constructs of one app write: kind -> namespace -> name -> owner, and node ports.
 * Owners are kept as constructs (their paths are built only for an error message).
 */
interface Claims {
  readonly names: Map<string, Map<string, Map<string, IConstruct>>>;
  readonly nodePorts: Map<number, IConstruct>;
}

const CLAIMS = sharedWeakMap<IConstruct, Claims>('claims');

function claimsOf(scope: IConstruct): Claims {
  const root = scope.node.root;
  let claims = CLAIMS.get(root);
  if (!claims) {
    claims = { names: new Map(), nodePorts: new Map() };
    CLAIMS.set(root, claims);
  }
  return claims;
}

function namesIn(scope: IConstruct, kind: string, namespace: string): Map<string, IConstruct> {
  const byKind = claimsOf(scope).names;
  let byNamespace = byKind.get(kind);
  if (!byNamespace) {
    byNamespace = new Map();
    byKind.set(kind, byNamespace);
  }
  let names = byNamespace.get(namespace);
  if (!names) {
    names = new Map();
    byNamespace.set(namespace, names);
  }
  return names;
}

/**
 * Records that the construct at `scope` writes an object `kind/namespace/name`, and reports a
 * problem naming both construct paths when another construct of the same app already does.
 */
export function claimName(scope: IConstruct, problems: Problems, field: string, kind: string, namespace: string, name: string): void {
  const names = namesIn(scope, kind, namespace);
  const owner = names.get(name);
  if (owner !== undefined && owner !== scope) {
    problems.add(field, name, `clashes with '${owner.node.path}': both write ${kind} "${name}" in namespace "${namespace}"`);
    return;
  }
  names.set(name, scope);
}

/** Node ports are cluster-wide: one number may belong to one Service of the whole app. */
export function claimNodePort(scope: IConstruct, problems: Problems, field: string, nodePort: number): void {
  const nodePorts = claimsOf(scope).nodePorts;
  const owner = nodePorts.get(nodePort);
  if (owner !== undefined && owner !== scope) {
    problems.add(field, nodePort, `is already used by '${owner.node.path}': node ports are cluster-wide`);
    return;
  }
  nodePorts.set(nodePort, scope);
}

/** Names of the Services this app writes into `namespace`. */
export function servicesIn(scope: IConstruct, namespace: string): string[] {
  return [...namesIn(scope, 'Service', namespace).keys()];
}
