#!/usr/bin/env node
// Synthesizes every example app (compiled by `npm run build`) into out/manifests/<example>/ (and the API server
// files of the OIDC and proxy examples into out/cluster-config/<example>/, apart from the manifests), all in this one
// process: each example is the same standalone app a user runs with `node` or `cdk8s synth`, required in turn
// with CDK8S_OUTDIR pointing at a scratch directory, so module loading is paid once for the batch.
// Output directories only ever lose files an earlier run wrote (lib/core/output-dir.ts), and every output directory
// is checked (no foreign files, no symbolic links) before the first one is written.
// Usage: node scripts/synth.js [example ...]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { root, selectedExamples, manifestsDir, clusterConfigDir } = require('./examples');
const { OutputDirError, applyOutputs, planOutputs, readOutputs } = require('../dist/lib/core/output-dir');

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-headlamp-synth-'));
try {
  const runs = [];
  for (const name of selectedExamples()) {
    const started = process.hrtime.bigint();
    const tmp = path.join(scratch, name);
    const tmpCluster = path.join(scratch, `${name}.cluster-config`);
    process.env.CDK8S_OUTDIR = tmp;
    process.env.HEADLAMP_CLUSTER_CONFIG_OUTDIR = tmpCluster;
    require(path.join(root, 'dist', 'examples', `${name}.js`));
    const plans = [planOutputs(manifestsDir(name), readOutputs(tmp))];
    if (fs.existsSync(tmpCluster)) plans.push(planOutputs(clusterConfigDir(name), readOutputs(tmpCluster)));
    runs.push({ name, plans, ms: Number(process.hrtime.bigint() - started) / 1e6 });
  }
  for (const { name, plans, ms } of runs) {
    const written = plans.flatMap(applyOutputs);
    console.log(`${name.padEnd(28)} ${written.map((f) => path.relative(root, f)).join(' ')}  (${ms.toFixed(0)} ms)`);
  }
} catch (err) {
  if (!(err instanceof OutputDirError)) throw err;
  console.error(err.message);
  process.exitCode = 2;
} finally {
  delete process.env.CDK8S_OUTDIR;
  delete process.env.HEADLAMP_CLUSTER_CONFIG_OUTDIR;
  fs.rmSync(scratch, { recursive: true, force: true });
}
