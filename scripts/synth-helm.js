#!/usr/bin/env node
// Writes every example (compiled by `npm run build`) as a Helm chart into dist/helm/<example>/.
// Usage: node scripts/synth-helm.js [example ...]
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { writeChart } = require('./helm-chart');

const root = path.resolve(__dirname, '..');
const { version } = require('../package.json');
const { HEADLAMP_VERSION } = require('../dist/lib');
const all = fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
const names = process.argv.length > 2 ? process.argv.slice(2) : all;

for (const name of names) {
  if (!all.includes(name)) {
    console.error(`unknown example '${name}'; known: ${all.join(', ')}`);
    process.exit(2);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'helm-synth-'));
  execFileSync(process.execPath, [path.join(root, 'dist', 'examples', `${name}.js`)], { cwd: root, stdio: 'inherit', env: { ...process.env, CDK8S_OUTDIR: tmp } });
  const manifests = Object.fromEntries(fs.readdirSync(tmp).map((f) => [f, fs.readFileSync(path.join(tmp, f), 'utf8')]));
  const dir = path.join(root, 'dist', 'helm', name);
  writeChart(dir, { name: `headlamp-${name}`, version, appVersion: HEADLAMP_VERSION, description: `Headlamp, ${name} topology (cdk8s-headlamp)` }, manifests);
  fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`${name.padEnd(28)} ${path.relative(root, dir)}/`);
}
