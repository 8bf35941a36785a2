// The one synth-time note per app that names what the app expects the cluster to have. It must
// stay cheap: the pods of ExposedApp and HeadlessGroup are read from their resolved model, not
// rendered again (rendering every object a second time would cost about a third of a synth); only
// Ingresses, Gateways and routes, which are few and small, are rendered. ExternalReferences.of is
// the exact list (every object rendered, plain ApiObjects included).
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { sharedWeakMap } from './brand';
import { FoundReference, objectKey, podSpecReferences, referencesOf } from './references';

/**
 * What the note reads of a pattern's resolved pods (the `_workload` of every pattern that writes
 * pods, PodWorkload, written into its `_workloadObject`); declared here so that core/ does not
 * import workloads/.
 */
interface NotedWorkload {
  readonly main: NotedContainer;
  readonly initContainers: readonly NotedContainer[];
  readonly extraContainers: readonly NotedContainer[];
  readonly pod: object;
}

interface NotedContainer {
  readonly envValues: ReadonlyArray<{ readonly name: string }>;
  readonly json: object;
}

/** Per app: false once watched, true once its note was made (cdk8s validates once per chart). */
const WATCHED = sharedWeakMap<IConstruct, boolean>('reference-notes');
const ROUTING_KINDS = new Set(['Ingress', 'Gateway', 'HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute']);
/** How many objects the note names; it counts the rest. */
const NAMED = 10;
/**
 * Lines printed by this process: an app synthesized twice (tests, FastApp) prints its note once.
 * Bounded, so that a process synthesizing many different apps (a test run, the bench) does not
 * keep every line it printed.
 */
const printed = new Set<string>();
const PRINTED_KEPT = 100;

/** Makes the app of `scope` print its note when it is synthesized (once per app). */
export function watchReferences(scope: IConstruct): void {
  const root = scope.node.root;
  if (WATCHED.has(root)) return;
  WATCHED.set(root, false);
  // cdk8s and FastApp validate every construct before they write anything; this check never fails.
  root.node.addValidation({
    validate: () => {
      if (WATCHED.get(root) === false) noteReferences(root);
      WATCHED.set(root, true);
      return [];
    },
  });
}

/** Prints `[NOTE] ...` naming what the app's patterns need and no object of the app defines. */
function noteReferences(root: IConstruct): void {
  const objects = root.node.findAll().filter(ApiObject.isApiObject);
  const found: FoundReference[] = [];
  for (const c of objects) {
    // The object a pattern writes its pods into: their references come from the pod model.
    const pattern = c.node.scope as { _workload?: NotedWorkload; _workloadObject?: ApiObject } | undefined;
    if (pattern?._workload !== undefined && pattern._workloadObject === c) found.push(...workloadReferences(pattern._workload, c.metadata.namespace));
    else if (ROUTING_KINDS.has(c.kind)) found.push(...referencesOf(referenceJson(c)));
  }
  if (found.length === 0) return;
  const defined = new Set<string>();
  for (const c of objects) defined.add(objectKey(c.kind, c.metadata.namespace, c.name));
  const missing = [...new Set(found.filter((r) => !defined.has(objectKey(r.kind, r.namespace, r.name)))
    .map((r) => (r.namespace === undefined ? `${r.kind} ${r.name}` : `${r.kind} ${r.namespace}/${r.name}`)))];
  if (missing.length === 0) return;
  // One line, however large the app: the first few by name, then how many more.
  const named = missing.length > NAMED ? `${missing.slice(0, NAMED).join(', ')} and ${missing.length - NAMED} more` : missing.join(', ');
  const line = `[NOTE] app: the cluster must already have ${missing.length === 1 ? 'this object' : `these ${missing.length} objects`}, which the app does not define: ${named} (ExternalReferences.of(app) says which construct and field needs each)`;
  if (printed.has(line)) return;
  if (printed.size >= PRINTED_KEPT) printed.clear();
  printed.add(line);
  process.stderr.write(`${line}\n`);
}

/**
 * What referencesOf reads of an object: the library's objects render only that much (their
 * `_referenceJson`; recognised by it, as cdk8s's ApiObject answers instanceof for any ApiObject).
 */
function referenceJson(c: ApiObject): unknown {
  const partial = (c as { _referenceJson?: () => unknown })._referenceJson;
  return typeof partial === 'function' ? partial.call(c) : c.toJson();
}

/** The references of a workload's pods, from its resolved model (the fields podSpecReferences reads). */
function workloadReferences(w: NotedWorkload, namespace: string | undefined): FoundReference[] {
  const container = (c: NotedContainer) => ({ env: c.envValues, envFrom: (c.json as { envFrom?: unknown }).envFrom });
  const containers = [container(w.main)];
  for (const c of w.extraContainers) containers.push(container(c));
  const initContainers = [];
  for (const c of w.initContainers) initContainers.push(container(c));
  const p = w.pod as { [field: string]: unknown };
  return podSpecReferences({
    volumes: p.volumes, imagePullSecrets: p.imagePullSecrets, serviceAccountName: p.serviceAccountName, serviceAccount: p.serviceAccount,
    runtimeClassName: p.runtimeClassName, nodeSelector: p.nodeSelector, containers, initContainers,
  }, namespace);
}
