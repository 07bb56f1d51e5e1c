#!/usr/bin/env node
// Writes every example's manifests (from `npm run synth`, in out/manifests/<example>/) as a Helm chart into
// out/helm/<example>/. Every chart directory is checked before the first is written, and manifests are read without
// following symbolic links (lib/core/output-dir.ts). Usage: node scripts/synth-helm.js [example ...]
const fs = require('node:fs');
const path = require('node:path');
const { selectedExamples, root, manifestsDir, helmDir } = require('./examples');
const { chartFiles } = require('./helm-chart');
const { OutputDirError, applyOutputs, planOutputs, readOutputs } = require('../dist/lib/core/output-dir');

const { version } = require('../package.json');
const { HEADLAMP_VERSION } = require('../dist/lib').HeadlampDeployment;

try {
  const plans = [];
  for (const name of selectedExamples()) {
    const from = manifestsDir(name);
    if (!fs.existsSync(from)) {
      console.error(`${path.relative(root, from)} is missing: run npm run synth first`);
      process.exit(1);
    }
    const manifests = Object.fromEntries(
      Object.entries(readOutputs(from)).filter(([f]) => !f.includes(path.sep) && f.endsWith('.yaml')),
    );
    const chart = chartFiles(
      {
        name: `headlamp-${name}`,
        version,
        appVersion: HEADLAMP_VERSION,
        description: `Headlamp, ${name} topology (cdk8s-headlamp)`,
      },
      manifests,
    );
    plans.push({ name, plan: planOutputs(helmDir(name), chart) });
  }
  for (const { name, plan } of plans) {
    applyOutputs(plan);
    console.log(`${name.padEnd(28)} ${path.relative(root, plan.root)}/`);
  }
} catch (err) {
  if (!(err instanceof OutputDirError)) throw err;
  console.error(err.message);
  process.exit(2);
}
