import { Chart, Size } from 'cdk8s';
import { HeadlessGroup, PodManagementPolicy } from '../../lib';

export function example(chart: Chart): void {
  new HeadlessGroup(chart, 'etcd', {
    image: 'quay.io/coreos/etcd:v3.5.17',
    replicas: 3,
    ports: [{ name: 'client', port: 2379 }, { name: 'peer', port: 2380 }],
    publishNotReadyAddresses: true,
    podManagementPolicy: PodManagementPolicy.PARALLEL,
    volumeClaims: [{ name: 'data', storage: Size.gibibytes(10), mountPath: '/var/lib/etcd' }],
    fsGroup: 1000,
  });
}
