// Per-user access: UserAccess (RBAC subjects) and ApiServerAuthentication (the API server's trust) read one claim
// mapping, so the three halves (IdP -> Headlamp -> API server + RBAC) agree by construction.
import { App, Chart } from 'cdk8s';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import {
  ApiServerAuthentication,
  AuthenticationConfigVersion,
  HeadlampAuth,
  HeadlampDeployment,
  IngressTls,
  LoginRole,
  OAuth2ProxyFrontend,
  OAuth2ProxyMode,
  OAuth2ProxyProvider,
  OidcCaCertificate,
  OidcClientSecret,
  OidcConfig,
  UserAccess,
} from '../lib';
import { expectRefused } from './helpers/adversarial';
import { validateAll } from './helpers/k8s-schema';
import { only, synth, testChart } from './helpers/synth';

const SECRET = OidcClientSecret.fromSecret('headlamp-oidc');
const keycloak = (extra = {}) =>
  OidcConfig.keycloak({
    host: 'sso.example.com',
    realm: 'platform',
    clientId: 'headlamp',
    clientSecret: SECRET,
    publicUrl: 'https://headlamp.example.com',
    ...extra,
  });

function oidcSetup(config: OidcConfig) {
  const chart = testChart();
  const headlamp = new HeadlampDeployment(chart, 'headlamp', { auth: HeadlampAuth.oidc(config) });
  return { chart, headlamp };
}

const flag = (args: string[], name: string) => args.find((a) => a.startsWith(`-${name}=`))?.slice(name.length + 2);

/**
 * Field names of kube-apiserver's AuthenticationConfiguration, transcribed from the json tags of k8s.io/apiserver
 * v0.35.7 pkg/apis/apiserver/v1/types.go (v1beta1 has the same for these structs; v0.30.0's Issuer lacks only
 * egressSelectorType, which is never emitted). Offline there is no API server to load the file, so the test checks
 * every emitted key against these Go types and the rules of pkg/apis/apiserver/validation/validation.go it relies on.
 */
const GO_FIELDS: Record<string, Record<string, string | null>> = {
  AuthenticationConfiguration: { apiVersion: null, kind: null, jwt: 'JWTAuthenticator[]', anonymous: null },
  JWTAuthenticator: {
    issuer: 'Issuer',
    claimValidationRules: null,
    claimMappings: 'ClaimMappings',
    userValidationRules: null,
  },
  Issuer: {
    url: null,
    discoveryURL: null,
    certificateAuthority: null,
    audiences: null,
    audienceMatchPolicy: null,
    egressSelectorType: null,
  },
  ClaimMappings: { username: 'PrefixedClaimOrExpression', groups: 'PrefixedClaimOrExpression', uid: null, extra: null },
  PrefixedClaimOrExpression: { claim: null, prefix: null, expression: null },
};

function unknownFields(value: any, type: string, at = ''): string[] {
  const isList = type.endsWith('[]');
  const name = type.replace(/\[\]$/, '');
  if (isList) return (value as any[]).flatMap((v, i) => unknownFields(v, name, `${at}[${i}]`));
  return Object.entries(value).flatMap(([k, v]) => {
    if (!(k in GO_FIELDS[name])) return [`${at}.${k} (not a field of ${name})`];
    const child = GO_FIELDS[name][k];
    return child ? unknownFields(v, child, `${at}.${k}`) : [];
  });
}

describe('UserAccess + ApiServerAuthentication with OIDC login', () => {
  test("subjects carry exactly the API server's prefixes; audience = -oidc-client-id; issuer byte for byte", () => {
    const { chart, headlamp } = oidcSetup(keycloak());
    new UserAccess(chart, 'access', {
      headlamp,
      grants: [{ groups: ['/platform-team'], users: ['alice@example.com'] }],
    });
    const api = new ApiServerAuthentication(chart, 'api', { headlamp });
    const objects = synth(chart);
    const args = only(objects, 'Deployment').spec.template.spec.containers[0].args;
    const cfg = parse(api.files['authentication-config.yaml']);
    const jwt = cfg.jwt[0];
    expect(jwt.issuer.url).toBe(flag(args, 'oidc-idp-issuer-url'));
    expect(jwt.issuer.audiences).toStrictEqual([flag(args, 'oidc-client-id')]);
    const binding = only(objects, 'ClusterRoleBinding');
    expect(binding.subjects).toStrictEqual([
      {
        kind: 'Group',
        apiGroup: 'rbac.authorization.k8s.io',
        name: `${jwt.claimMappings.groups.prefix}/platform-team`,
      },
      {
        kind: 'User',
        apiGroup: 'rbac.authorization.k8s.io',
        name: `${jwt.claimMappings.username.prefix}alice@example.com`,
      },
    ]);
    expect(binding.roleRef).toStrictEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' });
    // Headlamp shows the user from the claims the API server maps.
    expect(flag(args, 'me-username-path')).toBe(jwt.claimMappings.username.claim);
    expect(flag(args, 'me-groups-path')).toBe(jwt.claimMappings.groups.claim);
    expect(validateAll(objects)).toEqual([]);
  });

  test("one change of the mapping moves bindings, API server files and Headlamp's -me-* paths together", () => {
    const { chart, headlamp } = oidcSetup(
      keycloak({
        claims: {
          usernameClaim: 'preferred_username',
          usernamePrefix: 'kc#',
          groupsClaim: 'roles',
          groupsPrefix: 'kc:',
        },
      }),
    );
    new UserAccess(chart, 'access', { headlamp, grants: [{ groups: ['/ops'], users: ['alice'] }] });
    const api = new ApiServerAuthentication(chart, 'api', { headlamp });
    const objects = synth(chart);
    expect(only(objects, 'ClusterRoleBinding').subjects.map((s: any) => s.name)).toStrictEqual(['kc:/ops', 'kc#alice']);
    expect(api.legacyFlags).toStrictEqual([
      '--oidc-issuer-url=https://sso.example.com/realms/platform',
      '--oidc-client-id=headlamp',
      '--oidc-username-claim=preferred_username',
      '--oidc-username-prefix=kc#',
      '--oidc-groups-claim=roles',
      '--oidc-groups-prefix=kc:',
    ]);
    expect(api.eksIdentityProviderConfig).toStrictEqual({
      identityProviderConfigName: 'headlamp',
      issuerUrl: 'https://sso.example.com/realms/platform',
      clientId: 'headlamp',
      usernameClaim: 'preferred_username',
      usernamePrefix: 'kc#',
      groupsClaim: 'roles',
      groupsPrefix: 'kc:',
    });
    const args = only(objects, 'Deployment').spec.template.spec.containers[0].args;
    expect([flag(args, 'me-username-path'), flag(args, 'me-groups-path')]).toStrictEqual([
      'preferred_username',
      'roles',
    ]);
  });

  test('a trailing slash in the issuer survives byte for byte (discovery matching is exact)', () => {
    const { headlamp, chart } = oidcSetup(
      new OidcConfig({
        issuerUrl: 'https://idp.example.com/tenant/',
        clientId: 'h',
        clientSecret: SECRET,
        publicUrl: 'https://h.example.com',
      }),
    );
    const api = new ApiServerAuthentication(chart, 'api', { headlamp });
    expect(parse(api.files['authentication-config.yaml']).jwt[0].issuer.url).toBe('https://idp.example.com/tenant/');
    expect(api.legacyFlags[0]).toBe('--oidc-issuer-url=https://idp.example.com/tenant/');
  });

  test.each([AuthenticationConfigVersion.V1, AuthenticationConfigVersion.V1BETA1])(
    '%s: only Go field names, required fields and rules hold',
    (version) => {
      const { headlamp, chart } = oidcSetup(keycloak({ caCertificate: OidcCaCertificate.fromConfigMap('sso-ca') }));
      const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
      const cfg = parse(
        new ApiServerAuthentication(chart, 'api', { headlamp, version, certificateAuthority: pem }).files[
          'authentication-config.yaml'
        ],
      );
      expect(cfg.apiVersion).toBe(version);
      expect(cfg.kind).toBe('AuthenticationConfiguration');
      expect(unknownFields(cfg, 'AuthenticationConfiguration')).toEqual([]);
      const jwt = cfg.jwt[0];
      // validation.go: https URL without query/fragment/userinfo; at least one audience; a prefix whenever a claim is set.
      expect(new URL(jwt.issuer.url)).toMatchObject({ protocol: 'https:', search: '', hash: '', username: '' });
      expect(jwt.issuer.audiences.length).toBeGreaterThan(0);
      expect(jwt.issuer.certificateAuthority).toBe(pem); // PEM contents, not a path
      for (const m of [jwt.claimMappings.username, jwt.claimMappings.groups]) expect(typeof m.prefix).toBe('string');
      expect(
        unknownFields({ jwt: [{ issuer: { url: 'x', audience: ['typo'] } }] }, 'AuthenticationConfiguration'),
      ).toEqual(['.jwt[0].issuer.audience (not a field of Issuer)']);
    },
  );

  test("Cognito: cognito:groups; Entra ID on AKS: object IDs without prefix, and the access token's issuer and audience", () => {
    const cognito = oidcSetup(
      OidcConfig.cognito({
        region: 'eu-west-1',
        userPoolId: 'eu-west-1_Abc',
        clientId: 'c1',
        clientSecret: SECRET,
        publicUrl: 'https://h.example.com',
      }),
    );
    new UserAccess(cognito.chart, 'access', { headlamp: cognito.headlamp, grants: [{ groups: ['admins'] }] });
    expect(
      new ApiServerAuthentication(cognito.chart, 'api', { headlamp: cognito.headlamp }).eksIdentityProviderConfig
        .groupsClaim,
    ).toBe('cognito:groups');
    const entra = oidcSetup(
      OidcConfig.entraId({
        tenantId: '11111111-2222-3333-4444-555555555555',
        clientId: 'c2',
        clientSecret: SECRET,
        publicUrl: 'https://h.example.com',
      }),
    );
    new UserAccess(entra.chart, 'access', {
      headlamp: entra.headlamp,
      grants: [{ groups: ['99999999-8888-7777-6666-555555555555'] }],
    });
    const api = new ApiServerAuthentication(entra.chart, 'api', { headlamp: entra.headlamp });
    expect(only(synth(entra.chart), 'ClusterRoleBinding').subjects[0].name).toBe(
      '99999999-8888-7777-6666-555555555555',
    );
    expect(api.eksIdentityProviderConfig).toStrictEqual({
      identityProviderConfigName: 'headlamp',
      issuerUrl: 'https://sts.windows.net/11111111-2222-3333-4444-555555555555/',
      clientId: '6dae42f8-4368-4678-94ff-3960e28e3630',
      usernameClaim: 'upn',
      usernamePrefix: '-',
      groupsClaim: 'groups',
    });
    // No prefix, in each reader's spelling: "" in the AuthenticationConfiguration, '-' for the username flag and EKS
    // (empty would mean "<issuer>#"), no groups prefix at all.
    expect(api.legacyFlags).toStrictEqual([
      '--oidc-issuer-url=https://sts.windows.net/11111111-2222-3333-4444-555555555555/',
      '--oidc-client-id=6dae42f8-4368-4678-94ff-3960e28e3630',
      '--oidc-username-claim=upn',
      '--oidc-username-prefix=-',
      '--oidc-groups-claim=groups',
    ]);
    expect((api.authenticationConfiguration as any).jwt[0].claimMappings).toStrictEqual({
      username: { claim: 'upn', prefix: '' },
      groups: { claim: 'groups', prefix: '' },
    });
    expect(api.files['README.md']).toContain('AKS with Entra ID integration');
  });

  test("per namespace: a RoleBinding in each namespace; names carry Headlamp's namespace", () => {
    const { chart, headlamp } = oidcSetup(keycloak());
    new UserAccess(chart, 'access', {
      headlamp,
      grants: [{ groups: ['/dev'], role: LoginRole.edit(), namespaces: ['a', 'b'] }],
    });
    const bindings = synth(chart).filter((o) => o.kind === 'RoleBinding');
    expect(bindings.map((b) => [b.metadata.namespace, b.metadata.name, b.roleRef.name])).toStrictEqual([
      ['a', 'headlamp-headlamp-users-0', 'edit'],
      ['b', 'headlamp-headlamp-users-0', 'edit'],
    ]);
  });

  test('writeAll puts the files in their own directory, never among manifests, and keeps what it did not write', () => {
    const app = new App();
    const chart = new Chart(app, 'prod', { namespace: 'headlamp' });
    const headlamp = new HeadlampDeployment(chart, 'headlamp', { auth: HeadlampAuth.oidc(keycloak()) });
    new ApiServerAuthentication(chart, 'api', { headlamp });
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cc-')), 'cluster-config');
    const written = ApiServerAuthentication.writeAll(app, dir).map((f) => path.relative(dir, f));
    expect(written).toStrictEqual([
      'prod-api/README.md',
      'prod-api/authentication-config.yaml',
      'prod-api/eks-identity-provider-config.json',
      'prod-api/kube-apiserver-flags.txt',
    ]);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    ApiServerAuthentication.writeAll(app, dir);
    expect(fs.readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });
});

describe('with oauth2-proxy in front', () => {
  test("the audience is oauth2-proxy's client ID, the one its Deployment uses", () => {
    const chart = testChart();
    const headlamp = new HeadlampDeployment(chart, 'headlamp', { auth: HeadlampAuth.identityAwareProxy() });
    new OAuth2ProxyFrontend(chart, 'proxy', {
      headlamp,
      mode: OAuth2ProxyMode.FORWARD_AUTH,
      provider: OAuth2ProxyProvider.dex('https://dex.example.com'),
      clientId: 'headlamp-proxy',
      credentialsSecret: 'o',
      emailDomains: ['*'],
      hosts: ['headlamp.example.com'],
      tls: IngressTls.fromSecret('tls'),
    });
    new UserAccess(chart, 'access', { headlamp, grants: [{ groups: ['devs'] }] });
    const cfg = parse(new ApiServerAuthentication(chart, 'api', { headlamp }).files['authentication-config.yaml']);
    const objects = synth(chart);
    const proxy = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'headlamp-oauth2-proxy').spec
      .template.spec.containers[0];
    expect(cfg.jwt[0].issuer.audiences).toStrictEqual([
      proxy.env.find((e: any) => e.name === 'OAUTH2_PROXY_CLIENT_ID').value,
    ]);
    expect(cfg.jwt[0].issuer.url).toBe(
      parse(only(objects, 'ConfigMap').data['alpha-config.yaml']).providers[0].oidcConfig.issuerURL,
    );
    expect(only(objects, 'ClusterRoleBinding').subjects[0].name).toBe(`${cfg.jwt[0].claimMappings.groups.prefix}devs`);
  });
});

describe('UserAccess and ApiServerAuthentication refuse', () => {
  const at = (prop: string, says: string, type = 'UserAccess', p = 'test/access') => ({ type, path: p, prop, says });

  test.each<[string, OidcConfig, object, ReturnType<typeof at>]>([
    [
      'an Entra group by name (the claim carries object IDs)',
      OidcConfig.entraId({
        tenantId: '11111111-2222-3333-4444-555555555555',
        clientId: 'c',
        clientSecret: SECRET,
        publicUrl: 'https://h.example.com',
      }),
      { groups: ['Platform'] },
      at('props.grants[0].groups[0]', 'expected an Entra ID object ID (a GUID)'),
    ],
    [
      'a Keycloak group without its path',
      keycloak(),
      { groups: ['platform-team'] },
      at('props.grants[0].groups[0]', "expected a full group path such as '/platform-team'"),
    ],
    [
      'groups from Google (no groups claim)',
      OidcConfig.google({ clientId: 'g', clientSecret: SECRET, publicUrl: 'https://h.example.com' }),
      { groups: ['eng'] },
      at('props.grants[0].groups', 'sends no groups claim (Google has none)'),
    ],
    [
      'a user that is not an email under the email claim',
      keycloak(),
      { users: ['alice'] },
      at('props.grants[0].users[0]', 'expected an email address'),
    ],
    [
      'cluster-admin through fromClusterRole',
      keycloak(),
      { groups: ['/a'], role: LoginRole.fromClusterRole('cluster-admin') },
      at('props.grants[0].role.roleName', 'use LoginRole.clusterAdmin()'),
    ],
    [
      'edit cluster-wide',
      keycloak(),
      { groups: ['/a'], role: LoginRole.edit() },
      at('props.grants[0].namespaces', 'can only be bound per namespace'),
    ],
    ['a grant with nobody in it', keycloak(), {}, at('props.grants[0]', 'expected at least one group or user')],
    [
      'an empty group name',
      keycloak(),
      { groups: [' '] },
      at('props.grants[0].groups[0]', 'expected a non-empty name without leading or trailing spaces'),
    ],
  ])('%s', (_case, config, grant, refusal) => {
    const { chart, headlamp } = oidcSetup(config);
    expectRefused(() => new UserAccess(chart, 'access', { headlamp, grants: [grant] }), refusal);
  });

  test.each<[string, object, string, string]>([
    [
      'a prefix without a separator',
      { usernamePrefix: 'oidc' },
      'props.auth.oidc.claims.usernamePrefix',
      "a prefix ending in ':', '#' or '/'",
    ],
    [
      'an empty prefix (IdP groups could be named system:masters)',
      { groupsPrefix: '' },
      'props.auth.oidc.claims.groupsPrefix',
      "a prefix ending in ':', '#' or '/'",
    ],
    [
      'a system: prefix',
      { groupsPrefix: 'system:' },
      'props.auth.oidc.claims.groupsPrefix',
      "not containing 'system:'",
    ],
  ])('a claim mapping with %s', (_case, claims, prop, says) => {
    expectRefused(() => oidcSetup(keycloak({ claims })), {
      type: 'HeadlampDeployment',
      path: 'test/headlamp',
      prop,
      says,
    });
  });

  test('token login, a settings Secret, a proxy without a plain client ID, a CA without PEM', () => {
    const token = testChart();
    const h1 = new HeadlampDeployment(token, 'headlamp');
    expectRefused(
      () => new UserAccess(token, 'access', { headlamp: h1, grants: [{ groups: ['x'] }] }),
      at('props.headlamp', 'for token login bind people with LoginServiceAccount'),
    );
    const settings = oidcSetup(OidcConfig.fromSettingsSecret({ secretName: 's', publicUrl: 'https://h.example.com' }));
    expectRefused(
      () => new ApiServerAuthentication(settings.chart, 'api', { headlamp: settings.headlamp }),
      at(
        'props.headlamp',
        'reads its OIDC issuer and client ID from a settings Secret',
        'ApiServerAuthentication',
        'test/api',
      ),
    );
    const iap = testChart();
    const h2 = new HeadlampDeployment(iap, 'headlamp', { auth: HeadlampAuth.identityAwareProxy() });
    new OAuth2ProxyFrontend(iap, 'proxy', {
      headlamp: h2,
      mode: OAuth2ProxyMode.FORWARD_AUTH,
      provider: OAuth2ProxyProvider.dex('https://dex.example.com'),
      credentialsSecret: 'o',
      emailDomains: ['*'],
      hosts: ['headlamp.example.com'],
      tls: IngressTls.fromSecret('tls'),
    });
    expectRefused(
      () => new UserAccess(iap, 'access', { headlamp: h2, grants: [{ groups: ['x'] }] }),
      at('props.headlamp', 'set its props.clientId'),
    );
    const ca = oidcSetup(keycloak({ caCertificate: OidcCaCertificate.fromConfigMap('sso-ca') }));
    expectRefused(
      () => new ApiServerAuthentication(ca.chart, 'api', { headlamp: ca.headlamp }),
      at('props.certificateAuthority', 'got no PEM for the API server', 'ApiServerAuthentication', 'test/api'),
    );
  });
});
