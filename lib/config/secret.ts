import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PatternObject } from '../core/api-object';
import { brand, hasBrand } from '../core/brand';
import { Problems } from '../core/problems';
import { checkedScope, checkShape } from '../core/shape';
import { PatternWarnings } from '../core/warnings';
import { addEntries, checkTotal, resolveMeta, SecretHandle } from './config-model';
import { canonical, ConfigSource, registerHandle } from './ref-model';
import { ConfigRefOptions, ISecretRef } from './refs';

/** Keys the built-in Secret types need (`CORE:ValidateSecret`). */
const TYPE_KEYS: { [type: string]: string[] } = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
};

const WHY = 'secret values in a manifest end up in Git history, readable by everyone who can read the repository, and stay there after they are rotated';
const INSTEAD = 'keep the Secret out of the manifests (External Secrets Operator, Sealed Secrets, SOPS, or kubectl create secret) and refer to it with Secret.fromName(scope, id, name, { keys })';

/** Props of a Secret written by this library. */
export interface SecretProps {
  /**
   * Kubernetes name of the Secret, a DNS-1123 subdomain.
   * @default - the construct id, lower-cased
   */
  readonly name?: string;
  /**
   * Namespace of the Secret: the namespace of the workloads that read it.
   * @default - the chart's namespace, else kubectl's
   */
  readonly namespace?: string;
  /**
   * Values by key, as plain text; written base64-encoded into `data`, as the API server stores
   * them. Needs `allowLiteralValues`.
   * @default - none
   */
  readonly stringData?: { [key: string]: string };
  /**
   * Values by key, base64-encoded. Needs `allowLiteralValues`.
   * @default - none
   */
  readonly data?: { [key: string]: string };
  /**
   * The Secret's type, e.g. `kubernetes.io/tls` (which needs the keys `tls.crt` and `tls.key`).
   * @default - Kubernetes' default (Opaque)
   */
  readonly type?: string;
  /**
   * Make the Secret immutable.
   * @default false
   */
  readonly immutable?: boolean;
  /**
   * Write the values into the manifest. They end up in Git history, so this is refused unless
   * set, and draws a warning when set: prefer a Secret managed elsewhere (`Secret.fromName`).
   * @default false
   */
  readonly allowLiteralValues?: boolean;
  /**
   * Labels besides the recommended ones.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
}

/**
 * A Secret. By default the library writes no secret values: refer to a Secret managed elsewhere
 * with `Secret.fromName`, declaring the keys the app reads. Writing values needs
 * `allowLiteralValues: true` and draws a warning. Workloads read either by handle
 * (`Volume.fromSecretRef`, `EnvValue.fromSecretRef`, `EnvFrom.fromSecretRef`,
 * `Projection.fromSecretRef`); the pods of a Secret written here roll when it changes (only a
 * hash of it reaches the pod template).
 */
export class Secret extends Construct implements ISecretRef {
  /** Whether `x` is a Secret of this library (made by any copy of this package). */
  public static isSecret(x: unknown): x is Secret {
    return hasBrand(x, 'Secret');
  }

  /**
   * A Secret managed elsewhere (External Secrets, Sealed Secrets, SOPS, by hand), read by the keys
   * given in `options.keys`; a key not declared there is an error at synth time. Writes nothing.
   */
  public static fromName(scope: Construct, id: string, name: string, options: ConfigRefOptions = {}): ISecretRef {
    checkShape('Secret.fromName', [scope, id, name, options]);
    return new SecretHandle(scope, id, name, options);
  }

  /** Name of the Secret. */
  public readonly secretName: string;
  /** Every key it holds, sorted. */
  public readonly keys?: string[];
  /** Its namespace, when the Secret or its chart sets one. */
  public readonly namespace?: string;
  /** The Secret. */
  public readonly apiObject: ApiObject;

  /**
   * @param scope the chart or construct this one belongs to
   * @param id the construct id; unless a name is given, also the Secret's name
   * @param props what to write, see `SecretProps`
   */
  constructor(scope: Construct, id: string, props: SecretProps = {}) {
    super(checkedScope('new Secret', scope, id), id);
    checkShape('new Secret', [scope, id, props], 'Secret', this);
    const problems = new Problems('Secret', this);
    const meta = resolveMeta(this, problems, 'Secret', props);
    const stringData: { [key: string]: string } = {};
    const data: { [key: string]: string } = {};
    const fields = new Map<string, string>();
    addEntries(problems, 'stringData', props.stringData, stringData, fields);
    addEntries(problems, 'data', props.data, data, fields);
    const literal = fields.size > 0;
    if (literal && !props.allowLiteralValues) {
      const field = props.stringData !== undefined && Object.keys(props.stringData).length > 0 ? 'stringData' : 'data';
      problems.add(field, [...fields.keys()].filter((k) => fields.get(k) === field), `writes secret values into the manifest, which the library refuses by default: ${WHY}. Instead ${INSTEAD}; or set allowLiteralValues: true`);
    }
    for (const [key, value] of Object.entries(data)) {
      if (typeof value === 'string' && (value.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(value))) problems.add(`data["${key}"]`, '(value not shown)', 'is not base64: use stringData for plain text');
    }
    if (props.type !== undefined && (typeof props.type !== 'string' || props.type === '' || props.type.length > 253)) {
      problems.add('type', props.type, 'must be a non-empty string of at most 253 characters, e.g. Opaque or kubernetes.io/tls');
    }
    for (const key of TYPE_KEYS[props.type ?? ''] ?? []) {
      if (!fields.has(key)) problems.add('type', props.type, `needs the key "${key}" in stringData or data (keys given: ${[...fields.keys()].join(', ') || 'none'})`);
    }
    checkTotal(problems, Object.values(stringData).reduce((n, v) => n + Buffer.byteLength(v), 0) + Object.values(data).reduce((n, v) => n + Buffer.from(v, 'base64').length, 0));
    problems.throwIfAny();
    if (literal) PatternWarnings._add(this, 'Secret', `writes the values of ${[...fields.keys()].sort().join(', ')} into the manifest (allowLiteralValues): ${WHY}. For anything but test data, ${INSTEAD}`);

    this.secretName = meta.name;
    this.namespace = meta.namespace;
    this.keys = [...fields.keys()].sort();
    const immutable = props.immutable ? true : undefined;
    // Written as the API server stores it (stringData is write-only, merged into data), so the
    // manifest and the live object stay equal for GitOps diffs.
    for (const key of Object.keys(stringData)) data[key] = Buffer.from(stringData[key], 'utf8').toString('base64');
    this.apiObject = new PatternObject(this, 'Secret', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: meta.name, namespace: props.namespace, labels: meta.labels },
      type: props.type,
      immutable,
      data: Object.keys(data).length > 0 ? data : undefined,
    });
    const content = `${canonical(data)}\n${props.type ?? ''}\n${immutable ?? false}`;
    registerHandle(this, {
      kind: 'Secret', name: meta.name, namespace: meta.namespace, keys: this.keys, written: true, writer: this, content: () => content,
    } satisfies ConfigSource);
  }
}

brand(Secret.prototype, 'Secret');
