/** Kubernetes resource quantities (apimachinery resource.ParseQuantity). */
import { Size, SizeRoundingBehavior } from 'cdk8s';
import { Problems } from './problems';
import { remembered } from './collections';

const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const FACTORS: { [suffix: string]: number } = {
  '': 1, 'n': 1e-9, 'u': 1e-6, 'm': 1e-3, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'P': 1e15, 'E': 1e18,
  'Ki': 2 ** 10, 'Mi': 2 ** 20, 'Gi': 2 ** 30, 'Ti': 2 ** 40, 'Pi': 2 ** 50, 'Ei': 2 ** 60,
};

/** Valid quantities already parsed: manifests repeat a few (`100m`, `128Mi`) thousands of times. */
const VALUES = new Map<string, number>();

export function quantity(value: string): string | undefined {
  if (VALUES.has(value)) return undefined;
  if (!QUANTITY.test(value)) {
    return 'is not a valid quantity: a number with an optional suffix (m, k, M, G, Ki, Mi, Gi, ...), e.g. 100m, 128Mi, 1Gi';
  }
  if (value.startsWith('-')) return 'must not be negative';
  return undefined;
}

/** The numeric value of a valid quantity, for comparisons such as request <= limit. */
export function quantityValue(value: string): number {
  const known = VALUES.get(value);
  if (known !== undefined) return known;
  const n = parseQuantity(value);
  if (VALUES.size < 1000 && quantity(value) === undefined) VALUES.set(value, n);
  return n;
}

function parseQuantity(value: string): number {
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(.*)$/.exec(value);
  if (!m) return NaN;
  const suffix = m[2];
  if (/^[eE]/.test(suffix)) return Number(m[1]) * 10 ** Number(suffix.slice(1));
  return Number(m[1]) * (FACTORS[suffix] ?? NaN);
}

const DECIMAL_EXPONENTS: { [suffix: string]: number } = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const DECIMAL_SUFFIXES: { [exponent: number]: string } = { [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };

/**
 * The form in which the API server stores a valid, non-negative quantity (apimachinery's
 * Quantity.String): `1.5` becomes `1500m`, `1024Mi` becomes `1Gi`, `0.5Gi` becomes `512Mi`. Writing
 * that form keeps the manifest and the live object equal, so GitOps tools show no drift.
 */
export function canonicalQuantity(value: string): string {
  return remembered(CANONICAL, value, canonicalForm);
}

const CANONICAL = new Map<string, string>();

function canonicalForm(value: string): string {
  const m = /^\+?(\d*)(?:\.(\d*))?(.*)$/.exec(value);
  if (!m) return value;
  const [, whole, fraction = '', suffix] = m;
  // The value is n / 10^scale, exactly; binary suffixes multiply n by 1024^k.
  let n = BigInt(`${whole}${fraction}` || '0');
  let scale = fraction.length;
  const binary = BINARY_SUFFIXES.indexOf(suffix);
  if (binary > 0) n *= 1024n ** BigInt(binary);
  const exponentForm = /^[eE][+-]?\d+$/.test(suffix);
  const exponent = exponentForm ? Number(suffix.slice(1)) : DECIMAL_EXPONENTS[suffix] ?? 0;
  if (exponent >= scale) {
    n *= 10n ** BigInt(exponent - scale);
    scale = 0;
  } else {
    scale -= exponent;
  }
  // The server writes milli precision at most, rounding up (`1u` is stored as `1m`).
  if (scale > 3) {
    const divisor = 10n ** BigInt(scale - 3);
    n = (n + divisor - 1n) / divisor;
    scale = 3;
  }
  if (n === 0n) return '0';
  while (scale > 0 && n % 10n === 0n) {
    n /= 10n;
    scale--;
  }
  if (binary > 0 && scale === 0 && n >= 1024n) {
    let k = 0;
    while (k < 6 && n % 1024n === 0n) {
      n /= 1024n;
      k++;
    }
    return `${n}${BINARY_SUFFIXES[k]}`;
  }
  // Decimal: the largest exponent that is a multiple of 3 (at most 18) with an integer mantissa.
  let e = -scale;
  while (n % 10n === 0n) {
    n /= 10n;
    e++;
  }
  const target = Math.min(18, Math.floor(e / 3) * 3);
  n *= 10n ** BigInt(e - target);
  if (exponentForm) return target === 0 ? `${n}` : `${n}e${target}`;
  return `${n}${DECIMAL_SUFFIXES[target]}`;
}

/**
 * The whole number `n` is, up to floating-point error (`Cpu.units(0.3)` holds 300.00000000000006
 * millicores), or undefined when it is not whole.
 */
export function wholeNumber(n: number): number | undefined {
  if (!Number.isFinite(n)) return undefined;
  const whole = Math.round(n);
  return Math.abs(n - whole) <= 1e-9 * Math.max(1, Math.abs(whole)) ? whole : undefined;
}

const BINARY_UNITS = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi'];

/**
 * A Size as a Kubernetes quantity in its largest whole binary unit (`Size.gibibytes(1)` is `1Gi`,
 * `Size.mebibytes(1536)` is `1536Mi`), the form the API server stores; undefined when it is not a
 * whole number of kibibytes >= 0.
 */
export function sizeText(size: Size): string | undefined {
  let n = size.toKibibytes({ rounding: SizeRoundingBehavior.NONE });
  if (!Number.isSafeInteger(n) || n < 0) return undefined;
  if (n === 0) return '0';
  let unit = 0;
  while (unit < BINARY_UNITS.length - 1 && n % 1024 === 0) {
    n /= 1024;
    unit++;
  }
  return `${n}${BINARY_UNITS[unit]}`;
}

/** `sizeText`, with a problem for a value that is not a Size or not a whole number of kibibytes. */
export function sizeQuantity(problems: Problems, field: string, size: Size): string | undefined {
  if (!(size instanceof Object) || typeof (size as Size).toKibibytes !== 'function') {
    problems.add(field, size, 'is not a Size: use Size.mebibytes(n), Size.gibibytes(n), ...');
    return undefined;
  }
  const text = sizeText(size);
  if (text === undefined) problems.add(field, size.asString(), 'is not a whole number of kibibytes or is negative');
  return text;
}
