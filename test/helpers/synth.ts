/** Runs the example apps and test charts the way a user's `cdk8s synth` does, and reads the YAML back. */
import { App, Chart, ChartProps, Testing } from 'cdk8s';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { readOutputs } from '../../lib/core/output-dir';

const EXAMPLES = path.resolve(__dirname, '..', '..', 'examples');

/** Names of every example app (file names without `.ts`). */
export function exampleNames(): string[] {
  return fs
    .readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

/** One synthesized example: each YAML file's text, every object in file order, and the API server files. */
export interface SynthOutput {
  readonly files: Record<string, string>;
  readonly objects: any[];
  /** Files for the cluster operator (ApiServerAuthentication, written by app.synth()), relative path -> text; never among `files`. */
  readonly clusterConfig: Record<string, string>;
}

/** Parses every YAML document of a multi-document string. */
export function parseYaml(text: string): any[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS())
    .filter((o) => o !== null);
}

/** Runs `examples/<name>.ts` in a fresh module registry with CDK8S_OUTDIR set to a temp dir. */
export function synthExample(name: string): SynthOutput {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `ex-${name}-`));
  const clusterDir = path.join(outdir, 'cluster-config');
  const manifestsDir = path.join(outdir, 'manifests');
  process.env.CDK8S_OUTDIR = manifestsDir;
  process.env.HEADLAMP_CLUSTER_CONFIG_OUTDIR = clusterDir;
  try {
    jest.isolateModules(() => {
      require(path.join(EXAMPLES, name));
    });
  } finally {
    delete process.env.CDK8S_OUTDIR;
    delete process.env.HEADLAMP_CLUSTER_CONFIG_OUTDIR;
  }
  const files = readOutputs(manifestsDir);
  const clusterConfig = readOutputs(clusterDir);
  fs.rmSync(outdir, { recursive: true, force: true });
  return { files, objects: Object.values(files).flatMap(parseYaml), clusterConfig };
}

/** A test Chart in namespace `headlamp` (or as given) with stable, hash-free names. */
export function testChart(props: ChartProps = {}): Chart {
  return new Chart(new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'chart-')) }), 'test', {
    namespace: 'headlamp',
    disableResourceNameHashes: true,
    ...props,
  });
}

/** The synthesized objects of a chart (runs validations, like `cdk8s synth`). */
export function synth(chart: Chart): any[] {
  return Testing.synth(chart);
}

/** The one object of `kind` (and `name`, when given); fails when there is not exactly one. */
export function only(objects: any[], kind: string, name?: string): any {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata?.name === name));
  if (found.length !== 1) throw new Error(`expected one ${kind}${name ? ` '${name}'` : ''}, found ${found.length}`);
  return found[0];
}
