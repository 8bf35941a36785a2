import { ServicePortInfo } from '../core/ports';
import type { K8sServicePort } from '../core/k8s';

/** Ports of an ExternalName Service: kept for consumers that read them, without targetPort. */
export function externalNamePorts(ports: ServicePortInfo[]): object[] | undefined {
  if (ports.length === 0) return undefined;
  return ports.map((p) => ({
    name: p.name || undefined,
    port: p.port,
    protocol: p.protocol === 'TCP' ? undefined : p.protocol,
    appProtocol: p.appProtocol,
  } satisfies K8sServicePort));
}
