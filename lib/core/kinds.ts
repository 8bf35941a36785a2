/** Kinds that live outside namespaces (metadata.namespace must not be set). */
export const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace', 'ClusterRole', 'ClusterRoleBinding', 'IngressClass', 'StorageClass', 'PersistentVolume',
  'CustomResourceDefinition', 'GatewayClass', 'Node', 'PriorityClass', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration',
]);
