import { IConstruct } from 'constructs';
import { Problems } from './problems';

const CLAIMS = new WeakMap<IConstruct, Map<string, string>>();

/**
 * Records that the construct at `scope` writes an object `kind/namespace/name`, and reports a
 * problem naming both construct paths when another construct of the same app already does.
 */
export function claimName(scope: IConstruct, problems: Problems, field: string, kind: string, namespace: string, name: string): void {
  const root = scope.node.root;
  let claims = CLAIMS.get(root);
  if (!claims) {
    claims = new Map();
    CLAIMS.set(root, claims);
  }
  const key = `${kind}/${namespace}/${name}`;
  const owner = claims.get(key);
  if (owner !== undefined && owner !== scope.node.path) {
    problems.add(field, name, `clashes with '${owner}': both write ${kind} "${name}" in namespace "${namespace}"`);
    return;
  }
  claims.set(key, scope.node.path);
}
