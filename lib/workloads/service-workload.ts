import { PatternObject } from '../core/api-object';
import { checkShape } from '../core/shape';
import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { connect, Connection, connectionEnvOf, PolicyPeer, watchInbound } from '../connections/connection';
import { networkPolicyObject } from '../connections/network-policy';
import { PatternWarnings } from '../core/warnings';
import { watchReferences } from '../core/reference-notes';
import { linkSources } from '../config/ref-model';
import { ConnectOptions, IServiceEndpoint } from '../services/endpoint';
import { consumerState, renderDeploymentSpec, ResolvedWorkload, scaleText } from './pod-template';
import { namespaceKnown } from '../core/dns';
import { ServicePortInfo } from '../services/ports';
import { Problems } from '../core/problems';
import { AddServiceOptions, IPodSource, PodPortInfo, Service } from '../services/service';

/**
 * What ExposedApp and HeadlessGroup share: pods behind a Service of their own, which can be
 * wired to other Services (`connectTo`) and reached by them.
 */
export abstract class ServiceWorkload extends Construct implements IServiceEndpoint, IPodSource {
  public abstract readonly serviceName: string;
  public abstract readonly namespace: string;
  public abstract readonly dnsName: string;
  public abstract readonly port: number;
  public abstract readonly ports: ServicePortInfo[];
  /** Labels the Service and the workload select pods by. */
  public abstract readonly selector: { [key: string]: string };

  /** Every label of the pods (the recommended labels and the `labels` prop). */
  public abstract readonly podLabels: { [key: string]: string };

  /** @internal */
  protected abstract readonly _workload: ResolvedWorkload;

  /**
   * The namespace written into the objects' metadata: null when none was chosen (kubectl's).
   * @internal
   */
  public abstract readonly _metadataNamespace: string | null;

  /** Namespace of the pods (IPodSource). */
  public get podNamespace(): string {
    return this.namespace;
  }

  /** Labels that select the pods (IPodSource): the Service's selector. */
  public get podSelector(): { [key: string]: string } {
    return this.selector;
  }

  /** Every container port of the pods, main container first (IPodSource). */
  public get podPorts(): PodPortInfo[] | undefined {
    const w = this._workload;
    const ports = [...w.mainPorts];
    for (const c of [...w.initContainers, ...w.extraContainers]) ports.push(...c.ports);
    return ports.map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: p.protocol }));
  }

  /**
   * Another Service in front of these pods, e.g. a NodePort or headless one beside the first:
   * `app.addService({ name: 'web-nodeport', serviceType: ServiceType.NODE_PORT })`. Its ports
   * default to this workload's Service ports, targeting the same named container ports.
   */
  public addService(options: AddServiceOptions): Service {
    checkShape('ServiceWorkload.addService', [options], this.constructor.name, this);
    if (!options || typeof options.name !== 'string') {
      const problems = new Problems(this.constructor.name, this);
      problems.add('addService.name', options?.name, 'is required: the name of the new Service');
      throw problems.error();
    }
    return new Service(this, options.name, { ...options, pods: this });
  }

  /**
   * Wires these pods to `provider`: sets `<PREFIX>_HOST`, `<PREFIX>_PORT` and, where the scheme
   * is known, `<PREFIX>_URL` in the container, and records the connection for NetworkPolicies and
   * the topology picture. Returns the variables set.
   */
  public connectTo(provider: IServiceEndpoint, options: ConnectOptions = {}): { [key: string]: string } {
    checkShape('ServiceWorkload.connectTo', [provider, options], this.constructor.name, this);
    return connect(consumerState(this.constructor.name, this, this.namespace, namespaceKnown(this), this.selector, this._workload), provider, options).env;
  }

  /** `{ <PREFIX>_HOST, <PREFIX>_PORT }` for app code that reads this Service from its environment. */
  public connectionEnv(prefix?: string): { [key: string]: string } {
    checkShape('ServiceWorkload.connectionEnv', [prefix], this.constructor.name, this);
    return connectionEnvOf(this, this.constructor.name, prefix);
  }

  /**
   * A Deployment of the pods. Its spec renders at synth (connectTo may still add variables);
   * the closure is made here so that it keeps only what it needs, not the caller's locals.
   * @internal
   */
  protected _deploymentObject(metadata: object, labels: { [key: string]: string }): ApiObject {
    return new PatternObject(this, 'Deployment', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata,
      spec: Lazy.any({ produce: () => renderDeploymentSpec(this._workload, labels, this.selector) }),
    });
  }

  /**
   * Prints and records the warnings of the resolved workload (e.g. root images under RESTRICTED).
   * @internal
   */
  protected _warn(kind: string): void {
    for (const w of this._workload.warnings) PatternWarnings._add(this, kind, w);
    linkSources(this, kind, this._workload.sources, this.namespace, this._workload.production.autoscaling?.max ?? this._workload.replicas);
    watchReferences(this);
  }

  /**
   * The NetworkPolicy of the pods, from the connections recorded until synth.
   * @internal
   */
  protected _networkPolicyObject(metadata: object, o: { externallyExposed: boolean; peers: boolean; ingressControllerNamespace: string }): ApiObject {
    const { externallyExposed, peers, ingressControllerNamespace } = o;
    const inbound = watchInbound(this);
    return networkPolicyObject(this, metadata, () => ({
      namespace: this.namespace,
      selector: this.selector,
      ports: this.ports,
      connections: this._workload.connections,
      inbound,
      externallyExposed,
      peers,
      ingressControllerNamespace,
    }));
  }

  /** @internal */
  public _policyPeer(): PolicyPeer {
    return { pods: { namespace: this.namespace, selector: this.selector } };
  }

  /** @internal */
  public get _scale(): string {
    return scaleText(this._workload);
  }

  /** @internal */
  public get _connections(): Connection[] {
    return this._workload.connections;
  }
}
