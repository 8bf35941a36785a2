import { Chart, ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { DeployedApp, ExposedApp, PodSecurity, PodSource, Service, ServiceType } from '../lib';
import { exampleNamespace } from './namespace';

/**
 * Services over any pods: the notes' four Services (ClusterIP, NodePort, LoadBalancer, headless)
 * over one Deployment, one Service over a stable and a canary track, and a Service over a
 * cdk8s-plus Deployment.
 */
export class ServicesExamples extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const namespace = 'services-demo';
    exampleNamespace(this, namespace, 'baseline');

    // ikubernetes/myapp is nginx running as root: baseline profile.
    const myapp = new ExposedApp(this, 'myapp', { namespace, image: 'ikubernetes/myapp:v1', replicas: 3, podSecurity: PodSecurity.BASELINE });
    myapp.addService({ name: 'myapp-nodeport', serviceType: ServiceType.NODE_PORT, ports: [{ name: 'http', port: 80, targetPortName: 'http', nodePort: 30090 }] });
    myapp.addService({ name: 'myapp-lb', serviceType: ServiceType.LOAD_BALANCER });
    myapp.addService({ name: 'myapp-headless', headless: true });

    // Canary: 4 stable pods and 1 canary pod behind the Service `web` (about 20% of requests).
    // Each track is a DeployedApp: its Deployment, and no Service of its own.
    const track = (name: string, image: string, replicas: number) => new DeployedApp(this, name, {
      namespace,
      image, replicas, runAsUser: 65532, extraPorts: [{ name: 'http', containerPort: 8080 }], labels: { 'app': 'web', 'track': name.replace('web-', '') },
      args: ['netexec', '--http-port=8080'],
    });
    const stable = track('web-stable', 'registry.k8s.io/e2e-test-images/agnhost:2.52', 4);
    const canary = track('web-canary', 'registry.k8s.io/e2e-test-images/agnhost:2.53', 1);
    new Service(this, 'web', { pods: PodSource.fromTracks(this, [stable, canary], { app: 'web' }) });

    // A workload written with cdk8s-plus (its defaults pass baseline, not restricted), exposed by a
    // Service of this library.
    const legacy = new kplus.Deployment(this, 'legacy', {
      metadata: { name: 'legacy', namespace },
      replicas: 2,
      containers: [{
        image: 'registry.k8s.io/e2e-test-images/agnhost:2.53',
        args: ['netexec', '--http-port=9376'],
        ports: [{ number: 9376, name: 'http' }],
        securityContext: { user: 65532, group: 65532 },
        resources: {},
      }],
    });
    new Service(this, 'legacy-svc', { name: 'legacy', pods: PodSource.fromPlusWorkload(legacy), ports: [{ name: 'http', port: 80, targetPortName: 'http' }] });
  }
}
