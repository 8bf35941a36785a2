/** The cluster domain; clusters that change `--cluster-domain` are rare. */
export const CLUSTER_DOMAIN = 'cluster.local';

/** `<service>.<namespace>.svc.cluster.local` */
export function serviceDnsName(serviceName: string, namespace: string): string {
  return `${serviceName}.${namespace}.svc.${CLUSTER_DOMAIN}`;
}

/** The URL scheme for a port: https for 443 or a port named https, else by protocol. */
export function urlScheme(portName: string, port: number, protocol: string): string {
  if (protocol !== 'TCP') return protocol.toLowerCase();
  return port === 443 || portName === 'https' ? 'https' : 'http';
}
