// Runs once before the suite: the schema files the strict validators need are found locally or fetched
// once from their pinned URLs (scripts/pinned-files.js). When neither works the suite stops with one line.
const { ensureChart, ensurePinned } = require('../scripts/pinned-files');

module.exports = async () => {
  try {
    await ensurePinned();
    await ensureChart();
  } catch (err) {
    process.stderr.write(`\n${err.message}\n`);
    process.exit(1);
  }
};
