// Public type only; lib/index.ts re-exports it. The rules of each level are in pod-values.ts.

/** Pod Security Standard the pods are built to pass. */
export enum PodSecurity {
  /**
   * The `restricted` profile: non-root, no privilege escalation, all capabilities dropped,
   * RuntimeDefault seccomp. Needs an image that runs as a non-root (numeric) user.
   */
  RESTRICTED = 'restricted',
  /**
   * The `baseline` profile, for images that must run as root (many public images, e.g. the
   * nginx-based `ikubernetes/myapp`): RuntimeDefault seccomp and no privilege escalation only.
   */
  BASELINE = 'baseline',
  /**
   * The `privileged` profile: no restriction, for node agents and databases that need
   * capabilities beyond baseline (IPC_LOCK, NET_ADMIN, SYS_ADMIN) or hostPath volumes. The pods
   * then need a namespace labelled `pod-security.kubernetes.io/enforce: privileged`.
   */
  PRIVILEGED = 'privileged',
}
