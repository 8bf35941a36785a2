import { App, Yaml } from 'cdk8s';
import { buildExamples } from './examples';
import { toYamlDocuments } from '../lib/core/yaml';
const app = buildExamples(new App());
let same = 0, diff = 0;
for (const c of app.charts) {
  const docs = c.toJson();
  const a = Yaml.stringify(...docs);
  const b = toYamlDocuments(docs);
  if (a === b) same++; else { diff++; const al = a.split('\n'), bl = b.split('\n'); for (let i = 0; i < al.length; i++) if (al[i] !== bl[i]) { console.log(c.node.id, i, JSON.stringify(al[i]), JSON.stringify(bl[i])); break; } }
}
console.log({ same, diff });
