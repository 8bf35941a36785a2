import { App } from 'cdk8s';
import { buildExamples } from './examples';

// Synthesized by `npx cdk8s synth` (see cdk8s.yaml) into dist/, one file per chart.
buildExamples(new App({ outdir: 'dist' })).synth();
