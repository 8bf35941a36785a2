import { ApiObject, Lazy } from 'cdk8s';
import { PatternObject } from '../core/api-object';
import { Construct } from 'constructs';
import { checkShape } from '../core/shape';
import { connect } from '../connections/connection';
import { Connection, PolicyPeer, watchInbound } from '../services/inbound';
import { TopologyPart, workloadPart } from '../core/topology-part';
import { networkPolicyObject, policySettings } from '../connections/network-policy';
import { PatternDefaults, PatternDefaultsProps } from '../core/defaults';
import { IdentityOptions } from '../core/identity';
import { resolveIdentity } from '../core/identity-model';
import { recommendedLabels, selectorLabels } from '../core/labels';
import { dns1123Label } from '../core/names';
import { noteNamespace } from '../core/namespace-notes';
import { Problems } from '../core/problems';
import { watchReferences } from '../core/reference-notes';
import { linkSources } from '../config/ref-model';
import { claimName } from '../core/registry';
import { PatternWarnings } from '../core/warnings';
import { ConnectOptions, IServiceEndpoint } from '../services/endpoint';
import { ResolvedPort } from '../services/ports-model';
import { IPodSource, PodPortInfo } from '../services/service';
import { consumerState, renderDeploymentSpec, ResolvedWorkload, resolveWorkload, scaleText } from './pod-template';
import { claimObjectName, claimProductionNames, productionObjects } from './production';
import { ObjectNames, WorkloadOptions } from './workload';
import { PatternMetadata, PatternSpec, ResolvedPattern } from './pattern-spec';

/**
 * The state every pod-owning pattern has once built.
 * @internal
 */
interface PodState {
  readonly namespace: string;
  /** Kind of the workload object (Deployment, StatefulSet). */
  readonly workloadKind: string;
  readonly workloadName: string;
  readonly selector: { [key: string]: string };
  readonly podLabels: { [key: string]: string };
  readonly metadataNamespace: string | null;
  /** Whether the objects are written with a namespace (own or the chart's), else kubectl picks it. */
  readonly namespaceWritten: boolean;
  readonly workload: ApiObject;
  readonly disruptionBudget?: ApiObject;
  readonly autoscaler?: ApiObject;
  readonly networkPolicy?: ApiObject;
}

/**
 * The base of every construct that writes pods (ExposedApp, HeadlessGroup, DeployedApp, Job,
 * CronJob). It owns
 * the pipeline they share, in this order: identity and names, ports, the pod model, the checks of
 * every prop (collected into one error), name claims, then the objects: the Service (when the
 * pattern has one), the workload, the production objects (PodDisruptionBudget,
 * HorizontalPodAutoscaler), the NetworkPolicy and the HTTP routes. A pattern adds only its
 * workload object and its own checks (`PatternSpec`). Its pods can `connectTo` Services and be
 * selected by other Services (`IPodSource`).
 */
export abstract class PodWorkload extends Construct implements IPodSource {
  /** @internal */
  protected _pods!: PodState;
  /** @internal */
  protected _workload!: ResolvedWorkload;

  /** Namespace of the objects. */
  public get namespace(): string {
    return this._pods.namespace;
  }

  /** Name of the workload object (Deployment, StatefulSet, Job or CronJob). */
  public get workloadName(): string {
    return this._pods.workloadName;
  }

  /** Labels the workload (and any Service) select the pods by. */
  public get selector(): { [key: string]: string } {
    return this._pods.selector;
  }

  /** Every label of the pods (the recommended labels and the `labels` prop). */
  public get podLabels(): { [key: string]: string } {
    return this._pods.podLabels;
  }

  /** The PodDisruptionBudget, when there are two or more replicas (and it is not switched off). */
  public get disruptionBudget(): ApiObject | undefined {
    return this._pods.disruptionBudget;
  }

  /** The HorizontalPodAutoscaler, when `autoscaling` is given. */
  public get autoscaler(): ApiObject | undefined {
    return this._pods.autoscaler;
  }

  /** The NetworkPolicy, when `networkPolicy` (or the chart-wide default) is on. */
  public get networkPolicy(): ApiObject | undefined {
    return this._pods.networkPolicy;
  }

  /** Namespace of the pods (IPodSource). */
  public get podNamespace(): string {
    return this.namespace;
  }

  /** Labels that select the pods (IPodSource). */
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
   * The object the pods are written into (Deployment, StatefulSet, Job, CronJob): the one whose
   * references are the pods' (core/reference-notes.ts).
   * @internal
   */
  public get _workloadObject(): ApiObject {
    return this._pods.workload;
  }

  /**
   * The namespace written into the objects' metadata: null when none was chosen (kubectl's).
   * @internal
   */
  public get _metadataNamespace(): string | null {
    return this._pods.metadataNamespace;
  }

  /**
   * Wires these pods to `provider`: sets `<PREFIX>_HOST`, `<PREFIX>_PORT` and, where the scheme
   * is known, `<PREFIX>_URL` in the container, and records the connection for NetworkPolicies and
   * the topology picture. Returns the variables set.
   */
  public connectTo(provider: IServiceEndpoint, options: ConnectOptions = {}): { [key: string]: string } {
    checkShape('PodWorkload.connectTo', [provider, options], this.constructor.name, this);
    const state = consumerState(this.constructor.name, this, this.namespace, this._pods.namespaceWritten, this.selector, this._workload);
    return connect(state, provider, options).env;
  }

  /**
   * The shared pipeline: resolves and checks everything, throws one error listing every problem,
   * then writes the objects.
   * @internal
   */
  protected _build(props: WorkloadOptions & IdentityOptions, spec: PatternSpec): ResolvedPattern {
    const problems = new Problems(spec.kind, this);
    const defaults = PatternDefaults.of(this);
    const identity = resolveIdentity(this, props, defaults, problems);
    const ports = this._resolvePorts(problems, defaults);
    const workloadName = spec.workloadName?.value ?? identity.name;
    if (spec.workloadName !== undefined) {
      const rule = dns1123Label(spec.workloadName.value);
      if (rule) problems.add(spec.workloadName.field, spec.workloadName.value, rule);
    }
    const workload = resolveWorkload(props, defaults, ports, { ...spec.context, name: workloadName }, problems);
    const resolved: ResolvedPattern = { defaults, identity, workloadName, ports, workload, names: props.names ?? {} };
    spec.check?.(problems, resolved);
    for (const [field, kind] of unusedNames(spec)) {
      const name = resolved.names[field];
      if (name !== undefined) problems.add(`names.${field}`, name, `is not used: a ${spec.kind} writes no ${kind}`);
    }
    this._checkExposure(problems, resolved);
    const policy = policySettings(props.networkPolicy, defaults, problems);
    this._claimNames(problems, resolved, spec, policy.enabled);
    problems.throwIfAny();

    this._workload = workload;
    const podLabels = recommendedLabels(identity.labels, props.labels);
    const selector = selectorLabels(identity.labels);
    const metadata: PatternMetadata = { name: identity.name, namespace: identity.metadataNamespace, labels: podLabels };
    const workloadMetadata = { ...metadata, name: workloadName };
    noteNamespace(this, identity.writtenNamespace, workload.podSecurity);
    // The Service first: pods started after it get its environment variables, and GitOps tools
    // apply in file order.
    this._pods = { namespace: identity.namespace, workloadKind: spec.workloadKind, workloadName, selector, podLabels, metadataNamespace: identity.metadataNamespace ?? null, namespaceWritten: identity.writtenNamespace !== undefined, workload: undefined! };
    this._renderService(resolved, metadata);
    const object = spec.render(workloadMetadata, podLabels);
    const names = resolved.names;
    const extras = productionObjects(this, workload.production, workloadMetadata, selector, { kind: spec.workloadKind, name: workloadName }, names);
    const networkPolicy = policy.enabled ? this._networkPolicyObject(
      names.networkPolicy === undefined ? workloadMetadata : { ...workloadMetadata, name: names.networkPolicy },
      { peers: spec.peers ?? false, ingressControllerNamespace: policy.controllerNamespace }) : undefined;
    this._pods = { ...this._pods, workload: object, ...extras, networkPolicy };
    this._renderExposure(resolved, metadata);
    for (const w of workload.warnings) PatternWarnings._add(this, spec.kind, w);
    linkSources(this, spec.kind, workload.sources, identity.namespace, workload.production.autoscaling?.max ?? workload.replicas);
    watchReferences(this);
    return resolved;
  }

  /**
   * The Service ports of the pattern; none for pods without a Service.
   * @internal
   */
  protected _resolvePorts(_problems: Problems, _defaults: PatternDefaultsProps): ResolvedPort[] {
    return [];
  }

  /**
   * Checks of what exposes the pods (Service, Ingress, HTTPRoute).
   * @internal
   */
  protected _checkExposure(_problems: Problems, _resolved: ResolvedPattern): void {
  }

  /**
   * Claims the names of what exposes the pods.
   * @internal
   */
  protected _claimExposure(_problems: Problems, _resolved: ResolvedPattern): void {
  }

  /**
   * Writes the Service in front of the pods, before the workload.
   * @internal
   */
  protected _renderService(_resolved: ResolvedPattern, _metadata: PatternMetadata): void {
  }

  /**
   * Writes the HTTP routes to the pods' Service, after the workload and its policy.
   * @internal
   */
  protected _renderExposure(_resolved: ResolvedPattern, _metadata: PatternMetadata): void {
  }

  /**
   * Whether the pods take traffic from outside the cluster (their NetworkPolicy admits any source).
   * @internal
   */
  protected _externallyExposed(): boolean {
    return false;
  }

  /** Claims the names of everything the pattern writes, so that two constructs cannot write the same object. */
  private _claimNames(problems: Problems, r: ResolvedPattern, spec: PatternSpec, networkPolicy: boolean): void {
    const ns = r.identity.namespace;
    claimName(this, problems, spec.workloadName !== undefined ? spec.workloadName.field : 'name', spec.workloadKind, ns, r.workloadName);
    if (networkPolicy) claimObjectName(this, problems, 'NetworkPolicy', ns, r.workloadName, r.names.networkPolicy, 'names.networkPolicy');
    claimProductionNames(this, problems, r.workload.production, ns, r.workloadName, r.names);
    this._claimExposure(problems, r);
  }

  /** The NetworkPolicy of the pods, from the connections recorded until synth. */
  private _networkPolicyObject(metadata: object, o: { peers: boolean; ingressControllerNamespace: string }): ApiObject {
    const inbound = watchInbound(this as unknown as IServiceEndpoint);
    return networkPolicyObject(this, metadata, () => ({
      namespace: this.namespace,
      selector: this.selector,
      ports: this._servicePorts(),
      connections: this._workload.connections,
      inbound,
      externallyExposed: this._externallyExposed(),
      peers: o.peers,
      ingressControllerNamespace: o.ingressControllerNamespace,
    }));
  }

  /**
   * The ports the pods' own Service opens (the NetworkPolicy admits its clients to them).
   * @internal
   */
  protected _servicePorts(): ResolvedPort[] {
    return [];
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

  /** @internal */
  public _policyPeer(): PolicyPeer {
    return { pods: { namespace: this.namespace, selector: this.selector } };
  }

  /**
   * What the topology picture draws: the workload (and its Service), and the connections of its pods.
   * @internal
   */
  public _topology(): TopologyPart {
    return workloadPart({
      path: this.node.path, namespace: this.namespace, kind: this._pods.workloadKind, workloadName: this.workloadName,
      scale: this._scaleText(), connections: this._workload.connections, ...this._serviceDrawing(),
    });
  }

  /**
   * What the topology picture writes under the workload's name: its replicas, or how it runs.
   * @internal
   */
  protected _scaleText(): string {
    return scaleText(this._workload);
  }

  /**
   * The pattern's own Service, for the topology picture.
   * @internal
   */
  protected _serviceDrawing(): { serviceName?: string; serviceDetail?: string } {
    return {};
  }

  /** @internal */
  public get _connections(): Connection[] {
    return this._workload.connections;
  }
}

/** The `names` fields a pattern does not use, with the kind of object it does not write. */
function unusedNames(spec: PatternSpec): Array<[keyof ObjectNames, string]> {
  const out: Array<[keyof ObjectNames, string]> = [];
  if (!spec.routesHttp) out.push(['httpRoute', 'HTTPRoute'], ['ingress', 'Ingress']);
  if (spec.context?.runsToCompletion) out.push(['disruptionBudget', 'PodDisruptionBudget'], ['autoscaler', 'HorizontalPodAutoscaler']);
  return out;
}
