#!/usr/bin/env node
// Writes every example's manifests (from `npm run synth`, in dist/<example>/) as a Helm chart into
// dist/helm/<example>/. Usage: node scripts/synth-helm.js [example ...]
const fs = require('node:fs');
const path = require('node:path');
const { selectedExamples, root } = require('./examples');
const { writeChart } = require('./helm-chart');

const { version } = require('../package.json');
const { HEADLAMP_VERSION } = require('../dist/lib');

for (const name of selectedExamples()) {
  const manifestsDir = path.join(root, 'dist', name);
  if (!fs.existsSync(manifestsDir)) {
    console.error(`${path.relative(root, manifestsDir)} is missing: run npm run synth first`);
    process.exit(1);
  }
  const manifests = Object.fromEntries(fs.readdirSync(manifestsDir).filter((f) => f.endsWith('.yaml'))
    .map((f) => [f, fs.readFileSync(path.join(manifestsDir, f), 'utf8')]));
  const dir = path.join(root, 'dist', 'helm', name);
  writeChart(dir, { name: `headlamp-${name}`, version, appVersion: HEADLAMP_VERSION, description: `Headlamp, ${name} topology (cdk8s-headlamp)` }, manifests);
  console.log(`${name.padEnd(28)} ${path.relative(root, dir)}/`);
}
