#!/usr/bin/env node
// Downloads the Kubernetes API definitions and CRDs the test suite validates against into .cache/schemas,
// from the pinned upstream URLs in scripts/schema-sources.json. Only needed outside the workplace, where
// ../shared is absent. Usage: npm run fetch-schemas
const fs = require('node:fs');
const path = require('node:path');

const sources = require('./schema-sources.json');
const dir = path.resolve(__dirname, '..', '.cache', 'schemas');

async function main() {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, url] of Object.entries(sources)) {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    fs.writeFileSync(path.join(dir, name), Buffer.from(await res.arrayBuffer()));
    console.log(`${name} <- ${url}`);
  }
}

main().catch((err) => {
  console.error(`fetch-schemas failed: ${err.message}`);
  process.exit(1);
});
