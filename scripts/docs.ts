// Fills the generated parts of the guides in docs/: the example's source between
// <!-- example:begin --> and <!-- example:end -->, and the YAML it synthesizes between
// <!-- yaml:begin --> and <!-- yaml:end -->. `npm run docs` writes them; a test fails when stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Chart, ChartProps, Yaml } from 'cdk8s';

export const GUIDES = [
  'clusterip', 'nodeport', 'loadbalancer', 'session-affinity', 'headless', 'external-endpoints',
  'externalname', 'cross-namespace-alias', 'ingress-tls', 'discovery', 'migration', 'workloads', 'services',
  'configuration', 'jobs', 'shop',
];

const docs = join(__dirname, '..', 'docs');

function block(name: string, lang: string, body: string): RegExp | string {
  return `<!-- ${name}:begin -->\n\`\`\`${lang}\n${body.trimEnd()}\n\`\`\`\n<!-- ${name}:end -->`;
}

/**
 * The chart of a guide's example: docs/examples/<slug>.ts exports `example(chart)` and, when its
 * chart needs them (a namespace for every object), `chartProps`.
 */
export function guideChart(slug: string): Chart {
  const { example, chartProps } = require(join(docs, 'examples', slug)) as { example: (chart: Chart) => void; chartProps?: ChartProps };
  const chart = new Chart(new App(), 'guide', chartProps);
  example(chart);
  return chart;
}

/** The guide's text with its generated parts filled in from docs/examples/<slug>.ts. */
export function renderGuide(slug: string): string {
  const source = readFileSync(join(docs, 'examples', `${slug}.ts`), 'utf8');
  const chart = guideChart(slug);
  const yaml = Yaml.stringify(...chart.toJson());
  const text = readFileSync(join(docs, `${slug}.md`), 'utf8');
  return text
    .replace(/<!-- example:begin -->[\s\S]*?<!-- example:end -->/, () => String(block('example', 'ts', source.replace(/'\.\.\/\.\.\/lib'/g, "'cdk8s-service-patterns'"))))
    .replace(/<!-- yaml:begin -->[\s\S]*?<!-- yaml:end -->/, () => String(block('yaml', 'yaml', yaml)));
}

if (require.main === module) {
  for (const slug of GUIDES) writeFileSync(join(docs, `${slug}.md`), renderGuide(slug));
  console.log(`wrote ${GUIDES.length} guides in docs/`);
}
