// The API server's own identity code (k8s.io/apiserver v0.35.10, test/real/apiserver-identity/main.go) run on the
// AuthenticationConfiguration and the legacy --oidc-* flags every example writes for the cluster operator: a token
// the identity provider would issue to a user of each grant maps to exactly the subjects UserAccess binds, and no
// token, however hostile its claims, maps to a `system:` user or group (Kubernetes' own identities).
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { parse } from 'yaml';
import { exampleNames, synthExample } from '../helpers/synth';

const { ensureGoProgram, reportReal } = require('../../scripts/real/go-tools.js');

const APISERVER = 'v0.35.10';
const KUBERNETES = 'v1.35.4';

/**
 * Per example, the ID token claims its identity provider issues to the users its UserAccess grants name (what an
 * operator types in `grants`, unprefixed): Dex/Keycloak `groups` (Keycloak's full paths), Cognito `cognito:groups`,
 * Entra ID group object IDs with the user's `oid` or `upn`. A new example with API server files fails until listed.
 */
const IDP_TOKENS: Record<string, Record<string, unknown>[]> = {
  'iap-nginx': [{ email: 'dev@example.com', email_verified: true, groups: ['developers'] }],
  'iap-traefik': [{ email: 'pat@example.com', email_verified: true, groups: ['/platform-team', '/developers'] }],
  'oauth2-proxy-frontend': [
    { oid: '0a0a0a0a-0000-0000-0000-000000000001', groups: ['99999999-8888-7777-6666-555555555555'] },
  ],
  'oidc-cognito': [{ email: 'ops@example.com', email_verified: true, 'cognito:groups': ['platform-admins'] }],
  'oidc-dex': [{ email: 'dev@example.com', email_verified: true, groups: ['developers', 'platform'] }],
  'oidc-entra-id': [{ upn: 'alice@example.com', groups: ['99999999-8888-7777-6666-555555555555'] }],
  'oidc-keycloak': [{ email: 'oncall@example.com', email_verified: true, groups: ['/platform-team'] }],
  production: [{ email: 'sre@example.com', email_verified: true, groups: ['/engineering', '/sre'] }],
};

interface Identity {
  username?: string;
  groups?: string[];
  error?: string;
}

/** Runs the program on one file (`config`) or the flags (`flags`) with `tokens`; its JSON answer. */
function apiserver(
  bin: string,
  input: { config?: string; flags?: string },
  tokens: Record<string, unknown>[],
): { errors?: string[]; results?: Identity[] } {
  const out = execFileSync(bin, [], { input: JSON.stringify({ ...input, tokens }), timeout: 60_000 }).toString();
  return JSON.parse(out.trim().split('\n').pop()!);
}

const CREATE_DEPLOYMENTS = { verb: 'create', group: 'apps', resource: 'deployments' };

interface Review {
  user: string;
  groups: string[];
  namespace: string;
  verb: string;
  group?: string;
  resource: string;
}

/** Kubernetes' RBAC authorizer (test/real/rbac-authorizer) on `objects`' RBAC objects: one decision per review. */
function authorize(bin: string, objects: any[], reviews: Review[]): { allowed: boolean; reason?: string }[] {
  const rbac = objects.filter((o) => /^(Cluster)?Role(Binding)?$/.test(o.kind));
  const out = execFileSync(bin, [], { input: JSON.stringify({ objects: rbac, reviews }), timeout: 60_000 }).toString();
  return JSON.parse(out).results;
}

/** The User and Group subjects the example's RoleBindings and ClusterRoleBindings name (ServiceAccounts aside). */
function boundSubjects(objects: any[]): { kind: string; name: string }[] {
  return objects
    .filter((o) => /RoleBinding$/.test(o.kind))
    .flatMap((b) => b.subjects)
    .filter((s: any) => s.kind === 'User' || s.kind === 'Group')
    .map((s: any) => ({ kind: s.kind, name: s.name }));
}

/** Hostile tokens for a configuration: Kubernetes' own names in every claim it maps, raw and case-shifted. */
function hostileTokens(config: any): Record<string, unknown>[] {
  const m = config.jwt[0].claimMappings;
  const user = (v: string) => usernameClaims(m, v);
  const groups = (v: string[]) => (m.groups ? { [m.groups.claim]: v } : {});
  const names = ['system:masters', 'system:authenticated', 'system:nodes', 'system:serviceaccounts:kube-system'];
  return [
    { ...user('system:admin'), ...groups(names) },
    { ...user('system:serviceaccount:kube-system:default'), ...groups(['system:masters']) },
    { ...user('system:node:node-1'), ...groups(['system:nodes']) },
    { ...user('system:anonymous'), ...groups(['system:unauthenticated']) },
    { ...user('dev@example.com'), ...groups(['system:masters', 'developers']) },
  ];
}

/** The username claim set to `value` (with `email_verified`, which the API server requires for `email`). */
function usernameClaims(m: any, value: string): Record<string, unknown> {
  return { [m.username.claim]: value, ...(m.username.claim === 'email' ? { email_verified: true } : {}) };
}

/** A user of the identity provider whom no grant names (no groups). */
function strangerOf(config: string): Record<string, unknown> {
  const m = parse(config).jwt[0].claimMappings;
  return { ...usernameClaims(m, 'stranger@example.com'), ...(m.groups ? { [m.groups.claim]: [] } : {}) };
}

const examples = exampleNames()
  .map((name) => ({ name, out: synthExample(name) }))
  .map(({ name, out }) => {
    const file = (suffix: string) => Object.entries(out.clusterConfig).find(([k]) => k.endsWith(suffix))?.[1];
    return {
      name,
      objects: out.objects,
      config: file('/authentication-config.yaml'),
      flags: file('/kube-apiserver-flags.txt'),
      readme: file('/README.md'),
    };
  })
  .filter((e) => e.config !== undefined);

describe(`the API server's identity code (k8s.io/apiserver ${APISERVER}) on every example's files`, () => {
  let bin: string;
  let rbacBin: string;

  beforeAll(() => {
    bin = ensureGoProgram({ name: 'apiserver-identity', srcDir: path.join(__dirname, 'apiserver-identity') });
    reportReal('k8s.io/apiserver', APISERVER);
    rbacBin = ensureGoProgram({ name: 'rbac-authorizer', srcDir: path.join(__dirname, 'rbac-authorizer') });
    reportReal('k8s.io/kubernetes (RBAC authorizer)', KUBERNETES);
  });

  test('every example with API server files has identity-provider tokens in this suite', () => {
    expect(examples.map((e) => e.name)).toStrictEqual(Object.keys(IDP_TOKENS).sort());
  });

  describe.each(examples)('$name', ({ name, objects, config, flags, readme }) => {
    const bound = boundSubjects(objects);

    test.each([
      ['authentication-config.yaml', { config }],
      ['kube-apiserver-flags.txt', { flags }],
    ] as const)("%s: the identity provider's users become exactly the bound subjects", (_file, input) => {
      const answer = apiserver(bin, input, IDP_TOKENS[name]);
      expect(answer.errors).toBeUndefined();
      const identities = answer.results!;
      expect(identities.filter((i) => i.error)).toStrictEqual([]);
      for (const s of bound) {
        const seen = s.kind === 'User' ? identities.map((i) => i.username) : identities.flatMap((i) => i.groups ?? []);
        expect([s.kind, s.name, seen]).toStrictEqual([s.kind, s.name, expect.arrayContaining([s.name])]);
      }
      expect(bound.length).toBeGreaterThan(0);
    });

    test('SubjectAccessReviews: each binding lets its users in, in its namespace only, and strangers never', () => {
      const identities = apiserver(bin, { config }, IDP_TOKENS[name]).results!;
      const stranger = apiserver(bin, { config }, [strangerOf(config!)]).results!;
      const bindings = objects.filter(
        (o) => /RoleBinding$/.test(o.kind) && o.subjects.some((s: any) => s.kind !== 'ServiceAccount'),
      );
      const reviews: Review[] = [];
      const expected: boolean[] = [];
      const as = (i: Identity) => ({ user: i.username!, groups: [...(i.groups ?? []), 'system:authenticated'] });
      for (const b of bindings) {
        const subject = b.subjects[0];
        const who = identities.find((i) =>
          subject.kind === 'User' ? i.username === subject.name : i.groups?.includes(subject.name),
        )!;
        const ns = b.metadata.namespace ?? 'default';
        reviews.push({ ...as(who), namespace: ns, verb: 'list', resource: 'pods' });
        expected.push(true);
        reviews.push({ ...as(stranger[0]), namespace: ns, verb: 'list', resource: 'pods' });
        expected.push(false);
        const writesEverywhere = bindings.some((o) => o.kind === 'ClusterRoleBinding' && o.roleRef.name !== 'view');
        if (b.kind === 'RoleBinding' && !writesEverywhere) {
          reviews.push({ ...as(who), namespace: 'kube-system', ...CREATE_DEPLOYMENTS });
          expected.push(false);
        }
        // view reads no Secrets and writes nothing; edit and admin write (unless another binding grants it there).
        const writes =
          ['edit', 'admin', 'cluster-admin'].includes(b.roleRef.name) ||
          bindings.some((o) => o !== b && o.metadata.namespace === ns && ['edit', 'admin'].includes(o.roleRef.name));
        reviews.push({ ...as(who), namespace: ns, ...CREATE_DEPLOYMENTS });
        expected.push(writes);
        reviews.push({ ...as(who), namespace: ns, verb: 'get', resource: 'secrets' });
        expected.push(writes);
      }
      const answers = authorize(rbacBin, objects, reviews);
      expect(reviews.map((r, i) => [r.user, r.namespace, r.verb, r.resource, answers[i].allowed])).toStrictEqual(
        reviews.map((r, i) => [r.user, r.namespace, r.verb, r.resource, expected[i]]),
      );
      expect(bindings.length).toBeGreaterThan(0);
    });

    const systemNames = (input: { config?: string; flags?: string }) => {
      const tokens = hostileTokens(parse(config!));
      const identities = apiserver(bin, input, tokens).results!;
      expect(identities).toHaveLength(tokens.length);
      return identities.flatMap((i) => [i.username ?? '', ...(i.groups ?? [])]).filter((n) => /^system:/i.test(n));
    };

    test('authentication-config.yaml: hostile claims never come out as a system: user or group', () => {
      expect(systemNames({ config })).toStrictEqual([]);
    });

    // The legacy flags have no validation rules: with no prefix (`--oidc-username-prefix=-`) the API server maps
    // `system:masters` as is, and the files' README says so; with a prefix nothing can.
    const unprefixed = / --oidc-username-prefix=-\n|--oidc-groups-claim=[^\n]*\n(?!--oidc-groups-prefix)/.test(
      ` ${flags}\n`,
    );
    const outcome = unprefixed ? 'come out as is, and the README warns' : 'never come out as a system: user or group';
    test(`kube-apiserver-flags.txt: hostile claims ${outcome}`, () => {
      if (unprefixed) {
        expect(systemNames({ flags })).toContain('system:masters');
        expect(readme).toContain('the legacy flags and EKS cannot');
      } else {
        expect(systemNames({ flags })).toStrictEqual([]);
      }
    });
  });
});
