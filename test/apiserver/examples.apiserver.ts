// Every example chart (what `cdk8s synth` writes to dist/) against the real API server: a server-side
// dry-run apply with strict field validation, then a real create in a fresh namespace, which also
// allocates cluster IPs and node ports and runs Pod Security admission in labelled namespaces.
import { buildExamples } from '../../apps/examples';
import { chartsOf, createAndDelete, dryRunApply } from './apply';
import { KubeClient } from './client';

const client = KubeClient.fromEnvironment();
const charts = chartsOf((app) => buildExamples(app));

test('the examples are synthesized', () => {
  expect(charts.length).toBeGreaterThanOrEqual(10);
});

describe.each(charts.map((c) => [c.id, c.manifests] as const))('example %s', (id, manifests) => {
  test('server-side dry-run apply accepts every object without a warning', async () => {
    expect(await dryRunApply(client, manifests)).toEqual([]);
  });

  test('a real create accepts every object without a warning', async () => {
    expect(await createAndDelete(client, manifests, `example-${id}`)).toEqual([]);
  });
});
