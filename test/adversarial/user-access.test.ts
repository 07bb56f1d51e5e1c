// UserAccess: subjects that match nobody or match Kubernetes itself, roles that are cluster-admin by another name, grants made twice.
import {
  HeadlampAuth,
  HeadlampDeployment,
  HeadlampValidationError,
  IngressTls,
  LoginRole,
  OAuth2ProxyFrontend,
  OAuth2ProxyMode,
  OAuth2ProxyProvider,
  OidcClientSecret,
  OidcConfig,
  UserAccess,
  UserAccessProps,
} from '../../lib';
import { testChart } from '../helpers/synth';

const SECRET = OidcClientSecret.fromSecret('headlamp-oidc');
const common = { clientId: 'headlamp', clientSecret: SECRET, publicUrl: 'https://headlamp.example.com' };
const TENANT = '11111111-2222-3333-4444-555555555555';
const GROUP_ID = '99999999-8888-7777-6666-555555555555';
const keycloak = (claims?: object) =>
  OidcConfig.keycloak({ ...common, host: 'sso.example.com', realm: 'platform', ...(claims ? { claims } : {}) });
const dex = () => OidcConfig.dex({ ...common, issuerUrl: 'https://dex.example.com' });
/** AKS-managed Entra ID: the one mapping without prefixes. */
const aks = () => OidcConfig.entraId({ ...common, tenantId: TENANT });

type Grants = UserAccessProps['grants'];

/** The exact message of building a UserAccess with `grants` for a Headlamp logging in with `config`. */
function refusal(config: OidcConfig, grants: Grants): string {
  const chart = testChart();
  const headlamp = new HeadlampDeployment(chart, 'headlamp', { auth: HeadlampAuth.oidc(config) });
  try {
    new UserAccess(chart, 'access', { headlamp, grants });
  } catch (e) {
    if (e instanceof HeadlampValidationError) return e.message;
    throw e;
  }
  return '(accepted)';
}
const head = (prop: string) => `UserAccess 'test/access': ${prop}: `;

describe("Kubernetes' own identities, when the mapping adds no prefix (AKS)", () => {
  const own = (what: string, name: string) =>
    `expected a ${what} of the identity provider, got ${JSON.stringify(name)}, which is Kubernetes' own ` +
    '(system:* users and groups belong to the API server: system:masters is cluster-admin without RBAC, system:authenticated every token and ' +
    'ServiceAccount, system:unauthenticated and system:anonymous anyone without credentials); the claim mapping of OidcConfig (entra-id) adds ' +
    `no prefix, so nothing tells the two apart; bind your identity provider's ${what} instead`;
  test.each([
    'system:masters',
    'system:authenticated',
    'system:unauthenticated',
    'system:serviceaccounts',
    'system:nodes',
  ])('group %s', (g) => {
    expect(refusal(aks(), [{ groups: [GROUP_ID, g] }])).toBe(`${head('props.grants[0].groups[1]')}${own('group', g)}`);
  });
  test.each([
    'system:anonymous',
    'system:admin',
    'system:serviceaccount:kube-system:default',
    'system:node:worker-1',
    'system:kube-controller-manager',
  ])('user %s', (u) => {
    expect(refusal(aks(), [{ users: [u] }])).toBe(`${head('props.grants[0].users[0]')}${own('user', u)}`);
  });
  test('with a prefix the same names are only identity-provider names (oidc:system:masters), so they pass', () => {
    expect(refusal(dex(), [{ groups: ['system:masters'] }])).toBe('(accepted)');
  });
});

describe('a prefix typed by hand binds a subject no token maps to', () => {
  test.each<[string, OidcConfig, Grants, string, string]>([
    [
      "the mapping's own group prefix",
      keycloak(),
      [{ groups: ['oidc:/platform-team'] }],
      'props.grants[0].groups[0]',
      'expected the group as the identity provider sends it, got "oidc:/platform-team", which starts with the prefix "oidc:" the claim mapping ' +
        'adds itself (it would bind "oidc:oidc:/platform-team", which no token maps to); write "/platform-team"',
    ],
    [
      "the mapping's own user prefix",
      dex(),
      [{ users: ['oidc:alice@example.com'] }],
      'props.grants[0].users[0]',
      'expected the user as the identity provider sends it, got "oidc:alice@example.com", which starts with the prefix "oidc:" the claim mapping ' +
        'adds itself (it would bind "oidc:oidc:alice@example.com", which no token maps to); write "alice@example.com"',
    ],
    [
      'a custom prefix',
      keycloak({ groupsPrefix: 'kc:' }),
      [{ groups: ['/ops'] }, { groups: ['kc:/ops'], role: LoginRole.edit(), namespaces: ['a'] }],
      'props.grants[1].groups[0]',
      'expected the group as the identity provider sends it, got "kc:/ops", which starts with the prefix "kc:" the ' +
        'claim mapping adds itself (it would bind "kc:kc:/ops", which no token maps to); write "/ops"',
    ],
    [
      "the legacy flags' issuer# default, with a prefix",
      dex(),
      [{ users: ['https://dex.example.com#alice@example.com'] }],
      'props.grants[0].users[0]',
      'expected the user as the identity provider sends it, got "https://dex.example.com#alice@example.com", which starts with ' +
        '"https://dex.example.com#", the legacy flags\' default prefix, which this library never configures (it would bind ' +
        '"oidc:https://dex.example.com#alice@example.com", which no token maps to); write "alice@example.com"',
    ],
    [
      "the legacy flags' issuer# default, without a prefix (AKS)",
      aks(),
      [{ users: [`https://sts.windows.net/${TENANT}/#alice@example.com`] }],
      'props.grants[0].users[0]',
      `expected the user as the identity provider sends it, got "https://sts.windows.net/${TENANT}/#alice@example.com", ` +
        `which starts with "https://sts.windows.net/${TENANT}/#", the legacy flags' default prefix, which this library never configures (it would ` +
        `bind "https://sts.windows.net/${TENANT}/#alice@example.com", which no token maps to); write "alice@example.com"`,
    ],
  ])('%s', (_case, config, grants, prop, message) => {
    expect(refusal(config, grants)).toBe(`${head(prop)}${message}`);
  });
});

describe('a name in another form than the provider sends', () => {
  test.each<[string, string, string]>([
    ['a trailing slash', '/platform-team/', '"/platform-team"'],
    ['an empty segment', '//platform-team', '"/platform-team"'],
    ['a lone slash', '/', '"/"'],
  ])('Keycloak full paths: %s', (_case, name, fix) => {
    expect(refusal(keycloak(), [{ groups: [name] }])).toBe(
      `${head('props.grants[0].groups[0]')}expected a Keycloak group path such as ` +
        `'/platform-team' or '/parent/child' (no empty segment, no trailing '/'), got ${JSON.stringify(name)}; write ${fix}`,
    );
  });

  test('Keycloak without full paths (oauth2-proxy fullGroupPath: false): a path is never sent', () => {
    const chart = testChart();
    const headlamp = new HeadlampDeployment(chart, 'headlamp', { auth: HeadlampAuth.identityAwareProxy() });
    new OAuth2ProxyFrontend(chart, 'proxy', {
      headlamp,
      mode: OAuth2ProxyMode.FORWARD_AUTH,
      clientId: 'headlamp-proxy',
      provider: OAuth2ProxyProvider.keycloakOidc('https://sso.example.com/realms/platform', { fullGroupPath: false }),
      credentialsSecret: 'o',
      emailDomains: ['*'],
      hosts: ['headlamp.example.com'],
      tls: IngressTls.fromSecret('tls'),
    });
    for (const [name, fix] of [
      ['/platform-team', 'platform-team'],
      ['/parent/child', 'child'],
    ]) {
      expect(() => new UserAccess(chart, `a${fix}`, { headlamp, grants: [{ groups: ['ops', name] }] })).toThrow(
        `UserAccess 'test/a${fix}': props.grants[0].groups[1]: expected a bare group name such as 'platform-team': the group mapper sends names, ` +
          `not paths (fullGroupPath: false in OAuth2ProxyFrontend 'test/proxy'), got ${JSON.stringify(name)}; write ${JSON.stringify(fix)}, or set fullGroupPath: true`,
      );
    }
    expect(() => new UserAccess(chart, 'ok', { headlamp, grants: [{ groups: ['platform-team'] }] })).not.toThrow();
  });
});

describe('a role that amounts to cluster-admin (or a built-in) under another name', () => {
  const spelled = (name: string, built: string, factory: string) =>
    `${head('props.grants[0].role.roleName')}expected your own ClusterRole, got ` +
    `${JSON.stringify(name)}, which spells the built-in '${built}' another way (roleRef names match exactly: it would bind a copy or nothing); use LoginRole.${factory}()`;
  test.each<[string, string, string]>([
    ['Cluster-Admin', 'cluster-admin', 'clusterAdmin'],
    ['cluster_admin', 'cluster-admin', 'clusterAdmin'],
    ['clusteradmin', 'cluster-admin', 'clusterAdmin'],
    [' cluster-admin', 'cluster-admin', 'clusterAdmin'],
    ['CLUSTER.ADMIN', 'cluster-admin', 'clusterAdmin'],
    ['Admin', 'admin', 'admin'],
    ['EDIT', 'edit', 'edit'],
  ])('%s', (name, built, factory) => {
    expect(refusal(dex(), [{ groups: ['ops'], role: LoginRole.fromClusterRole(name) }])).toBe(
      spelled(name, built, factory),
    );
  });

  const system = (kind: string, name: string, why: string, instead: string) =>
    `expected your own ${kind}, got ${JSON.stringify(name)}: system: roles ` +
    `belong to Kubernetes' own components, not to people, and ${why}; bind a role of your own with only what people need, or ${instead}`;
  const ADMIN = 'LoginRole.clusterAdmin() by name';
  test.each<[string, string, string]>([
    [
      'system:controller:clusterrole-aggregation-controller',
      'it may escalate every ClusterRole, so it can grant itself anything',
      ADMIN,
    ],
    [
      'system:controller:certificate-controller',
      'it approves and signs API server client certificates, for any user or group',
      ADMIN,
    ],
    [
      'system:controller:generic-garbage-collector',
      'it reads, rewrites and deletes every object, Secrets included',
      ADMIN,
    ],
    ['system:controller:namespace-controller', 'it reads and deletes every object, Secrets included', ADMIN],
    [
      'system:kube-controller-manager',
      'it lists every object, Secrets included, and creates tokens for any ServiceAccount',
      ADMIN,
    ],
    ['system:masters', 'it is the superuser group, not a role: no role of that name exists', ADMIN],
    ['System:Masters', 'it is the superuser group, not a role: no role of that name exists', ADMIN],
    [
      'system:aggregate-to-edit',
      "it is edit's rules (impersonates ServiceAccounts, reads Secrets)",
      'LoginRole.edit() per namespace',
    ],
    ['system:aggregate-to-admin', 'it is part of admin (Roles and RoleBindings)', 'LoginRole.admin() per namespace'],
    [
      'system:controller:replicaset-controller',
      'several amount to cluster-admin, e.g. system:controller:clusterrole-aggregation-controller may escalate every ClusterRole',
      ADMIN,
    ],
  ])('ClusterRole %s', (name, why, instead) => {
    expect(refusal(dex(), [{ groups: ['ops'], role: LoginRole.fromClusterRole(name) }])).toBe(
      `${head('props.grants[0].role.roleName')}${system('ClusterRole', name, why, instead)}`,
    );
  });
  test("a Role named like Kubernetes' own, in a namespace (kube-system's bootstrap-signer reads join tokens)", () => {
    const name = 'system:controller:bootstrap-signer';
    expect(refusal(dex(), [{ groups: ['ops'], role: LoginRole.fromRole(name), namespaces: ['kube-system'] }])).toBe(
      `${head('props.grants[0].role.roleName')}${system('Role', name, 'several amount to cluster-admin, e.g. system:controller:clusterrole-aggregation-controller may escalate every ClusterRole', ADMIN)}`,
    );
  });
  test('your own roles, and the built-ins by their factories, pass: what your own roles grant is yours to keep small', () => {
    expect(
      refusal(dex(), [
        { groups: ['ops'], role: LoginRole.fromClusterRole('headlamp-readers') },
        { groups: ['ops'], role: LoginRole.clusterAdmin() },
        { groups: ['dev'], role: LoginRole.fromRole('deployer'), namespaces: ['apps'] },
        { groups: ['dev'], role: LoginRole.admin(), namespaces: ['apps'] },
      ]),
    ).toBe('(accepted)');
  });
});

describe('the same grant twice', () => {
  test.each<[string, Grants, string, string]>([
    [
      'the same group and role cluster-wide in two grants',
      [{ groups: ['ops'] }, { groups: ['dev', 'ops'] }],
      'props.grants[1].groups[1]',
      '"ops" already holds the ClusterRole \'view\' cluster-wide from props.grants[0], got it again cluster-wide (the same binding twice); keep it in one grant',
    ],
    [
      'the same user in an overlapping namespace',
      [
        { users: ['a@example.com'], role: LoginRole.edit(), namespaces: ['x', 'y'] },
        { users: ['a@example.com'], role: LoginRole.edit(), namespaces: ['z', 'y'] },
      ],
      'props.grants[1].users[0]',
      "\"a@example.com\" already holds the ClusterRole 'edit' in namespace 'y' from props.grants[0], got it again in namespace 'y' (the same binding twice); keep it in one grant",
    ],
    [
      'per namespace what it already holds cluster-wide',
      [{ groups: ['ops'] }, { groups: ['ops'], role: LoginRole.view(), namespaces: ['apps'] }],
      'props.grants[1].groups[0]',
      "\"ops\" already holds the ClusterRole 'view' cluster-wide from props.grants[0], got it again in namespace 'apps' " +
        '(the cluster-wide binding already covers every namespace); keep it in one grant',
    ],
    [
      'cluster-wide what it already holds per namespace',
      [
        { groups: ['ops'], role: LoginRole.fromClusterRole('ops-reader'), namespaces: ['apps'] },
        { groups: ['ops'], role: LoginRole.fromClusterRole('ops-reader') },
      ],
      'props.grants[1].groups[0]',
      "\"ops\" already holds the ClusterRole 'ops-reader' in namespace 'apps' from props.grants[0], got it again cluster-wide " +
        '(the cluster-wide binding already covers every namespace); keep it in one grant',
    ],
  ])('%s', (_case, grants, prop, message) => {
    expect(refusal(dex(), grants)).toBe(`${head(prop)}${message}`);
  });

  test('across two UserAccess of one chart; different roles, kinds or places are not repeats', () => {
    const chart = testChart();
    const headlamp = new HeadlampDeployment(chart, 'headlamp', { auth: HeadlampAuth.oidc(dex()) });
    new UserAccess(chart, 'readers', { headlamp, grants: [{ groups: ['ops'] }, { users: ['ops@example.com'] }] });
    expect(() => new UserAccess(chart, 'more', { headlamp, name: 'more', grants: [{ groups: ['ops'] }] })).toThrow(
      "UserAccess 'test/more': props.grants[0].groups[0]: \"ops\" already holds the ClusterRole 'view' cluster-wide from UserAccess 'test/readers' " +
        'props.grants[0], got it again cluster-wide (the same binding twice); keep it in one grant',
    );
    expect(
      () =>
        new UserAccess(chart, 'editors', {
          headlamp,
          name: 'editors',
          grants: [
            { groups: ['ops'], role: LoginRole.edit(), namespaces: ['apps'] },
            { groups: ['ops'], role: LoginRole.fromRole('edit'), namespaces: ['apps'] },
            { groups: ['ops@example.com'], role: LoginRole.edit(), namespaces: ['apps'] },
          ],
        }),
    ).not.toThrow();
  });
});
