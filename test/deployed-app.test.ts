import { DeployedApp, Errors, ExposedApp, PodSource, Protocol, Service, Topology } from '../lib';
import { find, newChart, selects, synth } from './util';

describe('DeployedApp: a Deployment with no Service of its own', () => {
  test('a background worker: the Deployment with the secure pod defaults, and no Service', () => {
    const chart = newChart({ namespace: 'jobs' });
    const worker = new DeployedApp(chart, 'mailer', { image: 'ghcr.io/acme/mailer:2.1', replicas: 1 });
    const out = synth(chart);
    expect(out.map((m) => m.kind)).toEqual(['Deployment']);
    const pod = find(out, 'Deployment', 'mailer').spec.template.spec;
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.containers[0].resources.requests).toBeDefined();
    // No port: no readiness probe can work, so none is written.
    expect(pod.containers[0].readinessProbe).toBeUndefined();
    expect(worker.deployment.kind).toBe('Deployment');
    expect(worker.workloadName).toBe('mailer');
    expect(worker.podNamespace).toBe('jobs');
  });

  test('two tracks behind one Service: two Deployments and the Service, three objects', () => {
    const chart = newChart();
    const track = (id: string, image: string) => new DeployedApp(chart, id, {
      image, replicas: 1, labels: { app: 'api', track: id },
      extraPorts: [{ name: 'http', containerPort: 8080 }],
    });
    const stable = track('api-stable', 'ghcr.io/acme/api:1.4');
    const canary = track('api-canary', 'ghcr.io/acme/api:1.5');
    const api = new Service(chart, 'api', { pods: PodSource.fromTracks(chart, [stable, canary], { app: 'api' }) });
    const out = synth(chart);
    expect(out.map((m) => `${m.kind}/${m.metadata.name}`).sort()).toEqual(['Deployment/api-canary', 'Deployment/api-stable', 'Service/api']);
    const svc = find(out, 'Service', 'api');
    expect(svc.spec.ports).toEqual([{ name: 'http', port: 8080, targetPort: 'http' }]);
    for (const name of ['api-stable', 'api-canary']) {
      const d = find(out, 'Deployment', name);
      expect(selects(svc.spec.selector, d.spec.template.metadata.labels)).toBe(true);
      expect(d.spec.template.spec.containers[0].readinessProbe).toEqual({ tcpSocket: { port: 'http' } });
    }
    expect(api.port).toBe(8080);
    expect(Topology.describe(chart)).toContain('svc_default_api');
  });

  test('a track with two or more replicas keeps its PodDisruptionBudget (switchable)', () => {
    const chart = newChart();
    new DeployedApp(chart, 'web-stable', { image: 'ghcr.io/acme/web:1.4', replicas: 3 });
    new DeployedApp(chart, 'web-other', { image: 'ghcr.io/acme/web:1.4', replicas: 3, disruptionBudget: { enabled: false } });
    const out = synth(chart);
    expect(find(out, 'PodDisruptionBudget').metadata.name).toBe('web-stable');
  });

  test('it connects to Services like any pattern, and its NetworkPolicy admits what reaches its Service', () => {
    const chart = newChart();
    const db = new ExposedApp(chart, 'db', { image: 'ghcr.io/acme/db:1', port: 5432, replicas: 1, networkPolicy: true });
    const worker = new DeployedApp(chart, 'worker', {
      image: 'ghcr.io/acme/worker:1', replicas: 1, networkPolicy: true, labels: { app: 'worker' },
      extraPorts: [{ name: 'metrics', containerPort: 9090 }],
    });
    const env = worker.connectTo(db);
    expect(env).toEqual({ DB_HOST: 'db', DB_PORT: '5432', DB_URL: 'postgres://db:5432' });
    const scraper = new ExposedApp(chart, 'scraper', { image: 'ghcr.io/acme/scraper:1', replicas: 1 });
    scraper.connectTo(new Service(chart, 'worker-metrics', { pods: worker, ports: [{ name: 'metrics', port: 9090, targetPortName: 'metrics' }] }));
    const out = synth(chart);
    const policy = find(out, 'NetworkPolicy', 'worker');
    expect(policy.spec.egress).toContainEqual({ to: [{ podSelector: { matchLabels: db.selector } }], ports: [{ port: 5432 }] });
    expect(policy.spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: scraper.selector } }], ports: [{ port: 9090 }] }]);
  });

  test('bad input: one error naming construct, field, value and rule', () => {
    const chart = newChart();
    expect(() => new DeployedApp(chart, 'w', { image: 'ghcr.io/acme/w:1', names: { ingress: 'w-ingress' }, replicas: -1 })).toThrow(
      /DeployedApp 'test\/w': (.|\n)*replicas -1(.|\n)*names\.ingress "w-ingress" is not used: a DeployedApp writes no Ingress/);
    let caught: unknown;
    try {
      new DeployedApp(chart, 'x', { image: 'ghcr.io/acme/w:1', extraPorts: [{ containerPort: 70000, protocol: Protocol.TCP }] });
    } catch (e) {
      caught = e;
    }
    expect(Errors.isServicePatternsError(caught)).toBe(true);
    expect(String(caught)).toMatch(/DeployedApp 'test\/x': extraPorts\[0\]\.containerPort 70000/);
  });
});
