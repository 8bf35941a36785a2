import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Problems } from './problems';
import { LabelInput } from './labels';
import { dns1035Label, dns1123Label, labelValue } from './names';
import { PatternDefaultsProps } from './defaults';
import { IdentityOptions } from './identity';
import { noteNamespace } from './namespace-notes';

export interface Identity {
  readonly name: string;
  /** The namespace the objects live in, `default` when none is set anywhere. */
  readonly namespace: string;
  /** The namespace to write into metadata: only an explicitly chosen one. */
  readonly metadataNamespace?: string;
  /** The namespace the objects are written with (own or the chart's); undefined when left to kubectl. */
  readonly writtenNamespace?: string;
  readonly labels: LabelInput;
}

export function resolveIdentity(scope: IConstruct, options: IdentityOptions, defaults: PatternDefaultsProps, problems: Problems): Identity {
  let name = options.name;
  if (name === undefined) {
    name = scope.node.id.toLowerCase();
    const rule = dns1035Label(name);
    if (rule) problems.add('name', name, `(from the construct id) ${rule}; pass a valid name`);
  } else {
    const rule = dns1035Label(name);
    if (rule) problems.add('name', name, rule);
  }
  const metadataNamespace = options.namespace ?? Chart.of(scope).namespace;
  if (metadataNamespace !== undefined) {
    const rule = dns1123Label(metadataNamespace);
    if (rule) problems.add('namespace', metadataNamespace, rule);
  }
  const partOf = options.partOf ?? defaults.partOf;
  for (const [field, value] of [['component', options.component], ['partOf', partOf]] as const) {
    const rule = value === undefined ? undefined : labelValue(value);
    if (rule) problems.add(field, value, rule);
  }
  if (metadataNamespace !== undefined && dns1123Label(metadataNamespace) === undefined) noteNamespace(scope, metadataNamespace);
  return {
    name,
    namespace: metadataNamespace ?? 'default',
    metadataNamespace: options.namespace,
    writtenNamespace: metadataNamespace,
    labels: { name, instance: name, component: options.component, partOf },
  };
}
