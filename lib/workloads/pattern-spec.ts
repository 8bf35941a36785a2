// What a pattern tells the shared pipeline of PodWorkload, and what the pipeline resolved.
// Internal: not exported from lib/index.ts.
import { ApiObject } from 'cdk8s';
import { PatternDefaultsProps } from '../core/defaults';
import { Identity } from '../core/identity-model';
import { Problems } from '../core/problems';
import { ResolvedPort } from '../services/ports-model';
import { ResolvedWorkload, WorkloadContext } from './pod-template';
import { ObjectNames } from './workload';

/**
 * What a pattern tells the shared pipeline of `PodWorkload`: its kind, the workload object it
 * writes and the checks only it makes.
 */
export interface PatternSpec {
  /** The construct's class name, for messages and warnings (`ExposedApp`). */
  readonly kind: string;
  /** Kind of the workload object (`Deployment`, `StatefulSet`). */
  readonly workloadKind: string;
  /** An explicit workload name and the prop it came from, when it differs from the identity's name. */
  readonly workloadName?: { readonly value: string; readonly field: string };
  /** What the pod model needs from the pattern besides the props (claimed volumes). */
  readonly context?: Omit<WorkloadContext, 'name'>;
  /** Whether the pattern can write an Ingress and an HTTPRoute (`names.ingress`, `names.httpRoute`). */
  readonly routesHttp?: boolean;
  /** Whether the pods reach each other (peers of a headless group): their NetworkPolicy lets them. */
  readonly peers?: boolean;
  /** Checks of the pattern's own props, made with all others before anything is written. */
  readonly check?: (problems: Problems, resolved: ResolvedPattern) => void;
  /** Writes the workload object; its spec should render lazily (connectTo may still add env). */
  readonly render: (metadata: PatternMetadata, podLabels: { [key: string]: string }) => ApiObject;
}

/**
 * Metadata of the objects a pattern writes.
 */
export interface PatternMetadata {
  readonly name: string;
  readonly namespace?: string;
  readonly labels: { [key: string]: string };
}

/**
 * What the pipeline resolved before anything is written.
 */
export interface ResolvedPattern {
  readonly defaults: PatternDefaultsProps;
  readonly identity: Identity;
  readonly workloadName: string;
  readonly ports: ResolvedPort[];
  readonly workload: ResolvedWorkload;
  readonly names: ObjectNames;
}

