import { buildExamples } from './examples';
import { FastApp } from '../lib';

// Synthesized by `npx cdk8s synth` (see cdk8s.yaml) into its output directory (dist/, or `-o DIR`,
// which the CLI passes as CDK8S_OUTDIR), one file per chart. FastApp
// writes byte-for-byte what cdk8s's App writes, each file opened with a `---` line
// (test/fast-app.test.ts), faster.
buildExamples(new FastApp()).synth();
