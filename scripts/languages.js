#!/usr/bin/env node
// `npm run test:languages`: the library from other languages, as their users get it.
//   1. the .jsii assembly (`npm run jsii` when a source is newer), then jsii-pacmak --code-only for python, go,
//      java and dotnet;
//   2. a venv (cached outside the repository, keyed by the pins) with cdk8s, cdk8s-plus-28, constructs and the jsii
//      runtime from PyPI, and the generated Python package installed into it;
//   3. each Python program of test/languages/python/ synthesizes into a scratch directory, and its YAML must equal
//      byte for byte what the TypeScript path writes for the same app (the compiled example, or the values file
//      through headlampChartFromValues); a bad prop must raise the library's own message in Python;
//   4. docs/API-python.md is what jsii-docgen renders (npm run docs).
// Prints `LANG python OK`. Never skips: no python3, no PyPI or a difference fails (exit 1).
// Go: the generated module needs github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2 at the devDependency's version
// (v2.70.106), which the Go module proxy does not serve (403, checked 2026-12-05): Go stops at code generation.
const { execFileSync, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const programs = path.join(root, 'test', 'languages', 'python');
const PY_PINS = ['cdk8s==2.70.115', 'cdk8s-plus-28==2.5.6', 'constructs==10.8.1', 'jsii==1.142.0'];
const TARGETS = ['python', 'go', 'java', 'dotnet'];
const env = { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20', PIP_DISABLE_PIP_VERSION_CHECK: '1' };
const run = (cmd, args, opts = {}) =>
  execFileSync(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', ...opts });
const step = (what) => console.log(`test:languages: ${what}`);

/** The TypeScript path of each program: what the TypeScript library writes for the same app. */
const CASES = {
  'quickstart.py': (outdir) => example('quickstart', outdir),
  'basic_auth_nginx.py': (outdir) => example('basic-auth-nginx', outdir),
  'oidc_replicas.py': (outdir) => keycloakValues(outdir),
  'values_dict.py': (outdir) => keycloakValues(outdir),
};

function example(name, outdir) {
  process.env.CDK8S_OUTDIR = outdir;
  try {
    require(path.join(root, 'dist', 'examples', `${name}.js`));
  } finally {
    delete process.env.CDK8S_OUTDIR;
  }
}

function keycloakValues(outdir) {
  const { App } = require('cdk8s');
  const YAML = require('yaml');
  const { headlampChartFromValues } = require(path.join(root, 'dist', 'lib'));
  const values = YAML.parse(fs.readFileSync(path.join(root, 'examples', 'values', 'keycloak.yaml'), 'utf8'));
  const app = new App({ outdir });
  headlampChartFromValues(app, 'headlamp', values);
  app.synth();
}

/** The library's message for the bad prop of bad_prop.py, from TypeScript. */
function tsBadPropMessage() {
  const { App } = require('cdk8s');
  const { HeadlampChart, IngressTls } = require(path.join(root, 'dist', 'lib'));
  try {
    new HeadlampChart(new App(), 'bad', {
      namespace: 'headlamp',
      host: 'headlamp.example.com',
      tls: IngressTls.certManager('letsencrypt'),
      headlamp: { replicas: 0 },
    });
  } catch (err) {
    return err.message;
  }
  throw new Error('TypeScript accepted replicas: 0');
}

function yamlFiles(dir) {
  const files = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.yaml'))
        .sort()
    : [];
  return Object.fromEntries(files.map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

/** Every file under `dir` (relative path -> text), for outputs with subdirectories (cluster-config/). */
function allFiles(dir, base = dir) {
  if (!fs.existsSync(dir)) return {};
  return Object.fromEntries(
    fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))
      .flatMap((e) =>
        e.isDirectory()
          ? Object.entries(allFiles(path.join(dir, e.name), base))
          : [[path.relative(base, path.join(dir, e.name)), fs.readFileSync(path.join(dir, e.name), 'utf8')]],
      ),
  );
}

/** What the README's basic-auth snippet reads at synth time (as scripts/consumer-check.js gives it). */
const SNIPPET_SECRETS = {
  ALICE_PASSWORD: 'consumer-check-password',
  BASIC_AUTH_HASH_KEY: 'consumer-check-hash-key-of-forty-characters',
};

/** The ```ts snippets of README.md and docs/*.md (the API references aside). */
function tsSnippets() {
  const docs = fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md') && !f.startsWith('API'));
  return ['README.md', ...docs.map((f) => path.join('docs', f))].flatMap((f) =>
    [...fs.readFileSync(path.join(root, f), 'utf8').matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]),
  );
}

/**
 * Each Python version of a docs snippet (test/languages/python/readme/, first line `# readme: <text of the TypeScript
 * snippet>`) against that TypeScript snippet, both run as a user runs them: every manifest and cluster-config file
 * equal.
 */
function readmeCases(python, scratch) {
  const ts = require('typescript');
  const dir = path.join(programs, 'readme');
  const snippets = tsSnippets();
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.py'))
    .sort()
    .map((file) => {
      const marker = fs.readFileSync(path.join(dir, file), 'utf8').match(/^# readme: (.+)$/m)?.[1];
      const found = snippets.filter((s) => marker && s.includes(marker));
      if (found.length !== 1) {
        return `readme/${file}: ${found.length} TypeScript snippets contain ${JSON.stringify(marker)}`;
      }
      const out = (side) => ({
        CDK8S_OUTDIR: path.join(scratch, side, file, 'manifests'),
        HEADLAMP_CLUSTER_CONFIG_OUTDIR: path.join(scratch, side, file, 'cluster-config'),
      });
      const js = path.join(scratch, `${file}.js`);
      const code = found[0].replace(/from 'cdk8s-headlamp'/g, `from ${JSON.stringify(path.join(root, 'dist', 'lib'))}`);
      fs.writeFileSync(
        js,
        ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText,
      );
      const nodePath = path.join(root, 'node_modules');
      const sides = [
        ['ts', process.execPath, js, { NODE_PATH: nodePath }],
        ['py', python, path.join(dir, file), {}],
      ];
      for (const [side, cmd, script, extra] of sides) {
        const res = spawnSync(cmd, [script], {
          cwd: scratch,
          env: { ...env, ...SNIPPET_SECRETS, ...out(side), ...extra },
          encoding: 'utf8',
        });
        if (res.status !== 0) return `readme/${file} (${side}) exited ${res.status}:\n${res.stdout}${res.stderr}`;
      }
      const [tsOut, pyOut] = ['ts', 'py'].map((side) => allFiles(path.join(scratch, side, file)));
      if (!Object.keys(tsOut).length) return `readme/${file}: the TypeScript snippet wrote nothing`;
      if (JSON.stringify(pyOut) !== JSON.stringify(tsOut)) {
        return `readme/${file}: output differs from the TypeScript snippet`;
      }
      step(`readme/${file}: ${Object.keys(pyOut).length} files equal to the TypeScript snippet's`);
      return undefined;
    })
    .filter(Boolean);
}

function venv(cache) {
  const python = process.env.PYTHON ?? 'python3';
  const version = run(python, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])']).trim();
  const key = crypto
    .createHash('sha256')
    .update([version, ...PY_PINS].join('\n'))
    .digest('hex')
    .slice(0, 12);
  const dir = path.join(cache, `venv-${version}-${key}`);
  const bin = path.join(dir, process.platform === 'win32' ? 'Scripts' : 'bin');
  if (!fs.existsSync(path.join(dir, 'ready'))) {
    fs.rmSync(dir, { recursive: true, force: true });
    run(python, ['-m', 'venv', dir]);
    run(path.join(bin, 'python'), ['-m', 'pip', 'install', '-q', ...PY_PINS], { stdio: 'inherit' });
    fs.writeFileSync(path.join(dir, 'ready'), PY_PINS.join('\n'));
  }
  return path.join(bin, 'python');
}

function main() {
  run('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  run(process.execPath, [path.join(root, 'scripts', 'jsii.js'), '--if-stale'], { stdio: 'inherit' });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-headlamp-languages-'));
  try {
    const langs = path.join(scratch, 'langs');
    run(
      process.execPath,
      [
        require.resolve('jsii-pacmak/bin/jsii-pacmak'),
        '--code-only',
        '--targets',
        ...TARGETS,
        '--outdir',
        langs,
        '--pack-command',
        'npm pack --ignore-scripts',
      ],
      { stdio: 'inherit' },
    );
    const missing = TARGETS.filter((t) => !fs.existsSync(path.join(langs, t)));
    if (missing.length) throw new Error(`jsii-pacmak wrote no ${missing.join(', ')} package`);
    step(`jsii-pacmak --code-only: ${TARGETS.join(', ')}`);
    run(process.execPath, [path.join(root, 'scripts', 'docs.js'), '--check', 'python'], { stdio: 'inherit' });
    step('docs/API-python.md is the current jsii-docgen reference');

    const python = venv(path.join(os.tmpdir(), 'cdk8s-headlamp-languages-cache'));
    const generated = path.join(langs, 'python');
    run(python, ['-m', 'pip', 'install', '-q', '--force-reinstall', '--no-deps', generated], { stdio: 'inherit' });
    step(`the generated Python package installed with ${PY_PINS.join(' ')}`);

    const failures = [];
    for (const [program, tsPath] of Object.entries(CASES)) {
      const expectedDir = path.join(scratch, 'ts', program);
      const actualDir = path.join(scratch, 'py', program);
      tsPath(expectedDir);
      const res = spawnSync(python, [path.join(programs, program)], {
        cwd: scratch,
        env: { ...env, CDK8S_OUTDIR: actualDir },
        encoding: 'utf8',
      });
      if (res.status !== 0) {
        failures.push(`${program} exited ${res.status}:\n${res.stdout}${res.stderr}`);
        continue;
      }
      const expected = yamlFiles(expectedDir);
      const actual = yamlFiles(actualDir);
      if (Object.keys(expected).length === 0) failures.push(`${program}: the TypeScript path wrote no YAML`);
      else if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        const names = `${Object.keys(actual)} vs ${Object.keys(expected)}`;
        failures.push(`${program}: YAML differs from the TypeScript path (${names})`);
      } else step(`${program}: ${Object.keys(actual).join(', ')} equal to the TypeScript path's`);
    }

    failures.push(...readmeCases(python, scratch));

    const message = tsBadPropMessage();
    const bad = spawnSync(python, [path.join(programs, 'bad_prop.py')], { cwd: scratch, env, encoding: 'utf8' });
    if (bad.status !== 0 || !bad.stdout.includes(message)) {
      failures.push(
        `bad_prop.py: expected the library's message ${JSON.stringify(message)}, ` +
          `got exit ${bad.status}:\n${bad.stdout}${bad.stderr}`,
      );
    } else step(`bad_prop.py: Python raised ${bad.stdout.trim()}`);

    if (failures.length) {
      console.error(failures.join('\n'));
      process.exit(1);
    }
    console.log('LANG python OK');
    console.log(
      'LANG go: code generated, not built: the Go module proxy does not serve ' +
        'github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2 v2.70.106',
    );
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main();
