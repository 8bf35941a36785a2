import { ApiObject, Duration, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { PatternObject } from '../core/api-object';
import { brand, hasBrand } from '../core/brand';
import { IdentityOptions } from '../core/identity';
import { GitOpsHook, JobRestartPolicy } from '../core/job-options';
import { checkShape, checkedScope } from '../core/shape';
import { PatternWarnings } from '../core/warnings';
import { hookAnnotations, renderJobSpec, runsToCompletion, ResolvedJobSettings, resolveJobSettings } from './job-model';
import { PatternMetadata } from './pattern-spec';
import { PodWorkload } from './pod-workload';
import { PodOptions } from './workload';

/** How a Job runs its pods: retries, deadline, clean-up and how many pods. Shared by Job and CronJob. */
export interface JobOptions {
  /**
   * Failed attempts (pods, or container restarts with ON_FAILURE) before the Job is marked failed.
   * @default - Kubernetes' default (6)
   */
  readonly backoffLimit?: number;
  /**
   * How long the Job may run in all, retries included, before it is stopped and marked failed
   * (whole seconds, at least 1).
   * @default - no deadline
   */
  readonly activeDeadline?: Duration;
  /**
   * Delete the finished Job (and its pods) this long after it succeeded or failed (whole seconds,
   * 0 for at once). Under a GitOps tool that does not own the Job as a hook, a deleted Job is
   * created again at the next sync and runs again, so none is set by default.
   * @default - kept until deleted
   */
  readonly ttlAfterFinished?: Duration;
  /**
   * Pods that must succeed for the Job to succeed.
   * @default - Kubernetes' default (1)
   */
  readonly completions?: number;
  /**
   * Pods that run at once.
   * @default - Kubernetes' default (1)
   */
  readonly parallelism?: number;
  /**
   * Whether a failed container is restarted in its pod (ON_FAILURE) or a new pod is started (NEVER).
   * @default JobRestartPolicy.NEVER
   */
  readonly restartPolicy?: JobRestartPolicy;
}

/** Props of a Job: a pod that runs to completion, with the same pod model and defaults as ExposedApp. */
export interface JobProps extends PodOptions, IdentityOptions, JobOptions {
  /**
   * Run the Job as a hook of Argo CD or Helm (a database migration before the app rolls out):
   * the tool's hook and delete-policy annotations are written on the Job.
   * @default - an ordinary resource
   */
  readonly hook?: GitOpsHook;
}

/**
 * A Job: pods that run to completion (a database migration, a one-off task), with the same pod
 * and container model, secure defaults and checks as ExposedApp, and no readiness probe,
 * PodDisruptionBudget, autoscaler or Service. Its pods can `connectTo` Services (their
 * NetworkPolicies then admit them), and a `hook` runs it at a point of an Argo CD sync or a Helm
 * release.
 */
export class Job extends PodWorkload {
  /** Whether `x` is a Job of this library (made by any copy of this package). */
  public static isJob(x: unknown): x is Job {
    return hasBrand(x, 'Job');
  }

  /** The Job (patch it with `addJsonPatch`). */
  public readonly apiObject: ApiObject;

  private readonly _settings: ResolvedJobSettings;

  /**
   * @param scope the chart or construct this one belongs to
   * @param id the construct id; unless a name is given, also the name of the objects written
   * @param props what to run, see `JobProps`
   */
  constructor(scope: Construct, id: string, props: JobProps) {
    super(checkedScope('new Job', scope, id), id);
    checkShape('new Job', [scope, id, props], 'Job', this);
    let settings: ResolvedJobSettings | undefined;
    let apiObject: ApiObject | undefined;
    this._build(props, {
      kind: 'Job',
      workloadKind: 'Job',
      context: { runsToCompletion: runsToCompletion(props) },
      check: (problems) => {
        settings = resolveJobSettings(problems, props);
      },
      render: (metadata, labels) => (apiObject = this._jobObject(metadata, labels, settings!, props.hook)),
    });
    this._settings = settings!;
    this.apiObject = apiObject!;
    if (props.hook === GitOpsHook.ARGO_CD_PRE_SYNC || props.hook === GitOpsHook.HELM_PRE_INSTALL_UPGRADE) {
      // Its connections are known only once the app is built: checked when it is synthesized.
      this.node.addValidation({ validate: () => this._warnEarlyHook(props.hook!) });
    }
  }

  /**
   * A hook that runs before the app's objects are applied cannot reach a Service the app writes:
   * on the first sync it does not exist yet, and a NetworkPolicy that admits the hook comes later.
   */
  private _warnEarlyHook(hook: GitOpsHook): string[] {
    const helm = hook === GitOpsHook.HELM_PRE_INSTALL_UPGRADE;
    const tool = helm ? 'Helm installs it after a pre-install hook, so on the first install' : 'Argo CD applies it in the Sync phase, after a PreSync hook, so on the first sync';
    const instead = helm ? 'keep what the hook needs outside the release, or use a post-install,post-upgrade hook' : 'use GitOpsHook.ARGO_CD_SYNC, which runs in a sync wave after what it connects to';
    for (const c of this._connections) {
      const provider = c.provider as Partial<IConstruct>;
      const writesObjects = provider.node?.root === this.node.root && provider.node.findAll().some((x) => ApiObject.isApiObject(x));
      if (!writesObjects) continue;
      PatternWarnings._add(this, 'Job', `connects to '${provider.node!.path}', which this app writes: ${tool} the hook finds no Service there (and a NetworkPolicy that admits it is applied after it); ${instead}`);
    }
    return [];
  }

  /** @internal */
  protected _scaleText(): string {
    const n = this._settings.completions;
    return n === undefined || n === 1 ? 'runs to completion' : `runs to ${n} completions`;
  }

  private _jobObject(metadata: PatternMetadata, labels: { [key: string]: string }, settings: ResolvedJobSettings, hook: GitOpsHook | undefined): ApiObject {
    const annotations = hookAnnotations(hook);
    return new PatternObject(this, 'Job', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: annotations ? { ...metadata, annotations } : metadata,
      spec: Lazy.any({ produce: () => renderJobSpec(settings, this._workload, labels, this.selector) }),
    });
  }
}

brand(Job.prototype, 'Job');
