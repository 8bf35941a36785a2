import { IConstruct } from 'constructs';
import { Problems } from './problems';

const CLAIMS = new WeakMap<IConstruct, Map<string, string>>();

function claimsOf(scope: IConstruct): Map<string, string> {
  const root = scope.node.root;
  let claims = CLAIMS.get(root);
  if (!claims) {
    claims = new Map();
    CLAIMS.set(root, claims);
  }
  return claims;
}

/**
 * Records that the construct at `scope` writes an object `kind/namespace/name`, and reports a
 * problem naming both construct paths when another construct of the same app already does.
 */
export function claimName(scope: IConstruct, problems: Problems, field: string, kind: string, namespace: string, name: string): void {
  const claims = claimsOf(scope);
  const key = `${kind}/${namespace}/${name}`;
  const owner = claims.get(key);
  if (owner !== undefined && owner !== scope.node.path) {
    problems.add(field, name, `clashes with '${owner}': both write ${kind} "${name}" in namespace "${namespace}"`);
    return;
  }
  claims.set(key, scope.node.path);
}

/** Node ports are cluster-wide: one number may belong to one Service of the whole app. */
export function claimNodePort(scope: IConstruct, problems: Problems, field: string, nodePort: number): void {
  const claims = claimsOf(scope);
  const key = `nodePort ${nodePort}`;
  const owner = claims.get(key);
  if (owner !== undefined && owner !== scope.node.path) {
    problems.add(field, nodePort, `is already used by '${owner}': node ports are cluster-wide`);
    return;
  }
  claims.set(key, scope.node.path);
}

/** Names of the Services this app writes into `namespace`. */
export function servicesIn(scope: IConstruct, namespace: string): string[] {
  const prefix = `Service/${namespace}/`;
  return [...claimsOf(scope).keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
}
