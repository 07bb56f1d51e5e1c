// LoginRole: the RBAC role a login token or an identity-provider group is bound to (least privilege first).
import { checkValue, lazy, pattern, ValueIssue } from '../core/schema';

/** Built-in ClusterRoles and the factory that names each. */
const BUILT_IN_ROLES: Record<string, string> = { 'view': 'view', 'edit': 'edit', 'admin': 'admin', 'cluster-admin': 'clusterAdmin' };

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

  /** An existing ClusterRole of yours, bound cluster-wide or per namespace. */
  public static fromClusterRole(name: string): LoginRole {
    return new LoginRole('ClusterRole', name, true, 'fromClusterRole');
  }

  /** An existing Role of that name in each bound namespace. Namespaces only. */
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
      return [{ path: ['roleName'], message: `expected your own ClusterRole, got the built-in ${JSON.stringify(this.roleName)}; use LoginRole.${builtIn}()` }];
    }
    return checkValue(roleName(), this.roleName, 'roleName', ` (a ${this.kind} name)`);
  }
}
