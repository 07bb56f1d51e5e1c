#!/usr/bin/env node
// Issue 20's measuring stick (a measurement, not a test): runs `cdk8s-headlamp --chart-values` over the corpus of
// real-world values files (test/fixtures/chart-values/real-world, one per public source) as a user would, first
// plain, then with every opt-in the CLI's --help offers, and prints:
//   1. a table: fixture, form, migrates? (plain / opt-ins / refused), exit codes, the first refusal line;
//   2. the share that migrates;
//   3. refusal reasons grouped by pattern: what stops each file first, every blocker found by taking the refused
//      value out and trying again (in-process, same function as the CLI), the same by family (patterns one fix
//      covers together) with the files each alone blocks, and the order of fixes that unblocks the most files;
//   4. for each file that migrates: Headlamp's effective flags (args + HEADLAMP_CONFIG_* env, $(VAR) resolved)
//      from `helm template` of the pinned official chart against the migrated output, differences no note explains.
// Run after `npm run build`: node scripts/migration-corpus.js [fixture-name-filter]
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const {
  compareFlags,
  fixtureFiles,
  FIXTURES,
  migrateInProcess: migrate,
  optIns,
  readFixture,
  ROOT,
} = require('./corpus');
const { findChart } = require('./pinned-files');

const CLI = path.join(ROOT, 'bin', 'cdk8s-headlamp.js');

if (!fs.existsSync(path.join(ROOT, 'dist', 'lib', 'index.js'))) {
  console.error('migration-corpus: dist/lib/index.js is missing; run `npm run build` first');
  process.exit(2);
}
const lib = require(path.join(ROOT, 'dist', 'lib'));

/** Runs the CLI in a fresh process: exit code, stdout and stderr. */
function cli(args) {
  const res = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CDK8S_HEADLAMP_DEBUG: '' },
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** The migration in-process with the compiled package, as the CLI runs it. */
const migrateInProcess = (values, options) => migrate(lib, values, options);

/** `a.b[0].c['d.e']` -> ['a', 'b', 0, 'c', 'd.e']. */
const segments = (key) =>
  [...key.matchAll(/\['([^']*)'\]|\[(\d+)\]|([^.[\]]+)/g)].map(
    (m) => m[1] ?? (m[2] !== undefined ? Number(m[2]) : m[3]),
  );

/** Where `s` is in `cur`: a key, a list index, or (a name in a list of named entries, such as env.NAME) its index. */
function at(cur, s) {
  if (Array.isArray(cur) && typeof s === 'string') {
    const i = cur.findIndex((e) => e && e.name === s);
    return i < 0 ? undefined : i;
  }
  return cur !== null && typeof cur === 'object' && s in cur ? s : undefined;
}

/** Removes the value at `segs` (a path into `values`); true when something was there. */
function remove(values, segs) {
  let cur = values;
  for (const s of segs.slice(0, -1)) {
    const k = at(cur, s);
    if (k === undefined) return false;
    cur = cur[k];
  }
  const k = at(cur, segs[segs.length - 1]);
  if (k === undefined) return false;
  if (Array.isArray(cur)) cur.splice(k, 1);
  else delete cur[k];
  return true;
}

/** Key with list indices folded, for grouping: `env[3]` -> `env[]`. */
const normKey = (key) => key.replace(/\[\d+\]/g, '[]');

/** A refusal's pattern: the values key (indices folded) and the gist of the reason. */
function pattern({ key, message }) {
  if (/^unknown key/.test(message)) return `unknown key ${normKey(key)}`;
  const gist = message
    .replace(/ \((HeadlampDeployment|HeadlampIngress|HeadlampHttpRoute|OidcConfig|HeadlampPlugins)[^)]*\)$/, '')
    .split(/; |: /)[0]
    // the values themselves vary from file to file; the reason does not
    .replace(/got image tag \S+/, 'got an older image tag')
    .replace(/got ("[^"]*"?|-?[\d.e+]+)/, 'got …')
    .slice(0, 90);
  return `${normKey(key)}: ${gist}`;
}

/**
 * A pattern's family, for the order of fixes: patterns one fix would cover together (every key the chart does not
 * know; the managed annotations of one kind; every HEADLAMP_CONFIG_* env var; every flag refused for the image tag).
 */
function family(p) {
  if (p.startsWith('unknown key ')) return 'unknown keys (any; the chart ignores them)';
  if (/^ingress\.annotations\[.*(ssl-redirect|router\.(tls|entrypoints)).*\]: is managed/.test(p)) {
    return 'ingress.annotations: a TLS redirect / entry point annotation the library sets itself (ssl-redirect, force-ssl-redirect, router.tls, router.entrypoints)';
  }
  if (/^ingress\.annotations\[.*auth-.*\]: is managed/.test(p))
    return 'ingress.annotations: an external auth gate (nginx auth-url/auth-signin/... forward auth, auth-type basic)';
  if (/^ingress\.annotations\[.*snippet.*\]: is managed/.test(p)) return 'ingress.annotations: a *-snippet';
  if (/^env\.HEADLAMP_CONFIG_/.test(p)) return 'env.HEADLAMP_CONFIG_*: sets a typed Headlamp flag, got it in extraEnv';
  if (/got an older image tag/.test(p))
    return 'image.tag: older than a flag the migration always passes (-in-cluster-context-name, -session-ttl)';
  if (/^image\.(tag|repository): expected/.test(p))
    return 'image.tag / image.repository: a digest pinned through them (not a plain tag or repository)';
  return p;
}

/**
 * Every blocker of a refused file, with every opt-in: take the refused value out and try again, until it migrates.
 * A key refused again after its value was taken out (a value that is missing, such as ingress.tls) takes its
 * parent out next (ingress). Returns the blockers in the order met, and whether the rest then migrates.
 */
function peel(values, options) {
  const v = structuredClone(values);
  const met = new Map();
  for (let round = 0; round < 40; round++) {
    const r = migrateInProcess(v, options);
    if (r.ok) return { blockers: [...met.values()], resolved: true };
    for (const b of r.blockers) {
      const id = `${b.key}\u0000${b.message}`;
      const seen = met.get(id);
      const depth = seen ? seen.depth + 1 : 0;
      met.set(id, { ...b, depth });
      // A flag the migration always passes, refused for the image tag the values pin: the tag is what to take out.
      const segs = /got image tag /.test(b.message) ? ['image', 'tag'] : segments(b.key);
      if (depth >= segs.length || b.key === '(top level)') return { blockers: [...met.values()], resolved: false };
      remove(v, segs.slice(0, segs.length - depth));
    }
  }
  return { blockers: [...met.values()], resolved: false };
}

function table(header, rows) {
  const widths = header.map((h, i) =>
    i === header.length - 1 ? 0 : Math.max(h.length, ...rows.map((r) => String(r[i]).length)),
  );
  const line = (r) =>
    r
      .map((c, i) => (i === r.length - 1 ? String(c) : String(c).padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(line(header.map((h, i) => '-'.repeat(i === header.length - 1 ? h.length : widths[i]))));
  for (const r of rows) console.log(line(r));
}

const pct = (n, d) => `${((100 * n) / d).toFixed(0)}%`;
const num = (name) => name.slice(0, 2);

function main() {
  const files = fixtureFiles(process.argv[2]);
  const { args: optInArgs, options: optInOptions } = optIns(cli(['--help']).stdout);
  const chart = findChart();
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'migration-corpus-'));
  const results = [];
  try {
    for (const [i, f] of files.entries()) {
      const fixture = readFixture(path.join(FIXTURES, f));
      const plain = cli(['--chart-values', fixture.file, '--out', path.join(out, `${i}-plain`)]);
      const withOptIns =
        plain.status === 0
          ? plain
          : cli(['--chart-values', fixture.file, '--out', path.join(out, `${i}-opt-ins`), ...optInArgs]);
      const outcome = plain.status === 0 ? 'plain' : withOptIns.status === 0 ? 'opt-ins' : 'refused';
      const r = { fixture, plain, withOptIns, outcome };
      const options = outcome === 'plain' ? {} : optInOptions;
      const inProcess = migrateInProcess(fixture.values, options);
      if (inProcess.ok !== (outcome !== 'refused'))
        r.mismatch = `in-process ${inProcess.ok ? 'migrates' : 'refuses'}, the CLI ${outcome}`;
      if (outcome !== 'plain') r.optInsNeeded = migrateInProcess(fixture.values, {}).blockers ?? [];
      if (inProcess.ok) r.flags = compareFlags(fixture, inProcess, chart);
      else r.peeled = peel(fixture.values, optInOptions);
      results.push(r);
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }

  // 1. The table.
  const firstLine = (s) => s.trim().split('\n')[0] ?? '';
  console.log(
    `Migration of ${results.length} real-world values files (${path.relative(ROOT, FIXTURES)}), chart ${path.relative(ROOT, chart)}`,
  );
  console.log(`opt-ins: ${optInArgs.join(' ')}\n`);
  table(
    ['fixture', 'form', 'migrates?', 'exit', 'first refusal line (plain run, or the opt-in run when refused)'],
    results.map((r) => [
      r.fixture.name,
      r.fixture.form,
      r.outcome === 'plain' ? 'plain' : r.outcome === 'opt-ins' ? 'with opt-ins' : 'refused',
      r.outcome === 'plain' ? '0' : `${r.plain.status}/${r.withOptIns.status}`,
      r.outcome === 'refused'
        ? firstLine(r.withOptIns.stderr)
        : r.outcome === 'opt-ins'
          ? firstLine(r.plain.stderr)
          : '',
    ]),
  );
  for (const r of results.filter((x) => x.mismatch)) console.log(`WARNING ${r.fixture.name}: ${r.mismatch}`);

  // 2. The share.
  const n = results.length;
  const plainN = results.filter((r) => r.outcome === 'plain').length;
  const optN = results.filter((r) => r.outcome === 'opt-ins').length;
  console.log(
    `\nShare that migrates: ${plainN}/${n} plain (${pct(plainN, n)}); ${plainN + optN}/${n} with the opt-ins (${pct(plainN + optN, n)}); ` +
      `${n - plainN - optN}/${n} refused (${pct(n - plainN - optN, n)})`,
  );
  const forms = [...new Set(results.map((r) => r.fixture.form))].sort();
  console.log(
    `by form: ${forms
      .map((fm) => {
        const rs = results.filter((r) => r.fixture.form === fm);
        return `${fm} ${rs.filter((r) => r.outcome !== 'refused').length}/${rs.length}`;
      })
      .join(', ')} (with opt-ins)`,
  );

  // 3. Refusal reasons by pattern.
  const tally = (title, entries) => {
    const by = new Map();
    for (const [p, name] of entries) by.set(p, [...new Set([...(by.get(p) ?? []), name])]);
    console.log(`\n${title}`);
    const rows = [...by.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
    table(
      ['files', 'pattern', 'fixtures'],
      rows.map(([p, names]) => [names.length, p, names.map(num).join(' ')]),
    );
  };
  const refused = results.filter((r) => r.outcome === 'refused');
  tally(
    `Refusal reasons, first one per refused file (${refused.length} files, with the opt-ins):`,
    refused.map((r) => [pattern(r.peeled.blockers[0]), r.fixture.name]),
  );
  tally(
    `Every blocker per refused file (the refused value taken out and tried again; ${refused.length} files):`,
    refused.flatMap((r) => r.peeled.blockers.map((b) => [pattern(b), r.fixture.name])),
  );
  console.log('\nBlockers per refused file, in the order met:');
  for (const r of refused)
    console.log(
      `  ${r.fixture.name}: ${r.peeled.blockers.map((b) => pattern(b).slice(0, 70)).join(' | ')}${r.peeled.resolved ? '' : ' | (then still refused)'}`,
    );
  const unresolved = refused.filter((r) => !r.peeled.resolved);
  if (unresolved.length)
    console.log(
      `(still refused after taking every blocker out: ${unresolved.map((r) => num(r.fixture.name)).join(' ')})`,
    );
  const needing = results.filter((r) => r.outcome === 'opt-ins');
  tally(
    `What needed the opt-ins (${needing.length} files that migrate only with them; first refusal of the plain run):`,
    needing.map((r) => [pattern(r.optInsNeeded[0]), r.fixture.name]),
  );

  // By family: files each blocks, and files it alone blocks (fixing it alone makes them migrate).
  const families = refused.map((r) => ({
    name: r.fixture.name,
    resolved: r.peeled.resolved,
    set: new Set(r.peeled.blockers.map((b) => family(pattern(b)))),
  }));
  console.log('\nThe same by family (patterns one fix covers together); "alone": files it is the only blocker of:');
  const famRows = [...new Set(families.flatMap((f) => [...f.set]))]
    .map((p) => {
      const blocks = families.filter((f) => f.set.has(p));
      const alone = blocks.filter((f) => f.resolved && f.set.size === 1);
      return [blocks.length, alone.length, p, blocks.map((f) => num(f.name)).join(' ')];
    })
    .sort((a, b) => b[0] - a[0] || b[1] - a[1] || a[2].localeCompare(b[2]));
  table(['files', 'alone', 'pattern', 'fixtures'], famRows);

  // Greedy: the family whose fix unblocks most refused files (every blocker of theirs fixed), then the next.
  console.log(
    `\nOrder of fixes by files unblocked (greedy over families; a file counts once all of its blockers are fixed; with the opt-ins):`,
  );
  const sets = families.filter((f) => f.resolved).map((f) => ({ name: f.name, patterns: f.set }));
  const fixed = new Set();
  let migrated = plainN + optN;
  const steps = [];
  while (sets.some((s) => [...s.patterns].some((p) => !fixed.has(p)))) {
    const candidates = [...new Set(sets.flatMap((s) => [...s.patterns]))].filter((p) => !fixed.has(p));
    const gain = (p) =>
      sets.filter(
        (s) => [...s.patterns].every((q) => fixed.has(q) || q === p) && [...s.patterns].some((q) => !fixed.has(q)),
      ).length;
    const touches = (p) => sets.filter((s) => s.patterns.has(p)).length;
    candidates.sort((a, b) => gain(b) - gain(a) || touches(b) - touches(a) || a.localeCompare(b));
    const best = candidates[0];
    const unblocked = sets.filter(
      (s) => [...s.patterns].every((q) => fixed.has(q) || q === best) && [...s.patterns].some((q) => !fixed.has(q)),
    );
    fixed.add(best);
    migrated += unblocked.length;
    steps.push([
      steps.length + 1,
      `+${unblocked.length}`,
      `${migrated}/${n} ${pct(migrated, n)}`,
      best,
      unblocked.map((s) => num(s.name)).join(' '),
    ]);
  }
  table(['step', 'unblocks', 'migrating then', 'pattern fixed', 'fixtures'], steps);

  // 4. Effective flags of the files that migrate.
  console.log(
    '\nEffective flags, helm template of the official chart vs the migration (files that migrate; differences no note explains):',
  );
  for (const r of results.filter((x) => x.flags)) {
    const f = r.flags;
    if (f.error) console.log(`  ${r.fixture.name}: ${f.error}`);
    else if (!f.unexplained.length)
      console.log(
        `  ${r.fixture.name}: no unexplained difference${f.explained.length ? ` (explained by notes: ${f.explained.join(', ')})` : ''}`,
      );
    else {
      console.log(
        `  ${r.fixture.name}: ${f.unexplained.length} unexplained${f.explained.length ? ` (explained by notes: ${f.explained.join(', ')})` : ''}`,
      );
      for (const d of f.unexplained)
        console.log(
          `    -${d.flag}: chart ${JSON.stringify(d.chart ?? null)}, migrated ${JSON.stringify(d.ours ?? null)}`,
        );
    }
  }
}

main();
