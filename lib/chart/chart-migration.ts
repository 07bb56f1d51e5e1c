/**
 * Migration from the official Headlamp Helm chart (0.45 values schema): reads a `values.yaml` of the chart and
 * builds the equivalent hardened constructs, with one note per value carried over differently (and why). A value
 * that cannot be carried over without an unsafe choice is refused with {@link ChartMigrationRefusal}, naming the
 * values key and the way out; so is a value the library does not support. Unknown keys are errors.
 * The work is in ./migration/, a file per section of the values.
 */
import { Construct } from 'constructs';
import { HeadlampValidationError, rewritePropPath } from '../core/errors';
import { ChartMigrationOptions } from './migration/context';
import { ChartMigration, migrate, VALUES_KEYS } from './migration/migrate';

export { ChartMigrationOptions, ChartMigrationRefusal, MigrationNote } from './migration/context';
export { ChartMigration } from './migration/migrate';

/** Re-states a construct's error with the values keys it came from. */
function inValuesTerms(err: unknown): unknown {
  if (!(err instanceof HeadlampValidationError) || err.constructType === 'chart values') return err;
  return new HeadlampValidationError('chart values', '', err.issues.map((issue) => {
    const key = rewritePropPath(issue.propPath, VALUES_KEYS) || issue.propPath;
    return { propPath: key, message: `${issue.message} (${err.constructType} ${issue.propPath})` };
  }));
}

/** Builds Headlamp from a values file of the official chart into `scope` (an App). */
export function migrateChartValues(scope: Construct, raw: unknown, options: ChartMigrationOptions = {}): ChartMigration {
  try {
    return migrate(scope, raw, options);
  } catch (err) {
    throw inValuesTerms(err);
  }
}
