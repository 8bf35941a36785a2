// Writes docs/API.md from the jsii assembly (run `npm run build:jsii` first); with --check, fails
// when the committed file is stale instead of writing it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..');
const target = join(root, 'docs', 'API.md');
const dir = mkdtempSync(join(tmpdir(), 'api-'));
try {
  const out = join(dir, 'API.md');
  execFileSync(join(root, 'node_modules', '.bin', 'jsii-docgen'), ['-o', out], {
    cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1', JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' },
  });
  const fresh = readFileSync(out, 'utf8');
  if (process.argv.includes('--check')) {
    const committed = readFileSync(target, 'utf8');
    if (committed !== fresh) {
      console.error('docs/API.md is stale: run `npm run build:jsii && npm run docs:api` and commit it.');
      process.exit(1);
    }
    console.log('docs/API.md is current');
  } else {
    writeFileSync(target, fresh);
    console.log('wrote docs/API.md');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
