// The layers of lib/ (docs/architecture.md, "Layers of lib/"): a file may import from its own
// layer and the layers below it, never from one above. The imports are read with TypeScript's own
// pre-processor (static imports, `import type`, re-exports, import() and require()).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import * as ts from 'typescript';

/** Lowest first. The top-level files of lib/ (index.ts, ...) and the entry points form the top layer. */
const LAYERS: ReadonlyArray<readonly string[]> = [
  ['core'],
  ['services'],
  ['routing'],
  ['connections'],
  ['config', 'storage'],
  ['workloads'],
  ['.', 'validation', 'terraform'],
];

/** Folders that nothing outside them may import (optional entry points, see CONTRIBUTING.md). */
const PRIVATE_ENTRIES = ['terraform'];

const LIB = join(__dirname, '..', 'lib');

/** The folder of lib/ a lib-relative path belongs to: `.` for the top-level files. */
function folderOf(libPath: string): string {
  const parts = libPath.split('/');
  if (parts.length > 1) return parts[0];
  // `../validation` imports the folder's index.ts.
  return existsSync(join(LIB, libPath)) && statSync(join(LIB, libPath)).isDirectory() ? libPath : '.';
}

function layerOf(folder: string): number {
  const i = LAYERS.findIndex((l) => l.includes(folder));
  if (i < 0) throw new Error(`lib/${folder}/ has no layer: add it to LAYERS here and to docs/architecture.md`);
  return i;
}

/** The lib-relative paths a file imports (relative specifiers only; packages are not layers). */
export function importsOf(libPath: string, source: string): string[] {
  const info = ts.preProcessFile(source, true, true);
  return info.importedFiles
    .map((f) => f.fileName)
    .filter((f) => f.startsWith('.'))
    .map((f) => posix.normalize(posix.join(posix.dirname(libPath), f)));
}

/** Every import of `libPath` that goes to a higher layer (or into a private entry point), as messages. */
export function upwardImports(libPath: string, source: string): string[] {
  const from = folderOf(libPath);
  const out: string[] = [];
  for (const target of importsOf(libPath, source)) {
    if (target.startsWith('..')) {
      out.push(`lib/${libPath} imports ${target}, outside lib/`);
      continue;
    }
    const to = folderOf(target);
    if (to === from) continue;
    if (layerOf(to) > layerOf(from)) out.push(`lib/${libPath} (${from}) imports lib/${target} (${to}), a higher layer`);
    else if (PRIVATE_ENTRIES.includes(to)) out.push(`lib/${libPath} imports lib/${target}, which nothing in lib/ may import`);
  }
  return out;
}

function libFiles(dir = LIB): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return libFiles(full);
    return e.name.endsWith('.ts') ? [relative(LIB, full).split(sep).join('/')] : [];
  });
}

describe('layers of lib/', () => {
  test('no file imports from a higher layer', () => {
    const files = libFiles();
    expect(files.length).toBeGreaterThan(50);
    const problems = files.flatMap((f) => upwardImports(f, readFileSync(join(LIB, f), 'utf8')));
    expect(problems).toEqual([]);
  });

  test('the topology picture knows no construct: it asks each one through core/topology-part', () => {
    const path = 'connections/topology.ts';
    const imports = importsOf(path, readFileSync(join(LIB, path), 'utf8'));
    expect(imports).toContain('core/topology-part');
    expect(imports.filter((i) => !i.startsWith('core/') && i !== 'connections/external-references')).toEqual([]);
  });

  test('every folder of lib/ has a layer', () => {
    const folders = new Set(libFiles().map(folderOf));
    for (const f of folders) expect(() => layerOf(f)).not.toThrow();
  });

  test('the checker finds every kind of upward import', () => {
    const upward = [
      "import { ExposedApp } from '../workloads/exposed-app';",
      "import type { ResolvedWorkload } from '../workloads/pod-template';",
      "export { Topology } from '../connections/topology';",
      "export * from '../routing/routes';",
      "const x = require('../services/service');",
      "const y = import('../validation');",
      "import '../namespaces';",
    ];
    for (const line of upward) expect(upwardImports('core/example.ts', line)).toHaveLength(1);
    expect(upwardImports('core/example.ts', upward.join('\n'))).toEqual([
      'lib/core/example.ts (core) imports lib/workloads/exposed-app (workloads), a higher layer',
      'lib/core/example.ts (core) imports lib/workloads/pod-template (workloads), a higher layer',
      'lib/core/example.ts (core) imports lib/connections/topology (connections), a higher layer',
      'lib/core/example.ts (core) imports lib/routing/routes (routing), a higher layer',
      'lib/core/example.ts (core) imports lib/services/service (services), a higher layer',
      'lib/core/example.ts (core) imports lib/validation (validation), a higher layer',
      'lib/core/example.ts (core) imports lib/namespaces (.), a higher layer',
    ]);
  });

  test('the checker allows its own layer, lower layers and packages', () => {
    const source = [
      "import { Problems } from './problems';",
      "import { Chart } from 'cdk8s';",
      "import { IServiceEndpoint } from '../services/endpoint';",
      "import { names } from '../core/names';",
    ].join('\n');
    expect(upwardImports('routing/example.ts', source)).toEqual([]);
    expect(upwardImports('index.ts', "export * from './workloads/exposed-app';")).toEqual([]);
  });

  test('the checker refuses imports of a private entry point and imports outside lib/', () => {
    expect(upwardImports('index.ts', "import { x } from './terraform';")).toEqual(['lib/index.ts imports lib/terraform, which nothing in lib/ may import']);
    expect(upwardImports('core/example.ts', "import { x } from '../../apps/examples';")).toEqual(['lib/core/example.ts imports ../apps/examples, outside lib/']);
  });
});
