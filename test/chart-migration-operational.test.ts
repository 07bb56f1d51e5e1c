// The chart migration carries Headlamp's operational settings (issue 21 §3) into their typed props: the chart's own
// config.podDebugImage, nodeShellImage and nodeShellNamespace (templates/deployment.yaml of chart 0.45.0 renders them
// as -pod-debug-image, -node-shell-image, -node-shell-namespace), and the flags a user set by hand in config.extraArgs
// or as HEADLAMP_CONFIG_* env vars (flags win over env, backend/pkg/config/config.go v0.45.0), each with a note.
// Headlamp's effective flags are held against `helm template` of the pinned official chart.
import { App } from 'cdk8s';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ChartMigrationOptions, ChartMigrationRefusal, HeadlampValidationError, migrateChartValues } from '../lib';
import { differingFlags, effectiveFlags } from './helpers/effective-flags';
import { helm } from './helpers/helm';
import { validateAll } from './helpers/k8s-schema';
import { parseYaml } from './helpers/synth';

const { findChart } = require('../scripts/pinned-files');

/** The migration of `values`: objects, notes, the starting point, and Headlamp's args. */
function migrate(values: object, options: ChartMigrationOptions = {}) {
  const app = new App();
  const { notes, typescript } = migrateChartValues(app, values, options);
  const objects = parseYaml(app.synthYaml());
  const args: string[] = objects.find((o) => o.kind === 'Deployment').spec.template.spec.containers[0].args;
  return { objects, notes, typescript, args };
}

/** The refusal of `values`: its key and message. */
function refusal(values: object): { key: string; message: string } {
  try {
    migrateChartValues(new App(), values);
  } catch (err) {
    if (err instanceof ChartMigrationRefusal) return { key: err.key, message: err.message };
    throw err;
  }
  throw new Error('expected a ChartMigrationRefusal, the values migrated');
}

/** The message of the HeadlampValidationError (a values error: the CLI exits 1) the migration of `values` throws. */
function valuesErrorOf(values: object): string {
  try {
    migrateChartValues(new App(), values);
  } catch (err) {
    if (err instanceof HeadlampValidationError) return err.message;
    throw err;
  }
  throw new Error('expected a HeadlampValidationError, the values migrated');
}

/** Every flag that differs from `helm template` of the official chart is one a note names, and every named one differs. */
function expectFlagsExplained(values: object) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'values-')), 'values.json');
  fs.writeFileSync(file, JSON.stringify(values));
  const theirs = effectiveFlags(
    parseYaml(helm(['template', 'headlamp', findChart(), '--namespace', 'headlamp', '-f', file])),
  );
  const { objects, notes } = migrate(values);
  const ours = effectiveFlags(objects);
  const explained = new Set(notes.flatMap((n) => n.flags));
  expect(differingFlags(theirs, ours).filter((f) => !explained.has(f))).toEqual([]);
  for (const flag of explained) expect([flag, theirs[flag] !== ours[flag]]).toEqual([flag, true]);
  expect(validateAll(objects)).toEqual([]);
}

const BY_HAND = {
  config: {
    podDebugImage: 'docker.io/library/busybox:1.36.1',
    extraArgs: [
      '-log-level=DEBUG',
      '--default-dark-theme=Lights Out',
      '-app-name=Ops Console',
      '-cache-enabled',
      '-proxy-urls=https://prometheus.example.com/*,http://loki.logging.svc:3100/*',
      '-pod-debug-image=docker.io/library/busybox:1.37.0',
    ],
  },
  env: [
    { name: 'HEADLAMP_CONFIG_NODE_SHELL_NAMESPACE', value: 'from-env' },
    { name: 'HEADLAMP_CONFIG_TRACING_ENABLED', value: 'true' },
    { name: 'HEADLAMP_CONFIG_OTLP_ENDPOINT', value: 'otel-collector.observability.svc:4318' },
    { name: 'HEADLAMP_CONFIG_USE_OTLP_HTTP', value: 'true' },
    { name: 'TZ', value: 'UTC' },
  ],
};

describe('chart migration: operational settings', () => {
  test('config.podDebugImage, nodeShellImage and nodeShellNamespace become their props (and the same flags)', () => {
    const { args } = migrate({
      config: {
        podDebugImage: 'docker.io/library/busybox:1.37.0',
        nodeShellImage: 'docker.io/library/alpine:3.22.1',
        nodeShellNamespace: 'node-shells',
      },
    });
    expect(args).toEqual(
      expect.arrayContaining([
        '-pod-debug-image=docker.io/library/busybox:1.37.0',
        '-node-shell-image=docker.io/library/alpine:3.22.1',
        '-node-shell-namespace=node-shells',
      ]),
    );
    expect(migrate({ config: { podDebugImage: '' } }).args.some((a) => a.startsWith('-pod-debug-image'))).toBe(false);
  });

  test('flags set by hand in extraArgs and env become their props, the rest of extraArgs and env stays; one note each', () => {
    const { args, notes, objects, typescript } = migrate(BY_HAND);
    const container = objects.find((o) => o.kind === 'Deployment').spec.template.spec.containers[0];
    expect(
      args.filter((a) => !/^-(in-cluster|in-cluster-context-name|plugins-dir|session-ttl)(=|$)/.test(a)),
    ).toStrictEqual([
      '-log-level=debug',
      '-default-dark-theme=Lights Out',
      '-pod-debug-image=docker.io/library/busybox:1.37.0',
      '-node-shell-namespace=from-env',
      '-app-name=Ops Console',
      '-proxy-urls=https://prometheus.example.com/*,http://loki.logging.svc:3100/*',
      '-tracing-enabled',
      '-otlp-endpoint=otel-collector.observability.svc:4318',
      '-use-otlp-http',
      '-cache-enabled',
    ]);
    expect(container.env).toStrictEqual([{ name: 'TZ', value: 'UTC' }]);
    expect(notes.filter((n) => /typed prop/.test(n.message)).map((n) => [n.key, n.message, n.flags])).toStrictEqual([
      [
        'env[0]',
        'env HEADLAMP_CONFIG_NODE_SHELL_NAMESPACE: -node-shell-namespace is the typed prop nodeShellNamespace here (the library refuses it in extraArgs and env)',
        [],
      ],
      [
        'config.extraArgs[0]',
        '-log-level is the typed prop logLevel here (the library refuses it in extraArgs and env)',
        ['log-level'],
      ],
      [
        'config.extraArgs[1]',
        '-default-dark-theme is the typed prop themes.defaultDark here (the library refuses it in extraArgs and env)',
        [],
      ],
      [
        'config.extraArgs[2]',
        '-app-name is the typed prop appName here (the library refuses it in extraArgs and env)',
        [],
      ],
      [
        'config.extraArgs[4]',
        '-proxy-urls is the typed prop proxyUrls here (the library refuses it in extraArgs and env)',
        [],
      ],
      [
        'config.extraArgs[5]',
        '-pod-debug-image is the typed prop podDebugImage here (the library refuses it in extraArgs and env); it overrides ' +
          'config.podDebugImage, as in the chart (the later flag wins)',
        [],
      ],
      [
        'env[1]',
        "env HEADLAMP_CONFIG_TRACING_ENABLED: tracing is the typed prop tracing here (HeadlampTracing.otlpHttp('otel-collector.observability.svc:4318')); the NetworkPolicy opens " +
          'egress to the collector only',
        [],
      ],
    ]);
    // The starting point uses the typed API too.
    expect(typescript).toContain('logLevel: HeadlampLogLevel.DEBUG');
    expect(typescript).toContain("tracing: HeadlampTracing.otlpHttp('otel-collector.observability.svc:4318')");
    expect(typescript).toMatch(/import \{ [^}]*HeadlampLogLevel[^}]*HeadlampTracing[^}]* \} from 'cdk8s-headlamp';/);
  });

  test("Headlamp's effective flags equal helm template of the official chart, except where a note says why", () => {
    expectFlagsExplained(BY_HAND);
  });

  test('a forced theme drops the defaults Headlamp would ignore, and says so', () => {
    const values = { config: { extraArgs: ['-default-light-theme=Light', '-force-theme=Dark'] } };
    const { args, notes } = migrate(values);
    expect(args.filter((a) => /theme/.test(a))).toStrictEqual(['-force-theme=Dark']);
    expect(notes.map((n) => n.message)).toContain(
      'the default light and dark themes are dropped: Headlamp ignores them while a theme is forced',
    );
    expectFlagsExplained(values);
  });

  test('metrics are not carried over (the Prometheus pods are not in the values), and the note says how to add them', () => {
    const { args, notes } = migrate({ config: { extraArgs: ['-metrics-enabled'] } });
    expect(args).not.toContain('-metrics-enabled');
    expect(notes.find((n) => n.key === 'config.extraArgs[0]')!.message).toBe(
      'metrics are not carried over: the NetworkPolicy admits only the ' +
        'Prometheus pods you name, and every route refuses /metrics; add metrics: HeadlampMetrics.podMonitor({ prometheus: PrometheusPeer.operator(' +
        '<namespace>, <name>) }) (or headlamp.metrics in a values file)',
    );
    expectFlagsExplained({ config: { extraArgs: ['-metrics-enabled'] } });
  });

  test('the real-world shape with tracing and metrics off in env migrates, each dropped with a note', () => {
    const values = parse(
      fs.readFileSync(
        path.join(__dirname, 'fixtures', 'chart-values', 'real-world', '15-headlamp-config-env-tracing-metrics.yaml'),
        'utf8',
      ),
    );
    const { notes, args } = migrate(values, { publicUrl: 'https://headlamp.example.com' });
    expect(args.filter((a) => /tracing|metrics/.test(a))).toEqual([]);
    expect(notes.filter((n) => n.key === 'env[0]' || n.key === 'env[1]').map((n) => [n.key, n.message])).toStrictEqual([
      ['env[1]', "env HEADLAMP_CONFIG_METRICS_ENABLED: dropped: false is Headlamp's default"],
      ['env[0]', 'env HEADLAMP_CONFIG_TRACING_ENABLED: dropped: tracing is off, so Headlamp does not read it'],
    ]);
  });

  // A value of the wrong form is a values error (HeadlampValidationError: the CLI exits 1), not a refusal (exit 2).
  test.each([
    [
      'a log level zerolog does not know',
      { config: { extraArgs: ['-log-level=verbose'] } },
      "chart values: config.extraArgs[0]: expected a HeadlampLogLevel (one of 'trace', 'debug', 'info', 'warn', 'error', 'fatal', " +
        "'panic', 'disabled'), got \"verbose\" (-log-level)",
    ],
    [
      'a floating node shell image in env',
      { env: [{ name: 'HEADLAMP_CONFIG_NODE_SHELL_IMAGE', value: 'busybox' }] },
      "chart values: env[0]: expected a pinned image: a tag naming a full version such as 'docker.io/library/busybox:1.37.0', or a digest " +
        "'...@sha256:<64 hex digits>' (a floating tag such as 'latest', a major or minor such as '3.20', or none, changes under you), got \"busybox\" (-node-shell-image)",
    ],
    [
      'a proxy URL with a glob in its host',
      { config: { extraArgs: ['-proxy-urls=https://*'] } },
      "chart values: config.extraArgs[0]: expected a URL pattern 'http(s)://<host>[:<port>]/<path>' such as 'https://prometheus.example.com/*': " +
        "host and port written out (glob characters only in the path; a '*' in the host would let Headlamp fetch from any host), no commas, " +
        'got "https://*" (-proxy-urls)',
    ],
    [
      'a sampling rate that is no number',
      { config: { extraArgs: ['-tracing-enabled', '-sampling-rate=half'] } },
      'chart values: config.extraArgs[1]: expected a sampling rate greater than 0 and at most 1 (the share of traces kept; to keep none, ' +
        'turn tracing off), got "half" (-sampling-rate)',
    ],
    [
      'a sampling rate of 0 (no trace kept)',
      {
        env: [
          { name: 'HEADLAMP_CONFIG_TRACING_ENABLED', value: 'true' },
          { name: 'HEADLAMP_CONFIG_SAMPLING_RATE', value: '0' },
        ],
      },
      'chart values: env[1]: expected a sampling rate greater than 0 and at most 1 (the share of traces kept; to keep none, ' +
        'turn tracing off), got "0" (-sampling-rate)',
    ],
  ])('a values error for %s, at its key', (_case, values, message) => {
    expect(valuesErrorOf(values)).toBe(message);
  });

  test.each([
    [
      'a collector URL with a scheme',
      { config: { extraArgs: ['-tracing-enabled', '-otlp-endpoint=http://otel:4317'] } },
      'config.extraArgs[1]',
      "config.extraArgs[1]: expected a collector address 'host:port' such as 'otel-collector.observability.svc:4317' (no scheme or path: Headlamp " +
        'dials it as given, in plain text), got "http://otel:4317" (-otlp-endpoint)',
    ],
    [
      'tracing to stdout',
      { config: { extraArgs: ['-tracing-enabled', '-stdout-trace-enabled'] } },
      'config.extraArgs[1]',
      'config.extraArgs[1]: tracing to stdout is not offered (it would replace the OTLP export); remove it, or trace to a collector with -otlp-endpoint',
    ],
  ])('refuses %s at its key', (_case, values, key, message) => {
    expect(refusal(values)).toStrictEqual({ key, message });
  });
});
