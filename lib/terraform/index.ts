/**
 * Terraform output: the manifests of cdk8s charts as `kubernetes_manifest` resources in a
 * cdktf stack. An optional entry point (`cdk8s-service-patterns/terraform`); nothing in the core
 * imports it, and cdktf, @cdktf/provider-kubernetes are optional peer dependencies.
 *
 * HashiCorp archived CDKTF on 2025-12-10; the community continues it as CDK Terrain (`cdktn`).
 * This file is the only one that names the engine: switching is a change of its imports.
 *
 * We do not use cdktf-cdk8s's CDK8sProvider: it round-trips through YAML, rewrites every newline
 * in a string to a literal `\n` (so a multi-line ConfigMap value changes), turns numbers inside
 * arrays into `{}`, and names resources after apiVersion paths. Here each manifest is the
 * synthesized object itself, with only Terraform's template sequences escaped.
 */
import { Chart } from 'cdk8s';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
// Deep imports: the package's index loads every resource of the provider (hundreds).
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { CLUSTER_SCOPED_KINDS } from '../core/kinds';

/** How Terraform reaches the cluster. */
export interface KubernetesProviderOptions {
  /**
   * Path of the kubeconfig file.
   * @default '~/.kube/config'
   */
  readonly configPath?: string;
  /**
   * Context of the kubeconfig to use.
   * @default - the current context
   */
  readonly configContext?: string;
}

/** Props of KubernetesManifests. */
export interface KubernetesManifestsProps {
  /** The charts whose objects become resources (all charts of an App: `app.charts`). */
  readonly charts: Chart[];
  /**
   * The kubernetes provider's settings.
   * @default - configPath '~/.kube/config'
   */
  readonly provider?: KubernetesProviderOptions;
}

/**
 * One `kubernetes_manifest` per Kubernetes object of the charts, each equal to the object the
 * YAML path writes, named `<kind>_<namespace>_<name>` so that names survive reordering.
 */
export class KubernetesManifests extends Construct {
  /** The kubernetes provider. */
  public readonly provider: KubernetesProvider;
  /** The manifests, in the order the YAML path writes the objects. */
  public readonly manifests: Manifest[] = [];

  constructor(scope: TerraformStack, id: string, props: KubernetesManifestsProps) {
    super(scope, id);
    this.provider = new KubernetesProvider(this, 'kubernetes', {
      configPath: props.provider?.configPath ?? '~/.kube/config',
      configContext: props.provider?.configContext,
    });
    const seen = new Set<string>();
    const namespaces = new Map<string, Manifest>();
    const objects = props.charts.flatMap((chart) => chart.toJson() as ManifestObject[]);
    for (const object of objects) {
      const name = resourceName(object);
      if (seen.has(name)) throw new Error(`KubernetesManifests '${this.node.path}': two objects map to the resource name "${name}"`);
      seen.add(name);
      const resource = new Manifest(this, name, { provider: this.provider, manifest: escapeTemplates(object) as { [key: string]: unknown } });
      resource.overrideLogicalId(name);
      if (object.kind === 'Namespace' && object.metadata.name) namespaces.set(object.metadata.name, resource);
      this.manifests.push(resource);
    }
    // Terraform creates resources in parallel: objects wait for their Namespace when it is here.
    objects.forEach((object, i) => {
      const namespace = object.metadata.namespace === undefined ? undefined : namespaces.get(object.metadata.namespace);
      if (namespace) this.manifests[i].dependsOn = [namespace.fqn];
    });
  }
}

interface ManifestObject { apiVersion: string; kind: string; metadata: { name?: string; namespace?: string } }

/** `deployment_shop_web`: kind, namespace (`cluster` for cluster-scoped kinds) and name. */
export function resourceName(o: ManifestObject): string {
  const namespace = CLUSTER_SCOPED_KINDS.has(o.kind) ? 'cluster' : o.metadata.namespace ?? 'default';
  return [o.kind, namespace, o.metadata.name ?? ''].join('_').toLowerCase().replace(/[^a-z0-9_]/g, '_');
}

/** Escapes Terraform's template sequences (`${`, `%{`) so strings reach the cluster unchanged. */
export function escapeTemplates(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/([$%])\{/g, (_m, sigil: string) => `${sigil}${sigil}{`);
  if (Array.isArray(value)) return value.map(escapeTemplates);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeTemplates(v)]));
  }
  return value;
}
