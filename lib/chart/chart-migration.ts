/**
 * Migration from the official Headlamp Helm chart (0.45 values schema): reads a `values.yaml` of the chart and
 * builds the equivalent hardened constructs, with one note per value carried over differently (and why). A value
 * that cannot be carried over without an unsafe choice is refused with {@link ChartMigrationRefusal}, naming the
 * values key and the way out; so is a value the library does not support. Unknown keys are errors.
 * The work is in ./migration/, a file per section of the values.
 */
import { Construct } from 'constructs';
import { ChartMigrationOptions } from './migration/context';
import { ChartMigration, migrate } from './migration/migrate';

export { ChartMigrationOptions, ChartMigrationRefusal, MigrationNote } from './migration/context';
export { ChartMigration } from './migration/migrate';

/**
 * Builds Headlamp from a values file of the official chart into `scope` (an App). The values are read, never
 * changed. Errors name the values key: a {@link HeadlampValidationError} ('chart values') for values of the wrong
 * type or unknown keys, a {@link ChartMigrationRefusal} for values that cannot be carried over as given.
 */
export function migrateChartValues(
  scope: Construct,
  raw: unknown,
  options: ChartMigrationOptions = {},
): ChartMigration {
  return migrate(scope, raw, options);
}

/** The migration from every language: {@link migrateChartValues} as a static method (jsii has no free functions). */
export class HelmChartMigration {
  /** Builds Headlamp from the official chart's values (a map as parsed from its values.yaml) into `scope`. */
  public static migrate(scope: Construct, values: any, options: ChartMigrationOptions = {}): ChartMigration {
    return migrate(scope, values, options);
  }

  private constructor() {}
}
