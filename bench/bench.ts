/**
 * npm run bench: N apps (Deployment + NodePort Service + Ingress) built and synthesized to YAML
 * files six ways in one process, order shuffled, best of several runs after a warm-up:
 *   ours      ExposedApp through cdk8s's App
 *   fast      ExposedApp through FastApp (our opt-in fast synthesis)
 *   plus      cdk8s-plus-27 Deployment + exposeViaService + Ingress, as its users write it
 *   raw       the same manifests as ours written as raw ApiObjects (the floor of cdk8s synth)
 *   real      ExposedApp with the pod of a real app (volumes, env from a Secret and a ConfigMap,
 *             an init container and a sidecar, tolerations) and a ClusterIP Service
 *   real-raw  the same manifests as real, written as raw ApiObjects
 * Also: cold require of our entry point vs cdk8s, and the wall time of `npx cdk8s synth`.
 * Writes bench/results.json. BENCH_SIZES=10 BENCH_RUNS=1 gives the smoke run the tests use.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiObject, App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import type * as Patterns from '../lib';

// `npm run bench` measures the package as it ships: tsc's JavaScript in build/, which the script
// builds first. (Through tsx the sources carry its helpers; they cost about a third more to build.)
// The bench smoke test imports this file and uses the sources.
const lib: typeof Patterns = require.main === module ? require('../build') : require('../lib');
const { EnvFrom, EnvValue, ExposedApp, FastApp, PatternDefaults, Probe, ServiceType, TaintEffect, Volume } = lib;

export type Variant = 'ours' | 'fast' | 'plus' | 'raw' | 'real' | 'real-raw';
export const VARIANTS: Variant[] = ['ours', 'fast', 'plus', 'raw', 'real', 'real-raw'];
const IMAGE = 'registry.example.com/shop/web:1.4.2';

const labels = (name: string) => ({ 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': name });
const allLabels = (name: string) => ({ ...labels(name), 'app.kubernetes.io/managed-by': 'cdk8s-service-patterns' });

function buildOurs(chart: Chart, n: number): void {
  // The bench compares Deployment + Service + Ingress: no budget, as the other variants have none.
  PatternDefaults.set(chart, { disruptionBudget: { enabled: false } });
  for (let i = 0; i < n; i++) {
    new ExposedApp(chart, `app-${i}`, { image: IMAGE, serviceType: ServiceType.NODE_PORT, ingress: { host: `app-${i}.example.com` } });
  }
}

function buildPlus(chart: Chart, n: number): void {
  for (let i = 0; i < n; i++) {
    const deployment = new kplus.Deployment(chart, `app-${i}`, {
      replicas: 2,
      containers: [{ image: IMAGE, portNumber: 80, securityContext: { ensureNonRoot: true, allowPrivilegeEscalation: false } }],
    });
    const service = deployment.exposeViaService({ serviceType: kplus.ServiceType.NODE_PORT, ports: [{ port: 80, name: 'http' }] });
    new kplus.Ingress(chart, `app-${i}-ingress`, { rules: [{ host: `app-${i}.example.com`, backend: kplus.IngressBackend.fromService(service) }] });
  }
}

/** A Deployment as a raw ApiObject with the shell ExposedApp writes around `podSpec`. */
function rawDeployment(chart: Chart, name: string, podSpec: object): void {
  new ApiObject(chart, `${name}-deployment`, {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, labels: allLabels(name) },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels(name) },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      template: { metadata: { labels: allLabels(name) }, spec: podSpec },
    },
  });
}

function buildRaw(chart: Chart, n: number): void {
  for (let i = 0; i < n; i++) {
    const name = `app-${i}`;
    const metadata = { name, labels: allLabels(name) };
    new ApiObject(chart, `${name}-service`, {
      apiVersion: 'v1', kind: 'Service', metadata,
      spec: { type: 'NodePort', selector: labels(name), ports: [{ name: 'http', port: 80, targetPort: 80 }] },
    });
    rawDeployment(chart, name, {
      automountServiceAccountToken: false,
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      terminationGracePeriodSeconds: 30,
      topologySpreadConstraints: ['kubernetes.io/hostname', 'topology.kubernetes.io/zone'].map((topologyKey) => (
        { maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: labels(name) } })),
      containers: [{
        name, image: IMAGE,
        ports: [{ name: 'http', containerPort: 80 }],
        resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
        readinessProbe: { tcpSocket: { port: 'http' } },
        lifecycle: { preStop: { sleep: { seconds: 5 } } },
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      }],
    });
    new ApiObject(chart, `${name}-ingress`, {
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata,
      spec: { rules: [{ host: `${name}.example.com`, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name, port: { name: 'http' } } } }] } }] },
    });
  }
}

const SECURE = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
const RESOURCES = { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } };

function buildReal(chart: Chart, n: number): void {
  PatternDefaults.set(chart, { disruptionBudget: { enabled: false } });
  for (let i = 0; i < n; i++) {
    new ExposedApp(chart, `app-${i}`, {
      image: IMAGE,
      runAsUser: 10001,
      envValues: { DB_PASSWORD: EnvValue.fromSecret('db', 'password'), POD_NAME: EnvValue.fromFieldRef('metadata.name') },
      env: { LOG_LEVEL: 'info' },
      envFrom: [EnvFrom.fromConfigMap(`app-${i}-env`)],
      volumes: [Volume.fromConfigMap('config', `app-${i}-config`), Volume.fromSecret('tls', `app-${i}-tls`), Volume.fromEmptyDir('tmp')],
      volumeMounts: [{ volume: 'config', mountPath: '/etc/app', readOnly: true }, { volume: 'tls', mountPath: '/etc/tls', readOnly: true }, { volume: 'tmp', mountPath: '/tmp' }],
      initContainers: [{ name: 'migrate', image: IMAGE, args: ['migrate'], envValues: { DB_PASSWORD: EnvValue.fromSecret('db', 'password') } }],
      sidecars: [{ name: 'proxy', image: IMAGE, extraPorts: [{ name: 'admin', containerPort: 9901 }], readiness: Probe.fromHttpGet('/ready', { portName: 'admin' }) }],
      tolerations: [{ key: 'dedicated', value: 'web', effect: TaintEffect.NO_SCHEDULE }],
      nodeSelector: { 'kubernetes.io/os': 'linux' },
    });
  }
}

function buildRealRaw(chart: Chart, n: number): void {
  for (let i = 0; i < n; i++) {
    const name = `app-${i}`;
    const metadata = { name, labels: allLabels(name) };
    const password = { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } };
    new ApiObject(chart, `${name}-service`, {
      apiVersion: 'v1', kind: 'Service', metadata,
      spec: { type: 'ClusterIP', selector: labels(name), ports: [{ name: 'http', port: 80, targetPort: 80 }] },
    });
    rawDeployment(chart, name, {
      automountServiceAccountToken: false,
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      tolerations: [{ key: 'dedicated', value: 'web', effect: 'NoSchedule' }],
      securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
      terminationGracePeriodSeconds: 30,
      topologySpreadConstraints: ['kubernetes.io/hostname', 'topology.kubernetes.io/zone'].map((topologyKey) => (
        { maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: labels(name) } })),
      initContainers: [
        { name: 'migrate', image: IMAGE, args: ['migrate'], env: [password], resources: RESOURCES, securityContext: SECURE },
        {
          name: 'proxy', image: IMAGE, ports: [{ name: 'admin', containerPort: 9901 }], resources: RESOURCES,
          readinessProbe: { httpGet: { path: '/ready', port: 'admin' } }, securityContext: SECURE, restartPolicy: 'Always',
        },
      ],
      containers: [{
        name, image: IMAGE,
        env: [password, { name: 'LOG_LEVEL', value: 'info' }, { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
        envFrom: [{ configMapRef: { name: `${name}-env` } }],
        ports: [{ name: 'http', containerPort: 80 }],
        resources: RESOURCES,
        readinessProbe: { tcpSocket: { port: 'http' } },
        volumeMounts: [{ name: 'config', mountPath: '/etc/app', readOnly: true }, { name: 'tls', mountPath: '/etc/tls', readOnly: true }, { name: 'tmp', mountPath: '/tmp' }],
        lifecycle: { preStop: { sleep: { seconds: 5 } } },
        securityContext: SECURE,
      }],
      volumes: [{ name: 'config', configMap: { name: `${name}-config` } }, { name: 'tls', secret: { secretName: `${name}-tls` } }, { name: 'tmp', emptyDir: {} }],
    });
  }
}

export const BUILD: Record<Variant, (chart: Chart, n: number) => void> = {
  'ours': buildOurs, 'fast': buildOurs, 'plus': buildPlus, 'raw': buildRaw, 'real': buildReal, 'real-raw': buildRealRaw,
};

export interface Sample { buildMs: number; synthMs: number; heapMB: number }

const forceGc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/**
 * One build and synthesis. `collect` forces collections around the timed parts (for time and
 * heap); the instruction counts leave them out, as a real synthesis has none.
 */
export function runOnce(variant: Variant, n: number, outdir: string, collect = true): Sample {
  const gc = collect ? forceGc : () => undefined;
  gc();
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const app = variant === 'fast' ? new FastApp({ outdir }) : new App({ outdir });
  BUILD[variant](new Chart(app, 'bench'), n);
  const t1 = performance.now();
  // Garbage of the build is collected before synthesis is timed, not during it at a moment that
  // depends on how much the build allocated.
  gc();
  const t1s = performance.now();
  app.synth();
  const t2 = performance.now();
  // Heap held by the app model after synthesis (what a CI job with thousands of apps keeps).
  gc();
  gc();
  const heapMB = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
  if (app.node.children.length !== 1) throw new Error('unexpected app');
  return { buildMs: t1 - t0, synthMs: t2 - t1s, heapMB };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// Times are the best of the runs: what disturbs a run on a shared machine (other processes, a
// slower core, a badly timed collection) only ever adds time, so the minimum is the cost of the
// work itself and moves least between runs. Heap is the median.
const min = (xs: number[]) => Math.min(...xs);

function shuffle<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function requireTime(target: string, runs: number): number {
  const code = `const t=process.hrtime.bigint();require(${JSON.stringify(target)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const times = Array.from({ length: runs }, () => Number(execFileSync(process.execPath, ['-e', code], { cwd: join(__dirname, '..') }).toString()));
  return median(times);
}

/**
 * Instructions executed per app, counted by valgrind (cachegrind): the count of the same work
 * moves by well under 1% between runs, where wall time on this machine moves by 20-40%. Node runs
 * single-threaded there: with background compilation and GC threads, how far a function got in
 * being optimized depends on how valgrind schedules the threads, and counts moved by 2x. Startup,
 * module loading and warm-up cancel out: it is (count at `big` - count at `small`) / (big - small).
 * The runs go two at a time; counts do not depend on what else runs. `--predictable` switches off
 * V8's time-based heuristics (the memory reducer, heap growth by measured speed): without it, the
 * same run counted 3% apart on a loaded machine, and the per-app figure, a difference of two
 * counts, up to 10%; with it, repeated counts of the same build agreed within 0.01%.
 */
async function instructionsPerApp(variants: Variant[], small: number, big: number): Promise<Map<Variant, number>> {
  const jobs = variants.flatMap((v) => [small, big].map((n) => ({ v, n })));
  const counts = new Map<string, number>();
  const run = (v: Variant, n: number) => new Promise<void>((done, fail) => {
    const args = ['--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null', process.execPath, '--single-threaded', '--predictable', '--expose-gc', '--require', 'tsx/cjs', __filename, '--once', v, String(n)];
    const child = spawn('valgrind', args, { cwd: join(__dirname, '..'), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('close', (code) => {
      const m = /I\s+refs:\s+([\d,]+)/.exec(stderr);
      if (code !== 0 || !m) fail(new Error(`valgrind ${v} ${n} failed: ${stderr.slice(-500)}`));
      else done(void counts.set(`${v}/${n}`, Number(m[1].replace(/,/g, ''))));
    });
  });
  const queue = [...jobs];
  await Promise.all([0, 1].map(async () => { for (let job = queue.shift(); job; job = queue.shift()) await run(job.v, job.n); }));
  return new Map(variants.map((v) => [v, (counts.get(`${v}/${big}`)! - counts.get(`${v}/${small}`)!) / (big - small)]));
}

function hasValgrind(): boolean {
  return spawnSync('valgrind', ['--version']).status === 0;
}

async function main(): Promise<void> {
  const sizes = (process.env.BENCH_SIZES ?? '100,1000,5000').split(',').map(Number);
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const extras = process.env.BENCH_EXTRAS !== '0';
  // FastApp keeps its bookkeeping beside the output directory: both go with the parent.
  const parent = mkdtempSync(join(tmpdir(), 'bench-'));
  const outdir = join(parent, 'dist');
  const results: Array<{ n: number; variant: Variant } & Sample> = [];
  try {
    for (const v of VARIANTS) runOnce(v, Math.min(50, sizes[0]), outdir); // warm-up
    for (const n of sizes) {
      const samples = Object.fromEntries(VARIANTS.map((v) => [v, [] as Sample[]])) as Record<Variant, Sample[]>;
      for (let r = 0; r < runs; r++) {
        for (const v of shuffle(VARIANTS, n * 31 + r)) samples[v].push(runOnce(v, n, outdir));
      }
      for (const v of VARIANTS) {
        const s = samples[v];
        results.push({ n, variant: v, buildMs: min(s.map((x) => x.buildMs)), synthMs: min(s.map((x) => x.synthMs)), heapMB: median(s.map((x) => x.heapMB)) });
      }
    }
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }

  const total = (n: number, v: Variant) => { const r = results.find((x) => x.n === n && x.variant === v)!; return r.buildMs + r.synthMs; };
  const heap = (n: number, v: Variant) => results.find((x) => x.n === n && x.variant === v)!.heapMB;
  const lines = [`| N | variant | build ms | synth ms | total ms | heap MB | time vs plus | time vs raw | heap vs raw |`, '|---|---|---|---|---|---|---|---|---|'];
  for (const r of results) {
    const t = r.buildMs + r.synthMs;
    lines.push(`| ${r.n} | ${r.variant} | ${r.buildMs.toFixed(0)} | ${r.synthMs.toFixed(0)} | ${t.toFixed(0)} | ${r.heapMB.toFixed(1)} | ${(t / total(r.n, 'plus')).toFixed(2)}x | ${(t / total(r.n, 'raw')).toFixed(2)}x | ${(r.heapMB / heap(r.n, 'raw')).toFixed(2)}x |`);
  }
  const summary: { [k: string]: number | string } = { date: new Date().toISOString(), node: process.version, cpus: require('node:os').cpus().length };
  const big = sizes[sizes.length - 1];
  if (sizes.includes(1000) && sizes.includes(5000)) {
    summary.linearity_ours_5000_vs_1000 = +(total(5000, 'ours') / total(1000, 'ours')).toFixed(2);
    summary.linearity_raw_5000_vs_1000 = +(total(5000, 'raw') / total(1000, 'raw')).toFixed(2);
  }
  summary[`ours_vs_raw_at_${big}`] = +(total(big, 'ours') / total(big, 'raw')).toFixed(2);
  summary[`fast_vs_raw_at_${big}`] = +(total(big, 'fast') / total(big, 'raw')).toFixed(2);
  summary[`raw_vs_fast_speedup_at_${big}`] = +(total(big, 'raw') / total(big, 'fast')).toFixed(2);
  summary[`plus_vs_raw_at_${big}`] = +(total(big, 'plus') / total(big, 'raw')).toFixed(2);
  summary[`real_vs_real_raw_at_${big}`] = +(total(big, 'real') / total(big, 'real-raw')).toFixed(2);
  if (extras) {
    const cdk8s = requireTime('cdk8s', 5);
    const ours = requireTime('./build/index.js', 5);
    summary.require_cdk8s_ms = +cdk8s.toFixed(0);
    summary.require_ours_ms = +ours.toFixed(0);
    summary.require_overhead_ms = +(ours - cdk8s).toFixed(0);
    const t0 = performance.now();
    const synth = spawnSync('npx', ['cdk8s', 'synth'], { cwd: join(__dirname, '..'), encoding: 'utf8' });
    summary.cdk8s_synth_examples_ms = synth.status === 0 ? +(performance.now() - t0).toFixed(0) : `failed: ${synth.stderr.slice(-200)}`;
  }
  console.log(lines.join('\n'));
  let instructions: Array<{ variant: Variant; perApp: number; vsRaw: number }> | undefined;
  if (process.env.BENCH_INSTRUCTIONS !== '0' && hasValgrind()) {
    const [small, big] = (process.env.BENCH_INSTRUCTION_SIZES ?? '100,400').split(',').map(Number);
    const counted: Variant[] = ['raw', 'ours', 'fast', 'real-raw', 'real'];
    const perApp = await instructionsPerApp(counted, small, big);
    const baseline = (v: Variant): Variant => (v.startsWith('real') ? 'real-raw' : 'raw');
    instructions = counted.map((v) => ({ variant: v, perApp: Math.round(perApp.get(v)!), vsRaw: +(perApp.get(v)! / perApp.get(baseline(v))!).toFixed(3) }));
    console.log(`\n| variant | instructions per app (N=${small} to ${big}) | vs its raw ApiObjects |\n|---|---|---|`);
    for (const r of instructions) console.log(`| ${r.variant} | ${(r.perApp / 1e6).toFixed(2)} M | ${r.vsRaw.toFixed(2)}x |`);
    summary.instructions_ours_vs_raw = instructions.find((r) => r.variant === 'ours')!.vsRaw;
    summary.instructions_fast_vs_raw = instructions.find((r) => r.variant === 'fast')!.vsRaw;
    summary.instructions_real_vs_real_raw = instructions.find((r) => r.variant === 'real')!.vsRaw;
  }
  console.log(JSON.stringify(summary, null, 2));
  if (!process.env.BENCH_NO_WRITE) writeFileSync(join(__dirname, 'results.json'), `${JSON.stringify({ summary, results, instructions }, null, 2)}\n`);
}

/** `bench.ts --once <variant> <n>`: one build and synthesis, for the instruction counts. */
function once(variant: Variant, n: number): void {
  const parent = mkdtempSync(join(tmpdir(), 'bench-'));
  try {
    runOnce(variant, n, join(parent, 'dist'), false);
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const [flag, variant, n] = process.argv.slice(2);
  if (flag === '--once' && VARIANTS.includes(variant as Variant)) once(variant as Variant, Number(n));
  else if (flag !== undefined) throw new Error(`usage: bench.ts [--once <${VARIANTS.join('|')}> <n>]`);
  else main().catch((e) => { console.error(e); process.exit(1); });
}
