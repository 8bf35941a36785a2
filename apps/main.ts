import { App } from 'cdk8s';
import { ServiceWalkthrough } from './service-walkthrough';

// Synthesized by `npx cdk8s synth` (see cdk8s.yaml) into dist/, one file per chart.
const app = new App({ outdir: 'dist' });
new ServiceWalkthrough(app, 'service-walkthrough');
app.synth();
