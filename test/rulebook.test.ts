// The Kubernetes rules that the constructs and the validator share are written once, in
// lib/core/pod-values.ts and lib/core/service-values.ts (issue #29). The expectations here are
// transcribed from shared/K8S-RULES.md (the section is named on each), not from the code, and the
// last test fails when a copy of a rule appears again outside lib/core/.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BASELINE_CAPABILITIES, CONFIG_MAP_KEY, ENV_FIELD_PATHS, envFieldPath, MAX_FILE_MODE, MAX_ID, RESTRICTED_CAPABILITIES,
  RESTRICTED_VOLUME_TYPES, resourceDivisor, resourceFieldResource, TOKEN_EXPIRATION_SECONDS, VOLUME_FIELD_PATHS,
} from '../lib/core/pod-values';
import { CLIENT_IP_TIMEOUT_SECONDS, KUBELET_PORT } from '../lib/core/service-values';
import { ImagePullPolicy, Protocol } from '../lib';

describe('the shared rules say what K8S-RULES.md says', () => {
  test('§8 capabilities per Pod Security profile', () => {
    expect([...BASELINE_CAPABILITIES].sort()).toEqual(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD',
      'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);
    expect(RESTRICTED_CAPABILITIES).toEqual(['NET_BIND_SERVICE']);
    expect([...RESTRICTED_VOLUME_TYPES].sort()).toEqual(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);
  });

  test('§9 env fieldRef paths', () => {
    expect([...ENV_FIELD_PATHS].sort()).toEqual(['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName',
      'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs']);
    for (const ok of ["metadata.labels['app']", "metadata.annotations['example.com/x']", 'status.podIPs']) expect(envFieldPath(ok)).toBe(true);
    for (const bad of ['metadata.labels', 'status.phase', "metadata.labels['-x']", "metadata.labels['a/b/c']", 'spec.containers']) expect(envFieldPath(bad)).toBe(false);
    expect([...VOLUME_FIELD_PATHS].sort()).toEqual(['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid']);
  });

  test('§9 resourceFieldRef resources and divisors', () => {
    expect(resourceFieldResource('limits.cpu')).toBe('cpu');
    expect(resourceFieldResource('requests.ephemeral-storage')).toBe('ephemeral-storage');
    expect(resourceFieldResource('limits.hugepages-2Mi')).toBe('hugepages-2Mi');
    for (const bad of ['limits.nvidia.com/gpu', 'cpu', 'limit.cpu', 'requests.storage']) expect(resourceFieldResource(bad)).toBeUndefined();
    for (const d of ['1m', '1']) expect(resourceDivisor('cpu', d)).toBe(true);
    for (const d of ['1k', '1Mi', '2', '1u']) expect(resourceDivisor('cpu', d)).toBe(false);
    for (const d of ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei']) expect(resourceDivisor('memory', d)).toBe(true);
    for (const d of ['2Mi', '1m', '1KI', '10']) expect(resourceDivisor('memory', d)).toBe(false);
  });

  test('§1, §3, §9 keys, ids, file modes and token lifetimes', () => {
    for (const ok of ['a', 'tls.crt', '.hidden', 'A_b-c.1']) expect(CONFIG_MAP_KEY.test(ok)).toBe(true);
    for (const bad of ['', 'a b', 'a/b', 'a:b']) expect(CONFIG_MAP_KEY.test(bad)).toBe(false);
    expect(MAX_ID).toBe(2 ** 31 - 1);
    expect(MAX_FILE_MODE).toBe(511);
    expect(TOKEN_EXPIRATION_SECONDS).toEqual({ min: 600, max: 2 ** 32 });
  });

  test('§2, §3, §9 enums the validator takes its values from', () => {
    expect(Object.values(Protocol)).toEqual(['TCP', 'UDP', 'SCTP']);
    expect(Object.values(ImagePullPolicy)).toEqual(['Always', 'IfNotPresent', 'Never']);
  });

  test('§2 Service values', () => {
    expect(KUBELET_PORT).toBe(10250);
    expect(CLIENT_IP_TIMEOUT_SECONDS).toEqual({ min: 1, max: 86400 });
  });
});

/** Distinctive pieces of each shared rule: none may be written again outside lib/core/. */
const RULE_LITERALS = [
  "'AUDIT_WRITE'", "'SYS_CHROOT'", "'status.podIPs'", "'spec.serviceAccountName'", "'metadata.uid'", 'hugepages-.+)$',
  '(|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)', '[-._a-zA-Z0-9]+$', '2147483647', '10250', '86400', "'persistentVolumeClaim', 'projected'",
  // The CronJob schedule and time zone (lib/core/cron.ts).
  "'@annually'", '0-9+]{1,14}',
];

test('each shared rule is written once, in lib/core/', () => {
  const copies: string[] = [];
  for (const dir of ['workloads', 'services', 'routing', 'connections', 'validation']) {
    for (const file of readdirSync(join(__dirname, '..', 'lib', dir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.generated.ts'))) {
      const code = readFileSync(join(__dirname, '..', 'lib', dir, file), 'utf8').split('\n').filter((l) => !/^\s*(\/\/|\/?\*)/.test(l)).join('\n');
      for (const literal of RULE_LITERALS) if (code.includes(literal)) copies.push(`lib/${dir}/${file}: ${literal}`);
    }
  }
  expect(copies).toEqual([]);
});
