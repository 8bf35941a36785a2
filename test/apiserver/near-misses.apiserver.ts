// Near misses: inputs our constructs refuse, checked against the real server. Each one starts from a
// valid configuration whose output the server accepts; the same mistake written by hand into that
// output must be rejected too, so our refusals are never stricter than the server, except for the
// few refusals listed at the end, which are stricter on purpose and say why.
import { Size } from 'cdk8s';
import { ExternalDatabase, ExposedApp, ExposedAppProps, ServiceType, Volume, PercentOrAbsolute, Cpu } from '../../lib';
import { ServicePatternsError } from '../../lib/core/errors';
import { describeObject, manifestsOf } from './apply';
import { KubeClient, type Manifest } from './client';

const client = KubeClient.fromEnvironment();
const NAMESPACE = 'near-misses';

// Loosely typed access to the synthesized JSON, for writing a mistake into it by hand.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- hand edits of arbitrary manifest JSON
type Json = any;
const one = (ms: Manifest[], kind: string): Json => {
  const found = ms.filter((m) => m.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0];
};
const container = (ms: Manifest[]): Json => one(ms, 'Deployment').spec.template.spec.containers[0];

const BASE: ExposedAppProps = {
  image: 'ghcr.io/acme/web:1.0',
  port: 8080,
  serviceType: ServiceType.NODE_PORT,
  nodePort: 30080,
  ingress: { host: 'web.example.com' },
  volumes: [Volume.fromEmptyDir('cache')],
  volumeMounts: [{ volume: 'cache', mountPath: '/cache' }],
  env: { MODE: 'production' },
};
const app = (props: Partial<ExposedAppProps>) => manifestsOf((chart) => new ExposedApp(chart, 'web', { ...BASE, ...props }));

async function serverAnswer(manifests: Manifest[]): Promise<string[]> {
  const answers: string[] = [];
  const created: Manifest[] = [];
  for (const m of manifests) {
    const res = await client.create(m, { namespace: NAMESPACE });
    if (res.status === 201) created.push(m);
    else answers.push(`${describeObject(m)}: ${res.status} ${res.message}`);
  }
  for (const m of created.reverse()) await client.delete(m, NAMESPACE);
  return answers;
}

interface NearMiss {
  readonly what: string;
  readonly props: Partial<ExposedAppProps>;
  /** The same mistake, written by hand into the valid output. */
  readonly edit: (ms: Manifest[]) => void;
}

const NEAR_MISSES: NearMiss[] = [
  { what: 'an upper-case workload name', props: { workloadName: 'Web' }, edit: (ms) => { one(ms, 'Deployment').metadata.name = 'Web'; } },
  { what: 'a Service port above 65535', props: { port: 65536 }, edit: (ms) => { one(ms, 'Service').spec.ports[0].port = 65536; } },
  { what: 'a container port of 0', props: { containerPort: 0 }, edit: (ms) => { container(ms).ports[0].containerPort = 0; } },
  { what: 'a node port below the range', props: { nodePort: 29999 }, edit: (ms) => { one(ms, 'Service').spec.ports[0].nodePort = 29999; } },
  { what: 'an env var name with "="', props: { env: { 'A=B': 'x' } }, edit: (ms) => { container(ms).env = [{ name: 'A=B', value: 'x' }]; } },
  {
    what: 'an upper-case volume name',
    props: { volumes: [Volume.fromEmptyDir('Cache')], volumeMounts: [{ volume: 'Cache', mountPath: '/cache' }] },
    edit: (ms) => {
      one(ms, 'Deployment').spec.template.spec.volumes[0].name = 'Cache';
      container(ms).volumeMounts[0].name = 'Cache';
    },
  },
  {
    what: 'a mount of an undefined volume',
    props: { volumeMounts: [{ volume: 'cache', mountPath: '/cache' }, { volume: 'data', mountPath: '/data' }] },
    edit: (ms) => { container(ms).volumeMounts.push({ name: 'data', mountPath: '/data' }); },
  },
  {
    what: 'one mount path twice',
    props: { volumes: [Volume.fromEmptyDir('cache'), Volume.fromEmptyDir('other')], volumeMounts: [{ volume: 'cache', mountPath: '/cache' }, { volume: 'other', mountPath: '/cache' }] },
    edit: (ms) => {
      one(ms, 'Deployment').spec.template.spec.volumes.push({ name: 'other', emptyDir: {} });
      container(ms).volumeMounts.push({ name: 'other', mountPath: '/cache' });
    },
  },
  { what: 'a label value with a space', props: { labels: { team: 'a b' } }, edit: (ms) => { one(ms, 'Deployment').metadata.labels.team = 'a b'; } },
  {
    what: 'a memory request above the explicit limit',
    props: { resources: { memoryRequest: Size.gibibytes(1), memoryLimit: Size.mebibytes(512) } },
    edit: (ms) => { container(ms).resources = { requests: { cpu: '100m', memory: '1Gi' }, limits: { memory: '512Mi' } }; },
  },
  { what: 'a negative CPU request', props: { resources: { cpuRequest: Cpu.millis(-100) } }, edit: (ms) => { container(ms).resources.requests.cpu = '-100m'; } },
  {
    what: 'an init container named like the main container',
    props: { initContainers: [{ name: 'web', image: 'busybox:1.37' }] },
    edit: (ms) => { one(ms, 'Deployment').spec.template.spec.initContainers = [{ name: 'web', image: 'busybox:1.37' }]; },
  },
  { what: 'an Ingress path without a leading "/"', props: { ingress: { host: 'web.example.com', path: 'api' } }, edit: (ms) => { one(ms, 'Ingress').spec.rules[0].http.paths[0].path = 'api'; } },
  { what: 'an Ingress host that is an IP', props: { ingress: { host: '10.0.0.1' } }, edit: (ms) => { one(ms, 'Ingress').spec.rules[0].host = '10.0.0.1'; } },
  { what: 'a negative replica count', props: { replicas: -1 }, edit: (ms) => { one(ms, 'Deployment').spec.replicas = -1; } },
  {
    what: 'a disruption budget over 100%',
    props: { replicas: 3, disruptionBudget: { maxUnavailable: PercentOrAbsolute.percent(150) } },
    edit: (ms) => { one(ms, 'PodDisruptionBudget').spec.maxUnavailable = '150%'; },
  },
];

beforeAll(() => client.createNamespace(NAMESPACE));

test('the valid starting point is accepted', async () => {
  expect(await serverAnswer(app({}))).toEqual([]);
});

describe.each(NEAR_MISSES.map((n) => [n.what, n] as const))('%s', (_what, nearMiss) => {
  test('is refused by the construct', () => {
    expect(() => app(nearMiss.props)).toThrow(ServicePatternsError);
  });

  test('is rejected by the server when written by hand', async () => {
    const manifests = app({});
    nearMiss.edit(manifests);
    const answers = await serverAnswer(manifests);
    expect(answers).toEqual([expect.stringMatching(/: (400|422) /)]);
  });
});

describe('ExternalDatabase', () => {
  const db = (addresses: string[]) => manifestsOf((chart) => new ExternalDatabase(chart, 'db', { addresses, port: 5432 }));

  test.each(['127.0.0.1', '169.254.10.1', '::1', 'fe80::1', '0.0.0.0'])('the special address %s is refused here and by the server', async (address) => {
    expect(() => db([address])).toThrow(ServicePatternsError);
    const manifests = db(['192.0.2.10']);
    expect(await serverAnswer(manifests)).toEqual([]);
    for (const slice of manifests.filter((m) => m.kind === 'EndpointSlice')) (slice as Json).endpoints[0].addresses = [address];
    expect(await serverAnswer(manifests)).toEqual([expect.stringMatching(/^EndpointSlice .*: 422 /)]);
  });
});

describe('refusals stricter than the server, on purpose', () => {
  // Each of these the 1.32 server accepts; the reason we refuse it is in K8S-RULES.md §3 and §9.
  const STRICTER: Array<[string, Partial<ExposedAppProps>, (ms: Manifest[]) => void]> = [
    // RelaxedEnvironmentVariableValidation (beta in 1.32) accepts it; older clusters do not.
    ['an env var name starting with a digit', { env: { '1ST': 'x' } }, (ms) => { container(ms).env = [{ name: '1ST', value: 'x' }]; }],
    // The server does not check that a mount path is absolute; the container runtime fails later.
    ['a relative mount path', { volumeMounts: [{ volume: 'cache', mountPath: 'cache' }] }, (ms) => { container(ms).volumeMounts[0].mountPath = 'cache'; }],
  ];

  test.each(STRICTER)('%s: refused here, accepted by the server', async (_what, props, edit) => {
    expect(() => app(props)).toThrow(ServicePatternsError);
    const manifests = app({});
    edit(manifests);
    expect(await serverAnswer(manifests)).toEqual([]);
  });
});
