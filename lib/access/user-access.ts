// UserAccess: RBAC bindings for identity-provider groups and users, named the way the API server's claim mapping names them.
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { NameFormat, TokenIdentity } from '../auth/claim-mapping';
import { fail, parseProps } from '../core/errors';
import { HeadlampDeployment } from '../deployment/headlamp-deployment';
import { LoginRole } from '../auth/login-role';
import { apiServerTrustProblem } from './token-trust';
import { assertUniqueNames, chartNamespace, clusterScoped, instanceLabels } from '../core/metadata';
import { dnsLabel, GUID, instance, labels, lazy, sameShape, uniqueList } from '../core/schema';

/** One role for some identity-provider groups and users, cluster-wide or per namespace. */
export interface AccessGrant {
  /**
   * Group names exactly as the identity provider puts them in the token (the prefix is added for you):
   * Keycloak full paths (`/platform-team`), Entra ID group object IDs (GUIDs), Cognito group names.
   * @default - none
   */
  readonly groups?: string[];
  /**
   * User names as the username claim carries them (an email with the `email` claim, an object ID with `oid`).
   * @default - none
   */
  readonly users?: string[];
  /**
   * The role. `edit`, `admin` and Roles need `namespaces`; `cluster-admin` only as `LoginRole.clusterAdmin()`.
   * @default LoginRole.view()
   */
  readonly role?: LoginRole;
  /**
   * Bind in these namespaces only (a RoleBinding each).
   * @default - cluster-wide (a ClusterRoleBinding)
   */
  readonly namespaces?: string[];
}

/** Props of {@link UserAccess}. */
export interface UserAccessProps {
  /** The Headlamp people log in to: its OIDC config, or the OAuth2ProxyFrontend in front, says how tokens map to users. */
  readonly headlamp: HeadlampDeployment;
  /** Who gets which role. */
  readonly grants: AccessGrant[];
  /**
   * Base name of the bindings.
   * @default - `<headlamp name>-users`
   */
  readonly name?: string;
  /**
   * Extra labels on every binding.
   * @default - none
   */
  readonly labels?: Record<string, string>;
}

const subjectName = lazy(() => z.string({ error: 'expected a name' }).refine((s) => s.trim() === s && s.length > 0,
  { error: 'expected a non-empty name without leading or trailing spaces' }));
const propsSchema = lazy(() => z.strictObject({
  headlamp: instance(HeadlampDeployment, 'new HeadlampDeployment(...)'),
  grants: z.array(z.strictObject({
    groups: uniqueList(subjectName(), 'group names').optional(),
    users: uniqueList(subjectName(), 'user names').optional(),
    role: instance(LoginRole, 'LoginRole.view() or another LoginRole factory').optional(),
    namespaces: uniqueList(dnsLabel, 'namespace names').refine((xs) => xs.length > 0, { error: 'expected at least one namespace' }).optional(),
  }).refine((g) => (g.groups?.length ?? 0) + (g.users?.length ?? 0) > 0, { error: 'expected at least one group or user' }),
  { error: 'expected a list of grants' }).refine((xs) => xs.length > 0, { error: 'expected at least one grant' }),
  name: dnsLabel.max(40, { error: 'expected a name of at most 40 characters (bindings get suffixes)' }).optional(),
  labels: labels.optional(),
}));
sameShape<z.output<ReturnType<typeof propsSchema>>, UserAccessProps>(true);

const TYPE = 'UserAccess';

/** Why a name does not look like what the provider sends, or undefined. */
function nameProblem(format: NameFormat, name: string, what: 'group' | 'user', id: TokenIdentity): string | undefined {
  if (format === 'entra-object-id' && !GUID.test(name)) {
    return `expected an Entra ID object ID (a GUID): Entra puts ${what === 'group' ? 'group object IDs, not names, in the groups claim' : 'the object ID in the oid claim'}`;
  }
  if (format === 'keycloak-path' && !name.startsWith('/')) {
    return `expected a full group path such as '/${name}': Keycloak's group mapper sends full paths by default (or map another groups claim in ${id.source}'s claims)`;
  }
  if (what === 'user' && id.claims.usernameClaim === 'email' && !/^[^@\s]+@[^@\s]+$/.test(name)) {
    return 'expected an email address: the username claim is email';
  }
  return undefined;
}

/**
 * Per-user access: RBAC bindings for the identity-provider groups and users who log in to Headlamp with OIDC or
 * through oauth2-proxy. Subject names are built from the claim mapping of the Headlamp's OIDC config (or of the
 * OAuth2ProxyFrontend's provider) that {@link ApiServerAuthentication} also writes into the API server's
 * configuration: `oidc:` + `/platform-team`, never typed twice. `view` by default; `edit`/`admin`/a Role per
 * namespace; `cluster-admin` only as `LoginRole.clusterAdmin()`.
 */
export class UserAccess extends Construct {
  /** The ClusterRoleBindings and RoleBindings, in grant order. */
  public readonly bindings: Array<k8s.KubeClusterRoleBinding | k8s.KubeRoleBinding> = [];

  constructor(scope: Construct, id: string, props: UserAccessProps) {
    super(scope, id);
    const p = parseProps(this, TYPE, propsSchema(), props);
    const namespace = chartNamespace(this, TYPE);
    const identity = p.headlamp._tokenIdentity(this, TYPE, 'props.headlamp');
    const untrusted = apiServerTrustProblem(identity, p.headlamp.node.path, 'no API server can trust these tokens, so the bindings would match nobody');
    if (untrusted) fail(this, TYPE, 'props.headlamp', untrusted);
    const name = p.name ?? `${p.headlamp.name}-users`;
    const objectLabels = { ...instanceLabels(name, 'headlamp-users'), ...p.labels };
    const { claims } = identity;

    p.grants.forEach((grant, i) => {
      const at = `props.grants[${i}]`;
      if (grant.groups?.length && !claims.groupsClaim) {
        fail(this, TYPE, `${at}.groups`, `${identity.source} sends no groups claim (Google has none), got ${grant.groups.length} group(s); ` +
          'bind users, or map a groups claim in its claims');
      }
      for (const [what, list, format] of [['group', grant.groups, identity.groupNames], ['user', grant.users, identity.userNames]] as const) {
        (list ?? []).forEach((n, j) => {
          const problem = nameProblem(format, n, what, identity);
          if (problem) fail(this, TYPE, `${at}.${what}s[${j}]`, `${problem}, got ${JSON.stringify(n)}`);
        });
      }
      const role = grant.role ?? LoginRole.view();
      if (!grant.namespaces && !role.clusterWideAllowed) {
        fail(this, TYPE, `${at}.namespaces`, `the ${role.kind} '${role.roleName}' can only be bound per namespace, got undefined; ` +
          "list the namespaces (namespaces: ['team-a']), or use LoginRole.clusterAdmin() by name for cluster-wide admin");
      }
      const subjects: k8s.Subject[] = [
        ...(grant.groups ?? []).map((g) => ({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: `${claims.groupsPrefix}${g}` })),
        ...(grant.users ?? []).map((u) => ({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: `${claims.usernamePrefix}${u}` })),
      ];
      const roleRef: k8s.RoleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: role.kind, name: role.roleName };
      if (grant.namespaces) {
        for (const ns of grant.namespaces) {
          this.bindings.push(new k8s.KubeRoleBinding(this, `RoleBinding-${i}-${ns}`, {
            metadata: { name: `${namespace}-${name}-${i}`, namespace: ns, labels: objectLabels }, subjects, roleRef,
          }));
        }
      } else {
        // Cluster-scoped: the name carries Headlamp's namespace, so two installs never fight over one binding.
        this.bindings.push(clusterScoped(new k8s.KubeClusterRoleBinding(this, `ClusterRoleBinding-${i}`, {
          metadata: { name: `${namespace}-${name}-${i}`, labels: objectLabels }, subjects, roleRef,
        })));
      }
    });
    assertUniqueNames(this, TYPE);
  }
}
