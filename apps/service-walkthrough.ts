import { Chart, ChartProps, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { ExposedApp, PodSecurity, Probe, Protocol, ServiceType, SessionAffinity } from '../lib';

/**
 * The classic Service walk-through: ClusterIP with session affinity, NodePort, HTTP probes and
 * a UDP port mapping.
 */
export class ServiceWalkthrough extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);

    // ikubernetes/myapp is nginx running as root: it needs the baseline profile.
    new ExposedApp(this, 'myapp', {
      image: 'ikubernetes/myapp:v1',
      replicas: 3,
      port: 80,
      portName: 'http',
      sessionAffinity: SessionAffinity.CLIENT_IP,
      podSecurity: PodSecurity.BASELINE,
    });

    new ExposedApp(this, 'myapp-nodeport', {
      image: 'ikubernetes/myapp:v1',
      replicas: 3,
      serviceType: ServiceType.NODE_PORT,
      nodePort: 30008,
      podSecurity: PodSecurity.BASELINE,
    });

    const healthChecked = {
      image: 'registry.k8s.io/e2e-test-images/agnhost:2.53',
      args: ['netexec', '--http-port=3000'],
      port: 3000,
      portName: 'http', // an HTTP server: say so (3000 is no well-known HTTP port)
      runAsUser: 65532,
      readiness: Probe.fromHttpGet('/healthz', { port: 3000, period: Duration.seconds(5) }),
      liveness: Probe.fromHttpGet('/healthz', { port: 3000, initialDelay: Duration.seconds(10) }),
    };
    new ExposedApp(this, 'webapp', healthChecked);
    new ExposedApp(this, 'webapp-nodeport', {
      ...healthChecked,
      serviceType: ServiceType.NODE_PORT,
      nodePort: 30000,
    });

    // Service port 80 -> pod port 9376 over UDP; no readiness probe, as no TCP port exists.
    new ExposedApp(this, 'udp-echo', {
      image: 'registry.k8s.io/e2e-test-images/agnhost:2.53',
      args: ['netexec', '--udp-port=9376'],
      runAsUser: 65532,
      port: 80,
      containerPort: 9376,
      portName: 'dns-udp',
      protocol: Protocol.UDP,
    });
  }
}
