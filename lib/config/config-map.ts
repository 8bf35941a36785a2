import { readFileSync } from 'fs';
import { basename } from 'path';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PatternObject } from '../core/api-object';
import { brand, hasBrand } from '../core/brand';
import { Problems } from '../core/problems';
import { checkedScope, checkShape } from '../core/shape';
import { addEntries, checkTotal, ConfigMapHandle, resolveMeta } from './config-model';
import { canonical, ConfigSource, registerHandle } from './ref-model';
import { ConfigRefOptions, IConfigMapRef } from './refs';

/** A local file whose content becomes one key of a ConfigMap. */
export interface ConfigMapFile {
  /** Path of the file, read when the app is synthesized (relative paths from the working directory). */
  readonly path: string;
  /**
   * The key.
   * @default - the file's name
   */
  readonly key?: string;
}

/** Props of a ConfigMap. */
export interface ConfigMapProps {
  /**
   * Kubernetes name of the ConfigMap, a DNS-1123 subdomain.
   * @default - the construct id, lower-cased
   */
  readonly name?: string;
  /**
   * Namespace of the ConfigMap: the namespace of the workloads that read it.
   * @default - the chart's namespace, else kubectl's
   */
  readonly namespace?: string;
  /**
   * Text values by key.
   * @default - none
   */
  readonly data?: { [key: string]: string };
  /**
   * Binary values by key, base64-encoded.
   * @default - none
   */
  readonly binaryData?: { [key: string]: string };
  /**
   * Local files read at synth time, one key each: UTF-8 text goes to `data`, anything else to
   * `binaryData`, as `kubectl create configmap --from-file` does.
   * @default - none
   */
  readonly files?: ConfigMapFile[];
  /**
   * Make the ConfigMap immutable: the kubelet stops watching it and nobody can change it; a new
   * content needs a new name.
   * @default false
   */
  readonly immutable?: boolean;
  /**
   * Labels besides the recommended ones.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
}

/**
 * A ConfigMap written by this library. Workloads read it by handle (`Volume.fromConfigMapRef`,
 * `EnvValue.fromConfigMapRef`, `EnvFrom.fromConfigMapRef`, `Projection.fromConfigMapRef`): a key
 * it does not hold is an error at synth time, the ConfigMap is written before them, and their pods
 * roll when its content changes (a hash of it is a pod-template annotation).
 */
export class ConfigMap extends Construct implements IConfigMapRef {
  /** Whether `x` is a ConfigMap of this library (made by any copy of this package). */
  public static isConfigMap(x: unknown): x is ConfigMap {
    return hasBrand(x, 'ConfigMap');
  }

  /**
   * A ConfigMap made elsewhere (another chart, another tool), read by the keys given in
   * `options.keys`; a key not declared there is an error at synth time. Writes nothing.
   */
  public static fromName(scope: Construct, id: string, name: string, options: ConfigRefOptions = {}): IConfigMapRef {
    checkShape('ConfigMap.fromName', [scope, id, name, options]);
    return new ConfigMapHandle(scope, id, name, options);
  }

  /** Name of the ConfigMap. */
  public readonly configMapName: string;
  /** Every key it holds (data and binaryData), sorted. */
  public readonly keys?: string[];
  /** Its namespace, when the ConfigMap or its chart sets one. */
  public readonly namespace?: string;
  /** The ConfigMap. */
  public readonly apiObject: ApiObject;

  /**
   * @param scope the chart or construct this one belongs to
   * @param id the construct id; unless a name is given, also the ConfigMap's name
   * @param props what to write, see `ConfigMapProps`
   */
  constructor(scope: Construct, id: string, props: ConfigMapProps = {}) {
    super(checkedScope('new ConfigMap', scope, id), id);
    checkShape('new ConfigMap', [scope, id, props], 'ConfigMap', this);
    const problems = new Problems('ConfigMap', this);
    const meta = resolveMeta(this, problems, 'ConfigMap', props);
    const data: { [key: string]: string } = {};
    const binaryData: { [key: string]: string } = {};
    const fields = new Map<string, string>();
    addEntries(problems, 'data', props.data, data, fields);
    addEntries(problems, 'binaryData', props.binaryData, binaryData, fields);
    for (const [key, value] of Object.entries(binaryData)) {
      if (!isBase64(value)) problems.add(`binaryData["${key}"]`, `${value.slice(0, 20)}${value.length > 20 ? '...' : ''}`, 'is not base64: encode binary values, e.g. Buffer.from(bytes).toString("base64")');
    }
    (props.files ?? []).forEach((f, i) => readFile(problems, `files[${i}]`, f, data, binaryData, fields));
    checkTotal(problems, Object.values(data).reduce((n, v) => n + Buffer.byteLength(v), 0) + Object.values(binaryData).reduce((n, v) => n + base64Bytes(v), 0));
    problems.throwIfAny();

    this.configMapName = meta.name;
    this.namespace = meta.namespace;
    this.keys = [...fields.keys()].sort();
    const immutable = props.immutable ? true : undefined;
    this.apiObject = new PatternObject(this, 'ConfigMap', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: meta.name, namespace: props.namespace, labels: meta.labels },
      immutable,
      data: Object.keys(data).length > 0 ? data : undefined,
      binaryData: Object.keys(binaryData).length > 0 ? binaryData : undefined,
    });
    const content = `${canonical(data)}\n${canonical(binaryData)}\n${immutable ?? false}`;
    registerHandle(this, {
      kind: 'ConfigMap', name: meta.name, namespace: meta.namespace, keys: this.keys, written: true, writer: this, content: () => content,
    } satisfies ConfigSource);
  }
}

function readFile(problems: Problems, field: string, f: ConfigMapFile, data: { [key: string]: string }, binaryData: { [key: string]: string }, fields: Map<string, string>): void {
  let bytes: Buffer;
  try {
    bytes = readFileSync(f.path);
  } catch (e) {
    problems.add(`${field}.path`, f.path, `cannot be read: ${(e as Error).message}`);
    return;
  }
  const key = f.key ?? basename(f.path);
  const text = bytes.toString('utf8');
  const isText = Buffer.from(text, 'utf8').equals(bytes);
  addEntries(problems, `${field}.key`, { [key]: isText ? text : bytes.toString('base64') }, isText ? data : binaryData, fields);
}

function isBase64(value: string): boolean {
  return typeof value === 'string' && value.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(value);
}

function base64Bytes(value: string): number {
  return typeof value === 'string' ? Buffer.from(value, 'base64').length : 0;
}

brand(ConfigMap.prototype, 'ConfigMap');
