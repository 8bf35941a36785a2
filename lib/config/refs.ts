// The handles workloads take for configuration, secrets and storage. Public types only; what a
// handle knows (its object, content and keys) is kept in ref-model.ts.
import type { AccessMode } from '../storage/access-mode';

/** A ConfigMap a workload can read: written by this library (`ConfigMap`) or made elsewhere (`ConfigMap.fromName`). */
export interface IConfigMapRef {
  /** Name of the ConfigMap. */
  readonly configMapName: string;
  /**
   * The keys it holds, when known: reading any other key is an error at synth time.
   * @default - not known: any key is accepted
   */
  readonly keys?: string[];
}

/** A Secret a workload can read: made elsewhere (`Secret.fromName`) or written by this library (`Secret`). */
export interface ISecretRef {
  /** Name of the Secret. */
  readonly secretName: string;
  /**
   * The keys the app reads from it, when declared: reading any other key is an error at synth time.
   * @default - not declared: any key is accepted
   */
  readonly keys?: string[];
}

/** A PersistentVolumeClaim a workload can mount (`PersistentVolumeClaim`). */
export interface IPersistentVolumeClaimRef {
  /** Name of the claim. */
  readonly claimName: string;
  /**
   * Its access modes, when known (`ReadWriteOnce`, ...): a claim that only one node can attach
   * draws a warning when several replicas mount it.
   * @default - not known
   */
  readonly accessModes?: AccessMode[];
}

/** Options of a ConfigMap or Secret made elsewhere. */
export interface ConfigRefOptions {
  /**
   * The keys the app reads: reading any other key through this handle is an error at synth time.
   * @default - not declared: any key is accepted
   */
  readonly keys?: string[];
  /**
   * Namespace of the object: workloads in another namespace cannot use it.
   * @default - the chart's namespace, else the namespace of the workload that uses it
   */
  readonly namespace?: string;
}
