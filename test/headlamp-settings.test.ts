// The registry of Headlamp settings (lib/core/headlamp-settings.ts) held against every table derived from it or kept
// beside it: the refusals of extraArgs/env (derived), the flags the library renders, the migration's tables, the
// values keys, docs/flags.md, and the one version constant. Each test fails when one line of its table goes.
import { Duration } from 'cdk8s';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  HeadlampAuth,
  HeadlampDeployment,
  HeadlampDeploymentProps,
  HeadlampLogLevel,
  HeadlampTracing,
  OidcClientSecret,
  OidcConfig,
  SecretKeyRef,
} from '../lib';
import { FLAG_VALUES } from '../lib/chart/migration/cluster';
import { PLAIN, TELEMETRY } from '../lib/chart/migration/operational';
import { OIDC_SETTINGS } from '../lib/chart/migration/oidc-settings';
import { SERVER_FLAGS } from '../lib/chart/migration/typed-flags';
import { valuesKeys } from '../lib/chart/values';
import { flagOfEnvName, HEADLAMP_VERSION } from '../lib/core/headlamp-flags';
import { HEADLAMP_SETTINGS, HeadlampSetting } from '../lib/core/headlamp-settings';
import { propsSchema } from '../lib/deployment/headlamp-deployment-props';
import { errorMessageOf } from './helpers/adversarial';
import { testChart } from './helpers/synth';

const ROOT = path.resolve(__dirname, '..');
const { renderFlagTable, documentedTable } = require('../scripts/flags-doc.js');
const SETTINGS: readonly HeadlampSetting[] = HEADLAMP_SETTINGS;
const flagsWhere = (pick: (s: HeadlampSetting) => unknown) =>
  SETTINGS.filter(pick)
    .map((s) => s.flag)
    .sort();

/**
 * The flags open to extraArgs and env, kept here by hand: none sets what a prop owns or changes whom Headlamp trusts
 * (backend/pkg/config/config.go, v0.45.0, read flag by flag). Every other flag is refused through both doors.
 */
const OPEN = [
  'allow-kubeconfig-changes',
  'cache-enabled',
  'html-static-dir',
  'no-browser',
  'service-name',
  'service-version',
  'skipped-kube-contexts',
  'user-plugins-dir',
  'watch-plugins-changes',
];
const build = (props: HeadlampDeploymentProps) => () => new HeadlampDeployment(testChart(), 'headlamp', props);

describe('the refusals of extraArgs and env (derived from the registry)', () => {
  test('exactly the open flags have no owner', () => {
    expect(flagsWhere((s) => !s.use)).toStrictEqual(OPEN);
  });

  test.each(SETTINGS.map((s) => [s.flag, s]))(
    '-%s: refused in extraArgs and as HEADLAMP_CONFIG_* unless open',
    (flag, s) => {
      const env = `HEADLAMP_CONFIG_${flag.toUpperCase().replace(/-/g, '_')}`;
      if (OPEN.includes(flag)) {
        expect(build({ extraArgs: [`--${flag}=x`], extraEnv: { [env]: 'x' } })).not.toThrow();
        return;
      }
      const use = s.why ? s.use! : `use ${s.use}`;
      expect(errorMessageOf(build({ extraArgs: [`--${flag}=x`] }))).toMatch(
        new RegExp(
          `^HeadlampDeployment 'test/headlamp': props\\.extraArgs\\[0\\]: ` +
            `-${flag} (is set by the library|changes whom Headlamp trusts .*), got it in extraArgs \\(value not shown\\); `,
        ),
      );
      expect(errorMessageOf(build({ extraArgs: [`--${flag}=x`] })).endsWith(use)).toBe(true);
      expect(errorMessageOf(build({ extraEnv: [env].reduce((o, k) => ({ ...o, [k]: 'x' }), {}) }))).toContain(
        `props.extraEnv.${env}: sets -${flag} (Headlamp reads HEADLAMP_CONFIG_* as its flags)`,
      );
    },
  );

  test('every flag the library renders is one a prop or the library owns', () => {
    const secret = OidcClientSecret.fromSecret('oidc');
    const rich: HeadlampDeploymentProps[] = [
      {
        baseUrl: '/h',
        sessionTtl: Duration.hours(1),
        enableHelm: true,
        inClusterContextName: 'prod',
        pluginsDir: '/p',
        logLevel: HeadlampLogLevel.TRACE,
        themes: { defaultLight: 'Light', defaultDark: 'Dark' },
        podDebugImage: 'docker.io/library/busybox:1.37.0',
        nodeShellImage: 'docker.io/library/busybox:1.37.0',
        nodeShellNamespace: 'shells',
        appName: 'Ops',
        proxyUrls: ['https://prom.example.com/*'],
        tracing: HeadlampTracing.otlpHttp('otel.observability.svc:4318').withSamplingRate(0.25),
        podTlsSecret: 'headlamp-tls',
        kubeconfigs: [SecretKeyRef.fromName('kc', 'config')],
        clusterInventory: {
          providers: [{ name: 'p' }],
          namespaces: ['inv'],
          labelSelector: 'a=b',
          rootReconcileInterval: Duration.minutes(5),
          noCrdCacheTtl: Duration.minutes(1),
        },
        auth: HeadlampAuth.oidc(
          new OidcConfig({
            issuerUrl: 'https://idp.example.com',
            clientId: 'h',
            clientSecret: secret,
            publicUrl: 'https://h.example.com',
            useAccessToken: true,
            validatorClientId: 'v',
            validatorIssuerUrl: 'https://sts.example.com/',
          }),
        ),
      },
      { auth: HeadlampAuth.unsafeSharedServiceAccountToken() },
    ];
    const rendered = new Set<string>();
    for (const props of rich) {
      const d = new HeadlampDeployment(testChart(), 'headlamp', props);
      const c = d.deployment.toJson().spec.template.spec.containers[0];
      for (const a of c.args ?? []) rendered.add(/^-([^=]+)/.exec(a)![1]);
      for (const e of c.env ?? []) if (flagOfEnvName(e.name)) rendered.add(flagOfEnvName(e.name)!);
    }
    const owned = new Set(flagsWhere((s) => s.use));
    expect([...rendered].filter((f) => !owned.has(f))).toEqual([]);
    // The rich configuration reaches the flags this test means to hold.
    expect([...rendered]).toEqual(
      expect.arrayContaining([
        'sampling-rate',
        'log-level',
        'default-light-theme',
        'app-name',
        'proxy-urls',
        'kubeconfig',
        'tls-cert-path',
        'unsafe-use-service-account-token',
        'cluster-inventory-namespaces',
        'oidc-validator-client-id',
      ]),
    );
  });

  test('a name the pinned release does not define is refused by both doors; an open flag newer than the image too', () => {
    expect(errorMessageOf(build({ extraArgs: ['-enable-dynamic-cluster'] }))).toBe(
      "HeadlampDeployment 'test/headlamp': props.extraArgs[0]: " +
        `-enable-dynamic-cluster is not a flag of Headlamp v${HEADLAMP_VERSION} (an unknown flag stops the server at start), got it in extraArgs ` +
        '(value not shown); check the name against docs/flags.md',
    );
    expect(errorMessageOf(build({ extraEnv: { HEADLAMP_CONFIG_LOGLEVEL: 'debug' } }))).toBe(
      "HeadlampDeployment 'test/headlamp': " +
        `props.extraEnv.HEADLAMP_CONFIG_LOGLEVEL: sets -loglevel, which is not a flag of Headlamp v${HEADLAMP_VERSION} (Headlamp ignores it), got it ` +
        'in extraEnv (value not shown); check the name against docs/flags.md',
    );
    expect(errorMessageOf(build({ image: { tag: 'v0.37.0' }, extraArgs: ['-no-browser'] }))).toBe(
      "HeadlampDeployment 'test/headlamp': " +
        'props.extraArgs[0]: -no-browser needs Headlamp v0.39.0 or later, got image tag v0.37.0; raise props.image.tag or drop the option',
    );
    expect(
      errorMessageOf(build({ image: { tag: 'v0.12.0' }, extraEnv: { HEADLAMP_CONFIG_NO_BROWSER: 'true' } })),
    ).toContain(
      'props.extraEnv.HEADLAMP_CONFIG_NO_BROWSER: -no-browser needs Headlamp v0.39.0 or later, got image tag v0.12.0',
    );
    expect(build({ image: { tag: 'v0.39.0' }, extraArgs: ['-no-browser'] })).not.toThrow();
  });
});

describe("the migration's tables, held against the registry", () => {
  test('SERVER_FLAGS (typed-flags.ts): the flags carried from config.extraArgs onto a server prop', () => {
    expect(Object.keys(SERVER_FLAGS).sort()).toStrictEqual(flagsWhere((s) => s.chart?.migrate === 'server'));
  });

  test("OIDC_SETTINGS (oidc-settings.ts): config.oidc key, the chart's env var, the flag", () => {
    const table = Object.entries(OIDC_SETTINGS).map(([key, [env, flag]]) => [flag, `config.oidc.${key}`, env]);
    const registry = SETTINGS.filter((s) => s.chart?.migrate === 'oidc').map((s) => [
      s.flag,
      s.chart!.value,
      s.chart!.env,
    ]);
    expect(table.sort()).toStrictEqual(registry.sort());
  });

  test('PLAIN and TELEMETRY (operational.ts): the flags carried from extraArgs/env onto their props', () => {
    expect(Object.keys(PLAIN).sort()).toStrictEqual(flagsWhere((s) => s.chart?.migrate === 'operational'));
    expect([...TELEMETRY].sort()).toStrictEqual(flagsWhere((s) => s.chart?.migrate === 'telemetry'));
  });

  test('FLAG_VALUES (cluster.ts): the chart value of every owned flag the chart sets, but the OIDC and operational ones', () => {
    const registry = SETTINGS.filter(
      (s) => s.use && s.chart?.value && s.chart.migrate !== 'oidc' && s.chart.migrate !== 'operational',
    ).map((s) => [s.flag, s.chart!.value]);
    expect(Object.entries(FLAG_VALUES).sort()).toStrictEqual(registry.sort());
  });
});

describe('values keys and docs', () => {
  test('each values key is a key of the values file, and a headlamp.* key is the prop that owns the flag', () => {
    const props = Object.keys(propsSchema().shape);
    for (const s of SETTINGS.filter((x) => x.values)) {
      const [top, prop] = s.values!.split('.');
      if (top === 'headlamp') {
        expect([s.flag, prop === 'sessionTtlSeconds' || props.includes(prop)]).toStrictEqual([s.flag, true]);
        expect([s.flag, s.use?.includes(`props.${prop === 'sessionTtlSeconds' ? 'sessionTtl' : prop}`)]).toStrictEqual([
          s.flag,
          true,
        ]);
      } else {
        expect([s.flag, valuesKeys().some((k) => k === s.values || k.startsWith(`${s.values}.`))]).toStrictEqual([
          s.flag,
          true,
        ]);
      }
    }
    // Every flag a prop owns has its values key (the login's flags under auth).
    expect(flagsWhere((s) => s.use?.startsWith('props.') && !s.values)).toEqual([]);
  });

  test('docs/flags.md is the registry, row for row (regenerate: npm run build && node scripts/flags-doc.js)', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs', 'flags.md'), 'utf8');
    expect(documentedTable(doc)).toBe(renderFlagTable(SETTINGS));
  });

  test('the supported Headlamp version is one constant: no other copy in code, and every @default naming it agrees', () => {
    const files = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) =>
          e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
        );
    const stray: string[] = [];
    for (const file of files(path.join(ROOT, 'lib'))) {
      const rel = path.relative(ROOT, file);
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const comment = /^\s*(\/\/|\/\*|\*)/.test(line);
          const version = /v?0\.\d{2}\.\d+/.exec(line)?.[0];
          if (
            comment &&
            /@default\b.*headlamp/i.test(line) &&
            version &&
            version.replace(/^v/, '') !== HEADLAMP_VERSION
          )
            stray.push(`${rel}:${i + 1}`);
          // Outside comments, a version is a release of a flag (the registry), or the constant itself.
          if (!comment && /0\.45/.test(line) && !/lib\/core\/headlamp-(settings|flags)\.ts$/.test(rel))
            stray.push(`${rel}:${i + 1}`);
        });
    }
    expect(stray).toEqual([]);
  });
});
