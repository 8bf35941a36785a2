import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ApiObject, App, Chart, Lazy, Yaml, YamlOutputType } from 'cdk8s';
import { Construct } from 'constructs';
import fc from 'fast-check';
import { parse, parseAllDocuments } from 'yaml';
import { ExposedApp, FastApp, IngressRouter } from '../lib';
import { toYaml } from '../lib/core/yaml';
import { buildExamples } from '../apps/examples';

function synthFiles(make: (outdir: string) => App): { [file: string]: string } {
  const parent = mkdtempSync(join(tmpdir(), 'fast-'));
  const outdir = join(parent, 'dist');
  try {
    make(outdir).synth();
    return Object.fromEntries(readdirSync(outdir).sort().map((f) => [f, readFileSync(join(outdir, f), 'utf8')]));
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}

describe('FastApp', () => {
  test('writes the same files, byte for byte, as cdk8s for the examples (each opened with a "---" line)', () => {
    const slow = synthFiles((outdir) => buildExamples(new App({ outdir })));
    const fast = synthFiles((outdir) => buildExamples(new FastApp({ outdir })));
    expect(Object.keys(fast)).toEqual(Object.keys(slow));
    expect(Object.keys(fast)).toContain('service-walkthrough.k8s.yaml');
    for (const file of Object.keys(slow)) expect(fast[file]).toBe(`---\n${slow[file]}`);
  });

  // The cdk8s CLI asks for it when cdk8s.yaml lists validation plugins.
  test('writes the construct metadata cdk8s writes, byte for byte, when asked to record it', () => {
    const slow = synthFiles((outdir) => buildExamples(new App({ outdir, recordConstructMetadata: true })));
    const fast = synthFiles((outdir) => buildExamples(new FastApp({ outdir, recordConstructMetadata: true })));
    expect(fast['construct-metadata.json']).toBe(slow['construct-metadata.json']);
    expect(JSON.parse(fast['construct-metadata.json']).resources['shop-config']).toEqual({ path: 'workloads/shop-config' });
    expect(Object.keys(fast)).toEqual(Object.keys(slow));
  });

  test('reports validation errors as cdk8s does, writing nothing', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'fast-'));
    const app = new FastApp({ outdir });
    new IngressRouter(new Chart(app, 'c'), 'edge');
    expect(() => app.synth()).toThrow("Validation failed with the following errors:\n  [c/edge] IngressRouter 'c/edge': an Ingress needs at least one route");
    expect(readdirSync(outdir)).toEqual([]);
    rmSync(outdir, { recursive: true, force: true });
  });

  test('replaces the output as a whole: a failing chart leaves the old files; removed charts go, foreign files stay', () => {
    const outdir = join(mkdtempSync(join(tmpdir(), 'fast-')), 'dist');
    const build = (charts: string[], fail = false) => {
      const app = new FastApp({ outdir });
      for (const name of charts) new ExposedApp(new Chart(app, name), 'web', { namespace: name, image: 'ghcr.io/acme/web:1', replicas: 1 });
      if (fail) new ApiObject(new Chart(app, 'broken'), 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: Lazy.any({ produce: () => { throw new Error('render failed'); } }) });
      return app;
    };
    build(['a', 'b']).synth();
    writeFileSync(join(outdir, 'topology.md'), 'kept');
    const before = Object.fromEntries(['a.k8s.yaml', 'b.k8s.yaml'].map((f) => [f, readFileSync(join(outdir, f), 'utf8')]));
    expect(() => build(['a', 'c'], true).synth()).toThrow('render failed');
    expect(readdirSync(outdir).sort()).toEqual(['a.k8s.yaml', 'b.k8s.yaml', 'topology.md']);
    expect(readFileSync(join(outdir, 'b.k8s.yaml'), 'utf8')).toBe(before['b.k8s.yaml']);
    build(['a', 'c']).synth();
    expect(readdirSync(outdir).sort()).toEqual(['a.k8s.yaml', 'c.k8s.yaml', 'topology.md']);
    expect(readFileSync(join(outdir, 'topology.md'), 'utf8')).toBe('kept');
    // Nothing of FastApp's own is left beside the output directory.
    expect(readdirSync(join(outdir, '..'))).toEqual(['dist']);
    rmSync(join(outdir, '..'), { recursive: true, force: true });
  });

  // A hard kill at any step of the swap: the child process runs FastApp and kills itself (SIGKILL)
  // right after the n-th rename of the synth it is asked to break. The next run must find the
  // output whole (old or new, never missing or mixed), finish or roll back, and clean up.
  describe('survives a hard kill during the swap', () => {
    const child = join(mkdtempSync(join(tmpdir(), 'fast-kill-')), 'child.ts');
    writeFileSync(child, `
const fs = require('node:fs');
const { Chart } = require('cdk8s');
const { ExposedApp, FastApp } = require(${JSON.stringify(join(__dirname, '..', 'lib'))});
const [outdir, charts, killAfter] = process.argv.slice(2);
if (killAfter) {
  let renames = 0;
  const rename = fs.renameSync;
  fs.renameSync = (...args) => {
    rename(...args);
    if (++renames === Number(killAfter)) process.kill(process.pid, 'SIGKILL');
  };
}
const app = new FastApp({ outdir });
for (const name of charts.split(',')) new ExposedApp(new Chart(app, name), 'web', { namespace: name, image: 'ghcr.io/acme/web:' + name, replicas: 1 });
app.synth();
`);
    const root = join(__dirname, '..');
    const synth = (outdir: string, charts: string, killAfter?: number) =>
      spawnSync(process.execPath, ['--require', 'tsx/cjs', child, outdir, charts, ...(killAfter ? [String(killAfter)] : [])],
        { encoding: 'utf8', cwd: root, env: { ...process.env, NODE_PATH: join(root, 'node_modules') } });
    afterAll(() => rmSync(dirname(child), { recursive: true, force: true }));

    test.each([
      ['the first rename (the old output moved aside)', 1, true],
      ['the second rename (the new output in place)', 2, true],
      ['the first rename of a first run', 1, false],
    ])('after %s', (_what, killAfter, hadOutput) => {
      const parent = mkdtempSync(join(tmpdir(), 'fast-'));
      const outdir = join(parent, 'dist');
      if (hadOutput) {
        expect(synth(outdir, 'a,b').status).toBe(0);
        chmodSync(outdir, 0o755);
        writeFileSync(join(outdir, 'notes.md'), 'kept');
      }
      const killed = synth(outdir, 'a,c', killAfter);
      expect(killed.signal).toBe('SIGKILL');
      // The next run finishes or rolls back the swap before it writes.
      expect(synth(outdir, 'a,c').status).toBe(0);
      expect(readdirSync(outdir).sort()).toEqual(hadOutput ? ['a.k8s.yaml', 'c.k8s.yaml', 'notes.md'] : ['a.k8s.yaml', 'c.k8s.yaml']);
      expect(readFileSync(join(outdir, 'c.k8s.yaml'), 'utf8')).toContain('ghcr.io/acme/web:c');
      expect(readdirSync(parent)).toEqual(['dist']);
      if (hadOutput) expect(statSync(outdir).mode & 0o777).toBe(0o755);
      rmSync(parent, { recursive: true, force: true });
    });
  });

  // Dependencies within a chart only reorder its objects (what Namespaces and GitOps ordering use):
  // FastApp orders them as cdk8s does, construct-level dependencies included.
  test('orders objects by their dependencies within a chart as cdk8s does', () => {
    const build = (app: App) => {
      const chart = new Chart(app, 'ordered', { namespace: 'shop' });
      const web = new ExposedApp(chart, 'web', { image: 'ghcr.io/acme/web:1', replicas: 1 });
      const group = new Construct(chart, 'config');
      const cm = new ApiObject(group, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } });
      const ns = new ApiObject(chart, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
      web.node.addDependency(group);
      cm.node.addDependency(ns);
      return app;
    };
    const slow = synthFiles((outdir) => build(new App({ outdir })));
    const fast = synthFiles((outdir) => build(new FastApp({ outdir })));
    expect(Object.keys(fast)).toEqual(['ordered.k8s.yaml']);
    expect(fast['ordered.k8s.yaml']).toBe(`---\n${slow['ordered.k8s.yaml']}`);
    const kinds = parseAllDocuments(fast['ordered.k8s.yaml']).map((d) => (d.toJS() as { kind: string }).kind);
    expect(kinds.slice(0, 2)).toEqual(['Namespace', 'ConfigMap']);
  });

  test('hands layouts it does not cover to cdk8s', () => {
    const build = (app: App) => {
      const a = new Chart(app, 'a');
      const b = new Chart(app, 'b');
      b.addDependency(a);
      new ExposedApp(a, 'web', { image: 'nginx:1.27' });
      new ApiObject(b, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } });
      return app;
    };
    const slow = synthFiles((outdir) => build(new App({ outdir })));
    expect(synthFiles((outdir) => build(new FastApp({ outdir })))).toEqual(slow);
    expect(Object.keys(slow)).toEqual(['0000-a.k8s.yaml', '0001-b.k8s.yaml']);
    const perResource = synthFiles((outdir) => build(new FastApp({ outdir, yamlOutputType: YamlOutputType.FILE_PER_RESOURCE })));
    expect(Object.keys(perResource)).toContain('Deployment.web.k8s.yaml');
  });
});

describe('the YAML emitter', () => {
  const tricky = ['yes', 'No', 'on', 'OFF', 'y', 'true', 'null', '~', '', ' lead', 'trail ', 'a: b', 'a #b', '- x', '-', '---', '...', '1', '-1', '1.5', '1e3', '0x1F', '0o17', '0b101',
    '012', '1:30', '.inf', '-.inf', '.nan', '2026-11-29', '*.example.com', '&anchor', '!tag', '%x', '@x', '`x', '{a}', '[a]', 'a\nb', 'tab\there', '"q"', "'s'",
    'http://a.example.com:80/x', '25%', '100m', '128Mi', '192.168.0.1', '--http-port=8080', 'a,b', 'é', '#', ':', 'key:', 'x ', 'a  b'];

  test('tricky strings parse back to themselves (YAML 1.1 and 1.2)', () => {
    for (const s of tricky) {
      for (const version of ['1.1', '1.2'] as const) {
        expect(parse(toYaml({ k: s, list: [s], [s || 'empty']: 1 }), { version })).toEqual({ k: s, list: [s], [s || 'empty']: 1 });
      }
    }
  });

  test('random JSON parses back to itself and matches cdk8s where cdk8s parses it', () => {
    const json = fc.jsonValue({ maxDepth: 4 }).filter((v) => !(typeof v === 'number' && Object.is(v, -0)));
    fc.assert(fc.property(json, (value) => {
      const ours = toYaml(value);
      const back = parseAllDocuments(ours, { version: '1.1' })[0].toJS();
      expect(back).toEqual(JSON.parse(JSON.stringify(value)));
      expect(parse(Yaml.stringify(value), { version: '1.1' })).toEqual(back);
    }), { numRuns: 300, seed: 42 });
  });

  // Strings as manifests hold them: config files, scripts, unicode text, odd spacing.
  const piece = fc.constantFrom('a', 'Z', '0', '9', ' ', '  ', '\n', '\n\n', '\t', ':', ': ', '#', ' #', '-', '- ', '"', "'", '\\', '$(', ')', '{', '}',
    '[', ']', ',', '&', '*', '!', '|', '>', '%', '@', '`', '?', 'é', '日本', '😀', '\r', '.', '/', '=', 'yes', 'null', 'true', '~', '\u00a0', '\u200b');
  const text = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));
  // Documented deviations (YAML 1.1 number forms Go reads with "_" or a base prefix) and
  // characters that must be escaped are tested below, not compared with cdk8s.
  const compared = text.filter((s) => !/^[-+]?[0-9._]*_|^[-+]?0[xXoObB]/.test(s) && !/[\u007f-\u009f\u2028\u2029\ufffe\uffff]/.test(s));
  const doc = fc.record({ data: fc.dictionary(fc.stringMatching(/^[a-z][-a-z0-9.]{0,10}$/), compared), list: fc.array(compared, { maxLength: 3 }), nested: fc.array(fc.record({ value: compared }), { maxLength: 2 }) });

  // cdk8s writes YAML with the copy of `yaml` it bundles: the bytes are the same where that copy is
  // the version this package bundles. cdk8s 2.70.0, the oldest our peer range allows, bundles yaml
  // 2.8.0, which writes a few strings in another block form; both forms read back the same.
  const cdk8sYaml = (require(join(dirname(require.resolve('cdk8s')), '..', 'node_modules', 'yaml', 'package.json')) as { version: string }).version;
  const sameYaml = cdk8sYaml === (require('yaml/package.json') as { version: string }).version;

  test('multi-line, non-ASCII and escaped strings: byte-identical to cdk8s wherever cdk8s reads back correctly', () => {
    let compares = 0;
    fc.assert(fc.property(doc, (value) => {
      const ours = toYaml(value);
      const theirs = Yaml.stringify(value);
      for (const version of ['1.1', '1.2'] as const) expect(parse(ours, { version })).toEqual(value);
      // Go's YAML parser refuses a `|` block whose first non-blank line starts with a tab, which
      // cdk8s writes; ours is double-quoted there (test/apiserver/yaml.apiserver.ts asks Go).
      const goReads = !/\|[-+]?\n(?: *\n)* *\t/.test(theirs);
      const theirsCorrect = goReads && (['1.1', '1.2'] as const).every((version) => JSON.stringify(parse(theirs, { version })) === JSON.stringify(value));
      if (theirsCorrect) {
        compares++;
        if (sameYaml) expect(ours).toBe(theirs);
      }
    }), { numRuns: 500, seed: 7 });
    expect(compares).toBeGreaterThan(400);
  });

  test('numbers in YAML 1.1 forms that Go reads with "_" or a base prefix are quoted; NEL, LS, PS, C1 and U+FFFE/F are escaped', () => {
    for (const s of ['0X1F', '0B101', '0O17', '0o17', '1e1_0', '0_x1F', '1_000', '0x1p-2', 'a\u0085b', 'a\u2028b', '\u2029', '\u007f', '\u009f', '\ufffe', '\uffff']) {
      const out = toYaml({ k: s });
      expect(out.startsWith('k: "')).toBe(true);
      for (const version of ['1.1', '1.2'] as const) expect(parse(out, { version })).toEqual({ k: s });
    }
    expect(toYaml({ k: 'a\u0085b' })).toBe('k: "a\\u0085b"\n');
  });

  // Issue #27: cdk8s writes these as `|` blocks whose indentation line starts with a tab, which
  // kubectl cannot parse ("found a tab character where an indentation space is expected").
  test('a multi-line string whose first non-blank line starts with a tab is double-quoted', () => {
    for (const s of ['\tfoo\nbar', '\n\tx', '\t\n', '\tx\n', '\t\tx\n\ty']) {
      const out = toYaml({ k: s });
      expect(out).toBe(`k: ${JSON.stringify(s)}\n`);
      for (const version of ['1.1', '1.2'] as const) expect(parse(out, { version })).toEqual({ k: s });
    }
    // A tab after the indentation is content, which Go reads: the block stays.
    expect(toYaml({ k: 'foo\n\tbar' })).toBe('k: |-\n  foo\n  \tbar\n');
  });

  test('a lone surrogate is refused with a clear error', () => {
    expect(() => toYaml({ k: 'a\ud800b' })).toThrow('cannot write "a\\ud800b" as YAML: it holds a lone UTF-16 surrogate, which is not a character');
  });
});
