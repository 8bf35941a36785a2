import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { runOnce, VARIANTS } from '../bench/bench';

// The benchmark's smoke run (N=10): every variant still builds and synthesizes, and the raw
// variant writes the same manifests as ours, so the bench compares like with like.
describe('bench smoke run', () => {
  const read = (variant: string) => {
    const parent = mkdtempSync(join(tmpdir(), `bench-${variant}-`));
    const dir = join(parent, 'dist');
    try {
      runOnce(variant as never, 10, dir);
      expect(readdirSync(dir)).toEqual(['bench.k8s.yaml']);
      return readFileSync(join(dir, 'bench.k8s.yaml'), 'utf8');
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  };
  const outputs = Object.fromEntries(VARIANTS.map((v) => [v, read(v)]));
  const parse = (text: string) => parseAllDocuments(text).map((d) => d.toJS());

  test('every variant writes its objects: Deployment, Service and Ingress, or Deployment and Service for the real pods', () => {
    for (const v of VARIANTS) expect(parse(outputs[v])).toHaveLength(v.startsWith('real') ? 20 : 30);
  });

  test('raw writes what ExposedApp writes; FastApp writes the same bytes, opened with a "---" line', () => {
    expect(parse(outputs.raw)).toEqual(parse(outputs.ours));
    expect(outputs.fast).toBe(`---\n${outputs.ours}`);
  });

  test('real-raw writes what ExposedApp writes for the real pods', () => {
    expect(parse(outputs['real-raw'])).toEqual(parse(outputs.real));
  });
});
