import { ApiObject, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { PatternObject } from '../core/api-object';
import { brand, hasBrand } from '../core/brand';
import { cronJobNameLength, cronSchedule, cronTimeZone } from '../core/cron';
import { wholeSeconds } from '../core/durations';
import { IdentityOptions } from '../core/identity';
import { ConcurrencyPolicy } from '../core/job-options';
import type { K8sCronJobSpec, K8sJobSpec } from '../core/k8s';
import { Problems } from '../core/problems';
import { checkShape, checkedScope } from '../core/shape';
import { JobOptions } from './job';
import { renderJobSpec, ResolvedJobSettings, resolveJobSettings, runsToCompletion } from './job-model';
import { PatternMetadata, ResolvedPattern } from './pattern-spec';
import { checkCount } from './pod-template';
import { PodWorkload } from './pod-workload';
import { PodOptions } from './workload';

/** Props of a CronJob: a Job on a schedule, with the same pod model and defaults as ExposedApp. */
export interface CronJobProps extends PodOptions, IdentityOptions, JobOptions {
  /**
   * When the Job runs, in cron format: five fields (minute hour day-of-month month day-of-week,
   * e.g. `0 3 * * *` for 03:00 every day) or a descriptor (`@daily`, `@hourly`, `@every 2h`).
   */
  readonly schedule: string;
  /**
   * IANA time zone the schedule is read in, e.g. `Europe/Berlin`.
   * @default - the time zone of kube-controller-manager (usually UTC)
   */
  readonly timeZone?: string;
  /**
   * What happens when a run is due while the previous one still runs. FORBID skips it: two
   * overlapping runs of a backup or a clean-up compete for the same data, and a slow run would
   * pile up more behind it.
   * @default ConcurrencyPolicy.FORBID
   */
  readonly concurrencyPolicy?: ConcurrencyPolicy;
  /**
   * How late a run missed at its time (the controller was down, say) may still start; later, it
   * is skipped. Whole seconds, at least 10: the Kubernetes
   * documentation warns that a shorter deadline can miss runs.
   * @default - no deadline: a missed run starts however late
   */
  readonly startingDeadline?: Duration;
  /**
   * Finished successful Jobs kept.
   * @default - Kubernetes' default (3)
   */
  readonly successfulJobsHistoryLimit?: number;
  /**
   * Finished failed Jobs kept.
   * @default - Kubernetes' default (1)
   */
  readonly failedJobsHistoryLimit?: number;
  /**
   * Start no new runs (running ones continue).
   * @default false
   */
  readonly suspend?: boolean;
}

/** The CronJob's own settings, validated. */
interface ResolvedSchedule {
  readonly schedule: string;
  readonly timeZone?: string;
  readonly concurrencyPolicy: ConcurrencyPolicy;
  readonly startingDeadlineSeconds?: number;
  readonly successfulJobsHistoryLimit?: number;
  readonly failedJobsHistoryLimit?: number;
  readonly suspend?: boolean;
}

/**
 * A CronJob: a Job on a schedule (a nightly backup, a clean-up), with the same pod and container
 * model, secure defaults and checks as ExposedApp. The schedule and time zone are checked as the
 * API server checks them; overlapping runs are forbidden unless `concurrencyPolicy` says
 * otherwise. Its pods can `connectTo` Services like any pattern's.
 */
export class CronJob extends PodWorkload {
  /** Whether `x` is a CronJob of this library (made by any copy of this package). */
  public static isCronJob(x: unknown): x is CronJob {
    return hasBrand(x, 'CronJob');
  }

  /** The CronJob (patch it with `addJsonPatch`). */
  public readonly apiObject: ApiObject;

  /** The schedule, as written. */
  public readonly schedule: string;

  private readonly _timeZone?: string;

  /**
   * @param scope the chart or construct this one belongs to
   * @param id the construct id; unless a name is given, also the name of the objects written
   * @param props what to run and when, see `CronJobProps`
   */
  constructor(scope: Construct, id: string, props: CronJobProps) {
    super(checkedScope('new CronJob', scope, id), id);
    checkShape('new CronJob', [scope, id, props], 'CronJob', this);
    let job: ResolvedJobSettings | undefined;
    let schedule: ResolvedSchedule | undefined;
    let apiObject: ApiObject | undefined;
    this._build(props, {
      kind: 'CronJob',
      workloadKind: 'CronJob',
      context: { runsToCompletion: runsToCompletion(props) },
      check: (problems, resolved) => {
        job = resolveJobSettings(problems, props);
        schedule = resolveSchedule(problems, props, resolved);
      },
      render: (metadata, labels) => (apiObject = this._cronJobObject(metadata, labels, job!, schedule!)),
    });
    this.schedule = props.schedule;
    this._timeZone = props.timeZone;
    this.apiObject = apiObject!;
  }

  /** @internal */
  protected _scaleText(): string {
    return `schedule ${this.schedule}${this._timeZone ? ` (${this._timeZone})` : ''}`;
  }

  private _cronJobObject(metadata: PatternMetadata, labels: { [key: string]: string }, job: ResolvedJobSettings, s: ResolvedSchedule): ApiObject {
    return new PatternObject(this, 'CronJob', {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata,
      spec: Lazy.any({
        produce: (): K8sCronJobSpec => ({
          ...s,
          // The Jobs carry the recommended labels too, so that they can be found with the pods.
          jobTemplate: { metadata: { labels: metadata.labels }, spec: renderJobSpec(job, this._workload, labels, this.selector) as K8sJobSpec },
        }),
      }),
    });
  }
}

function resolveSchedule(problems: Problems, p: CronJobProps, resolved: ResolvedPattern): ResolvedSchedule {
  const rule = cronSchedule(p.schedule);
  if (rule) problems.add('schedule', p.schedule, rule);
  if (p.timeZone !== undefined) {
    const tz = cronTimeZone(p.timeZone);
    if (tz) problems.add('timeZone', p.timeZone, tz);
  }
  const nameRule = cronJobNameLength(resolved.workloadName);
  if (nameRule) problems.add('name', resolved.workloadName, nameRule);
  for (const field of ['successfulJobsHistoryLimit', 'failedJobsHistoryLimit'] as const) {
    const v = p[field];
    if (v !== undefined) checkCount(problems, field, v);
  }
  return {
    schedule: p.schedule,
    timeZone: p.timeZone,
    concurrencyPolicy: p.concurrencyPolicy ?? ConcurrencyPolicy.FORBID,
    startingDeadlineSeconds: wholeSeconds(problems, 'startingDeadline', p.startingDeadline, 10),
    successfulJobsHistoryLimit: p.successfulJobsHistoryLimit,
    failedJobsHistoryLimit: p.failedJobsHistoryLimit,
    suspend: p.suspend,
  };
}

brand(CronJob.prototype, 'CronJob');
