#!/usr/bin/env node
// `npm run jsii` (and `prepack`): compiles lib/ with the jsii compiler into dist/ and writes the `.jsii` assembly that
// other languages' packages are generated from (jsii-pacmak) and that the npm tarball carries.
// Why a step of its own, not `npm run build`: jsii runs the whole type model on every call (~30 s here), tsc -b is
// incremental (~1 s when nothing changed); both compile the same sources with the same options
// (tsconfig.jsii.json extends tsconfig.build.json), and jsii's JavaScript is tsc's plus one static type-info symbol
// per class (`Symbol.for('jsii.rtti')`, how the jsii runtime names an object it returns), so examples and synth run
// the same either way and the tarball ships jsii's, as every jsii library does.
// `--if-stale`: only when .jsii is missing or older than a source (npm test runs it before jest: the kernel test
// reads the assembly).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const assembly = path.join(root, '.jsii');
const CONFIG = ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'tsconfig.jsii.json'];

/** The sources the assembly is compiled from, newest last (lib/ and the configuration). */
function sources(dir = path.join(root, 'lib')) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Why the assembly must be rebuilt ('missing', or the newest source), or undefined when it is current. */
function staleness() {
  if (!fs.existsSync(assembly)) return '.jsii is missing';
  const built = fs.statSync(assembly).mtimeMs;
  const newer = [...sources(), ...CONFIG.map((f) => path.join(root, f))].find((f) => fs.statSync(f).mtimeMs > built);
  return newer && `${path.relative(root, newer)} is newer than .jsii`;
}

function compile() {
  // jsii 5.9 supports Node 22 and 24 and prints a banner on Node 20 (end of life): the project's floor stays Node 20.
  const env = { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' };
  // `namespace` (C#) and `type` (Go) are cdk8s's own prop names; jsii-pacmak renames them in those languages.
  execFileSync(process.execPath, [require.resolve('jsii/bin/jsii'), '--silence-warnings', 'reserved-word'], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  require('./lazy-index');
}

if (require.main === module) {
  if (!process.argv.includes('--if-stale') || staleness()) compile();
}

module.exports = { staleness };
