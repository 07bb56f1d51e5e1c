// The example apps, the ones a script's arguments select (all by default; an unknown name exits 2), and
// where their output goes: out/manifests/<example>/ (what a GitOps tool applies), out/helm/<example>/,
// out/cluster-config/<example>/ (API server files for the cluster operator).
// Compiled code lives in dist/; synthesized output never does.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const all = fs
  .readdirSync(path.join(root, 'examples'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .sort();

function selectedExamples(argv = process.argv.slice(2)) {
  const unknown = argv.filter((n) => !all.includes(n));
  if (unknown.length) {
    console.error(`unknown example '${unknown[0]}'; known: ${all.join(', ')}`);
    process.exit(2);
  }
  return argv.length ? argv : all;
}

const manifestsDir = (name) => path.join(root, 'out', 'manifests', name);
const helmDir = (name) => path.join(root, 'out', 'helm', name);
// Files for the cluster operator (API server configuration): never inside a manifests directory.
const clusterConfigDir = (name) => path.join(root, 'out', 'cluster-config', name);

module.exports = { root, selectedExamples, manifestsDir, helmDir, clusterConfigDir };
