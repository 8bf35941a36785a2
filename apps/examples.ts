import { App } from 'cdk8s';
import { ExternalExamples } from './external-examples';
import { GatewayExamples } from './gateway-examples';
import { HeadlessExamples } from './headless-examples';
import { ProductionExamples } from './production-examples';
import { IngressHttpExample, IngressHttpsExample, IngressRouterExample } from './ingress-examples';
import { ServiceWalkthrough } from './service-walkthrough';
import { ServicesExamples } from './services-examples';
import { ShopExample } from './shop';
import { WorkloadExamples } from './workload-examples';

/** Adds every example chart to `app` (used by `cdk8s synth`, the topology script and tests). */
export function buildExamples(app: App): App {
  new ServiceWalkthrough(app, 'service-walkthrough');
  new IngressHttpExample(app, 'ingress-http');
  new IngressHttpsExample(app, 'ingress-https');
  new IngressRouterExample(app, 'ingress-router');
  new HeadlessExamples(app, 'headless');
  new ExternalExamples(app, 'external');
  new ProductionExamples(app, 'production');
  new GatewayExamples(app, 'gateway');
  new WorkloadExamples(app, 'workloads');
  new ServicesExamples(app, 'services');
  new ShopExample(app, 'shop');
  return app;
}
