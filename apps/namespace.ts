import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

/**
 * A Namespace for an example chart, written first in the chart's file so that
 * `kubectl apply -f dist/` creates it before the objects that live in it.
 */
export function exampleNamespace(scope: Construct, name: string, podSecurity = 'restricted'): ApiObject {
  return new ApiObject(scope, `Namespace-${name}`, {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'pod-security.kubernetes.io/enforce': podSecurity } },
  });
}
