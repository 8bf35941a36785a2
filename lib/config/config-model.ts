// Resolution shared by ConfigMap, Secret and PersistentVolumeClaim: names, labels, data keys and
// sizes, and the handles of ConfigMaps and Secrets made elsewhere.
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { PatternDefaults } from '../core/defaults';
import { checkLabels, recommendedLabels } from '../core/labels';
import { noteNamespace } from '../core/namespace-notes';
import { dns1123Label, dns1123Subdomain } from '../core/names';
import { Problems } from '../core/problems';
import { claimName } from '../core/registry';
import { checkedScope } from '../core/shape';
import { dataKeyRule, registerHandle } from './ref-model';
import { ConfigRefOptions, IConfigMapRef, ISecretRef } from './refs';

/** The most data a ConfigMap or Secret may hold (`CORE:ValidateConfigMap`, `ValidateSecret`). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** Name, namespace and labels of a ConfigMap or Secret, checked. */
export function resolveMeta(scope: Construct, problems: Problems, kind: string, props: { name?: string; namespace?: string; labels?: { [key: string]: string } }): { name: string; namespace?: string; labels: { [key: string]: string } } {
  const name = props.name ?? scope.node.id.toLowerCase();
  const nameRule = dns1123Subdomain(name);
  if (nameRule) problems.add('name', name, props.name === undefined ? `(from the construct id) ${nameRule}; pass a valid name` : nameRule);
  const namespace = props.namespace ?? Chart.of(scope).namespace;
  const nsRule = namespace === undefined ? undefined : dns1123Label(namespace);
  if (nsRule) problems.add('namespace', namespace, nsRule);
  else noteNamespace(scope, namespace);
  checkLabels(problems, 'labels', props.labels);
  if (!nameRule) claimName(scope, problems, 'name', kind, namespace ?? 'default', name);
  const partOf = PatternDefaults.of(scope).partOf;
  return { name, namespace, labels: recommendedLabels({ name, instance: name, partOf }, props.labels) };
}

/** Adds the entries of one map, checking keys (also against the other maps' keys). */
export function addEntries(problems: Problems, field: string, map: { [key: string]: string } | undefined, into: { [key: string]: string }, fields: Map<string, string>): void {
  for (const [key, value] of Object.entries(map ?? {})) {
    const rule = dataKeyRule(key) ?? (fields.has(key) ? `is also in ${fields.get(key)}: a key may be given once` : undefined);
    if (rule) problems.add(`${field} key`, key, rule);
    if (typeof value !== 'string') problems.add(`${field}["${key}"]`, value, 'must be a string');
    fields.set(key, field);
    into[key] = value;
  }
}

export function checkTotal(problems: Problems, bytes: number): void {
  if (bytes > MAX_CONFIG_BYTES) {
    problems.add('data', `${bytes} bytes`, `is more than the ${MAX_CONFIG_BYTES} bytes (1 MiB) the API server accepts in one ConfigMap or Secret: split it, or mount the files from an image or a volume`);
  }
}

/** A ConfigMap or Secret made elsewhere: a name and the keys the app reads. */
abstract class ConfigHandle extends Construct {
  public readonly keys?: string[];

  constructor(scope: Construct, id: string, kind: string, name: string, options: ConfigRefOptions) {
    super(checkedScope(`${kind}.fromName`, scope, id), id);
    const problems = new Problems(kind, this);
    const nameRule = dns1123Subdomain(name);
    if (nameRule) problems.add('name', name, nameRule);
    (options.keys ?? []).forEach((k, i) => {
      const rule = dataKeyRule(k);
      if (rule) problems.add(`keys[${i}]`, k, rule);
    });
    const namespace = options.namespace ?? Chart.of(this).namespace;
    const nsRule = namespace === undefined ? undefined : dns1123Label(namespace);
    if (nsRule) problems.add('namespace', namespace, nsRule);
    problems.throwIfAny();
    this.keys = options.keys === undefined ? undefined : [...options.keys];
    registerHandle(this, { kind, name, namespace, keys: this.keys, written: false });
  }
}

export class ConfigMapHandle extends ConfigHandle implements IConfigMapRef {
  constructor(scope: Construct, id: string, public readonly configMapName: string, options: ConfigRefOptions) {
    super(scope, id, 'ConfigMap', configMapName, options);
  }
}

/** A Secret made elsewhere (`Secret.fromName`). */
export class SecretHandle extends ConfigHandle implements ISecretRef {
  constructor(scope: Construct, id: string, public readonly secretName: string, options: ConfigRefOptions) {
    super(scope, id, 'Secret', secretName, options);
  }
}

