// Every public entry point of the API (read from the jsii assembly's shape table, so a new one is
// covered as soon as it exists), called from plain JavaScript with an argument of the wrong type:
// each must answer with a ServicePatternsError naming the call and the parameter, never a
// TypeError from deep inside, and never accept it.
import { Chart, Testing } from 'cdk8s';
import * as lib from '../lib';
import { CALLS, ENUMS, STRUCTS } from '../lib/core/shapes.generated';
import { ServicePatternsError } from '../lib/core/errors';

const IMAGE = 'ghcr.io/acme/web:1.0';

/** A valid receiver for each class whose instance methods are public entry points. */
const RECEIVERS: { [cls: string]: (chart: Chart) => object } = {
  PodWorkload: (c) => new lib.DeployedApp(c, 'worker', { image: IMAGE }),
  ServiceWorkload: (c) => new lib.ExposedApp(c, 'app', { image: IMAGE }),
  HeadlessGroup: (c) => new lib.HeadlessGroup(c, 'group', { image: IMAGE, port: 5432 }),
  IngressRouter: (c) => new lib.IngressRouter(c, 'router', {}),
  ExternalDatabase: (c) => new lib.ExternalDatabase(c, 'db', { addresses: ['192.0.2.1'], port: 5432 }),
  Service: (c) => new lib.Service(c, 'svc', { pods: lib.PodSource.fromLabels({ app: 'x' }), ports: [{ port: 80 }] }),
  ServiceAlias: (c) => new lib.ServiceAlias(c, 'alias', { target: lib.ServiceRef.fromName(c, 'target', 'target', { namespace: 'other' }) }),
  ServiceRef: (c) => lib.ServiceRef.fromName(c, 'ref', 'ref'),
  FastApp: () => new lib.FastApp({ outdir: '/nonexistent' }),
  ManifestValidation: () => new lib.ManifestValidation(),
};

/** A value of the wrong type for a parameter of type `type`. */
function wrong(type: string): unknown {
  const t = type.replace(/\?$/, '');
  if (t === 'string') return 42;
  if (t === 'number') return 'forty-two';
  if (t === 'boolean') return 'yes';
  if (t.endsWith('[]')) return 'not-a-list';
  if (t.startsWith('{')) return 7;
  if (ENUMS[t]) return 'NOT_A_VALUE';
  if (STRUCTS[t]) return 'not-an-object';
  return 5; // a class or interface
}

const cases = Object.entries(CALLS)
  // Brand checks take anything; `any` parameters are free-form by design.
  .filter(([call]) => !/\.is[A-Z]\w*$/.test(call) && !['new PodWorkload', 'new ServiceWorkload'].includes(call))
  .flatMap(([call, params]) => params
    .map(([name, type], index) => ({ call, params, name, type, index }))
    .filter((p) => p.type.replace(/\?$/, '') !== 'any'));

test('an object that is no construct is refused as a scope', () => {
  expect(() => new lib.ExposedApp({} as never, 'web', { image: IMAGE })).toThrow("ExposedApp: scope {} must be a construct: a Chart, or a construct inside one");
  expect(() => lib.PatternDefaults.of({} as never)).toThrow('PatternDefaults.of: scope {} must be a construct');
});

test('the shape table lists the entry points of every construct', () => {
  for (const call of ['new ExposedApp', 'new DeployedApp', 'PodWorkload.connectTo', 'IngressRouter.addRoute', 'PatternDefaults.set', 'GatewayRef.fromName', 'Volume.fromSecret']) {
    expect(Object.keys(CALLS)).toContain(call);
  }
});

test.each(cases.map((c) => [`${c.call}: ${c.name} (${c.type})`, c] as const))('%s of the wrong type is refused clearly', async (_title, c) => {
  const chart = Testing.chart();
  const [cls, method] = c.call.startsWith('new ') ? [c.call.slice(4), undefined] : c.call.split('.');
  const Class = (lib as unknown as { [k: string]: new (...a: unknown[]) => object })[cls];
  // Valid arguments around the wrong one: a scope, an id, and undefined for the rest.
  const args = c.params.map(([name, type], i) => {
    if (i === c.index) return wrong(type);
    if (name === 'scope' || type === 'Construct' || type === 'IConstruct') return chart;
    if (name === 'id') return `x${i}`;
    return type.endsWith('?') ? undefined : validFor(type, chart);
  });
  let thrown: unknown;
  try {
    const statics = Class as unknown as { [m: string]: (...a: unknown[]) => unknown };
    if (method === undefined) {
      new Class(...args);
    } else if (typeof statics[method] === 'function') {
      await statics[method](...args);
    } else {
      const receiver = RECEIVERS[cls](chart) as { [m: string]: (...a: unknown[]) => unknown };
      await receiver[method](...args);
    }
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(ServicePatternsError);
  expect((thrown as Error).message).toContain(c.name);
});

/** A valid value for a required parameter that is not the one under test. */
function validFor(type: string, chart: Chart): unknown {
  switch (type) {
    case 'string': return 'web';
    case 'number': return 1;
    case 'boolean': return true;
    case 'string[]': return ['web'];
    case 'Duration': return require('cdk8s').Duration.seconds(5);
    case 'Projection[]': return [lib.Projection.fromConfigMap('cm')];
    case 'DownwardApiFile[]': return [{ path: 'labels', fieldPath: 'metadata.labels' }];
    case 'IServiceEndpoint': return new lib.ExposedApp(chart, 'provider', { image: IMAGE });
    case 'IPodSource[]': return [new lib.ExposedApp(chart, 'pods', { image: IMAGE })];
    default: return STRUCTS[type] ? {} : undefined;
  }
}
