import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

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

  test('-o DIR holds manifests only: the validation plugin removes the construct metadata cdk8s wrote for it', () => {
    expect(readdirSync(join(dir, 'out')).filter((f) => !f.endsWith('.k8s.yaml'))).toEqual([]);
  });

  // What `cdk8s synth --stdout | kubectl apply -f -` reads: the CLI prints the files one after
  // another with nothing between them (FastApp opens each with "---"), and the validation report
  // goes to stderr. The stream is parsed as a whole, strictly, as kubectl's parser would.
  test('--stdout prints every object as one YAML stream, and nothing else', () => {
    const printed = cdk8s(['--stdout']);
    const streamed = parseAllDocuments(printed, { uniqueKeys: true });
    expect(streamed.flatMap((d) => d.errors.map((e) => e.message))).toEqual([]);
    const written = manifests(join(dir, 'out')).flatMap((f) => parseAllDocuments(readFileSync(join(dir, 'out', f), 'utf8')).map((d) => d.toJS()));
    // The CLI reads the files concurrently, so they come out in any order (each file whole while
    // it fits one 64 KiB read: ours do).
    const sorted = (docs: unknown[]) => docs.filter((d) => d !== null).map((d) => JSON.stringify(d)).sort();
    expect(sorted(streamed.map((d) => d.toJS()))).toEqual(sorted(written));
    expect(written.length).toBeGreaterThan(50);
  });

  test('--format helm writes a chart with the manifests (and only those) as templates', () => {
    cdk8s(['--format', 'helm', '--chart-version', '1.0.0', '-o', join(dir, 'helm')]);
    expect(readFileSync(join(dir, 'helm', 'Chart.yaml'), 'utf8')).toContain('version: "1.0.0"');
    expect(manifests(join(dir, 'helm', 'templates'))).toEqual(manifests(join(dir, 'out')));
    expect(readdirSync(join(dir, 'helm', 'templates')).filter((f) => !f.endsWith('.k8s.yaml'))).toEqual([]);
  });
});

// The validation plugin under the CLI, for an app written with plain ApiObjects and cdk8s-plus
// (no construct of ours): `validations:` in its cdk8s.yaml, as users write it.
describe('cdk8s CLI validation plugin (ManifestValidation)', () => {
  const project = mkdtempSync(join(tmpdir(), 'plugin-'));
  afterAll(() => rmSync(project, { recursive: true, force: true }));
  const modules = JSON.stringify(join(root, 'node_modules'));

  const broken = `
const chart = new Chart(app, 'plain');
new ApiObject(chart, 'web', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
  spec: { bogusField: true, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } } });
new ApiObject(chart, 'web-svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
new ApiObject(chart, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { 'app config': 'x' } });
new ApiObject(chart, 'reader', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'reader' }, spec: { containers: [{ name: 'r', image: 'busybox:1.36',
  env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'settings', key: 'a' } } }, { name: 'B', valueFrom: { secretKeyRef: { name: 'db', key: 'b' } } }] }] } });
new kplus.Deployment(chart, 'plus', { containers: [{ image: 'ghcr.io/acme/api:1.0', portNumber: 8080 }] });
`;
  const synthWith = (properties: string, charts = broken): { status: number; output: string } => {
    writeFileSync(join(project, 'app.js'), `
const { App, Chart, ApiObject } = require(${modules} + '/cdk8s');
const kplus = require(${modules} + '/cdk8s-plus-27');
const app = new App();
${charts}
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

  // The plugin sees the app, not one file at a time: a Service in one chart over pods written
  // in another is fine, and a Service over no pod of any chart is still reported.
  test('checks the whole app at once: a Service may select the pods of another chart', () => {
    const pods = `
new ApiObject(new Chart(app, 'pods'), 'web', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } } });
`;
    const service = (selector: string) => `
new ApiObject(new Chart(app, 'front'), 'svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'front', namespace: 'shop' }, spec: { selector: { app: '${selector}' }, ports: [{ port: 80 }] } });
`;
    const good = synthWith('', pods + service('web'));
    expect([good.status, plain(good.output)]).toEqual([0, expect.stringContaining('Validations ended succesfully')]);
    expect(readdirSync(join(project, 'dist')).sort()).toEqual(['front.k8s.yaml', 'pods.k8s.yaml']);
    const bad = plain(synthWith('', pods + service('api')).output);
    expect(bad).toContain('[lint] Service: /spec/selector matches no pod template in these manifests');
    expect(bad).toContain('Manifest Path: dist/front.k8s.yaml');
  });

  test('a wrong property is the library\'s error, naming the property and what is allowed', () => {
    const { status, output } = synthWith('    properties:\n      podSecurity: Restricted');
    expect(status).not.toBe(0);
    expect(output).toContain('ServicePatternsError: ManifestValidation: properties.podSecurity "Restricted" is not "baseline" or "restricted"');
  });
});
