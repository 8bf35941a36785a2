import { Problems } from './problems';

/** Reports a value that is not one of an enum's API strings. */
export function checkEnum(problems: Problems, field: string, value: string | undefined, values: object): void {
  if (value !== undefined && !Object.values(values).includes(value)) {
    problems.add(field, value, `is not one of ${Object.values(values).join(', ')}`);
  }
}
