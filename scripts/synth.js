#!/usr/bin/env node
// Synthesizes every example app (compiled by `npm run build`) into dist/<example>/.
// Usage: node scripts/synth.js [example ...]
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { root, selectedExamples } = require('./examples');

for (const name of selectedExamples()) {
  const outdir = path.join(root, 'dist', name);
  fs.rmSync(outdir, { recursive: true, force: true });
  const started = process.hrtime.bigint();
  execFileSync(process.execPath, [path.join(root, 'dist', 'examples', `${name}.js`)], {
    cwd: root, stdio: 'inherit', env: { ...process.env, CDK8S_OUTDIR: outdir },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const files = fs.readdirSync(outdir).filter((f) => f.endsWith('.yaml'));
  console.log(`${name.padEnd(28)} ${files.map((f) => path.join('dist', name, f)).join(' ')}  (${ms.toFixed(0)} ms)`);
}
