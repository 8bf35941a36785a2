// `npm run test:languages`: builds the Python, Java and Go packages with jsii-pacmak into dist-jsii/,
// installs each with its runtime dependencies from the language's registry, runs the same chart in
// each language (test/languages) and checks that every one prints the TypeScript app's exact bytes.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..');
const out = join(root, 'dist-jsii');
const languages = join(root, 'test', 'languages');
const versionOf = (pkg: string): string => (require(`${pkg}/package.json`) as { version: string }).version;
const env = { ...process.env, JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1', JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' };

function run(cmd: string, args: string[], cwd = root): string {
  return execFileSync(cmd, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

function step<T>(name: string, fn: () => T): T {
  const started = Date.now();
  try {
    return fn();
  } finally {
    console.error(`[languages] ${name}: ${((Date.now() - started) / 1000).toFixed(1)}s`);
  }
}

function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const i = a.findIndex((line, n) => line !== b[n]);
  const at = i === -1 ? a.length : i;
  return `line ${at + 1}: expected ${JSON.stringify(a[at])}, got ${JSON.stringify(b[at])}`;
}

function main(): number {
  const pacmak = join(root, 'node_modules', '.bin', 'jsii-pacmak');
  step('jsii assembly', () => run('npm', ['run', '--silent', 'build:jsii']));
  rmSync(out, { recursive: true, force: true });
  step('pacmak python, java', () => run(pacmak, ['--targets', 'python,java', '-o', out]));
  // Go: the module proxy serves no cdk8s Go package here (see test/languages/go/go.mod), so the Go
  // code is generated without pacmak's `go mod tidy`, and cdk8s's Go package from its npm assembly.
  step('pacmak go', () => {
    run(pacmak, ['--targets', 'go', '--code-only', '-o', out]);
    run(pacmak, [join(root, 'node_modules', 'cdk8s'), '--targets', 'go', '--code-only', '-o', join(out, 'go-deps')]);
  });

  const expected = step('typescript', () => run(join(root, 'node_modules', '.bin', 'tsx'), [join(languages, 'app.ts')]));
  const results: Array<[string, () => string]> = [
    ['python', () => {
      const venv = mkdtempSync(join(tmpdir(), 'smoke-python-'));
      try {
        run('python3', ['-m', 'venv', venv]);
        const wheel = readdirSync(join(out, 'python')).find((f) => f.endsWith('.whl'));
        if (!wheel) throw new Error('jsii-pacmak wrote no wheel');
        run(join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', join(out, 'python', wheel),
          `cdk8s==${versionOf('cdk8s')}`, `constructs==${versionOf('constructs')}`, `jsii==${versionOf('jsii-pacmak')}`]);
        return run(join(venv, 'bin', 'python'), [join(languages, 'python', 'app.py')]);
      } finally {
        rmSync(venv, { recursive: true, force: true });
      }
    }],
    ['java', () => {
      // A Maven repository of our own, from which our artifact is dropped each run: Maven keeps a
      // release version once fetched, and would use the old build.
      const repository = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'cdk8s-service-patterns', 'm2');
      rmSync(join(repository, 'io', 'github', 'cdk8s-service-patterns'), { recursive: true, force: true });
      const project = join(languages, 'java');
      run('mvn', ['-q', '-B', `-Dmaven.repo.local=${repository}`, `-Dsmoke.repository=file://${join(out, 'java')}`,
        'compile', 'dependency:build-classpath', '-Dmdep.outputFile=target/classpath.txt'], project);
      const classpath = `${join(project, 'target', 'classes')}:${readFileSync(join(project, 'target', 'classpath.txt'), 'utf8').trim()}`;
      return run('java', ['-cp', classpath, 'smoke.App'], project);
    }],
    ['go', () => run('go', ['run', '.'], join(languages, 'go'))],
  ];
  let failed = 0;
  for (const [language, build] of results) {
    try {
      const actual = step(language, build);
      if (actual !== expected) {
        failed++;
        console.error(`[languages] ${language}: output differs from the TypeScript app's, ${firstDifference(expected, actual)}`);
      }
    } catch (e) {
      failed++;
      const err = e as { message: string; stderr?: string };
      console.error(`[languages] ${language} failed: ${err.message.split('\n')[0]}\n${(err.stderr ?? '').split('\n').filter((l) => !l.startsWith('!!')).slice(-25).join('\n')}`);
    }
  }
  if (failed === 0) console.error(`[languages] python, java and go print the TypeScript app's ${expected.length} bytes exactly`);
  return failed === 0 ? 0 : 1;
}

if (!existsSync(join(root, 'node_modules', '.bin', 'jsii-pacmak'))) {
  console.error('jsii-pacmak is missing: run npm ci first');
  process.exit(1);
}
process.exit(main());
