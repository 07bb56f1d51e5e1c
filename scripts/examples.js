// The example apps, and the ones a script's arguments select (all by default; an unknown name exits 2).
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const all = fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();

function selectedExamples(argv = process.argv.slice(2)) {
  const unknown = argv.filter((n) => !all.includes(n));
  if (unknown.length) {
    console.error(`unknown example '${unknown[0]}'; known: ${all.join(', ')}`);
    process.exit(2);
  }
  return argv.length ? argv : all;
}

module.exports = { root, selectedExamples };
