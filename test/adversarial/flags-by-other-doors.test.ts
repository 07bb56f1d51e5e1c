// Issue 27, class 3: flags by other doors. -enable-dynamic-clusters (any browser sends a kubeconfig, exec plugins
// included), a name that is no flag of the pinned release or is newer than the image, -sampling-rate and the log
// levels zerolog reads: through the API, a values file, the chart migration and the CLI's exit codes.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { HeadlampDeployment, HeadlampDeploymentProps, HeadlampLogLevel, HeadlampTracing } from '../../lib';
import { expectRefused, Refusal } from '../helpers/adversarial';
import { migrationError, valuesError, valuesWith } from '../helpers/doors';
import { only, synth, testChart } from '../helpers/synth';

const build = (props: HeadlampDeploymentProps) => () => new HeadlampDeployment(testChart(), 'headlamp', props);
const at = (prop: string, says: string, secrets?: string[]): Refusal => ({
  type: 'HeadlampDeployment',
  path: 'test/headlamp',
  prop,
  says,
  secrets,
});
const argsOf = (props: HeadlampDeploymentProps): string[] => {
  const chart = testChart();
  new HeadlampDeployment(chart, 'headlamp', props);
  return only(synth(chart), 'Deployment').spec.template.spec.containers[0].args;
};
const DYNAMIC =
  'changes whom Headlamp trusts (any browser that reaches Headlamp can then send it a kubeconfig, exec credential plugins ' +
  'included, which Headlamp uses from its pod)';

describe('-enable-dynamic-clusters: refused by every door, its value never shown', () => {
  test.each<[string, HeadlampDeploymentProps, Refusal]>([
    [
      '-enable-dynamic-clusters',
      { extraArgs: ['-enable-dynamic-clusters'] },
      at(
        'props.extraArgs[0]',
        `-enable-dynamic-clusters ${DYNAMIC}, got it in ` +
          'extraArgs (value not shown); drop it; name the clusters in props.kubeconfigs or props.clusterInventory',
      ),
    ],
    [
      '--enable-dynamic-clusters=true',
      { extraArgs: ['-cache-enabled', '--enable-dynamic-clusters=true'] },
      at('props.extraArgs[1]', '-enable-dynamic-clusters changes'),
    ],
    [
      'HEADLAMP_CONFIG_ENABLE_DYNAMIC_CLUSTERS',
      { extraEnv: { HEADLAMP_CONFIG_ENABLE_DYNAMIC_CLUSTERS: 'dyn-value-42' } },
      at(
        'props.extraEnv.HEADLAMP_CONFIG_ENABLE_DYNAMIC_CLUSTERS',
        `sets -enable-dynamic-clusters (Headlamp reads HEADLAMP_CONFIG_* as its flags), which ${DYNAMIC}`,
        ['dyn-value-42'],
      ),
    ],
    [
      "koanf's mixed-case spelling",
      { extraEnv: { 'HEADLAMP_CONFIG_Enable-Dynamic_Clusters': 'true' } },
      at('props.extraEnv.HEADLAMP_CONFIG_Enable-Dynamic_Clusters', 'sets -enable-dynamic-clusters'),
    ],
    [
      'from a Secret',
      {
        extraEnvVars: [
          { name: 'HEADLAMP_CONFIG_ENABLE_DYNAMIC_CLUSTERS', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
        ],
      },
      at('props.extraEnvVars.HEADLAMP_CONFIG_ENABLE_DYNAMIC_CLUSTERS', 'sets -enable-dynamic-clusters'),
    ],
  ])('API: %s', (_case, props, refusal) => {
    expectRefused(build(props), refusal);
  });

  test('a values file', () => {
    expect(valuesError(valuesWith({ extraArgs: ['--enable-dynamic-clusters'] }))).toContain(
      `values: headlamp.extraArgs[0]: -enable-dynamic-clusters ${DYNAMIC}`,
    );
    expect(valuesError(valuesWith({ extraEnv: { HEADLAMP_CONFIG_ENABLE_DYNAMIC_CLUSTERS: 'true' } }))).toContain(
      'values: headlamp.extraEnv.HEADLAMP_CONFIG_ENABLE_DYNAMIC_CLUSTERS: sets -enable-dynamic-clusters',
    );
  });

  test('the chart migration: config.extraArgs and env', () => {
    expect(migrationError({ config: { extraArgs: ['-enable-dynamic-clusters'] } })).toContain(
      `chart values: config.extraArgs[0]: -enable-dynamic-clusters ${DYNAMIC}`,
    );
    expect(migrationError({ env: [{ name: 'HEADLAMP_CONFIG_ENABLE_DYNAMIC_CLUSTERS', value: 'true' }] })).toContain(
      'sets -enable-dynamic-clusters (Headlamp reads HEADLAMP_CONFIG_* as its flags)',
    );
  });
});

describe('a flag name checked against the table and the pinned image', () => {
  test.each<[string, HeadlampDeploymentProps, Refusal]>([
    [
      'a misspelt flag (the server would exit at start)',
      { extraArgs: ['-skiped-kube-contexts=old'] },
      at(
        'props.extraArgs[0]',
        '-skiped-kube-contexts is not a flag of Headlamp v0.45.0 (an unknown flag stops the server at start)',
      ),
    ],
    [
      'a flag in the wrong case (Go flag names are case-sensitive)',
      { extraArgs: ['-cache-Enabled'] },
      at('props.extraArgs[0]', '-cache-Enabled is not a flag'),
    ],
    ['-help (prints usage and exits)', { extraArgs: ['--help'] }, at('props.extraArgs[0]', '-help is not a flag')],
    [
      '-version (prints and exits: a restart loop)',
      { extraArgs: ['-version'] },
      at('props.extraArgs[0]', 'so the pod would restart forever'),
    ],
    [
      'an env var Headlamp reads as no flag, value never shown',
      { extraEnv: { HEADLAMP_CONFIG_CACHE: 'cache-value-42' } },
      at(
        'props.extraEnv.HEADLAMP_CONFIG_CACHE',
        'sets -cache, which is not a flag of Headlamp v0.45.0 (Headlamp ignores it)',
        ['cache-value-42'],
      ),
    ],
    [
      'an open flag newer than the pinned image',
      { image: { tag: 'v0.34.2' }, extraArgs: ['-cache-enabled'] },
      at('props.extraArgs[0]', '-cache-enabled needs Headlamp v0.35.0 or later, got image tag v0.34.2'),
    ],
    [
      'any HEADLAMP_CONFIG_* on an image that reads none (before v0.13.0)',
      { image: { tag: 'v0.12.1' }, extraEnv: { HEADLAMP_CONFIG_HTML_STATIC_DIR: '/x' } },
      at(
        'props.extraEnv.HEADLAMP_CONFIG_HTML_STATIC_DIR',
        'HEADLAMP_CONFIG_HTML_STATIC_DIR (-html-static-dir read from the environment) needs Headlamp v0.13.0',
      ),
    ],
  ])('API: %s', (_case, props, refusal) => {
    expectRefused(build(props), refusal);
  });

  test('a values file and the migration name the key as written', () => {
    expect(valuesError(valuesWith({ extraArgs: ['-cache-enabled', '-watch-plugin-changes'] }))).toContain(
      'values: headlamp.extraArgs[1]: -watch-plugin-changes is not a flag of Headlamp v0.45.0',
    );
    expect(migrationError({ config: { extraArgs: ['-no-such-flag=1'] } })).toContain(
      'chart values: config.extraArgs[0]: -no-such-flag is not a flag',
    );
    expect(migrationError({ env: [{ name: 'HEADLAMP_CONFIG_NO_SUCH_FLAG', value: '1' }] })).toContain(
      'sets -no-such-flag, which is not a flag',
    );
  });
});

describe('-sampling-rate, typed with tracing', () => {
  const tracing = HeadlampTracing.otlpGrpc('otel.observability.svc:4317');

  test('rendered after the tracing flags; refused outside (0, 1], and in extraArgs', () => {
    expect(argsOf({ tracing: tracing.withSamplingRate(0.1) }).slice(-3)).toStrictEqual([
      '-tracing-enabled',
      '-otlp-endpoint=otel.observability.svc:4317',
      '-sampling-rate=0.1',
    ]);
    for (const rate of [0, -0.5, 1.5, Number.NaN]) {
      expectRefused(
        build({ tracing: tracing.withSamplingRate(rate) }),
        at(
          'props.tracing.samplingRate',
          `expected a sampling rate greater than 0 and at most 1 (the share of traces kept; to keep none, turn tracing off), got ${JSON.stringify(rate)}`,
        ),
      );
    }
    expectRefused(
      build({ extraArgs: ['-sampling-rate=0.5'] }),
      at(
        'props.extraArgs[0]',
        '-sampling-rate is set by the library, got it in extraArgs ' +
          '(value not shown); use props.tracing (it also opens egress to the collector)',
      ),
    );
  });

  test('a values file (headlamp.tracing.samplingRate) and the migration (-sampling-rate with -tracing-enabled)', () => {
    expect(valuesError(valuesWith({ tracing: { endpoint: 'otel.observability.svc:4317', samplingRate: 2 } }))).toBe(
      'values: headlamp.tracing.samplingRate: expected a sampling rate greater than 0 and at most 1 (the share of traces kept; to keep none, ' +
        'turn tracing off), got 2',
    );
    expect(
      valuesError(valuesWith({ tracing: { endpoint: 'otel.observability.svc:4317', samplingRate: '0.5' } })),
    ).toContain('values: headlamp.tracing.samplingRate: expected a number greater than 0 and at most 1');
    expect(
      migrationError({
        config: {
          extraArgs: ['-tracing-enabled', '-otlp-endpoint=otel:4317', '-sampling-rate=1e-1', '-sampling-rate=x'],
        },
      }),
    ).toContain('config.extraArgs[3]: expected a sampling rate greater than 0 and at most 1');
  });
});

describe('log levels as zerolog reads them (trace included); an invalid one is a values error, exit 1', () => {
  test('every level zerolog names by name is typed', () => {
    expect(Object.values(HeadlampLogLevel)).toStrictEqual([
      'trace',
      'debug',
      'info',
      'warn',
      'error',
      'fatal',
      'panic',
      'disabled',
    ]);
    expect(argsOf({ logLevel: HeadlampLogLevel.TRACE })).toContain('-log-level=trace');
  });

  const cli = (values: object) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loglevel-'));
    fs.writeFileSync(path.join(dir, 'values.yaml'), stringify(values));
    const env = { ...process.env };
    delete env.CDK8S_HEADLAMP_DEBUG;
    const res = spawnSync(
      process.execPath,
      [
        path.join(__dirname, '..', '..', 'bin', 'cdk8s-headlamp.js'),
        '--chart-values',
        'values.yaml',
        '--out',
        'out',
        '--public-url',
        'https://headlamp.example.com',
      ],
      { cwd: dir, encoding: 'utf8', env, timeout: 60_000 },
    );
    const notes = res.stdout.split('\n').filter((l) => l.includes('log-level'));
    fs.rmSync(dir, { recursive: true, force: true });
    return { status: res.status, stderr: res.stderr, notes };
  };

  test('CLI: " TRACE " and zerolog\'s number -1 carried as trace; "verbose" exits 1 naming the key', () => {
    expect(cli({ config: { extraArgs: ['-log-level= TRACE '] } })).toMatchObject({ status: 0, stderr: '' });
    expect(cli({ env: [{ name: 'HEADLAMP_CONFIG_LOG_LEVEL', value: '-1' }] }).notes.join('\n')).toContain(
      '-log-level is the typed prop logLevel here',
    );
    expect(cli({ config: { extraArgs: ['-log-level=verbose'] } })).toStrictEqual({
      status: 1,
      notes: [],
      stderr:
        "chart values: config.extraArgs[0]: expected a HeadlampLogLevel (one of 'trace', 'debug', 'info', 'warn', 'error', 'fatal', 'panic', " +
        '\'disabled\'), got "verbose" (-log-level)\n',
    });
  });
});
