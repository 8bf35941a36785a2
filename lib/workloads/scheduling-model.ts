import { nonEmpty, nonEmptyMap } from '../core/collections';
// Resolution of nodeSelector, tolerations and affinity (K8S-RULES.md §9, Scheduling).
import { secondsOf } from '../core/durations';
import { checkLabels } from '../core/labels';
import { dns1123Label, dns1123Subdomain, labelValue, qualifiedName } from '../core/names';
import { Problems } from '../core/problems';
import { AffinityOptions, LabelOperator, LabelRequirement, NodeAffinityTerm, PodAffinityTerm, TaintEffect, Toleration, TolerationOperator } from './scheduling';
import type { K8sAffinity, K8sNodeSelectorRequirement, K8sPodAffinity, K8sToleration } from '../core/k8s';

/** The pod-spec scheduling fields: nodeSelector, tolerations, affinity; checked. */
export function resolveScheduling(problems: Problems, o: {
  readonly nodeSelector?: { [key: string]: string };
  readonly tolerations?: Toleration[];
  readonly affinity?: AffinityOptions;
  readonly priorityClassName?: string;
  readonly runtimeClassName?: string;
}): object {
  checkLabels(problems, 'nodeSelector', o.nodeSelector);
  for (const field of ['priorityClassName', 'runtimeClassName'] as const) {
    const rule = o[field] === undefined ? undefined : dns1123Subdomain(o[field]!);
    if (rule) problems.add(field, o[field], rule);
  }
  return {
    nodeSelector: nonEmptyMap(o.nodeSelector),
    tolerations: nonEmpty((o.tolerations ?? []).map((t, i) => renderToleration(problems, `tolerations[${i}]`, t))),
    affinity: o.affinity && renderAffinity(problems, o.affinity),
  };
}

function renderToleration(problems: Problems, field: string, t: Toleration): K8sToleration {
  const exists = t.operator === TolerationOperator.EXISTS;
  if (t.key === undefined || t.key === '') {
    if (!exists) problems.add(`${field}.operator`, t.operator ?? TolerationOperator.EQUAL, 'must be EXISTS when no key is given (a toleration of every taint)');
  } else {
    const rule = qualifiedName(t.key);
    if (rule) problems.add(`${field}.key`, t.key, rule);
  }
  if (t.value !== undefined) {
    const rule = exists ? 'must not be given with operator EXISTS' : labelValue(t.value);
    if (rule) problems.add(`${field}.value`, t.value, rule);
  }
  let seconds: number | undefined;
  if (t.tolerationSeconds !== undefined) {
    seconds = secondsOf(t.tolerationSeconds);
    if (seconds === undefined) problems.add(`${field}.tolerationSeconds`, t.tolerationSeconds, 'must be a whole number of seconds');
    if (t.effect !== TaintEffect.NO_EXECUTE) problems.add(`${field}.tolerationSeconds`, seconds ?? '', `is only allowed with effect NO_EXECUTE (got ${t.effect ?? 'every effect'})`);
  }
  return { key: t.key || undefined, operator: t.operator, value: t.value, effect: t.effect, tolerationSeconds: seconds };
}

function renderAffinity(problems: Problems, a: AffinityOptions): K8sAffinity | undefined {
  const nodes = a.nodes ?? [];
  nodes.forEach((t, i) => checkWeight(problems, `affinity.nodes[${i}].weight`, t.weight));
  const required = nodes.map((t, i) => [t, i] as const).filter(([t]) => t.weight === undefined)
    .map(([t, i]) => ({ matchExpressions: requirements(problems, `affinity.nodes[${i}].requirements`, t) }));
  const preferred = nodes.map((t, i) => [t, i] as const).filter(([t]) => t.weight !== undefined)
    .map(([t, i]) => ({ weight: t.weight!, preference: { matchExpressions: requirements(problems, `affinity.nodes[${i}].requirements`, t) } }));
  const nodeAffinity = required.length + preferred.length > 0 ? {
    requiredDuringSchedulingIgnoredDuringExecution: required.length > 0 ? { nodeSelectorTerms: required } : undefined,
    preferredDuringSchedulingIgnoredDuringExecution: nonEmpty(preferred),
  } : undefined;
  const json: K8sAffinity = {
    nodeAffinity,
    podAffinity: podTerms(problems, 'affinity.podAffinity', a.podAffinity ?? []),
    podAntiAffinity: podTerms(problems, 'affinity.podAntiAffinity', a.podAntiAffinity ?? []),
  };
  return json.nodeAffinity || json.podAffinity || json.podAntiAffinity ? json : undefined;
}

function requirements(problems: Problems, field: string, t: NodeAffinityTerm): K8sNodeSelectorRequirement[] {
  if (!Array.isArray(t.requirements) || t.requirements.length === 0) {
    problems.add(field, t.requirements ?? [], 'must list at least one requirement (an empty term matches no node)');
    return [];
  }
  return t.requirements.map((r, i) => requirement(problems, `${field}[${i}]`, r, false));
}

/** A requirement of a node selector, or of a pod label selector (no GT/LT, values are label values). */
function requirement(problems: Problems, field: string, r: LabelRequirement, podLabels: boolean): K8sNodeSelectorRequirement {
  const keyRule = qualifiedName(r.key);
  if (keyRule) problems.add(`${field}.key`, r.key, keyRule);
  const values = r.values ?? [];
  if (podLabels && (r.operator === LabelOperator.GT || r.operator === LabelOperator.LT)) {
    problems.add(`${field}.operator`, r.operator, 'is for node labels only: a pod label selector takes IN, NOT_IN, EXISTS or DOES_NOT_EXIST');
  }
  if (podLabels) {
    values.forEach((v, i) => {
      const rule = labelValue(v);
      if (rule) problems.add(`${field}.values[${i}]`, v, rule);
    });
  }
  switch (r.operator) {
    case LabelOperator.IN:
    case LabelOperator.NOT_IN:
      if (values.length === 0) problems.add(`${field}.values`, values, `must list at least one value for ${r.operator}`);
      break;
    case LabelOperator.EXISTS:
    case LabelOperator.DOES_NOT_EXIST:
      if (values.length > 0) problems.add(`${field}.values`, values, `must be empty for ${r.operator}`);
      break;
    case LabelOperator.GT:
    case LabelOperator.LT:
      if (values.length !== 1 || !/^-?\d+$/.test(values[0])) problems.add(`${field}.values`, values, `must be exactly one integer for ${r.operator}: the scheduler compares the label as a number`);
      break;
  }
  return { key: r.key, operator: r.operator, values: nonEmpty(values) };
}

function podTerms(problems: Problems, field: string, terms: PodAffinityTerm[]): K8sPodAffinity | undefined {
  const render = (t: PodAffinityTerm, i: number) => {
    const f = `${field}[${i}]`;
    const keyRule = qualifiedName(t.topologyKey ?? '');
    if (keyRule) problems.add(`${f}.topologyKey`, t.topologyKey ?? '', keyRule);
    const expressions = (t.matchExpressions ?? []).map((r, j) => requirement(problems, `${f}.matchExpressions[${j}]`, r, true));
    if (Object.keys(t.matchLabels ?? {}).length === 0 && expressions.length === 0) {
      problems.add(`${f}.matchLabels`, t.matchLabels ?? {}, 'must name at least one label, or matchExpressions a condition: without a selector the term matches no pod');
    }
    checkLabels(problems, `${f}.matchLabels`, t.matchLabels);
    (t.namespaces ?? []).forEach((ns, j) => {
      const rule = dns1123Label(ns);
      if (rule) problems.add(`${f}.namespaces[${j}]`, ns, rule);
    });
    checkWeight(problems, `${f}.weight`, t.weight);
    const matchLabels = Object.keys(t.matchLabels ?? {}).length > 0 ? t.matchLabels : undefined;
    return { topologyKey: t.topologyKey, labelSelector: { matchLabels, matchExpressions: nonEmpty(expressions) }, namespaces: nonEmpty(t.namespaces) };
  };
  const indexed = terms.map((t, i) => [t, i] as const);
  const required = indexed.filter(([t]) => t.weight === undefined).map(([t, i]) => render(t, i));
  const preferred = indexed.filter(([t]) => t.weight !== undefined).map(([t, i]) => ({ weight: t.weight!, podAffinityTerm: render(t, i) }));
  if (required.length + preferred.length === 0) return undefined;
  return {
    requiredDuringSchedulingIgnoredDuringExecution: nonEmpty(required),
    preferredDuringSchedulingIgnoredDuringExecution: nonEmpty(preferred),
  };
}

function checkWeight(problems: Problems, field: string, weight: number | undefined): void {
  if (weight !== undefined && (!Number.isInteger(weight) || weight < 1 || weight > 100)) problems.add(field, weight, 'must be an integer in 1-100');
}

