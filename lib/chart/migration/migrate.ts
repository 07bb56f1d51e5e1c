// The order of the chart migration: check the values, read them section by section into HeadlampDeployment's props,
// build the constructs.
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { HeadlampValidationError, PROP_PATH_IN_TEXT, restateIssue, rewritePropPath } from '../../core/errors';
import { HeadlampDeployment } from '../../deployment/headlamp-deployment';
import { HeadlampDeploymentProps } from '../../deployment/headlamp-deployment-props';
import { AUTH_KEYS, login } from './auth';
import { CLUSTER_KEYS, clusterInventory, podTls, serverSettings } from './cluster';
import { ChartMigrationOptions, Migration, MigrationNote, Values, ValuesKeys } from './context';
import { chartValues, KNOWN_KEYS } from './known-keys';
import { extraManifests } from './extra-manifests';
import { deploymentAnnotations, OBJECTS_KEYS, serviceAccount, volumeClaim } from './objects';
import { olderImage } from './older-image';
import { operationalSettings } from './operational';
import { PLUGINS_KEYS, pluginsManager } from './plugins';
import { env, image, POD_KEYS, podSecurity, workload } from './pod';
import { httpRoute, ingress, ownRoute, ROUTES_KEYS, service } from './routes';
import { deploymentSource, mainTs } from './starting-point';
import { ignoredKeys } from './unknown-keys';
import { restore, restoredError, SubstitutedChart, substitutionNotes, takePlaceholders } from './substitution';
import { refuseUnsupported } from './unsupported';

/** The result of {@link migrateChartValues}. */
export interface ChartMigration {
  /** The Chart with the Headlamp (and its Ingress or HTTPRoute). */
  readonly chart: Chart;
  /** The Headlamp. */
  readonly headlamp: HeadlampDeployment;
  /** One note per value carried over differently. */
  readonly notes: MigrationNote[];
  /**
   * A TypeScript app (`main.ts`) equivalent to the values, written with the typed API: a starting point to copy.
   * A plaintext client secret is never in it: it references the Secret the migration wrote (create it yourself).
   */
  readonly typescript: string;
}

/**
 * The sections, in the order they read the values: it decides which refusal comes first, and the order of the
 * notes and of the props in the starting point.
 */
const SECTIONS: ReadonlyArray<(m: Migration) => void> = [
  image,
  serverSettings,
  olderImage,
  env,
  operationalSettings,
  login,
  podTls,
  podSecurity,
  serviceAccount,
  service,
  workload,
  volumeClaim,
  deploymentAnnotations,
  clusterInventory,
  pluginsManager,
];
/** What routes to the Headlamp once it exists; each returns its statement in the starting point. */
const ROUTES = [ingress, httpRoute, ownRoute];

/** Where a construct's prop came from in the chart values, for errors: the first matching prefix wins. */
const VALUES_KEYS: ValuesKeys = [
  ...AUTH_KEYS,
  ...CLUSTER_KEYS,
  ...POD_KEYS,
  ...ROUTES_KEYS,
  ...PLUGINS_KEYS,
  ...OBJECTS_KEYS,
  ['props.name', 'fullnameOverride'],
  ['chart.namespace', 'namespaceOverride'],
  ['props', ''],
];

/**
 * Re-states a construct's error with the values keys it came from: its path, and every prop path in its message that a
 * chart key stands for (`raise props.replicas` reads `raise replicaCount`; the last, catch-all rule names no chart key,
 * so it re-states no text); the construct's own path stays at the end.
 */
function inValuesTerms(err: unknown, keys: ValuesKeys, v: Values): unknown {
  if (!(err instanceof HeadlampValidationError) || err.constructType === 'chart values') return err;
  const inText = keys.filter(([from]) => from !== 'props');
  return new HeadlampValidationError(
    'chart values',
    '',
    err.issues.map((issue) => {
      const key = rewritePropPath(issue.propPath, keys) || issue.propPath;
      // A prop the values cannot set (it would read as a values key neither the chart nor the file has) stays a prop,
      // said to be TypeScript's (no chart value sets it).
      const valuesCanSet = (r: string | undefined) =>
        !!r && (KNOWN_KEYS.includes(r.replace(/\[[^\]]*\]/g, '')) || hasKey(v, r));
      const typescriptOnly = [...issue.message.matchAll(PROP_PATH_IN_TEXT)]
        .map((x) => x[0])
        .filter((p) => !valuesCanSet(rewritePropPath(p, inText)));
      const paths = [...typescriptOnly.map((p) => [p, p] as const), ...inText];
      const { message } = restateIssue(err.constructType, issue, {
        paths: { [err.constructType]: paths },
        terms: typescriptOnly.length ? [[PROP_PATH_IN_TEXT, `TypeScript's ${err.constructType} $&`]] : [],
      });
      return { propPath: key, message: `${message} (${err.constructType} ${issue.propPath})` };
    }),
  );
}

/** Whether the values have the key `key` (`a.b[0]['c']`). */
function hasKey(v: Values, key: string): boolean {
  const parts = [...key.matchAll(/([^.[\]']+)|\[(\d+)\]|\['([^']*)'\]/g)].map((x) => x[1] ?? x[2] ?? x[3]);
  let cur: unknown = v;
  for (const part of parts) {
    if (cur === null || typeof cur !== 'object' || !(part in (cur as object))) return false;
    cur = (cur as Record<string, unknown>)[part];
  }
  return true;
}

/** A note at `env[i]` names the variable (`env HEADLAMP_CONFIG_X: ...`) unless its message does. */
function namedEnv(v: Values, key: string, message: string): string {
  const index = /^env\[(\d+)\]/.exec(key)?.[1];
  const name = index === undefined ? undefined : v.env?.[Number(index)]?.name;
  return name && !message.includes(name) ? `env ${name}: ${message}` : message;
}

/**
 * The migration; a construct's error is re-stated in values keys. Flux placeholders in the values are resolved first
 * (--substitute), or stand in as tokens while the values are checked and built, and are put back into the manifests,
 * notes, starting point and errors.
 */
export function migrate(scope: Construct, raw: unknown, options: ChartMigrationOptions): ChartMigration {
  const substitution = takePlaceholders(raw, options.substitute);
  const { placeholders } = substitution;
  try {
    const result = migrateValues(scope, substitution.values, options, placeholders, (m) =>
      substitutionNotes(substitution, m.note),
    );
    return {
      ...result,
      notes: restore(result.notes, placeholders),
      typescript: restore(result.typescript, placeholders),
    };
  } catch (err) {
    throw restoredError(err, placeholders);
  }
}

/** The sections over values without placeholders (`first` notes before any other: the placeholders'). */
function migrateValues(
  scope: Construct,
  raw: unknown,
  options: ChartMigrationOptions,
  placeholders: readonly string[],
  first: (m: Migration) => void,
): ChartMigration {
  const { values: v, nulls, ignored } = chartValues(raw);
  const namespace = v.namespaceOverride || options.namespace || 'headlamp';
  const release = options.releaseName ?? 'headlamp';
  const chartName = v.nameOverride || 'headlamp';
  const name = (v.fullnameOverride || (release.includes(chartName) ? release : `${release}-${chartName}`)).slice(0, 50);
  const chart = new SubstitutedChart(scope, release, { namespace, disableResourceNameHashes: true }, placeholders);
  const notes: MigrationNote[] = [];
  const m: Migration = {
    v,
    config: v.config ?? {},
    options,
    release,
    name,
    props: { name },
    valuesKeys: [],
    nulls,
    oidcExtras: {},
    proxyAuth: { headers: {}, headerKeys: [] },
    placeholders,
    note: (key, message, flags = []) => {
      notes.push({ key, flags, message: namedEnv(v, key, message) });
    },
  };
  first(m);
  ignoredKeys(m, ignored, KNOWN_KEYS);
  refuseUnsupported(v);
  try {
    for (const section of SECTIONS) section(m);
    const headlamp = new HeadlampDeployment(chart, 'headlamp', m.props as HeadlampDeploymentProps);
    const source = [deploymentSource(m.props)];
    for (const route of ROUTES) {
      const statement = route(m, chart, headlamp);
      if (statement) source.push(statement);
    }
    const others = extraManifests(m, chart, headlamp.labels);
    return { chart, headlamp, notes, typescript: mainTs(release, namespace, source, notes, others) };
  } catch (err) {
    throw inValuesTerms(err, [...m.valuesKeys, ...VALUES_KEYS], v);
  }
}
