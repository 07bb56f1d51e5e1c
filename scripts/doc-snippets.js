// The documentation a user reads (README.md and the guides in docs/), and its TypeScript snippets: each ```ts block
// is a whole program that scripts/consumer-check.js compiles and runs, and the tests read the same list.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

/** README.md, then every docs/*.md by name (docs/incoming/ holds drafts, not documentation). */
function docFiles() {
  const docs = fs
    .readdirSync(path.join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort();
  return ['README.md', ...docs.map((f) => `docs/${f}`)];
}

/** The text of a documentation file (path relative to the repository). */
const docText = (file) => fs.readFileSync(path.join(root, file), 'utf8');

/** Every ```ts snippet of the documentation, in file order: { file, code }. */
function docSnippets() {
  return docFiles().flatMap((file) =>
    [...docText(file).matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => ({ file, code: m[1] })),
  );
}

module.exports = { docFiles, docText, docSnippets };
