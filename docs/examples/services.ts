import { Chart } from 'cdk8s';
import { DeployedApp, ExposedApp, PodSource, Service, ServiceType } from '../../lib';

export function example(chart: Chart): void {
  // One Deployment, four Services: the ClusterIP made for you, then NodePort, LoadBalancer, headless.
  const myapp = new ExposedApp(chart, 'myapp', { image: 'ghcr.io/acme/myapp:1.0', replicas: 3, containerPort: 8080 });
  myapp.addService({ name: 'myapp-nodeport', serviceType: ServiceType.NODE_PORT, ports: [{ name: 'http', port: 80, targetPortName: 'http', nodePort: 30080 }] });
  myapp.addService({ name: 'myapp-lb', serviceType: ServiceType.LOAD_BALANCER });
  myapp.addService({ name: 'myapp-headless', headless: true });

  // One Service over a stable and a canary track that share the label app=web: each track is a
  // DeployedApp (a Deployment with no Service of its own) with the same named container port.
  const http = [{ name: 'http', containerPort: 8080 }];
  const stable = new DeployedApp(chart, 'web-stable', { image: 'ghcr.io/acme/web:1.4', replicas: 4, extraPorts: http, labels: { app: 'web', track: 'stable' } });
  const canary = new DeployedApp(chart, 'web-canary', { image: 'ghcr.io/acme/web:1.5', replicas: 1, extraPorts: http, labels: { app: 'web', track: 'canary' } });
  new Service(chart, 'web', { pods: PodSource.fromTracks(chart, [stable, canary], { app: 'web' }) });
}
