import { IConstruct } from 'constructs';
import { namespaceKnown } from '../core/dns';
import { connectionLabel, podsNode, serviceNode } from '../core/topology-part';
import { Problems } from '../core/problems';
import { checkShape } from '../core/shape';
import { ConnectOptions, IServiceEndpoint } from '../services/endpoint';
import { IPodSource } from '../services/service';
import { connect } from './connection';
import { drawWith } from './topology';

/**
 * Connections from pods this library did not write: a cdk8s-plus workload
 * (`PodSource.fromPlusWorkload`), pods known by labels (`PodSource.fromLabels`), or any other
 * pod source. The library's own patterns (ExposedApp, HeadlessGroup, DeployedApp, Jobs) have
 * `connectTo`.
 */
export class PodConnections {
  /**
   * Records that `pods` connect to `provider`, so that the provider's NetworkPolicy admits them,
   * and returns the variables their containers need (`<PREFIX>_HOST`, `<PREFIX>_PORT`,
   * `<PREFIX>_URL`): set them in those pods yourself, since the library does not write them. For
   * a pattern of this library it is the pattern's `connectTo`, which also sets the variables.
   * @param scope the construct the connection belongs to, e.g. the cdk8s-plus workload, or the chart
   * @param pods the client pods
   * @param provider the Service they reach
   * @param options prefix and port, as for connectTo
   */
  public static connect(scope: IConstruct, pods: IPodSource, provider: IServiceEndpoint, options: ConnectOptions = {}): { [key: string]: string } {
    checkShape('PodConnections.connect', [scope, pods, provider, options]);
    const own = pods as { connectTo?: (p: IServiceEndpoint, o?: ConnectOptions) => { [key: string]: string }; _policyPeer?: unknown };
    if (typeof own.connectTo === 'function' && typeof own._policyPeer === 'function') return own.connectTo(provider, options);
    const problems = new Problems('PodConnections', scope);
    if (!pods || typeof pods.podSelector !== 'object' || Object.keys(pods.podSelector).length === 0) {
      problems.add('pods', pods, 'must be a pod source with a non-empty selector (PodSource.fromLabels, fromPlusWorkload, fromTracks, or a pattern of this library)');
    }
    if (options.containers !== undefined) {
      problems.add('options.containers', options.containers, 'can only be used with pods this library writes: set the returned variables in the containers yourself');
    }
    problems.throwIfAny();
    const namespace = pods.podNamespace || provider.namespace;
    const connection = connect({
      kind: 'PodConnections',
      scope,
      namespace,
      selector: pods.podSelector,
      // A pod source names its namespace when it knows it; else the pods share the provider's.
      namespaceKnown: pods.podNamespace !== '' || namespaceKnown(provider),
      containers: [],
      connections: [],
      serviceLinks: () => [],
    }, provider, options);
    // The pods appear in the topology picture, with a dashed edge to what they reach.
    const from = podsNode(namespace, pods.podSelector);
    drawWith(scope, { nodes: [from], edges: [], lateEdges: [{ from, to: serviceNode(provider.namespace, provider.serviceName), label: connectionLabel(connection), dashed: true }] });
    return connection.env;
  }

  private constructor() {}
}
