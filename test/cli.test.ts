import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The repository's app under the cdk8s CLI: `-o DIR`, `--stdout` and `--format helm` must work
// (the app takes its output directory from the CLI, as every cdk8s app should).
const root = join(__dirname, '..');
const cdk8s = (args: string[]) => execFileSync(join(root, 'node_modules', '.bin', 'cdk8s'), ['synth', '--no-check-upgrade', ...args], { cwd: root, encoding: 'utf8' });

describe('cdk8s CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const manifests = (d: string) => readdirSync(d).filter((f) => f.endsWith('.k8s.yaml')).sort();

  test('-o DIR writes every chart there', () => {
    cdk8s(['-o', join(dir, 'out')]);
    expect(manifests(join(dir, 'out'))).toContain('services.k8s.yaml');
    expect(manifests(join(dir, 'out')).length).toBeGreaterThanOrEqual(10);
  });

  // The CLI pipes the files to stdout one after another without a "---" between them (for any
  // cdk8s app), so the stream is checked file by file, not parsed as a whole.
  test('--stdout prints every file', () => {
    const printed = cdk8s(['--stdout']);
    for (const f of manifests(join(dir, 'out'))) expect([f, printed.includes(readFileSync(join(dir, 'out', f), 'utf8'))]).toEqual([f, true]);
  });

  test('--format helm writes a chart with the manifests as templates', () => {
    cdk8s(['--format', 'helm', '--chart-version', '1.0.0', '-o', join(dir, 'helm')]);
    expect(readFileSync(join(dir, 'helm', 'Chart.yaml'), 'utf8')).toContain('version: "1.0.0"');
    expect(manifests(join(dir, 'helm', 'templates'))).toEqual(manifests(join(dir, 'out')));
  });
});
