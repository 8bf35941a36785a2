// The Job and CronJob rules that the constructs (workloads/job.ts, cron-job.ts) and the validator
// (validation/api-rules.ts) share, written once: the schedule as the API server parses it
// (robfig/cron v3 ParseStandard, pkg/apis/batch/validation/validation.go:validateScheduleFormat),
// the time zone as it checks it (validateTimeZone) and the name limits.

/**
 * What is wrong with the length of a Job's name; undefined when it fits. The API server copies
 * the name into the `job-name` label of the pods (pkg/registry/batch/job/strategy.go), and a
 * label value has at most 63 characters.
 */
export function jobNameLength(name: string): string | undefined {
  return name.length > 63 ? `is longer than 63 characters: it becomes the job-name label of the Job's pods` : undefined;
}

/**
 * What is wrong with the length of a CronJob's name; undefined when it fits. The API server
 * refuses more than 52 characters on create (ValidateCronJobCreate): the controller names each Job
 * `<cronjob>-<minutes since 1970>` and keeps 11 characters for the suffix of a Job name, which
 * must fit 63.
 */
export function cronJobNameLength(name: string): string | undefined {
  return name.length > 52 ? 'is longer than 52 characters: the CronJob\'s Jobs are named <name>-<scheduled minute> and their names must fit 63' : undefined;
}

const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
const FIELDS: Array<{ name: string; min: number; max: number; names?: string[] }> = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day of week', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

/**
 * What is wrong with a CronJob schedule, as the API server reads it; undefined when it is valid.
 * Five fields (minute hour day-of-month month day-of-week) or a descriptor (`@daily`,
 * `@every 1h30m`). The server refuses any schedule that contains "TZ" (`TZ=`, `CRON_TZ=`): the
 * time zone goes into the timeZone field.
 */
export function cronSchedule(schedule: string): string | undefined {
  if (schedule.includes('TZ')) return 'must not contain TZ or CRON_TZ: use the timeZone field';
  // A descriptor is compared as written: " @daily" is parsed as fields, and fails.
  if (schedule.startsWith('@')) {
    if (DESCRIPTORS.has(schedule)) return undefined;
    // Go's time.ParseDuration, as robfig/cron reads it: a sign, then "0" or number-unit pairs; a
    // zero or negative interval is accepted (the library runs it every second).
    const every = /^@every [-+]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+)$/.exec(schedule);
    return every ? undefined : 'is not a known descriptor (@yearly, @monthly, @weekly, @daily, @hourly, @every <duration>)';
  }
  const fields = schedule.trim().split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) return `has ${fields.length} fields, not 5 (minute hour day-of-month month day-of-week)`;
  for (let i = 0; i < 5; i++) {
    const rule = cronField(FIELDS[i], fields[i]);
    if (rule) return rule;
  }
  return undefined;
}

function cronField(f: typeof FIELDS[number], text: string): string | undefined {
  const value = (v: string) => {
    const named = f.names?.indexOf(v.toUpperCase()) ?? -1;
    if (named >= 0) return named + f.min;
    return /^\d+$/.test(v) ? Number(v) : NaN;
  };
  for (const part of text.split(',')) {
    const m = /^([^/]+)(?:\/(\d+))?$/.exec(part);
    if (!m) return `field ${f.name} "${text}" is not valid`;
    const [, range, step] = m;
    if (step !== undefined && Number(step) === 0) return `field ${f.name} "${part}" has a step of 0`;
    if (range === '*' || range === '?') continue;
    const [a, b, extra] = range.split('-');
    const lo = value(a);
    const hi = b === undefined ? lo : value(b);
    if (extra !== undefined || Number.isNaN(lo) || Number.isNaN(hi) || lo < f.min || hi > f.max || lo > hi) {
      return `field ${f.name} "${part}" is outside ${f.min}-${f.max}`;
    }
  }
  return undefined;
}

/** A part of a time zone name (between '/'), as the server's validTimeZoneCharacters allows. */
const ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

/**
 * What is wrong with a CronJob time zone; undefined when the API server accepts it. The server
 * checks each '/'-separated part (letters, digits, '.', '-', '_', '+', at most 14, not '.' or
 * '..', no leading '-'), refuses "Local", and loads the zone from its time zone database, which
 * is case-sensitive. Here the database is the one of the JavaScript runtime (Intl): a zone it
 * knows in another case (`europe/berlin`) is refused as the server refuses it.
 */
export function cronTimeZone(tz: string): string | undefined {
  if (tz === '') return 'must not be empty: leave it out for the controller\'s local time zone';
  if (tz.split('/').some((p) => p === '.' || p === '..' || p.startsWith('-') || !ZONE_PART.test(p))) {
    return 'is not a time zone name: parts of letters, digits, ".", "-", "_" or "+", at most 14 each, e.g. Europe/Berlin';
  }
  if (tz.toLowerCase() === 'local') return 'must be an explicit IANA time zone, e.g. Europe/Berlin, not Local';
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return 'is not a known IANA time zone, e.g. Europe/Berlin or UTC';
  }
  if (resolved !== tz && resolved.toLowerCase() === tz.toLowerCase()) return `is not a known IANA time zone: names are case-sensitive (${resolved})`;
  return undefined;
}
