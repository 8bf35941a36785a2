// Near misses: inputs our constructs refuse, checked against the real server. Each one starts from a
// valid configuration whose output the server accepts; the same mistake written by hand into that
// output must be rejected too, so our refusals are never stricter than the server, except for the
// few refusals listed at the end, which are stricter on purpose and say why.
import { Duration, Size } from 'cdk8s';
import { ExternalDatabase, ExposedApp, ExposedAppProps, ServiceType, Volume, PercentOrAbsolute, Cpu, LifecycleHandler, PodSecurity } from '../../lib';
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
  // Issue #27: pod values the server refuses
  {
    what: 'a postStart sleep longer than the grace period',
    props: { postStart: LifecycleHandler.fromSleep(Duration.seconds(31)) },
    edit: (ms) => { container(ms).lifecycle = { ...container(ms).lifecycle, postStart: { sleep: { seconds: 31 } } }; },
  },
  {
    what: 'a sidecar postStart sleep longer than the grace period',
    props: { sidecars: [{ name: 'proxy', image: 'ghcr.io/acme/proxy:1', postStart: LifecycleHandler.fromSleep(Duration.seconds(31)) }] },
    edit: (ms) => {
      one(ms, 'Deployment').spec.template.spec.initContainers = [{ name: 'proxy', image: 'ghcr.io/acme/proxy:1', restartPolicy: 'Always', lifecycle: { postStart: { sleep: { seconds: 31 } } } }];
    },
  },
  {
    what: 'huge pages of page size 0',
    props: { resources: { hugePages: { '0Mi': Size.mebibytes(4) } } },
    edit: (ms) => {
      container(ms).resources.requests['hugepages-0Mi'] = '4Mi';
      container(ms).resources.limits['hugepages-0Mi'] = '4Mi';
    },
  },
  {
    what: 'a hostPath with an unknown type',
    props: { podSecurity: PodSecurity.PRIVILEGED, volumes: [Volume.fromEmptyDir('cache'), Volume.fromSource('host', 'hostPath', { path: '/var/log', type: 'directory' })] },
    edit: (ms) => { one(ms, 'Deployment').spec.template.spec.volumes.push({ name: 'host', hostPath: { path: '/var/log', type: 'directory' } }); },
  },
  {
    what: 'huge pages that are no whole number of pages',
    props: { resources: { hugePages: { '2Mi': Size.mebibytes(3) } } },
    edit: (ms) => {
      container(ms).resources.requests['hugepages-2Mi'] = '3Mi';
      container(ms).resources.limits['hugepages-2Mi'] = '3Mi';
    },
  },
  {
    what: 'a hostPath with a ".." element',
    props: { podSecurity: PodSecurity.PRIVILEGED, volumes: [Volume.fromEmptyDir('cache'), Volume.fromSource('host', 'hostPath', { path: '/var/../etc' })] },
    edit: (ms) => { one(ms, 'Deployment').spec.template.spec.volumes.push({ name: 'host', hostPath: { path: '/var/../etc' } }); },
  },
  {
    what: 'a hostPath with an empty path',
    props: { podSecurity: PodSecurity.PRIVILEGED, volumes: [Volume.fromEmptyDir('cache'), Volume.fromSource('host', 'hostPath', { path: '' })] },
    edit: (ms) => { one(ms, 'Deployment').spec.template.spec.volumes.push({ name: 'host', hostPath: { path: '' } }); },
  },
  { what: 'Cpu.units(1e40), as JavaScript writes it', props: { resources: { cpuRequest: Cpu.units(1e40) } }, edit: (ms) => { container(ms).resources.requests.cpu = '1e+43m'; } },
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

// The API server refuses a body above 3 MiB itself (413); below that, an object too large for
// etcd fails on the way there (here 500 "trying to send message larger than max", the 2 MiB of its
// etcd client, or etcd's own 1.5 MiB "request is too large"). A real create: a dry run never
// reaches etcd.
describe('objects larger than the server can store', () => {
  const SIZES: Array<[string, Partial<ExposedAppProps>, (ms: Manifest[]) => void]> = [
    ['a 4 MiB env value', { env: { BIG: 'x'.repeat(4 * 1024 * 1024) } }, (ms) => { container(ms).env = [{ name: 'BIG', value: 'x'.repeat(4 * 1024 * 1024) }]; }],
    ['200 000 args', { args: Array.from({ length: 200000 }, (_, i) => `--flag-${i}`) }, (ms) => { container(ms).args = Array.from({ length: 200000 }, (_, i) => `--flag-${i}`); }],
  ];

  test.each(SIZES)('%s: refused by the construct and by the server', async (_what, props, edit) => {
    expect(() => app(props)).toThrow(ServicePatternsError);
    const manifests = app({});
    edit(manifests);
    expect(await serverAnswer(manifests)).toEqual([expect.stringMatching(/^Deployment .*: (413 |500 .*(larger than max|request is too large))/)]);
  });
});

describe('refusals stricter than the server, on purpose', () => {
  // Each of these the 1.32 server accepts; the reason we refuse it is in K8S-RULES.md §3 and §9.
  const STRICTER: Array<[string, Partial<ExposedAppProps>, (ms: Manifest[]) => void]> = [
    // RelaxedEnvironmentVariableValidation (beta in 1.32) accepts it; older clusters do not.
    ['an env var name starting with a digit', { env: { '1ST': 'x' } }, (ms) => { container(ms).env = [{ name: '1ST', value: 'x' }]; }],
    // The server does not check that a mount path is absolute; the container runtime fails later.
    ['a relative mount path', { volumeMounts: [{ volume: 'cache', mountPath: 'cache' }] }, (ms) => { container(ms).volumeMounts[0].mountPath = 'cache'; }],
    // The size limit is measured on the JSON; the server stores protobuf, which is smaller: 440 000
    // one-letter args are 1.7 MiB as JSON and about 1.3 MiB as protobuf (docs/workloads.md).
    // 10^13 cores is 10^16 millicores, beyond 2^53-1: no JavaScript number holds every such amount exactly.
    ['a Cpu above 2^53-1 millicores', { resources: { cpuRequest: Cpu.units(1e13) } }, (ms) => { container(ms).resources.requests.cpu = '10T'; }],
    ['an object over 1.5 MiB as JSON but not as protobuf', { args: Array.from({ length: 440000 }, () => 'x') }, (ms) => { container(ms).args = Array.from({ length: 440000 }, () => 'x'); }],
  ];

  test.each(STRICTER)('%s: refused here, accepted by the server', async (_what, props, edit) => {
    expect(() => app(props)).toThrow(ServicePatternsError);
    const manifests = app({});
    edit(manifests);
    expect(await serverAnswer(manifests)).toEqual([]);
  });
});
