// The consumer smoke test: pack the package and install the tarball into fresh projects the way a
// user does (`npm install`), with nothing linked or copied in: each project gets only what
// package.json declares. The registry is not asked: every package comes from a tarball packed from
// this repo's node_modules and is installed with `npm install --offline`. The projects build a chart
// with every construct from plain JavaScript and from TypeScript, with the newest and the oldest
// cdk8s our peer range allows, and without the optional schema packages.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'consumer-'));
const run = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

function fail(message: string): never {
  console.error(`smoke test failed: ${message}`);
  process.exit(1);
}

interface LockEntry { version?: string; dependencies?: { [name: string]: string } }
const lock = (JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: { [path: string]: LockEntry } }).packages;

/** Where Node finds `dep` from the installed package at `from` (a package-lock path). */
function resolveIn(from: string, dep: string): string {
  for (let dir = from; ; dir = dir.slice(0, dir.lastIndexOf('/node_modules/'))) {
    if (lock[`${dir}/node_modules/${dep}`]) return `${dir}/node_modules/${dep}`;
    if (!dir.includes('/node_modules/')) break;
  }
  if (!lock[`node_modules/${dep}`]) fail(`${dep} (needed by ${from}) is not installed in this repository's node_modules`);
  return `node_modules/${dep}`;
}

/**
 * `names` and everything they depend on, as package-lock paths of this repo's node_modules. A
 * package whose dependencies are installed inside it (another version than the top level's)
 * travels with them (see tarballOf); only top-level packages are listed.
 */
function withDependencies(names: string[]): string[] {
  const seen = new Set<string>();
  const visit = (at: string) => {
    if (seen.has(at)) return;
    seen.add(at);
    for (const dep of Object.keys(lock[at]?.dependencies ?? {})) visit(resolveIn(at, dep));
  };
  for (const name of names) visit(resolveIn('', name));
  return [...seen].filter((at) => !at.slice('node_modules/'.length).includes('/node_modules/'));
}

const tarballs = join(work, 'tarballs');
mkdirSync(tarballs);
const packedDirs = new Map<string, string>();
/**
 * The tarball of an installed package (a package-lock path), packed once. Dependencies installed
 * inside it are bundled into it, since the offline install could not fetch those versions.
 */
function tarballOf(at: string): string {
  let file = packedDirs.get(at);
  if (file) return file;
  let dir = join(root, at);
  const nested = Object.keys(lock).filter((p) => p.startsWith(`${at}/node_modules/`) && !p.slice(at.length + 14).includes('/node_modules/'))
    .map((p) => p.slice(at.length + 14));
  if (nested.length > 0) {
    const copy = join(work, 'bundling', at);
    cpSync(dir, copy, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(copy, 'package.json'), 'utf8')) as { bundleDependencies?: string[] };
    manifest.bundleDependencies = nested;
    writeFileSync(join(copy, 'package.json'), JSON.stringify(manifest));
    dir = copy;
  }
  const [info] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tarballs, dir], root)) as Array<{ filename: string }>;
  file = join(tarballs, info.filename);
  packedDirs.set(at, file);
  return file;
}

/** A fresh project with these tarballs installed by npm, as a user's `npm install` would. */
function project(name: string, packages: string[]): string {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true }));
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', ...packages], dir);
  return dir;
}

try {
  // 1. The tarball holds the compiled library and its papers, nothing else.
  run('npm', ['run', '--silent', 'build:jsii'], root);
  run('npm', ['run', '--silent', 'build'], root);
  const packed = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], root)) as Array<{ filename: string; files: Array<{ path: string }> }>;
  const files = packed[0].files.map((f) => f.path).sort();
  // Runtime dependencies that are not jsii modules travel inside the tarball (bundledDependencies).
  const bundled = ((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bundledDependencies?: string[] }).bundledDependencies ?? []);
  const allowed = new RegExp(`^(build/.+\\.(js|d\\.ts)|\\.jsii|README\\.md|LICENSE|CHANGELOG\\.md|package\\.json|node_modules/(${bundled.join('|')})/.+)$`);
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

  // 2. The projects. The tarball must bring its own runtime dependencies (bundled for jsii).
  const ours = join(work, packed[0].filename);
  const peers = (cdk8s: string) => [ours, tarballOf(`node_modules/${cdk8s}`), tarballOf('node_modules/constructs')];
  const schemas = withDependencies(['kubernetes-models', '@kubernetes-models/gateway-api']).map(tarballOf);
  const typescript = withDependencies(['typescript', '@types/node']).map(tarballOf);
  const full = project('project', [...peers('cdk8s'), ...schemas, ...typescript]);
  const oldest = project('oldest', [...peers('cdk8s-oldest'), ...schemas]);
  const cdk8sVersion = (dir: string) => (JSON.parse(readFileSync(join(dir, 'node_modules', 'cdk8s', 'package.json'), 'utf8')) as { version: string }).version;
  if (cdk8sVersion(oldest) !== lock['node_modules/cdk8s-oldest'].version) fail(`the oldest project has cdk8s ${cdk8sVersion(oldest)}`);

  // 3. Every construct, from JavaScript, with the newest and the oldest cdk8s. A multi-line
  // value makes FastApp load the YAML library (the package's own runtime dependency).
  const consumer = `
const assert = require('node:assert');
const { Chart, Size, Yaml } = require('cdk8s');
const p = require('cdk8s-service-patterns');
const { validateManifests, checkPodSecurity, formatIssue } = require('cdk8s-service-patterns/validation');
assert.throws(() => require('cdk8s-service-patterns/build/exposed-app'), /ERR_PACKAGE_PATH_NOT_EXPORTED|not exported/);

const app = new p.FastApp({ outdir: 'out' });
const chart = new Chart(app, 'consumer', { namespace: 'shop' });
p.PatternDefaults.set(chart, { networkPolicy: true });
const gateway = new p.Gateway(chart, 'gw', { gatewayClassName: 'eg', listeners: [{ name: 'http', protocol: p.ListenerProtocol.HTTP }] });
const router = new p.IngressRouter(chart, 'router', { ingressClassName: 'nginx' });
const web = new p.ExposedApp(chart, 'web', { image: 'nginx:1.27', port: 8080, ingress: { router, host: 'shop.example.com' }, route: { gateway },
  env: { GREETING: 'hello\\n  world\\n' } });
const api = new p.ExposedApp(chart, 'api', { image: 'nginx:1.27', serviceType: p.ServiceType.NODE_PORT, ingress: { host: 'api.example.com' } });
const db = new p.HeadlessGroup(chart, 'db', { image: 'postgres:16', portName: 'postgres', port: 5432, volumeClaims: [{ name: 'data', storage: Size.gibibytes(1), mountPath: '/data' }] });
const ext = new p.ExternalDatabase(chart, 'mysql', { addresses: ['192.0.2.10'], port: 3306 });
const named = new p.ExternalDatabase(chart, 'saas', { externalName: 'api.saas.example.com', port: 443 });
const ref = p.ServiceRef.fromName(chart, 'legacy', 'legacy', { namespace: 'old', port: 80 });
new p.ServiceAlias(chart, 'legacy-alias', { target: ref });
web.connectTo(api); api.connectTo(db); api.connectTo(ext); api.connectTo(named);
app.synth();

const docs = Yaml.load('out/consumer.k8s.yaml');
const env = docs.find((d) => d.kind === 'Deployment' && d.metadata.name === 'web').spec.template.spec.containers[0].env;
assert.deepStrictEqual(env.find((e) => e.name === 'GREETING'), { name: 'GREETING', value: 'hello\\n  world\\n' });
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
console.log('consumer ok with cdk8s ' + require('cdk8s/package.json').version + ': ' + docs.length + ' objects');
`;
  for (const dir of [full, oldest]) {
    writeFileSync(join(dir, 'consumer.js'), consumer);
    console.log(run(process.execPath, ['consumer.js'], dir).trim());
  }

  // 4. And from TypeScript: the shipped declarations compile.
  writeFileSync(join(full, 'consumer.ts'), `
import { App, Chart } from 'cdk8s';
import { ExposedApp, ExposedAppProps, HeadlessGroup, Probe, ServiceType } from 'cdk8s-service-patterns';
import { synthValidated } from 'cdk8s-service-patterns/validation';
const props: ExposedAppProps = { image: 'nginx:1.27', serviceType: ServiceType.LOAD_BALANCER, readiness: Probe.fromHttpGet('/healthz') };
const chart = new Chart(new App(), 'ts');
new ExposedApp(chart, 'web', props);
new HeadlessGroup(chart, 'db', { image: 'postgres:16' });
const count: number = synthValidated(chart).length;
console.log(count);
`);
  writeFileSync(join(full, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'commonjs', target: 'ES2022', noEmit: true, types: ['node'] }, files: ['consumer.ts'] }));
  run(join(full, 'node_modules', 'typescript', 'bin', 'tsc'), ['-p', 'tsconfig.json'], full);

  // 5. Only the peer dependencies: FastApp writes multi-line strings, and validation says what to
  // install for the schemas instead of skipping them.
  const bare = project('bare', peers('cdk8s'));
  writeFileSync(join(bare, 'bare.js'), `
const assert = require('node:assert');
const fs = require('node:fs');
const { Chart } = require('cdk8s');
const p = require('cdk8s-service-patterns');
const { validateManifests, MissingSchemaPackageError } = require('cdk8s-service-patterns/validation');
const app = new p.FastApp({ outdir: 'out' });
new p.ExposedApp(new Chart(app, 'bare'), 'web', { image: 'nginx:1.27', podSecurity: p.PodSecurity.BASELINE, env: { SCRIPT: 'set -e\\nrun\\n' } });
app.synth();
assert.match(fs.readFileSync('out/bare.k8s.yaml', 'utf8'), /value: \\|\\n/);
assert.deepStrictEqual(fs.readdirSync('out'), ['bare.k8s.yaml']);
const cm = [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'a b': 'x' } }];
assert.throws(() => validateManifests(cm), (e) => e instanceof MissingSchemaPackageError && /npm install --save-dev kubernetes-models@/.test(e.message));
assert.strictEqual(validateManifests(cm, { schema: false }).length, 1);
console.log('bare ok');
`);
  console.log(run(process.execPath, ['bare.js'], bare).trim());
  console.log(`consumer smoke test passed (${files.length} files in the tarball)`);
} finally {
  rmSync(work, { recursive: true, force: true });
  for (const f of readdirSync(root).filter((x) => x.endsWith('.tgz'))) rmSync(join(root, f));
}
