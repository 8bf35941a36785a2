import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiObject, App, AppProps, Chart, DependencyGraph, Names, YamlOutputType } from 'cdk8s';
import { IConstruct } from 'constructs';
import { toYamlDocuments } from './core/yaml';
import { checkShape } from './core/shape';

/**
 * An `App` whose `synth()` writes the same files as cdk8s's (one `<chart>.k8s.yaml` per chart,
 * the same objects in the same order, the same YAML when parsed) at least twice as fast:
 *
 * - it validates the construct tree once (cdk8s validates the whole app again for every chart);
 * - it writes YAML with an emitter made for JSON data instead of a general YAML library;
 * - it renders every chart before it writes anything, and then replaces the output directory
 *   in one step (assembled beside it, swapped in by renames), so a failure never leaves a mix of
 *   old and new files. It keeps files it did not write, and lists what it wrote in
 *   `_fastapp-files.txt` so that the manifests of removed charts are removed next time.
 *
 * Apps it does not cover (other output layouts, construct metadata, explicit dependencies
 * between objects or charts, nested charts) are handed to cdk8s's own `synth()` unchanged.
 */
/** The props of `new FastApp`, checked before cdk8s's App sees them. */
function checkedProps(props: AppProps): AppProps {
  checkShape('new FastApp', [props]);
  return props;
}

export class FastApp extends App {
  /**
   * The App that `c` belongs to, as cdk8s's `App.of`.
   * @param c any construct of the app
   */
  public static of(c: IConstruct): App {
    checkShape('FastApp.of', [c]);
    return App.of(c);
  }

  private readonly recordsMetadata: boolean;

  /**
   * @param props cdk8s's App props (`outdir`, `outputFileExtension`, `yamlOutputType`, `recordConstructMetadata`)
   */
  constructor(props: AppProps = {}) {
    super(checkedProps(props));
    this.recordsMetadata = props.recordConstructMetadata ?? process.env.CDK8S_RECORD_CONSTRUCT_METADATA === 'true';
  }

  public synth(): void {
    const all = this.node.findAll();
    if (!this.coversLayout(all)) {
      super.synth();
      return;
    }
    const errors: string[] = [];
    for (const c of all) {
      for (const error of c.node.validate()) errors.push(`[${c.node.path}] ${error}`);
    }
    if (errors.length > 0) throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
    // Render everything first: a failing chart leaves the output directory as it was.
    const files = new Map<string, string>();
    const resources: { [name: string]: { path: string } } = {};
    for (const chart of this.charts) {
      const objects = new DependencyGraph(chart.node).topology()
        .filter((x): x is ApiObject => ApiObject.isApiObject(x) && Chart.of(x) === chart);
      files.set(`${Names.toDnsLabel(chart)}${this.outputFileExtension}`, toYamlDocuments(objects.map((o) => o.toJson())));
      for (const o of objects) resources[o.name] = { path: o.node.path };
    }
    // What cdk8s writes for the CLI's validation plugins (keyed by metadata.name, as cdk8s does).
    if (this.recordsMetadata) files.set(CONSTRUCT_METADATA, JSON.stringify({ version: '1.0.0', resources }));
    replaceOutput(this.outdir, files);
  }

  private coversLayout(all: IConstruct[]): boolean {
    if (this.yamlOutputType !== YamlOutputType.FILE_PER_CHART) return false;
    return all.every((c) => c.node.dependencies.length === 0 && !(Chart.isChart(c) && c.node.scopes.slice(0, -1).some((s) => Chart.isChart(s))));
  }
}

/**
 * The file in the output directory that lists what FastApp wrote there last time: no .yaml/.yml/.json
 * name, for tools that pick manifests by extension, and Helm's leading `_` for templates that hold
 * no manifest.
 */
export const FAST_APP_FILES = '_fastapp-files.txt';
const CONSTRUCT_METADATA = 'construct-metadata.json';

/**
 * Replaces the manifests in `outdir` as one step: the new directory is assembled beside it (the
 * new files, plus every file FastApp did not write last time), then swapped in by renames. Files
 * FastApp wrote last time that are not written now (removed charts) are left out.
 */
function replaceOutput(outdir: string, files: Map<string, string>): void {
  const target = path.resolve(outdir);
  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}-new-`));
  try {
    const ours = previousFiles(target);
    if (fs.existsSync(target)) {
      for (const entry of fs.readdirSync(target)) {
        if (ours.has(entry) || entry === FAST_APP_FILES || files.has(entry)) continue;
        fs.cpSync(path.join(target, entry), path.join(staging, entry), { recursive: true, preserveTimestamps: true });
      }
    }
    for (const [name, text] of files) fs.writeFileSync(path.join(staging, name), text, { encoding: 'utf8' });
    fs.writeFileSync(path.join(staging, FAST_APP_FILES), `${[...files.keys()].sort().join('\n')}\n`);
    if (!fs.existsSync(target)) {
      fs.renameSync(staging, target);
      return;
    }
    const old = `${staging}-old`;
    fs.renameSync(target, old);
    fs.renameSync(staging, target);
    fs.rmSync(old, { recursive: true, force: true });
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}

function previousFiles(outdir: string): Set<string> {
  try {
    return new Set(fs.readFileSync(path.join(outdir, FAST_APP_FILES), 'utf8').split('\n').filter((l) => l !== '' && !l.includes('/')));
  } catch {
    return new Set();
  }
}
