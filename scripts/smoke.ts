// The consumer smoke test: pack the package, install the tarball into a fresh project next to its
// peer dependencies (taken from this repo's node_modules, so nothing is downloaded), then build a
// chart with every construct from plain JavaScript and from TypeScript, synthesize and check it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'consumer-'));
const run = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

function fail(message: string): never {
  console.error(`smoke test failed: ${message}`);
  process.exit(1);
}

try {
  // 1. The tarball holds the compiled library and its papers, nothing else.
  run('npm', ['run', '--silent', 'build:jsii'], root);
  run('npm', ['run', '--silent', 'build'], root);
  const packed = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], root)) as Array<{ filename: string; files: Array<{ path: string }> }>;
  const files = packed[0].files.map((f) => f.path).sort();
  const allowed = /^(build\/.+\.(js|d\.ts)|\.jsii|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/;
  const stray = files.filter((f) => !allowed.test(f));
  if (stray.length > 0) fail(`unexpected files in the tarball: ${stray.join(', ')}`);
  for (const f of ['build/index.js', 'build/index.d.ts', 'build/validation/index.js', 'build/terraform/index.js', '.jsii', 'LICENSE', 'CHANGELOG.md', 'README.md']) {
    if (!files.includes(f)) fail(`${f} is missing from the tarball`);
  }
  if (files.some((f) => /^(test|apps|bench|scripts|lib)\//.test(f))) fail('tests, apps or sources leaked into the tarball');
  // The Kubernetes API types (lib/core/k8s.ts, from development dependencies) check the renderers
  // at compile time only: no shipped declaration may name them, or users would need those packages.
  const typed = files.filter((f) => f.endsWith('.d.ts') && !f.startsWith('build/validation/'))
    .filter((f) => /from ['"](\.{1,2}\/)+(core\/)?k8s['"]|kubernetes-models/.test(readFileSync(join(root, f), 'utf8').replace(/\/\*\*[\s\S]*?\*\//g, '')));
  if (typed.length > 0) fail(`declarations name the development-only Kubernetes types: ${typed.join(', ')}`);
  if (files.includes('build/core/k8s.d.ts')) fail('build/core/k8s.d.ts is in the tarball');

  // 2. A fresh project with the tarball and the peer dependencies.
  const project = join(work, 'project');
  const modules = join(project, 'node_modules');
  mkdirSync(join(modules, '@kubernetes-models'), { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  run('tar', ['-xzf', join(work, packed[0].filename), '-C', work], work);
  run('mv', [join(work, 'package'), join(modules, 'cdk8s-service-patterns')], work);
  for (const dep of ['cdk8s', 'constructs', 'kubernetes-models', 'yaml', 'typescript', '@types']) symlinkSync(join(root, 'node_modules', dep), join(modules, dep));
  for (const dep of readdirSync(join(root, 'node_modules', '@kubernetes-models'))) {
    symlinkSync(join(root, 'node_modules', '@kubernetes-models', dep), join(modules, '@kubernetes-models', dep));
  }

  // 3. Every construct, from JavaScript.
  writeFileSync(join(project, 'consumer.js'), `
const assert = require('node:assert');
const fs = require('node:fs');
const { Chart, Size } = require('cdk8s');
const { parseAllDocuments } = require('yaml');
const p = require('cdk8s-service-patterns');
const { validateManifests, checkPodSecurity, formatIssue } = require('cdk8s-service-patterns/validation');
assert.throws(() => require('cdk8s-service-patterns/build/exposed-app'), /ERR_PACKAGE_PATH_NOT_EXPORTED|not exported/);

const app = new p.FastApp({ outdir: 'out' });
const chart = new Chart(app, 'consumer', { namespace: 'shop' });
p.PatternDefaults.set(chart, { networkPolicy: true });
const gateway = new p.Gateway(chart, 'gw', { gatewayClassName: 'eg', listeners: [{ name: 'http', protocol: p.ListenerProtocol.HTTP }] });
const router = new p.IngressRouter(chart, 'router', { ingressClassName: 'nginx' });
const web = new p.ExposedApp(chart, 'web', { image: 'nginx:1.27', port: 8080, ingress: { router, host: 'shop.example.com' }, route: { gateway } });
const api = new p.ExposedApp(chart, 'api', { image: 'nginx:1.27', serviceType: p.ServiceType.NODE_PORT, ingress: { host: 'api.example.com' } });
const db = new p.HeadlessGroup(chart, 'db', { image: 'postgres:16', portName: 'postgres', port: 5432, volumeClaims: [{ name: 'data', storage: Size.gibibytes(1), mountPath: '/data' }] });
const ext = new p.ExternalDatabase(chart, 'mysql', { addresses: ['192.0.2.10'], port: 3306 });
const named = new p.ExternalDatabase(chart, 'saas', { externalName: 'api.saas.example.com', port: 443 });
const ref = p.ServiceRef.fromName(chart, 'legacy', 'legacy', { namespace: 'old', port: 80 });
new p.ServiceAlias(chart, 'legacy-alias', { target: ref });
web.connectTo(api); api.connectTo(db); api.connectTo(ext); api.connectTo(named);
app.synth();

const docs = parseAllDocuments(fs.readFileSync('out/consumer.k8s.yaml', 'utf8')).map((d) => d.toJS());
const kinds = new Set(docs.map((d) => d.kind));
for (const k of ['Deployment', 'Service', 'Ingress', 'StatefulSet', 'EndpointSlice', 'NetworkPolicy', 'PodDisruptionBudget', 'Gateway', 'HTTPRoute']) assert(kinds.has(k), 'missing ' + k);
// What the cluster must have (the classes), listed by the constructs and accepted by the lint.
const needs = p.ExternalReferences.of(app).map((r) => (r.namespace === undefined ? r.kind + '/' + r.name : r.kind + '/' + r.namespace + '/' + r.name));
assert.deepStrictEqual(needs.sort(), ['GatewayClass/eg', 'IngressClass/nginx']);
assert.deepStrictEqual(validateManifests(docs, { existingObjects: needs }).map(formatIssue), []);
assert.deepStrictEqual(validateManifests(docs).map((i) => i.rule), ['reference', 'reference']);
assert.deepStrictEqual(checkPodSecurity(docs, 'restricted'), []);
assert.match(p.Topology.describe(chart), /flowchart LR/);
assert(p.Errors.isServicePatternsError((() => { try { new p.ExposedApp(chart, 'bad', { image: 'x', port: 0 }); } catch (e) { return e; } })()));
console.log('consumer ok: ' + docs.length + ' objects');
`);
  console.log(run(process.execPath, ['consumer.js'], project).trim());

  // 4. And from TypeScript: the shipped declarations compile.
  writeFileSync(join(project, 'consumer.ts'), `
import { App, Chart } from 'cdk8s';
import { ExposedApp, ExposedAppProps, HeadlessGroup, Probe, ServiceType } from 'cdk8s-service-patterns';
import { synthValidated } from 'cdk8s-service-patterns/validation';
const props: ExposedAppProps = { image: 'nginx:1.27', serviceType: ServiceType.LOAD_BALANCER, readiness: Probe.httpGet('/healthz') };
const chart = new Chart(new App(), 'ts');
new ExposedApp(chart, 'web', props);
new HeadlessGroup(chart, 'db', { image: 'postgres:16' });
const count: number = synthValidated(chart).length;
console.log(count);
`);
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'commonjs', target: 'ES2022', noEmit: true, types: ['node'] }, files: ['consumer.ts'] }));
  run(join(modules, 'typescript', 'bin', 'tsc'), ['-p', 'tsconfig.json'], project);

  // 4. Without the schema packages, validation says what to install instead of skipping the schemas.
  const bare = join(work, 'bare');
  mkdirSync(join(bare, 'node_modules'), { recursive: true });
  writeFileSync(join(bare, 'package.json'), JSON.stringify({ name: 'bare', private: true }));
  for (const dep of ['cdk8s', 'constructs', 'yaml']) symlinkSync(join(root, 'node_modules', dep), join(bare, 'node_modules', dep));
  symlinkSync(join(modules, 'cdk8s-service-patterns'), join(bare, 'node_modules', 'cdk8s-service-patterns'));
  writeFileSync(join(bare, 'bare.js'), `
const assert = require('node:assert');
const { validateManifests, MissingSchemaPackageError } = require('cdk8s-service-patterns/validation');
const cm = [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'a b': 'x' } }];
assert.throws(() => validateManifests(cm), (e) => e instanceof MissingSchemaPackageError && /npm install --save-dev kubernetes-models@/.test(e.message));
assert.strictEqual(validateManifests(cm, { schema: false }).length, 1);
console.log('bare ok');
`);
  console.log(run(process.execPath, ['--preserve-symlinks', 'bare.js'], bare).trim());
  console.log(`consumer smoke test passed (${files.length} files in the tarball)`);
} finally {
  rmSync(work, { recursive: true, force: true });
  for (const f of readdirSync(root).filter((x) => x.endsWith('.tgz'))) rmSync(join(root, f));
}
