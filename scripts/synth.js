#!/usr/bin/env node
// Synthesizes every example app (compiled by `npm run build`) into out/manifests/<example>/, all in this one
// process: each example is the same standalone app a user runs with `node` or `cdk8s synth`, required in turn
// with CDK8S_OUTDIR pointing at a scratch directory, so module loading is paid once for the batch.
// Output directories only ever lose files an earlier run wrote (scripts/out-dir.js).
// Usage: node scripts/synth.js [example ...]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { root, selectedExamples, manifestsDir } = require('./examples');
const { OutDirError, writeOutputs } = require('./out-dir');

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-headlamp-synth-'));
try {
  for (const name of selectedExamples()) {
    const started = process.hrtime.bigint();
    const tmp = path.join(scratch, name);
    process.env.CDK8S_OUTDIR = tmp;
    require(path.join(root, 'dist', 'examples', `${name}.js`));
    const files = Object.fromEntries(fs.readdirSync(tmp).sort().map((f) => [f, fs.readFileSync(path.join(tmp, f), 'utf8')]));
    const written = writeOutputs(manifestsDir(name), files);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`${name.padEnd(28)} ${written.map((f) => path.relative(root, f)).join(' ')}  (${ms.toFixed(0)} ms)`);
  }
} catch (err) {
  if (!(err instanceof OutDirError)) throw err;
  console.error(err.message);
  process.exitCode = 2;
} finally {
  delete process.env.CDK8S_OUTDIR;
  fs.rmSync(scratch, { recursive: true, force: true });
}
