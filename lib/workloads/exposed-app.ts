import { checkShape, checkedScope } from '../core/shape';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ServiceWorkload } from './service-workload';
import { HttpRouteOptions } from '../routing/gateway-route';
import { IdentityOptions } from '../core/identity';
import { PortOptions } from '../core/ports';
import { ServiceOptions, ServiceType } from '../services/service-spec';
import { IngressOptions, IngressRouter } from '../routing/ingress-router';
import { WorkloadOptions } from './workload';
import { brand, hasBrand } from '../core/brand';

/** Props of an ExposedApp: a Deployment and the Service that exposes it. */
export interface ExposedAppProps extends WorkloadOptions, IdentityOptions, PortOptions, ServiceOptions {
  /**
   * Fixed node port (NodePort and LoadBalancer only).
   * @default - Kubernetes allocates one
   */
  readonly nodePort?: number;
  /**
   * Name of the Deployment (a DNS-1123 label), when it differs from the Service's (`name`).
   * @default - the Service's name
   */
  readonly workloadName?: string;
  /**
   * Expose the app over HTTP(S) through an Ingress of its own or a shared IngressRouter.
   * @default - no Ingress
   */
  readonly ingress?: IngressOptions;
  /**
   * Expose the app through a Gateway API HTTPRoute attached to a Gateway.
   * @default - no HTTPRoute
   */
  readonly route?: HttpRouteOptions;
}

/**
 * A Deployment plus the Service that exposes it, with secure defaults: pods pass the
 * `restricted` Pod Security Standard, get requests and a memory limit, and a readiness probe.
 */
export class ExposedApp extends ServiceWorkload {
  /** Whether `x` is an ExposedApp (made by any copy of this package). */
  public static isExposedApp(x: unknown): x is ExposedApp {
    return hasBrand(x, 'ExposedApp');
  }

  /** The Deployment (patch it with `addJsonPatch`). */
  public readonly deployment: ApiObject;
  /** The type of the Service. */
  public readonly serviceType: ServiceType;
  /** The Ingress that routes to this app (its own or its router's), when `ingress` was given. */
  public readonly ingress?: ApiObject;
  /** The Gateway API HTTPRoute, when `route` was given. */
  public readonly httpRoute?: ApiObject;
  /** The shared router that holds the app's route, when `ingress.router` was given. */
  public readonly ingressRouter?: IngressRouter;

  /**
   * @param scope the chart or construct this one belongs to
   * @param id the construct id; unless a name is given, also the name of the objects written
   * @param props what to write, see `ExposedAppProps`
   */
  constructor(scope: Construct, id: string, props: ExposedAppProps) {
    super(checkedScope('new ExposedApp', scope, id), id);
    checkShape('new ExposedApp', [scope, id, props], 'ExposedApp', this);
    const serviceType = props.serviceType ?? ServiceType.CLUSTER_IP;
    let deployment: ApiObject | undefined;
    this._buildWithService(props, {
      kind: 'ExposedApp',
      workloadKind: 'Deployment',
      routesHttp: true,
      workloadName: props.workloadName === undefined ? undefined : { value: props.workloadName, field: 'workloadName' },
      render: (metadata, labels) => (deployment = this._deploymentObject(metadata, labels)),
    }, {
      type: serviceType,
      ports: props,
      options: props,
      portRules: {
        nodePortsAllowed: serviceType !== ServiceType.CLUSTER_IP,
        nodePortRule: `is only allowed with serviceType NodePort or LoadBalancer (got ${serviceType})`,
        nodePortRange: props.nodePortRange,
        defaultPort: 80,
        httpRouted: props.ingress !== undefined || props.route !== undefined,
      },
      singleNodePortField: props.ports ? undefined : 'nodePort',
      ingress: props.ingress,
      route: props.route,
    });
    this.deployment = deployment!;
    this.serviceType = serviceType;
    this.ingress = this._ingress;
    this.httpRoute = this._route;
    this.ingressRouter = props.ingress?.router;
  }

  /**
   * The address clients outside the cluster use, e.g. `https://shop.example.com/`: https when a
   * TLS certificate of the Ingress covers the host. Undefined without an Ingress host, or for a
   * wildcard host.
   */
  public get externalUrl(): string | undefined {
    return this._externalUrl();
  }
}

brand(ExposedApp.prototype, 'ExposedApp');
