import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App as Cdk8sApp, Chart } from 'cdk8s';
import { Testing, TerraformStack } from 'cdktf';
import { ExposedApp } from '../lib';
import { escapeTemplates, KubernetesManifests, resourceName } from '../lib/terraform';
import { buildTerraform } from '../apps/terraform';
import { ExternalExamples } from '../apps/external-examples';

type TfJson = {
  provider: { kubernetes: Array<{ [k: string]: string }> };
  resource: { kubernetes_manifest: { [name: string]: { manifest: { kind: string }; depends_on?: string[]; provider?: string } } };
};

describe('Terraform output', () => {
  // cdktf creates its output directory at once: a temporary one, removed at the end.
  const outdir = mkdtempSync(join(tmpdir(), 'tf-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));
  const app = buildTerraform(outdir);
  const stack = app.node.findChild('external') as TerraformStack;
  const tf = JSON.parse(Testing.synth(stack)) as TfJson;
  const resources = tf.resource.kubernetes_manifest;
  const yamlObjects = new ExternalExamples(new Cdk8sApp(), 'external').toJson() as Array<{ apiVersion: string; kind: string; metadata: { name: string; namespace?: string } }>;

  // As on a fresh clone: no dist/ (nor anything else) in the working directory. The Terraform
  // output stays out of dist/, which holds Kubernetes manifests only.
  test('npm run synth:terraform works in an empty directory and writes nothing into dist/', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'tf-clone-'));
    try {
      execFileSync(process.execPath, ['--require', 'tsx/cjs', join(__dirname, '..', 'apps', 'terraform.ts')], { cwd, stdio: 'pipe', env: { ...process.env, NODE_PATH: join(__dirname, '..', 'node_modules') } });
      expect(readdirSync(cwd)).toEqual(['cdktf.out']);
      expect(statSync(join(cwd, 'cdktf.out', 'stacks', 'external', 'cdk.tf.json')).isFile()).toBe(true);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  test('one kubernetes_manifest per Kubernetes object, equal to the YAML path object', () => {
    expect(Object.keys(resources)).toHaveLength(yamlObjects.length);
    for (const o of yamlObjects) {
      expect(resources[resourceName(o)].manifest).toEqual(o);
    }
  });

  test('stable resource names', () => {
    expect(Object.keys(resources).sort()).toEqual([
      'deployment_example_backend_service', 'deployment_example_frontend', 'deployment_example_pg_service',
      'endpointslice_example_mysql_ipv4',
      'namespace_cluster_example', 'namespace_cluster_other',
      'networkpolicy_example_backend_service', 'networkpolicy_example_frontend', 'networkpolicy_example_pg_service',
      'poddisruptionbudget_example_backend_service', 'poddisruptionbudget_example_frontend', 'poddisruptionbudget_example_pg_service',
      'service_example_backend_service', 'service_example_frontend', 'service_example_mysql', 'service_example_pg_service',
      'service_example_www_kubernetes', 'service_other_backend_alias',
    ]);
  });

  test('the provider block, and objects wait for their Namespace', () => {
    expect(tf.provider.kubernetes).toEqual([{ config_path: '~/.kube/config', config_context: 'prod' }]);
    expect(resources.deployment_example_frontend.depends_on).toEqual(['${kubernetes_manifest.namespace_cluster_example}']);
    expect(resources.namespace_cluster_example.depends_on).toBeUndefined();
  });

  test('strings reach the cluster unchanged: only template sequences are escaped', () => {
    expect(escapeTemplates({ a: 'x ${y} %{z}', b: ['line1\nline2', 3], c: null })).toEqual({ a: 'x $${y} %%{z}', b: ['line1\nline2', 3], c: null });
    const tfApp = Testing.app();
    const s = new TerraformStack(tfApp, 's');
    const chart = new Chart(new Cdk8sApp(), 'c');
    new ExposedApp(chart, 'web', { image: 'nginx:1.27', env: { GREETING: 'hello ${USER}\nbye' } });
    new KubernetesManifests(s, 'k8s', { charts: [chart] });
    const out = JSON.parse(Testing.synth(s)) as TfJson;
    const manifest = out.resource.kubernetes_manifest.deployment_default_web.manifest as unknown as { spec: { template: { spec: { containers: Array<{ env: unknown }> } } } };
    expect(manifest.spec.template.spec.containers[0].env).toEqual([{ name: 'GREETING', value: 'hello $${USER}\nbye' }]);
    expect(out.provider.kubernetes).toEqual([{ config_path: '~/.kube/config' }]);
  });
});

describe('isolation', () => {
  const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });

  test('nothing outside lib/terraform imports cdktf; nothing outside lib/validation imports the schemas (lib/core/k8s.ts: types only)', () => {
    const lib = join(__dirname, '..', 'lib');
    for (const file of files(lib)) {
      const text = readFileSync(file, 'utf8');
      if (!file.includes(`${join('lib', 'terraform')}`)) expect([file, /from '(cdktf|@cdktf\/[^']+)'/.test(text)]).toEqual([file, false]);
      // lib/core/k8s.ts takes only types from them (erased from the JavaScript), for the renderers.
      const code = file.endsWith(join('core', 'k8s.ts')) ? text.replace(/^(export|import) type .*$/gm, '') : text;
      if (!file.includes(`${join('lib', 'validation')}`)) expect([file, /(from |require\()'(@?kubernetes-models)[/']/.test(code)]).toEqual([file, false]);
    }
  });

  // The validation plugin in the main entry loads the validation code only when the CLI runs it.
  test('importing the library loads neither cdktf, nor the schemas, nor the validation or Terraform entry', () => {
    const loaded = JSON.parse(execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', "require('./lib'); console.log(JSON.stringify(Object.keys(require.cache)))"],
      { cwd: join(__dirname, '..'), encoding: 'utf8' })) as string[];
    expect(loaded.some((f) => f.endsWith(join('lib', 'index.ts')))).toBe(true);
    expect(loaded.filter((f) => /node_modules[/\\](cdktf|@cdktf|kubernetes-models|@kubernetes-models)[/\\]|lib[/\\](validation|terraform)[/\\]/.test(f))).toEqual([]);
  });
});
