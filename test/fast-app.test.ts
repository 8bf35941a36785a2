import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiObject, App, Chart, Lazy, Yaml, YamlOutputType } from 'cdk8s';
import fc from 'fast-check';
import { parse, parseAllDocuments } from 'yaml';
import { ExposedApp, FastApp, IngressRouter } from '../lib';
import { toYaml } from '../lib/core/yaml';
import { buildExamples } from '../apps/examples';

function synthFiles(make: (outdir: string) => App): { [file: string]: string } {
  const outdir = mkdtempSync(join(tmpdir(), 'fast-'));
  try {
    make(outdir).synth();
    // FastApp's list of what it wrote (_fastapp-files.txt) is no manifest.
    return Object.fromEntries(readdirSync(outdir).filter((f) => f !== '_fastapp-files.txt').sort().map((f) => [f, readFileSync(join(outdir, f), 'utf8')]));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

describe('FastApp', () => {
  test('writes the same files, byte for byte, as cdk8s for the examples', () => {
    const slow = synthFiles((outdir) => buildExamples(new App({ outdir })));
    const fast = synthFiles((outdir) => buildExamples(new FastApp({ outdir })));
    expect(Object.keys(fast)).toEqual(Object.keys(slow));
    expect(Object.keys(fast)).toContain('service-walkthrough.k8s.yaml');
    for (const file of Object.keys(slow)) expect(fast[file]).toBe(slow[file]);
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
    expect(readdirSync(outdir).sort()).toEqual(['_fastapp-files.txt', 'a.k8s.yaml', 'b.k8s.yaml', 'topology.md']);
    expect(readFileSync(join(outdir, 'b.k8s.yaml'), 'utf8')).toBe(before['b.k8s.yaml']);
    build(['a', 'c']).synth();
    expect(readdirSync(outdir).sort()).toEqual(['_fastapp-files.txt', 'a.k8s.yaml', 'c.k8s.yaml', 'topology.md']);
    expect(readFileSync(join(outdir, 'topology.md'), 'utf8')).toBe('kept');
    expect(readdirSync(join(outdir, '..')).sort()).toEqual(['dist']);
    rmSync(join(outdir, '..'), { recursive: true, force: true });
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
        expect(ours).toBe(theirs);
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
