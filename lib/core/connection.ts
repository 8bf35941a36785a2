import { IServiceEndpoint } from './endpoint';
import { Problems } from './problems';
import { envVarName, serviceEnvPrefix } from './names';

/** `{ <PREFIX>_HOST: dnsName, <PREFIX>_PORT: port }` for app code that reads its peers from env. */
export function connectionEnvOf(endpoint: IServiceEndpoint, kind: string, prefix?: string): { [key: string]: string } {
  const p = prefix ?? serviceEnvPrefix(endpoint.serviceName);
  const rule = envVarName(`${p}_HOST`);
  if (rule) {
    const problems = new Problems(kind, endpoint);
    problems.add('prefix', p, `gives ${p}_HOST, which ${rule}`);
    throw problems.error();
  }
  const env: { [key: string]: string } = { [`${p}_HOST`]: endpoint.dnsName };
  if (endpoint.ports.length > 0) env[`${p}_PORT`] = String(endpoint.port);
  return env;
}
