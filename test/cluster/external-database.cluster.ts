// ExternalDatabase writes a Service without a selector and the endpoints itself. With controllers
// running, nothing may take those over: the EndpointSlice controller leaves slices it does not
// manage alone, the Endpoints controller ignores Services without a selector, and the mirroring
// controller copies Endpoints into slices only when they are not labelled skip-mirror (BOTH writes
// slices itself and labels its Endpoints so). Each variant in its own namespace.
import { EndpointsApi, ExternalDatabase } from '../../lib';
import { changedValues, manifestsOf } from '../apiserver/apply';
import { KubeClient, type Manifest } from '../apiserver/client';
import { applyAll, get, list, pathOf, waitUntil, type Live } from './kube';

const client = KubeClient.fromEnvironment();
const namespace = 'external-variants';
const variant = (name: string, endpointsApi: EndpointsApi, addresses: string[]) => manifestsOf((chart) => new ExternalDatabase(chart, name, {
  namespace, addresses, endpointsApi,
  ports: [{ name: 'mysql', port: 3306 }, { name: 'admin', port: 33062, containerPort: 3307 }],
}));
const variants = {
  slices: variant('db-slices', EndpointsApi.ENDPOINT_SLICE, ['192.0.2.10', '192.0.2.11', '2001:db8::10']),
  endpoints: variant('db-endpoints', EndpointsApi.ENDPOINTS, ['192.0.2.20', '192.0.2.21']),
  both: variant('db-both', EndpointsApi.BOTH, ['192.0.2.30']),
};
const objects = Object.values(variants).flat();
const slicesOf = (service: string) => list(client, `/apis/discovery.k8s.io/v1/namespaces/${namespace}/endpointslices?labelSelector=kubernetes.io/service-name=${service}`);
const MIRRORED = 'endpointslicemirroring-controller.k8s.io';

beforeAll(async () => {
  await client.createNamespace(namespace);
  expect((await applyAll(client, objects)).flatMap((r) => (r.problem ? [r.problem] : []))).toEqual([]);
  // The mirroring controller has seen the Endpoints it may mirror: the controllers have had their turn.
  await waitUntil('the mirrored slice of db-endpoints', async () => {
    const slices = await slicesOf('db-endpoints');
    return slices.some((x) => x.metadata.labels?.['endpointslice.kubernetes.io/managed-by'] === MIRRORED) ? undefined : JSON.stringify(slices.map((x) => x.metadata.name));
  }, 60);
}, 90_000);

afterAll(async () => {
  await client.request('DELETE', `/api/v1/namespaces/${namespace}`);
});

test('the variants write what they should (slices per family, Endpoints, both with skip-mirror)', () => {
  const kinds = (ms: Manifest[]) => ms.map((m) => `${m.kind} ${m.metadata.name}`).sort();
  expect(kinds(variants.slices)).toEqual(['EndpointSlice db-slices-ipv4', 'EndpointSlice db-slices-ipv6', 'Service db-slices']);
  expect(kinds(variants.endpoints)).toEqual(['Endpoints db-endpoints', 'Service db-endpoints']);
  expect(kinds(variants.both)).toEqual(['EndpointSlice db-both-ipv4', 'Endpoints db-both', 'Service db-both']);
});

test('every written Service, EndpointSlice and Endpoints is still exactly as written and managed by nobody else', async () => {
  const problems: string[] = [];
  for (const m of objects) {
    const live = await get(client, await pathOf(client, m));
    if (!live) {
      problems.push(`${m.kind} ${m.metadata.name} was deleted`);
      continue;
    }
    problems.push(...changedValues(m, live, false).map((d) => `${m.kind} ${m.metadata.name}: ${d}`));
    const managers = (live.metadata.managedFields ?? []).map((f) => f.manager).filter((x) => x !== 'cdk8s-service-patterns-tests');
    if (managers.length) problems.push(`${m.kind} ${m.metadata.name}: also managed by ${managers.join(', ')}`);
  }
  expect(problems).toEqual([]);
});

test('no controller adds slices beside the written ones, except the mirror of plain Endpoints', async () => {
  const byManager = async (service: string) => (await slicesOf(service)).map((x: Live) => `${x.metadata.labels?.['endpointslice.kubernetes.io/managed-by']}`).sort();
  expect(await byManager('db-slices')).toEqual(['cdk8s-service-patterns', 'cdk8s-service-patterns']);
  expect(await byManager('db-both')).toEqual(['cdk8s-service-patterns']);
  // Endpoints alone are mirrored (that is how kube-proxy sees them), with the same addresses and ports.
  const [mirror] = await slicesOf('db-endpoints');
  expect(mirror.metadata.labels?.['endpointslice.kubernetes.io/managed-by']).toBe(MIRRORED);
  expect(mirror.endpoints.flatMap((e: { addresses: string[] }) => e.addresses).sort()).toEqual(['192.0.2.20', '192.0.2.21']);
  expect(mirror.ports.map((p: { name: string; port: number }) => `${p.name}:${p.port}`).sort()).toEqual(['admin:3307', 'mysql:3306']);
});
