// A recognisable secret fed through every door a secret value can take to an error message: secret-named props given
// a literal (string or number), args, env values, factories; the TypeScript API, a values file (library and CLI), the
// chart migration (library and CLI). Every run must fail, and no output may hold the secret.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import {
  HeadlampAuth,
  HeadlampDeployment,
  HeadlampDeploymentProps,
  HeadlampTracing,
  HeadlampValidationError,
  IngressTls,
  OAuth2ProxyFrontend,
  OAuth2ProxyMode,
  OAuth2ProxyProvider,
  OidcConfig,
} from '../../lib';
import { errorOf, migrationError, valuesError, valuesWith } from '../helpers/doors';
import { testChart } from '../helpers/synth';

const SECRET = 'canary-S3cr3t-7f3a9';
/** A secret that is a number (a PIN, a numeric token): YAML reads it as one. */
const NUMERIC = 7319284650;
const leaks = (text: string) => text.includes(SECRET) || text.includes(String(NUMERIC));
const oidc = (extra: object) =>
  HeadlampAuth.oidc(
    new OidcConfig({
      clientId: 'h',
      issuerUrl: 'https://idp.example.com',
      publicUrl: 'https://h.example.com',
      ...extra,
    } as never),
  );
const container = { name: 'side', image: 'busybox:1.36.1', imagePullPolicy: 'sometimes' };

describe('the TypeScript API never echoes a secret', () => {
  test.each<[string, HeadlampDeploymentProps]>([
    ['a literal client secret', { auth: oidc({ clientSecret: SECRET }) }],
    ['a numeric client secret', { auth: oidc({ clientSecret: NUMERIC }) }],
    ['an owned flag with a secret', { extraArgs: [`-oidc-client-secret=${SECRET}`] }],
    ['the same with two dashes', { extraArgs: [`--oidc-client-secret=${SECRET}`] }],
    ['an arg that is no flag', { extraArgs: [`oidc-client-secret=${SECRET}`] }],
    ['a bare secret as an arg', { extraArgs: [SECRET] }],
    ['a number as an arg', { extraArgs: [NUMERIC as never] }],
    ["an owned flag's env var", { extraEnv: { HEADLAMP_CONFIG_OIDC_CLIENT_SECRET: SECRET } }],
    ['an env value of the wrong type', { extraEnv: { API_TOKEN: NUMERIC as never } }],
    [
      'an env var list entry with a secret value',
      { extraEnvVars: [{ name: 'HEADLAMP_CONFIG_OIDC_CLIENT_SECRET', value: SECRET }] },
    ],
    [
      'a sidecar with a secret in its env, failing elsewhere',
      { extraContainers: [{ ...container, env: [{ name: 'TOKEN', value: SECRET }] }] },
    ],
    [
      'a sidecar with a secret in its args, failing elsewhere',
      { extraContainers: [{ ...container, args: [`--password=${SECRET}`] }] },
    ],
    ['an env var without a name, holding a secret', { extraEnvVars: [{ value: SECRET } as never] }],
    [
      'an env var list entry whose valueFrom is the secret itself',
      { extraEnvVars: [{ name: 'TOKEN', valueFrom: SECRET as never }] },
    ],
    ['an env map key written as NAME=secret', { extraEnv: { [`TOKEN=${SECRET}`]: 'x' } }],
    // Credentials by their form (issue 27 class 6): user info in an address or image reference, under any key.
    [
      'a collector address with user:password@',
      { tracing: HeadlampTracing.otlpGrpc(`u:${SECRET}@otel.observability.svc:4317`) },
    ],
    ['a pod debug image with user:token@', { podDebugImage: `u:${SECRET}@registry.example.com/busybox:1.37.0` }],
    ['a node shell image with user:token@', { nodeShellImage: `u:${SECRET}@registry.example.com/busybox` }],
    ['a proxy URL with user info', { proxyUrls: [`https://u:${SECRET}@prometheus.example.com/*`] }],
    ['a proxy URL with a token as the user', { proxyUrls: [`https://${SECRET}@prometheus.example.com/*`] }],
    ['an image registry with user:token@', { image: { registry: `u:${SECRET}@ghcr.io` } }],
    ['a JWT as the app name', { appName: `eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ${SECRET}.sig\n` }],
  ])('%s', (_case, props) => {
    const err = errorOf(() => new HeadlampDeployment(testChart(), 'headlamp', props));
    expect(err).toBeInstanceOf(HeadlampValidationError);
    expect(leaks(err.message)).toBe(false);
  });

  test.each<[string, HeadlampDeploymentProps, string]>([
    [
      'extraEnvVars holds secrets: a wrong value is named by its kind only',
      { extraEnvVars: [{ name: 'TOKEN', valueFrom: SECRET as never }] },
      "HeadlampDeployment 'test/headlamp': props.extraEnvVars[0].valueFrom: expected a EnvVarSource (a map), got <redacted>",
    ],
    [
      'an env map key shows only the name before its =',
      { extraEnv: { [`TOKEN=${SECRET}`]: 'x' } },
      "HeadlampDeployment 'test/headlamp': props.extraEnv.TOKEN=<redacted>: expected an environment variable name " +
        "(letters, digits, '_', '-', '.', not starting with a digit), got key \"TOKEN=<redacted>\"",
    ],
  ])('%s', (_case, props, message) => {
    expect(errorOf(() => new HeadlampDeployment(testChart(), 'headlamp', props)).message).toBe(message);
  });

  test('a credential in a value is redacted by its form, the rest of the value kept (one rule: redactCredentials)', () => {
    expect(
      errorOf(
        () =>
          new HeadlampDeployment(testChart(), 'headlamp', {
            podDebugImage: `u:${SECRET}@registry.example.com/busybox`,
          }),
      ).message,
    ).toMatch(/props\.podDebugImage: expected a pinned image: .*, got "u:<redacted>@registry\.example\.com\/busybox"$/);
    expect(
      errorOf(
        () => new HeadlampDeployment(testChart(), 'headlamp', { proxyUrls: [`https://${SECRET}@p.example.com/*`] }),
      ).message,
    ).toMatch(/got "https:\/\/<redacted>@p\.example\.com\/\*"$/);
    expect(
      migrationError({ config: { extraArgs: [`-pod-debug-image=u:${SECRET}@registry.example.com/busybox`] } }),
    ).toContain('got "u:<redacted>@registry.example.com/busybox" (-pod-debug-image)');
  });

  test('a URL prop with user info is refused (it would be a plaintext secret in the manifests), and not echoed', () => {
    const auth = oidc({ issuerUrl: `https://u:${SECRET}@idp.example.com` });
    expect(errorOf(() => new HeadlampDeployment(testChart(), 'headlamp', { auth })).message).toBe(
      "HeadlampDeployment 'test/headlamp': " +
        "props.auth.oidc.issuerUrl: expected an absolute https or http URL without user info ('user:password@' would be written into the " +
        'manifests and the pod\'s arguments, readable by whoever reads them), got "https://<redacted>@idp.example.com"',
    );
    expect(
      valuesError(
        valuesWith(
          {},
          {
            auth: {
              type: 'oidc',
              provider: 'dex',
              options: {
                clientId: 'h',
                issuerUrl: `https://u:${SECRET}@dex.example.com`,
                publicUrl: 'https://h.example.com',
              },
            },
          },
        ),
      ),
    ).toContain('values: auth.options.issuerUrl: expected an absolute https URL without user info');
    expect(
      migrationError({ config: { oidc: { ...OIDC, issuerURL: `https://u:${SECRET}@idp.example.com` } } }),
    ).toContain('chart values: config.oidc.issuerURL: expected an absolute https or http URL without user info');
  });

  test('a key without = under a sensitive key is still shown whole (it is a name)', () => {
    expect(
      errorOf(() => new HeadlampDeployment(testChart(), 'headlamp', { extraEnv: { '1TOKEN': 'x' } })).message,
    ).toContain('props.extraEnv.1TOKEN: expected an environment variable name');
  });

  test('another construct: a literal where a Secret reference belongs', () => {
    const err = errorOf(() => {
      const chart = testChart();
      const headlamp = new HeadlampDeployment(chart, 'headlamp');
      new OAuth2ProxyFrontend(chart, 'proxy', {
        headlamp,
        mode: OAuth2ProxyMode.REVERSE_PROXY,
        provider: OAuth2ProxyProvider.oidc('https://idp.example.com'),
        credentialsSecret: 'o',
        emailDomains: ['example.com'],
        hosts: ['headlamp.example.com'],
        tls: IngressTls.fromSecret('tls'),
        clientSecret: SECRET,
        cookieSecret: NUMERIC,
      } as never);
    });
    expect(err).toBeInstanceOf(HeadlampValidationError);
    expect(leaks(err.message)).toBe(false);
  });
});

const VALUES_CASES: Array<[string, Record<string, unknown>]> = [
  [
    'a client secret in the provider options',
    valuesWith(
      {},
      {
        auth: {
          type: 'oidc',
          provider: 'dex',
          options: {
            clientId: 'h',
            issuerUrl: 'https://dex.example.com',
            publicUrl: 'https://h.example.com',
            clientSecret: SECRET,
          },
        },
      },
    ),
  ],
  [
    'a literal where the client secret reference belongs',
    valuesWith(
      {},
      {
        auth: {
          type: 'oidc',
          provider: 'dex',
          options: { clientId: 'h', issuerUrl: 'https://dex.example.com', publicUrl: 'https://h.example.com' },
          clientSecret: SECRET,
        },
      },
    ),
  ],
  [
    'a numeric client secret reference',
    valuesWith(
      {},
      {
        auth: {
          type: 'oidc',
          provider: 'dex',
          options: { clientId: 'h', issuerUrl: 'https://dex.example.com', publicUrl: 'https://h.example.com' },
          clientSecret: NUMERIC,
        },
      },
    ),
  ],
  ['an owned flag with a secret', valuesWith({ extraArgs: [`-oidc-client-secret=${SECRET}`] })],
  ['an arg that is no flag', valuesWith({ extraArgs: [SECRET] })],
  ['a numeric env value', valuesWith({ extraEnv: { DB_PASSWORD: NUMERIC } })],
  ['a secret env var for an owned flag', valuesWith({ extraEnv: { HEADLAMP_CONFIG_OIDC_CLIENT_SECRET: SECRET } })],
  ['an env map key written as NAME=secret', valuesWith({ extraEnv: { [`TOKEN=${SECRET}`]: 'x' } })],
  [
    'an env var list entry whose valueFrom is the secret itself',
    valuesWith({ extraEnvVars: [{ name: 'TOKEN', valueFrom: SECRET }] }),
  ],
  [
    'a collector address with user:password@',
    valuesWith({ tracing: { endpoint: `u:${SECRET}@otel.observability.svc:4317`, protocol: 'grpc' } }),
  ],
  [
    'a pod debug image with user:token@',
    valuesWith({ podDebugImage: `u:${SECRET}@registry.example.com/busybox:1.37.0` }),
  ],
  ['a proxy URL with user info', valuesWith({ proxyUrls: [`https://u:${SECRET}@prometheus.example.com/*`] })],
];

/** An OIDC login in chart values (so an OIDC secret is not merely dropped with a note). */
const OIDC = {
  clientID: 'h',
  issuerURL: 'https://idp.example.com',
  callbackURL: 'https://h.example.com/oidc-callback',
};
const CHART_CASES: Array<[string, Record<string, unknown>]> = [
  [
    'config.oidc.clientSecret without the opt-in',
    { config: { oidc: { clientID: 'h', issuerURL: 'https://idp.example.com', clientSecret: SECRET } } },
  ],
  [
    'a numeric config.oidc.clientSecret',
    { config: { oidc: { clientID: 'h', issuerURL: 'https://idp.example.com', clientSecret: NUMERIC } } },
  ],
  [
    'OIDC_CLIENT_SECRET as a plain env value',
    { config: { oidc: OIDC }, env: [{ name: 'OIDC_CLIENT_SECRET', value: SECRET }] },
  ],
  ['an env entry as NAME=value', { env: [`API_TOKEN=${SECRET}`] }],
  ['a numeric env value', { env: [{ name: 'API_TOKEN', value: NUMERIC }] }],
  ['an owned flag in extraArgs', { config: { extraArgs: [`--oidc-client-secret=${SECRET}`] } }],
  ['extraArgs as one string', { config: { extraArgs: `-oidc-client-secret=${SECRET}` } }],
  [
    "an owned flag's env var",
    { config: { oidc: OIDC }, env: [{ name: 'HEADLAMP_CONFIG_OIDC_CLIENT_SECRET', value: SECRET }] },
  ],
  [
    'a pod debug image with user:token@ in extraArgs',
    { config: { extraArgs: [`-pod-debug-image=u:${SECRET}@registry.example.com/busybox:1.37.0`] } },
  ],
  [
    'a collector address with user:password@ in env',
    {
      env: [
        { name: 'HEADLAMP_CONFIG_OTLP_ENDPOINT', value: `u:${SECRET}@otel:4317` },
        { name: 'HEADLAMP_CONFIG_TRACING_ENABLED', value: 'true' },
      ],
    },
  ],
  [
    'a proxy URL with user info in extraArgs',
    { config: { extraArgs: [`-proxy-urls=https://u:${SECRET}@prometheus.example.com/*`] } },
  ],
  ['an image registry with user:token@', { image: { registry: `u:${SECRET}@ghcr.io` } }],
];

describe('a values file never echoes a secret', () => {
  test.each(VALUES_CASES)('%s', (_case, values) => {
    expect(leaks(valuesError(values))).toBe(false);
  });

  test('a literal where a Secret reference belongs is refused in our words', () => {
    expect(valuesError(VALUES_CASES[2][1])).toBe(
      'values: auth.clientSecret: expected { secretName, key }: a reference to an existing Secret ' +
        '(a client secret is never written in a values file), got <redacted>',
    );
  });
});

describe('the chart migration never echoes a secret', () => {
  test.each(CHART_CASES)('%s', (_case, values) => {
    expect(leaks(migrationError(values))).toBe(false);
  });

  test('with the plaintext opt-in, a later error still does not show it', () => {
    const message = migrationError(
      { config: { oidc: { clientID: 'h', issuerURL: 'not a url', clientSecret: SECRET } } },
      { unsafePlaintextSecrets: true },
    );
    expect(leaks(message)).toBe(false);
  });
});

describe('the CLI prints no secret on any failure (stdout and stderr)', () => {
  const CLI = path.resolve(__dirname, '..', '..', 'bin', 'cdk8s-headlamp.js');
  const box = fs.mkdtempSync(path.join(os.tmpdir(), 'leaks-'));
  const run = (args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args, '--out', path.join(box, 'out')], {
      cwd: box,
      encoding: 'utf8',
      timeout: 60_000,
    });
  const file = (name: string, text: string) => {
    fs.writeFileSync(path.join(box, name), text);
    return name;
  };

  test.each<[string, string[]]>([
    ...VALUES_CASES.map(([c, v], i): [string, string[]] => [
      `--values: ${c}`,
      ['--values', file(`v${i}.yaml`, stringify(v))],
    ]),
    ...CHART_CASES.map(([c, v], i): [string, string[]] => [
      `--chart-values: ${c}`,
      ['--chart-values', file(`c${i}.yaml`, stringify(v))],
    ]),
    ['--values: a file that holds only a token (the wrong file)', ['--values', file('token', `${SECRET}\n`)]],
    [
      '--values: YAML that does not parse around a secret',
      ['--values', file('bad.yaml', `namespace: x\nauth: {clientSecret: "${SECRET}\n`)],
    ],
  ])('%s', (_case, args) => {
    const res = run(args);
    expect(res.status).not.toBe(0);
    expect(res.stderr.length).toBeGreaterThan(0);
    expect(leaks(res.stdout + res.stderr)).toBe(false);
  });
});
