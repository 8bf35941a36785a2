// What Job and CronJob share besides the pod model: the run settings of a Job, checked and
// rendered once, and the annotations of a GitOps hook. Internal: not exported from lib/index.ts.
import { GitOpsHook, JobRestartPolicy } from '../core/job-options';
import type { K8sJobSpec, K8sPodTemplateSpec } from '../core/k8s';
import { wholeSeconds } from '../core/durations';
import { ARGO_CD_HOOK, HELM_HOOK } from '../core/sync-wave-hook';
import { Problems } from '../core/problems';
import { checkCount, renderPodTemplate, ResolvedWorkload } from './pod-template';
import type { JobOptions } from './job';

/** The run settings of a Job, validated, as the API writes them (undefined: Kubernetes' default). */
export interface ResolvedJobSettings {
  readonly backoffLimit?: number;
  readonly activeDeadlineSeconds?: number;
  readonly ttlSecondsAfterFinished?: number;
  readonly completions?: number;
  readonly parallelism?: number;
}

/**
 * Checks the run settings. Beyond the API server's rules (every count >= 0): a deadline of 0,
 * which the server accepts, is refused here, because such a Job fails at once (DeadlineExceeded).
 */
export function resolveJobSettings(problems: Problems, o: JobOptions): ResolvedJobSettings {
  for (const field of ['backoffLimit', 'completions', 'parallelism'] as const) {
    const v = o[field];
    if (v !== undefined) checkCount(problems, field, v);
  }
  const deadline = o.activeDeadline === undefined ? undefined : wholeSeconds(problems, 'activeDeadline', o.activeDeadline, 1);
  return {
    backoffLimit: o.backoffLimit,
    activeDeadlineSeconds: deadline,
    ttlSecondsAfterFinished: wholeSeconds(problems, 'ttlAfterFinished', o.ttlAfterFinished, 0),
    completions: o.completions,
    parallelism: o.parallelism,
  };
}

/**
 * What the pod model needs to know of a Job's pods: their restart policy and how many run at once.
 * The API server has no usable default restart policy (it defaults pods to Always, which it
 * refuses for a Job). Never: each attempt is a pod of its own whose logs stay for inspection, and
 * backoffLimit counts whole attempts.
 */
export function runsToCompletion(o: JobOptions): { restartPolicy: JobRestartPolicy; pods?: number } {
  return { restartPolicy: o.restartPolicy ?? JobRestartPolicy.NEVER, pods: o.parallelism };
}

/**
 * The spec of a Job (also a CronJob's job template); the pod template renders now, so call it
 * lazily. Typed `object` outside: shipped declarations name no development-only Kubernetes type.
 */
export function renderJobSpec(s: ResolvedJobSettings, w: ResolvedWorkload, podLabels: { [key: string]: string }, selector: { [key: string]: string }): object {
  return {
    backoffLimit: s.backoffLimit,
    activeDeadlineSeconds: s.activeDeadlineSeconds,
    ttlSecondsAfterFinished: s.ttlSecondsAfterFinished,
    completions: s.completions,
    parallelism: s.parallelism,
    template: renderPodTemplate(w, podLabels, selector) as K8sPodTemplateSpec,
  } satisfies K8sJobSpec;
}

/**
 * The annotations of a hook. The delete policy removes the previous Job just before the hook
 * runs again: a Job's pod template cannot be changed, so re-applying a changed one would fail,
 * and the finished Job stays until then for its logs.
 */
export function hookAnnotations(hook: GitOpsHook | undefined): { [key: string]: string } | undefined {
  switch (hook) {
    case undefined: return undefined;
    case GitOpsHook.ARGO_CD_PRE_SYNC: return argo('PreSync');
    case GitOpsHook.ARGO_CD_SYNC: return argo('Sync');
    case GitOpsHook.ARGO_CD_POST_SYNC: return argo('PostSync');
    case GitOpsHook.HELM_PRE_INSTALL_UPGRADE: return helm('pre-install,pre-upgrade');
    case GitOpsHook.HELM_POST_INSTALL_UPGRADE: return helm('post-install,post-upgrade');
  }
}

const argo = (phase: string) => ({ [ARGO_CD_HOOK]: phase, 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' });
const helm = (phases: string) => ({ [HELM_HOOK]: phases, 'helm.sh/hook-delete-policy': 'before-hook-creation' });
