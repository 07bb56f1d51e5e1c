// LoginServiceAccount: a ServiceAccount whose tokens users paste into Headlamp's token login, bound to a
// least-privilege role.
import { Duration } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { fail, parseProps } from '../core/errors';
import { LoginRole } from '../auth/login-role';
import { assertUniqueNames, chartNamespace, clusterScoped, instanceLabels, MANAGED_BY } from '../core/metadata';
import { bool, dnsLabel, duration, instance, labels, lazy, sameShape, secondsOf, uniqueList } from '../core/schema';

/** Props of {@link LoginServiceAccount}. */
export interface LoginServiceAccountProps {
  /**
   * Name of the ServiceAccount users get tokens for.
   * @default 'headlamp-login'
   */
  readonly name?: string;
  /**
   * The role the tokens carry.
   * @default LoginRole.view()
   */
  readonly role?: LoginRole;
  /**
   * Bind the role in these namespaces only (a RoleBinding each). `edit`, `admin` and Roles need this.
   * @default - cluster-wide (a ClusterRoleBinding)
   */
  readonly namespaces?: string[];
  /**
   * Token lifetime shown in {@link LoginServiceAccount.tokenCommand}.
   * @default Duration.hours(8)
   */
  readonly tokenDuration?: Duration;
  /**
   * Also create a `kubernetes.io/service-account-token` Secret: a token that never expires, stored in the
   * cluster, readable by anyone who can read Secrets in the namespace. Prefer `kubectl create token`.
   * @default false
   */
  readonly unsafeCreateLongLivedTokenSecret?: boolean;
  /**
   * Extra labels on every object.
   * @default - none
   */
  readonly labels?: Record<string, string>;
}

const propsSchema = lazy(() =>
  z.strictObject({
    name: dnsLabel.optional(),
    role: instance(LoginRole, 'LoginRole.view() or another LoginRole factory').optional(),
    namespaces: uniqueList(dnsLabel, 'namespace names')
      .refine((xs) => xs.length > 0, { error: 'expected at least one namespace' })
      .optional(),
    tokenDuration: duration
      .refine((d) => (secondsOf(d) ?? 0) >= 600, {
        error: 'expected a Duration of whole seconds, at least 10 minutes (the API server minimum)',
      })
      .optional(),
    unsafeCreateLongLivedTokenSecret: bool.optional(),
    labels: labels.optional(),
  }),
);
sameShape<z.output<ReturnType<typeof propsSchema>>, LoginServiceAccountProps>(true);

const TYPE = 'LoginServiceAccount';

/**
 * A ServiceAccount for people to log in to Headlamp with (the service-account-token topology),
 * bound to a least-privilege role. Tokens are short-lived and minted on demand:
 * `kubectl create token <name> -n <namespace> --duration=8h` (see {@link tokenCommand}).
 */
export class LoginServiceAccount extends Construct {
  /** The ServiceAccount. */
  public readonly serviceAccount: k8s.KubeServiceAccount;
  /** The ClusterRoleBinding, or one RoleBinding per namespace. */
  public readonly bindings: Array<k8s.KubeClusterRoleBinding | k8s.KubeRoleBinding>;
  /** The command that mints a login token for this ServiceAccount. */
  public readonly tokenCommand: string;

  constructor(scope: Construct, id: string, props: LoginServiceAccountProps = {}) {
    super(scope, id);
    const p = parseProps(this, TYPE, propsSchema(), props);
    const namespace = chartNamespace(this, TYPE);
    const name = p.name ?? 'headlamp-login';
    const role = p.role ?? LoginRole.view();
    if (!p.namespaces && !role.clusterWideAllowed) {
      fail(
        this,
        TYPE,
        'props.namespaces',
        `the ${role.kind} '${role.roleName}' can only be bound per namespace, got undefined; ` +
          "list the namespaces (props.namespaces: ['team-a']), or use LoginRole.clusterAdmin() by name for " +
          'cluster-wide admin',
      );
    }
    const objectLabels = { ...instanceLabels(name, 'headlamp-login'), ...p.labels };
    const seconds = (p.tokenDuration ?? Duration.hours(8)).toSeconds();
    this.tokenCommand = `kubectl create token ${name} -n ${namespace} --duration=${durationArg(seconds)}`;

    this.serviceAccount = new k8s.KubeServiceAccount(this, 'ServiceAccount', {
      metadata: {
        name,
        labels: objectLabels,
        annotations: { [`${MANAGED_BY}/token-command`]: this.tokenCommand },
      },
      automountServiceAccountToken: false,
    });

    const subjects: k8s.Subject[] = [{ kind: 'ServiceAccount', name, namespace }];
    const roleRef: k8s.RoleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: role.kind, name: role.roleName };
    // Binding names carry the login namespace: two Headlamp installs never fight over one binding.
    const bindingName = `${namespace}-${name}`;
    this.bindings = p.namespaces
      ? p.namespaces.map(
          (ns) =>
            new k8s.KubeRoleBinding(this, `RoleBinding-${ns}`, {
              metadata: { name: bindingName, namespace: ns, labels: objectLabels },
              subjects,
              roleRef,
            }),
        )
      : [
          clusterScoped(
            new k8s.KubeClusterRoleBinding(this, 'ClusterRoleBinding', {
              metadata: { name: bindingName, labels: objectLabels },
              subjects,
              roleRef,
            }),
          ),
        ];

    if (p.unsafeCreateLongLivedTokenSecret) {
      new k8s.KubeSecret(this, 'TokenSecret', {
        metadata: {
          name: `${name}-token`,
          labels: objectLabels,
          annotations: { 'kubernetes.io/service-account.name': name },
        },
        type: 'kubernetes.io/service-account-token',
      });
    }
    assertUniqueNames(this, TYPE);
  }
}

/** `kubectl --duration` form of a number of seconds: `8h`, `90m`, `3600s`. */
function durationArg(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
