// The real-world corpus of chart values (test/fixtures/chart-values/real-world) and how a run over it reads each file: the
// fixtures, the opt-ins the CLI offers, the migration in-process, and Headlamp's effective flags against helm template of
// the pinned chart. Shared by scripts/migration-corpus.js (the measurement) and test/migration-corpus.test.ts (the bar).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { parseAllDocuments, parseDocument } = require('yaml');
const { effectiveFlags, differingFlags } = require('./effective-flags');
const { helm } = require('./helm-binary');

const ROOT = path.resolve(__dirname, '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'chart-values', 'real-world');
const PUBLIC_URL = 'https://headlamp.example.com';
const RELEASE = 'headlamp';
const NAMESPACE = 'headlamp';

/**
 * Opt-ins that take a value, with the value a run over the corpus gives them: the facts the values cannot say
 * (where users reach Headlamp, where TLS ends in front of an ingress without tls, the Gateway's HTTPS listener).
 */
const VALUED_OPT_INS = {
  'public-url': PUBLIC_URL,
  'tls-terminated-upstream': 'load-balancer',
  'gateway-listener': 'https',
};

/** The fixtures' file names (sorted), or those whose name includes `filter`. */
function fixtureFiles(filter) {
  const files = fs
    .readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.yaml') && (!filter || f.includes(filter)))
    .sort();
  if (!files.length) throw new Error(`corpus: no fixtures in ${FIXTURES}${filter ? ` matching ${filter}` : ''}`);
  return files;
}

/** A fixture's header (modelled on / form / shape) and its values. */
function readFixture(file) {
  const text = fs.readFileSync(file, 'utf8');
  const header = (name) => new RegExp(`^# ${name}: (.*)$`, 'm').exec(text)?.[1] ?? '?';
  return {
    name: path.basename(file, '.yaml'),
    file,
    source: header('modelled on'),
    form: header('form'),
    shape: header('shape'),
    values: parseDocument(text).toJS() ?? {},
  };
}

/**
 * The opt-ins the CLI's --help offers for --chart-values: every --unsafe-* switch, and each of {@link VALUED_OPT_INS}
 * with its value; as CLI arguments and as in-process options (the CLI maps --a-b to aB).
 */
function optIns(help) {
  const switches = [...new Set([...help.matchAll(/^\s+(--unsafe-[a-z-]+)/gm)].map((m) => m[1]))];
  const valued = Object.keys(VALUED_OPT_INS).filter((name) => new RegExp(`^\\s+--${name} [A-Z]+`, 'm').test(help));
  if (!switches.length || valued.length !== Object.keys(VALUED_OPT_INS).length) {
    throw new Error(
      `corpus: --help no longer lists the opt-ins (--unsafe-*, ${Object.keys(VALUED_OPT_INS)
        .map((n) => `--${n}`)
        .join(', ')})`,
    );
  }
  const camel = (f) => f.replace(/^--/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  return {
    args: [...valued.flatMap((name) => [`--${name}`, VALUED_OPT_INS[name]]), ...switches],
    options: {
      ...Object.fromEntries(valued.map((name) => [camel(name), VALUED_OPT_INS[name]])),
      ...Object.fromEntries(switches.map((f) => [camel(f), true])),
    },
  };
}

const parseYaml = (text) =>
  parseAllDocuments(text)
    .map((d) => d.toJS())
    .filter((o) => o !== null);

/**
 * The migration in-process, as the CLI runs it (migrate, then synth) with `lib` (the compiled package or the sources):
 * its objects and notes, or what refuses it (a ChartMigrationRefusal's key and message, or each issue of a values error).
 */
function migrateInProcess(lib, values, options) {
  const { App } = require('cdk8s');
  const app = new App();
  try {
    const { notes } = lib.migrateChartValues(app, structuredClone(values), { releaseName: RELEASE, ...options });
    return { ok: true, notes, objects: parseYaml(app.synthYaml()) };
  } catch (err) {
    if (err instanceof lib.ChartMigrationRefusal)
      return { ok: false, blockers: [{ key: err.key, message: err.message.slice(err.key.length + 2) }] };
    if (err instanceof lib.HeadlampValidationError)
      return { ok: false, blockers: err.issues.map((i) => ({ key: i.propPath, message: i.message })) };
    throw err;
  }
}

/**
 * Headlamp's effective flags from `helm template` of the pinned chart against the migrated objects: the flags that
 * differ, split into those a note names and those none does (or helm's error).
 */
function compareFlags(fixture, migrated, chart) {
  let rendered;
  try {
    rendered = helm(['template', RELEASE, chart, '--namespace', NAMESPACE, '-f', fixture.file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    return {
      error: `helm template failed: ${
        String(err.stderr || err.message)
          .trim()
          .split('\n')[0]
      }`,
    };
  }
  const theirs = effectiveFlags(parseYaml(rendered));
  const ours = effectiveFlags(migrated.objects);
  const explained = new Set(migrated.notes.flatMap((n) => n.flags));
  const differing = differingFlags(theirs, ours);
  return {
    unexplained: differing.filter((f) => !explained.has(f)).map((f) => ({ flag: f, chart: theirs[f], ours: ours[f] })),
    explained: differing.filter((f) => explained.has(f)),
  };
}

module.exports = {
  ROOT,
  FIXTURES,
  PUBLIC_URL,
  RELEASE,
  NAMESPACE,
  fixtureFiles,
  readFixture,
  optIns,
  migrateInProcess,
  compareFlags,
  parseYaml,
};
