import { Duration } from 'cdk8s';

/** How a toleration matches a taint. */
export enum TolerationOperator {
  /** The taint's value equals the toleration's. */
  EQUAL = 'Equal',
  /** Any value (the toleration gives none). */
  EXISTS = 'Exists',
}

/** What a taint does to pods that do not tolerate it. */
export enum TaintEffect {
  /** New pods are not scheduled on the node. */
  NO_SCHEDULE = 'NoSchedule',
  /** The scheduler avoids the node when it can. */
  PREFER_NO_SCHEDULE = 'PreferNoSchedule',
  /** Running pods are evicted too (after `tolerationSeconds`, when given). */
  NO_EXECUTE = 'NoExecute',
}

/** A taint the pods tolerate. */
export interface Toleration {
  /**
   * Taint key; leave it out with operator EXISTS to tolerate every taint.
   * @default - every key (operator must be EXISTS)
   */
  readonly key?: string;
  /**
   * How the value is matched.
   * @default TolerationOperator.EQUAL
   */
  readonly operator?: TolerationOperator;
  /**
   * Taint value (EQUAL only).
   * @default - the empty value
   */
  readonly value?: string;
  /**
   * Effect tolerated.
   * @default - every effect
   */
  readonly effect?: TaintEffect;
  /**
   * How long a pod stays on a node that gets the taint (NO_EXECUTE only).
   * @default - for ever
   */
  readonly tolerationSeconds?: Duration;
}

/** How a node label is matched. */
export enum LabelOperator {
  /** The label has one of the values. */
  IN = 'In',
  /** The label is missing or has none of the values. */
  NOT_IN = 'NotIn',
  /** The label is present, with any value. */
  EXISTS = 'Exists',
  /** The label is missing. */
  DOES_NOT_EXIST = 'DoesNotExist',
  /** The label's integer value is greater (node labels only). */
  GT = 'Gt',
  /** The label's integer value is less (node labels only). */
  LT = 'Lt',
}

/** A condition on a label. */
export interface LabelRequirement {
  /** The label key. */
  readonly key: string;
  /** How the label is matched. */
  readonly operator: LabelOperator;
  /**
   * The values: one or more for IN/NOT_IN, exactly one integer for GT/LT, none for EXISTS and
   * DOES_NOT_EXIST.
   * @default - none
   */
  readonly values?: string[];
}

/** Nodes the pods may (or prefer to) run on: every requirement must hold. */
export interface NodeAffinityTerm {
  /** Conditions on node labels, all of which must hold. */
  readonly requirements: LabelRequirement[];
  /**
   * A weight of 1-100 makes the term a preference; without one the term is required (the
   * required terms are alternatives: a node must match one of them).
   * @default - required
   */
  readonly weight?: number;
}

/** Pods that these pods should run near (affinity) or away from (anti-affinity). */
export interface PodAffinityTerm {
  /** Node label that defines "near", e.g. `kubernetes.io/hostname` or `topology.kubernetes.io/zone`. */
  readonly topologyKey: string;
  /**
   * Labels of the other pods.
   * @default - none; give matchLabels, matchExpressions or both
   */
  readonly matchLabels?: { [key: string]: string };
  /**
   * Conditions on the other pods' labels, all of which must hold (with matchLabels), e.g.
   * `{ key: 'app', operator: LabelOperator.IN, values: ['cache', 'store'] }`. Pod label selectors
   * take IN, NOT_IN, EXISTS and DOES_NOT_EXIST.
   * @default - none
   */
  readonly matchExpressions?: LabelRequirement[];
  /**
   * Namespaces of the other pods.
   * @default - the pods' own namespace
   */
  readonly namespaces?: string[];
  /**
   * A weight of 1-100 makes the term a preference; without one it is required.
   * @default - required
   */
  readonly weight?: number;
}

/** Where the pods may be scheduled. */
export interface AffinityOptions {
  /**
   * Node affinity terms.
   * @default - none
   */
  readonly nodes?: NodeAffinityTerm[];
  /**
   * Pods to run near.
   * @default - none
   */
  readonly podAffinity?: PodAffinityTerm[];
  /**
   * Pods to run away from, e.g. the app's own pods on `kubernetes.io/hostname`.
   * @default - none
   */
  readonly podAntiAffinity?: PodAffinityTerm[];
}
