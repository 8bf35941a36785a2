// A validation plugin for the cdk8s CLI (`validations:` in cdk8s.yaml): runs this library's
// validation entry (schemas, API server rules, lints, optionally Pod Security) over every manifest
// `cdk8s synth` writes, for any cdk8s app: plain ApiObjects, cdk8s-plus, or our constructs.
// It lives in the main entry because the CLI loads a plugin package by its main module; the
// validation code itself is loaded only when the plugin runs.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { ServicePatternsError } from './core/errors';
import { show } from './core/problems';
import { checkShape } from './core/shape';

/** One resource in a violation, as the cdk8s CLI reports it. */
export interface ValidationViolatingResource {
  /** The object's metadata.name (the CLI maps it to a construct path when metadata is recorded). */
  readonly resourceName: string;
  /** JSON paths inside the object. */
  readonly locations: string[];
  /** The manifest file that holds the object. */
  readonly manifestPath: string;
}

/** A violation, as the cdk8s CLI's validation report takes it. */
export interface ValidationViolation {
  /** What is broken. */
  readonly ruleName: string;
  /** Why it matters. */
  readonly recommendation: string;
  /** How to fix it. */
  readonly fix: string;
  /** Where. */
  readonly violatingResources: ValidationViolatingResource[];
}

/** The report of the cdk8s CLI's validation context. */
export interface IValidationReport {
  /** Adds a violation. */
  addViolation(violation: ValidationViolation): void;
  /** Ends the report with "success" or "failure". */
  submit(status: string, metadata?: { [key: string]: string }): void;
}

/** The part of the cdk8s CLI's `ValidationContext` the plugin uses. */
export interface IValidationContext {
  /** The manifest files `cdk8s synth` wrote. */
  readonly manifests: string[];
  /** Whether `cdk8s synth --stdout` runs: the manifests go to stdout, so the report must not. */
  readonly stdout?: boolean;
  /** Where violations go. */
  readonly report: IValidationReport;
  /** The objects of one manifest file. */
  parseManifest(manifestPath: string): unknown[];
}

/** Properties of the plugin, from `properties:` of its entry in cdk8s.yaml. */
export interface ManifestValidationProps {
  /**
   * Also report our lints (advice beyond what the API server enforces).
   * @default true
   */
  readonly lints?: boolean;
  /**
   * Check pods against this Pod Security Standard: "baseline" or "restricted".
   * @default - none
   */
  readonly podSecurity?: string;
  /**
   * Check each object against its OpenAPI schema (needs the package kubernetes-models).
   * @default true
   */
  readonly schema?: boolean;
  /**
   * Leave the construct metadata (`construct-metadata.json`, which cdk8s writes into the output
   * directory for validation plugins) in place after validation. It is no manifest, so by default
   * the plugin removes it once the CLI has read it: `kubectl apply -f dist/`, Argo CD and Flux
   * read every file of the directory.
   * @default false
   */
  readonly keepConstructMetadata?: boolean;
  /**
   * With the lints, report references to Secrets, ConfigMaps, PersistentVolumeClaims,
   * ServiceAccounts, IngressClasses, GatewayClasses, Gateways and RuntimeClasses that no manifest
   * defines (rule `reference`); `false` switches this lint off alone.
   * @default true
   */
  readonly undefinedReferences?: boolean;
  /**
   * Objects the cluster already has, which the `reference` lint accepts: `Kind/namespace/name`,
   * or `Kind/name` for IngressClass, GatewayClass and RuntimeClass (`Secret/shop/shop-db`,
   * `IngressClass/nginx`).
   * @default - none
   */
  readonly existingObjects?: string[];
}

interface Issue { rule: string; kind: string; name: string; namespace?: string; path: string; message: string }
interface ValidationEntry {
  validateManifests(manifests: object[], options: { lints?: boolean; schema?: boolean; undefinedReferences?: boolean; existingObjects?: string[] }): Issue[];
  checkPodSecurity(manifests: object[], profile: string): Array<{ kind: string; name: string; check: string; path: string; message: string }>;
}

const RECOMMENDATIONS: { [rule: string]: string } = {
  'schema': 'The object does not match the Kubernetes OpenAPI schema: the API server rejects it.',
  'api-server': 'The API server rejects this object, and with it the rest of the apply may stop half done.',
  'lint': 'The API server accepts this, but it is almost certainly a mistake.',
  'pod-security': 'A namespace that enforces this Pod Security level rejects these pods.',
  'reference': 'The API server accepts this, but it works only if the cluster already has the object it names.',
};

const FIXES: { [rule: string]: string } = {
  'reference': 'Create the object in the cluster before applying, or define it in the app; then list it in existingObjects (or set undefinedReferences: false).',
};

/**
 * The cdk8s CLI validation plugin of this library. In cdk8s.yaml:
 * `validations: [{ package: ./node_modules/cdk8s-service-patterns, version: <version>, class: ManifestValidation }]`
 * (the installed package; `package: cdk8s-service-patterns` has the CLI fetch it from the npm
 * registry instead). It checks the app's manifests as a whole, removes the construct metadata the
 * CLI had written for it, and under `cdk8s synth --stdout` keeps stdout for the manifests.
 */
export class ManifestValidation {
  private readonly props: ManifestValidationProps;

  /**
   * @param props the `properties` of the plugin's entry in cdk8s.yaml
   */
  constructor(props: ManifestValidationProps = {}) {
    checkShape('new ManifestValidation', [props]);
    this.props = props ?? {};
    const pss = this.props.podSecurity;
    if (pss !== undefined && pss !== 'baseline' && pss !== 'restricted') {
      throw new ServicePatternsError('ManifestValidation', '', [{ field: 'properties.podSecurity', value: show(pss), message: `properties.podSecurity ${show(pss)} is not "baseline" or "restricted"` }]);
    }
    (this.props.existingObjects ?? []).forEach((e, i) => {
      if (!/^[A-Za-z]+\/[^/]+(\/[^/]+)?$/.test(e)) {
        throw new ServicePatternsError('ManifestValidation', '', [{ field: `properties.existingObjects[${i}]`, value: show(e), message: `properties.existingObjects[${i}] ${show(e)} is not Kind/namespace/name or Kind/name` }]);
      }
    });
    // The CLI creates its plugins before it prints "Performing validations" and the reports with
    // console.log. Under `cdk8s synth --stdout` those lines would land among the manifests (and
    // break `cdk8s synth --stdout | kubectl apply -f -`): they go to stderr instead.
    if (process.argv.slice(2).some((a) => a === '--stdout' || a === '-p' || a.startsWith('--stdout='))) reportToStderr();
  }

  /**
   * Validates the manifests of the context as one app (a Service in one chart may select the pods
   * of another) and submits the report.
   */
  public async validate(context: IValidationContext): Promise<void> {
    checkShape('ManifestValidation.validate', [context]);
    if (context.stdout) reportToStderr();
    try {
      this.report(context);
    } finally {
      if (!this.props.keepConstructMetadata) removeConstructMetadata(context.manifests);
    }
  }

  private report(context: IValidationContext): void {
    // Loaded here so that importing the library does not load the validation code and schemas.
    const entry = require('./validation') as ValidationEntry;
    const groups = new Map<string, ValidationViolation & { violatingResources: ValidationViolatingResource[] }>();
    const add = (rule: string, message: string, fix: string, resource: ValidationViolatingResource) => {
      const key = `${rule}\u0000${message}`;
      let v = groups.get(key);
      if (!v) {
        v = { ruleName: `[${rule}] ${message}`, recommendation: RECOMMENDATIONS[rule] ?? '', fix, violatingResources: [] };
        groups.set(key, v);
      }
      v.violatingResources.push(resource);
    };
    // Every object, and the file it came from (found again by kind, namespace and name).
    const docs: object[] = [];
    const fileOf = new Map<string, string>();
    const names = new Map<string, number>();
    for (const file of context.manifests) {
      for (const d of context.parseManifest(file)) {
        if (d === null || typeof d !== 'object') continue;
        docs.push(d);
        const { kind, metadata } = d as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
        const key = objectKey(String(kind), metadata?.namespace === undefined ? undefined : String(metadata.namespace), String(metadata?.name));
        // Pod Security violations name no namespace: they are found by kind and name alone.
        for (const k of [key, objectKey(String(kind), undefined, String(metadata?.name))]) if (!fileOf.has(k)) fileOf.set(k, file);
        // The CLI finds construct paths by metadata.name alone; where several objects share a name
        // (a Deployment and its Service), kind/name is given instead, so that no wrong path is shown.
        names.set(String(metadata?.name), (names.get(String(metadata?.name)) ?? 0) + 1);
      }
    }
    const resource = (found: { kind: string; name: string; namespace?: string; path: string }): ValidationViolatingResource => ({
      resourceName: (names.get(found.name) ?? 0) > 1 ? `${found.kind}/${found.name}` : found.name,
      locations: [found.path],
      manifestPath: fileOf.get(objectKey(found.kind, found.namespace, found.name)) ?? fileOf.get(objectKey(found.kind, undefined, found.name)) ?? '',
    });
    const options = { lints: this.props.lints, schema: this.props.schema, undefinedReferences: this.props.undefinedReferences, existingObjects: this.props.existingObjects };
    for (const issue of entry.validateManifests(docs, options)) {
      add(issue.rule, `${issue.kind}: ${issue.path} ${issue.message}`, FIXES[issue.rule] ?? 'Change the field as the message says.', resource(issue));
    }
    if (this.props.podSecurity !== undefined) {
      for (const v of entry.checkPodSecurity(docs, this.props.podSecurity)) {
        add('pod-security', `${v.kind}: ${v.path} ${v.message} (${v.check})`, `Meet the ${this.props.podSecurity} profile, or label the namespace with a weaker one.`, resource(v));
      }
    }
    for (const v of groups.values()) context.report.addViolation(v);
    context.report.submit(groups.size === 0 ? 'success' : 'failure');
  }
}

function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}\u0000${namespace ?? ''}\u0000${name}`;
}

/** From now on, console.log writes to stderr (the CLI's own report lines included). */
function reportToStderr(): void {
  console.log = (...args: unknown[]) => console.error(...args);
}

/**
 * Removes the construct metadata cdk8s wrote for the plugins (the CLI has read it before any plugin
 * runs). It lies in the output directory (`templates/` for `--format helm`), beside the manifests.
 */
function removeConstructMetadata(manifests: string[]): void {
  for (const dir of new Set(manifests.map((m) => path.dirname(m)))) {
    fs.rmSync(path.join(dir, 'construct-metadata.json'), { force: true });
  }
}
