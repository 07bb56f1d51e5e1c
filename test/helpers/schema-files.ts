/**
 * Where the API schemas and CRDs come from (scripts/pinned-files.js): $HEADLAMP_SCHEMAS_DIR, ../shared,
 * or .cache/schemas, which the suite's globalSetup fills from the pinned URLs on first use.
 */
const { findPinned, ENV_VAR } = require('../../scripts/pinned-files');

/** Absolute path of a schema file; globalSetup has made every one available, or the suite stopped. */
export function schemaFile(name: string): string {
  const file: string | undefined = findPinned(name);
  if (!file)
    throw new Error(`${name} is missing: run the suite through jest (its globalSetup fetches it) or set ${ENV_VAR}`);
  return file;
}
