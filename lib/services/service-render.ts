import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PatternObject } from '../core/api-object';
import { nonEmptyMap } from '../core/collections';
import { renderServiceSpec, ServiceOptions, ServiceType } from './service-spec';
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

/** The one Service in front of pods: ExposedApp's and HeadlessGroup's own, and the Service construct. */
export function serviceObject(scope: Construct, id: string, s: {
  metadata: { name: string; namespace?: string; labels: { [key: string]: string } };
  annotations?: { [key: string]: string };
  options: ServiceOptions;
  type: ServiceType;
  selector: { [key: string]: string };
  ports: object[];
  headless: boolean;
  publishNotReadyAddresses: boolean;
}): ApiObject {
  return new PatternObject(scope, id, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { ...s.metadata, annotations: nonEmptyMap(s.annotations) },
    spec: renderServiceSpec(s.options, s.type, s.selector, s.ports, {
      clusterIP: s.headless ? 'None' : undefined,
      publishNotReadyAddresses: s.publishNotReadyAddresses ? true : undefined,
    }),
  });
}
