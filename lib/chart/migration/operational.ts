// Migration of Headlamp's operational settings a chart user set by hand (config.extraArgs, or HEADLAMP_CONFIG_* in
// env): log level, themes, images, node shell namespace, app name, proxy URLs, metrics and tracing, each into its typed
// prop with a note.
import { HeadlampValidationError } from '../../core/errors';
import { propsSchema } from '../../deployment/headlamp-deployment-props';
import { HeadlampTracing } from '../../deployment/tracing';
import { DeploymentProps, Migration, refuse } from './context';
import { goBool } from './go-bool';
import { coded, quote } from './starting-point';

/** A setting as the values give it: where (the values key) and its raw value (`true` for a bare flag). */
interface Given {
  readonly key: string;
  readonly value: string;
}

/** Headlamp flags the chart passes only through extraArgs or env, each carried into a prop of the same meaning. */
export const PLAIN: Readonly<
  Record<string, { prop: keyof DeploymentProps; theme?: 'defaultLight' | 'defaultDark' | 'force' }>
> = {
  'log-level': { prop: 'logLevel' },
  'default-light-theme': { prop: 'themes', theme: 'defaultLight' },
  'default-dark-theme': { prop: 'themes', theme: 'defaultDark' },
  'force-theme': { prop: 'themes', theme: 'force' },
  'pod-debug-image': { prop: 'podDebugImage' },
  'node-shell-image': { prop: 'nodeShellImage' },
  'node-shell-namespace': { prop: 'nodeShellNamespace' },
  'app-name': { prop: 'appName' },
  'proxy-urls': { prop: 'proxyUrls' },
};
export const TELEMETRY = [
  'metrics-enabled',
  'tracing-enabled',
  'otlp-endpoint',
  'use-otlp-http',
  'stdout-trace-enabled',
  'sampling-rate',
];
const handled = (flag: string | undefined): flag is string => !!flag && (flag in PLAIN || TELEMETRY.includes(flag));

/**
 * The operational flags in config.extraArgs and HEADLAMP_CONFIG_* env vars become their props: taken out of
 * extraArgs and extraEnv (the library refuses them there), each checked by the prop's own rule at its values key. A
 * flag wins over its env var, as in Headlamp (backend/pkg/config/config.go, ParseWithAppNameDefault).
 */
export function operationalSettings(m: Migration): void {
  const given = new Map<string, Given>();
  const extraEnv = { ...m.props.extraEnv };
  (m.v.env ?? []).forEach((e: { name: string; value?: string }, i: number) => {
    const flag = e.name
      .replace(/^HEADLAMP_CONFIG_/, '')
      .toLowerCase()
      .replace(/_/g, '-');
    if (!e.name.startsWith('HEADLAMP_CONFIG_') || e.value === undefined || !handled(flag)) return;
    given.set(flag, { key: `env[${i}]`, value: e.value });
    delete extraEnv[e.name];
  });
  const flagOf = (arg: string) => /^--?([^=]+)/.exec(arg)?.[1];
  (m.config.extraArgs ?? []).forEach((arg: string, i: number) => {
    const [, flag, value] = /^--?([^=]+)(?:=(.*))?$/s.exec(arg) ?? [];
    if (handled(flag)) given.set(flag, { key: `config.extraArgs[${i}]`, value: value ?? 'true' });
  });
  // serverSettings kept them as extra args (one dash): they are the props' now.
  m.props.extraArgs = m.props.extraArgs?.filter((arg) => !handled(flagOf(arg)));
  if (!m.props.extraArgs?.length) delete m.props.extraArgs;
  if (m.props.extraEnv) m.props.extraEnv = Object.keys(extraEnv).length ? extraEnv : undefined;
  for (const [flag, g] of given) if (flag in PLAIN) plainSetting(m, flag, g);
  telemetry(m, given);
}

/** One of PLAIN into its prop, checked by the prop's rule; a forced theme drops the defaults Headlamp would ignore. */
function plainSetting(m: Migration, flag: string, g: Given): void {
  const { prop, theme } = PLAIN[flag];
  const value = flag === 'log-level' ? logLevel(g.value) : flag === 'proxy-urls' ? g.value.split(',') : g.value;
  const check = propsSchema().shape[prop as 'logLevel'].safeParse(theme ? { [theme]: value } : value, {
    jitless: true,
  });
  // A value of the wrong form is a values error (exit 1), as helm's own type errors are.
  if (!check.success) valuesError(g.key, `${check.error.issues[0].message}, got ${JSON.stringify(g.value)} (-${flag})`);
  const before = m.props[prop];
  if (theme) m.props.themes = { ...m.props.themes, [theme]: value as string };
  else (m.props as Record<string, unknown>)[prop] = value;
  m.valuesKeys.push([`props.${prop}${theme ? `.${theme}` : ''}`, g.key]);
  m.note(
    g.key,
    `-${flag} is the typed prop ${prop}${theme ? `.${theme}` : ''} here (the library refuses it in extraArgs and env)` +
      (before !== undefined && !theme ? `; it overrides config.${prop}, as in the chart (the later flag wins)` : ''),
    String(value) === g.value ? [] : [flag],
  );
  const t = m.props.themes;
  if (t?.force && (t.defaultLight || t.defaultDark)) {
    m.props.themes = { force: t.force };
    m.note(g.key, 'the default light and dark themes are dropped: Headlamp ignores them while a theme is forced', [
      ...(t.defaultLight ? ['default-light-theme'] : []),
      ...(t.defaultDark ? ['default-dark-theme'] : []),
    ]);
  }
}

/**
 * A log level as Headlamp reads it (backend/pkg/logger/logger.go: trimmed, lower-cased, then zerolog's ParseLevel,
 * which also takes a level's number, v1.35): a number becomes its name.
 */
function logLevel(raw: string): string {
  const level = raw.trim().toLowerCase();
  return /^-?\d+$/.test(level) ? (ZEROLOG_NUMBERS[Number(level)] ?? level) : level;
}
/** zerolog's level numbers (log.go, TraceLevel = -1 ... PanicLevel = 5, Disabled = 7). */
const ZEROLOG_NUMBERS: Readonly<Record<number, string>> = {
  [-1]: 'trace',
  0: 'debug',
  1: 'info',
  2: 'warn',
  3: 'error',
  4: 'fatal',
  5: 'panic',
  7: 'disabled',
};

/** A value the migration cannot read as its prop: a HeadlampValidationError naming the values key (the CLI exits 1). */
function valuesError(key: string, message: string): never {
  throw new HeadlampValidationError('chart values', '', [{ propPath: key, message }]);
}

/** Metrics cannot be carried (the Prometheus pods are not in the values); tracing becomes HeadlampTracing. */
function telemetry(m: Migration, given: ReadonlyMap<string, Given>): void {
  const metrics = given.get('metrics-enabled');
  if (metrics) {
    m.note(
      metrics.key,
      goBool(metrics.value, metrics.key, '-metrics-enabled')
        ? 'metrics are not carried over: the NetworkPolicy admits only the Prometheus pods you name, and every ' +
            'route refuses /metrics; add metrics: HeadlampMetrics.podMonitor({ prometheus: ' +
            'PrometheusPeer.operator(<namespace>, <name>) }) (or headlamp.metrics in a values file)'
        : "dropped: false is Headlamp's default",
      ['metrics-enabled'],
    );
  }
  const enabled = given.get('tracing-enabled');
  const stdout = given.get('stdout-trace-enabled');
  const tracingFlags = TELEMETRY.slice(1).filter((f) => given.has(f));
  if (!enabled || !goBool(enabled.value, enabled.key, '-tracing-enabled')) {
    for (const f of tracingFlags)
      m.note(given.get(f)!.key, 'dropped: tracing is off, so Headlamp does not read it', [f]);
    return;
  }
  if (stdout && goBool(stdout.value, stdout.key, '-stdout-trace-enabled'))
    refuse(
      stdout.key,
      'tracing to stdout is not offered (it would replace the OTLP export); remove it, or trace to a collector ' +
        'with -otlp-endpoint',
    );
  const endpoint = given.get('otlp-endpoint');
  const address = endpoint?.value ?? 'localhost:4317';
  const http = given.get('use-otlp-http');
  const overHttp = !!http && goBool(http.value, http.key, '-use-otlp-http');
  const plain = overHttp ? HeadlampTracing.otlpHttp(address) : HeadlampTracing.otlpGrpc(address);
  const issue = plain._issues()[0];
  if (issue) refuse(endpoint?.key ?? enabled.key, `${issue.message} (-otlp-endpoint)`);
  const sampling = given.get('sampling-rate');
  // Go's ParseFloat; Headlamp keeps every trace from 1 up (telemetry.go createSampler), so 1 or more is its default.
  const rate = sampling && Number(sampling.value.trim());
  const tracing = rate === undefined || rate >= 1 ? plain : plain.withSamplingRate(rate);
  const rateIssue = tracing._issues()[0];
  if (rateIssue)
    valuesError(
      sampling!.key,
      `${rateIssue.message.replace(/, got .*$/, '')}, got ${JSON.stringify(sampling!.value)} (-sampling-rate)`,
    );
  const factory =
    `HeadlampTracing.${overHttp ? 'otlpHttp' : 'otlpGrpc'}(${quote(address)})` +
    (tracing.samplingRate !== undefined ? `.withSamplingRate(${tracing.samplingRate})` : '');
  m.props.tracing = coded(tracing, factory);
  m.valuesKeys.push(['props.tracing', endpoint?.key ?? enabled.key]);
  // What the library renders for them, against what the values gave (a flag's value, or absent).
  const rendered: Record<string, string | undefined> = {
    'tracing-enabled': 'true',
    'otlp-endpoint': address,
    'use-otlp-http': overHttp ? 'true' : undefined,
    'stdout-trace-enabled': undefined,
    'sampling-rate': tracing.samplingRate === undefined ? undefined : String(tracing.samplingRate),
  };
  m.note(
    enabled.key,
    `tracing is the typed prop tracing here (${factory}); the NetworkPolicy opens egress to the collector only`,
    TELEMETRY.slice(1).filter((f) => given.get(f)?.value !== rendered[f]),
  );
}
