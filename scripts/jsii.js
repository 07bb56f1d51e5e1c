#!/usr/bin/env node
// `npm run jsii` (and `prepack`): compiles lib/ with the jsii compiler into dist/ and writes the `.jsii` assembly that
// other languages' packages are generated from (jsii-pacmak) and that the npm tarball carries.
// Why a step of its own, not `npm run build`: jsii runs the whole type model on every call (~30 s here), tsc -b is
// incremental (~1 s when nothing changed); both compile the same sources with the same options
// (tsconfig.jsii.json extends tsconfig.build.json), and jsii's JavaScript is tsc's plus one static type-info symbol
// per class (`Symbol.for('jsii.rtti')`, how the jsii runtime names an object it returns), so tests and synth run on
// tsc's output and the tarball ships jsii's, as every jsii library does.
// Afterwards tsc's build info is dropped so the next `npm run build` re-emits all of dist/ (no mix of the two).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
// jsii 5.9 supports Node 22 and 24 and prints a banner on Node 20 (end of life): the project's floor stays Node 20.
const env = { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' };
// `namespace` (C#) and `type` (Go) are cdk8s's own prop names; jsii-pacmak renames them in those languages.
execFileSync(process.execPath, [require.resolve('jsii/bin/jsii'), '--silence-warnings', 'reserved-word'],
  { cwd: root, env, stdio: 'inherit' });
require('./lazy-index');
fs.rmSync(path.join(root, 'dist', '.tsbuildinfo'), { force: true });
