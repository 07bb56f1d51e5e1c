// LoginServiceAccount and LoginRole: cluster-admin only by its name, role names as the API server checks them.
import { Duration } from 'cdk8s';
import { LoginRole, LoginServiceAccount, LoginServiceAccountProps } from '../../lib';
import { expectRefused } from '../helpers/adversarial';
import { testChart } from '../helpers/synth';

const build = (props: LoginServiceAccountProps) => () => new LoginServiceAccount(testChart(), 'login', props);
const at = (prop: string, says: string) => ({ type: 'LoginServiceAccount', path: 'test/login', prop, says });

describe('LoginServiceAccount refuses', () => {
  test.each<[string, LoginServiceAccountProps, ReturnType<typeof at>]>([
    [
      'cluster-admin through fromClusterRole (only clusterAdmin() grants it)',
      { role: LoginRole.fromClusterRole('cluster-admin') },
      at('props.role.roleName', 'use LoginRole.clusterAdmin()'),
    ],
    [
      'admin cluster-wide through fromClusterRole',
      { role: LoginRole.fromClusterRole('admin') },
      at('props.role.roleName', 'use LoginRole.admin()'),
    ],
    [
      'a role name with a slash',
      { role: LoginRole.fromRole('team/reader'), namespaces: ['a'] },
      at('props.role.roleName', "without '/' or '%'"),
    ],
    ['an empty role name', { role: LoginRole.fromClusterRole('') }, at('props.role.roleName', 'a role name')],
    [
      'a token duration that is not whole seconds',
      { tokenDuration: Duration.millis(600500) },
      at('props.tokenDuration', 'whole seconds'),
    ],
    [
      'a namespace that is not a namespace name',
      { namespaces: ['Team_A'] },
      at('props.namespaces[0]', 'DNS-1123 label'),
    ],
  ])('%s', (_case, props, refusal) => {
    expectRefused(build(props), refusal);
  });

  test("your own ClusterRole by name is fine; Kubernetes' own system: roles are not (test/adversarial/user-access.test.ts has the variants)", () => {
    expect(() => build({ role: LoginRole.fromClusterRole('headlamp-readers') })()).not.toThrow();
    expectRefused(
      build({ role: LoginRole.fromClusterRole('system:aggregate-to-view') }),
      at('props.role.roleName', 'or LoginRole.view()'),
    );
  });
});
