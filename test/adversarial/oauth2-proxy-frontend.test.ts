// OAuth2ProxyFrontend: provider ids as strictly as the matching OidcConfig preset, durations, cookies, and
// a cookie key that must never be echoed.
import { Duration } from 'cdk8s';
import {
  HeadlampAuth,
  HeadlampDeployment,
  IngressTls,
  OAuth2ProxyFrontend,
  OAuth2ProxyFrontendProps,
  OAuth2ProxyMode,
  OAuth2ProxyProvider,
  SecretKeyRef,
  SynthTimeSecret,
} from '../../lib';
import { expectRefused } from '../helpers/adversarial';
import { testChart } from '../helpers/synth';

function build(extra: Partial<OAuth2ProxyFrontendProps>, mode = OAuth2ProxyMode.REVERSE_PROXY) {
  return () => {
    const chart = testChart();
    const headlamp = new HeadlampDeployment(chart, 'headlamp', {
      auth: mode === OAuth2ProxyMode.FORWARD_AUTH ? HeadlampAuth.identityAwareProxy() : undefined,
    });
    new OAuth2ProxyFrontend(chart, 'proxy', {
      headlamp,
      mode,
      provider: OAuth2ProxyProvider.oidc('https://idp.example.com'),
      credentialsSecret: 'o',
      emailDomains: ['example.com'],
      hosts: ['headlamp.example.com'],
      tls: IngressTls.fromSecret('tls'),
      ...extra,
    });
  };
}
const at = (prop: string, says: string, secrets?: string[]) => ({
  type: 'OAuth2ProxyFrontend',
  path: 'test/proxy',
  prop,
  says,
  secrets,
});

describe('OAuth2ProxyFrontend refuses', () => {
  test.each<[string, Partial<OAuth2ProxyFrontendProps>, ReturnType<typeof at>]>([
    [
      'an Entra tenant that is not a GUID (as OidcConfig.entraId does)',
      { provider: OAuth2ProxyProvider.entraId('contoso.onmicrosoft.com') },
      at('props.provider.tenantId', 'expected a tenant ID (a GUID), got "contoso.onmicrosoft.com"'),
    ],
    [
      'a Keycloak issuer without its realm',
      { provider: OAuth2ProxyProvider.keycloakOidc('https://sso.example.com') },
      at('props.provider.issuerUrl', "expected Keycloak's realm issuer 'https://<host>/realms/<realm>'"),
    ],
    [
      'an http issuer',
      { provider: OAuth2ProxyProvider.dex('http://dex.example.com') },
      at('props.provider.issuerUrl', 'expected an https issuer URL'),
    ],
    [
      'a GitLab URL that is not a URL',
      { provider: OAuth2ProxyProvider.gitlab('gitlab.example.com') },
      at('props.provider.issuerUrl', 'expected an https issuer URL'),
    ],
    [
      'an ID-token lifetime under a minute',
      { provider: OAuth2ProxyProvider.oidc('https://idp.example.com', { idTokenLifetime: Duration.seconds(30) }) },
      at('props.provider.idTokenLifetime', 'at least 1 minute'),
    ],
    [
      'a cookie expiry that is not whole seconds',
      { cookie: { expire: Duration.millis(2500) } },
      at('props.cookie.expire', 'expected a Duration of whole seconds'),
    ],
    [
      'a refresh as long as the ID token lives',
      { cookie: { refresh: Duration.minutes(5) } },
      at('props.cookie.refresh', "shorter than the provider's ID-token lifetime"),
    ],
    [
      'a cookie domain of another site',
      { cookie: { domain: 'example.org' } },
      at('props.cookie.domain', 'does not cover headlamp.example.com'),
    ],
    [
      'a look-alike cookie domain',
      { cookie: { domain: 'ample.com' } },
      at('props.cookie.domain', 'does not cover headlamp.example.com'),
    ],
    [
      'a Redis URL reference with a bad Secret name',
      { redisConnectionUrl: SecretKeyRef.fromName('redis url', 'url') },
      at('props.redisConnectionUrl.secretName', 'DNS-1123 subdomain'),
    ],
    [
      'a bad cookie-key variable name',
      { unsafeCookieSecretInManifestsFrom: SynthTimeSecret.fromEnv('1BAD NAME') },
      at('props.unsafeCookieSecretInManifestsFrom.source', 'an environment variable name'),
    ],
  ])('%s', (_case, extra, refusal) => {
    expectRefused(build(extra), refusal);
  });

  test('a short cookie key: its length is said, its value never', () => {
    process.env.T_ADV_COOKIE_KEY = 'short-but-secret-value';
    try {
      expectRefused(
        build({ unsafeCookieSecretInManifestsFrom: SynthTimeSecret.fromEnv('T_ADV_COOKIE_KEY') }),
        at('props.unsafeCookieSecretInManifestsFrom', 'got 22 characters', ['short-but-secret-value']),
      );
    } finally {
      delete process.env.T_ADV_COOKIE_KEY;
    }
  });

  test('a forward-auth frontend on a Headlamp that does not trust headers', () => {
    expectRefused(
      () => {
        const chart = testChart();
        const headlamp = new HeadlampDeployment(chart, 'headlamp');
        new OAuth2ProxyFrontend(chart, 'proxy', {
          headlamp,
          mode: OAuth2ProxyMode.FORWARD_AUTH,
          provider: OAuth2ProxyProvider.google(),
          credentialsSecret: 'o',
          emailDomains: ['*'],
          hosts: ['headlamp.example.com'],
          tls: IngressTls.fromSecret('tls'),
        });
      },
      at('props.mode', 'use auth: HeadlampAuth.identityAwareProxy()'),
    );
  });
});

describe('OAuth2ProxyFrontend: the props added this round, each with its exact refusal', () => {
  test.each<[string, Partial<OAuth2ProxyFrontendProps>, string, string]>([
    [
      'a cookie name with a space',
      { cookie: { name: 'my cookie' } },
      'props.cookie.name',
      "expected a cookie name of letters, digits, '_' and '-' such as '_oauth2_proxy', got \"my cookie\"",
    ],
    [
      'an empty client ID',
      { clientId: '' },
      'props.clientId',
      'expected a client ID as the identity provider issued it (not blank, no surrounding spaces), got ""',
    ],
    [
      'a claim mapping with a system: prefix',
      { provider: OAuth2ProxyProvider.oidc('https://idp.example.com', { claims: { groupsPrefix: 'system:' } }) },
      'props.provider.claims.groupsPrefix',
      "expected a prefix ending in ':', '#' or '/' such as 'oidc:', not containing 'system:' and not starting with 'eks:' or " +
        '\'aws:\' (names Kubernetes and EKS keep for their own users and groups), got "system:"',
    ],
    [
      'extraPaths on the frontend (a way around it)',
      { extraPaths: [{ path: '/x', port: 80, serviceName: 'other' }] },
      'props.extraPaths',
      'would route around oauth2-proxy',
    ],
  ])('%s', (_case, extra, prop, says) => {
    expectRefused(build(extra), at(prop, says));
  });
});

describe('OAuth2ProxyFrontend: a cookie domain that is a public suffix (browsers drop it: a login loop)', () => {
  // RFC 6265 5.3 step 5: user agents ignore a Domain attribute that is a public suffix (Public Suffix List,
  // github.com/publicsuffix/list public_suffix_list.dat); the library keeps a short list plus "any single label".
  const message = (domain: string, what: string) =>
    `OAuth2ProxyFrontend 'test/proxy': props.cookie.domain: expected a domain of your own, ` +
    `got ${JSON.stringify(domain)}, ${what}; browsers refuse cookies for it (a login loop). Use a domain of yours that covers every host, ` +
    'or leave it unset (the request host)';
  const SINGLE = 'a single label (a top-level domain)';
  const LISTED = 'a public suffix (anyone can register a name under it)';
  test.each<[string, string, string]>([
    ['.com', 'headlamp.example.com', SINGLE],
    ['com', 'headlamp.example.com', SINGLE],
    ['.internal', 'headlamp.corp.internal', SINGLE],
    ['.co.uk', 'headlamp.example.co.uk', LISTED],
    ['co.uk', 'headlamp.example.co.uk', LISTED],
    ['.github.io', 'team.github.io', LISTED],
    ['github.io.', 'team.github.io', LISTED],
    ['.azurewebsites.net', 'headlamp.azurewebsites.net', LISTED],
  ])('%s (host %s) is refused with the exact message', (domain, host, what) => {
    expect(build({ hosts: [host], cookie: { domain } })).toThrow(message(domain, what));
  });

  test.each<[string, string]>([
    ['.example.co.uk', 'headlamp.example.co.uk'],
    ['team.github.io', 'headlamp.team.github.io'],
    ['.example.com', 'headlamp.example.com'],
    ['headlamp.example.com', 'headlamp.example.com'],
  ])('%s (host %s) is a domain of your own: accepted', (domain, host) => {
    expect(build({ hosts: [host], cookie: { domain } })).not.toThrow();
  });
});

describe('OAuth2ProxyFrontend: allowedGroups and RBAC read the same groups', () => {
  // oauth2-proxy v7.15.3 checks allowedGroups against session groups: for the OIDC provider types the ID token's claim
  // --oidc-groups-claim / oidcConfig.groupsClaim, left at 'groups' (pkg/apis/options/providers.go OIDCGroupsClaim);
  // GitLab's userinfo groups (providers/gitlab.go EnrichSession); Google's only from the Admin SDK (providers/google.go).
  const roles = { claims: { groupsClaim: 'roles' } };
  test.each<[string, OAuth2ProxyProvider, OAuth2ProxyMode, string]>([
    [
      'generic OIDC mapping RBAC from roles',
      OAuth2ProxyProvider.oidc('https://idp.example.com', roles),
      OAuth2ProxyMode.REVERSE_PROXY,
      "oauth2-proxy checks them against the ID token's 'groups' claim, but the provider's claim mapping gives RBAC the 'roles' claim",
    ],
    [
      'Keycloak mapping RBAC from roles (forward-auth)',
      OAuth2ProxyProvider.keycloakOidc({ issuerUrl: 'https://sso.example.com/realms/r', ...roles }),
      OAuth2ProxyMode.FORWARD_AUTH,
      "the ID token's 'groups' claim, but the provider's claim mapping gives RBAC the 'roles' claim",
    ],
    [
      'GitLab mapping RBAC from groups',
      OAuth2ProxyProvider.gitlab({ claims: { groupsClaim: 'groups' } }),
      OAuth2ProxyMode.FORWARD_AUTH,
      "oauth2-proxy checks them against GitLab's userinfo groups (in the ID token: 'groups_direct'), but the provider's claim mapping gives RBAC the 'groups' claim",
    ],
  ])('%s: refused, naming both claims', (_case, provider, mode, says) => {
    expectRefused(build({ provider, allowedGroups: ['/platform'] }, mode), at('props.allowedGroups', says));
  });

  test('the exact message', () => {
    expect(
      build({ provider: OAuth2ProxyProvider.oidc('https://idp.example.com', roles), allowedGroups: ['platform'] }),
    ).toThrow(
      "OAuth2ProxyFrontend 'test/proxy': props.allowedGroups: oauth2-proxy checks them against the ID token's 'groups' claim, but the provider's " +
        "claim mapping gives RBAC the 'roles' claim (props.provider claims.groupsClaim); a user could pass the one and not the other. Map RBAC " +
        "groups from the same claim (claims: { groupsClaim: 'groups' }), or drop allowedGroups and let RBAC decide",
    );
  });

  test('Google has no groups for oauth2-proxy: allowedGroups would let nobody in', () => {
    expect(
      build(
        { provider: OAuth2ProxyProvider.google(), allowedGroups: ['platform@example.com'] },
        OAuth2ProxyMode.FORWARD_AUTH,
      ),
    ).toThrow(
      "OAuth2ProxyFrontend 'test/proxy': props.allowedGroups: oauth2-proxy has no groups for the google provider (they come only from Google's " +
        'Admin SDK, which this construct does not configure), got 1 group(s); nobody could sign in. Drop allowedGroups and restrict sign-in with emailDomains',
    );
  });

  test.each<[string, OAuth2ProxyProvider, string[] | undefined]>([
    ["the presets' own claims (OIDC)", OAuth2ProxyProvider.oidc('https://idp.example.com'), ['platform']],
    [
      'Entra ID (group object IDs in groups)',
      OAuth2ProxyProvider.entraId('11111111-2222-3333-4444-555555555555'),
      ['aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee'],
    ],
    ['GitLab (groups_direct both ways)', OAuth2ProxyProvider.gitlab(), ['platform']],
    ['another RBAC claim without allowedGroups', OAuth2ProxyProvider.oidc('https://idp.example.com', roles), undefined],
  ])('%s: accepted', (_case, provider, allowedGroups) => {
    expect(build({ provider, allowedGroups }, OAuth2ProxyMode.FORWARD_AUTH)).not.toThrow();
  });
});

describe('OAuth2ProxyProvider factories called from JavaScript without their argument', () => {
  const missing = (factory: string, name: string, what: string, got = 'undefined') =>
    `OAuth2ProxyFrontend 'test/proxy': props.provider.${name}: expected ${what} as the ${name} of OAuth2ProxyProvider.${factory}(...) ` +
    `(its first argument, or { ${name} } in the options object), got ${got}`;
  const js = OAuth2ProxyProvider as any;
  test.each<[string, () => OAuth2ProxyProvider, string]>([
    [
      'keycloakOidc(undefined)',
      () => js.keycloakOidc(undefined),
      missing('keycloakOidc', 'issuerUrl', 'an https issuer URL'),
    ],
    [
      'keycloakOidc({ fullGroupPath: false })',
      () => js.keycloakOidc({ fullGroupPath: false }),
      missing('keycloakOidc', 'issuerUrl', 'an https issuer URL'),
    ],
    ['entraId()', () => js.entraId(), missing('entraId', 'tenantId', 'a tenant ID (a GUID)')],
    [
      'entraId({ tennantId }) (a typo)',
      () => js.entraId({ tennantId: '11111111-2222-3333-4444-555555555555' }),
      missing('entraId', 'tenantId', 'a tenant ID (a GUID)'),
    ],
    ['entraId(42)', () => js.entraId(42), missing('entraId', 'tenantId', 'a tenant ID (a GUID)', '42')],
    ['oidc(null)', () => js.oidc(null), missing('oidc', 'issuerUrl', 'an https issuer URL', 'null')],
    ['dex({})', () => js.dex({}), missing('dex', 'issuerUrl', 'an https issuer URL')],
  ])('%s: refused, naming the factory and the argument', (_case, provider, message) => {
    expect(build({ provider: provider() }, OAuth2ProxyMode.FORWARD_AUTH)).toThrow(message);
  });

  test('no issuer URL is ever built from undefined', () => {
    expect(js.entraId(undefined).issuerUrl).toBeUndefined();
    expect(js.keycloakOidc(undefined).issuerUrl).toBeUndefined();
    expect(js.gitlab(undefined).issuerUrl).toBe('https://gitlab.com');
  });
});
