import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { brand, hasBrand } from '../core/brand';
import { IdentityOptions } from '../core/identity';
import { checkShape, checkedScope } from '../core/shape';
import { PodWorkload } from './pod-workload';
import { WorkloadOptions } from './workload';

/** Props of a DeployedApp: a Deployment with no Service of its own. */
export interface DeployedAppProps extends WorkloadOptions, IdentityOptions {
}

/**
 * A Deployment with no Service of its own, with the same pod model, secure defaults and checks
 * as ExposedApp: background workers, or the tracks (stable, canary) of one `Service` over
 * `PodSource.fromTracks`. Name container ports with `extraPorts` for Services to target them; the
 * first TCP one gets the default readiness probe.
 */
export class DeployedApp extends PodWorkload {
  /** Whether `x` is a DeployedApp (made by any copy of this package). */
  public static isDeployedApp(x: unknown): x is DeployedApp {
    return hasBrand(x, 'DeployedApp');
  }

  /** The Deployment (patch it with `addJsonPatch`). */
  public readonly deployment: ApiObject;

  /**
   * @param scope the chart or construct this one belongs to
   * @param id the construct id; unless a name is given, also the name of the objects written
   * @param props what to write, see `DeployedAppProps`
   */
  constructor(scope: Construct, id: string, props: DeployedAppProps) {
    super(checkedScope('new DeployedApp', scope, id), id);
    checkShape('new DeployedApp', [scope, id, props], 'DeployedApp', this);
    let deployment: ApiObject | undefined;
    this._build(props, {
      kind: 'DeployedApp',
      workloadKind: 'Deployment',
      render: (metadata, labels) => (deployment = this._deploymentObject(metadata, labels)),
    });
    this.deployment = deployment!;
  }
}

brand(DeployedApp.prototype, 'DeployedApp');
