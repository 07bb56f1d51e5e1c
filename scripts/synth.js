#!/usr/bin/env node
// Synthesizes every example app (compiled by `npm run build`) into dist/<example>/.
// Usage: node scripts/synth.js [example ...]
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const compiled = path.join(root, 'dist', 'examples');
const all = fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
const names = process.argv.length > 2 ? process.argv.slice(2) : all;

for (const name of names) {
  if (!all.includes(name)) {
    console.error(`unknown example '${name}'; known: ${all.join(', ')}`);
    process.exit(2);
  }
  const outdir = path.join(root, 'dist', name);
  fs.rmSync(outdir, { recursive: true, force: true });
  const started = process.hrtime.bigint();
  execFileSync(process.execPath, [path.join(compiled, `${name}.js`)], {
    cwd: root, stdio: 'inherit', env: { ...process.env, CDK8S_OUTDIR: outdir },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const files = fs.readdirSync(outdir).filter((f) => f.endsWith('.yaml'));
  console.log(`${name.padEnd(28)} ${files.map((f) => path.join('dist', name, f)).join(' ')}  (${ms.toFixed(0)} ms)`);
}
