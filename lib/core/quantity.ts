/** Kubernetes resource quantities (apimachinery resource.ParseQuantity). */

const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const FACTORS: { [suffix: string]: number } = {
  '': 1, 'm': 1e-3, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'P': 1e15, 'E': 1e18,
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
