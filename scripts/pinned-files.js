// Upstream files the test suite and scripts need but the repository does not vendor (Kubernetes API
// definitions, CRDs, the official Headlamp chart for the migration tests): each pinned to a URL at a fixed tag or
// commit and its sha256. A file is read from the first directory that has it ($HEADLAMP_SCHEMAS_DIR; the shared folder
// $HEADLAMP_SHARED_DIR, laid out as schemas/, crds/ and charts/headlamp/; ../shared next to the repository, the same
// layout; .cache/schemas); when none does, it is downloaded once into .cache/schemas and its hash checked.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const ENV_VAR = 'HEADLAMP_SCHEMAS_DIR';
const SCHEMA_SOURCES = require('./schema-sources.json');
const CHART = require('./chart-sources.json');
const CHART_ENV_VAR = 'HEADLAMP_CHART_DIR';
/** One variable for everything: a folder laid out as this workplace's shared copy (schemas/, crds/, charts/headlamp/). */
const SHARED_ENV_VAR = 'HEADLAMP_SHARED_DIR';
/** The shared folders to look in: $HEADLAMP_SHARED_DIR, then ../shared next to the repository. */
const sharedDirs = (env) => [env[SHARED_ENV_VAR], path.join(root, '..', 'shared')].filter(Boolean);
/** The official chart's files (templates, values, test cases), each pinned to the upstream commit. */
const CHART_SOURCES = Object.fromEntries(
  Object.entries(CHART.files).map(([f, sha256]) => [f, { url: `${CHART.base}${f}`, sha256 }]),
);

/** Directories searched in order, before the download cache. */
function schemaDirs(env = process.env) {
  return [env[ENV_VAR], ...sharedDirs(env).flatMap((s) => [path.join(s, 'schemas'), path.join(s, 'crds')])].filter(
    Boolean,
  );
}

const defaults = () => ({
  sources: SCHEMA_SOURCES,
  dirs: schemaDirs(),
  cacheDir: path.join(root, '.cache', 'schemas'),
  envVar: ENV_VAR,
});

/** Path of `name` in the directories or the cache, or undefined. Synchronous: no download. */
function findPinned(name, options = {}) {
  const { sources, dirs, cacheDir } = { ...defaults(), ...options };
  if (!(name in sources)) throw new Error(`unknown pinned file ${name}`);
  for (const dir of [...dirs, cacheDir]) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}

/** One line saying what could not be had, from where, and the way out. */
function missingMessage(name, source, cause, envVar = ENV_VAR) {
  return (
    `cannot get ${name}: ${source.url}: ${cause}; set ${SHARED_ENV_VAR} to the shared folder (schemas/, crds/, charts/headlamp/) ` +
    `or ${envVar} to a directory holding it (or run where that URL is reachable)`
  );
}

/**
 * Makes every pinned file available, downloading what no directory has into the cache (once).
 * Resolves to name -> path; rejects with a one-line Error naming the file, the URL and the env var.
 */
async function ensurePinned(options = {}) {
  const { sources, dirs, cacheDir, envVar } = { ...defaults(), ...options };
  const found = {};
  for (const [name, source] of Object.entries(sources)) {
    const local = findPinned(name, { sources, dirs, cacheDir });
    if (local) {
      found[name] = local;
      continue;
    }
    let body;
    try {
      const res = await fetch(source.url, { signal: AbortSignal.timeout(60_000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      body = Buffer.from(await res.arrayBuffer());
    } catch (err) {
      const cause = err.cause?.code ?? err.cause?.message ?? err.message;
      throw new Error(missingMessage(name, source, cause, envVar), { cause: err });
    }
    const sha256 = crypto.createHash('sha256').update(body).digest('hex');
    if (sha256 !== source.sha256)
      throw new Error(missingMessage(name, source, `sha256 ${sha256}, expected ${source.sha256}`, envVar));
    const file = path.join(cacheDir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(`${file}.part`, body);
    fs.renameSync(`${file}.part`, file);
    found[name] = file;
  }
  return found;
}

/** Directories that may hold the whole chart: $HEADLAMP_CHART_DIR, <shared>/charts/headlamp, the download cache. */
function chartDirs(env = process.env) {
  const shared = sharedDirs(env).map((s) => path.join(s, 'charts', 'headlamp'));
  return [env[CHART_ENV_VAR], ...shared, path.join(root, '.cache', 'chart', 'headlamp')].filter(Boolean);
}

/** A directory holding every pinned chart file, or undefined. Synchronous: no download. */
function findChart() {
  return chartDirs().find((dir) => Object.keys(CHART_SOURCES).every((f) => fs.existsSync(path.join(dir, f))));
}

/** The chart directory, downloading the pinned files into .cache/chart/headlamp when no directory has them all. */
async function ensureChart() {
  const dir = findChart();
  if (dir) return dir;
  const cacheDir = path.join(root, '.cache', 'chart', 'headlamp');
  await ensurePinned({ sources: CHART_SOURCES, dirs: [], cacheDir, envVar: CHART_ENV_VAR });
  return cacheDir;
}

module.exports = {
  ENV_VAR,
  CHART_ENV_VAR,
  SHARED_ENV_VAR,
  SCHEMA_SOURCES,
  CHART_SOURCES,
  schemaDirs,
  findPinned,
  ensurePinned,
  findChart,
  ensureChart,
};
