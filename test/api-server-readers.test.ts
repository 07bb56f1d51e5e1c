// Each API server file read by a model of its own reader: the user and groups it would produce for a sample token
// must be exactly the subjects UserAccess binds, in every example with an ApiServerAuthentication.
import { parse } from 'yaml';
import { exampleNames, synthExample } from './helpers/synth';

/** What a reader makes of its file: whom it trusts and how it names people. */
interface JwtRule {
  readonly issuer: string;
  readonly audiences: string[];
  readonly usernameClaim: string;
  /** The prefix actually prepended (after the reader's own defaults). */
  readonly usernamePrefix: string;
  readonly groupsClaim?: string;
  readonly groupsPrefix: string;
}

/** A token's claims. */
type Token = Record<string, unknown> & { iss: string; aud: string | string[] };

/**
 * The authenticator every reader ends in: k8s.io/apiserver v0.34 plugin/pkg/authenticator/token/oidc/oidc.go
 * (iss must be the issuer; verifyAudience: any aud in audiences; getUsername: the claim as a string, email_verified
 * must not be false under the email claim, prefix prepended when non-empty; getGroups: string or list, prefix each).
 */
function authenticate(rule: JwtRule, token: Token): { user: string; groups: string[] } {
  if (token.iss !== rule.issuer) throw new Error(`issuer ${token.iss} is not ${rule.issuer}`);
  const aud = Array.isArray(token.aud) ? token.aud : [token.aud];
  if (!aud.some((a) => rule.audiences.includes(a))) throw new Error(`audience ${aud} not in ${rule.audiences}`);
  const name = token[rule.usernameClaim];
  if (typeof name !== 'string') throw new Error(`no string claim ${rule.usernameClaim}`);
  if (rule.usernameClaim === 'email' && token.email_verified === false) throw new Error('email not verified');
  const raw = rule.groupsClaim ? token[rule.groupsClaim] : undefined;
  const groups = raw === undefined ? [] : Array.isArray(raw) ? raw.map(String) : [String(raw)];
  return { user: `${rule.usernamePrefix}${name}`, groups: groups.map((g) => `${rule.groupsPrefix}${g}`) };
}

/**
 * AuthenticationConfiguration, read as kube-apiserver reads `--authentication-config` (k8s.io/apiserver v0.34
 * pkg/apis/apiserver/validation/validation.go: https issuer, at least one audience, `prefix` required whenever
 * `claim` is set; oidc.go: a `""` prefix is no prefix).
 */
function fromAuthenticationConfiguration(text: string): JwtRule {
  const jwt = parse(text).jwt[0];
  const m = jwt.claimMappings;
  for (const k of ['username', 'groups']) {
    if (m[k]?.claim && typeof m[k].prefix !== 'string')
      throw new Error(`claimMappings.${k}.prefix is required when claim is set`);
  }
  if (new URL(jwt.issuer.url).protocol !== 'https:') throw new Error('URL scheme must be https');
  if (!jwt.issuer.audiences?.length || jwt.issuer.audiences.some((a: string) => a === ''))
    throw new Error('audiences required');
  return {
    issuer: jwt.issuer.url,
    audiences: jwt.issuer.audiences,
    usernameClaim: m.username.claim,
    usernamePrefix: m.username.prefix,
    groupsClaim: m.groups?.claim,
    groupsPrefix: m.groups?.prefix ?? '',
  };
}

/**
 * The legacy `--oidc-*` flags, as kubernetes v1.34 pkg/kubeapiserver/options/authentication.go turns them into the
 * same authenticator: username claim default `sub`; an empty `--oidc-username-prefix` becomes "<issuer>#" unless the
 * claim is `email`; `-` becomes no prefix; `--oidc-groups-prefix` is used as given (absent = empty = none).
 */
function fromLegacyFlags(text: string): JwtRule {
  const KNOWN = [
    'oidc-issuer-url',
    'oidc-client-id',
    'oidc-username-claim',
    'oidc-username-prefix',
    'oidc-groups-claim',
    'oidc-groups-prefix',
    'oidc-ca-file',
  ];
  const flags: Record<string, string> = {};
  for (const line of text.split('\n').filter(Boolean)) {
    const m = /^--([a-z-]+)=(.*)$/.exec(line);
    if (!m || !KNOWN.includes(m[1])) throw new Error(`not a kube-apiserver OIDC flag: ${line}`);
    flags[m[1]] = m[2];
  }
  const usernameClaim = flags['oidc-username-claim'] ?? 'sub';
  let usernamePrefix = flags['oidc-username-prefix'] ?? '';
  if (usernamePrefix === '' && usernameClaim !== 'email') usernamePrefix = `${flags['oidc-issuer-url']}#`;
  if (usernamePrefix === '-') usernamePrefix = '';
  return {
    issuer: flags['oidc-issuer-url'],
    audiences: [flags['oidc-client-id']],
    usernameClaim,
    usernamePrefix,
    groupsClaim: flags['oidc-groups-claim'],
    groupsPrefix: flags['oidc-groups-prefix'] ?? '',
  };
}

/**
 * The EKS `--oidc` parameter, as the EKS API reference (OidcIdentityProviderConfigRequest) documents it: username
 * claim default `sub`; a `usernamePrefix` not given is "<issuerUrl>#" unless the claim is `email`, `-` is none, and
 * an explicit "" is unspecified (so refused here); a `groupsPrefix` not given is none; no prefix may contain `system:`.
 */
function fromEksConfig(text: string): JwtRule {
  const c = JSON.parse(text);
  if (c.usernamePrefix === '' || c.groupsPrefix === '')
    throw new Error('an explicit empty prefix is unspecified for EKS');
  if (`${c.usernamePrefix ?? ''}${c.groupsPrefix ?? ''}`.includes('system:'))
    throw new Error('EKS prefixes cannot contain system:');
  const usernameClaim = c.usernameClaim ?? 'sub';
  let usernamePrefix = c.usernamePrefix ?? (usernameClaim === 'email' ? '' : `${c.issuerUrl}#`);
  if (usernamePrefix === '-') usernamePrefix = '';
  return {
    issuer: c.issuerUrl,
    audiences: [c.clientId],
    usernameClaim,
    usernamePrefix,
    groupsClaim: c.groupsClaim,
    groupsPrefix: c.groupsPrefix ?? '',
  };
}

const READERS: Record<string, (text: string) => JwtRule> = {
  'authentication-config.yaml': fromAuthenticationConfiguration,
  'kube-apiserver-flags.txt': fromLegacyFlags,
  'eks-identity-provider-config.json': fromEksConfig,
};

const ENTRA_TENANT = '11111111-2222-3333-4444-555555555555';
/**
 * Per example, the tokens of the people its UserAccess grants are for: what the identity provider puts in them,
 * written from the provider's documentation, not from the library. Every example with an ApiServerAuthentication
 * must have an entry.
 */
const SAMPLE_TOKENS: Record<string, Token[]> = {
  'iap-nginx': [
    {
      iss: 'https://dex.example.com',
      aud: 'headlamp-proxy',
      email: 'dev@example.com',
      email_verified: true,
      groups: ['developers'],
    },
  ],
  'iap-traefik': [
    {
      iss: 'https://sso.example.com/realms/platform',
      aud: 'headlamp-proxy',
      email: 'lead@example.com',
      groups: ['/platform-team'],
    },
    {
      iss: 'https://sso.example.com/realms/platform',
      aud: ['headlamp-proxy', 'account'],
      email: 'dev@example.com',
      groups: ['/developers'],
    },
  ],
  'oauth2-proxy-frontend': [
    {
      iss: `https://login.microsoftonline.com/${ENTRA_TENANT}/v2.0`,
      aud: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
      oid: '12345678-90ab-cdef-1234-567890abcdef',
      groups: ['99999999-8888-7777-6666-555555555555'],
    },
  ],
  'oidc-cognito': [
    {
      iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123',
      aud: '1example23456789',
      email: 'admin@example.com',
      email_verified: true,
      'cognito:groups': ['platform-admins'],
    },
  ],
  'oidc-dex': [
    {
      iss: 'https://dex.example.com',
      aud: 'headlamp',
      email: 'dev@example.com',
      email_verified: true,
      groups: ['developers'],
    },
    {
      iss: 'https://dex.example.com',
      aud: 'headlamp',
      email: 'ops@example.com',
      email_verified: true,
      groups: ['platform'],
    },
  ],
  // AKS access token for the AKS server app: iss sts.windows.net, users by UPN, groups by object ID.
  'oidc-entra-id': [
    {
      iss: `https://sts.windows.net/${ENTRA_TENANT}/`,
      aud: '6dae42f8-4368-4678-94ff-3960e28e3630',
      upn: 'alice@example.com',
      oid: '12345678-90ab-cdef-1234-567890abcdef',
      groups: ['99999999-8888-7777-6666-555555555555'],
    },
  ],
  'oidc-keycloak': [
    {
      iss: 'https://sso.example.com/realms/platform',
      aud: 'headlamp',
      email: 'lead@example.com',
      email_verified: true,
      groups: ['/platform-team'],
    },
    {
      iss: 'https://sso.example.com/realms/platform',
      aud: 'headlamp',
      email: 'oncall@example.com',
      email_verified: true,
      groups: [],
    },
  ],
  production: [
    {
      iss: 'https://sso.example.com/realms/platform',
      aud: 'headlamp',
      email: 'eng@example.com',
      groups: ['/engineering'],
    },
    { iss: 'https://sso.example.com/realms/platform', aud: 'headlamp', email: 'sre@example.com', groups: ['/sre'] },
  ],
};

const withApiServer = exampleNames()
  .map((name) => ({ name, out: synthExample(name) }))
  .filter(({ out }) => Object.keys(out.clusterConfig).length > 0);

test('every example with API server files has sample tokens, and only those', () => {
  expect(withApiServer.map(({ name }) => name).sort()).toStrictEqual(Object.keys(SAMPLE_TOKENS).sort());
});

describe.each(withApiServer)('example $name', ({ name, out }) => {
  const subjects = out.objects
    .filter((o) => o.kind === 'ClusterRoleBinding' || o.kind === 'RoleBinding')
    .flatMap((b) => b.subjects as Array<{ kind: string; name: string }>)
    .filter((s) => s.kind === 'User' || s.kind === 'Group');
  const dirs = [...new Set(Object.keys(out.clusterConfig).map((f) => f.split('/')[0]))];

  test.each(Object.keys(READERS))(
    '%s: every sample token maps to the same identity as in the structured file, and every bound subject is someone',
    (file) => {
      expect(subjects.length).toBeGreaterThan(0);
      for (const dir of dirs) {
        const rule = READERS[file](out.clusterConfig[`${dir}/${file}`]);
        const reference = fromAuthenticationConfiguration(out.clusterConfig[`${dir}/authentication-config.yaml`]);
        const mapped = SAMPLE_TOKENS[name].map((t) => authenticate(rule, t));
        // The three readers agree on every token, username included (bound or not).
        expect(mapped).toStrictEqual(SAMPLE_TOKENS[name].map((t) => authenticate(reference, t)));
        const names = new Set(mapped.flatMap((m) => [`User ${m.user}`, ...m.groups.map((g) => `Group ${g}`)]));
        for (const s of subjects)
          expect([file, `${s.kind} ${s.name}`, names.has(`${s.kind} ${s.name}`)]).toStrictEqual([
            file,
            `${s.kind} ${s.name}`,
            true,
          ]);
      }
    },
  );
});

describe('the reader models themselves (from the upstream rules they cite)', () => {
  const token: Token = { iss: 'https://idp.example.com', aud: 'c', sub: 's1', email: 'a@example.com', groups: ['g'] };
  test('legacy flags: empty username prefix is "<issuer>#" except for email; "-" is none; groups prefix empty is none', () => {
    const flags = (extra: string) => `--oidc-issuer-url=https://idp.example.com\n--oidc-client-id=c\n${extra}`;
    expect(authenticate(fromLegacyFlags(flags('--oidc-username-claim=sub\n--oidc-username-prefix=')), token).user).toBe(
      'https://idp.example.com#s1',
    );
    expect(
      authenticate(fromLegacyFlags(flags('--oidc-username-claim=email\n--oidc-username-prefix=')), token).user,
    ).toBe('a@example.com');
    expect(
      authenticate(fromLegacyFlags(flags('--oidc-username-claim=sub\n--oidc-username-prefix=-')), token).user,
    ).toBe('s1');
    expect(
      authenticate(fromLegacyFlags(flags('--oidc-groups-claim=groups\n--oidc-groups-prefix=')), token).groups,
    ).toStrictEqual(['g']);
  });
  test('EKS: a username prefix not given is "<issuerUrl>#" except for email; "-" is none; "" is refused', () => {
    const eks = (extra: object) => JSON.stringify({ issuerUrl: 'https://idp.example.com', clientId: 'c', ...extra });
    expect(authenticate(fromEksConfig(eks({ usernameClaim: 'sub' })), token).user).toBe('https://idp.example.com#s1');
    expect(authenticate(fromEksConfig(eks({ usernameClaim: 'email' })), token).user).toBe('a@example.com');
    expect(authenticate(fromEksConfig(eks({ usernameClaim: 'sub', usernamePrefix: '-' })), token).user).toBe('s1');
    expect(() => fromEksConfig(eks({ usernamePrefix: '' }))).toThrow('unspecified');
  });
  test('AuthenticationConfiguration: "" is no prefix; a claim without prefix is refused', () => {
    const cfg = (username: object) =>
      `jwt:\n- issuer: {url: 'https://idp.example.com', audiences: [c]}\n  claimMappings:\n    username: ${JSON.stringify(username)}\n`;
    expect(authenticate(fromAuthenticationConfiguration(cfg({ claim: 'sub', prefix: '' })), token).user).toBe('s1');
    expect(() => fromAuthenticationConfiguration(cfg({ claim: 'sub' }))).toThrow('prefix is required');
  });
});
