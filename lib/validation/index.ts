/**
 * Checks for synthesized manifests: the Kubernetes OpenAPI schema, the API server's semantic
 * rules, our own lints, and the Pod Security Standards. A separate entry point
 * (`cdk8s-service-patterns/validation`): importing the library does not load the schemas.
 */
import { App, Chart } from 'cdk8s';
import { checkApiRules, RuleOptions } from './api-rules';
import { formatIssue, IssueList, list, Manifest, ManifestIssue, obj, str, strMap } from './json';
import { checkPodSecurity, PodSecurityProfile, PodSecurityViolation, podSpecOf } from './pod-security';
import { checkSchema, MissingSchemaPackageError } from './schema';
import { definedKeys, isClusterScopedReference, NODE_LABEL, objectKey, undefinedReferences } from '../core/references';

export { checkPodSecurity, formatIssue, MissingSchemaPackageError };
export type { Manifest, ManifestIssue, PodSecurityProfile, PodSecurityViolation, RuleOptions };
// The cdk8s CLI plugin, also here for cdk8s.yaml entries that name this entry's file.
export { ManifestValidation } from '../manifest-validation';
export type { ManifestValidationProps } from '../manifest-validation';

/** Options of validateManifests. */
export interface ValidateOptions extends RuleOptions {
  /** Also report our lints (advice beyond what the API server enforces). @default true */
  readonly lints?: boolean;
  /**
   * With the lints, report references to Secrets, ConfigMaps, PersistentVolumeClaims,
   * ServiceAccounts, IngressClasses, GatewayClasses, Gateways and RuntimeClasses that no manifest
   * defines (rule `reference`): the cluster must already have them. `false` switches this lint
   * off alone.
   * @default true
   */
  readonly undefinedReferences?: boolean;
  /**
   * Objects the cluster already has, which the `reference` lint then accepts:
   * `Kind/namespace/name`, or `Kind/name` for IngressClass, GatewayClass and RuntimeClass.
   * @default - none
   */
  readonly existingObjects?: readonly string[];
  /**
   * Check each object against its OpenAPI schema, which needs the package kubernetes-models (and
   * @kubernetes-models/gateway-api for Gateway API kinds); without it, validation throws a
   * MissingSchemaPackageError naming what to install. `false` skips the schemas on purpose.
   * @default true
   */
  readonly schema?: boolean;
}

/** The manifests of a chart or app (synthesized in memory), or the given list. */
export function manifestsOf(input: Chart | App | Manifest[]): Manifest[] {
  if (Array.isArray(input)) return input;
  const charts = input instanceof App ? input.charts : [input];
  return charts.flatMap((c) => c.toJson() as Manifest[]);
}

/**
 * Every problem of the manifests: schema errors (with JSON paths), API server rules the schema
 * misses, and, unless switched off, our lints. An empty list means a cluster accepts them.
 */
export function validateManifests(input: Chart | App | Manifest[], options: ValidateOptions = {}): ManifestIssue[] {
  const manifests = manifestsOf(input);
  const issues: ManifestIssue[] = [];
  for (const m of manifests) {
    const found = new IssueList(m);
    if (options.schema ?? true) checkSchema(m, found);
    checkApiRules(m, found, options);
    issues.push(...found.issues);
  }
  if (options.lints ?? true) {
    issues.push(...lint(manifests));
    if (options.undefinedReferences ?? true) issues.push(...lintReferences(manifests, options.existingObjects ?? []));
  }
  return issues;
}

/** What happens to an object whose reference of this kind names nothing. */
const CONSEQUENCES: { [kind: string]: string } = {
  Secret: 'pods that read it stay in CreateContainerConfigError or ContainerCreating',
  ConfigMap: 'pods that read it stay in CreateContainerConfigError or ContainerCreating',
  PersistentVolumeClaim: 'pods that mount it are never scheduled',
  ServiceAccount: 'the API server refuses the pods (ServiceAccount admission)',
  RuntimeClass: 'the API server refuses the pods (RuntimeClass admission)',
  IngressClass: 'no ingress controller serves the Ingress',
  GatewayClass: 'no controller programs the Gateway',
  Gateway: 'the route is attached to nothing and gets no traffic',
};

/**
 * The `reference` lint: references that no manifest of the list defines (same kind, namespace and
 * name) and that `existing` does not name. Node labels of nodeSelectors are not objects, so they
 * are not reported here (ExternalReferences lists them).
 */
function lintReferences(manifests: Manifest[], existing: readonly string[]): ManifestIssue[] {
  const defined = definedKeys(manifests);
  for (const e of existing) defined.add(existingKey(e));
  return undefinedReferences(manifests, defined)
    .filter(({ reference: r }) => r.kind !== NODE_LABEL)
    .map(({ index, reference: r }) => {
      const m = manifests[index];
      const where = r.namespace === undefined ? '' : ` in namespace "${r.namespace}"`;
      return {
        rule: 'reference' as const, kind: m.kind, name: str(obj(m.metadata).name) ?? '', namespace: str(obj(m.metadata).namespace), path: r.path,
        message: `names ${r.kind} "${r.name}"${where}, which no manifest defines: the cluster must already have it, or ${consequence(r)} (existingObjects: ["${existingName(r)}"] accepts it)`,
      };
    });
}

function consequence(r: { kind: string; path: string }): string {
  if (r.path.includes('/imagePullSecrets/')) return 'pulls from a registry that needs it fail (ErrImagePull)';
  if (r.kind === 'Secret' && (r.path.startsWith('/spec/tls/') || r.path.startsWith('/spec/listeners/'))) return 'the controller serves its default certificate, or none';
  return CONSEQUENCES[r.kind];
}

/** `Secret/shop/shop-db` or `IngressClass/nginx`, as existingObjects takes it. */
function existingName(r: { kind: string; namespace?: string; name: string }): string {
  return r.namespace === undefined ? `${r.kind}/${r.name}` : `${r.kind}/${r.namespace}/${r.name}`;
}

function existingKey(entry: string): string {
  const slash = entry.indexOf('/');
  const kind = entry.slice(0, slash);
  const rest = entry.slice(slash + 1);
  if (isClusterScopedReference(kind)) return objectKey(kind, undefined, rest);
  const i = rest.indexOf('/');
  return i < 0 ? objectKey(kind, undefined, rest) : objectKey(kind, rest.slice(0, i), rest.slice(i + 1));
}

/**
 * Synthesizes a chart and returns its manifests, throwing when any of them breaks the schema,
 * an API server rule, a lint or (for pods) the `restricted` Pod Security Standard, unless a
 * weaker profile is given. Meant for tests: `const out = synthValidated(chart)`.
 */
export function synthValidated(chart: Chart, options: ValidateOptions & { podSecurity?: PodSecurityProfile | 'none' } = {}): Manifest[] {
  const manifests = chart.toJson() as Manifest[];
  const problems = validateManifests(manifests, options).map(formatIssue);
  const profile = options.podSecurity ?? 'restricted';
  if (profile !== 'none') {
    problems.push(...checkPodSecurity(manifests, profile).map((v) => `[pod-security ${profile}] ${v.kind} ${v.name}: ${v.path} ${v.message} (${v.check})`));
  }
  if (problems.length > 0) throw new Error(`${problems.length} problem(s) in the manifests of '${chart.node.path}':\n${problems.join('\n')}`);
  return manifests;
}

/** Our own lints: things a cluster accepts that are almost certainly mistakes. */
function lint(manifests: Manifest[]): ManifestIssue[] {
  const out: ManifestIssue[] = [];
  const ns = (m: Manifest) => str(obj(m.metadata).namespace) ?? 'default';
  // Pods a Service may select: bare Pods and the templates of every workload kind.
  const pods = manifests.flatMap((m) => {
    const pod = podSpecOf(m);
    return pod ? [{ ns: ns(m), labels: strMap(pod.metadata.labels) }] : [];
  });
  for (const m of manifests) {
    const issue = (path: string, message: string) =>
      out.push({ rule: 'lint', kind: m.kind, name: str(obj(m.metadata).name) ?? '', namespace: str(obj(m.metadata).namespace), path, message });
    if (m.kind === 'Service') {
      const selector = strMap(obj(m.spec).selector);
      if (Object.keys(selector).length > 0 && !pods.some((p) => p.ns === ns(m) && Object.entries(selector).every(([k, v]) => p.labels[k] === v))) {
        issue('/spec/selector', 'matches no pod template in these manifests');
      }
    }
    if (m.kind === 'StatefulSet') {
      if ((str(obj(m.metadata).name) ?? '').length > 52) {
        issue('/metadata/name', 'is longer than 52 characters: the API server accepts it, but the controller cannot create its pods (their controller-revision-hash label would exceed 63 characters)');
      }
      // A governing Service that is not headless is a choice (HeadlessGroup's headless: false): the
      // pods then get no DNS records of their own. Naming no Service at all is the mistake.
      const serviceName = str(obj(m.spec).serviceName);
      const governing = manifests.some((s) => s.kind === 'Service' && ns(s) === ns(m) && str(obj(s.metadata).name) === serviceName);
      if (!governing) issue('/spec/serviceName', `"${serviceName ?? ''}" names no Service in these manifests`);
    }
    if (m.kind === 'Ingress') {
      for (const path of list(obj(m.spec).rules).flatMap((r) => list(obj(obj(r).http).paths))) {
        const svc = obj(obj(obj(path).backend).service);
        const target = manifests.find((s) => s.kind === 'Service' && ns(s) === ns(m) && str(obj(s.metadata).name) === svc.name);
        const port = obj(svc.port);
        if (target && !list(obj(target.spec).ports).map(obj).some((p) => (port.name !== undefined ? p.name === port.name : p.port === port.number))) {
          issue('/spec/rules', `backend ${String(svc.name)} port ${String(port.name ?? port.number)} is not a port of that Service`);
        }
      }
    }
  }
  return out;
}
