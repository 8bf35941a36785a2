import { Problems } from './problems';
import { labelValue, qualifiedName } from './names';

/** The `app.kubernetes.io/managed-by` value of everything this library writes. */
export const MANAGED_BY = 'cdk8s-service-patterns';

export interface LabelInput {
  readonly name: string;
  readonly instance: string;
  readonly component?: string;
  readonly partOf?: string;
}

/** The stable subset of the recommended labels that selectors use. */
export function selectorLabels(input: LabelInput): { [key: string]: string } {
  return {
    'app.kubernetes.io/name': input.name,
    'app.kubernetes.io/instance': input.instance,
  };
}

/** The recommended labels, plus the user's own (which may not override the selector subset). */
export function recommendedLabels(input: LabelInput, extra?: { [key: string]: string }): { [key: string]: string } {
  return {
    ...extra,
    ...selectorLabels(input),
    ...(input.component ? { 'app.kubernetes.io/component': input.component } : {}),
    ...(input.partOf ? { 'app.kubernetes.io/part-of': input.partOf } : {}),
    'app.kubernetes.io/managed-by': MANAGED_BY,
  };
}

/** Checks a label map (keys and values) as the API server does. */
export function checkLabels(problems: Problems, field: string, labels: { [key: string]: string } | undefined): void {
  for (const [key, value] of Object.entries(labels ?? {})) {
    const keyRule = qualifiedName(key);
    if (keyRule) problems.add(`${field} key`, key, keyRule);
    const valueRule = labelValue(value);
    if (valueRule) problems.add(`${field}[${JSON.stringify(key)}]`, value, valueRule);
  }
}

/** Checks annotation keys (the qualified-name rule, upper-case prefixes allowed) and total size. */
export function checkAnnotations(problems: Problems, field: string, annotations: { [key: string]: string } | undefined): void {
  let size = 0;
  for (const [key, value] of Object.entries(annotations ?? {})) {
    const keyRule = qualifiedName(key.toLowerCase());
    if (keyRule) problems.add(`${field} key`, key, keyRule);
    size += key.length + value.length;
  }
  if (size > 262144) problems.add(field, `${size} bytes`, 'exceed the 256 KiB limit on annotations');
}
