// `npm run test:apiserver`: starts a real kube-apiserver (test/apiserver/cluster.ts), runs the tests in
// test/apiserver against it and stops it. `npm run apiserver -- serve` starts it and prints a kubeconfig
// to try things by hand with kubectl; Ctrl-C stops it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startCluster } from '../test/apiserver/cluster';

const log = (line: string) => console.error(`[apiserver] ${line}`);

async function main(): Promise<number> {
  const [command = 'test', ...rest] = process.argv.slice(2);
  const started = Date.now();
  const cluster = await startCluster(log);
  log(`kube-apiserver ${cluster.version} ready at ${cluster.url} after ${((Date.now() - started) / 1000).toFixed(1)}s`);
  if (command === 'serve') {
    log(`KUBECONFIG=${cluster.kubeconfig}`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await cluster.stop();
    return 0;
  }
  try {
    const jest = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), '--config', join(__dirname, '..', 'test', 'apiserver', 'jest.config.js'), ...rest], {
      stdio: 'inherit',
      env: { ...process.env, KUBE_TEST_SERVER: cluster.url, KUBE_TEST_TOKEN: cluster.token, KUBE_TEST_CA: cluster.caFile, KUBE_TEST_VERSION: cluster.version },
    });
    return jest.status ?? 1;
  } finally {
    await cluster.stop();
  }
}

main().then((code) => process.exit(code), (e: Error) => {
  log(e.message);
  process.exit(1);
});
