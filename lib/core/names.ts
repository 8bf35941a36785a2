/**
 * Kubernetes name and identifier rules (apimachinery util/validation). Each check returns
 * undefined when the value is valid, else the rule it breaks, phrased to follow the value
 * in a message: `name "Web" is not a valid DNS-1035 label (...)`.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const IANA_PORT_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

export function dns1035Label(value: string): string | undefined {
  if (value.length > 63) return `is longer than 63 characters (${value.length})`;
  if (!DNS1035_LABEL.test(value)) {
    return 'is not a valid DNS-1035 label: lower-case letters, digits and "-", starting with a letter and ending with a letter or digit';
  }
  return undefined;
}

export function dns1123Label(value: string): string | undefined {
  if (value.length > 63) return `is longer than 63 characters (${value.length})`;
  if (!DNS1123_LABEL.test(value)) {
    return 'is not a valid DNS-1123 label: lower-case letters, digits and "-", starting and ending with a letter or digit';
  }
  return undefined;
}

/** Checks a name the API server takes as one URL path segment (not "." or "..", no "/" or "%"). */
export function pathSegmentName(value: string): string | undefined {
  if (value === '') return 'must not be empty';
  if (value === '.' || value === '..') return 'must not be "." or ".."';
  if (/[/%]/.test(value)) return 'must not contain "/" or "%"';
  return undefined;
}

export function dns1123Subdomain(value: string): string | undefined {
  if (value.length > 253) return `is longer than 253 characters (${value.length})`;
  if (!DNS1123_SUBDOMAIN.test(value)) {
    return 'is not a valid DNS-1123 subdomain: lower-case labels of letters, digits and "-" joined by "."';
  }
  return undefined;
}

/** IANA_SVC_NAME: the rule for container port names and port names referenced by probes or Ingress. */
export function ianaPortName(value: string): string | undefined {
  if (value.length === 0 || value.length > 15) {
    return 'is not a valid port name: it must be 1-15 characters (IANA service name)';
  }
  if (!IANA_PORT_NAME.test(value) || value.includes('--') || !/[a-z]/.test(value)) {
    return 'is not a valid port name: lower-case letters, digits and "-", at least one letter, no leading, trailing or double "-" (IANA service name)';
  }
  return undefined;
}

/** A label or annotation key: `[prefix/]name`. */
export function qualifiedName(value: string): string | undefined {
  const parts = value.split('/');
  if (parts.length > 2) return 'is not a valid key: at most one "/" (prefix/name)';
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix === '' || dns1123Subdomain(prefix) !== undefined) {
      return 'is not a valid key: the prefix before "/" must be a DNS-1123 subdomain';
    }
  }
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME_PART.test(name)) {
    return 'is not a valid key: the name part must be 1-63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
  }
  return undefined;
}

export function labelValue(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63 || !QUALIFIED_NAME_PART.test(value)) {
    return 'is not a valid label value: at most 63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
  }
  return undefined;
}

export function envVarName(value: string): string | undefined {
  if (!ENV_VAR_NAME.test(value)) {
    return 'is not a valid environment variable name: letters, digits, "_", "-" and ".", not starting with a digit';
  }
  return undefined;
}

/** The name Kubernetes derives for the injected `<NAME>_SERVICE_HOST` style variables. */
export function serviceEnvPrefix(serviceName: string): string {
  return serviceName.toUpperCase().replace(/-/g, '_');
}
