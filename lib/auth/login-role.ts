// LoginRole: the RBAC role a login token or an identity-provider group is bound to (least privilege first).
import { checkValue, lazy, pattern, ValueIssue } from '../core/schema';

/** Built-in ClusterRoles and the factory that names each. */
const BUILT_IN_ROLES: Record<string, string> = {
  view: 'view',
  edit: 'edit',
  admin: 'admin',
  'cluster-admin': 'clusterAdmin',
};

/** A role name with case and separators dropped: how a built-in spelled another way is recognised. */
const spelling = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Kubernetes' own roles (the bootstrap policy of its components, label `kubernetes.io/bootstrapping: rbac-defaults`;
 * kubernetes plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/cluster-roles.yaml and controller-roles.yaml)
 * that amount to cluster-admin or to a built-in under another name, with why and what to use instead.
 */
const SYSTEM_ROLES: Record<string, [why: string, instead: string]> = {
  'system:masters': [
    'it is the superuser group, not a role: no role of that name exists',
    'LoginRole.clusterAdmin() by name',
  ],
  'system:controller:clusterrole-aggregation-controller': [
    'it may escalate every ClusterRole, so it can grant itself anything',
    'LoginRole.clusterAdmin() by name',
  ],
  'system:controller:certificate-controller': [
    'it approves and signs API server client certificates, for any user or group',
    'LoginRole.clusterAdmin() by name',
  ],
  'system:controller:generic-garbage-collector': [
    'it reads, rewrites and deletes every object, Secrets included',
    'LoginRole.clusterAdmin() by name',
  ],
  'system:controller:namespace-controller': [
    'it reads and deletes every object, Secrets included',
    'LoginRole.clusterAdmin() by name',
  ],
  'system:kube-controller-manager': [
    'it lists every object, Secrets included, and creates tokens for any ServiceAccount',
    'LoginRole.clusterAdmin() by name',
  ],
  'system:aggregate-to-admin': ['it is part of admin (Roles and RoleBindings)', 'LoginRole.admin() per namespace'],
  'system:aggregate-to-edit': [
    "it is edit's rules (impersonates ServiceAccounts, reads Secrets)",
    'LoginRole.edit() per namespace',
  ],
  'system:aggregate-to-view': ["it is view's rules", 'LoginRole.view()'],
};

/** An RBAC role name: a path segment (no '/', no '%', not '.' or '..'), as the API server validates it. */
const roleName = lazy(() => pattern(/^(?!\.{1,2}$)[^/%]{1,253}$/, "a role name without '/' or '%'"));

/**
 * The role a login token carries. Least privilege first: `view` is the default; `clusterAdmin()`
 * exists only by its name.
 */
export class LoginRole {
  /** Built-in `view` ClusterRole: read most objects, no Secrets. */
  public static view(): LoginRole {
    return new LoginRole('ClusterRole', 'view', true);
  }

  /** Built-in `edit` ClusterRole: change most namespaced objects, read Secrets. Namespaces only. */
  public static edit(): LoginRole {
    return new LoginRole('ClusterRole', 'edit', false);
  }

  /** Built-in `admin` ClusterRole: full control of a namespace, RBAC included. Namespaces only. */
  public static admin(): LoginRole {
    return new LoginRole('ClusterRole', 'admin', false);
  }

  /** Built-in `cluster-admin`: everything, everywhere. Only when you mean it. */
  public static clusterAdmin(): LoginRole {
    return new LoginRole('ClusterRole', 'cluster-admin', true);
  }

  /**
   * An existing ClusterRole of yours, bound cluster-wide or per namespace. A built-in by its name or spelled another
   * way (`Cluster-Admin`) and Kubernetes' own `system:` roles are refused; what your own role grants is yours to keep
   * small.
   */
  public static fromClusterRole(name: string): LoginRole {
    return new LoginRole('ClusterRole', name, true, 'fromClusterRole');
  }

  /** An existing Role of that name in each bound namespace. Namespaces only; `system:` Roles are refused. */
  public static fromRole(name: string): LoginRole {
    return new LoginRole('Role', name, false, 'fromRole');
  }

  private constructor(
    /** `ClusterRole` or `Role`. */
    public readonly kind: 'ClusterRole' | 'Role',
    /** Name of the role. */
    public readonly roleName: string,
    /** Whether a cluster-wide binding is allowed. */
    public readonly clusterWideAllowed: boolean,
    /** @internal The factory, when it took a name from the user. */
    public readonly _factory?: 'fromClusterRole' | 'fromRole',
  ) {}

  /** @internal What is wrong with the role name it was given. */
  public _issues(): ValueIssue[] {
    if (!this._factory) return [];
    const builtIn = BUILT_IN_ROLES[this.roleName];
    if (this._factory === 'fromClusterRole' && builtIn) {
      // A built-in by its bare name would dodge the rules its named factory carries (cluster-admin only by name,
      // edit/admin only per namespace).
      return [
        {
          path: ['roleName'],
          message:
            `expected your own ClusterRole, got the built-in ${JSON.stringify(this.roleName)}; use ` +
            `LoginRole.${builtIn}()`,
        },
      ];
    }
    const issues = checkValue(roleName(), this.roleName, 'roleName', ` (a ${this.kind} name)`);
    return issues.length ? issues : this.escalationIssues();
  }

  /**
   * Roles that amount to cluster-admin (or a built-in) under another name, as far as a name tells: a built-in
   * spelled another way, and Kubernetes' own `system:` roles. What your own roles grant is yours to keep small.
   */
  private escalationIssues(): ValueIssue[] {
    const got = `got ${JSON.stringify(this.roleName)}`;
    const built = Object.keys(BUILT_IN_ROLES).find((b) => spelling(b) === spelling(this.roleName));
    if (built && this.kind === 'ClusterRole') {
      return [
        {
          path: ['roleName'],
          message:
            `expected your own ClusterRole, ${got}, which spells the built-in '${built}' another way (roleRef names ` +
            `match exactly: it would bind a copy or nothing); use LoginRole.${BUILT_IN_ROLES[built]}()`,
        },
      ];
    }
    if (/^system:/i.test(this.roleName)) {
      const [why, instead] = SYSTEM_ROLES[this.roleName.toLowerCase()] ?? [
        'several amount to cluster-admin, e.g. system:controller:clusterrole-aggregation-controller may escalate ' +
          'every ClusterRole',
        'LoginRole.clusterAdmin() by name',
      ];
      return [
        {
          path: ['roleName'],
          message:
            `expected your own ${this.kind}, ${got}: system: roles belong to Kubernetes' own components, ` +
            `not to people, and ${why}; bind a role of your own with only what people need, or ${instead}`,
        },
      ];
    }
    return [];
  }
}
