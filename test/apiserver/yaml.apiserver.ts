// The YAML that FastApp writes, read by the real server's Go YAML parser (the one kubectl, Argo CD and
// Flux use): every string, as key or value, must arrive unchanged.
import fc from 'fast-check';
import { toYaml } from '../../lib/core/yaml';
import { KubeClient, type Manifest } from './client';

const client = KubeClient.fromEnvironment();

// Strings YAML 1.1 (Go) and YAML 1.2 read differently when plain, and strings as manifests hold them.
const HAZARDS = ['yes', 'No', 'on', 'OFF', 'y', 'n', 'true', 'null', 'Null', '~', '', '0x1F', '0X1F', '0b101', '0B101', '0o17', '0O17', '017', '08', '1_000',
  '1e1_0', '0_x1F', '1e3', '1E3', '.5', '5.', '+1', '-0', '.inf', '-.Inf', '.NaN', '1:20', '12:30:45', '2026-11-30', '<<', '=', '0x1p-2'];
const piece = fc.constantFrom(...HAZARDS, 'a', ' ', '\n', '\t', ': ', '#', ' #', '- ', '"', "'", '\\', '{', '[', ',', '&', '*', '!', '|', '>', '%', '@', '`', '?',
  'é', '日本', '😀', '\r', '\u0085', '\u2028', '\u2029', '\u007f', '\u009f', '\u00a0', '\u200b', '\ufeff', '\ufffe', '\uffff');
const value = fc.oneof(fc.constantFrom(...HAZARDS), fc.array(piece, { maxLength: 8 }).map((p) => p.join('')));
// ConfigMap keys allow [-._a-zA-Z0-9]: still room for keys Go reads as numbers or booleans.
const key = fc.oneof(fc.constantFrom(...HAZARDS.filter((h) => /^[-._a-zA-Z0-9]+$/.test(h))), fc.stringMatching(/^[-._a-zA-Z0-9]{1,12}$/))
  .filter((k) => k !== '.' && !k.startsWith('..'));
// Annotation keys are qualified names: the keys above that start and end with a letter or digit.
const annotationsOf = (data: Record<string, string>) => Object.fromEntries(Object.entries(data).filter(([k]) => /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(k)));

test('ConfigMap keys and values survive Go\'s YAML parser', async () => {
  await fc.assert(fc.asyncProperty(fc.dictionary(key, value, { minKeys: 1, maxKeys: 8 }), async (data) => {
    const annotations = annotationsOf(data);
    const manifest: Manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'yaml-check', namespace: 'default', annotations }, data };
    const res = await client.apply(manifest, { dryRun: true, yaml: toYaml(manifest) });
    expect([res.status, res.message]).toEqual([expect.any(Number), '']);
    expect(res.body.data).toEqual(data);
    expect((res.body.metadata as { annotations?: unknown }).annotations ?? {}).toEqual(annotations);
  }), { numRuns: 300, seed: 20261130 });
});

// Issue #27: multi-line strings with a tab where Go's parser expects the block's indentation.
test('multi-line strings that start with a tab survive Go\'s YAML parser', async () => {
  const data = { 'a': '\tfoo\nbar', 'b': '\n\tx', 'c': '\t\n', 'd': '\tx\n', 'e': '\t\tx\n\ty', 'f': '  \n\tx\ny', 'g': 'foo\n\tbar' };
  const manifest: Manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'yaml-tabs', namespace: 'default' }, data };
  const res = await client.apply(manifest, { dryRun: true, yaml: toYaml(manifest) });
  expect([res.status, res.message]).toEqual([expect.any(Number), '']);
  expect(res.body.data).toEqual(data);
});
