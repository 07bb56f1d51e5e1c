// The three ways in to HeadlampDeployment (the TypeScript API, a values file, the chart migration), each run to its error.
import { App } from 'cdk8s';
import { ChartMigrationOptions, headlampChartFromValues, migrateChartValues } from '../../lib';

/** A values file with a token login and an Ingress: only `headlamp` (and what `extra` sets) varies. */
export function valuesWith(
  headlamp: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    namespace: 'headlamp',
    host: 'headlamp.example.com',
    tls: { secretName: 'headlamp-tls' },
    headlamp,
    ...extra,
  };
}

/** The error a build throws (its message), or fails the test when it builds. */
export function errorOf(build: () => unknown): Error {
  try {
    build();
  } catch (err) {
    if (err instanceof Error) return err;
    throw err;
  }
  throw new Error('expected an error, got none');
}

/** The message of the values file's error. */
export function valuesError(values: Record<string, unknown>): string {
  return errorOf(() => headlampChartFromValues(new App(), 'headlamp', values)).message;
}

/** The message of the chart migration's error (options: every opt-in off unless given). */
export function migrationError(chartValues: Record<string, unknown>, options: ChartMigrationOptions = {}): string {
  return errorOf(() => migrateChartValues(new App(), chartValues, options)).message;
}
