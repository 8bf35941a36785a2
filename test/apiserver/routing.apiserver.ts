// IngressRouter output against the real server (issue #30 item 7): Ingress resource backends and
// HTTPRoutes with names of the user's choosing are accepted, and each resource-backend mistake the
// router refuses, written by hand into valid output, is refused by the server too.
import { ExposedApp, GatewayRef, IngressResourceBackend, IServiceEndpoint, IngressRouter, PathType, RouteApi, RouteOptions, ServiceRef } from '../../lib';
import { ServicePatternsError } from '../../lib/core/errors';
import { createAndDelete, describeObject, dryRunApply, manifestsOf } from './apply';
import { KubeClient, type Manifest } from './client';

const client = KubeClient.fromEnvironment();
const NAMESPACE = 'routing-near-misses';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- hand edits of arbitrary manifest JSON
type Json = any;
const ingressOf = (ms: Manifest[]): Json => ms.find((m) => m.kind === 'Ingress');

// The Kubernetes docs' ingress-resource-backend.yaml (concepts/services-networking/ingress).
const STATIC: IngressResourceBackend = { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'static-assets' };
const ICONS: IngressResourceBackend = { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'icon-assets' };

test('resource backends, of an API group and of the core group, beside Service backends', async () => {
  const manifests = manifestsOf((chart) => {
    new IngressRouter(chart, 'ingress-resource-backend', {
      defaultResourceBackend: STATIC,
      routes: [{ path: '/icons', pathType: PathType.IMPLEMENTATION_SPECIFIC, resource: ICONS }],
    });
    const web = ServiceRef.fromName(chart, 'web', 'web', { port: 80, portName: 'http' });
    new IngressRouter(chart, 'files', {
      defaultBackend: web,
      routes: [
        { host: 'files.example.com', path: '/pages', resource: { apiGroup: '', kind: 'ConfigMap', name: 'pages' } },
        { host: 'files.example.com', path: '/', backend: web },
      ],
    });
  });
  const docs = ingressOf(manifests);
  expect(docs.spec).toEqual({
    defaultBackend: { resource: STATIC },
    rules: [{ http: { paths: [{ path: '/icons', pathType: 'ImplementationSpecific', backend: { resource: ICONS } }] } }],
  });
  // An empty apiGroup (the core group) is left out: the server refuses it written as "" (below).
  expect(manifests.find((m) => m.metadata.name === 'files')!.spec).toMatchObject({
    rules: [{ http: { paths: [{ path: '/' }, { path: '/pages', backend: { resource: { kind: 'ConfigMap', name: 'pages' } } }] } }],
  });
  expect(await dryRunApply(client, manifests)).toEqual([]);
  expect(await createAndDelete(client, manifests, 'routing-resources')).toEqual([]);
});

test('a Gateway-mode router with HTTPRoute names of the user\'s choosing', async () => {
  const manifests = manifestsOf((chart) => {
    const gateway = GatewayRef.fromName(chart, 'gw', 'public', { namespace: 'infra' });
    const web = new ExposedApp(chart, 'web', { image: 'registry.k8s.io/e2e-test-images/agnhost:2.53', runAsUser: 65532, port: 8080 });
    new IngressRouter(chart, 'shop', {
      api: RouteApi.GATEWAY,
      gateway,
      httpRouteNames: { 'shop.example.com': 'storefront', '*': 'fallback' },
      routes: [{ host: 'shop.example.com', backend: web }, { host: 'www.example.com', backend: web }, { path: '/healthz', pathType: PathType.EXACT, backend: web }],
    });
  });
  expect(manifests.filter((m) => m.kind === 'HTTPRoute').map((m) => m.metadata.name).sort()).toEqual(['fallback', 'shop-www-example-com', 'storefront']);
  expect(await dryRunApply(client, manifests)).toEqual([]);
});

beforeAll(() => client.createNamespace(NAMESPACE));

async function serverAnswer(manifests: Manifest[]): Promise<string[]> {
  const answers: string[] = [];
  for (const m of manifests.filter((x) => x.kind === 'Ingress')) {
    const res = await client.create(m, { namespace: NAMESPACE });
    if (res.status === 201) await client.delete(m, NAMESPACE);
    else answers.push(`${describeObject(m)}: ${res.status} ${res.message}`);
  }
  return answers;
}

interface NearMiss {
  readonly what: string;
  readonly route: (web: IServiceEndpoint) => Partial<RouteOptions>;
  /** The field the router's error names. */
  readonly field: string;
  /** The same mistake, written by hand into the valid output. */
  readonly edit: (backend: Json) => void;
}

const NEAR_MISSES: NearMiss[] = [
  { what: 'a Service and a resource in one backend', route: (web) => ({ backend: web }), field: 'resource', edit: (b) => { b.service = { name: 'web', port: { number: 80 } }; } },
  { what: 'a kind with "/"', route: () => ({ resource: { ...ICONS, kind: 'storage/Bucket' } }), field: 'resource.kind', edit: (b) => { b.resource.kind = 'storage/Bucket'; } },
  { what: 'a name that is ".."', route: () => ({ resource: { ...ICONS, name: '..' } }), field: 'resource.name', edit: (b) => { b.resource.name = '..'; } },
  { what: 'a name with "%"', route: () => ({ resource: { ...ICONS, name: 'icons%20' } }), field: 'resource.name', edit: (b) => { b.resource.name = 'icons%20'; } },
  { what: 'an empty kind', route: () => ({ resource: { ...ICONS, kind: '' } }), field: 'resource.kind', edit: (b) => { b.resource.kind = ''; } },
  { what: 'an upper-case apiGroup', route: () => ({ resource: { ...ICONS, apiGroup: 'K8s.Example.com' } }), field: 'resource.apiGroup', edit: (b) => { b.resource.apiGroup = 'K8s.Example.com'; } },
];

describe('resource backends: what the router refuses, the server refuses', () => {
  const valid = (route: (web: IServiceEndpoint) => Partial<RouteOptions> = () => ({})) => manifestsOf((chart) => {
    const web = ServiceRef.fromName(chart, 'web', 'web', { port: 80 });
    new IngressRouter(chart, 'files', { routes: [{ host: 'files.example.com', path: '/icons', resource: ICONS, ...route(web) }] });
  });

  test('the valid output is accepted', async () => {
    expect(await serverAnswer(valid())).toEqual([]);
  });

  test.each(NEAR_MISSES.map((n) => [n.what, n] as const))('%s', async (_what, n) => {
    let refused: ServicePatternsError | undefined;
    try {
      valid(n.route);
    } catch (e) {
      if (!(e instanceof ServicePatternsError)) throw e;
      refused = e;
    }
    expect(refused?.problems.map((p) => p.field)).toContain(n.field);
    const ms = valid();
    n.edit(ingressOf(ms).spec.rules[0].http.paths[0].backend);
    const answer = await serverAnswer(ms);
    expect(answer).toHaveLength(1);
    expect(answer[0]).toMatch(/^Ingress files: 422 /);
  });

  test('an apiGroup written as "" is refused, so the router leaves it out for the core group', async () => {
    const ms = valid(() => ({ resource: { apiGroup: '', kind: 'ConfigMap', name: 'pages' } }));
    const backend = ingressOf(ms).spec.rules[0].http.paths[0].backend;
    expect(backend).toEqual({ resource: { kind: 'ConfigMap', name: 'pages' } });
    expect(await serverAnswer(ms)).toEqual([]);
    backend.resource.apiGroup = '';
    expect(await serverAnswer(ms)).toEqual([expect.stringMatching(/^Ingress files: 422 .*apiGroup/)]);
  });
});
