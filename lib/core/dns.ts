/** The cluster domain; clusters that change `--cluster-domain` are rare. */
export const CLUSTER_DOMAIN = 'cluster.local';

/**
 * `<service>.<namespace>.svc.cluster.local`; just `<service>` when the namespace is not written
 * (left to `kubectl -n` or the GitOps tool), as the full name could then be wrong.
 */
export function serviceDnsName(serviceName: string, namespace: string | undefined): string {
  return namespace === undefined ? serviceName : `${serviceName}.${namespace}.svc.${CLUSTER_DOMAIN}`;
}

/** Whether an endpoint's namespace is written (its DNS name is then the full one). */
export function namespaceKnown(endpoint: { readonly dnsName: string; readonly serviceName: string }): boolean {
  return endpoint.dnsName !== endpoint.serviceName;
}
