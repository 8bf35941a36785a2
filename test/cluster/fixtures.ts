// What a user supplies besides the synthesized manifests, created openly before anything is applied:
// the examples name these objects but, on purpose, do not write them (certificates and passwords
// come from cert-manager or External Secrets, classes from the cluster's operators, volumes from its
// storage). Everything the runtime tests and `npm run cluster` add to the cluster is in this file.
import type { KubeClient, Manifest } from '../apiserver/client';
import { NODES } from '../apiserver/simulation';

/** The default StorageClass: no provisioner, so claims bind to the volumes made below. */
export const STORAGE_CLASS = 'local';

/** One line for humans: what createFixtures makes. */
export const FIXTURES_SUMMARY = 'an ingress-nginx controller stand-in, TLS Secrets tls-secret, shop-tls and store-tls, Secrets shop-db and store-db, IngressClass and GatewayClass nginx, '
  + 'RuntimeClass nvidia, label nvidia.com/gpu.present=true on the GPU node, default StorageClass local with 32 PersistentVolumes';

// Not a working certificate (nothing here terminates TLS): the API server checks only that a
// kubernetes.io/tls Secret has both keys.
const PLACEHOLDER_PEM = Buffer.from('-----BEGIN PLACEHOLDER-----\nnot a real key or certificate\n-----END PLACEHOLDER-----\n').toString('base64');

const tlsSecret = (name: string, namespace: string): Manifest => ({
  apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls',
  metadata: { name, namespace },
  data: { 'tls.crt': PLACEHOLDER_PEM, 'tls.key': PLACEHOLDER_PEM },
});

const namespace = (name: string): Manifest => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

/** The objects, in the order they are created (namespaces before what lives in them). */
export function fixtures(): Manifest[] {
  return [
    // Ingresses name class nginx; the Gateway names GatewayClass nginx.
    { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx' } },
    { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'nginx' }, spec: { controllerName: 'gateway.nginx.org/nginx-gateway-controller' } },
    // The inference pod runs with RuntimeClass nvidia (the API server refuses the pod without it)
    // and selects nodes labelled nvidia.com/gpu.present=true, as NVIDIA's GPU feature discovery labels them.
    { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'nvidia' }, handler: 'nvidia' },
    ...['ns-demo-tls', 'shop', 'infra', 'workloads-demo', 'store', 'ingress-nginx'].map(namespace),
    // A stand-in for the ingress controller's pods: the NetworkPolicies of apps behind an Ingress
    // admit the namespace ingress-nginx, and the policy check wants running pods behind each peer.
    {
      apiVersion: 'apps/v1', kind: 'Deployment',
      metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
        template: {
          metadata: { labels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
          spec: { containers: [{ name: 'controller', image: 'registry.k8s.io/ingress-nginx/controller:v1.11.3' }] },
        },
      },
    },
    // The certificates of the HTTPS Ingresses and of the Gateway's HTTPS listeners.
    tlsSecret('tls-secret', 'ns-demo-tls'),
    tlsSecret('shop-tls', 'shop'),
    tlsSecret('tls-secret', 'infra'),
    tlsSecret('shop-tls', 'infra'),
    tlsSecret('store-tls', 'store'),
    // The shop's and postgres's database password, "created out of band" (apps/workload-examples.ts).
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'shop-db', namespace: 'workloads-demo' }, stringData: { password: 'not-a-secret' } },
    // The whole-application example's password (apps/shop.ts).
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'store-db', namespace: 'store' }, stringData: { password: 'not-a-secret' } },
    // Claims bind to these volumes (the PV controller matches class, size and access mode).
    {
      apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass',
      metadata: { name: STORAGE_CLASS, annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'kubernetes.io/no-provisioner', reclaimPolicy: 'Retain', volumeBindingMode: 'Immediate',
    },
    ...Array.from({ length: 32 }, (_, i): Manifest => ({
      apiVersion: 'v1', kind: 'PersistentVolume',
      metadata: { name: `local-pv-${String(i + 1).padStart(2, '0')}` },
      spec: {
        storageClassName: STORAGE_CLASS, capacity: { storage: '100Gi' }, accessModes: ['ReadWriteOnce'],
        persistentVolumeReclaimPolicy: 'Retain', hostPath: { path: `/var/lib/local-pv-${i + 1}` },
      },
    })),
  ];
}

/** Creates the fixtures (server-side apply, so a second run changes nothing) and labels the GPU nodes. */
export async function createFixtures(client: KubeClient): Promise<void> {
  for (const m of fixtures()) {
    const res = await client.apply(m);
    if (res.status !== 200 && res.status !== 201) throw new Error(`fixture ${m.kind} ${m.metadata.name}: ${res.status} ${res.message}`);
  }
  for (const node of NODES.gpu) {
    const res = await client.request('PATCH', `/api/v1/nodes/${node}`, { metadata: { labels: { 'nvidia.com/gpu.present': 'true' } } }, 'application/merge-patch+json');
    if (res.status !== 200) throw new Error(`labelling node ${node}: ${res.status} ${res.message}`);
  }
}

interface PodSpecRefs {
  readonly volumes?: Array<{
    readonly secret?: { readonly secretName: string; readonly items?: Array<{ readonly key: string }> };
    readonly configMap?: { readonly name: string; readonly items?: Array<{ readonly key: string }> };
    readonly persistentVolumeClaim?: { readonly claimName: string };
    readonly projected?: { readonly sources: Array<{ readonly secret?: { readonly name: string }; readonly configMap?: { readonly name: string } }> };
  }>;
  readonly containers?: ContainerRefs[];
  readonly initContainers?: ContainerRefs[];
}
interface ContainerRefs {
  readonly env?: Array<{ readonly valueFrom?: { readonly secretKeyRef?: { readonly name: string; readonly key: string }; readonly configMapKeyRef?: { readonly name: string; readonly key: string } } }>;
  readonly envFrom?: Array<{ readonly secretRef?: { readonly name: string }; readonly configMapRef?: { readonly name: string } }>;
}

/**
 * For generated configurations (test/configurations.ts), which name Secrets, ConfigMaps and claims
 * that a user would create: one of each named object in the workload's namespace, with the keys the
 * pods read, and a 1Gi claim for each named claim.
 */
export function suppliedFor(manifests: Manifest[]): Manifest[] {
  const secrets = new Map<string, Set<string>>();
  const configMaps = new Map<string, Set<string>>();
  const claims = new Set<string>();
  const add = (map: Map<string, Set<string>>, name: string, key?: string) => {
    const keys = map.get(name) ?? new Set<string>();
    if (key) keys.add(key);
    map.set(name, keys);
  };
  const namespace = manifests.find((m) => m.metadata.namespace)?.metadata.namespace;
  for (const m of manifests) {
    const pod = (m.spec as { template?: { spec?: PodSpecRefs } } | undefined)?.template?.spec;
    if (!pod) continue;
    for (const v of pod.volumes ?? []) {
      if (v.secret) add(secrets, v.secret.secretName, ...(v.secret.items ?? []).map((i) => i.key));
      if (v.configMap) for (const key of [undefined, ...(v.configMap.items ?? []).map((i) => i.key)]) add(configMaps, v.configMap.name, key);
      if (v.persistentVolumeClaim) claims.add(v.persistentVolumeClaim.claimName);
      for (const src of v.projected?.sources ?? []) {
        if (src.secret) add(secrets, src.secret.name);
        if (src.configMap) add(configMaps, src.configMap.name);
      }
    }
    for (const c of [...(pod.containers ?? []), ...(pod.initContainers ?? [])]) {
      for (const e of c.env ?? []) {
        if (e.valueFrom?.secretKeyRef) add(secrets, e.valueFrom.secretKeyRef.name, e.valueFrom.secretKeyRef.key);
        if (e.valueFrom?.configMapKeyRef) add(configMaps, e.valueFrom.configMapKeyRef.name, e.valueFrom.configMapKeyRef.key);
      }
      for (const f of c.envFrom ?? []) {
        if (f.secretRef) add(secrets, f.secretRef.name);
        if (f.configMapRef) add(configMaps, f.configMapRef.name);
      }
    }
  }
  const data = (keys: Set<string>) => Object.fromEntries([...keys].map((k) => [k, 'supplied']));
  return [
    ...[...secrets].map(([name, keys]): Manifest => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace }, stringData: data(keys) })),
    ...[...configMaps].map(([name, keys]): Manifest => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: data(keys) })),
    ...[...claims].map((name): Manifest => ({
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    })),
  ];
}
