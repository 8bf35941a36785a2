/** Naming props shared by every construct of this library. */
export interface IdentityOptions {
  /**
   * Kubernetes name of the objects; must be a DNS-1035 label and is used as given.
   * @default - the construct id, lower-cased
   */
  readonly name?: string;
  /**
   * Namespace of the objects.
   * @default - the chart's namespace, else `default`
   */
  readonly namespace?: string;
  /**
   * Value of the `app.kubernetes.io/component` label.
   * @default - no such label
   */
  readonly component?: string;
  /**
   * Value of the `app.kubernetes.io/part-of` label.
   * @default - the chart-wide default, else no such label
   */
  readonly partOf?: string;
}
