#!/usr/bin/env node
// Synth benchmark (a script, not a timed test). Runs compiled JS (`npm run build` first; `npm run bench`
// does both) and prints medians of several runs:
//   (a) each example app, as a fresh process: wall time and peak RSS;
//   (b) one app with 1, 10, 100 hardened OIDC Headlamps (+ Ingress) in separate namespaces: synth time per instance;
//   (c) bcrypt: the share of hashing in a basic-auth synth, per cost factor.
// Usage: node scripts/bench.js [runs]
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const runs = Number(process.argv[2] ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs `code` in a fresh node process; it must print one JSON line. */
function child(code, env = {}) {
  const res = spawnSync(process.execPath, ['-e', code], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
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

// (a) examples, each in a fresh process as `cdk8s synth` would run it.
const examples = fs.readdirSync(path.join(root, 'dist', 'examples')).filter((f) => f.endsWith('.js')).map((f) => f.slice(0, -3)).sort();
const exampleRows = examples.map((name) => {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
    samples.push(child(`
      const t0 = process.hrtime.bigint();
      require('./dist/examples/${name}.js');
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      console.log(JSON.stringify({ ms, rss: process.resourceUsage().maxRSS / 1024 }));`, { CDK8S_OUTDIR: outdir }));
    fs.rmSync(outdir, { recursive: true, force: true });
  }
  return [name, median(samples.map((s) => s.ms)).toFixed(0), median(samples.map((s) => s.rss)).toFixed(0)];
});
table(`(a) examples: load + synth, fresh process, median of ${runs}`, ['example', 'ms', 'peak RSS MiB'], exampleRows);

// Where the time of one process goes: module load vs construct + synth.
const load = median(Array.from({ length: runs }, () => child(`
  const t0 = process.hrtime.bigint();
  require('cdk8s'); require('cdk8s-plus-28'); require('./dist/lib');
  console.log(JSON.stringify({ ms: Number(process.hrtime.bigint() - t0) / 1e6 }));`).ms));
console.log(`\nmodule load (cdk8s + cdk8s-plus-28 + cdk8s-headlamp): ${load.toFixed(0)} ms median`);

// (b) N instances in one app.
const scaleRows = [1, 10, 100].map((n) => {
  const samples = Array.from({ length: runs }, () => child(`
    const { App, Chart } = require('cdk8s');
    const h = require('./dist/lib');
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
      rss: process.resourceUsage().maxRSS / 1024 }));`));
  const build = median(samples.map((s) => s.build));
  const synth = median(samples.map((s) => s.synth));
  return [n, build.toFixed(1), synth.toFixed(1), ((build + synth) / n).toFixed(2), median(samples.map((s) => s.rss)).toFixed(0), samples[0].bytes];
});
table(`(b) one app, N OIDC Headlamps + Ingress (7 objects each), median of ${runs}`,
  ['N', 'construct ms', 'validate+YAML ms', 'ms/instance', 'peak RSS MiB', 'YAML bytes'], scaleRows);

// (c) bcrypt share of a basic-auth synth with 3 users.
const bcryptRows = [4, 8, 10, 12].map((cost) => {
  const samples = Array.from({ length: Math.min(runs, 3) }, () => child(`
    const { App, Chart } = require('cdk8s');
    const h = require('./dist/lib');
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
    console.log(JSON.stringify({ total, verify }));`));
  const total = median(samples.map((s) => s.total));
  const verify = median(samples.map((s) => s.verify));
  return [cost, total.toFixed(0), verify.toFixed(1), `${Math.min(100, (3 * verify / total) * 100).toFixed(0)}%`];
});
table('(c) basic auth, 3 users hashed at synth', ['cost', 'synth ms', 'one verify ms (bcryptjs)', 'bcrypt share'], bcryptRows);
