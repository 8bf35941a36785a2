// The validator's field table (lib/validation/fields.generated.ts) is what this server says:
// regenerate it with `npm run fields` when the server or the CRDs change.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFieldTable, renderFieldTable } from '../../scripts/fields';
import { KubeClient } from './client';

test('lib/validation/fields.generated.ts matches the server\'s OpenAPI documents', async () => {
  const table = await readFieldTable(KubeClient.fromEnvironment());
  const committed = readFileSync(join(__dirname, '..', '..', 'lib', 'validation', 'fields.generated.ts'), 'utf8');
  expect(renderFieldTable(table, String(process.env.KUBE_TEST_VERSION)) === committed).toBe(true);
  expect(Object.keys(table.kinds)).toEqual(expect.arrayContaining(['v1/Pod', 'apps/v1/Deployment', 'batch/v1/CronJob', 'gateway.networking.k8s.io/v1/HTTPRoute']));
});
