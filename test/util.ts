import { Chart, ChartProps, Testing } from 'cdk8s';
import { synthValidated } from '../lib/validation';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Manifest = { apiVersion: string; kind: string; metadata: any; spec?: any; [key: string]: any };

export function newChart(props: ChartProps = {}): Chart {
  return new Chart(Testing.app(), 'test', props);
}

/**
 * Synthesizes through the validation helper: every object must pass the schema, the API
 * server's rules, our lints and at least the baseline Pod Security Standard. Construct tests
 * name Secrets, classes and Gateways they do not define on purpose, so the `reference` lint is
 * off here (test/validation.test.ts and the examples' tests check it).
 */
export function synth(chart: Chart): Manifest[] {
  return synthValidated(chart, { podSecurity: 'baseline', undefinedReferences: false }) as Manifest[];
}

/** The one object of `kind` (named `name` when given) in the manifests. */
export function find(manifests: Manifest[], kind: string, name?: string): Manifest {
  const found = manifests.filter((m) => m.kind === kind && (name === undefined || m.metadata.name === name));
  if (found.length !== 1) throw new Error(`expected one ${kind}${name ? ` ${name}` : ''}, found ${found.length}`);
  return found[0];
}

/** Whether every selector label is on the pod labels. */
export function selects(selector: { [k: string]: string }, labels: { [k: string]: string }): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}
