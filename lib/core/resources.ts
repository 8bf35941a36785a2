// The container resources every workload takes, here because PatternDefaults (core/defaults.ts)
// sets them for a whole scope. Public types only; lib/index.ts re-exports them.
import { Size } from 'cdk8s';
import { brand } from './brand';
import { wholeNumber } from './quantity';
import { checkShape } from './shape';

/**
 * An amount of CPU: `Cpu.millis(250)` is written `250m`, `Cpu.units(2)` is written `2`, in the form
 * the API server stores, so the manifest and the live object stay equal.
 */
export class Cpu {
  /** Thousandths of a CPU core, e.g. `millis(250)` for a quarter core. */
  public static millis(amount: number): Cpu {
    checkShape('Cpu.millis', [amount]);
    return new Cpu(amount);
  }

  /**
   * Whole or fractional CPU cores, e.g. `units(1.5)`; written in millicores (`1500m`) when not
   * whole. At most three decimals: the API server has no finer unit.
   */
  public static units(amount: number): Cpu {
    if (typeof amount !== 'number') checkShape('Cpu.units', [amount]);
    return new Cpu(amount * 1000);
  }

  private constructor(
    /** The amount in millicores; checked to be a whole number >= 0 where it is used. */
    public readonly millicores: number,
  ) {
  }

  /** The quantity as written: `250m`, `1500m`, `2`. */
  public toString(): string {
    const whole = wholeNumber(this.millicores);
    if (whole === undefined) return `${this.millicores}m`;
    return whole % 1000 === 0 ? String(whole / 1000) : `${whole}m`;
  }

  /** The same text in JSON (error messages show the props as JSON). */
  public toJSON(): string {
    return this.toString();
  }
}

/** A field of `ResourceOptions`, to leave out with `omit`. */
export enum ResourceSetting {
  /** `requests.cpu` */
  CPU_REQUEST = 'cpuRequest',
  /** `limits.cpu` */
  CPU_LIMIT = 'cpuLimit',
  /** `requests.memory` */
  MEMORY_REQUEST = 'memoryRequest',
  /** `limits.memory` */
  MEMORY_LIMIT = 'memoryLimit',
  /** `requests.ephemeral-storage` */
  EPHEMERAL_STORAGE_REQUEST = 'ephemeralStorageRequest',
  /** `limits.ephemeral-storage` */
  EPHEMERAL_STORAGE_LIMIT = 'ephemeralStorageLimit',
}

/**
 * Container resources. Unset fields take the library defaults (requests cpu 100m and memory
 * 128Mi, limit memory 256Mi, no CPU limit); `omit` leaves a default out. When the memory
 * request is above the default limit and no limit is given, the limit follows the request.
 */
export interface ResourceOptions {
  /**
   * CPU request, e.g. `Cpu.millis(250)`.
   * @default Cpu.millis(100)
   */
  readonly cpuRequest?: Cpu;
  /**
   * Memory request, e.g. `Size.mebibytes(256)`.
   * @default Size.mebibytes(128)
   */
  readonly memoryRequest?: Size;
  /**
   * CPU limit. A CPU limit throttles even an idle node's spare CPU, so there is none by default.
   * @default - none
   */
  readonly cpuLimit?: Cpu;
  /**
   * Memory limit.
   * @default - Size.mebibytes(256), or the memory request when that is larger
   */
  readonly memoryLimit?: Size;
  /**
   * Local ephemeral storage request (scratch space, logs, emptyDir on disk), e.g. `Size.gibibytes(1)`.
   * @default - none
   */
  readonly ephemeralStorageRequest?: Size;
  /**
   * Local ephemeral storage limit: the pod is evicted above it.
   * @default - none
   */
  readonly ephemeralStorageLimit?: Size;
  /**
   * Defaults to leave out, e.g. `[ResourceSetting.MEMORY_LIMIT]` for no memory limit. A field
   * cannot be both given and left out.
   * @default - none: every default is written
   */
  readonly omit?: ResourceSetting[];
  /**
   * Extended resources such as `nvidia.com/gpu`, each a whole number. They cannot be
   * overcommitted, so Kubernetes needs the same value as request and limit; both are written.
   * @default - none
   */
  readonly extended?: { [name: string]: number };
  /**
   * Huge pages by page size, e.g. `{ '2Mi': Size.mebibytes(512) }` for `hugepages-2Mi`. Written
   * as request and limit, which Kubernetes needs to be equal.
   * @default - none
   */
  readonly hugePages?: { [pageSize: string]: Size };
}

brand(Cpu.prototype, 'Cpu');
