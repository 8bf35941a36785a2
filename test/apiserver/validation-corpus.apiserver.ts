// The validation corpus (test/validation-corpus.ts) against the real server: every manifest marked
// valid is accepted, every one marked rejected is refused. This is the oracle for the validator's
// own test (test/validation-corpus.test.ts), which measures what our rules catch.
import { REJECTED, VALID } from '../validation-corpus';
import { KubeClient, type Manifest } from './client';

const client = KubeClient.fromEnvironment();
const NAMESPACE = 'corpus';

beforeAll(async () => {
  await client.createNamespace(NAMESPACE);
  // Pods need the namespace's default ServiceAccount (admission checks it; no controller makes it here).
  await client.request('POST', `/api/v1/namespaces/${NAMESPACE}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } });
});

test.each(VALID)('accepted: %s', async (_rule, manifest) => {
  const res = await client.create(manifest as Manifest, { dryRun: true, namespace: NAMESPACE });
  expect([res.status, res.message]).toEqual([201, '']);
});

test.each(REJECTED)('rejected: %s', async (_rule, manifest) => {
  const res = await client.create(manifest as Manifest, { dryRun: true, namespace: NAMESPACE });
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
});
