import { Chart } from 'cdk8s';
import { ExternalDatabase } from '../../lib';

export function example(chart: Chart): void {
  new ExternalDatabase(chart, 'payments', { externalName: 'api.payments.example.com', port: 443, portName: 'https' });
}
