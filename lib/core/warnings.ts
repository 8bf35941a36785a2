import { IConstruct } from 'constructs';
import { checkShape } from './shape';

const KEY = 'cdk8s-service-patterns:warning';
/** Lines printed by this process: an app built twice (tests, FastApp) prints each once. */
const printed = new Set<string>();

/**
 * Warnings about input that the API server accepts but that will likely fail at run time, such
 * as a well-known root image under PodSecurity RESTRICTED. They are printed to stderr (each line once per process) when the
 * construct is created and recorded in its construct metadata.
 */
export class PatternWarnings {
  /** Every warning recorded at `scope` and below, as `<construct path>: <message>`. */
  public static of(scope: IConstruct): string[] {
    checkShape('PatternWarnings.of', [scope]);
    return scope.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === KEY).map((m) => `${c.node.path}: ${String(m.data)}`));
  }

  /**
   * Records a warning on `scope` and prints it.
   * @internal
   */
  public static _add(scope: IConstruct, kind: string, message: string): void {
    scope.node.addMetadata(KEY, message);
    const line = `[WARNING] ${kind} '${scope.node.path}': ${message}`;
    if (printed.has(line)) return;
    printed.add(line);
    process.stderr.write(`${line}\n`);
  }

  private constructor() {}
}
