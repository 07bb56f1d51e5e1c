#!/usr/bin/env node
// What a new user does, end to end, in empty projects outside this repository (CI runs it; it needs the npm
// registry, so it is a CI step, not a jest test):
//   1. `npm pack` this repository, install the tarball with cdk8s, cdk8s-plus-28 and constructs into an empty
//      project that has the exact tsconfig `cdk8s init typescript-app` writes (strict, no esModuleInterop, no
//      skipLibCheck, noEmitOnError), compile every ```ts snippet of the README and docs/*.md (each a whole program with its
//      imports), run each, and check it wrote manifests;
//   2. run the installed bin (`cdk8s-headlamp --help`, and a values file);
//   3. install straight from git (`npm install git+file://...`, which runs `prepare`) and require the package.
// Usage: node scripts/consumer-check.js [--skip-git]
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { docSnippets } = require('./doc-snippets');

const root = path.resolve(__dirname, '..');
const pkg = require('../package.json');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'consumer-'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// A user's npm: none of this repository's .npmrc settings (legacy-peer-deps) apply in their project.
const env = {
  ...process.env,
  CDK8S_CHECK_UPGRADE: 'false',
  npm_config_legacy_peer_deps: 'false',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
};
const run = (cmd, args, cwd, extra = {}) =>
  execFileSync(cmd, args, { cwd, env: { ...env, ...extra }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const step = (what) => console.log(`consumer-check: ${what}`);
const peers = ['cdk8s', 'cdk8s-plus-28', 'constructs'].map((p) => `${p}@${require(`${p}/package.json`).version}`);
const devTools = [`typescript@${require('typescript/package.json').version}`, '@types/node@20'];
/**
 * The current TypeScript 7 (`npm view typescript version`), what `npm i -D typescript` installs today: installed
 * beside the pinned 5.9 as `typescript7` and run through its tsc CLI (TypeScript 7 has no compiler API).
 */
const TYPESCRIPT_7 = '7.0.2';

/** The TypeScript snippets of the README and the guides in docs/, in order (each a whole program). */
const readmeSnippets = () => docSnippets().map((s) => s.code);

/** An empty project like `cdk8s init typescript-app` makes, with its exact tsconfig. */
function emptyProject(name) {
  const dir = path.join(work, name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '0.0.0', private: true }, null, 2));
  fs.copyFileSync(
    path.join(root, 'node_modules', 'cdk8s-cli', 'templates', 'typescript-app', 'tsconfig.json'),
    path.join(dir, 'tsconfig.json'),
  );
  return dir;
}

/**
 * What the README's basic-auth snippet reads at synth time (`SynthTimeSecret.fromEnv`), as a user's CI job would
 * from its secret store: a 12+ character password and a 32+ character hash key.
 */
const SNIPPET_SECRETS = {
  ALICE_PASSWORD: 'consumer-check-password',
  BASIC_AUTH_HASH_KEY: 'consumer-check-hash-key-of-forty-characters',
};

/** Every ```ts snippet of the docs and every example, as files of the project: snippet-<n>.ts, example-<name>.ts. */
function writePrograms(dir) {
  const snippets = readmeSnippets();
  if (snippets.length === 0) throw new Error('README.md and docs/*.md have no ```ts snippets');
  snippets.forEach((code, i) => fs.writeFileSync(path.join(dir, `snippet-${i + 1}.ts`), code));
  const examples = fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.ts'));
  for (const f of examples) fs.copyFileSync(path.join(root, 'examples', f), path.join(dir, `example-${f}`));
  return { snippets: snippets.length, examples: examples.length };
}

/**
 * Compiles the project with one TypeScript's tsc CLI; `tsconfig` is the file to use (the one `cdk8s init` writes,
 * or it plus what that TypeScript's own error message asks for).
 */
function compile(dir, typescript, tsconfig, label) {
  try {
    // By package path: both packages name their bin tsc.
    run(process.execPath, [path.join(dir, 'node_modules', typescript, 'bin', 'tsc'), '-p', tsconfig], dir);
  } catch (err) {
    throw new Error(`README/docs snippets or examples do not compile with ${label}:\n${err.stdout}${err.stderr}`, {
      cause: err,
    });
  }
}

function checkSnippets(dir) {
  const { snippets, examples } = writePrograms(dir);
  // TypeScript 6+ no longer loads every @types package by default, and the cdk8s-init tsconfig names none (its lib is
  // es2016): under 7.0.2 a program that uses console fails "Cannot find name 'console'". A Node program names node in
  // compilerOptions.types, as the README's install section tells users; the pinned 5.9 compiles with the tsconfig
  // exactly as cdk8s init writes it.
  const init = JSON.parse(fs.readFileSync(path.join(dir, 'tsconfig.json'), 'utf8'));
  const withNode = { ...init, compilerOptions: { ...init.compilerOptions, types: ['node'] } };
  fs.writeFileSync(
    path.join(dir, 'tsconfig.ts7.json'),
    JSON.stringify({ ...withNode, compilerOptions: { ...withNode.compilerOptions, noEmit: true } }, null, 2),
  );
  compile(
    dir,
    'typescript7',
    'tsconfig.ts7.json',
    `TypeScript ${TYPESCRIPT_7} (the cdk8s-init tsconfig with types: ['node'])`,
  );
  compile(
    dir,
    'typescript',
    'tsconfig.json',
    `TypeScript ${require('typescript/package.json').version} (the cdk8s-init tsconfig)`,
  );
  for (let i = 1; i <= snippets; i++) {
    const out = path.join(dir, `out-${i}`);
    run(process.execPath, [`snippet-${i}.js`], dir, { CDK8S_OUTDIR: out, ...SNIPPET_SECRETS });
    const files = fs.existsSync(out) ? fs.readdirSync(out).filter((f) => f.endsWith('.yaml')) : [];
    if (files.length === 0) throw new Error(`README/docs snippet ${i} wrote no manifests`);
  }
  step(
    `${snippets} README/docs snippets and ${examples} examples compile with TypeScript ${require('typescript/package.json').version} ` +
      `and ${TYPESCRIPT_7} (the cdk8s-init tsconfig) and the snippets synthesize`,
  );
}

function checkBin(dir) {
  const bin = path.join(dir, 'node_modules', '.bin', 'cdk8s-headlamp');
  if (!run(bin, ['--help'], dir).includes('--values FILE')) throw new Error('cdk8s-headlamp --help printed no usage');
  const values = path.join(dir, 'values.yaml');
  fs.copyFileSync(path.join(root, 'examples', 'values', 'keycloak.yaml'), values);
  run(bin, ['--values', values, '--out', 'manifests'], dir);
  if (!fs.existsSync(path.join(dir, 'manifests', 'headlamp.k8s.yaml')))
    throw new Error('cdk8s-headlamp --values wrote no manifests');
  step('the installed bin prints help and renders a values file');
}

function fromTarball() {
  run(npm, ['pack', '--pack-destination', work], root);
  const tarball = path.join(work, `${pkg.name}-${pkg.version}.tgz`);
  const listed = run('tar', ['-tzf', tarball], work).split('\n');
  for (const f of [
    'package/dist/lib/index.js',
    'package/dist/lib/index.d.ts',
    'package/bin/cdk8s-headlamp.js',
    'package/docs/values.md',
    'package/LICENSE',
  ]) {
    if (!listed.includes(f)) throw new Error(`the packed tarball lacks ${f}`);
  }
  if (listed.some((f) => f.startsWith('package/test/') || f.startsWith('package/out/')))
    throw new Error('the packed tarball ships tests or synthesized output');
  const dir = emptyProject('from-tarball');
  run(npm, ['install', tarball, ...peers, ...devTools, `typescript7@npm:typescript@${TYPESCRIPT_7}`], dir);
  step(`installed ${path.basename(tarball)} with ${peers.join(', ')}`);
  checkSnippets(dir);
  checkBin(dir);
}

function fromGit() {
  const dir = emptyProject('from-git');
  run(npm, ['install', `git+file://${root}`, ...peers], dir);
  run(
    process.execPath,
    ['-e', "const h = require('cdk8s-headlamp'); if (!h.HeadlampDeployment) process.exit(1);"],
    dir,
  );
  run(path.join(dir, 'node_modules', '.bin', 'cdk8s-headlamp'), ['--version'], dir);
  step('npm install git+file://… builds dist/ (prepare); require and the bin work');
}

try {
  fromTarball();
  if (!process.argv.includes('--skip-git')) fromGit();
  fs.rmSync(work, { recursive: true, force: true });
} catch (err) {
  console.error(`consumer-check failed (work dir kept: ${work}): ${err.message}${err.stderr ? `\n${err.stderr}` : ''}`);
  process.exit(1);
}
