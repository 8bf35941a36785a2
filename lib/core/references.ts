// What a Kubernetes object refers to that must exist in the cluster before its pods can start or
// its traffic can flow: Secrets, ConfigMaps, PersistentVolumeClaims, ServiceAccounts, classes,
// Gateways, and node labels. The API server accepts such objects without checking any of it
// (K8S-RULES.md, "Not checked by the server"). Used by ExternalReferences (constructs) and by the
// validation entry's lint (manifests); a pure walk over plain JSON, no schemas.

type Obj = { readonly [key: string]: unknown };

// Shared empties: the synth-time note walks every pod of an app, most fields absent.
const EMPTY: Obj = Object.freeze({});
const NONE: unknown[] = Object.freeze([]) as unknown as unknown[];
const obj = (x: unknown): Obj => (x !== null && typeof x === 'object' && !Array.isArray(x) ? x as Obj : EMPTY);
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : NONE);
const str = (x: unknown): string | undefined => (typeof x === 'string' && x !== '' ? x : undefined);

/** The kind used for a node label that a nodeSelector asks of some node (not an API kind). */
export const NODE_LABEL = 'NodeLabel';

/** Kinds of referenced objects that have no namespace. */
const CLUSTER_SCOPED = new Set(['IngressClass', 'GatewayClass', 'RuntimeClass', NODE_LABEL]);

/** Kinds whose objects may carry a pod template (`spec.template`), as the API defines them. */
const TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job']);

const GATEWAY_GROUP = 'gateway.networking.k8s.io';
const ROUTE_KINDS = new Set(['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute']);

/** One reference found in an object. */
export interface FoundReference {
  /** Kind of the referenced object, or NODE_LABEL. */
  readonly kind: string;
  /** Its name; for a node label `key=value`. */
  readonly name: string;
  /** Its namespace: the referring object's (or the one named), none for cluster-scoped kinds. */
  readonly namespace?: string;
  /** JSON pointer of the field in the referring object, e.g. `/spec/template/spec/volumes/0/secret/secretName`. */
  readonly path: string;
}

/** The identity of an object as a key: kind, namespace (none for cluster-scoped kinds), name. */
export function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${CLUSTER_SCOPED.has(kind) ? '' : namespace ?? ''}/${name}`;
}

/** Whether objects of `kind` have no namespace (IngressClass, GatewayClass, RuntimeClass, node labels). */
export function isClusterScopedReference(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

/**
 * Every reference of one object (a plain Kubernetes object as JSON), in the order of its fields.
 * References marked `optional: true` are left out: the pod starts without them.
 */
export function referencesOf(m: unknown): FoundReference[] {
  const o = obj(m);
  const kind = str(o.kind) ?? '';
  const apiVersion = str(o.apiVersion) ?? '';
  const namespace = str(obj(o.metadata).namespace);
  const spec = obj(o.spec);
  const out: FoundReference[] = [];
  const add = (refKind: string, name: unknown, path: string, ns: string | undefined = namespace) => {
    const n = str(name);
    if (n !== undefined) out.push({ kind: refKind, name: n, namespace: CLUSTER_SCOPED.has(refKind) ? undefined : ns, path });
  };
  if (kind === 'Pod') podReferences(obj(o.spec), '/spec', add);
  else if (kind === 'CronJob') podReferences(obj(obj(obj(obj(spec.jobTemplate).spec).template).spec), '/spec/jobTemplate/spec/template/spec', add);
  else if (kind === 'PodTemplate') podReferences(obj(obj(o.template).spec), '/template/spec', add);
  else if (TEMPLATE_KINDS.has(kind)) podReferences(obj(obj(spec.template).spec), '/spec/template/spec', add);
  else if (kind === 'Ingress' && apiVersion.startsWith('networking.k8s.io/')) {
    add('IngressClass', spec.ingressClassName, '/spec/ingressClassName');
    list(spec.tls).forEach((t, i) => add('Secret', obj(t).secretName, `/spec/tls/${i}/secretName`));
    // Resource backends (a bucket of static files, say) are objects of the Ingress's namespace,
    // named `Kind.group` outside the core group (as kubectl names them: StorageBucket.k8s.example.com).
    const resource = (backend: unknown, path: string) => {
      const r = obj(obj(backend).resource);
      const kind = str(r.kind);
      const group = str(r.apiGroup);
      if (kind !== undefined) add(group ? `${kind}.${group}` : kind, r.name, `${path}/resource/name`);
    };
    resource(spec.defaultBackend, '/spec/defaultBackend');
    list(spec.rules).forEach((rule, i) => list(obj(obj(rule).http).paths).forEach((p, j) => resource(obj(p).backend, `/spec/rules/${i}/http/paths/${j}/backend`)));
  } else if (apiVersion.startsWith(`${GATEWAY_GROUP}/`)) {
    if (kind === 'Gateway') {
      add('GatewayClass', spec.gatewayClassName, '/spec/gatewayClassName');
      list(spec.listeners).forEach((l, i) => list(obj(obj(l).tls).certificateRefs).forEach((r, j) => {
        const ref = obj(r);
        const group = str(ref.group) ?? '';
        const refKind = str(ref.kind) ?? 'Secret';
        if (group === '' && refKind === 'Secret') add('Secret', ref.name, `/spec/listeners/${i}/tls/certificateRefs/${j}/name`, str(ref.namespace) ?? namespace);
      }));
    } else if (ROUTE_KINDS.has(kind)) {
      list(spec.parentRefs).forEach((r, i) => {
        const ref = obj(r);
        if ((str(ref.group) ?? GATEWAY_GROUP) === GATEWAY_GROUP && (str(ref.kind) ?? 'Gateway') === 'Gateway') {
          add('Gateway', ref.name, `/spec/parentRefs/${i}/name`, str(ref.namespace) ?? namespace);
        }
      });
    }
  }
  return out;
}

type Add = (kind: string, name: unknown, path: string) => void;

/** Whether a reference field holds a name (checked before its path is built). */
const named = (x: unknown): boolean => typeof x === 'string' && x !== '';

/** The references of a pod spec (plain JSON) in `namespace`, as referencesOf finds them in a Pod. */
export function podSpecReferences(pod: unknown, namespace: string | undefined): FoundReference[] {
  const out: FoundReference[] = [];
  podReferences(obj(pod), '/spec', (kind, name, path) => {
    const n = str(name);
    if (n !== undefined) out.push({ kind, name: n, namespace: CLUSTER_SCOPED.has(kind) ? undefined : namespace, path });
  });
  return out;
}

function podReferences(pod: Obj, path: string, add: Add): void {
  for (const group of ['initContainers', 'containers', 'ephemeralContainers']) {
    list(pod[group]).forEach((c, i) => containerReferences(obj(c), `${path}/${group}/${i}`, add));
  }
  list(pod.volumes).forEach((v, i) => {
    const volume = obj(v);
    const secret = obj(volume.secret);
    if (secret.optional !== true && named(secret.secretName)) add('Secret', secret.secretName, `${path}/volumes/${i}/secret/secretName`);
    const configMap = obj(volume.configMap);
    if (configMap.optional !== true && named(configMap.name)) add('ConfigMap', configMap.name, `${path}/volumes/${i}/configMap/name`);
    const claim = obj(volume.persistentVolumeClaim).claimName;
    if (named(claim)) add('PersistentVolumeClaim', claim, `${path}/volumes/${i}/persistentVolumeClaim/claimName`);
    list(obj(volume.projected).sources).forEach((s, j) => {
      const source = obj(s);
      for (const [field, refKind] of PROJECTED) {
        const ref = obj(source[field]);
        if (ref.optional !== true && named(ref.name)) add(refKind, ref.name, `${path}/volumes/${i}/projected/sources/${j}/${field}/name`);
      }
    });
  });
  list(pod.imagePullSecrets).forEach((s, i) => { if (named(obj(s).name)) add('Secret', obj(s).name, `${path}/imagePullSecrets/${i}/name`); });
  // Every namespace has the ServiceAccount "default" (the service account controller writes it).
  const account = str(pod.serviceAccountName) ?? str(pod.serviceAccount);
  if (account !== undefined && account !== 'default') add('ServiceAccount', account, `${path}/${pod.serviceAccountName !== undefined ? 'serviceAccountName' : 'serviceAccount'}`);
  if (named(pod.runtimeClassName)) add('RuntimeClass', pod.runtimeClassName, `${path}/runtimeClassName`);
  for (const [key, value] of Object.entries(obj(pod.nodeSelector))) {
    if (typeof value === 'string') add(NODE_LABEL, `${key}=${value}`, `${path}/nodeSelector/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  }
}

const PROJECTED = [['secret', 'Secret'], ['configMap', 'ConfigMap']] as const;
const KEY_REFS = [['secretKeyRef', 'Secret'], ['configMapKeyRef', 'ConfigMap']] as const;
const SOURCE_REFS = [['secretRef', 'Secret'], ['configMapRef', 'ConfigMap']] as const;

function containerReferences(c: Obj, path: string, add: Add): void {
  list(c.env).forEach((e, i) => {
    const from = obj(obj(e).valueFrom);
    for (const [field, refKind] of KEY_REFS) {
      const ref = obj(from[field]);
      if (ref.optional !== true && named(ref.name)) add(refKind, ref.name, `${path}/env/${i}/valueFrom/${field}/name`);
    }
  });
  list(c.envFrom).forEach((e, i) => {
    for (const [field, refKind] of SOURCE_REFS) {
      const ref = obj(obj(e)[field]);
      if (ref.optional !== true && named(ref.name)) add(refKind, ref.name, `${path}/envFrom/${i}/${field}/name`);
    }
  });
}

/** A reference of one object that none of the given objects defines. */
export interface UndefinedReference {
  /** The index of the referring object in the list. */
  readonly index: number;
  readonly reference: FoundReference;
}

/**
 * The references of `objects` that no object of `defined` (by default the same list) defines, by
 * kind, namespace and name. Node labels are never defined by objects, so they are always listed.
 */
export function undefinedReferences(objects: readonly unknown[], defined: Iterable<string> = definedKeys(objects)): UndefinedReference[] {
  const keys = defined instanceof Set ? defined as Set<string> : new Set(defined);
  const out: UndefinedReference[] = [];
  objects.forEach((m, index) => {
    for (const reference of referencesOf(m)) {
      if (!keys.has(objectKey(reference.kind, reference.namespace, reference.name))) out.push({ index, reference });
    }
  });
  return out;
}

/** The keys (objectKey) of the objects in the list. */
export function definedKeys(objects: readonly unknown[]): Set<string> {
  const keys = new Set<string>();
  for (const m of objects) {
    const o = obj(m);
    const name = str(obj(o.metadata).name);
    if (str(o.kind) && name) keys.add(objectKey(String(o.kind), str(obj(o.metadata).namespace), name));
  }
  return keys;
}
