// A flag's boolean value read as Headlamp's Go flags read it (strconv.ParseBool): every spelling carried as such, anything else refused by key.
import { App } from 'cdk8s';
import { ChartMigrationOptions, ChartMigrationRefusal, migrateChartValues } from '../lib';
import { parseYaml } from './helpers/synth';

const URL = { publicUrl: 'https://headlamp.example.com' };
const OIDC = { clientID: 'headlamp', issuerURL: 'https://idp.example.com' };
const GO_TRUE = ['1', 't', 'T', 'TRUE', 'true', 'True'];
const GO_FALSE = ['0', 'f', 'F', 'FALSE', 'false', 'False'];
const NOT_GO_BOOL = (at: string, flag: string, value: string) =>
  `${at}: ${flag} takes a Go boolean (1, t, T, TRUE, true, True; or 0, f, F, FALSE, ` +
  `false, False), got ${JSON.stringify(value)}, which Headlamp's flags do not read as one; write true or false`;

/** The migration's Headlamp args, notes, and the login's OIDC config; or its refusal message. */
function migrate(values: object, options: ChartMigrationOptions = URL) {
  const app = new App();
  try {
    const { notes } = migrateChartValues(app, values, options);
    const args: string[] = parseYaml(app.synthYaml()).find((o: any) => o.kind === 'Deployment').spec.template.spec
      .containers[0].args;
    return { args, notes: Object.fromEntries(notes.map((n) => [n.key, n.message])), error: undefined };
  } catch (err) {
    if (err instanceof ChartMigrationRefusal)
      return { args: [] as string[], notes: {} as Record<string, string>, error: err.message };
    throw err;
  }
}

describe('-enable-helm', () => {
  test.each([...GO_TRUE, undefined])('=%s turns Helm on', (value) => {
    const r = migrate({ config: { extraArgs: [value === undefined ? '-enable-helm' : `-enable-helm=${value}`] } });
    expect(r.error).toBeUndefined();
    expect(r.args).toContain('-enable-helm');
  });
  test.each(GO_FALSE)('=%s turns it off, also after config.enableHelm (the last wins)', (value) => {
    const r = migrate({ config: { enableHelm: true, extraArgs: [`-enable-helm=${value}`] } });
    expect(r.args.filter((a) => a.startsWith('-enable-helm'))).toEqual([]);
  });
  test.each(['yes', 'on', '', 'tRUE'])('=%j refused', (value) => {
    expect(migrate({ config: { extraArgs: [`-enable-helm=${value}`] } }).error).toBe(
      NOT_GO_BOOL('config.extraArgs[0]', '-enable-helm', value),
    );
  });
});

describe('-in-cluster', () => {
  test.each(GO_FALSE)('=%s (out-of-cluster) refused', (value) => {
    expect(migrate({ config: { extraArgs: [`-in-cluster=${value}`] } }).error).toBe(
      `config.extraArgs[0]: -in-cluster=${value} is out-of-cluster ` +
        'mode, which needs kubeconfigs; remove it (the library runs Headlamp in-cluster)',
    );
  });
  test.each(GO_TRUE)('=%s carried', (value) => {
    expect(migrate({ config: { extraArgs: [`-in-cluster=${value}`] } }).notes['config.extraArgs[0]']).toBe(
      '-in-cluster carried onto the typed ' +
        'option (the chart passes it after its own flags, and Headlamp keeps the last)',
    );
  });
  test('=no refused', () => {
    expect(migrate({ config: { extraArgs: ['--in-cluster=no'] } }).error).toBe(
      NOT_GO_BOOL('config.extraArgs[0]', '-in-cluster', 'no'),
    );
  });
});

describe('-oidc-skip-tls-verify, as a flag or as HEADLAMP_CONFIG_OIDC_SKIP_TLS_VERIFY', () => {
  const asArg = (value: string) => ({ config: { oidc: OIDC, extraArgs: [`-oidc-skip-tls-verify=${value}`] } });
  const asEnv = (value: string) => ({
    config: { oidc: OIDC },
    env: [{ name: 'HEADLAMP_CONFIG_OIDC_SKIP_TLS_VERIFY', value }],
  });
  test.each(GO_TRUE)('=%s needs its opt-in, and is carried with it', (value) => {
    for (const [values, at] of [
      [asArg(value), 'config.extraArgs[0]'],
      [asEnv(value), 'env[0]'],
    ] as const) {
      expect(migrate(values).error).toBe(
        `${at}: -oidc-skip-tls-verify makes Headlamp trust any certificate for the identity provider (the login's ` +
          "code exchange can be intercepted); trust the provider's CA instead (OidcCaCertificate in TypeScript), or pass --unsafe-oidc-skip-tls-verify",
      );
      expect(migrate(values, { ...URL, unsafeOidcSkipTlsVerify: true }).args).toContain('-oidc-skip-tls-verify');
    }
  });
  test.each(GO_TRUE)('=%s without a login: dropped, with a note', (value) => {
    expect(migrate({ config: { extraArgs: [`-oidc-skip-tls-verify=${value}`] } }).notes['config.extraArgs[0]']).toBe(
      'dropped: -oidc-skip-tls-verify applies to OIDC login, which these values do not configure',
    );
  });
  test.each(GO_FALSE)('=%s checks the certificate', (value) => {
    expect(migrate(asArg(value)).args).not.toContain('-oidc-skip-tls-verify');
    expect(migrate(asEnv(value)).args).not.toContain('-oidc-skip-tls-verify');
  });
  test('=sure refused', () => {
    expect(migrate(asEnv('sure')).error).toBe(NOT_GO_BOOL('env[0]', '-oidc-skip-tls-verify', 'sure'));
  });
});

describe('OIDC booleans', () => {
  test.each(GO_TRUE)('-oidc-use-access-token=%s is on', (value) => {
    expect(migrate({ config: { oidc: OIDC, extraArgs: [`-oidc-use-access-token=${value}`] } }).args).toContain(
      '-oidc-use-access-token',
    );
  });
  test.each(GO_FALSE)('-oidc-use-access-token=%s is off', (value) => {
    expect(
      migrate({ config: { oidc: OIDC, extraArgs: [`-oidc-use-access-token=${value}`] } }).args.join(' '),
    ).not.toMatch(/-oidc-use-access-token(=true)?( |$)/);
  });
  test.each([...GO_TRUE, ...GO_FALSE])('HEADLAMP_CONFIG_OIDC_USE_COOKIE=%s read as Headlamp reads it', (value) => {
    const { args } = migrate({ config: { oidc: OIDC }, env: [{ name: 'HEADLAMP_CONFIG_OIDC_USE_COOKIE', value }] });
    expect(args.some((a) => /^-oidc-use-cookie(=true)?$/.test(a))).toBe(GO_TRUE.includes(value));
  });
  test.each(['1', 'True', 'F'])(
    "the chart's OIDC_USE_ACCESS_TOKEN=%s refused: the chart compares the text, Headlamp parses it",
    (value) => {
      expect(migrate({ config: { oidc: OIDC }, env: [{ name: 'OIDC_USE_ACCESS_TOKEN', value }] }).error).toBe(
        `env[0]: OIDC_USE_ACCESS_TOKEN=${value}: ` +
          `the chart passes -oidc-use-access-token only when the text is "true", while Headlamp reads it as a Go boolean, so the two disagree; write ${GO_TRUE.includes(value)}`,
      );
    },
  );
  test("the chart's OIDC_USE_PKCE=maybe refused as no Go boolean", () => {
    expect(migrate({ config: { oidc: OIDC }, env: [{ name: 'OIDC_USE_PKCE', value: 'maybe' }] }).error).toBe(
      NOT_GO_BOOL('env[0]', 'OIDC_USE_PKCE (-oidc-use-pkce)', 'maybe'),
    );
  });
});
