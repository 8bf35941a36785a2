import { Duration } from 'cdk8s';
import { Problems } from './problems';

function isDuration(d: unknown): d is Duration {
  return d instanceof Object && typeof (d as Duration).toMilliseconds === 'function';
}

/** A Duration as a message shows it (`90 seconds`), or the value itself when it is no Duration. */
export function describeDuration(d: unknown): unknown {
  return isDuration(d) ? `${d.toMilliseconds() / 1000} seconds` : d;
}

/** Whole seconds of a Duration, or undefined when it is not one or not whole seconds. */
export function secondsOf(d: Duration | undefined): number | undefined {
  if (!isDuration(d)) return undefined;
  const ms = d.toMilliseconds();
  return Number.isInteger(ms / 1000) ? ms / 1000 : undefined;
}

/**
 * The whole seconds of a Duration prop in `min`-`max`, or undefined when it is not set or breaks
 * a rule (added to `problems` under `field`). Kubernetes counts these fields in whole seconds.
 */
export function wholeSeconds(problems: Problems, field: string, d: Duration | undefined, min: number, max = 2147483647): number | undefined {
  if (d === undefined) return undefined;
  if (!isDuration(d)) {
    problems.add(field, d, 'is not a Duration: use Duration.seconds(n) or Duration.minutes(n)');
    return undefined;
  }
  const seconds = secondsOf(d);
  if (seconds === undefined) {
    problems.add(field, `${d.toMilliseconds()} ms`, 'is not a whole number of seconds');
    return undefined;
  }
  if (seconds < min || seconds > max) {
    problems.add(field, `${seconds} seconds`, max === 2147483647 ? `must be at least ${min} second${min === 1 ? '' : 's'}` : `is outside ${min}-${max} seconds`);
    return undefined;
  }
  return seconds;
}
