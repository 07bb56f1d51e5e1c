// UserAccess: RBAC bindings for identity-provider groups and users, named the way the API server's claim mapping names
// them.
import { Chart } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import type { TokenIdentity } from '../auth/claim-mapping';
import { fail, parseProps } from '../core/errors';
import { HeadlampDeployment } from '../deployment/headlamp-deployment';
import { LoginRole } from '../auth/login-role';
import { duplicateGrantProblem, GrantedRole, subjectNameProblem } from './subject-rules';
import { apiServerTrustProblem } from './token-trust';
import { assertUniqueNames, chartNamespace, clusterScoped, instanceLabels } from '../core/metadata';
import { dnsLabel, instance, labels, lazy, sameShape, uniqueList } from '../core/schema';

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
  /**
   * The Headlamp people log in to: its OIDC config, or the OAuth2ProxyFrontend in front, says how tokens map to users.
   */
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

const subjectName = lazy(() =>
  z.string({ error: 'expected a name' }).refine((s) => s.trim() === s && s.length > 0, {
    error: 'expected a non-empty name without leading or trailing spaces',
  }),
);
const propsSchema = lazy(() =>
  z.strictObject({
    headlamp: instance(HeadlampDeployment, 'new HeadlampDeployment(...)'),
    grants: z
      .array(
        z
          .strictObject({
            groups: uniqueList(subjectName(), 'group names').optional(),
            users: uniqueList(subjectName(), 'user names').optional(),
            role: instance(LoginRole, 'LoginRole.view() or another LoginRole factory').optional(),
            namespaces: uniqueList(dnsLabel, 'namespace names')
              .refine((xs) => xs.length > 0, { error: 'expected at least one namespace' })
              .optional(),
          })
          .refine((g) => (g.groups?.length ?? 0) + (g.users?.length ?? 0) > 0, {
            error: 'expected at least one group or user',
          }),
        { error: 'expected a list of grants' },
      )
      .refine((xs) => xs.length > 0, { error: 'expected at least one grant' }),
    name: dnsLabel.max(40, { error: 'expected a name of at most 40 characters (bindings get suffixes)' }).optional(),
    labels: labels.optional(),
  }),
);
sameShape<z.output<ReturnType<typeof propsSchema>>, UserAccessProps>(true);

const TYPE = 'UserAccess';

/**
 * Per-user access: RBAC bindings for the identity-provider groups and users who log in to Headlamp with OIDC or
 * through oauth2-proxy. Subject names are built from the claim mapping of the Headlamp's OIDC config (or of the
 * OAuth2ProxyFrontend's provider) that {@link ApiServerAuthentication} also writes into the API server's
 * configuration: `oidc:` + `/platform-team`, never typed twice. `view` by default; `edit`/`admin`/a Role per
 * namespace; `cluster-admin` only as `LoginRole.clusterAdmin()`. Subjects that can never match a token, that are
 * Kubernetes' own (`system:*` without a prefix), and grants repeated are refused (lib/access/subject-rules.ts).
 */
export class UserAccess extends Construct {
  /** The ClusterRoleBindings and RoleBindings, in grant order. */
  public readonly bindings: Array<k8s.KubeClusterRoleBinding | k8s.KubeRoleBinding> = [];
  /** Every subject, role and place granted, for the duplicate rule. */
  private readonly granted: GrantedRole[] = [];
  /** Set once every grant passed its checks: a refused UserAccess left in the tree counts for nothing. */
  private complete = false;

  constructor(scope: Construct, id: string, props: UserAccessProps) {
    super(scope, id);
    const p = parseProps(this, TYPE, propsSchema(), props);
    const namespace = chartNamespace(this, TYPE);
    const identity = p.headlamp._tokenIdentity(this, TYPE, 'props.headlamp');
    const untrusted = apiServerTrustProblem(
      identity,
      p.headlamp.node.path,
      'no API server can trust these tokens, so the bindings would match nobody',
    );
    if (untrusted) fail(this, TYPE, 'props.headlamp', untrusted);
    const name = p.name ?? `${p.headlamp.name}-users`;
    const objectLabels = { ...instanceLabels(name, 'headlamp-users'), ...p.labels };
    const { claims } = identity;

    p.grants.forEach((grant, i) => {
      const at = `props.grants[${i}]`;
      const role = grant.role ?? LoginRole.view();
      this.checkGrant(grant, at, role, identity);
      const subjects: k8s.Subject[] = [
        ...(grant.groups ?? []).map((g) => ({
          kind: 'Group',
          apiGroup: 'rbac.authorization.k8s.io',
          name: `${claims.groupsPrefix}${g}`,
        })),
        ...(grant.users ?? []).map((u) => ({
          kind: 'User',
          apiGroup: 'rbac.authorization.k8s.io',
          name: `${claims.usernamePrefix}${u}`,
        })),
      ];
      const roleRef: k8s.RoleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: role.kind, name: role.roleName };
      if (grant.namespaces) {
        for (const ns of grant.namespaces) {
          this.bindings.push(
            new k8s.KubeRoleBinding(this, `RoleBinding-${i}-${ns}`, {
              metadata: { name: `${namespace}-${name}-${i}`, namespace: ns, labels: objectLabels },
              subjects,
              roleRef,
            }),
          );
        }
      } else {
        // Cluster-scoped: the name carries Headlamp's namespace, so two installs never fight over one binding.
        this.bindings.push(
          clusterScoped(
            new k8s.KubeClusterRoleBinding(this, `ClusterRoleBinding-${i}`, {
              metadata: { name: `${namespace}-${name}-${i}`, labels: objectLabels },
              subjects,
              roleRef,
            }),
          ),
        );
      }
    });
    assertUniqueNames(this, TYPE);
    this.complete = true;
  }

  /**
   * Refuses a grant whose subjects can never match a person (a name the provider never sends, a prefix typed by
   * hand, no groups claim), that are Kubernetes' own identities, or that repeat an earlier grant, and a role that
   * cannot be bound cluster-wide. Records what it grants for the grants after it.
   */
  private checkGrant(grant: AccessGrant, at: string, role: LoginRole, identity: TokenIdentity): void {
    const { claims } = identity;
    if (grant.groups?.length && !claims.groupsClaim) {
      fail(
        this,
        TYPE,
        `${at}.groups`,
        `${identity.source} sends no groups claim (Google has none), got ${grant.groups.length} group(s); ` +
          'bind users, or map a groups claim in its claims',
      );
    }
    if (!grant.namespaces && !role.clusterWideAllowed) {
      fail(
        this,
        TYPE,
        `${at}.namespaces`,
        `the ${role.kind} '${role.roleName}' can only be bound per namespace, got undefined; ` +
          "list the namespaces (namespaces: ['team-a']), or use LoginRole.clusterAdmin() by name for " +
          'cluster-wide admin',
      );
    }
    const earlier = this.earlierGrants();
    for (const [what, list, format, prefix] of [
      ['group', grant.groups, identity.groupNames, claims.groupsPrefix],
      ['user', grant.users, identity.userNames, claims.usernamePrefix],
    ] as const) {
      (list ?? []).forEach((n, j) => {
        const prop = `${at}.${what}s[${j}]`;
        const problem = subjectNameProblem(n, what, format, identity);
        if (problem) fail(this, TYPE, prop, problem);
        for (const namespace of grant.namespaces ?? [undefined]) {
          const g: GrantedRole = {
            subject: `${what} ${prefix}${n}`,
            role: `${role.kind} '${role.roleName}'`,
            namespace,
            where: at,
          };
          const repeated = duplicateGrantProblem(g, earlier, n);
          if (repeated) fail(this, TYPE, prop, repeated);
          this.granted.push(g);
        }
      });
    }
  }

  /** What this construct granted so far, and every UserAccess before it in the same chart (named as such). */
  private earlierGrants(): GrantedRole[] {
    const others = Chart.of(this)
      .node.findAll()
      .filter((c): c is UserAccess => c instanceof UserAccess && c !== this && c.complete)
      .flatMap((u) => u.granted.map((g) => ({ ...g, where: `${TYPE} '${u.node.path}' ${g.where}` })));
    return [...others, ...this.granted];
  }
}
