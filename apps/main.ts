import { buildExamples } from './examples';
import { FastApp } from '../lib';

// Synthesized by `npx cdk8s synth` (see cdk8s.yaml) into dist/, one file per chart. FastApp
// writes byte-for-byte what cdk8s's App writes (test/fast-app.test.ts), faster.
buildExamples(new FastApp({ outdir: 'dist' })).synth();
