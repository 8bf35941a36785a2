import { Chart } from 'cdk8s';
import { ExposedApp, ExternalDatabase } from '../../lib';

export function example(chart: Chart): void {
  const agnhost = { namespace: 'shop', image: 'registry.k8s.io/e2e-test-images/agnhost:2.53', runAsUser: 65532, containerPort: 8080 };
  const api = new ExposedApp(chart, 'api', { ...agnhost, args: ['netexec', '--http-port=8080'] });
  const db = new ExternalDatabase(chart, 'pg', { namespace: 'shop', addresses: ['10.20.0.5'], port: 5432, portName: 'postgres' });
  const web = new ExposedApp(chart, 'web', { ...agnhost, args: ['netexec', '--http-port=8080'] });
  web.connectTo(api);                          // API_HOST, API_PORT, API_URL
  api.connectTo(db, { prefix: 'DATABASE' });   // DATABASE_URL=postgres://pg.<ns>.svc.cluster.local:5432
}
