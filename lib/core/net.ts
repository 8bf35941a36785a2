import { isIPv4, isIPv6 } from 'node:net';

/**
 * IP family of an address, or undefined when it is not an IP address as Kubernetes parses them
 * (Go's net.ParseIP): an IPv6 zone (`fe80::1%eth0`), which Node accepts, is not.
 */
export function ipFamily(value: string): 'IPv4' | 'IPv6' | undefined {
  if (typeof value !== 'string' || value.includes('%')) return undefined;
  if (isIPv4(value)) return 'IPv4';
  if (isIPv6(value)) return 'IPv6';
  return undefined;
}

/** Checks a CIDR such as `10.0.0.0/8` or `2001:db8::/32`; returns the broken rule or undefined. */
export function cidr(value: string): string | undefined {
  const slash = value.indexOf('/');
  const ip = slash < 0 ? value : value.slice(0, slash);
  const bits = slash < 0 ? '' : value.slice(slash + 1);
  const family = ipFamily(ip);
  const max = family === 'IPv6' ? 128 : 32;
  if (family === undefined || !/^\d{1,3}$/.test(bits) || Number(bits) > max) {
    return 'is not a valid CIDR: expected an address and a prefix length, e.g. 10.0.0.0/8 or 2001:db8::/32';
  }
  return undefined;
}

/** The 16 bytes of a valid IPv6 address. */
function ipv6Bytes(value: string): number[] {
  let text = value;
  const tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.')) {
    tail.push(...text.slice(lastColon + 1).split('.').map(Number));
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [head, rest] = text.includes('::') ? text.split('::') : [text, undefined];
  const groups = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const left = groups(head);
  const right = rest === undefined ? [] : groups(rest);
  const words = [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
  const bytes = words.flatMap((w) => [w >> 8, w & 0xff]);
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

/**
 * Why an address may not back a Service endpoint (the API server's ValidateNonSpecialIP), or
 * undefined when it may. Expects a valid IP.
 */
export function specialIp(value: string): string | undefined {
  let v4: number[] | undefined;
  if (ipFamily(value) === 'IPv4') {
    v4 = value.split('.').map(Number);
  } else {
    const b = ipv6Bytes(value);
    if (b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff) {
      return 'is an IPv4-mapped IPv6 address (write it as plain IPv4)';
    }
    if (b.every((x) => x === 0)) return 'is the unspecified address';
    if (b.slice(0, 15).every((x) => x === 0) && b[15] === 1) return 'is a loopback address';
    if (b[0] === 0xfe && (b[1] & 0xc0) === 0x80) return 'is a link-local address (fe80::/10)';
    if (b[0] === 0xff && (b[1] & 0x0f) === 0x02) return 'is a link-local multicast address';
    return undefined;
  }
  if (v4.every((x) => x === 0)) return 'is the unspecified address';
  if (v4[0] === 127) return 'is a loopback address (127.0.0.0/8)';
  if (v4[0] === 169 && v4[1] === 254) return 'is a link-local address (169.254.0.0/16)';
  if (v4[0] === 224 && v4[1] === 0 && v4[2] === 0) return 'is a link-local multicast address (224.0.0.0/24)';
  return undefined;
}
