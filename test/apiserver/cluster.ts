// A real Kubernetes API server for the tests: kube-apiserver built from the release pinned in
// scripts/kube-apiserver/go.mod, over etcd from Debian's etcd-server package, both on loopback only,
// with a generated service-account key, a self-signed serving certificate and a bearer token.
// No controller runs, so nothing is scheduled: the server only validates, defaults, admits and stores.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { KubeClient } from './client';

const root = join(__dirname, '..', '..');
const goModule = join(root, 'scripts', 'kube-apiserver');

/** The Gateway API release whose standard-channel CRDs are installed (the Go module carries them). */
export const GATEWAY_API_VERSION = 'v1.2.1';

/** The IPv4 and IPv6 Service ranges, so dual-stack Services can be created for real. */
export const SERVICE_CIDRS = ['10.96.0.0/16', 'fd00:10:96::/112'];

export interface Cluster {
  readonly url: string;
  readonly token: string;
  readonly caFile: string;
  readonly kubeconfig: string;
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

/**
 * The kube-apiserver binary, built once per go.mod/go.sum and Go version and cached between runs
 * (the Go module and build caches make a rebuild after a cache wipe fast too).
 */
export function kubeApiserverBinary(log: (line: string) => void = () => undefined): string {
  const goVersion = execFileSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).trim();
  const version = kubernetesVersion();
  const [major, minor] = version.slice(1).split('.');
  // The release's version, as its own build scripts stamp it (otherwise /version says v0.0.0-master).
  const ldflags = ['k8s.io/component-base/version', 'k8s.io/client-go/pkg/version']
    .flatMap((pkg) => [`-X ${pkg}.gitVersion=${version}`, `-X ${pkg}.gitMajor=${major}`, `-X ${pkg}.gitMinor=${minor}`, `-X ${pkg}.gitTreeState=clean`])
    .join(' ');
  const args = ['build', '-mod=readonly', '-trimpath', `-ldflags=${ldflags}`];
  const key = createHash('sha256')
    .update(readFileSync(join(goModule, 'go.mod')))
    .update(readFileSync(join(goModule, 'go.sum')))
    .update(goVersion)
    .update(args.join(' '))
    .digest('hex')
    .slice(0, 16);
  const binary = join(cacheDir(), `kube-apiserver-${version}-${key}`);
  if (existsSync(binary)) return binary;
  mkdirSync(cacheDir(), { recursive: true });
  log(`building kube-apiserver ${version} with ${goVersion} (once; cached as ${binary})`);
  const partial = `${binary}.partial-${process.pid}`;
  execFileSync('go', [...args, '-o', partial, 'k8s.io/kubernetes/cmd/kube-apiserver'], {
    cwd: goModule,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, CGO_ENABLED: '0' },
  });
  execFileSync('mv', [partial, binary]);
  return binary;
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

function startProcess(binary: string, args: string[], logFile: string): ChildProcess {
  const fd = openSync(logFile, 'a');
  const child = spawn(binary, args, { stdio: ['ignore', fd, fd], detached: false });
  closeSync(fd);
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

/** Starts etcd and kube-apiserver, installs the Gateway API CRDs and returns when all are served. */
export async function startCluster(log: (line: string) => void = () => undefined): Promise<Cluster> {
  const etcd = etcdBinary(log);
  const apiserver = kubeApiserverBinary(log);
  const crds = gatewayCrds();
  const dir = mkdtempSync(join(tmpdir(), 'kube-apiserver-'));
  const [clientPort, peerPort, securePort] = [await freePort(), await freePort(), await freePort()];
  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const child of children.reverse()) await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
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
    writeFileSync(kubeconfig, [
      'apiVersion: v1', 'kind: Config', 'current-context: test',
      'clusters:', `- name: test`, '  cluster:', `    server: ${url}`, `    certificate-authority: ${caFile}`, '    tls-server-name: localhost',
      'users:', '- name: admin', '  user:', `    token: ${token}`,
      'contexts:', '- name: test', '  context:', '    cluster: test', '    user: admin', '',
    ].join('\n'));
    return { url, token, caFile, kubeconfig, version: String(versionInfo.body.gitVersion), stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
