/**
 * docs/API.md is what jsii-docgen renders from the .jsii assembly (which npm test refreshes when a source is newer):
 * a doc comment, prop or default changed in lib/ without `npm run docs` fails here. docs/API-python.md is checked the
 * same way by `npm run test:languages` (rendering the Python examples takes jsii-rosetta ~15 s).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const { render, FILES } = require('../scripts/docs');

test('docs/API.md is the current jsii-docgen reference (npm run docs writes it)', async () => {
  const current = await render('typescript');
  expect(current).toContain('### HeadlampChart');
  const file = fs.readFileSync(path.join(__dirname, '..', FILES.typescript), 'utf8');
  // One line of difference is enough to fail; the message says how to fix it, not 500 KB of diff.
  if (file !== current) throw new Error(`${FILES.typescript} is not current: run npm run docs`);
}, 60_000);
