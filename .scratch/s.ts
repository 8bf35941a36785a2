import { App, Chart, Yaml } from 'cdk8s';
import { ExposedApp, ServiceType, Service, PodSource } from '../lib';
const app = new App(); const chart = new Chart(app, 'c');
const myapp = new ExposedApp(chart, 'myapp', { image: 'ikubernetes/myapp:v1', replicas: 3, runAsUser: 101, networkPolicy: true });
myapp.addService({ name: 'myapp-nodeport', serviceType: ServiceType.NODE_PORT, ports: [{ name: 'http', port: 80, targetPortName: 'http', nodePort: 30080 }] });
myapp.addService({ name: 'myapp-lb', serviceType: ServiceType.LOAD_BALANCER });
myapp.addService({ name: 'myapp-headless', headless: true });
new Service(chart, 'legacy', { pods: PodSource.fromLabels({ app: 'legacy' }), ports: [{ port: 8080 }] });
console.log(Yaml.stringify(...chart.toJson()));
