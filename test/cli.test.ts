import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

// The validation plugin under the CLI, for an app written with plain ApiObjects and cdk8s-plus
// (no construct of ours): `validations:` in its cdk8s.yaml, as users write it.
describe('cdk8s CLI validation plugin (ManifestValidation)', () => {
  const project = mkdtempSync(join(tmpdir(), 'plugin-'));
  afterAll(() => rmSync(project, { recursive: true, force: true }));
  const modules = JSON.stringify(join(root, 'node_modules'));

  const synthWith = (properties: string): { status: number; output: string } => {
    writeFileSync(join(project, 'app.js'), `
const { App, Chart, ApiObject } = require(${modules} + '/cdk8s');
const kplus = require(${modules} + '/cdk8s-plus-27');
const app = new App();
const chart = new Chart(app, 'plain');
new ApiObject(chart, 'web', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
  spec: { bogusField: true, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } } });
new ApiObject(chart, 'web-svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
new ApiObject(chart, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { 'app config': 'x' } });
new ApiObject(chart, 'reader', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'reader' }, spec: { containers: [{ name: 'r', image: 'busybox:1.36',
  env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'settings', key: 'a' } } }, { name: 'B', valueFrom: { secretKeyRef: { name: 'db', key: 'b' } } }] }] } });
new kplus.Deployment(chart, 'plus', { containers: [{ image: 'ghcr.io/acme/api:1.0', portNumber: 8080 }] });
app.synth();
`);
    writeFileSync(join(project, 'cdk8s.yaml'), [
      'language: typescript', 'app: node app.js', 'validations:',
      `  - package: ${join(root, 'scripts', 'validation-plugin.js')}`, '    version: 0.1.0', '    class: ManifestValidation', properties, '',
    ].join('\n'));
    try {
      return { status: 0, output: execFileSync(join(root, 'node_modules', '.bin', 'cdk8s'), ['synth', '--no-check-upgrade'], { cwd: project, encoding: 'utf8', stdio: 'pipe' }) };
    } catch (e) {
      const err = e as { status: number; stdout: string; stderr: string };
      return { status: err.status, output: `${err.stdout}${err.stderr}` };
    }
  };
  // eslint-free colour removal: the report colours its titles.
  const plain = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

  test('a violation fails the synth and names the rule, the resource, its manifest and its construct path', () => {
    const { status, output } = synthWith('');
    const report = plain(output);
    expect(status).not.toBe(0);
    expect(report).toContain('[api-server] Deployment: /spec/bogusField is an unknown field');
    expect(report).toContain('Resource Name: Deployment/web');
    expect(report).toContain("[api-server] ConfigMap: /data/app config \"app config\" must consist of alphanumeric characters, '-', '_' or '.'");
    expect(report).toContain('Construct Path: plain/settings');
    expect(report).toContain('Manifest Path: dist/plain.k8s.yaml');
    // cdk8s-plus's own Deployment passes the API server rules; only the objects above are reported.
    expect(report).not.toMatch(/Resource Name: plain-plus/);
  });

  // The oracle is the app's own objects: it defines ConfigMap "settings" and no Secret "db".
  test('a reference to an object no manifest defines is reported, unless listed or switched off', () => {
    const reference = '[reference] Pod: /spec/containers/0/env/1/valueFrom/secretKeyRef/name names Secret "db", which no manifest defines';
    const report = plain(synthWith('').output);
    expect(report).toContain(reference);
    expect(report).toContain('Resource Name: reader');
    expect(report).not.toMatch(/names ConfigMap "settings"/);
    expect(plain(synthWith('    properties:\n      existingObjects: [Secret/db]').output)).not.toContain('[reference]');
    expect(plain(synthWith('    properties:\n      undefinedReferences: false').output)).not.toContain('[reference]');
    expect(plain(synthWith('    properties:\n      lints: false').output)).not.toContain('[reference]');
    expect(plain(synthWith('    properties:\n      existingObjects: [db]').output)).toContain('properties.existingObjects[0] "db" is not Kind/namespace/name or Kind/name');
  });

  test('properties turn on Pod Security, for the hand-written pods and for cdk8s-plus\'s', () => {
    const report = plain(synthWith('    properties:\n      podSecurity: restricted').output);
    expect(report).toContain('[pod-security] Deployment: /spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation must be false');
    // cdk8s-plus sets runAsNonRoot but no seccomp profile, which "restricted" requires.
    const seccomp = report.split('\n[').find((section) => section.startsWith('pod-security] Deployment: /spec/template/spec/containers/0/securityContext/seccompProfile/type'));
    expect(seccomp).toMatch(/Resource Name: plain-plus-c[0-9a-z]+/);
    expect(seccomp).toContain('Resource Name: Deployment/web');
  });
});
