import { Duration } from 'cdk8s';
import { HeadlampValidationError, LoginRole, LoginServiceAccount, LoginServiceAccountProps } from '../lib';
import { validateAll } from './helpers/k8s-schema';
import { only, synth, testChart } from './helpers/synth';

function render(props?: LoginServiceAccountProps) {
  const chart = testChart();
  const login = new LoginServiceAccount(chart, 'login', props);
  return { login, objects: synth(chart) };
}

describe('LoginServiceAccount', () => {
  test('defaults: view, cluster-wide, no token Secret, a kubectl create token command', () => {
    const { login, objects } = render();
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ServiceAccount/headlamp-login',
      'ClusterRoleBinding/headlamp-headlamp-login',
    ]);
    const crb = only(objects, 'ClusterRoleBinding');
    expect(crb.roleRef).toStrictEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' });
    expect(crb.subjects).toStrictEqual([{ kind: 'ServiceAccount', name: 'headlamp-login', namespace: 'headlamp' }]);
    expect(crb.metadata.namespace).toBeUndefined();
    expect(login.tokenCommand).toBe('kubectl create token headlamp-login -n headlamp --duration=8h');
    const sa = only(objects, 'ServiceAccount');
    expect(sa.metadata.annotations).toStrictEqual({ 'cdk8s-headlamp/token-command': login.tokenCommand });
    expect(sa.automountServiceAccountToken).toBe(false);
    expect(validateAll(objects)).toEqual([]);
  });

  test('per-namespace scope: one RoleBinding per namespace, subject in the Headlamp namespace', () => {
    const { objects } = render({ name: 'team-a-admin', role: LoginRole.admin(), namespaces: ['team-a', 'team-b'] });
    const bindings = objects.filter((o) => o.kind === 'RoleBinding');
    expect(bindings.map((b) => [b.metadata.namespace, b.metadata.name, b.roleRef.name])).toEqual([
      ['team-a', 'headlamp-team-a-admin', 'admin'],
      ['team-b', 'headlamp-team-a-admin', 'admin'],
    ]);
    expect(bindings[0].subjects).toStrictEqual([
      { kind: 'ServiceAccount', name: 'team-a-admin', namespace: 'headlamp' },
    ]);
    expect(objects.some((o) => o.kind === 'ClusterRoleBinding')).toBe(false);
    expect(validateAll(objects)).toEqual([]);
  });

  test('cluster-admin and custom roles only by name', () => {
    expect(only(render({ role: LoginRole.clusterAdmin() }).objects, 'ClusterRoleBinding').roleRef.name).toBe(
      'cluster-admin',
    );
    expect(
      only(render({ role: LoginRole.fromClusterRole('headlamp-reader') }).objects, 'ClusterRoleBinding').roleRef.name,
    ).toBe('headlamp-reader');
    const rb = only(render({ role: LoginRole.fromRole('reader'), namespaces: ['apps'] }).objects, 'RoleBinding');
    expect(rb.roleRef).toStrictEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' });
    expect(only(render({ role: LoginRole.edit(), namespaces: ['apps'] }).objects, 'RoleBinding').roleRef.name).toBe(
      'edit',
    );
  });

  test('long-lived token Secret only with the unsafe opt-in', () => {
    const secret = only(render({ unsafeCreateLongLivedTokenSecret: true }).objects, 'Secret');
    expect(secret).toMatchObject({
      type: 'kubernetes.io/service-account-token',
      metadata: {
        name: 'headlamp-login-token',
        annotations: { 'kubernetes.io/service-account.name': 'headlamp-login' },
      },
    });
    expect(secret.data).toBeUndefined();
  });

  test('token duration shapes the command', () => {
    expect(render({ tokenDuration: Duration.minutes(90) }).login.tokenCommand).toBe(
      'kubectl create token headlamp-login -n headlamp --duration=90m',
    );
  });

  test.each<[string, any, string]>([
    [
      'admin is bound cluster-wide',
      { role: LoginRole.admin() },
      "props.namespaces: the ClusterRole 'admin' can only be bound per namespace, got undefined; list the namespaces (props.namespaces: ['team-a']), or use LoginRole.clusterAdmin() by name for cluster-wide admin",
    ],
    [
      'a Role is bound cluster-wide',
      { role: LoginRole.fromRole('x') },
      "props.namespaces: the Role 'x' can only be bound per namespace, got undefined; list the namespaces (props.namespaces: ['team-a']), or use LoginRole.clusterAdmin() by name for cluster-wide admin",
    ],
    [
      'namespaces repeat',
      { namespaces: ['a', 'a'] },
      'props.namespaces: expected distinct namespace names, got an array of 2',
    ],
    [
      'namespaces are empty',
      { namespaces: [] },
      'props.namespaces: expected at least one namespace, got an array of 0',
    ],
    [
      'a namespace is invalid',
      { namespaces: ['Team_A'] },
      'props.namespaces[0]: expected a DNS-1123 label (lower-case letters, digits and \'-\', starting and ending with a letter or digit), got "Team_A"',
    ],
    [
      'the token duration is under 10 minutes',
      { tokenDuration: Duration.minutes(5) },
      'props.tokenDuration: expected a Duration of whole seconds, at least 10 minutes (the API server minimum), got a Duration',
    ],
    [
      'role is a string',
      { role: 'cluster-admin' },
      'props.role: expected a LoginRole from LoginRole.view() or another LoginRole factory, got "cluster-admin"',
    ],
  ])('fails when %s', (_case, props, message) => {
    expect(() => new LoginServiceAccount(testChart(), 'login', props)).toThrow(HeadlampValidationError);
    expect(() => new LoginServiceAccount(testChart(), 'login', props)).toThrow(
      `LoginServiceAccount 'test/login': ${message}`,
    );
  });
});
