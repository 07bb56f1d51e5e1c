// Builds the real components the `npm run test:real` suites start on loopback, from the Go module proxy by module
// name and exact version (never vendored): `go install <package>@<version>` into a cache outside the repository
// (${CDK8S_HEADLAMP_REAL_CACHE:-~/.cache/cdk8s-headlamp/real}/<name>-<version>/bin), reused on the next run.
// A build needs the go command and the module proxy; without them it fails with one line naming what is missing.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** Root of the cache of built components (outside the repository). */
function cacheRoot(env = process.env) {
  return env.CDK8S_HEADLAMP_REAL_CACHE || path.join(os.homedir(), '.cache', 'cdk8s-headlamp', 'real');
}

/**
 * The path of `binary` built from `pkg@version` (e.g. github.com/oauth2-proxy/oauth2-proxy/v7@v7.15.6), building it
 * once when missing. `env` adds build variables (GOFLAGS, CGO_ENABLED...).
 */
function ensureGoInstall({ name, pkg, version, binary, env = {} }) {
  const dir = path.join(cacheRoot(), `${name}-${version}`);
  const bin = path.join(dir, 'bin', binary ?? path.basename(pkg.replace(/\/v\d+$/, '')));
  if (fs.existsSync(bin)) return bin;
  goOrFail();
  fs.mkdirSync(dir, { recursive: true });
  try {
    execFileSync('go', ['install', `${pkg}@${version}`], {
      env: { ...process.env, GOBIN: path.join(dir, 'bin'), CGO_ENABLED: '0', ...env },
      stdio: ['ignore', 'inherit', 'pipe'],
      timeout: 30 * 60 * 1000,
    });
  } catch (err) {
    throw new Error(
      `go install ${pkg}@${version} failed: ${String(err.stderr ?? err.message)
        .trim()
        .split('\n')
        .slice(-3)
        .join(' | ')}`,
      { cause: err },
    );
  }
  return bin;
}

/**
 * Builds the Go program of this repository in `srcDir` (its own go.mod and go.sum pin every module) into the cache,
 * keyed by a hash of its sources so an edit rebuilds it.
 */
function ensureGoProgram({ name, srcDir, env = {} }) {
  const files = fs
    .readdirSync(srcDir)
    .filter((f) => /\.(go|mod|sum)$/.test(f))
    .sort();
  const hash = require('node:crypto').createHash('sha256');
  for (const f of files) hash.update(f).update(fs.readFileSync(path.join(srcDir, f)));
  const bin = path.join(cacheRoot(), `${name}-${hash.digest('hex').slice(0, 16)}`, name);
  if (fs.existsSync(bin)) return bin;
  goOrFail();
  try {
    execFileSync('go', ['build', '-o', bin, '.'], {
      cwd: srcDir,
      env: { ...process.env, CGO_ENABLED: '0', ...env },
      stdio: ['ignore', 'inherit', 'pipe'],
      timeout: 30 * 60 * 1000,
    });
  } catch (err) {
    throw new Error(
      `go build ${srcDir} failed: ${String(err.stderr ?? err.message)
        .trim()
        .split('\n')
        .slice(-3)
        .join(' | ')}`,
      { cause: err },
    );
  }
  return bin;
}

function goOrFail() {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
  } catch {
    throw new Error(
      'the go command is not installed: the real-component suites build their programs with it (https://go.dev/dl)',
    );
  }
}

module.exports = { cacheRoot, ensureGoInstall, ensureGoProgram };

/** Records that a suite ran `component` at `version`: `npm run test:real` prints `REAL <component> <version>`. */
function reportReal(component, version) {
  const file = process.env.CDK8S_HEADLAMP_REAL_REPORT;
  if (file) fs.appendFileSync(file, `REAL ${component} ${version}\n`);
}

module.exports.reportReal = reportReal;
