import { Testing, Duration } from 'cdk8s';
import {
  ExposedApp, ExposedAppProps, HeadlessGroup, InternalTrafficPolicy, IpFamilyPolicy, PatternDefaults,
  TrafficDistribution, PercentOrAbsolute } from '../lib';
import { ProductionExamples } from '../apps/production-examples';
import { find, Manifest, newChart, selects, synth } from './util';

const IMAGE = 'nginx:1.27';
const podSpec = (m: Manifest) => m.spec.template.spec;

function build(props: Partial<ExposedAppProps> = {}) {
  const chart = newChart();
  const app = new ExposedApp(chart, 'web', { image: IMAGE, ...props });
  const out = synth(chart);
  return { app, out, deploy: find(out, 'Deployment') };
}

describe('PodDisruptionBudget', () => {
  test('maxUnavailable 1 by default for two or more replicas, selecting the pods', () => {
    const { out, deploy, app } = build({ replicas: 3 });
    const pdb = find(out, 'PodDisruptionBudget');
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(pdb.metadata.name).toBe('web');
    expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: app.selector } });
    expect(selects(pdb.spec.selector.matchLabels, deploy.spec.template.metadata.labels)).toBe(true);
    expect(app.disruptionBudget).toBeDefined();
  });

  test('none for a single replica, or when switched off', () => {
    expect(build({ replicas: 1 }).out.some((o) => o.kind === 'PodDisruptionBudget')).toBe(false);
    expect(build({ replicas: 0 }).out.some((o) => o.kind === 'PodDisruptionBudget')).toBe(false);
    expect(build({ disruptionBudget: { enabled: false } }).out.some((o) => o.kind === 'PodDisruptionBudget')).toBe(false);
  });

  test('minAvailable or a percentage', () => {
    expect(find(build({ replicas: 4, disruptionBudget: { minAvailable: PercentOrAbsolute.percent(50) } }).out, 'PodDisruptionBudget').spec.minAvailable).toBe('50%');
    expect(find(build({ replicas: 4, disruptionBudget: { maxUnavailable: PercentOrAbsolute.percent(25) } }).out, 'PodDisruptionBudget').spec.maxUnavailable).toBe('25%');
  });

  test('a budget that blocks every drain only when asked', () => {
    const { out } = build({ replicas: 2, disruptionBudget: { minAvailable: PercentOrAbsolute.absolute(2), allowZeroDisruptions: true } });
    expect(find(out, 'PodDisruptionBudget').spec.minAvailable).toBe(2);
  });
});

describe('spreading and graceful shutdown', () => {
  // A pod with any constraint of its own loses the scheduler's default constraints (hostname
  // maxSkew 3 and zone maxSkew 5), so a hostname constraint alone turned zone spreading off.
  test('by default, spread across nodes and zones with the Service selector', () => {
    for (const options of [{}, { spread: { zones: true } }, { spread: { enabled: true } }]) {
      const { deploy, app } = build(options);
      expect(podSpec(deploy).topologySpreadConstraints).toEqual([
        { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: app.selector } },
        { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: app.selector } },
      ]);
      expect(selects(app.selector, deploy.spec.template.metadata.labels)).toBe(true);
    }
  });

  test('every constraint we write is ScheduleAnyway: it scores nodes and never filters one out', () => {
    for (const options of [{}, { spread: { zones: false } }, { autoscaling: { minReplicas: 1, maxReplicas: 4 } }]) {
      const constraints = podSpec(build(options).deploy).topologySpreadConstraints as Array<{ whenUnsatisfiable: string; minDomains?: number }>;
      expect(constraints.length).toBeGreaterThan(0);
      // minDomains is allowed only with DoNotSchedule.
      for (const c of constraints) {
        expect(c.whenUnsatisfiable).toBe('ScheduleAnyway');
        expect(c).not.toHaveProperty('minDomains');
      }
    }
  });

  test('zones: false keeps only the node constraint, as documented', () => {
    const { deploy, app } = build({ spread: { zones: false } });
    expect(podSpec(deploy).topologySpreadConstraints).toEqual([
      { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: app.selector } },
    ]);
  });

  test('a chart-wide zones: false applies; a construct can turn zones back on', () => {
    const chart = newChart();
    PatternDefaults.set(chart, { spread: { zones: false } });
    new ExposedApp(chart, 'off', { image: IMAGE });
    new ExposedApp(chart, 'on', { image: IMAGE, spread: { zones: true } });
    const out = synth(chart);
    const keys = (name: string) => (podSpec(find(out, 'Deployment', name)).topologySpreadConstraints as Array<{ topologyKey: string }>).map((c) => c.topologyKey);
    expect(keys('off')).toEqual(['kubernetes.io/hostname']);
    expect(keys('on')).toEqual(['kubernetes.io/hostname', 'topology.kubernetes.io/zone']);
  });

  test('no spreading for one replica or when switched off', () => {
    expect(podSpec(build({ replicas: 1 }).deploy).topologySpreadConstraints).toBeUndefined();
    expect(podSpec(build({ spread: { enabled: false } }).deploy).topologySpreadConstraints).toBeUndefined();
  });

  test('a preStop sleep shorter than the grace period', () => {
    const { deploy } = build();
    expect(podSpec(deploy).containers[0].lifecycle).toEqual({ preStop: { sleep: { seconds: 5 } } });
    expect(podSpec(deploy).terminationGracePeriodSeconds).toBe(30);
  });

  test('a longer pause lengthens the grace period; exec sleep for old clusters; off', () => {
    const long = build({ gracefulShutdown: { preStopPause: Duration.seconds(25), execSleep: true } }).deploy;
    expect(podSpec(long).containers[0].lifecycle).toEqual({ preStop: { exec: { command: ['sleep', '25'] } } });
    expect(podSpec(long).terminationGracePeriodSeconds).toBe(35);
    const off = build({ gracefulShutdown: { enabled: false } }).deploy;
    expect(podSpec(off).containers[0].lifecycle).toBeUndefined();
    expect(podSpec(off).terminationGracePeriodSeconds).toBeUndefined();
  });

  test('HeadlessGroup gets the same defaults', () => {
    const chart = newChart();
    new HeadlessGroup(chart, 'db', { image: IMAGE, replicas: 3 });
    const out = synth(chart);
    const sts = find(out, 'StatefulSet');
    expect(podSpec(sts).topologySpreadConstraints.map((c: { topologyKey: string }) => c.topologyKey)).toEqual(['kubernetes.io/hostname', 'topology.kubernetes.io/zone']);
    expect(podSpec(sts).containers[0].lifecycle.preStop.sleep.seconds).toBe(5);
    expect(find(out, 'PodDisruptionBudget').spec.maxUnavailable).toBe(1);
  });

  test('chart-wide defaults switch them off', () => {
    const chart = newChart();
    PatternDefaults.set(chart, { disruptionBudget: { enabled: false }, spread: { enabled: false }, gracefulShutdown: { enabled: false } });
    new ExposedApp(chart, 'web', { image: IMAGE, replicas: 3 });
    const out = synth(chart);
    expect(out.map((o) => o.kind)).toEqual(['Service', 'Deployment']);
    const spec = podSpec(find(out, 'Deployment'));
    expect(spec.topologySpreadConstraints).toBeUndefined();
    expect(spec.containers[0].lifecycle).toBeUndefined();
  });
});

describe('autoscaling', () => {
  test('an autoscaling/v2 HPA on CPU; replicas left out of the Deployment', () => {
    const { out, deploy, app } = build({ autoscaling: { minReplicas: 3, maxReplicas: 10, cpuUtilization: 70 } });
    expect(deploy.spec.replicas).toBeUndefined();
    const hpa = find(out, 'HorizontalPodAutoscaler');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 3,
      maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    });
    expect(find(out, 'PodDisruptionBudget').spec.maxUnavailable).toBe(1);
    expect(app.autoscaler).toBeDefined();
  });

  test('CPU 80% when no metric is given; memory on request', () => {
    const metrics = (o: Manifest[]) => find(o, 'HorizontalPodAutoscaler').spec.metrics.map((m: { resource: { name: string; target: { averageUtilization: number } } }) => [m.resource.name, m.resource.target.averageUtilization]);
    expect(metrics(build({ autoscaling: { minReplicas: 2, maxReplicas: 4 } }).out)).toEqual([['cpu', 80]]);
    expect(metrics(build({ autoscaling: { minReplicas: 2, maxReplicas: 4, memoryUtilization: 75 } }).out)).toEqual([['memory', 75]]);
  });

  test('min 1 means no budget but spreading for the scaled-up pods', () => {
    const { out, deploy } = build({ autoscaling: { minReplicas: 1, maxReplicas: 5 } });
    expect(out.some((o) => o.kind === 'PodDisruptionBudget')).toBe(false);
    expect(podSpec(deploy).topologySpreadConstraints).toHaveLength(2);
  });

  test('a StatefulSet target', () => {
    const chart = newChart();
    const g = new HeadlessGroup(chart, 'db', { image: IMAGE, autoscaling: { minReplicas: 2, maxReplicas: 3 } });
    const out = synth(chart);
    expect(find(out, 'StatefulSet').spec.replicas).toBeUndefined();
    expect(find(out, 'HorizontalPodAutoscaler').spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db' });
    expect(g.podDnsNames).toHaveLength(2);
  });
});

describe('traffic options', () => {
  test('internalTrafficPolicy, trafficDistribution and ipFamilyPolicy', () => {
    const { out } = build({
      internalTrafficPolicy: InternalTrafficPolicy.LOCAL,
      trafficDistribution: TrafficDistribution.PREFER_CLOSE,
      ipFamilyPolicy: IpFamilyPolicy.PREFER_DUAL_STACK,
    });
    expect(find(out, 'Service').spec).toMatchObject({ internalTrafficPolicy: 'Local', trafficDistribution: 'PreferClose', ipFamilyPolicy: 'PreferDualStack' });
  });
});

// Bad inputs with their exact messages: test/bad-inputs.ts (run by the corpus test).

describe('production examples', () => {
  test('frontend 3-10 on 70% CPU with a budget and spreading; a singleton without a budget', () => {
    const out = synth(new ProductionExamples(Testing.app(), 'production'));
    expect(out).toMatchSnapshot();
    expect(find(out, 'HorizontalPodAutoscaler', 'frontend').spec).toMatchObject({ minReplicas: 3, maxReplicas: 10 });
    expect(find(out, 'PodDisruptionBudget', 'frontend').spec.maxUnavailable).toBe(1);
    expect(podSpec(find(out, 'Deployment', 'frontend')).topologySpreadConstraints).toHaveLength(2);
    expect(out.filter((o) => o.kind === 'PodDisruptionBudget').map((o) => o.metadata.name)).toEqual(['frontend']);
    expect(find(out, 'Deployment', 'singleton').spec.replicas).toBe(1);
  });
});
