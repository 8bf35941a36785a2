import { Chart, Testing, Size } from 'cdk8s';
import fc from 'fast-check';
import {
  ExposedApp, ExposedPort, ExternalDatabase, HeadlessGroup, PodSecurity, Protocol, ServicePatternsError, ServiceType,
  SessionAffinity, WorkloadKind,
} from '../lib';
import { checkPodSecurity, Manifest, synthValidated } from '../lib/validation';

const RUNS = { numRuns: 40, seed: 20261129 };

const dnsName = fc.stringMatching(/^[a-z]([a-z0-9-]{0,20}[a-z0-9])?$/);
const portName = fc.stringMatching(/^[a-z][a-z0-9]{0,13}$/);
const portNumber = fc.integer({ min: 1, max: 65535 });
const protocol = fc.constantFrom(Protocol.TCP, Protocol.UDP);
const ports = fc.uniqueArray(fc.record({ name: portName, port: portNumber, containerPort: fc.option(portNumber, { nil: undefined }), protocol }), {
  minLength: 1, maxLength: 4, selector: (p) => p.name,
}).filter((list) => new Set(list.map((p) => `${p.port}/${p.protocol}`)).size === list.length);

function selectorsMatch(out: Manifest[]): boolean {
  const pods = out.filter((o) => (o.spec as { template?: unknown } | undefined)?.template).map((o) => (o.spec as { template: { metadata: { labels: { [k: string]: string } } } }).template.metadata.labels);
  const selectors = out.flatMap((o) => {
    const spec = (o.spec ?? {}) as { selector?: { matchLabels?: { [k: string]: string } } & { [k: string]: unknown } };
    if (o.kind === 'Service') return spec.selector ? [spec.selector as { [k: string]: string }] : [];
    return spec.selector?.matchLabels ? [spec.selector.matchLabels] : [];
  });
  return selectors.every((sel) => pods.some((labels) => Object.entries(sel).every(([k, v]) => labels[k] === v)));
}

function uniqueNames(out: Manifest[]): boolean {
  const keys = out.map((o) => `${o.kind}/${String(o.metadata?.namespace)}/${String(o.metadata?.name)}`);
  return new Set(keys).size === keys.length;
}

function synthTwice(build: (chart: Chart) => void): { first: string; second: string; out: Manifest[] } {
  const yaml = () => {
    const app = Testing.app();
    build(new Chart(app, 'p'));
    return app.synthYaml();
  };
  const chart = new Chart(Testing.app(), 'p');
  build(chart);
  return { first: yaml(), second: yaml(), out: synthValidated(chart, { podSecurity: 'baseline' }) };
}

describe('random valid props synthesize to valid, secure, deterministic YAML', () => {
  test('ExposedApp', () => {
    fc.assert(fc.property(
      dnsName, ports, fc.integer({ min: 0, max: 5 }), fc.constantFrom(ServiceType.CLUSTER_IP, ServiceType.NODE_PORT, ServiceType.LOAD_BALANCER),
      fc.boolean(), fc.constantFrom(PodSecurity.RESTRICTED, PodSecurity.BASELINE), fc.integer({ min: 30000, max: 32700 }),
      (name, portList, replicas, serviceType, affinity, podSecurity, nodePortBase) => {
        const external = serviceType !== ServiceType.CLUSTER_IP;
        const withNodePorts: ExposedPort[] = portList.map((p, i) => ({ ...p, nodePort: external ? nodePortBase + i : undefined }));
        const { first, second, out } = synthTwice((chart) => {
          new ExposedApp(chart, 'app', {
            name, image: 'nginx:1.27', replicas, serviceType, ports: withNodePorts, podSecurity,
            sessionAffinity: affinity ? SessionAffinity.CLIENT_IP : undefined,
            ingress: portList.some((p) => p.protocol === Protocol.TCP) ? { host: `${name}.example.com` } : undefined,
          });
        });
        expect(second).toBe(first);
        expect(selectorsMatch(out)).toBe(true);
        expect(uniqueNames(out)).toBe(true);
        expect(checkPodSecurity(out, podSecurity === PodSecurity.RESTRICTED ? 'restricted' : 'baseline')).toEqual([]);
      },
    ), RUNS);
  });

  test('HeadlessGroup', () => {
    fc.assert(fc.property(dnsName, ports, fc.integer({ min: 0, max: 5 }), fc.boolean(), (name, portList, replicas, deployment) => {
      const { first, second, out } = synthTwice((chart) => {
        new HeadlessGroup(chart, 'group', {
          name, image: 'postgres:16', replicas, ports: portList,
          workload: deployment ? WorkloadKind.DEPLOYMENT : undefined,
          volumeClaims: deployment ? undefined : [{ name: 'data', storage: Size.gibibytes(1), mountPath: '/data' }],
        });
      });
      expect(second).toBe(first);
      expect(selectorsMatch(out)).toBe(true);
      expect(uniqueNames(out)).toBe(true);
      expect(checkPodSecurity(out, 'restricted')).toEqual([]);
    }), RUNS);
  });

  test('ExternalDatabase', () => {
    const octet = fc.integer({ min: 0, max: 255 });
    const ipv4 = fc.tuple(fc.integer({ min: 1, max: 223 }).filter((a) => a !== 127 && a !== 169), octet, octet, fc.integer({ min: 1, max: 254 }))
      .map((parts) => parts.join('.'));
    fc.assert(fc.property(dnsName, fc.uniqueArray(ipv4, { minLength: 1, maxLength: 5 }), portNumber, (name, addresses, port) => {
      const { first, second, out } = synthTwice((chart) => { new ExternalDatabase(chart, 'db', { name, addresses, port }); });
      expect(second).toBe(first);
      const slice = out.find((o) => o.kind === 'EndpointSlice') as Manifest;
      expect((slice.endpoints as unknown[]).length).toBe(addresses.length);
      expect(uniqueNames(out)).toBe(true);
    }), RUNS);
  });
});

describe('random invalid values always raise the library error', () => {
  const expectLibraryError = (build: (chart: Chart) => void) => {
    try {
      build(new Chart(Testing.app(), 'p'));
    } catch (e) {
      expect(e).toBeInstanceOf(ServicePatternsError);
      return;
    }
    throw new Error('expected a ServicePatternsError');
  };

  test('ports outside 1-65535', () => {
    const bad = fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 65536 }), fc.double({ min: 1.01, max: 65534.99, noInteger: true }));
    fc.assert(fc.property(bad, (port) => expectLibraryError((c) => { new ExposedApp(c, 'app', { image: 'nginx', port }); })), RUNS);
  });

  test('names that are not DNS-1035 labels', () => {
    const bad = fc.string({ minLength: 0, maxLength: 70 }).filter((s) => !/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(s));
    fc.assert(fc.property(bad, (name) => expectLibraryError((c) => { new HeadlessGroup(c, 'g', { image: 'nginx', name }); })), RUNS);
  });

  test('addresses that are not usable IPs', () => {
    const bad = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('127.0.0.1', '0.0.0.0', '169.254.1.1', '::1', 'fe80::1', '224.0.0.9'));
    fc.assert(fc.property(bad, (address) => expectLibraryError((c) => { new ExternalDatabase(c, 'db', { addresses: [address], port: 5432 }); })), RUNS);
  });

  test('node ports outside the range', () => {
    const bad = fc.oneof(fc.integer({ min: -5, max: 29999 }), fc.integer({ min: 32768, max: 70000 }));
    fc.assert(fc.property(bad, (nodePort) => expectLibraryError((c) => {
      new ExposedApp(c, 'app', { image: 'nginx', serviceType: ServiceType.NODE_PORT, nodePort });
    })), RUNS);
  });
});
