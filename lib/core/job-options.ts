// The public enums of Jobs and CronJobs (workloads/job.ts, workloads/cron-job.ts). Kept in core/
// so that the validator takes its allowed values from them too. lib/index.ts re-exports them.

/** How a Job's pods restart when a container fails; the values are the Kubernetes API strings. */
export enum JobRestartPolicy {
  /**
   * A failed pod stays failed and the Job starts a new one (up to `backoffLimit`): every attempt
   * leaves a pod with its logs, and `backoffLimit` counts whole attempts.
   */
  NEVER = 'Never',
  /**
   * The kubelet restarts the failed container in the same pod: no new pod to schedule, but the
   * logs of earlier attempts are lost beyond the previous one.
   */
  ON_FAILURE = 'OnFailure',
}

/** What a CronJob does when a run is due while the previous one still runs. */
export enum ConcurrencyPolicy {
  /** Skip the new run. */
  FORBID = 'Forbid',
  /** Run both at once. */
  ALLOW = 'Allow',
  /** Stop the running Job and start the new one. */
  REPLACE = 'Replace',
}

/**
 * Marks a Job as a hook of a GitOps or release tool: it then runs at that point of each sync or
 * release, not as a resource of it. Each writes the tool's delete policy too, so the next run
 * replaces the finished Job (a Job's pod template cannot be changed in place).
 */
export enum GitOpsHook {
  /**
   * Argo CD PreSync: runs, and must succeed, before anything of the sync is applied
   * (`argocd.argoproj.io/hook: PreSync`, `hook-delete-policy: BeforeHookCreation`).
   */
  ARGO_CD_PRE_SYNC = 'ArgoCD PreSync',
  /**
   * Argo CD Sync: runs together with the other resources of the sync, in its sync wave
   * (`argocd.argoproj.io/hook: Sync`).
   */
  ARGO_CD_SYNC = 'ArgoCD Sync',
  /**
   * Argo CD PostSync: runs after every resource of the sync is applied and healthy
   * (`argocd.argoproj.io/hook: PostSync`).
   */
  ARGO_CD_POST_SYNC = 'ArgoCD PostSync',
  /**
   * Helm pre-install and pre-upgrade: runs before the release's resources are installed or
   * upgraded (`helm.sh/hook: pre-install,pre-upgrade`, `hook-delete-policy: before-hook-creation`).
   */
  HELM_PRE_INSTALL_UPGRADE = 'Helm pre-install,pre-upgrade',
  /**
   * Helm post-install and post-upgrade: runs once the release's resources are loaded
   * (`helm.sh/hook: post-install,post-upgrade`).
   */
  HELM_POST_INSTALL_UPGRADE = 'Helm post-install,post-upgrade',
}
