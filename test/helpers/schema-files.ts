/**
 * Where the API schemas and CRDs come from. They are not committed (they are upstream files): the suite
 * reads them from $HEADLAMP_SCHEMAS_DIR, from ../shared (next to the repo, in this workplace and its CI),
 * or from .cache/schemas filled by `npm run fetch-schemas`. Missing files fail loudly, never skip.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/** Every file the validators need, with the upstream it is fetched from (scripts/fetch-schemas.js uses this list). */
export const SCHEMA_FILES: Record<string, string> = require('../../scripts/schema-sources.json');

function candidates(): string[] {
  const dirs = [
    process.env.HEADLAMP_SCHEMAS_DIR,
    path.join(ROOT, '..', 'shared', 'schemas'),
    path.join(ROOT, '..', 'shared', 'crds'),
    path.join(ROOT, '.cache', 'schemas'),
  ];
  return dirs.filter((d): d is string => !!d);
}

/** Absolute path of a schema file, or a thrown error that says how to get it. */
export function schemaFile(name: string, dirs: string[] = candidates()): string {
  if (!(name in SCHEMA_FILES)) throw new Error(`unknown schema file ${name}`);
  for (const dir of dirs) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) return file;
  }
  throw new Error(
    `Schema file ${name} not found (looked in: ${dirs.join(', ')}).\n` +
    'Run `npm run fetch-schemas` to download it into .cache/schemas from its pinned upstream ' +
    `(${SCHEMA_FILES[name]}), or set HEADLAMP_SCHEMAS_DIR to a directory that holds it.`,
  );
}
