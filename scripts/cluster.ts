// `npm run cluster`: a control plane without containers on loopback (test/apiserver/cluster.ts with
// `simulate`): etcd, kube-apiserver, kube-controller-manager, kube-scheduler and KWOK with five
// simulated nodes. Prints `KUBECONFIG=<path>` once the API serves and the nodes are Ready, and runs
// until Ctrl-C or SIGTERM, then stops everything it started (docs/local-cluster.md).
// `npm run test:cluster`: the same control plane for the runtime tests in test/cluster.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCluster, type Cluster } from '../test/apiserver/cluster';
import { KubeClient } from '../test/apiserver/client';
import { createFixtures, FIXTURES_SUMMARY } from '../test/cluster/fixtures';

const log = (line: string) => console.error(`[cluster] ${line}`);

/** Resolves on the first SIGINT or SIGTERM. */
const interrupted = new Promise<NodeJS.Signals>((resolve) => {
  process.once('SIGINT', () => resolve('SIGINT'));
  process.once('SIGTERM', () => resolve('SIGTERM'));
});

async function serve(cluster: Cluster, fixtures: boolean): Promise<number> {
  if (fixtures) {
    await createFixtures(new KubeClient(cluster.url, cluster.token, readFileSync(cluster.caFile, 'utf8')));
    log(`created what the examples expect a user to supply: ${FIXTURES_SUMMARY} (--no-fixtures leaves them out)`);
  }
  log(`logs in ${cluster.dir}; Ctrl-C stops everything`);
  console.log(`KUBECONFIG=${cluster.kubeconfig}`);
  const signal = await interrupted;
  log(`${signal}: stopping`);
  return 0;
}

function test(cluster: Cluster, args: string[]): Promise<number> {
  const jest = spawn(process.execPath, [require.resolve('jest/bin/jest'), '--config', join(__dirname, '..', 'test', 'cluster', 'jest.config.js'), '--runInBand', ...args], {
    stdio: 'inherit',
    env: { ...process.env, KUBE_TEST_SERVER: cluster.url, KUBE_TEST_TOKEN: cluster.token, KUBE_TEST_CA: cluster.caFile, KUBE_TEST_VERSION: cluster.version, KUBE_TEST_LOGS: cluster.dir },
  });
  const exited = new Promise<number>((resolve) => jest.once('exit', (code) => resolve(code ?? 1)));
  return Promise.race([exited, interrupted.then(async (signal) => {
    log(`${signal}: stopping the tests and the control plane`);
    jest.kill('SIGTERM');
    await exited;
    return 130;
  })]);
}

async function main(): Promise<number> {
  const [command = 'serve', ...rest] = process.argv.slice(2);
  if (command !== 'serve' && command !== 'test') throw new Error(`unknown command ${JSON.stringify(command)}: use serve (the default) or test`);
  const started = Date.now();
  const cluster = await Promise.race([startCluster(log, { simulate: true }), interrupted.then(() => undefined)]);
  if (!cluster) return 130;
  log(`control plane ${cluster.version} with simulated nodes ready at ${cluster.url} after ${((Date.now() - started) / 1000).toFixed(1)}s`);
  try {
    return command === 'serve' ? await serve(cluster, !rest.includes('--no-fixtures')) : await test(cluster, rest);
  } finally {
    await cluster.stop();
  }
}

main().then((code) => process.exit(code), (e: Error) => {
  log(e.message);
  process.exit(1);
});
