import { IConstruct } from 'constructs';

const KEY = 'cdk8s-service-patterns:warning';

/**
 * Warnings about input that the API server accepts but that will likely fail at run time, such
 * as a well-known root image under PodSecurity RESTRICTED. They are printed to stderr when the
 * construct is created and recorded in its construct metadata.
 */
export class PatternWarnings {
  /** Every warning recorded at `scope` and below, as `<construct path>: <message>`. */
  public static of(scope: IConstruct): string[] {
    return scope.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === KEY).map((m) => `${c.node.path}: ${String(m.data)}`));
  }

  /**
   * Records a warning on `scope` and prints it.
   * @internal
   */
  public static _add(scope: IConstruct, kind: string, message: string): void {
    scope.node.addMetadata(KEY, message);
    process.stderr.write(`[WARNING] ${kind} '${scope.node.path}': ${message}\n`);
  }

  private constructor() {}
}
