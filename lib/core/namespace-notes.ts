import { Chart } from 'cdk8s';
import { sharedWeakMap } from './brand';
import { IConstruct } from 'constructs';
import { PodSecurity } from './pod-security';

/** What records the namespaces a chart writes into (the Namespaces construct). */
export interface NamespaceNotes {
  _note(namespace: string, podSecurity?: PodSecurity): void;
}

/** One construct writing into a namespace, noted before the chart had a recorder. */
export interface NamespaceNote {
  readonly namespace: string;
  readonly podSecurity?: PodSecurity;
}

interface ChartNotes {
  recorder?: NamespaceNotes;
  /** Every note so far, so that a recorder created later in the chart still sees them. */
  readonly earlier: NamespaceNote[];
}

const OF_CHART = sharedWeakMap<Chart, ChartNotes>('namespace-notes');

function notesOf(chart: Chart): ChartNotes {
  let notes = OF_CHART.get(chart);
  if (!notes) {
    notes = { earlier: [] };
    OF_CHART.set(chart, notes);
  }
  return notes;
}

/**
 * Makes `recorder` the recorder of the namespaces of `chart`, and returns what the chart's
 * constructs noted before it existed (construct order must not matter).
 */
export function setNamespaceNotes(chart: Chart, recorder: NamespaceNotes): NamespaceNote[] {
  const notes = notesOf(chart);
  notes.recorder = recorder;
  return notes.earlier;
}

/** The recorder of the namespaces of the chart of `scope`, if it has one. */
export function namespaceNotesOf(scope: IConstruct): NamespaceNotes | undefined {
  return OF_CHART.get(Chart.of(scope))?.recorder;
}

/** Tells the chart's Namespaces construct (now, or when it is created) that `scope` writes into `namespace`. */
export function noteNamespace(scope: IConstruct, namespace: string | undefined, podSecurity?: PodSecurity): void {
  if (namespace === undefined) return;
  const notes = notesOf(Chart.of(scope));
  if (notes.recorder) notes.recorder._note(namespace, podSecurity);
  else notes.earlier.push({ namespace, podSecurity });
}
