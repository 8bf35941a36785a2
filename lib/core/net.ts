import { isIPv4, isIPv6 } from 'node:net';

/** IP family of an address, or undefined when it is not an IP address. */
export function ipFamily(value: string): 'IPv4' | 'IPv6' | undefined {
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
