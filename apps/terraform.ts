// npm run synth:terraform: the external example chart (apps, database, alias, policies) as a
// Terraform stack, written to cdktf.out/stacks/external/cdk.tf.json (cdktf's usual output
// directory; not dist/, which holds Kubernetes manifests only).
import { App as Cdk8sApp } from 'cdk8s';
import { App as TerraformApp, LocalBackend, TerraformStack } from 'cdktf';
import { KubernetesManifests } from '../lib/terraform';
import { ExternalExamples } from './external-examples';

export function buildTerraform(outdir: string): TerraformApp {
  const app = new TerraformApp({ outdir });
  const stack = new TerraformStack(app, 'external');
  // A relative state path keeps the output the same on every machine.
  new LocalBackend(stack, { path: 'terraform.external.tfstate' });
  const chart = new ExternalExamples(new Cdk8sApp(), 'external');
  new KubernetesManifests(stack, 'k8s', { charts: [chart], provider: { configPath: '~/.kube/config', configContext: 'prod' } });
  return app;
}

if (require.main === module) {
  buildTerraform('cdktf.out').synth();
  console.log('wrote cdktf.out/stacks/external/cdk.tf.json');
}
