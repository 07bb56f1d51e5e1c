#!/usr/bin/env node
// Makes the Kubernetes API definitions and CRDs available (scripts/pinned-files.js): from $HEADLAMP_SCHEMAS_DIR,
// ../shared, or downloaded once into .cache/schemas from the pinned URLs in scripts/schema-sources.json.
// `npm test` does this by itself (jest globalSetup); this script is for `npm run import` and offline preparation.
const { ensurePinned } = require('./pinned-files');

ensurePinned().then(
  (files) => {
    for (const [name, file] of Object.entries(files)) console.log(`${name.padEnd(44)} ${file}`);
  },
  (err) => {
    console.error(err.message);
    process.exit(1);
  },
);
