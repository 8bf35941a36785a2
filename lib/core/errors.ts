import * as path from 'node:path';
import { brand, hasBrand } from './brand';

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
  /** Path of the construct whose props are wrong, e.g. `shop/web`; empty for a value-type factory such as `Probe.fromHttpGet`. */
  declare public readonly constructPath: string;
  /** The first offending field. */
  declare public readonly field: string;
  /** The first offending value, rendered for humans. */
  declare public readonly value: string;
  /** Every problem found, in the order found. */
  declare public readonly problems: Problem[];

  constructor(kind: string, constructPath: string, problems: Problem[]) {
    const lines = problems.map((p) => (constructPath ? `${kind} '${constructPath}': ${p.message}` : `${kind}: ${p.message}`));
    super(lines.join('\n'));
    this.name = 'ServicePatternsError';
    // Not enumerable, so that an uncaught error prints its message lines, not a dump of fields.
    const hidden = (value: unknown) => ({ value, enumerable: false, writable: false, configurable: true });
    Object.defineProperties(this, {
      constructPath: hidden(constructPath),
      field: hidden(problems[0].field),
      value: hidden(problems[0].value),
      problems: hidden(problems),
    });
    this.stack = `${this.name}: ${this.message}\n${callerFrames(this.stack ?? '')}`;
  }
}

const OWN_CODE = path.resolve(__dirname, '..');

/** The stack frames of the caller: this library's own frames (and those of cdk8s and constructs) left out. */
function callerFrames(stack: string): string {
  return stack.split('\n')
    .filter((l) => /^\s+at /.test(l) && !l.includes(OWN_CODE) && !/node_modules[\\/](cdk8s|constructs)[\\/]/.test(l))
    .slice(0, 3)
    .join('\n');
}

/** Helpers for the errors of this library, for every language. */
export class Errors {
  /** Whether `x` is an error raised by this library for bad input. */
  public static isServicePatternsError(x: unknown): boolean {
    return hasBrand(x, 'ServicePatternsError');
  }

  private constructor() {}
}

brand(ServicePatternsError.prototype, 'ServicePatternsError');
