// What Headlamp's OIDC flags say, read the way Headlamp reads them: every -me-*-path alternative must compile as JMESPath
// (a claim such as cognito:groups quoted), and -oidc-scopes never holds openid (Headlamp asks for it itself); for
// every preset, every example app and the example values file.
import { App, Testing } from 'cdk8s';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { HeadlampAuth, HeadlampDeployment, headlampChartFromValues, OidcClientSecret, OidcConfig } from '../../lib';
import { expectRefused } from '../helpers/adversarial';
import { exampleNames, synthExample, testChart } from '../helpers/synth';

/** The JMESPath the check accepts: identifiers or quoted identifiers joined by '.', each optionally indexed. */
const SEGMENT = '(?:[A-Za-z_][A-Za-z0-9_]*|"(?:[^"\\\\]|\\\\.)*")(?:\\[(?:\\d+|\\*)?\\])*';
const JMESPATH = new RegExp(`^${SEGMENT}(?:\\.${SEGMENT})*$`);
const common = { clientId: 'headlamp', publicUrl: 'https://headlamp.example.com' };
const secret = OidcClientSecret.fromSecret('oidc');

const PRESETS: Record<string, OidcConfig> = {
  generic: new OidcConfig({ ...common, issuerUrl: 'https://idp.example.com' }),
  dex: OidcConfig.dex({ ...common, issuerUrl: 'https://dex.example.com' }),
  keycloak: OidcConfig.keycloak({ ...common, host: 'sso.example.com', realm: 'r', clientSecret: secret }),
  'entra-id': OidcConfig.entraId({ ...common, tenantId: '11111111-2222-3333-4444-555555555555' }),
  cognito: OidcConfig.cognito({ ...common, region: 'eu-west-1', userPoolId: 'eu-west-1_AbC' }),
  google: OidcConfig.google({ ...common, clientSecret: secret }),
  openunison: OidcConfig.openUnison({ ...common, host: 'ou.example.com' }),
  'settings Secret': OidcConfig.fromSettingsSecret({ secretName: 's', publicUrl: common.publicUrl }),
  'claims with a colon, a dash and a dot': new OidcConfig({
    ...common,
    issuerUrl: 'https://idp.example.com',
    claims: { usernameClaim: 'custom:user-name', groupsClaim: 'example.com:groups' },
  }),
  'explicit paths a user would write': new OidcConfig({
    ...common,
    issuerUrl: 'https://idp.example.com',
    usernameClaimPaths: ['preferred_username', 'custom:login'],
    groupsClaimPaths: ['realm_access.roles', 'cognito:groups', 'resource_access."my-app".roles[*]'],
    emailClaimPaths: ['"email"'],
    scopes: ['openid', 'email', 'offline_access'],
  }),
};

/** The Headlamp container's args of every Deployment. */
const headlampArgs = (objects: any[]): string[] =>
  objects
    .filter((o) => o.kind === 'Deployment')
    .flatMap((d) =>
      d.spec.template.spec.containers.filter((c: any) => c.name === 'headlamp').flatMap((c: any) => c.args ?? []),
    );
const argsOf = (config: OidcConfig) => {
  const chart = testChart();
  new HeadlampDeployment(chart, 'headlamp', { auth: HeadlampAuth.oidc(config) });
  return headlampArgs(Testing.synth(chart));
};
const value = (args: string[], flag: string) => args.find((a) => a.startsWith(`-${flag}=`))?.slice(flag.length + 2);

/** Every problem of the OIDC flags in `args`: a path alternative that is no JMESPath, openid in the scopes. */
function problems(args: string[]): string[] {
  const out: string[] = [];
  for (const a of args.filter((x) => /^-me-(username|email|groups)-path=/.test(x))) {
    for (const alt of a.slice(a.indexOf('=') + 1).split(','))
      if (!JMESPATH.test(alt)) out.push(`${a.split('=')[0]}: ${alt}`);
  }
  const scopes = value(args, 'oidc-scopes');
  if (scopes !== undefined && scopes.split(',').includes('openid')) out.push(`-oidc-scopes=${scopes}`);
  return out;
}

describe.each(Object.keys(PRESETS))('preset %s', (name) => {
  test('every -me-*-path compiles as JMESPath; -oidc-scopes without openid', () => {
    expect(problems(argsOf(PRESETS[name]))).toEqual([]);
  });
});

test("Cognito's groups claim is quoted; a user's own paths are quoted only where they must be; other scopes stay as given", () => {
  expect(value(argsOf(PRESETS.cognito), 'me-groups-path')).toBe('"cognito:groups"');
  expect(value(argsOf(PRESETS.cognito), 'oidc-scopes')).toBe('profile,email');
  expect(value(argsOf(PRESETS['entra-id']), 'oidc-scopes')).toBe(
    '6dae42f8-4368-4678-94ff-3960e28e3630/user.read,email,profile',
  );
  const own = argsOf(PRESETS['explicit paths a user would write']);
  expect(value(own, 'me-username-path')).toBe('preferred_username,"custom:login"');
  expect(value(own, 'me-groups-path')).toBe('realm_access.roles,"cognito:groups",resource_access."my-app".roles[*]');
  expect(value(own, 'me-email-path')).toBe('"email"');
  expect(value(own, 'oidc-scopes')).toBe('email,offline_access');
  const mapped = argsOf(PRESETS['claims with a colon, a dash and a dot']);
  expect([value(mapped, 'me-username-path'), value(mapped, 'me-groups-path')]).toEqual([
    '"custom:user-name"',
    '"example.com:groups"',
  ]);
});

describe.each(exampleNames())('example %s', (name) => {
  test('every -me-*-path compiles as JMESPath; -oidc-scopes without openid', () => {
    expect(problems(headlampArgs(synthExample(name).objects))).toEqual([]);
  });
});

test('the example values file', () => {
  const values = parse(
    fs.readFileSync(path.resolve(__dirname, '..', '..', 'examples', 'values', 'keycloak.yaml'), 'utf8'),
  );
  expect(problems(headlampArgs(Testing.synth(headlampChartFromValues(new App(), 'h', values))))).toEqual([]);
});

describe('refused: what would not compile, and openid alone', () => {
  const CLAIM_PATH =
    "expected a claim path such as 'groups', 'realm_access.roles' or 'cognito:groups' (JMESPath: names joined by '.', each " +
    "optionally indexed [0], [*] or []; a name with '.' or '/' quoted whole, as '\"https://example.com/groups\"'), as Headlamp skips a path that does not compile";
  const build = (o: object) => () =>
    new HeadlampDeployment(testChart(), 'headlamp', {
      auth: HeadlampAuth.oidc(new OidcConfig({ ...common, issuerUrl: 'https://idp.example.com', ...o })),
    });
  test.each<[string, object, string, string]>([
    [
      'a URL-like claim unquoted (its dots would split it)',
      { groupsClaimPaths: ['https://example.com/groups'] },
      'groupsClaimPaths[0]',
      `${CLAIM_PATH}, got "https://example.com/groups"`,
    ],
    ['an empty segment', { usernameClaimPaths: ['realm_access..roles'] }, 'usernameClaimPaths[0]', CLAIM_PATH],
    ['an unclosed quote', { emailClaimPaths: ['"email'] }, 'emailClaimPaths[0]', CLAIM_PATH],
    [
      'a filter expression (beyond what the library vouches for)',
      { groupsClaimPaths: ['groups[?starts_with(@, `k8s`)]'] },
      'groupsClaimPaths[0]',
      CLAIM_PATH,
    ],
    ['a pipe', { groupsClaimPaths: ['groups|[0]'] }, 'groupsClaimPaths[0]', CLAIM_PATH],
    [
      'openid alone',
      { scopes: ['openid'] },
      'scopes',
      'expected a scope besides openid (Headlamp asks for openid itself, and with no other scope ' +
        "-oidc-scopes is empty and Headlamp turns OIDC off), got [\"openid\"]; e.g. ['profile', 'email']",
    ],
  ])('%s', (_case, o, prop, says) => {
    expectRefused(build(o), {
      type: 'HeadlampDeployment',
      path: 'test/headlamp',
      prop: `props.auth.oidc.${prop}`,
      says,
    });
  });
});
