// Builds Traefik from its Go module (github.com/traefik/traefik/v3 at an exact version, from the module proxy) into
// the real-component cache. `go install pkg@version` refuses it: Traefik's go.mod has replace directives (the
// containous forks of gorilla/mux, go-http-auth and minheap). So the module is downloaded, copied into the cache as
// the main module (its replaces then apply as upstream builds it) and built there, with nothing of ours in it.
// Why v3.6.12 and not v3.7.x: the proxy serves v3.7.11-v3.7.13, but not what they need to build (their replace
// github.com/containous/go-http-auth v0.4.1-0.20260804094822-b975dcaa8c48 answers 403, and their nested module
// github.com/traefik/traefik/dynamic/ext is neither in the zip nor served).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { cacheRoot } = require('./go-tools');

const TRAEFIK_MODULE = 'github.com/traefik/traefik/v3';

/** The path of the traefik binary at `version` (e.g. v3.6.12), built once into the cache when missing. */
function ensureTraefik(version) {
  const dir = path.join(cacheRoot(), `traefik-${version}`);
  const bin = path.join(dir, 'bin', 'traefik');
  if (fs.existsSync(bin)) return bin;
  const src = path.join(dir, 'src');
  const env = { ...process.env, CGO_ENABLED: '0' };
  const run = (args, cwd) =>
    execFileSync('go', args, {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 30 * 60 * 1000,
    });
  try {
    const info = JSON.parse(run(['mod', 'download', '-json', `${TRAEFIK_MODULE}@${version}`], madeDir(dir)).toString());
    fs.rmSync(src, { recursive: true, force: true });
    fs.cpSync(info.Dir, src, { recursive: true });
    makeWritable(src);
    run(['build', '-trimpath', '-o', bin, './cmd/traefik'], src);
  } catch (err) {
    const msg = String(err.stderr ?? err.message)
      .trim()
      .split('\n')
      .slice(-3)
      .join(' | ');
    throw new Error(`building ${TRAEFIK_MODULE}@${version} failed: ${msg}`, { cause: err });
  }
  return bin;
}

function madeDir(dir) {
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

function makeWritable(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    fs.chmodSync(p, entry.isDirectory() ? 0o755 : 0o644);
    if (entry.isDirectory()) makeWritable(p);
  }
}

/** The Traefik the real suites run: the newest the module proxy can build (see above), matching raw paths (v3.6.7+). */
const TRAEFIK_VERSION = 'v3.6.12';

module.exports = { ensureTraefik, TRAEFIK_MODULE, TRAEFIK_VERSION };
