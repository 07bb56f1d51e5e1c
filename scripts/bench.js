#!/usr/bin/env node
// Synth benchmark (a script, not a timed test). Runs compiled JS and the Helm charts of `npm run synth:helm`
// (`npm run bench` does both first) and prints medians of several runs:
//   (a) side by side with helm: every example synthesized vs `helm template` of the same charts, and one example
//       in a fresh process vs the floor of loading cdk8s, cdk8s-plus-28 and zod;
//   (b) one app with 1, 10, 100 hardened OIDC Headlamps (+ Ingress) in separate namespaces: synth time per instance;
//   (c) bcrypt: the share of hashing in a basic-auth synth, per cost factor.
// Usage: node scripts/bench.js [runs] [sections, default abc]
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { helmBinary, helmEnv } = require('./helm-binary');

const root = path.resolve(__dirname, '..');
const runs = Number(process.argv[2] ?? 5);
const sections = process.argv[3] ?? 'abc';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs `code` in a fresh node process; it must print one JSON line. */
function child(code, env = {}) {
  const res = spawnSync(process.execPath, ['-e', code], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(res.stderr);
  return JSON.parse(res.stdout.trim().split('\n').pop());
}

function table(title, header, rows) {
  console.log(`\n${title}`);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => String(c).padStart(widths[i])).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

// Wall time of one command, in ms.
function wall(cmd, args, env = {}) {
  const t0 = process.hrtime.bigint();
  const res = spawnSync(cmd, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${res.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

if (sections.includes('a')) {
  // (a) Side by side with helm. Goals (issue 15): synthesizing every example <= 0.6x helm rendering the same
  // examples' charts; one example in a fresh process <= 1.25x the floor (node + require cdk8s, cdk8s-plus-28, zod).
  const charts = fs
    .readdirSync(path.join(root, 'out', 'helm'))
    .sort()
    .map((c) => path.join(root, 'out', 'helm', c));
  const helm = helmBinary();
  const helmHome = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-helm-'));
  const helmEnvironment = helmEnv(helmHome);
  const synthAll = median(Array.from({ length: runs }, () => wall(process.execPath, ['scripts/synth.js'])));
  const helmAll = median(
    Array.from({ length: runs }, () =>
      charts.reduce((ms, c) => ms + wall(helm, ['template', 'r', c], helmEnvironment), 0),
    ),
  );
  const floor = median(
    Array.from({ length: runs * 2 }, () =>
      wall(process.execPath, ['-e', "require('cdk8s'); require('cdk8s-plus-28'); require('zod')"]),
    ),
  );
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const exampleEnv = { CDK8S_OUTDIR: path.join(scratch, 'm'), HEADLAMP_CLUSTER_CONFIG_OUTDIR: path.join(scratch, 'c') };
  const examples = fs
    .readdirSync(path.join(root, 'dist', 'examples'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => f.slice(0, -3))
    .sort();
  const one = Object.fromEntries(
    examples.map((name) => {
      const ms = median(
        Array.from({ length: runs * 2 }, () => {
          fs.rmSync(scratch, { recursive: true, force: true });
          return wall(process.execPath, [path.join('dist', 'examples', `${name}.js`)], exampleEnv);
        }),
      );
      return [name, ms];
    }),
  );
  const worst = Object.entries(one).sort((a, b) => b[1] - a[1])[0];
  table(
    `(a) side by side with helm v3.17.3, median of ${runs} (fresh processes, wall time)`,
    ['what', 'ms', 'ratio', 'goal'],
    [
      [`synth all ${examples.length} examples (node scripts/synth.js)`, synthAll.toFixed(0), '', ''],
      [`helm template of the same ${charts.length} charts (one process each)`, helmAll.toFixed(0), '', ''],
      ['  synth / helm', '', (synthAll / helmAll).toFixed(2), '<= 0.60'],
      ['floor: node + require cdk8s, cdk8s-plus-28, zod', floor.toFixed(0), '', ''],
      ['quickstart example, fresh process', one.quickstart.toFixed(0), (one.quickstart / floor).toFixed(2), '<= 1.25'],
      [`slowest example (${worst[0]})`, worst[1].toFixed(0), (worst[1] / floor).toFixed(2), ''],
    ],
  );
  table(
    '    each example, fresh process',
    ['example', 'ms', 'x floor'],
    Object.entries(one).map(([n, ms]) => [n, ms.toFixed(0), (ms / floor).toFixed(2)]),
  );
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.rmSync(helmHome, { recursive: true, force: true });
}

// (b) N instances in one app.
if (sections.includes('b')) {
  const scaleRows = [1, 10, 100].map((n) => {
    const samples = Array.from({ length: runs }, () =>
      child(`
    const { App, Chart } = require('cdk8s');
    const h = require('./dist/lib'); Object.values(h); // load every module before timing
    const t0 = process.hrtime.bigint();
    const app = new App({ outdir: require('node:os').tmpdir() });
    for (let i = 0; i < ${n}; i++) {
      const chart = new Chart(app, 'team-' + i, { namespace: 'team-' + i, disableResourceNameHashes: true });
      const headlamp = new h.HeadlampDeployment(chart, 'headlamp', {
        replicas: 2,
        auth: h.HeadlampAuth.oidc(h.OidcConfig.keycloak({ host: 'sso.example.com', realm: 'r', clientId: 'headlamp',
          clientSecret: h.OidcClientSecret.fromSecret('oidc'), publicUrl: 'https://team-' + i + '.example.com' })),
      });
      new h.HeadlampIngress(chart, 'ingress', { headlamp, hosts: ['team-' + i + '.example.com'], tls: h.IngressTls.certManager('le') });
    }
    const t1 = process.hrtime.bigint();
    const yaml = app.synthYaml();
    const t2 = process.hrtime.bigint();
    console.log(JSON.stringify({ build: Number(t1 - t0) / 1e6, synth: Number(t2 - t1) / 1e6, bytes: yaml.length,
      rss: process.resourceUsage().maxRSS / 1024 }));`),
    );
    const build = median(samples.map((s) => s.build));
    const synth = median(samples.map((s) => s.synth));
    return [
      n,
      build.toFixed(1),
      synth.toFixed(1),
      ((build + synth) / n).toFixed(2),
      median(samples.map((s) => s.rss)).toFixed(0),
      samples[0].bytes,
    ];
  });
  table(
    `(b) one app, N OIDC Headlamps + Ingress (7 objects each), median of ${runs}`,
    ['N', 'construct ms', 'validate+YAML ms', 'ms/instance', 'peak RSS MiB', 'YAML bytes'],
    scaleRows,
  );
}

// (c) bcrypt share of a basic-auth synth with 3 users.
if (sections.includes('c')) {
  const bcryptRows = [4, 8, 10, 12].map((cost) => {
    const samples = Array.from({ length: Math.min(runs, 3) }, () =>
      child(`
    const { App, Chart } = require('cdk8s');
    const h = require('./dist/lib'); Object.values(h); // load every module before timing
    const bcrypt = require('bcryptjs');
    process.env.B_KEY = 'k'.repeat(40); process.env.B_PW = 'a-long-enough-password';
    const t0 = process.hrtime.bigint();
    const app = new App({ outdir: require('node:os').tmpdir() });
    const chart = new Chart(app, 'c', { namespace: 'headlamp' });
    new h.BasicAuthIngress(chart, 'i', { headlamp: new h.HeadlampDeployment(chart, 'headlamp'), hosts: ['h.example.com'],
      tls: h.IngressTls.fromSecret('t'), credentials: h.BasicAuthCredentials.hashAtSynth({
        users: ['a', 'b', 'c'].map((username) => ({ username, password: h.SynthTimeSecret.fromEnv('B_PW') })),
        hashKey: h.SynthTimeSecret.fromEnv('B_KEY'), cost: ${cost} }) });
    app.synthYaml();
    const total = Number(process.hrtime.bigint() - t0) / 1e6;
    const hash = bcrypt.hashSync('a-long-enough-password', ${cost});
    const t1 = process.hrtime.bigint();
    bcrypt.compareSync('a-long-enough-password', hash);
    const verify = Number(process.hrtime.bigint() - t1) / 1e6;
    console.log(JSON.stringify({ total, verify }));`),
    );
    const total = median(samples.map((s) => s.total));
    const verify = median(samples.map((s) => s.verify));
    return [cost, total.toFixed(0), verify.toFixed(1), `${Math.min(100, ((3 * verify) / total) * 100).toFixed(0)}%`];
  });
  table(
    '(c) basic auth, 3 users hashed at synth',
    ['cost', 'synth ms', 'one verify ms (bcryptjs)', 'bcrypt share'],
    bcryptRows,
  );
}
