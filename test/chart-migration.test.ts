// Migration from the official chart: every one of the chart's own test cases (tests/test_cases of chart 0.45.0,
// plus the chart with no values) migrates or is refused by name, and for each migrated case Headlamp's effective
// flags equal what `helm template` of the official chart renders, except the flags a migration note explains.
import { App } from 'cdk8s';
import { spawnSync } from 'node:child_process';
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
const CHART: string = findChart();
const CASES = path.join(CHART, 'tests', 'test_cases');
const names = [
  '(no values)',
  ...fs
    .readdirSync(CASES)
    .filter((f) => f.endsWith('.yaml'))
    .sort(),
];
const valuesOf = (name: string) =>
  name === '(no values)' ? {} : (parse(fs.readFileSync(path.join(CASES, name), 'utf8')) ?? {});

/** `helm template` of the official chart, once per values file (a test case's own file, or values written as JSON). */
const rendered = new Map<string, any[]>();
function chartObjects(source: { testCase: string } | { values: object }): any[] {
  const key = 'testCase' in source ? source.testCase : JSON.stringify(source.values);
  if (!rendered.has(key)) {
    let file: string | undefined;
    if ('values' in source) {
      file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'values-')), 'values.json');
      fs.writeFileSync(file, JSON.stringify(source.values));
    } else if (source.testCase !== '(no values)') {
      file = path.join(CASES, source.testCase);
    }
    rendered.set(
      key,
      parseYaml(helm(['template', 'headlamp', CHART, '--namespace', 'headlamp', ...(file ? ['-f', file] : [])])),
    );
  }
  return rendered.get(key)!;
}

/** Every named unsafe opt-in, and a public URL: what is left refused cannot be migrated at all. */
const ALL_OPT_INS: ChartMigrationOptions = {
  publicUrl: 'https://headlamp.example.com',
  unsafePlaintextSecrets: true,
  unsafeSharedServiceAccountToken: true,
  unsafePlainHttpService: true,
  unsafePluginDownloadsFromAnyHost: true,
  unsafeOidcSkipTlsVerify: true,
  tlsTerminatedUpstream: 'load-balancer',
  gatewayListener: 'https',
};

/** The outcome of each test case with every opt-in: 'migrates', or the values key it is refused at. */
const OUTCOME: Record<string, string> = {
  '(no values)': 'migrates',
  'azure-oidc-with-validators.yaml': 'migrates',
  'cluster-inventory-plugins.yaml': 'config.clusterInventory.plugins', // image volumes: Kubernetes 1.33+
  'cluster-inventory.yaml': 'migrates',
  'disable-static-plugins.yaml': 'migrates',
  'extra-args.yaml': 'config.extraArgs[0]', // -insecure-ssl: no TLS verification of the identity provider at login
  'extra-manifests.yaml': 'migrates',
  'host-aliases.yaml': 'migrates',
  'host-users-override.yaml': 'migrates',
  'httproute-enabled.yaml': 'migrates', // on the listener --gateway-listener names
  'ingress-multi-backend.yaml': 'migrates', // no TLS of its own: --tls-terminated-upstream
  'me-user-info-url-directly.yaml': 'migrates',
  'me-user-info-url.yaml': 'migrates',
  'namespace-override-oidc-create-secret.yaml': 'config.oidc.issuerURL', // "testIssuerURL" is not a URL
  'namespace-override.yaml': 'migrates',
  'non-azure-oidc.yaml': 'migrates',
  'oidc-create-secret.yaml': 'config.oidc.issuerURL',
  'oidc-directly-env.yaml': 'config.oidc.issuerURL',
  'oidc-directly.yaml': 'config.oidc.issuerURL',
  'oidc-external-secret-with-scopes.yaml': 'migrates',
  'oidc-external-secret.yaml': 'migrates',
  'oidc-pkce.yaml': 'config.oidc.issuerURL',
  'oidc-validator-overrides.yaml': 'config.oidc.validatorIssuerURL',
  'pod-disruption.yaml': 'migrates',
  'readonly-root-filesystem-custom-tmp-volume.yaml': 'migrates',
  'readonly-root-filesystem-custom-tmp.yaml': 'migrates',
  'readonly-root-filesystem-plugins-inherit.yaml': 'migrates', // nothing to install: the sidecar is dropped, with a note
  'readonly-root-filesystem-plugins-only.yaml': 'migrates',
  'readonly-root-filesystem.yaml': 'migrates',
  'security-context.yaml': 'migrates',
  'service-account-token-custom-token.yaml': 'migrates',
  'service-account-token-out-of-cluster.yaml': 'config.inCluster',
  'service-account-token.yaml': 'migrates',
  'service-appprotocol.yaml': 'migrates',
  'service-extra-ports.yaml': 'migrates',
  'tls-added.yaml': 'migrates',
  'topology-spread-constraints-custom-selector.yaml': 'migrates',
  'topology-spread-constraints.yaml': 'migrates',
  'volumes-added.yaml': 'migrates',
};

/** The migration's outcome for a test case or values: objects and notes, or the refused key. */
function migrate(name: string | object, options: ChartMigrationOptions = ALL_OPT_INS) {
  const app = new App();
  try {
    const { notes } = migrateChartValues(app, typeof name === 'string' ? valuesOf(name) : name, options);
    return {
      objects: parseYaml(app.synthYaml()),
      notes,
      refused: undefined as string | undefined,
      error: undefined as Error | undefined,
    };
  } catch (err) {
    if (err instanceof ChartMigrationRefusal) return { objects: [], notes: [], refused: err.key, error: err };
    if (err instanceof HeadlampValidationError)
      return { objects: [], notes: [], refused: err.issues[0].propPath, error: err };
    throw err;
  }
}

test("the test cases are the chart's 38 (and the suite knows the outcome of each)", () => {
  expect(names.length).toBe(39);
  expect(Object.keys(OUTCOME).sort()).toStrictEqual([...names].sort());
});

describe.each(names)('chart test case %s', (name) => {
  const result = migrate(name);

  test(`outcome: ${OUTCOME[name]}`, () => {
    expect(result.refused ?? 'migrates').toBe(OUTCOME[name]);
  });

  if (OUTCOME[name] !== 'migrates') {
    test('the refusal names the values key and a way out, one line per problem, each naming its key', () => {
      expect(result.error!.message).toMatch(
        new RegExp(`^(chart values: )?${OUTCOME[name].replace(/[.[\]]/g, '\\$&')}: .+`),
      );
      for (const line of result.error!.message.split('\n'))
        expect(line).toMatch(/^(chart values: )?[a-zA-Z][\w.[\]-]*: \S/);
    });
    return;
  }

  test("Headlamp's effective flags equal helm template of the official chart, except where a note says why", () => {
    const theirs = effectiveFlags(chartObjects({ testCase: name }));
    const ours = effectiveFlags(result.objects);
    const explained = new Set(result.notes.flatMap((n) => n.flags));
    expect(differingFlags(theirs, ours).filter((f) => !explained.has(f))).toEqual([]);
    // A note that claims a difference that is not there would be noise.
    for (const flag of explained) expect([flag, theirs[flag] !== ours[flag]]).toEqual([flag, true]);
  });

  test('the output is valid for Kubernetes 1.28 and 1.35 and carries no plaintext secret unless opted in', () => {
    expect(validateAll(result.objects)).toEqual([]);
    const secrets = result.objects.filter((o) => o.kind === 'Secret');
    if (secrets.length) expect(result.notes.map((n) => n.key)).toContain('config.oidc.clientSecret');
  });
});

describe('without the unsafe opt-ins', () => {
  test.each<[string, string, string]>([
    ['azure-oidc-with-validators.yaml', 'config.oidc.clientSecret', '--unsafe-plaintext-secrets'],
    ['oidc-directly-env.yaml', 'env[1]', '--unsafe-plaintext-secrets'],
    ['service-account-token.yaml', 'config.unsafeUseServiceAccountToken', '--unsafe-shared-service-account-token'],
    ['service-extra-ports.yaml', 'service.type', '--unsafe-plain-http-service'],
  ])('%s is refused at %s, naming the opt-in', (name, key, flag) => {
    const result = migrate(name, { publicUrl: 'https://headlamp.example.com' });
    expect(result.error).toBeInstanceOf(ChartMigrationRefusal);
    expect(result.refused).toBe(key);
    expect(result.error!.message).toContain(flag);
  });

  test('OIDC without a callback URL, ingress host or --public-url is refused with the three ways out', () => {
    const result = migrate('oidc-external-secret.yaml', {});
    expect(result.error!.message).toBe(
      'config.oidc.callbackURL: cdk8s-headlamp passes the OIDC callback URL explicitly; set config.oidc.callbackURL, ' +
        'an ingress host, or --public-url https://<host>',
    );
  });
});

test('unknown keys are ignored as by the chart, each a note; with strict each an error, named', () => {
  const values = { replicaCount: 2, confg: {}, service: { typ: 'NodePort' } };
  const { notes } = migrateChartValues(new App(), values);
  expect(notes.filter((n) => n.message.startsWith('IGNORED')).map((n) => [n.key, n.message])).toEqual([
    [
      'confg',
      'IGNORED: not a value of the official Headlamp chart 0.45, which ignores it (did you mean config?); fix or remove it (--strict makes this an error)',
    ],
    [
      'service.typ',
      'IGNORED: not a value of the official Headlamp chart 0.45, which ignores it (did you mean service.type?); fix or remove it (--strict makes this an error)',
    ],
  ]);
  expect(() => migrateChartValues(new App(), values, { strict: true })).toThrow(
    'chart values: confg: unknown key: not a value of the official Headlamp chart 0.45, which ignores it (did you mean config?); fix or remove it (--strict)\n' +
      'chart values: service.typ: unknown key: not a value of the official Headlamp chart 0.45, which ignores it (did you mean service.type?); fix or remove it (--strict)',
  );
});

test("the chart's cluster-admin binding is dropped and said so; extra Service ports keep a named targetPort", () => {
  const { notes, objects } = migrate('service-extra-ports.yaml');
  expect(notes.find((n) => n.key === 'clusterRoleBinding.create')!.message).toMatch(/no cluster-admin binding/);
  expect(objects.some((o) => o.kind === 'ClusterRoleBinding')).toBe(false);
  const svc = objects.find((o) => o.kind === 'Service');
  expect(svc.spec.ports.find((p: any) => p.name === 'metrics').targetPort).toBe('metrics');
});

test("the ingress note says where HSTS comes from: the ingress-nginx controller's ConfigMap, or a Traefik Middleware", () => {
  const ingress = (ingressClassName: string) => ({
    ingress: {
      enabled: true,
      ingressClassName,
      hosts: [{ host: 'h.example.com', paths: [{ path: '/', type: 'Prefix' }] }],
      tls: [{ secretName: 't', hosts: ['h.example.com'] }],
    },
  });
  const note = (cls: string) =>
    migrateChartValues(new App(), ingress(cls)).notes.find(
      (n) => n.key === 'ingress' && !n.message.includes('NetworkPolicy'),
    )!.message;
  expect(note('nginx')).toBe(
    "HTTPS redirect added (force-ssl-redirect); HSTS comes from the ingress-nginx controller's ConfigMap (`hsts`, on by default)",
  );
  expect(note('traefik')).toBe('HSTS added (a Traefik headers Middleware)');
});

describe('cdk8s-headlamp --chart-values (the one command)', () => {
  const cli = path.resolve(__dirname, '..', 'bin', 'cdk8s-headlamp.js');
  const run = (args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  const out = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mig-')), 'out');

  test('writes the manifests and prints one report line per value carried over differently', () => {
    const dir = out();
    const res = run([
      '--chart-values',
      path.join(CASES, 'oidc-external-secret.yaml'),
      '--out',
      dir,
      '--public-url',
      'https://headlamp.example.com',
    ]);
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('note: config.oidc.usePKCE: PKCE on');
    expect(res.stdout).toContain('note: clusterRoleBinding.create: dropped');
    expect(validateAll(parseYaml(fs.readFileSync(path.join(dir, 'headlamp.k8s.yaml'), 'utf8')))).toEqual([]);
  });

  test('an unsafe value exits 2 naming the key and the way out; an unknown key is a note (exit 0), or with --strict an error (exit 1)', () => {
    const refused = run(['--chart-values', path.join(CASES, 'non-azure-oidc.yaml'), '--out', out()]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^cdk8s-headlamp: config\.oidc\.clientSecret: .*--unsafe-plaintext-secrets\n$/);
    expect(refused.stderr).not.toContain('generic-oidc-secret');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mig-')), 'v.yaml');
    fs.writeFileSync(file, 'replicas: 2\n');
    const ignored = run(['--chart-values', file, '--out', out()]);
    expect([ignored.status, ignored.stdout.split('\n').find((l) => l.startsWith('note: replicas'))]).toEqual([
      0,
      'note: replicas: IGNORED: not a value ' +
        'of the official Headlamp chart 0.45, which ignores it (did you mean replicaCount?); fix or remove it (--strict makes this an error)',
    ]);
    const strict = run(['--chart-values', file, '--out', out(), '--strict']);
    expect([strict.status, strict.stderr.trim()]).toEqual([
      1,
      'chart values: replicas: unknown key: not a value of the official Headlamp chart 0.45, ' +
        'which ignores it (did you mean replicaCount?); fix or remove it (--strict)',
    ]);
  });

  test('--typescript writes the starting point next to the manifests, and never overwrites a file', () => {
    const dir = out();
    const main = path.join(path.dirname(dir), 'main.ts');
    const args = ['--chart-values', path.join(CASES, 'host-aliases.yaml'), '--out', dir, '--typescript', main];
    expect(run(args).status).toBe(0);
    expect(fs.readFileSync(main, 'utf8')).toContain('hostAliases: [');
    const again = run(args);
    expect([again.status, again.stderr]).toEqual([
      2,
      `cdk8s-headlamp: --typescript: ${main} exists; it is never overwritten\n`,
    ]);
  });

  test('with the named opt-in it migrates, and says what it wrote', () => {
    const dir = out();
    const res = run([
      '--chart-values',
      path.join(CASES, 'non-azure-oidc.yaml'),
      '--out',
      dir,
      '--public-url',
      'https://headlamp.example.com',
      '--unsafe-plaintext-secrets',
    ]);
    expect(res.status).toBe(0);
    expect(res.stdout).toContain(
      'note: config.oidc.clientSecret: written into Secret headlamp-oidc (--unsafe-plaintext-secrets)',
    );
  });
});

test('ingress-multi-backend with a TLS Secret added: every path and backend carried over', () => {
  const values = valuesOf('ingress-multi-backend.yaml');
  values.ingress.tls = [{ secretName: 'headlamp-tls', hosts: ['chart-example.local'] }];
  const app = new App();
  migrateChartValues(app, values, { releaseName: 'rel' });
  const objects = parseYaml(app.synthYaml());
  const paths = objects.find((o) => o.kind === 'Ingress').spec.rules[0].http.paths;
  expect(paths.map((p: any) => [p.path, p.backend.service.name, p.backend.service.port])).toStrictEqual([
    ['/', 'rel-headlamp', { number: 80 }],
    ['/extra-by-name', 'rel-headlamp', { name: 'extra' }],
    ['/extra-by-number', 'rel-headlamp', { number: 9090 }],
    ['/custom-svc', 'rel-other', { number: 8080 }],
  ]);
  expect(validateAll(objects)).toEqual([]);
});

const ISSUER = 'https://idp.example.com/realms/main';
const secretRef = (name: string, key: string, optional?: boolean) => ({
  valueFrom: { secretKeyRef: { name, key, ...(optional ? { optional } : {}) } },
});
/** The documented way to keep the client secret out of the values: the chart renders -oidc-client-secret=$(OIDC_CLIENT_SECRET). */
const DOCUMENTED = {
  config: { oidc: { clientID: 'headlamp', issuerURL: ISSUER, scopes: 'openid,profile,email' } },
  env: [{ name: 'OIDC_CLIENT_SECRET', ...secretRef('headlamp-oidc', 'client-secret') }],
};
const external = (oidc: object, env?: object[]) => ({
  config: { oidc: { secret: { create: false }, externalSecret: { enabled: true, name: 'ext' }, ...oidc } },
  ...(env ? { env } : {}),
});
/**
 * Values beyond the chart's test cases, each migrating with every opt-in (a plaintext secret only where named):
 * OIDC settings from env and Secrets, externalSecret, flags without a login, nulls, extra args.
 */
const VARIANTS: Record<string, object> = {
  'the documented pattern: client ID, issuer and scopes in config.oidc, OIDC_CLIENT_SECRET from a Secret': DOCUMENTED,
  'the client secret from an optional Secret key': {
    ...DOCUMENTED,
    env: [{ name: 'OIDC_CLIENT_SECRET', ...secretRef('headlamp-oidc', 'client-secret', true) }],
  },
  "the client secret as Headlamp's own HEADLAMP_CONFIG_OIDC_CLIENT_SECRET": {
    ...DOCUMENTED,
    env: [{ name: 'HEADLAMP_CONFIG_OIDC_CLIENT_SECRET', ...secretRef('s', 'k') }],
  },
  'config.oidc.clientSecret and OIDC_CLIENT_SECRET from a Secret (the env entry wins)': {
    ...DOCUMENTED,
    config: { oidc: { ...DOCUMENTED.config.oidc, clientSecret: 'secret-in-values' } },
  },
  'every setting from env, the secret from a Secret': {
    env: [
      { name: 'OIDC_CLIENT_ID', value: 'headlamp' },
      { name: 'OIDC_ISSUER_URL', value: ISSUER },
      { name: 'OIDC_SCOPES', value: 'email profile' },
      { name: 'OIDC_CALLBACK_URL', value: 'https://headlamp.example.com/oidc-callback' },
      { name: 'OIDC_USE_PKCE', value: 'true' },
      { name: 'OIDC_CLIENT_SECRET', ...secretRef('s', 'k') },
    ],
  },
  'an env entry replaces config.oidc (secret.create false)': {
    config: { oidc: { secret: { create: false }, clientID: 'in-config', issuerURL: ISSUER } },
    env: [
      { name: 'OIDC_CLIENT_ID', value: 'from-env' },
      { name: 'OIDC_VALIDATOR_CLIENT_ID', value: 'audience' },
    ],
  },
  "Headlamp's own HEADLAMP_CONFIG_OIDC_* env vars (a plaintext secret, with the opt-in)": {
    env: [
      { name: 'HEADLAMP_CONFIG_OIDC_CLIENT_ID', value: 'headlamp' },
      { name: 'HEADLAMP_CONFIG_OIDC_CLIENT_SECRET', value: 'plaintext-client-secret' },
      { name: 'HEADLAMP_CONFIG_OIDC_IDP_ISSUER_URL', value: ISSUER },
    ],
  },
  'externalSecret with the shared settings in config.oidc (the chart reads them from the Secret)': external({
    callbackURL: 'https://headlamp.example.com/oidc-callback',
    usePKCE: true,
    useAccessToken: true,
    validatorClientID: 'audience',
    validatorIssuerURL: 'https://sts.example.com/',
    meUserInfoURL: 'https://headlamp.example.com/oauth2/userinfo',
  }),
  'externalSecret with the shared settings in env': external({}, [
    { name: 'OIDC_CALLBACK_URL', value: 'https://headlamp.example.com/cb' },
    { name: 'ME_USER_INFO_URL', value: 'https://headlamp.example.com/me' },
    { name: 'OIDC_USE_ACCESS_TOKEN', value: 'true' },
  ]),
  'externalSecret with client ID and issuer also in config.oidc (ignored by both)': external({
    clientID: 'x',
    issuerURL: ISSUER,
    scopes: 'a,b',
  }),
  'OIDC flags without a login': {
    config: { oidc: { useCookie: true, meUserInfoURL: 'https://headlamp.example.com/me' } },
    env: [
      { name: 'OIDC_CLIENT_SECRET', ...secretRef('s', 'k') },
      { name: 'OIDC_SCOPES', value: 'email' },
    ],
  },
  'config defaults given as null (helm deletes them)': {
    config: { sessionTTL: null, pluginsDir: null, inClusterContextName: null },
  },
  'an empty in-cluster context name, a --double-dash extra arg': {
    config: { inClusterContextName: '', extraArgs: ['--log-level=debug', '-watch-plugins-changes'] },
  },
};

describe('the TypeScript starting point (--typescript)', () => {
  // Generated apps live inside the package (so `cdk8s-headlamp` resolves to this build, as for the examples),
  // are type-checked together with the cdk8s-init tsconfig, and run in one process.
  const dir = path.resolve(__dirname, '..', '.cache', 'migration-ts');
  const migrated = [...names.filter((n) => OUTCOME[n] === 'migrates'), ...Object.keys(VARIANTS)];
  const slug = (n: string) => n.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');
  const expected: Record<string, any[]> = {};

  beforeAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    for (const n of migrated) {
      const app = new App();
      const { typescript } = migrateChartValues(app, VARIANTS[n] ?? valuesOf(n), ALL_OPT_INS);
      fs.writeFileSync(path.join(dir, `${slug(n)}.ts`), typescript);
      expected[n] = parseYaml(app.synthYaml()).filter((o) => o.kind !== 'Secret');
    }
    const root = path.resolve(__dirname, '..');
    const tsconfig = JSON.parse(
      fs.readFileSync(
        path.join(root, 'node_modules', 'cdk8s-cli', 'templates', 'typescript-app', 'tsconfig.json'),
        'utf8',
      ),
    );
    // The published types (npm test builds dist/ first), as a user's project sees them.
    tsconfig.compilerOptions.paths = { 'cdk8s-headlamp': [path.join(root, 'dist', 'lib', 'index.d.ts')] };
    tsconfig.compilerOptions.baseUrl = '.';
    tsconfig.include = ['*.ts'];
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  }, 30_000);

  test('every generated app type-checks with the tsconfig of cdk8s init, and never contains a secret value', () => {
    const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', dir, '--noEmit'], {
      encoding: 'utf8',
    });
    expect(tsc.stdout + tsc.stderr).toBe('');
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      for (const secret of [
        'azure-client-secret',
        'generic-oidc-secret',
        'secret-in-values',
        'plaintext-client-secret',
      ])
        expect([f, text.includes(secret)]).toEqual([f, false]);
    }
  }, 60_000);

  test("each app synthesizes exactly the migration's objects (but the Secret it wrote from a plaintext value)", () => {
    const ts = require('typescript');
    const runner = migrated
      .map((n) => {
        const js = ts.transpileModule(fs.readFileSync(path.join(dir, `${slug(n)}.ts`), 'utf8'), {
          compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
        }).outputText;
        fs.writeFileSync(path.join(dir, `${slug(n)}.js`), js);
        return `process.env.CDK8S_OUTDIR = ${JSON.stringify(path.join(dir, 'out', slug(n)))}; require(${JSON.stringify(path.join(dir, `${slug(n)}.js`))});`;
      })
      .join('\n');
    const res = spawnSync(process.execPath, ['-e', runner], { encoding: 'utf8', cwd: dir });
    expect(res.stderr).toBe('');
    for (const n of migrated) {
      const out = path.join(dir, 'out', slug(n));
      const objects = fs.readdirSync(out).flatMap((f) => parseYaml(fs.readFileSync(path.join(out, f), 'utf8')));
      expect([n, objects]).toStrictEqual([n, expected[n]]);
    }
  }, 60_000);
});

/**
 * Issue 19 §5: every flag `helm template` renders for Headlamp reaches Headlamp in the migrated output, or a note
 * names it. The chart's flags come from templates/deployment.yaml of the pinned chart: its `args` (the OIDC ones
 * as `-oidc-client-secret=$(OIDC_CLIENT_SECRET)` whenever config.oidc or an env entry of that name sets them, even
 * from a valueFrom) and its env. Both sides are read the way the kubelet and Headlamp read them
 * (scripts/effective-flags.js): `$(VAR)` in args expanded from the container's env, `HEADLAMP_CONFIG_*` env vars
 * as flags, keys of an envFrom Secret by name. A Secret the output does not contain is compared as a reference
 * (`secret:<name>/<key>`: same Secret, same key), one it contains by value.
 */
describe('every flag helm template renders for Headlamp reaches it, or a note names it', () => {
  const migrating = [...names.filter((n) => OUTCOME[n] === 'migrates'), ...Object.keys(VARIANTS)];
  const source = (name: string) => (VARIANTS[name] ? { values: VARIANTS[name] } : { testCase: name });

  test.each(migrating)('%s', (name) => {
    const result = migrate(VARIANTS[name] ?? name);
    expect(result.error).toBeUndefined();
    const theirs = effectiveFlags(chartObjects(source(name)));
    const ours = effectiveFlags(result.objects);
    const noted = new Set(result.notes.flatMap((n) => n.flags));
    const unreached = Object.keys(theirs)
      .filter((f) => theirs[f] !== ours[f] && !noted.has(f))
      .map((f) => `-${f}: chart ${theirs[f]}, migrated ${ours[f]}`);
    expect(unreached).toEqual([]);
  });

  test('the documented pattern: the secret is the same Secret key, read as HEADLAMP_CONFIG_OIDC_CLIENT_SECRET, and a note says so', () => {
    const { objects, notes } = migrate(DOCUMENTED, { publicUrl: 'https://headlamp.example.com' });
    expect(effectiveFlags(chartObjects({ values: DOCUMENTED }))['oidc-client-secret']).toBe(
      'secret:headlamp-oidc/client-secret',
    );
    const container = objects.find((o) => o.kind === 'Deployment').spec.template.spec.containers[0];
    expect(container.env).toStrictEqual([
      {
        name: 'HEADLAMP_CONFIG_OIDC_CLIENT_SECRET',
        valueFrom: { secretKeyRef: { name: 'headlamp-oidc', key: 'client-secret' } },
      },
    ]);
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    expect(notes.find((n) => n.key === 'env[0]')).toStrictEqual({
      key: 'env[0]',
      flags: [],
      message:
        'OIDC_CLIENT_SECRET from Secret headlamp-oidc, key client-secret: read by Headlamp as HEADLAMP_CONFIG_OIDC_CLIENT_SECRET from that key ' +
        '(the chart passes -oidc-client-secret=$(OIDC_CLIENT_SECRET)); the OIDC_CLIENT_SECRET variable itself is not kept: Headlamp never reads it',
    });
    expect(notes.find((n) => n.key === 'config.oidc.secret.create')!.message).toBe(
      'no chart-style Secret of OIDC settings: the settings are flags, the client secret a Secret reference',
    );
  });

  test('the TypeScript starting point references the same Secret key', () => {
    const { typescript } = migrateChartValues(new App(), DOCUMENTED, { publicUrl: 'https://headlamp.example.com' });
    expect(typescript).toContain("clientSecret: OidcClientSecret.fromSecret('headlamp-oidc', 'client-secret')");
  });

  test.each<[string, object, string]>([
    [
      'a client secret from a ConfigMap',
      {
        ...DOCUMENTED,
        env: [{ name: 'OIDC_CLIENT_SECRET', valueFrom: { configMapKeyRef: { name: 'cm', key: 'secret' } } }],
      },
      'env[0].valueFrom: a client secret in a ConfigMap is readable by everyone who may read ConfigMaps, and shown in plain text; move it into a Secret ' +
        'and use valueFrom.secretKeyRef',
    ],
    [
      'a client secret from a field of the pod',
      { ...DOCUMENTED, env: [{ name: 'OIDC_CLIENT_SECRET', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] },
      'env[0].valueFrom: expected valueFrom.secretKeyRef: the client secret comes from a key of a Secret',
    ],
    [
      'a Secret without a name',
      { ...DOCUMENTED, env: [{ name: 'OIDC_CLIENT_SECRET', valueFrom: { secretKeyRef: { key: 'k' } } }] },
      'env[0].valueFrom.secretKeyRef.name: expected the name of the Secret that holds the client secret',
    ],
    [
      'the client ID from a Secret',
      {
        env: [
          { name: 'OIDC_CLIENT_ID', ...secretRef('s', 'id') },
          { name: 'OIDC_ISSUER_URL', value: ISSUER },
        ],
      },
      "env[0]: OIDC_CLIENT_ID from valueFrom: the migration needs the client ID as a value to build Headlamp's login (it is not secret); write it as " +
        'config.oidc.clientID, or keep client ID, issuer URL, scopes and client secret in one Secret (keys OIDC_CLIENT_ID, OIDC_ISSUER_URL, OIDC_SCOPES, ' +
        'OIDC_CLIENT_SECRET) named by config.oidc.externalSecret',
    ],
    [
      'an env entry that would replace a key of the external Secret',
      external({}, [{ name: 'OIDC_CLIENT_SECRET', ...secretRef('other', 'k') }]),
      "env[0]: OIDC_CLIENT_SECRET would replace key OIDC_CLIENT_SECRET of Secret ext (config.oidc.externalSecret): the chart's env comes after its " +
        'envFrom; keep the clientSecret in that Secret and remove env[0]',
    ],
    [
      'a plaintext OIDC_CLIENT_SECRET without the opt-in',
      { ...DOCUMENTED, env: [{ name: 'OIDC_CLIENT_SECRET', value: 'x' }] },
      'env[0]: OIDC_CLIENT_SECRET as a plain value writes the client secret into the manifests; keep it in a Secret you create and use an env ' +
        'valueFrom secretKeyRef (or config.oidc.externalSecret), or pass --unsafe-plaintext-secrets',
    ],
  ])('refused: %s', (_case, values, message) => {
    const result = migrate(values, { publicUrl: 'https://headlamp.example.com' });
    expect(result.error).toBeInstanceOf(ChartMigrationRefusal);
    expect(result.error!.message).toBe(message);
  });
});
