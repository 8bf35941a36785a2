// Random valid configurations, far beyond the examples: whatever the constructs accept, the server
// must accept too (server-side dry-run apply of the YAML, strict field validation, values unchanged).
import { Duration, Size } from 'cdk8s';
import fc from 'fast-check';
import {
  Cpu, DeploymentStrategy, ExposedApp, ExternalTrafficPolicy, HeadlessGroup, InternalTrafficPolicy,
  IpFamily, IpFamilyPolicy, Protocol, ServiceType, SessionAffinity, TrafficDistribution,
} from '../../lib';
import { canonicalQuantity } from '../../lib/core/quantity';
import { ServicePatternsError } from '../../lib/core/errors';
import { createAndDelete, dryRunApply, manifestsOf } from './apply';
import { buildRouter, exposedAppProps, router, workload } from '../configurations';
import { KubeClient, type Manifest } from './client';

const client = KubeClient.fromEnvironment();
const RUNS = { numRuns: 40, seed: 20261130 };

test('ExposedApp: every configuration the construct accepts, the server accepts', async () => {
  await fc.assert(fc.asyncProperty(workload,
    fc.constantFrom(ServiceType.CLUSTER_IP, ServiceType.NODE_PORT, ServiceType.LOAD_BALANCER),
    fc.constantFrom(DeploymentStrategy.ROLLING_UPDATE, DeploymentStrategy.RECREATE),
    fc.option(fc.record({ minReplicas: fc.integer({ min: 1, max: 3 }), extra: fc.integer({ min: 0, max: 5 }) }), { nil: undefined }),
    fc.option(fc.stringMatching(/^[a-z]{1,8}\.example\.com$/), { nil: undefined }),
    async (w, serviceType, strategy, scale, host) => {
      const manifests = manifestsOf((chart) => new ExposedApp(chart, w.name, {
        ...exposedAppProps(w),
        serviceType,
        strategy,
        // The autoscaler owns the replica count and measures utilization against the cpu request.
        ...(scale && {
          replicas: undefined,
          resources: { ...w.main.resources, cpuRequest: w.main.resources.cpuRequest ?? Cpu.millis(100) },
          autoscaling: { minReplicas: scale.minReplicas, maxReplicas: scale.minReplicas + scale.extra, cpuUtilization: 70 },
        }),
        ingress: host === undefined || w.protocol === Protocol.UDP ? undefined : { host, path: '/' },
      }));
      expect(await dryRunApply(client, manifests)).toEqual([]);
    }), RUNS);
});

test('HeadlessGroup: every configuration the construct accepts, the server accepts', async () => {
  await fc.assert(fc.asyncProperty(workload, fc.boolean(), fc.option(fc.constantFrom(Size.gibibytes(1), Size.gibibytes(20), Size.mebibytes(500)), { nil: undefined }), async (w, headless, storage) => {
    const { containerPort: _ignored, ...props } = exposedAppProps(w);
    const manifests = manifestsOf((chart) => new HeadlessGroup(chart, w.name, {
      ...props,
      headless,
      volumeClaims: storage === undefined ? undefined : [{ name: 'state', storage, mountPath: '/var/lib/state' }],
    }));
    expect(await dryRunApply(client, manifests)).toEqual([]);
  }), RUNS);
});

// Routers of both modes with Service and resource backends, default backends and HTTPRoute names.
// Configurations the construct refuses (two hosts given one HTTPRoute name) are skipped.
test('IngressRouter: every configuration the construct accepts, the server accepts', async () => {
  let accepted = 0;
  await fc.assert(fc.asyncProperty(router, async (c) => {
    let manifests;
    try {
      manifests = manifestsOf((chart) => { buildRouter(chart, c); });
    } catch (e) {
      if (e instanceof ServicePatternsError) return;
      throw e;
    }
    accepted++;
    expect(await dryRunApply(client, manifests)).toEqual([]);
  }), { numRuns: 80, seed: 20261204 });
  expect(accepted).toBeGreaterThan(50);
});

// Created for real: cluster IPs of both families, node ports and the Service options the server
// checks only at create. Combinations the construct refuses are skipped (near-misses covers those).
test('Service options: every combination the construct accepts, a real create accepts', async () => {
  let created = 0;
  await fc.assert(fc.asyncProperty(
    fc.constantFrom(ServiceType.CLUSTER_IP, ServiceType.NODE_PORT, ServiceType.LOAD_BALANCER),
    fc.option(fc.constantFrom([IpFamily.IPV4], [IpFamily.IPV6], [IpFamily.IPV4, IpFamily.IPV6], [IpFamily.IPV6, IpFamily.IPV4]), { nil: undefined }),
    fc.option(fc.constantFrom(IpFamilyPolicy.SINGLE_STACK, IpFamilyPolicy.PREFER_DUAL_STACK, IpFamilyPolicy.REQUIRE_DUAL_STACK), { nil: undefined }),
    fc.option(fc.integer({ min: 30000, max: 32767 }), { nil: undefined }),
    fc.option(fc.integer({ min: 1, max: 86400 }), { nil: undefined }),
    fc.option(fc.constantFrom(ExternalTrafficPolicy.CLUSTER, ExternalTrafficPolicy.LOCAL), { nil: undefined }),
    fc.option(fc.constantFrom(InternalTrafficPolicy.CLUSTER, InternalTrafficPolicy.LOCAL), { nil: undefined }),
    fc.option(fc.constant(TrafficDistribution.PREFER_CLOSE), { nil: undefined }),
    fc.option(fc.constantFrom(['203.0.113.0/24'], ['2001:db8::/64', '198.51.100.7/32']), { nil: undefined }),
    async (serviceType, ipFamilies, ipFamilyPolicy, nodePort, affinityTimeout, externalTrafficPolicy, internalTrafficPolicy, trafficDistribution, ranges) => {
      let manifests;
      try {
        manifests = manifestsOf((chart) => new ExposedApp(chart, 'svc', {
          image: 'ghcr.io/acme/svc:1.0', port: 8080, serviceType, ipFamilies: ipFamilies && [...ipFamilies], ipFamilyPolicy, nodePort,
          sessionAffinity: affinityTimeout === undefined ? undefined : SessionAffinity.CLIENT_IP, sessionAffinityTimeout: affinityTimeout === undefined ? undefined : Duration.seconds(affinityTimeout),
          externalTrafficPolicy, internalTrafficPolicy, trafficDistribution, loadBalancerSourceRanges: ranges && [...ranges],
        }));
      } catch (e) {
        if (e instanceof ServicePatternsError) return;
        throw e;
      }
      created++;
      expect(await createAndDelete(client, manifests, 'services')).toEqual([]);
    }), { numRuns: 150, seed: 20261130 });
  expect(created).toBeGreaterThan(50);
});

// What we write for a quantity must be what the server stores (no drift in GitOps diffs), and the same amount.
test('quantities are written in a form the server stores unchanged', async () => {
  const suffix = fc.constantFrom('', 'm', 'k', 'M', 'G', 'Ki', 'Mi', 'Gi', 'Ti', 'e3', 'E6', 'e-3', 'n', 'u');
  const amount = fc.tuple(fc.integer({ min: 1, max: 99999 }), fc.stringMatching(/^(\.[0-9]{0,4})?$/), suffix).map(([i, f, s]) => `${i}${f}${s}`);
  const stored = async (q: string) => {
    const claim: Manifest = {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'quantity' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: q } } },
    };
    const res = await client.apply(claim, { dryRun: true });
    expect([q, res.message]).toEqual([q, '']);
    return (res.body.spec as { resources: { requests: { storage: string } } }).resources.requests.storage;
  };
  await fc.assert(fc.asyncProperty(amount, async (q) => {
    const ours = canonicalQuantity(q);
    expect([q, await stored(ours)]).toEqual([q, ours]);
    // The same amount: the server keeps some input forms as written (`1E6`), so compare canonically.
    expect([q, canonicalQuantity(await stored(q))]).toEqual([q, ours]);
  }), { numRuns: 300, seed: 20261130 });
});
