// Enum values are checked once, by the generated shape checks that run first in every public
// constructor and method (CONTRIBUTING.md, "Enum values"). These are the fields that had a
// hand-written enum check as well: from plain JavaScript (no compiler), a bad value must still be
// refused with the construct, the field, the value and every allowed value. The allowed values are
// the Kubernetes API strings of each enum (shared/K8S-RULES.md and the API reference), written out
// here rather than read from the library.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Chart, Size } from 'cdk8s';
import { Construct } from 'constructs';
import {
  ExposedApp, ExternalDatabase, Gateway, HeadlessGroup, IngressRouter, IPodSource, PatternDefaults, PodSource, Service, ServicePatternsError, Volume,
} from '../lib';

const IMAGE = 'nginx:1.27';
/** What a plain-JavaScript caller may pass: anything. */
const js = <T>(v: unknown) => v as T;

const CASES: Array<[string, (s: Construct) => void, string]> = [
  ['ExposedApp serviceType', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, serviceType: 'External' })); },
    "ExposedApp 'test/web': serviceType \"External\" is not one of ClusterIP, NodePort, LoadBalancer"],
  ['ExposedApp sessionAffinity', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, sessionAffinity: 'Sticky' })); },
    "ExposedApp 'test/web': sessionAffinity \"Sticky\" is not one of None, ClientIP"],
  ['ExposedApp externalTrafficPolicy', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, externalTrafficPolicy: 'local' })); },
    "ExposedApp 'test/web': externalTrafficPolicy \"local\" is not one of Cluster, Local"],
  ['ExposedApp trafficDistribution', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, trafficDistribution: 'PreferSameZone' })); },
    "ExposedApp 'test/web': trafficDistribution \"PreferSameZone\" is not one of PreferClose"],
  ['ExposedApp ipFamilyPolicy', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, ipFamilyPolicy: 'DualStack' })); },
    "ExposedApp 'test/web': ipFamilyPolicy \"DualStack\" is not one of SingleStack, PreferDualStack, RequireDualStack"],
  ['ExposedApp ipFamilies', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, ipFamilies: ['ipv4'] })); },
    "ExposedApp 'test/web': ipFamilies[0] \"ipv4\" is not one of IPv4, IPv6"],
  ['ExposedApp port protocol', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, ports: [{ name: 'dns', port: 53, protocol: 'udp' }] })); },
    "ExposedApp 'test/web': ports[0].protocol \"udp\" is not one of TCP, UDP, SCTP"],
  ['ExposedApp imagePullPolicy', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, imagePullPolicy: 'IfNewer' })); },
    "ExposedApp 'test/web': imagePullPolicy \"IfNewer\" is not one of Always, IfNotPresent, Never"],
  ['ExposedApp extra port protocol', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, extraPorts: [{ name: 'metrics', containerPort: 9090, protocol: 'QUIC' }] })); },
    "ExposedApp 'test/web': extraPorts[0].protocol \"QUIC\" is not one of TCP, UDP, SCTP"],
  ['ExposedApp podSecurity', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, podSecurity: 'RESTRICTED' })); },
    "ExposedApp 'test/web': podSecurity \"RESTRICTED\" is not one of restricted, baseline, privileged"],
  ['ExposedApp strategy', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, strategy: 'BlueGreen' })); },
    "ExposedApp 'test/web': strategy \"BlueGreen\" is not one of RollingUpdate, Recreate"],
  ['ExposedApp toleration operator', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, tolerations: [{ key: 'a', operator: 'Is' }] })); },
    "ExposedApp 'test/web': tolerations[0].operator \"Is\" is not one of Equal, Exists"],
  ['ExposedApp toleration effect', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, tolerations: [{ key: 'a', effect: 'NoRun' }] })); },
    "ExposedApp 'test/web': tolerations[0].effect \"NoRun\" is not one of NoSchedule, PreferNoSchedule, NoExecute"],
  ['ExposedApp node affinity operator', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, affinity: { nodes: [{ requirements: [{ key: 'zone', operator: 'Equals', values: ['a'] }] }] } })); },
    "ExposedApp 'test/web': affinity.nodes[0].requirements[0].operator \"Equals\" is not one of In, NotIn, Exists, DoesNotExist, Gt, Lt"],
  ['PatternDefaults podSecurity', (s) => { PatternDefaults.set(s, js({ podSecurity: 'none' })); },
    'PatternDefaults.set: podSecurity "none" is not one of restricted, baseline, privileged'],
  ['Volume.fromEmptyDir medium', () => { Volume.fromEmptyDir('tmp', js({ medium: 'Disk' })); },
    'Volume.fromEmptyDir: medium "Disk" is not one of "", Memory'],
  ['HeadlessGroup workload', (s) => { new HeadlessGroup(s, 'kv', js({ image: IMAGE, workload: 'DaemonSet' })); },
    "HeadlessGroup 'test/kv': workload \"DaemonSet\" is not one of StatefulSet, Deployment"],
  ['HeadlessGroup podManagementPolicy', (s) => { new HeadlessGroup(s, 'kv', js({ image: IMAGE, podManagementPolicy: 'Ordered' })); },
    "HeadlessGroup 'test/kv': podManagementPolicy \"Ordered\" is not one of OrderedReady, Parallel"],
  ['HeadlessGroup updateStrategy', (s) => { new HeadlessGroup(s, 'kv', js({ image: IMAGE, updateStrategy: 'Recreate' })); },
    "HeadlessGroup 'test/kv': updateStrategy \"Recreate\" is not one of RollingUpdate, OnDelete"],
  ['HeadlessGroup claim retention', (s) => { new HeadlessGroup(s, 'kv', js({ image: IMAGE, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Keep' } })); },
    "HeadlessGroup 'test/kv': persistentVolumeClaimRetentionPolicy.whenDeleted \"Keep\" is not one of Retain, Delete"],
  ['HeadlessGroup claim access mode', (s) => { new HeadlessGroup(s, 'kv', js({ image: IMAGE, volumeClaims: [{ name: 'data', storage: Size.gibibytes(1), mountPath: '/data', accessModes: ['RWO'] }] })); },
    "HeadlessGroup 'test/kv': volumeClaims[0].accessModes[0] \"RWO\" is not one of ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod"],
  ['Service sessionAffinity', (s) => { new Service(s, 'svc', js({ pods: PodSource.fromLabels({ app: 'a' }), ports: [{ port: 80 }], sessionAffinity: 'ClientIp' })); },
    "Service 'test/svc': sessionAffinity \"ClientIp\" is not one of None, ClientIP"],
  ['ExternalDatabase endpointsApi', (s) => { new ExternalDatabase(s, 'db', js({ addresses: ['192.0.2.1'], port: 5432, endpointsApi: 'Slices' })); },
    "ExternalDatabase 'test/db': endpointsApi \"Slices\" is not one of EndpointSlice, Endpoints, Both"],
  ['IngressRouter api', (s) => { new IngressRouter(s, 'edge', js({ api: 'HTTPRoute' })); },
    "IngressRouter 'test/edge': api \"HTTPRoute\" is not one of Ingress, Gateway"],
  ['ExposedApp ingress pathType', (s) => { new ExposedApp(s, 'web', js({ image: IMAGE, ingress: { host: 'a.example.com', pathType: 'prefix' } })); },
    "ExposedApp 'test/web': ingress.pathType \"prefix\" is not one of Prefix, Exact, ImplementationSpecific, RegularExpression"],
  ['Gateway listener protocol', (s) => { new Gateway(s, 'gw', js({ gatewayClassName: 'eg', listeners: [{ name: 'web', protocol: 'TCP' }] })); },
    "Gateway 'test/gw': listeners[0].protocol \"TCP\" is not one of HTTP, HTTPS"],
  ['Gateway listener allowedRoutes', (s) => { new Gateway(s, 'gw', js({ gatewayClassName: 'eg', listeners: [{ name: 'web', protocol: 'HTTP', allowedRoutes: 'Any' }] })); },
    "Gateway 'test/gw': listeners[0].allowedRoutes \"Any\" is not one of Same, All"],
];

describe('a bad enum value from plain JavaScript', () => {
  test.each(CASES)('%s', (_name, build, message) => {
    const chart = new Chart(new App(), 'test');
    let error: unknown;
    try {
      build(chart);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ServicePatternsError);
    expect((error as Error).message).toBe(message);
  });
});

test('the one enum check the shape checks cannot make: ports of a pod source implemented in JavaScript', () => {
  // IPodSource is an interface other languages implement; its podPorts reach the Service unchecked.
  const pods = js<IPodSource>({ podNamespace: 'default', podSelector: { app: 'a' }, podLabels: { app: 'a' }, podPorts: [{ name: 'dns', containerPort: 53, protocol: 'QUIC' }] });
  expect(() => new Service(new Chart(new App(), 'test'), 'svc', { pods })).toThrow("Service 'test/svc': ports[0].protocol \"QUIC\" is not a valid protocol: use TCP, UDP or SCTP");
});

/** Checks the shape checks cannot make (see the test above). */
const NEEDED: { [file: string]: number } = { 'services/ports-model.ts': 1 };

test('no new hand-written enum checks', () => {
  const lib = join(__dirname, '..', 'lib');
  const found: { [file: string]: number } = {};
  for (const dir of readdirSync(lib, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const f of readdirSync(join(lib, dir.name)).filter((n) => n.endsWith('.ts'))) {
      const n = (readFileSync(join(lib, dir.name, f), 'utf8').match(/Object\.values\([A-Za-z]+\)\.includes/g) ?? []).length;
      if (n > 0) found[`${dir.name}/${f}`] = n;
    }
  }
  for (const [file, n] of Object.entries(found)) expect([file, n]).toEqual([file, Math.min(n, NEEDED[file] ?? 0)]);
});
