/**
 * One problem found in the props of a construct.
 */
export interface Problem {
  /** The prop path, e.g. `ports[1].nodePort`. */
  readonly field: string;
  /** The offending value, rendered for humans. */
  readonly value: string;
  /** The full message line, e.g. `nodePort 80 is outside 30000-32767`. */
  readonly message: string;
}

/**
 * The one error class of this library. It names the construct, the field, the value and what
 * is allowed; when a construct has several problems they are reported together.
 *
 * jsii cannot express a subclass of `Error`, so the class is TypeScript-only; other languages
 * see the message, and `Errors.isServicePatternsError` tells the two apart.
 *
 * @jsii ignore
 */
export class ServicePatternsError extends Error {
  /** Path of the construct whose props are wrong, e.g. `shop/web`. */
  public readonly constructPath: string;
  /** The first offending field. */
  public readonly field: string;
  /** The first offending value, rendered for humans. */
  public readonly value: string;
  /** Every problem found, in the order found. */
  public readonly problems: Problem[];

  constructor(kind: string, constructPath: string, problems: Problem[]) {
    const lines = problems.map((p) => `${kind} '${constructPath}': ${p.message}`);
    super(lines.join('\n'));
    this.name = 'ServicePatternsError';
    this.constructPath = constructPath;
    this.field = problems[0].field;
    this.value = problems[0].value;
    this.problems = problems;
  }
}

/** Helpers for the errors of this library, for every language. */
export class Errors {
  /** Whether `x` is an error raised by this library for bad input. */
  public static isServicePatternsError(x: unknown): boolean {
    return x instanceof ServicePatternsError;
  }

  private constructor() {}
}
