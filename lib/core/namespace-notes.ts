import { Chart } from 'cdk8s';
import { sharedWeakMap } from './brand';
import { IConstruct } from 'constructs';
import { PodSecurity } from '../workloads/workload';

/** What records the namespaces a chart writes into (the Namespaces construct). */
export interface NamespaceNotes {
  _note(namespace: string, podSecurity?: PodSecurity): void;
}

const OF_CHART = sharedWeakMap<Chart, NamespaceNotes>('namespace-notes');

/** Makes `notes` the recorder of the namespaces of `chart`. */
export function setNamespaceNotes(chart: Chart, notes: NamespaceNotes): void {
  OF_CHART.set(chart, notes);
}

/** The recorder of the namespaces of the chart of `scope`, if it has one. */
export function namespaceNotesOf(scope: IConstruct): NamespaceNotes | undefined {
  return OF_CHART.get(Chart.of(scope));
}

/** Tells the chart's Namespaces construct (if any) that `scope` writes into `namespace`. */
export function noteNamespace(scope: IConstruct, namespace: string | undefined, podSecurity?: PodSecurity): void {
  if (namespace !== undefined) OF_CHART.get(Chart.of(scope))?._note(namespace, podSecurity);
}
