import { App } from 'cdk8s';
import { IngressHttpExample, IngressHttpsExample, IngressRouterExample } from './ingress-examples';
import { ExternalExamples } from './external-examples';
import { HeadlessExamples } from './headless-examples';
import { ServiceWalkthrough } from './service-walkthrough';

// Synthesized by `npx cdk8s synth` (see cdk8s.yaml) into dist/, one file per chart.
const app = new App({ outdir: 'dist' });
new ServiceWalkthrough(app, 'service-walkthrough');
new IngressHttpExample(app, 'ingress-http');
new IngressHttpsExample(app, 'ingress-https');
new IngressRouterExample(app, 'ingress-router');
new HeadlessExamples(app, 'headless');
new ExternalExamples(app, 'external');
app.synth();
