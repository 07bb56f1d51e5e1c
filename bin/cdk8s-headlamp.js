#!/usr/bin/env node
// cdk8s-headlamp: renders a hardened Headlamp from a values file (docs/values.md), for pipelines and teams
// that do not write TypeScript. Every field goes through the constructs' own schemas.
// Exit codes: 0 done (or --help/--version), 1 the values are invalid, 2 a usage error, an unreadable file,
// or an output directory it refuses to touch.
const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');

const HELP = `Usage: cdk8s-headlamp --values FILE [--out DIR] [--helm] [--name NAME]

Renders Headlamp's Kubernetes manifests (or a Helm chart) from a values file.

Options:
  --values FILE   values file, YAML or JSON (format: docs/values.md in the package)     required
  --out DIR       output directory; created if missing. A directory that cdk8s-headlamp
                  did not write (no .cdk8s-headlamp file) must be empty: nothing of yours
                  is ever deleted, only the files of the previous run are replaced.   default: out/NAME
  --helm          write a Helm chart (Chart.yaml, values.yaml, templates/) instead of
                  plain manifests (NAME.k8s.yaml)
  --name NAME     release name: chart id, Helm chart name and output file name        default: headlamp
  -h, --help      print this help and exit
  -V, --version   print the versions of cdk8s-headlamp and the Headlamp image it pins, and exit

Exit codes: 0 done; 1 invalid values (one line per problem, each naming the key);
2 usage error, unreadable values file, or an output directory that is not ours.`;

/** A usage or file problem: one line on stderr, exit 2. */
class UsageError extends Error {}

function options(argv) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        values: { type: 'string' },
        out: { type: 'string' },
        helm: { type: 'boolean' },
        name: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
      },
    }).values;
  } catch (err) {
    throw new UsageError(`${err.message.split('\n')[0].replace(/\. To specify.*$/, '')}; see --help`);
  }
}

function readValues(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read values file ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.code ?? err.message}`);
  }
  const { parseDocument } = require('yaml');
  const doc = parseDocument(text);
  if (doc.errors.length) {
    const e = doc.errors[0];
    const where = e.linePos?.[0] ? `:${e.linePos[0].line}:${e.linePos[0].col}` : '';
    return { error: `${file}${where}: not valid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}` };
  }
  return { values: doc.toJS() };
}

function main(argv) {
  const opts = options(argv);
  const pkg = require('../package.json');
  if (opts.help) return console.log(HELP), 0;
  const lib = require('../dist/lib');
  if (opts.version) return console.log(`cdk8s-headlamp ${pkg.version} (Headlamp v${lib.HEADLAMP_VERSION})`), 0;
  if (!opts.values) throw new UsageError('--values FILE is required; see --help');
  const name = opts.name ?? 'headlamp';
  if (!/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(name)) throw new UsageError(`--name: expected a DNS-1035 label such as 'headlamp', got ${JSON.stringify(name)}`);

  const read = readValues(opts.values);
  if (read.error) return console.error(read.error), 1;
  const { App } = require('cdk8s');
  const app = new App();
  try {
    lib.headlampChartFromValues(app, name, read.values);
    var yamlText = app.synthYaml();
  } catch (err) {
    if (!(err instanceof lib.HeadlampValidationError)) throw err;
    console.error(err.message);
    return 1;
  }
  const { OutputDirError, writeOutputs } = require('../dist/lib/output-dir');
  const out = path.resolve(opts.out ?? path.join('out', name));
  const manifests = { [`${name}.k8s.yaml`]: yamlText };
  let files = manifests;
  if (opts.helm) {
    const { chartFiles } = require('../scripts/helm-chart');
    files = chartFiles({ name, version: pkg.version, appVersion: lib.HEADLAMP_VERSION,
      description: `Headlamp (cdk8s-headlamp, from ${path.basename(opts.values)})` }, manifests);
  }
  try {
    for (const file of writeOutputs(out, files)) console.log(file);
  } catch (err) {
    if (err instanceof OutputDirError) throw new UsageError(err.message);
    throw err;
  }
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  if (err instanceof UsageError) {
    console.error(`cdk8s-headlamp: ${err.message}`);
    process.exitCode = 2;
  } else {
    // A bug of ours, not a problem with the input: say so in one line; the stack only on request.
    console.error(`cdk8s-headlamp: internal error: ${err.message} (set CDK8S_HEADLAMP_DEBUG=1 for the stack; please report it)`);
    if (process.env.CDK8S_HEADLAMP_DEBUG) console.error(err.stack);
    process.exitCode = 70;
  }
}
