// One naming scheme for the public factories (CONTRIBUTING.md, "Naming static methods"): a static
// method that makes a value of its class, or a handle (an `I…` interface of this library), is
// named `from<Source>`. The public static methods are read from lib/index.ts with TypeScript's type
// checker, so the test needs no build and sees exactly what the package exports.
// Not factories, told apart by their signatures: type checks (`isX`, returning a boolean), lookups
// and helpers (returning anything else: a list, a struct, a string, `T | undefined`), amounts named
// after their unit (one number parameter: `Cpu.millis(250)`, as cdk8s's `Duration.seconds(5)`) and
// constants (no parameter: `Probe.none()`).
// The only exceptions are the deprecated old names below, kept until 1.0; the last part of this file
// calls each of them and checks that they write the same objects as the new names.
import { join } from 'node:path';
import { Duration } from 'cdk8s';
import * as ts from 'typescript';
import {
  DeployedApp, EnvFrom, ExposedApp, LifecycleHandler, PodSource, Probe, Projection, Service, ServicePatternsError, Volume,
} from '../lib';
import { newChart, synth } from './util';

/** The deprecated old names and the factories that replace them (CHANGELOG.md, Migration). */
const DEPRECATED: { [old: string]: string } = {
  'Probe.httpGet': 'Probe.fromHttpGet',
  'Probe.tcpSocket': 'Probe.fromTcpSocket',
  'Probe.exec': 'Probe.fromCommand',
  'EnvFrom.configMap': 'EnvFrom.fromConfigMap',
  'EnvFrom.secret': 'EnvFrom.fromSecret',
  'LifecycleHandler.exec': 'LifecycleHandler.fromCommand',
  'LifecycleHandler.httpGet': 'LifecycleHandler.fromHttpGet',
  'LifecycleHandler.sleep': 'LifecycleHandler.fromSleep',
  'Projection.configMap': 'Projection.fromConfigMap',
  'Projection.secret': 'Projection.fromSecret',
  'Projection.serviceAccountToken': 'Projection.fromServiceAccountToken',
  'Projection.downwardApi': 'Projection.fromDownwardApi',
  'Volume.projected': 'Volume.fromProjected',
  'PodSource.tracks': 'PodSource.fromTracks',
};

type Kind = 'factory' | 'unit' | 'constant' | 'guard' | 'helper';

interface StaticMethod {
  /** `Class.method` */
  readonly name: string;
  readonly kind: Kind;
  readonly params: string[];
  /** The text after `@deprecated`, if any. */
  readonly deprecated?: string;
}

const LIB = join(__dirname, '..', 'lib');

function isLibraryInterface(type: ts.Type): boolean {
  const decl = type.getSymbol()?.declarations?.[0];
  return decl !== undefined && ts.isInterfaceDeclaration(decl) && /^I[A-Z]/.test(decl.name.text)
    && decl.getSourceFile().fileName.startsWith(LIB);
}

function kindOf(checker: ts.TypeChecker, cls: ts.ClassDeclaration, m: ts.MethodDeclaration): Kind {
  const sig = checker.getSignatureFromDeclaration(m)!;
  const ret = checker.getReturnTypeOfSignature(sig);
  if (checker.getTypePredicateOfSignature(sig) || ret.flags & ts.TypeFlags.BooleanLike) return 'guard';
  const own = ret.getSymbol() === checker.getSymbolAtLocation(cls.name!);
  if (!own && !isLibraryInterface(ret)) return 'helper';
  if (m.parameters.length === 0) return 'constant';
  const only = m.parameters.length === 1 ? checker.getTypeAtLocation(m.parameters[0]) : undefined;
  if (only && only.flags & ts.TypeFlags.Number) return 'unit';
  return 'factory';
}

/** Every public static method of every class lib/index.ts exports. */
function publicStaticMethods(): StaticMethod[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(LIB, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const program = ts.createProgram([join(LIB, 'index.ts')], { ...config.options, noEmit: true });
  const checker = program.getTypeChecker();
  const index = checker.getSymbolAtLocation(program.getSourceFile(join(LIB, 'index.ts'))!)!;
  const out: StaticMethod[] = [];
  for (const exported of checker.getExportsOfModule(index)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const cls = symbol.declarations?.find(ts.isClassDeclaration);
    if (!cls) continue;
    for (const m of cls.members) {
      if (!ts.isMethodDeclaration(m) || !ts.isIdentifier(m.name)) continue;
      const mods = ts.getCombinedModifierFlags(m);
      if (!(mods & ts.ModifierFlags.Static) || mods & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
      if (m.name.text.startsWith('_') || ts.getJSDocTags(m).some((t) => t.tagName.text === 'internal')) continue;
      const deprecated = ts.getJSDocTags(m).find((t) => t.tagName.text === 'deprecated');
      out.push({
        name: `${cls.name!.text}.${m.name.text}`,
        kind: kindOf(checker, cls, m),
        params: m.parameters.map((p) => p.name.getText()),
        deprecated: deprecated ? ts.getTextOfJSDocComment(deprecated.comment) ?? '' : undefined,
      });
    }
  }
  return out;
}

describe('factory names', () => {
  const methods = publicStaticMethods();
  const byName = new Map(methods.map((m) => [m.name, m]));
  const names = (kind: Kind) => methods.filter((m) => m.kind === kind).map((m) => m.name);

  test('the inventory sees every kind of static method', () => {
    expect(names('factory')).toEqual(expect.arrayContaining([
      'Probe.fromHttpGet', 'EnvValue.fromSecret', 'Volume.fromEmptyDir', 'ConfigMap.fromName', 'PodSource.fromLabels', 'ServiceRef.fromName',
    ]));
    expect(names('unit')).toEqual(expect.arrayContaining(['Cpu.millis', 'Cpu.units', 'PercentOrAbsolute.percent', 'PercentOrAbsolute.absolute']));
    expect(names('constant')).toEqual(expect.arrayContaining(['Probe.none']));
    expect(names('guard')).toEqual(expect.arrayContaining(['Service.isService', 'Errors.isServicePatternsError']));
    expect(names('helper')).toEqual(expect.arrayContaining([
      'ExternalReferences.of', 'PatternDefaults.set', 'PatternDefaults.of', 'Namespaces.of', 'Topology.describe', 'PodConnections.connect',
    ]));
    expect(names('helper')).not.toContain('Warnings._add');
  });

  test('every factory is named from<Source>, except the deprecated old names', () => {
    const wrong = methods
      .filter((m) => m.kind === 'factory' && !/^from[A-Z]/.test(m.name.split('.')[1]) && !(m.name in DEPRECATED))
      .map((m) => `${m.name}(${m.params.join(', ')}) makes a value: name it from<Source>, e.g. fromHttpGet (CONTRIBUTING.md, "Naming static methods")`);
    expect(wrong).toEqual([]);
  });

  test('type checks are named is<Type>, and only they', () => {
    expect(methods.filter((m) => (m.kind === 'guard') !== /^is[A-Z]/.test(m.name.split('.')[1])).map((m) => m.name)).toEqual([]);
  });

  test('the deprecated names are exactly the list, each says which factory replaces it and takes the same parameters', () => {
    expect(methods.filter((m) => m.deprecated !== undefined).map((m) => m.name).sort()).toEqual(Object.keys(DEPRECATED).sort());
    for (const [old, replacement] of Object.entries(DEPRECATED)) {
      const alias = byName.get(old)!;
      const target = byName.get(replacement);
      expect([old, alias.deprecated]).toEqual([old, `use ${replacement}`]);
      expect([replacement, target?.kind]).toEqual([replacement, 'factory']);
      expect([old, alias.params]).toEqual([old, target!.params]);
    }
  });
});

describe('the deprecated names still work', () => {
  const IMAGE = 'ghcr.io/acme/web:1.0';

  /** One chart with every renamed factory, made through `f` (old or new names). */
  function chartWith(f: {
    httpGet: typeof Probe.fromHttpGet; tcpSocket: typeof Probe.fromTcpSocket; exec: typeof Probe.fromCommand;
    envConfigMap: typeof EnvFrom.fromConfigMap; envSecret: typeof EnvFrom.fromSecret;
    hookExec: typeof LifecycleHandler.fromCommand; hookHttpGet: typeof LifecycleHandler.fromHttpGet; hookSleep: typeof LifecycleHandler.fromSleep;
    projConfigMap: typeof Projection.fromConfigMap; projSecret: typeof Projection.fromSecret;
    projToken: typeof Projection.fromServiceAccountToken; projDownward: typeof Projection.fromDownwardApi;
    projected: typeof Volume.fromProjected; tracks: typeof PodSource.fromTracks;
  }) {
    const chart = newChart();
    new ExposedApp(chart, 'web', {
      image: IMAGE,
      readiness: f.httpGet('/ready', { period: Duration.seconds(5) }),
      liveness: f.tcpSocket({ failureThreshold: 5 }),
      startup: f.exec(['cat', '/tmp/started']),
      envFrom: [f.envConfigMap('web-env', { prefix: 'CFG_' }), f.envSecret('web-secrets', { optional: true })],
      postStart: f.hookHttpGet('/warm'),
      preStop: f.hookSleep(Duration.seconds(5)),
      volumes: [f.projected('bundle', [
        f.projConfigMap('web-config', [{ key: 'app.yaml', path: 'app.yaml' }]),
        f.projSecret('web-tls'),
        f.projToken({ path: 'token', audience: 'vault', expiration: Duration.hours(1) }),
        f.projDownward([{ path: 'labels', fieldPath: 'metadata.labels' }]),
      ], 0o440)],
      volumeMounts: [{ volume: 'bundle', mountPath: '/etc/bundle' }],
      sidecars: [{ name: 'proxy', image: IMAGE, postStart: f.hookExec(['/bin/true']) }],
    });
    const track = (id: string) => new DeployedApp(chart, id, {
      image: IMAGE, replicas: 1, labels: { app: 'api', track: id }, extraPorts: [{ name: 'http', containerPort: 8080 }],
    });
    new Service(chart, 'api', { pods: f.tracks(chart, [track('api-stable'), track('api-canary')], { app: 'api' }) });
    return synth(chart);
  }

  /** The old name behind each factory chartWith takes; DEPRECATED gives the new one. */
  const SLOTS: { [slot in keyof Parameters<typeof chartWith>[0]]: string } = {
    httpGet: 'Probe.httpGet', tcpSocket: 'Probe.tcpSocket', exec: 'Probe.exec',
    envConfigMap: 'EnvFrom.configMap', envSecret: 'EnvFrom.secret',
    hookExec: 'LifecycleHandler.exec', hookHttpGet: 'LifecycleHandler.httpGet', hookSleep: 'LifecycleHandler.sleep',
    projConfigMap: 'Projection.configMap', projSecret: 'Projection.secret',
    projToken: 'Projection.serviceAccountToken', projDownward: 'Projection.downwardApi',
    projected: 'Volume.projected', tracks: 'PodSource.tracks',
  };
  const CLASSES: { [name: string]: object } = { Probe, EnvFrom, LifecycleHandler, Projection, Volume, PodSource };
  /** The factories of chartWith, each looked up by the name `nameOf` gives for its old name. */
  const factories = (nameOf: (old: string) => string) => Object.fromEntries(Object.entries(SLOTS).map(([slot, old]) => {
    const [cls, method] = nameOf(old).split('.');
    return [slot, (CLASSES[cls] as { [m: string]: unknown })[method]];
  })) as Parameters<typeof chartWith>[0];

  test('a chart made with the old names writes the same objects as with the new ones', () => {
    expect(Object.values(SLOTS).sort()).toEqual(Object.keys(DEPRECATED).sort());
    const old = chartWith(factories((name) => name));
    const current = chartWith(factories((name) => DEPRECATED[name]));
    expect(old).toEqual(current);
    expect(old.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual(expect.arrayContaining(['Deployment/web', 'Service/api', 'Deployment/api-canary']));
    expect(JSON.stringify(old)).toContain('"sleep":{"seconds":5}');
  });

  test('a bad argument to an old name is reported under the new name', () => {
    expect(() => Probe.httpGet(8080 as unknown as string)).toThrow(ServicePatternsError);
    expect(() => Probe.httpGet(8080 as unknown as string)).toThrow('Probe.fromHttpGet: path 8080 must be a string, not a number');
  });
});
