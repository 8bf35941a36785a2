import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExternalReferences } from '../lib';
import { formatIssue, validateManifests } from '../lib/validation';
import { GUIDES, guideChart, renderGuide } from '../scripts/docs';

const docs = join(__dirname, '..', 'docs');

describe('guides', () => {
  test('every example in docs/examples has a guide, and the README links to it', () => {
    const examples = readdirSync(join(docs, 'examples')).map((f) => f.replace(/\.ts$/, '')).sort();
    expect(examples).toEqual([...GUIDES].sort());
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    for (const slug of GUIDES) expect([slug, readme.includes(`docs/${slug}.md`)]).toEqual([slug, true]);
  });

  // A guide lists what its example expects the cluster to have between <!-- needs:begin/end -->,
  // one `Kind/namespace/name` (or `Kind/name`) per item; the list must be exactly what the
  // example refers to without defining it.
  const needsOf = (text: string) => [...(text.match(/<!-- needs:begin -->([\s\S]*?)<!-- needs:end -->/)?.[1] ?? '')
    .matchAll(/^- `([A-Za-z]+\/[^`]+)`/gm)].map((m) => m[1]);

  test.each(GUIDES)('%s is current (run npm run docs), its YAML is valid, and it says what the cluster must have', (slug) => {
    const text = readFileSync(join(docs, `${slug}.md`), 'utf8');
    expect(text).toBe(renderGuide(slug));
    const chart = guideChart(slug);
    const needs = needsOf(text);
    expect(validateManifests(chart, { existingObjects: needs }).map(formatIssue)).toEqual([]);
    const references = ExternalReferences.of(chart).map((r) => (r.namespace === undefined ? `${r.kind}/${r.name}` : `${r.kind}/${r.namespace}/${r.name}`));
    expect([...new Set(references)].sort()).toEqual([...needs].sort());
  });
});

// jsii-docgen takes a type's description from the doc comment right above it; a comment that sits
// on another symbol (a helper between it and the class) leaves the type without one.
describe('API reference', () => {
  test('every type in docs/API.md has a description', () => {
    const lines = readFileSync(join(docs, 'API.md'), 'utf8').split('\n');
    const bare = lines.flatMap((line, i) => {
      if (!line.startsWith('### ')) return [];
      const next = lines.slice(i + 1).find((l) => l.trim() !== '') ?? '';
      return next.startsWith('#') ? [line.replace(/ <a .*/, '')] : [];
    });
    expect(bare).toEqual([]);
  });
});
