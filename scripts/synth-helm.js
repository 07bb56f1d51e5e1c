#!/usr/bin/env node
// Writes every example's manifests (from `npm run synth`, in out/manifests/<example>/) as a Helm chart into
// out/helm/<example>/. Usage: node scripts/synth-helm.js [example ...]
const fs = require('node:fs');
const path = require('node:path');
const { selectedExamples, root, manifestsDir, helmDir } = require('./examples');
const { chartFiles } = require('./helm-chart');
const { OutputDirError, writeOutputs } = require('../dist/lib/core/output-dir');

const { version } = require('../package.json');
const { HEADLAMP_VERSION } = require('../dist/lib');

try {
  for (const name of selectedExamples()) {
    const from = manifestsDir(name);
    if (!fs.existsSync(from)) {
      console.error(`${path.relative(root, from)} is missing: run npm run synth first`);
      process.exit(1);
    }
    const manifests = Object.fromEntries(fs.readdirSync(from).filter((f) => f.endsWith('.yaml'))
      .map((f) => [f, fs.readFileSync(path.join(from, f), 'utf8')]));
    const dir = helmDir(name);
    writeOutputs(dir, chartFiles({ name: `headlamp-${name}`, version, appVersion: HEADLAMP_VERSION, description: `Headlamp, ${name} topology (cdk8s-headlamp)` }, manifests));
    console.log(`${name.padEnd(28)} ${path.relative(root, dir)}/`);
  }
} catch (err) {
  if (!(err instanceof OutputDirError)) throw err;
  console.error(err.message);
  process.exit(2);
}
