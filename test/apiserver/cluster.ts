// A real Kubernetes API server for the tests: kube-apiserver built from the release pinned in
// scripts/kube-apiserver/go.mod, over etcd from Debian's etcd-server package, both on loopback only,
// with a generated service-account key, a self-signed serving certificate and a bearer token.
// Alone, no controller runs and nothing is scheduled: the server only validates, defaults, admits and
// stores. With `simulate`, kube-controller-manager and kube-scheduler (same release) and KWOK
// (scripts/kwok) join it: a control plane without containers, whose simulated nodes run pods that
// turn Ready with pod IPs (simulation.ts).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { KubeClient } from './client';
import { KWOK_NODE_ANNOTATION, KWOK_STAGES, simulatedNodes } from './simulation';

const root = join(__dirname, '..', '..');
const goModule = join(root, 'scripts', 'kube-apiserver');
const kwokModule = join(root, 'scripts', 'kwok');

/** The Gateway API release whose standard-channel CRDs are installed (the Go module carries them). */
export const GATEWAY_API_VERSION = 'v1.2.1';

/** The IPv4 and IPv6 Service ranges, so dual-stack Services can be created for real. */
export const SERVICE_CIDRS = ['10.96.0.0/16', 'fd00:10:96::/112'];

export interface Cluster {
  readonly url: string;
  readonly token: string;
  readonly caFile: string;
  readonly kubeconfig: string;
  /** Where the processes' logs (etcd.log, kube-apiserver.log, ...) and state live until stop(). */
  readonly dir: string;
  readonly version: string;
  stop(): Promise<void>;
}

function kubernetesVersion(): string {
  const match = /^\s*k8s\.io\/kubernetes (v\S+)/m.exec(readFileSync(join(goModule, 'go.mod'), 'utf8'));
  if (!match) throw new Error(`${goModule}/go.mod does not require k8s.io/kubernetes`);
  return match[1];
}

function cacheDir(): string {
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'cdk8s-service-patterns');
}

/** A command built from a Go module of scripts/: its directory, package, name and version. */
interface GoCommand {
  readonly module: string;
  readonly pkg: string;
  readonly name: string;
  readonly version: string;
  readonly ldflags: string;
}

/**
 * A command's binary, built once per go.mod/go.sum, Go version and build flags and cached between
 * runs (the Go module and build caches make a rebuild after a cache wipe fast too).
 */
function goBinary(command: GoCommand, log: (line: string) => void): string {
  const goVersion = execFileSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).trim();
  const args = ['build', '-mod=readonly', '-trimpath', `-ldflags=${command.ldflags}`];
  const key = createHash('sha256')
    .update(readFileSync(join(command.module, 'go.mod')))
    .update(readFileSync(join(command.module, 'go.sum')))
    .update(goVersion)
    .update(args.join(' '))
    .digest('hex')
    .slice(0, 16);
  const binary = join(cacheDir(), `${command.name}-${command.version}-${key}`);
  if (existsSync(binary)) return binary;
  mkdirSync(cacheDir(), { recursive: true });
  log(`building ${command.name} ${command.version} with ${goVersion} (once; cached as ${binary})`);
  const started = Date.now();
  const partial = `${binary}.partial-${process.pid}`;
  execFileSync('go', [...args, '-o', partial, command.pkg], {
    cwd: command.module,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, CGO_ENABLED: '0' },
  });
  execFileSync('mv', [partial, binary]);
  log(`built ${command.name} in ${Math.round((Date.now() - started) / 1000)}s`);
  return binary;
}

/** The Kubernetes commands the control plane runs, all built from the one pinned k8s.io/kubernetes. */
export type KubeCommand = 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler';

/** A Kubernetes command from the release pinned in scripts/kube-apiserver/go.mod, version-stamped. */
export function kubeBinary(name: KubeCommand, log: (line: string) => void = () => undefined): string {
  const version = kubernetesVersion();
  const [major, minor] = version.slice(1).split('.');
  // The release's version, as its own build scripts stamp it (otherwise /version says v0.0.0-master).
  const ldflags = ['k8s.io/component-base/version', 'k8s.io/client-go/pkg/version']
    .flatMap((pkg) => [`-X ${pkg}.gitVersion=${version}`, `-X ${pkg}.gitMajor=${major}`, `-X ${pkg}.gitMinor=${minor}`, `-X ${pkg}.gitTreeState=clean`])
    .join(' ');
  return goBinary({ module: goModule, pkg: `k8s.io/kubernetes/cmd/${name}`, name, version, ldflags }, log);
}

/** KWOK, from its own module in scripts/kwok (its version is the one go.mod requires). */
export function kwokBinary(log: (line: string) => void = () => undefined): string {
  const match = /^\s*sigs\.k8s\.io\/kwok (v\S+)/m.exec(readFileSync(join(kwokModule, 'go.mod'), 'utf8'));
  if (!match) throw new Error(`${kwokModule}/go.mod does not require sigs.k8s.io/kwok`);
  return goBinary({ module: kwokModule, pkg: 'sigs.k8s.io/kwok/cmd/kwok', name: 'kwok', version: match[1], ldflags: '' }, log);
}

/** etcd from Debian's etcd-server package; installed here when missing and we may use apt-get. */
export function etcdBinary(log: (line: string) => void = () => undefined): string {
  const found = ['/usr/bin/etcd', '/usr/local/bin/etcd'].find((p) => existsSync(p));
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    throw new Error('etcd is not installed: install Debian\'s etcd-server package (apt-get install etcd-server)');
  }
  log('installing etcd-server with apt-get');
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'etcd-server'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return '/usr/bin/etcd';
}

/** The standard-channel Gateway API CRDs, from the Go module proxy (checked against the checksum database). */
export function gatewayCrds(): Array<Record<string, unknown>> {
  const info = JSON.parse(execFileSync('go', ['mod', 'download', '-json', `sigs.k8s.io/gateway-api@${GATEWAY_API_VERSION}`], {
    cwd: goModule,
    encoding: 'utf8',
  })) as { Dir: string };
  const dir = join(info.Dir, 'config', 'crd', 'standard');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((f) => parseAllDocuments(readFileSync(join(dir, f), 'utf8')).map((d) => d.toJS() as Record<string, unknown>))
    .filter((d) => d !== null);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// Every process started here, killed when this process exits however it exits (a failed test run,
// an uncaught error): no etcd or kwok is left behind.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function startProcess(binary: string, args: string[], logFile: string): ChildProcess {
  const fd = openSync(logFile, 'a');
  const child = spawn(binary, args, { stdio: ['ignore', fd, fd], detached: false });
  closeSync(fd);
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function tail(file: string, lines = 30): string {
  return existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : '';
}

async function waitFor(what: string, logFile: string, child: ChildProcess, check: () => Promise<boolean>, seconds = 120): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}:\n${tail(logFile)}`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} not ready after ${seconds}s:\n${tail(logFile)}`);
}

/** Polls a component's /healthz on loopback (its serving certificate is self-signed). */
function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = httpsRequest({ host: '127.0.0.1', port, path: '/healthz', rejectUnauthorized: false, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

export interface ClusterOptions {
  /**
   * Also run kube-controller-manager, kube-scheduler and KWOK with the simulated nodes of
   * simulation.ts, so that workloads get pods, pods are scheduled and turn Ready with pod IPs.
   * @default false - kube-apiserver and etcd only: objects are validated and stored, nothing runs
   */
  readonly simulate?: boolean;
}

/**
 * Starts etcd and kube-apiserver, installs the Gateway API CRDs and returns when all are served;
 * with `simulate`, also the controllers, the scheduler and KWOK, and returns when every simulated
 * node is Ready.
 */
export async function startCluster(log: (line: string) => void = () => undefined, options: ClusterOptions = {}): Promise<Cluster> {
  const etcd = etcdBinary(log);
  const apiserver = kubeBinary('kube-apiserver', log);
  const simulation = options.simulate ? { controllerManager: kubeBinary('kube-controller-manager', log), scheduler: kubeBinary('kube-scheduler', log), kwok: kwokBinary(log) } : undefined;
  const crds = gatewayCrds();
  const dir = mkdtempSync(join(tmpdir(), options.simulate ? 'kube-cluster-' : 'kube-apiserver-'));
  const [clientPort, peerPort, securePort] = [await freePort(), await freePort(), await freePort()];
  const children: ChildProcess[] = [];
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      for (const child of children.reverse()) await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    })();
    return stopped;
  };
  try {
    const etcdLog = join(dir, 'etcd.log');
    const etcdUrl = `http://127.0.0.1:${clientPort}`;
    const peerUrl = `http://127.0.0.1:${peerPort}`;
    const etcdProcess = startProcess(etcd, [
      '--name=test', `--data-dir=${join(dir, 'etcd')}`,
      `--listen-client-urls=${etcdUrl}`, `--advertise-client-urls=${etcdUrl}`,
      `--listen-peer-urls=${peerUrl}`, `--initial-advertise-peer-urls=${peerUrl}`, `--initial-cluster=test=${peerUrl}`,
      '--logger=zap', '--log-level=warn',
    ], etcdLog);
    children.push(etcdProcess);
    await waitFor('etcd', etcdLog, etcdProcess, async () => (await fetch(`${etcdUrl}/health`)).ok, 30);

    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(join(dir, 'sa.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
    writeFileSync(join(dir, 'sa.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const token = randomBytes(24).toString('hex');
    writeFileSync(join(dir, 'tokens.csv'), `${token},admin,admin,system:masters\n`);
    const certDir = join(dir, 'certs');
    const apiserverLog = join(dir, 'kube-apiserver.log');
    const apiserverProcess = startProcess(apiserver, [
      `--etcd-servers=${etcdUrl}`,
      '--bind-address=127.0.0.1', `--secure-port=${securePort}`,
      // Written into the kubernetes Service's endpoints only, which nothing here reconciles.
      '--advertise-address=192.0.2.1', '--endpoint-reconciler-type=none',
      `--cert-dir=${certDir}`,
      `--token-auth-file=${join(dir, 'tokens.csv')}`, '--authorization-mode=RBAC',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${join(dir, 'sa.pub')}`, `--service-account-signing-key-file=${join(dir, 'sa.key')}`,
      `--service-cluster-ip-range=${SERVICE_CIDRS.join(',')}`,
      '--enable-priority-and-fairness=false',
      // Watch lists need etcd's progress requests, which Debian's etcd 3.4 lacks. With them on, the
      // server accepts KWOK's watch-list requests (client-go 0.36) and then ends each stream with
      // "the required storage feature RequestWatchProgress is disabled": 48 of 57 example pods were
      // still Pending after 25 s (all Ready in 10 s without), and node leases stall in the end.
      '--feature-gates=WatchList=false',
      '--v=0',
    ], apiserverLog);
    children.push(apiserverProcess);

    const caFile = join(certDir, 'apiserver.crt');
    const url = `https://127.0.0.1:${securePort}`;
    await waitFor('kube-apiserver', apiserverLog, apiserverProcess, async () => {
      if (!existsSync(caFile)) return false;
      const res = await new KubeClient(url, token, readFileSync(caFile, 'utf8')).request('GET', '/readyz');
      return res.status === 200;
    });
    const client = new KubeClient(url, token, readFileSync(caFile, 'utf8'));
    for (const crd of crds) {
      const res = await client.request('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd);
      if (res.status !== 201) throw new Error(`installing CRD ${JSON.stringify((crd.metadata as { name?: string }).name)}: ${res.status} ${res.message}`);
    }
    await waitFor('the Gateway API CRDs', apiserverLog, apiserverProcess, async () => {
      const res = await client.request('GET', '/apis/gateway.networking.k8s.io/v1');
      const kinds = (res.body.resources as Array<{ kind: string }> | undefined)?.map((r) => r.kind) ?? [];
      return ['Gateway', 'HTTPRoute', 'GatewayClass'].every((k) => kinds.includes(k));
    }, 60);

    const versionInfo = await client.request('GET', '/version');
    const kubeconfig = join(dir, 'kubeconfig');
    // The self-signed serving certificate names kubernetes, kubernetes.default(.svc), not 127.0.0.1.
    writeFileSync(kubeconfig, [
      'apiVersion: v1', 'kind: Config', 'current-context: test',
      'clusters:', `- name: test`, '  cluster:', `    server: ${url}`, `    certificate-authority: ${caFile}`, '    tls-server-name: kubernetes',
      'users:', '- name: admin', '  user:', `    token: ${token}`,
      'contexts:', '- name: test', '  context:', '    cluster: test', '    user: admin', '',
    ].join('\n'));
    if (simulation) {
      await startSimulation(simulation, { dir, kubeconfig, caFile, client, log, children });
    }
    return { url, token, caFile, kubeconfig, dir, version: String(versionInfo.body.gitVersion), stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

interface SimulationContext {
  readonly dir: string;
  readonly kubeconfig: string;
  readonly caFile: string;
  readonly client: KubeClient;
  readonly log: (line: string) => void;
  readonly children: ChildProcess[];
}

/** kube-controller-manager, kube-scheduler and KWOK on loopback, and the simulated nodes, Ready. */
async function startSimulation(binaries: { controllerManager: string; scheduler: string; kwok: string }, ctx: SimulationContext): Promise<void> {
  const { dir, kubeconfig, client, children } = ctx;
  const [controllerManagerPort, schedulerPort] = [await freePort(), await freePort()];
  const common = [`--kubeconfig=${kubeconfig}`, '--leader-elect=false', '--bind-address=127.0.0.1', '--kube-api-qps=100', '--kube-api-burst=200', '--v=0'];
  const controllerManagerLog = join(dir, 'kube-controller-manager.log');
  const controllerManager = startProcess(binaries.controllerManager, [
    ...common,
    `--secure-port=${controllerManagerPort}`, `--cert-dir=${join(dir, 'kube-controller-manager')}`,
    // The service-account token controller signs with the key the API server verifies, and
    // publishes the serving CA as kube-root-ca.crt in every namespace.
    `--service-account-private-key-file=${join(dir, 'sa.key')}`, `--root-ca-file=${ctx.caFile}`,
    // Autoscalers are evaluated every 5 s instead of 15 s, so their conditions appear sooner.
    '--horizontal-pod-autoscaler-sync-period=5s',
  ], controllerManagerLog);
  children.push(controllerManager);
  const schedulerLog = join(dir, 'kube-scheduler.log');
  const scheduler = startProcess(binaries.scheduler, [
    ...common, `--secure-port=${schedulerPort}`, `--cert-dir=${join(dir, 'kube-scheduler')}`,
  ], schedulerLog);
  children.push(scheduler);
  const kwokLog = join(dir, 'kwok.log');
  const kwok = startProcess(binaries.kwok, [
    `--kubeconfig=${kubeconfig}`, `--config=${KWOK_STAGES}`,
    '--manage-all-nodes=false', `--manage-nodes-with-annotation-selector=${KWOK_NODE_ANNOTATION}=fake`,
    '--node-lease-duration-seconds=40', '--cidr=10.244.0.0/16',
  ], kwokLog);
  children.push(kwok);
  await waitFor('kube-controller-manager', controllerManagerLog, controllerManager, () => healthy(controllerManagerPort), 60);
  await waitFor('kube-scheduler', schedulerLog, scheduler, () => healthy(schedulerPort), 60);
  for (const node of simulatedNodes()) {
    const res = await client.create(node);
    if (res.status !== 201) throw new Error(`creating node ${node.metadata.name}: ${res.status} ${res.message}`);
  }
  await waitFor('the simulated nodes', kwokLog, kwok, async () => {
    const nodes = (await client.request('GET', '/api/v1/nodes')).body.items as Array<NodeStatus> | undefined;
    return !!nodes && nodes.length === simulatedNodes().length && nodes.every(isSchedulable);
  }, 60);
  // The service-account controller has made the default namespace's account: pods can be created.
  await waitFor('the default service account', controllerManagerLog, controllerManager, async () =>
    (await client.request('GET', '/api/v1/namespaces/default/serviceaccounts/default')).status === 200, 60);
}

interface NodeStatus {
  readonly spec?: { readonly taints?: Array<{ readonly key: string }> };
  readonly status?: { readonly conditions?: Array<{ readonly type: string; readonly status: string }> };
}

/** Ready, and no longer tainted not-ready by the node lifecycle controller. */
function isSchedulable(node: NodeStatus): boolean {
  const ready = node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
  return ready && !(node.spec?.taints ?? []).some((t) => t.key.startsWith('node.kubernetes.io/'));
}
