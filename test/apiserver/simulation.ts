// The simulated nodes of the test control plane (cluster.ts with `simulate`): KWOK keeps them Ready
// and runs their pods, following the stages in scripts/kwok/stages.yaml. Two zones, two ordinary
// nodes in each, and one GPU node, tainted so that only pods that tolerate it land there.
import { join } from 'node:path';
import type { Manifest } from './client';

/** KWOK's stages: node initialize and heartbeat, pod ready, complete and delete. */
export const KWOK_STAGES = join(__dirname, '..', '..', 'scripts', 'kwok', 'stages.yaml');

/** Nodes with this annotation (value `fake`) are KWOK's; it leaves any other node alone. */
export const KWOK_NODE_ANNOTATION = 'kwok.x-k8s.io/node';

export const ZONES = ['zone-a', 'zone-b'] as const;

/** The GPU node's taint and its extended resource. */
export const GPU_TAINT = { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' };
export const GPU_RESOURCE = 'nvidia.com/gpu';

interface NodeShape {
  readonly name: string;
  readonly zone: typeof ZONES[number];
  readonly ip: string;
  readonly podCidr: string;
  readonly instanceType: string;
  /** What the node has, and what is left for pods after the system's reservations. */
  readonly capacity: Record<string, string>;
  readonly allocatable: Record<string, string>;
  readonly gpu?: boolean;
}

// An 8 vCPU / 32 GiB machine, with the reservations a managed node pool typically makes.
const GENERAL = {
  instanceType: 'sim-standard-8',
  capacity: { 'cpu': '8', 'memory': '32882636Ki', 'pods': '110', 'ephemeral-storage': '104845292Ki' },
  allocatable: { 'cpu': '7910m', 'memory': '29525964Ki', 'pods': '110', 'ephemeral-storage': '96625420Ki' },
};
const GPU = {
  instanceType: 'sim-gpu-16',
  capacity: { 'cpu': '16', 'memory': '65842452Ki', 'pods': '110', 'ephemeral-storage': '209690584Ki', [GPU_RESOURCE]: '4' },
  allocatable: { 'cpu': '15890m', 'memory': '63333652Ki', 'pods': '110', 'ephemeral-storage': '193250820Ki', [GPU_RESOURCE]: '4' },
};

const SHAPES: NodeShape[] = [
  { name: 'node-a1', zone: 'zone-a', ip: '10.0.1.11', podCidr: '10.244.1.0/24', ...GENERAL },
  { name: 'node-a2', zone: 'zone-a', ip: '10.0.1.12', podCidr: '10.244.2.0/24', ...GENERAL },
  { name: 'node-b1', zone: 'zone-b', ip: '10.0.2.11', podCidr: '10.244.3.0/24', ...GENERAL },
  { name: 'node-b2', zone: 'zone-b', ip: '10.0.2.12', podCidr: '10.244.4.0/24', ...GENERAL },
  { name: 'gpu-b1', zone: 'zone-b', ip: '10.0.2.21', podCidr: '10.244.5.0/24', ...GPU, gpu: true },
];

/** The Node objects, status included (a node's status may be written at create, as a kubelet does). */
export function simulatedNodes(): Manifest[] {
  return SHAPES.map((n) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name,
      annotations: { [KWOK_NODE_ANNOTATION]: 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
      labels: {
        'kubernetes.io/hostname': n.name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'node.kubernetes.io/instance-type': n.instanceType,
        'topology.kubernetes.io/region': 'sim-1',
        'topology.kubernetes.io/zone': n.zone,
        'type': 'kwok',
      },
    },
    spec: { podCIDR: n.podCidr, podCIDRs: [n.podCidr], ...(n.gpu && { taints: [GPU_TAINT] }) },
    status: {
      capacity: n.capacity,
      allocatable: n.allocatable,
      addresses: [{ type: 'InternalIP', address: n.ip }, { type: 'Hostname', address: n.name }],
    },
  }));
}

/** The names of the simulated nodes in each zone, and of the GPU nodes. */
export const NODES = {
  all: SHAPES.map((n) => n.name),
  byZone: Object.fromEntries(ZONES.map((z) => [z, SHAPES.filter((n) => n.zone === z).map((n) => n.name)])) as Record<typeof ZONES[number], string[]>,
  gpu: SHAPES.filter((n) => n.gpu).map((n) => n.name),
};
