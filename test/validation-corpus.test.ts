// Our validator on the validation corpus, whose verdicts the real API server confirms
// (test/apiserver/validation-corpus.apiserver.ts): no error on a valid manifest, and the rejected
// ones caught.
import { formatIssue, Manifest, validateManifests } from '../lib/validation';
import { REJECTED, VALID } from './validation-corpus';

const errors = (m: Manifest) => validateManifests([m], { lints: false }).map(formatIssue);

test.each(VALID)('valid: %s', (_what, manifest) => {
  expect(errors(manifest)).toEqual([]);
});

test.each(REJECTED)('rejected: %s', (_what, manifest) => {
  expect(errors(manifest).length).toBeGreaterThan(0);
});

test('the corpus has at least 60 rejected and 30 valid manifests of every kind the validator knows', () => {
  expect(REJECTED.length).toBeGreaterThanOrEqual(60);
  expect(VALID.length).toBeGreaterThanOrEqual(30);
  const kinds = (list: typeof VALID) => new Set(list.map(([, m]) => m.kind));
  for (const kind of ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Service', 'ConfigMap', 'Secret', 'Ingress', 'NetworkPolicy', 'PodDisruptionBudget', 'HorizontalPodAutoscaler', 'EndpointSlice', 'HTTPRoute', 'Namespace']) {
    expect([kind, kinds(VALID).has(kind), kinds(REJECTED).has(kind)]).toEqual([kind, true, true]);
  }
});
