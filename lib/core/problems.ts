import { Size } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Problem, ServicePatternsError } from './errors';

/** Renders a value the way it appears in a message: strings quoted, the rest as JSON. */
export function show(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value, sizesAsWritten) ?? String(value);
}

/** cdk8s's Size, which has no toJSON, as `1Gi` rather than its fields. */
function sizesAsWritten(_key: string, value: unknown): unknown {
  return value instanceof Size ? value.asString() : value;
}

/**
 * Collects the problems of one construct so that all of them are reported in one error.
 * @internal
 */
export class Problems {
  private readonly list: Problem[] = [];

  constructor(private readonly kind: string, private readonly scope: IConstruct) {}

  /** Records `<field> <value> <rule>`, e.g. `nodePort 80 is outside 30000-32767`. */
  public add(field: string, value: unknown, rule: string): void {
    const shown = show(value);
    this.list.push({ field, value: shown, message: `${field} ${shown} ${rule}` });
  }

  /** Records a problem whose message does not follow the field-value-rule form. */
  public addMessage(field: string, value: unknown, message: string): void {
    this.list.push({ field, value: show(value), message });
  }

  public get count(): number {
    return this.list.length;
  }

  public get empty(): boolean {
    return this.list.length === 0;
  }

  public error(): ServicePatternsError {
    return new ServicePatternsError(this.kind, this.scope.node.path, [...this.list]);
  }

  public throwIfAny(): void {
    if (!this.empty) throw this.error();
  }
}
