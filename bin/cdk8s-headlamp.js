#!/usr/bin/env node
// Renders a hardened Headlamp from a values file, for pipelines and teams that do not write TypeScript.
//   cdk8s-headlamp --values values.yaml [--out dist/headlamp] [--helm] [--name headlamp]
// Values are validated by the library's own schemas; a bad field prints one line per problem and exits 1.
const fs = require('node:fs');
const path = require('node:path');
const { App } = require('cdk8s');
const { parse } = require('yaml');
const { headlampChartFromValues, HeadlampValidationError, HEADLAMP_VERSION } = require('../dist/lib');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

const valuesFile = arg('values');
if (!valuesFile) {
  console.error('usage: cdk8s-headlamp --values values.yaml [--out dir] [--helm] [--name release-name]');
  process.exit(2);
}
const name = arg('name', 'headlamp');
const out = path.resolve(arg('out', path.join('dist', name)));
try {
  const values = parse(fs.readFileSync(valuesFile, 'utf8'));
  const app = new App({ outdir: out });
  headlampChartFromValues(app, name, values);
  fs.rmSync(out, { recursive: true, force: true });
  if (process.argv.includes('--helm')) {
    const { writeChart } = require('../scripts/helm-chart');
    const { version } = require('../package.json');
    writeChart(out, { name, version, appVersion: HEADLAMP_VERSION, description: `Headlamp (cdk8s-headlamp, from ${path.basename(valuesFile)})` },
      { [`${name}.k8s.yaml`]: app.synthYaml() });
  } else {
    app.synth();
  }
  console.log(out);
} catch (err) {
  if (err instanceof HeadlampValidationError || /Validation failed/.test(err.message)) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
