import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Chart } from 'cdk8s';
import { ServicePatternsError } from '../lib';
import { BAD_INPUTS } from './bad-inputs';

describe('bad-input corpus', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'corpus-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  test.each(BAD_INPUTS.map((b) => [`${b.construct}: ${b.title}`, b] as const))('%s', (_name, bad) => {
    const app = new App({ outdir });
    let error: unknown;
    try {
      bad.build(new Chart(app, 'test'));
      app.synth();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ServicePatternsError);
    expect((error as Error).message).toBe(bad.message);
    expect(readdirSync(outdir)).toEqual([]);
  });
});
