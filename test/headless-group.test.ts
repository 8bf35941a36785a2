import { Testing, Duration, Size } from 'cdk8s';
import {
  AccessMode, HeadlessGroup, HeadlessGroupProps, IngressRouter, PodManagementPolicy, Protocol, PvcRetention,
  StatefulSetUpdateStrategy, WorkloadKind,
} from '../lib';
import { HeadlessExamples } from '../apps/headless-examples';
import { find, newChart, selects, synth } from './util';

const IMAGE = 'nginx:1.27';

function build(props: Partial<HeadlessGroupProps> = {}, id = 'web') {
  const chart = newChart({ namespace: 'data' });
  const group = new HeadlessGroup(chart, id, { image: IMAGE, ...props });
  const out = synth(chart);
  return { group, out, svc: find(out, 'Service') };
}

describe('HeadlessGroup with a StatefulSet', () => {
  const { group, out, svc } = build({ replicas: 3, portName: 'web' });
  const sts = find(out, 'StatefulSet');

  test('a headless Service governing the StatefulSet', () => {
    expect(out.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Service/web', 'StatefulSet/web', 'PodDisruptionBudget/web']);
    expect(svc.spec.clusterIP).toBe('None');
    expect(svc.spec.ports).toEqual([{ name: 'web', port: 80, targetPort: 80 }]);
    expect(sts.spec.serviceName).toBe('web');
    expect(sts.spec.replicas).toBe(3);
    expect(group.statefulSet).toBe(group.workload);
    expect(group.deployment).toBeUndefined();
  });

  test('selectors match the pod labels', () => {
    const podLabels = sts.spec.template.metadata.labels;
    expect(selects(svc.spec.selector, podLabels)).toBe(true);
    expect(sts.spec.selector.matchLabels).toEqual(svc.spec.selector);
  });

  test('the same secure pod template as ExposedApp', () => {
    const pod = sts.spec.template.spec;
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.containers[0].readinessProbe).toEqual({ tcpSocket: { port: 'web' } });
    expect(pod.containers[0].ports).toEqual([{ name: 'web', containerPort: 80 }]);
  });

  test('DNS handles', () => {
    expect(group.dnsName).toBe('web.data.svc.cluster.local');
    expect(group.serviceDnsName).toBe('web.data.svc.cluster.local');
    expect(group.podDnsName(0)).toBe('web-0.web.data.svc.cluster.local');
    expect(group.podDnsNames).toEqual([
      'web-0.web.data.svc.cluster.local',
      'web-1.web.data.svc.cluster.local',
      'web-2.web.data.svc.cluster.local',
    ]);
    expect(group.peers).toBe('web-0.web.data.svc.cluster.local,web-1.web.data.svc.cluster.local,web-2.web.data.svc.cluster.local');
    expect(group.srvName('web')).toBe('_web._tcp.web.data.svc.cluster.local');
  });

  test('ordinal out of range', () => {
    expect(() => group.podDnsName(3)).toThrow("HeadlessGroup 'test/web': ordinal 3 is out of range 0-2");
    expect(() => group.podDnsName(-1)).toThrow("HeadlessGroup 'test/web': ordinal -1 is out of range 0-2");
    expect(() => group.srvName('http')).toThrow("HeadlessGroup 'test/web': portName \"http\" is not a port of this group (ports: web)");
  });
});

describe('HeadlessGroup options', () => {
  test('StatefulSet options', () => {
    const { out } = build({
      podManagementPolicy: PodManagementPolicy.PARALLEL,
      updateStrategy: StatefulSetUpdateStrategy.ROLLING_UPDATE,
      partition: 1,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: PvcRetention.DELETE, whenScaled: PvcRetention.RETAIN },
      minReady: Duration.seconds(10),
    });
    expect(find(out, 'StatefulSet').spec).toMatchObject({
      podManagementPolicy: 'Parallel',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' },
      minReadySeconds: 10,
    });
  });

  test('volume claims with mounts', () => {
    const { out } = build({
      fsGroup: 1000,
      volumeClaims: [
        { name: 'data', storage: Size.gibibytes(10), mountPath: '/var/lib/data', storageClassName: 'fast-ssd' },
        { name: 'shared', storage: Size.gibibytes(1), mountPath: '/shared', accessModes: [AccessMode.READ_WRITE_MANY] },
      ],
    });
    const sts = find(out, 'StatefulSet');
    expect(sts.spec.volumeClaimTemplates).toEqual([
      { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'fast-ssd', resources: { requests: { storage: '10Gi' } } } },
      { metadata: { name: 'shared' }, spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '1Gi' } } } },
    ]);
    expect(sts.spec.template.spec.containers[0].volumeMounts).toEqual([
      { name: 'data', mountPath: '/var/lib/data' },
      { name: 'shared', mountPath: '/shared' },
    ]);
  });

  test('publishNotReadyAddresses and several named ports', () => {
    const { svc, group } = build({
      publishNotReadyAddresses: true,
      ports: [{ name: 'client', port: 2379 }, { name: 'peer', port: 2380 }, { name: 'gossip', port: 7946, protocol: Protocol.UDP }],
    });
    expect(svc.spec.publishNotReadyAddresses).toBe(true);
    expect(svc.spec.ports.map((p: { name: string }) => p.name)).toEqual(['client', 'peer', 'gossip']);
    expect(group.srvName('gossip')).toBe('_gossip._udp.web.data.svc.cluster.local');
  });

  test('a headless Service in front of a Deployment', () => {
    const { out, svc, group } = build({ workload: WorkloadKind.DEPLOYMENT, serviceName: 'myapp-headless', portName: 'httpport', replicas: 3 }, 'myapp');
    expect(out.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Service/myapp-headless', 'Deployment/myapp', 'PodDisruptionBudget/myapp']);
    expect(svc.spec.clusterIP).toBe('None');
    const deploy = find(out, 'Deployment');
    expect(deploy.spec.replicas).toBe(3);
    expect(selects(svc.spec.selector, deploy.spec.template.metadata.labels)).toBe(true);
    expect(group.dnsName).toBe('myapp-headless.data.svc.cluster.local');
    expect(group.deployment).toBe(group.workload);
    expect(group.statefulSet).toBeUndefined();
    expect(() => group.podDnsName(0)).toThrow(
      "HeadlessGroup 'test/myapp': podDnsName 0 is only available with WorkloadKind.STATEFUL_SET: Deployment pods have no stable names");
    expect(() => group.podDnsNames).toThrow(/only available with WorkloadKind.STATEFUL_SET/);
  });

  test('an IngressRouter can route to a HeadlessGroup', () => {
    const chart = newChart();
    const group = new HeadlessGroup(chart, 'web', { image: IMAGE });
    new IngressRouter(chart, 'edge', { routes: [{ host: 'a.example.com', backend: group }] });
    expect(find(synth(chart), 'Ingress').spec.rules[0].http.paths[0].backend).toEqual({ service: { name: 'web', port: { name: 'http' } } });
  });
});

describe('HeadlessGroup bad input', () => {
  test('a nodePort is refused', () => {
    expect(() => new HeadlessGroup(newChart(), 'web', { image: IMAGE, ports: [{ name: 'http', port: 80, nodePort: 30001 }] })).toThrow(
      "HeadlessGroup 'test/web': ports[0].nodePort 30001 is not allowed on a headless Service");
  });
});

describe('headless examples', () => {
  test('web StatefulSet and myapp-headless', () => {
    const out = synth(new HeadlessExamples(Testing.app(), 'headless'));
    expect(out).toMatchSnapshot();
    expect(find(out, 'Service', 'web').spec).toMatchObject({ clusterIP: 'None', ports: [{ name: 'web', port: 80 }] });
    expect(find(out, 'StatefulSet', 'web').spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('1Gi');
    expect(find(out, 'Service', 'myapp-headless').spec).toMatchObject({ clusterIP: 'None', ports: [{ name: 'httpport', port: 80, targetPort: 80 }] });
    expect(find(out, 'Deployment', 'myapp').spec.replicas).toBe(3);
  });
});
