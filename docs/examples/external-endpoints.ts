import { Chart } from 'cdk8s';
import { EndpointsApi, ExternalDatabase } from '../../lib';

export function example(chart: Chart): void {
  new ExternalDatabase(chart, 'mysql', {
    addresses: ['192.168.0.200', '192.168.0.201'],
    port: 3306,
    portName: 'mysql',
    endpointsApi: EndpointsApi.BOTH, // EndpointSlice, plus legacy Endpoints for old consumers
  });
}
