#!/usr/bin/env node
// `npm run test:real`: runs the real-component suites (jest.real.config.js), then prints one line
// `REAL <component> <version>` for each component a suite started (suites call reportReal). Exits as jest did.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'real-')), 'ran.txt');
fs.writeFileSync(report, '');
const jest = require.resolve('jest/bin/jest');
const res = spawnSync(process.execPath, [jest, '-c', 'jest.real.config.js', '--ci', ...process.argv.slice(2)], {
  cwd: path.resolve(__dirname, '../..'),
  env: { ...process.env, CDK8S_HEADLAMP_REAL_REPORT: report },
  stdio: 'inherit',
});
const lines = [...new Set(fs.readFileSync(report, 'utf8').split('\n').filter(Boolean))].sort();
for (const line of lines) console.log(line);
if (res.status === 0 && lines.length === 0) {
  console.error('test:real ran no real component');
  process.exit(1);
}
process.exit(res.status ?? 1);
