// Identity settings that would map users onto names someone else owns, or match no one (issue 27, class 7). The API
// server reserves `system:` (kube-apiserver refuses a claim mapping prefix starting with it); EKS refuses prefixes
// containing `system:` and names its own identities `eks:*` and `aws:*` (EKS API reference,
// OidcIdentityProviderConfigRequest; access entries). Keycloak's group mapper with "Full group path" off sends bare
// names, so `/team` never matches; the client ID is compared byte for byte (kube-apiserver's audience, oauth2-proxy).
import {
  HeadlampAuth,
  HeadlampDeployment,
  IngressTls,
  OAuth2ProxyFrontend,
  OAuth2ProxyMode,
  OAuth2ProxyProvider,
  OidcClientSecret,
  OidcConfig,
} from '../../lib';
import { errorOf, migrationError, valuesError, valuesWith } from '../helpers/doors';
import { testChart } from '../helpers/synth';

const PREFIX =
  "expected a prefix ending in ':', '#' or '/' such as 'oidc:', not containing 'system:' and not starting with 'eks:' or " +
  "'aws:' (names Kubernetes and EKS keep for their own users and groups), got ";
const CLIENT_ID = 'expected a client ID as the identity provider issued it (not blank, no surrounding spaces), got ';
const oidc = (extra: object) => () =>
  new HeadlampDeployment(testChart(), 'headlamp', {
    auth: HeadlampAuth.oidc(
      new OidcConfig({
        issuerUrl: 'https://idp.example.com',
        clientId: 'headlamp',
        clientSecret: OidcClientSecret.fromSecret('s'),
        publicUrl: 'https://h.example.com',
        ...extra,
      } as never),
    ),
  });
const frontend = (extra: object) => () => {
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
    ...extra,
  } as never);
};

describe('claim prefixes that reach names Kubernetes or EKS keep', () => {
  test.each<[string, object, string]>([
    ['system: inside a username prefix', { usernamePrefix: 'oidc:system:' }, 'usernamePrefix'],
    ['system: inside a groups prefix', { groupsPrefix: 'corp-system:' }, 'groupsPrefix'],
    ["EKS's own users", { usernamePrefix: 'eks:' }, 'usernamePrefix'],
    ["AWS's own identities, in capitals", { groupsPrefix: 'AWS:' }, 'groupsPrefix'],
  ])('%s', (_case, claims, prop) => {
    const given = Object.values(claims)[0] as string;
    expect(errorOf(oidc({ claims })).message).toBe(
      `HeadlampDeployment 'test/headlamp': props.auth.oidc.claims.${prop}: ${PREFIX}${JSON.stringify(given)}`,
    );
  });

  test('the same rule for oauth2-proxy providers and in a values file', () => {
    expect(
      errorOf(
        frontend({
          provider: OAuth2ProxyProvider.oidc('https://idp.example.com', { claims: { groupsPrefix: 'eks:' } }),
        }),
      ).message,
    ).toContain(`props.provider.claims.groupsPrefix: ${PREFIX}"eks:"`);
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
                issuerUrl: 'https://dex.example.com',
                publicUrl: 'https://h.example.com',
                claims: { usernamePrefix: 'dex:system:' },
              },
            },
          },
        ),
      ),
    ).toBe(`values: auth.options.claims.usernamePrefix: ${PREFIX}"dex:system:"`);
  });

  test('a prefix of your own passes', () => {
    expect(oidc({ claims: { usernamePrefix: 'corp#', groupsPrefix: 'corp:' } })).not.toThrow();
  });
});

describe('Keycloak groups that can never match', () => {
  test('fullGroupPath: false with a path in allowedGroups', () => {
    const provider = OAuth2ProxyProvider.keycloakOidc('https://sso.example.com/realms/r', { fullGroupPath: false });
    expect(errorOf(frontend({ provider, allowedGroups: ['platform', '/admins/ops'] })).message).toBe(
      "OAuth2ProxyFrontend 'test/proxy': " +
        'props.allowedGroups[1]: the group mapper sends bare names (fullGroupPath: false), got "/admins/ops", which no group would match; ' +
        'write "ops", or keycloakOidc(issuerUrl) if the mapper\'s "Full group path" is on',
    );
    expect(frontend({ provider, allowedGroups: ['platform'] })).not.toThrow();
  });
});

describe('a blank or padded client ID names its prop', () => {
  test.each<[string, () => unknown, string]>([
    [
      'OidcConfig',
      oidc({ clientId: ' ' }),
      `HeadlampDeployment 'test/headlamp': props.auth.oidc.clientId: ${CLIENT_ID}" "`,
    ],
    [
      'OidcConfig validator',
      oidc({ useAccessToken: true, validatorClientId: 'x ' }),
      `HeadlampDeployment 'test/headlamp': props.auth.oidc.validatorClientId: ${CLIENT_ID}"x "`,
    ],
    [
      'OAuth2ProxyFrontend',
      frontend({ clientId: '  ' }),
      `OAuth2ProxyFrontend 'test/proxy': props.clientId: ${CLIENT_ID}"  "`,
    ],
  ])('%s', (_case, build, message) => {
    expect(errorOf(build).message).toBe(message);
  });

  test('the values file and the chart migration', () => {
    expect(
      valuesError(
        valuesWith(
          {},
          {
            auth: {
              type: 'oidc',
              provider: 'dex',
              options: { clientId: '\t', issuerUrl: 'https://dex.example.com', publicUrl: 'https://h.example.com' },
            },
          },
        ),
      ),
    ).toBe(`values: auth.options.clientId: ${CLIENT_ID}"\\t"`);
    expect(
      migrationError({
        config: {
          oidc: {
            clientID: ' headlamp',
            issuerURL: 'https://idp.example.com',
            callbackURL: 'https://h.example.com/oidc-callback',
          },
        },
      }),
    ).toContain(`config.oidc.clientID: ${CLIENT_ID}" headlamp"`);
  });
});
