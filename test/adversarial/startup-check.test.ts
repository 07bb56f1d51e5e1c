// Settings Headlamp refuses at start (config.go Validate): out of cluster, its OIDC flags need -oidc-use-cookie and
// the shared ServiceAccount token needs -in-cluster. Refused at synth, through every door that can reach them.
import { Testing } from 'cdk8s';
import {
  HeadlampAuth,
  HeadlampDeployment,
  HeadlampDeploymentProps,
  OidcClientSecret,
  OidcConfig,
  SecretKeyRef,
} from '../../lib';
import { expectRefused } from '../helpers/adversarial';
import { migrationError, valuesError, valuesWith } from '../helpers/doors';
import { only, testChart } from '../helpers/synth';

const OUT_OF_CLUSTER = { inCluster: false, kubeconfigs: [SecretKeyRef.fromName('clusters', 'config')] };
const build = (props: HeadlampDeploymentProps) => () =>
  new HeadlampDeployment(testChart(), 'headlamp', { ...OUT_OF_CLUSTER, ...props });
const common = { clientId: 'headlamp', publicUrl: 'https://headlamp.example.com' };
const stops = (flag: string) =>
  `Headlamp stops at start on -${flag} without -in-cluster or -oidc-use-cookie (config.go Validate), got it with ` +
  'props.inCluster: false; set props.auth.oidc.useCookie: true (out of cluster the OIDC client of each kubeconfig context comes from its own ' +
  'auth-provider: the client ID, secret and issuer given here serve no cluster), or keep inCluster';

describe('out of cluster, what Headlamp would stop on is refused', () => {
  test.each<[string, OidcConfig, string, string]>([
    [
      'a generic OIDC login',
      new OidcConfig({ ...common, issuerUrl: 'https://idp.example.com' }),
      'props.auth.oidc.clientId',
      'oidc-client-id',
    ],
    [
      'a Keycloak login with a client secret',
      OidcConfig.keycloak({
        ...common,
        host: 'sso.example.com',
        realm: 'r',
        clientSecret: OidcClientSecret.fromSecret('kc'),
      }),
      'props.auth.oidc.clientId',
      'oidc-client-id',
    ],
    [
      'settings from a Secret (every flag from env)',
      OidcConfig.fromSettingsSecret({ secretName: 'oidc-settings', publicUrl: common.publicUrl }),
      'props.auth.oidc.secretName',
      'oidc-client-id',
    ],
    [
      'Entra ID (validator flags too)',
      OidcConfig.entraId({ ...common, tenantId: '11111111-2222-3333-4444-555555555555' }),
      'props.auth.oidc.clientId',
      'oidc-client-id',
    ],
    [
      'useCookie: false said out loud',
      new OidcConfig({ ...common, issuerUrl: 'https://idp.example.com', useCookie: false }),
      'props.auth.oidc.clientId',
      'oidc-client-id',
    ],
  ])('%s without useCookie', (_case, config, prop, flag) => {
    expectRefused(build({ auth: HeadlampAuth.oidc(config) }), {
      type: 'HeadlampDeployment',
      path: 'test/headlamp',
      prop,
      says: stops(flag),
    });
  });

  test('the shared ServiceAccount token', () => {
    expectRefused(build({ auth: HeadlampAuth.unsafeSharedServiceAccountToken() }), {
      type: 'HeadlampDeployment',
      path: 'test/headlamp',
      prop: 'props.auth',
      says:
        'the shared ServiceAccount token works in-cluster only (Headlamp stops at start on -unsafe-use-service-account-token without -in-cluster), ' +
        'got it with props.inCluster: false; keep inCluster, or let users log in with their own tokens',
    });
  });

  test('with useCookie the pod starts: -oidc-use-cookie, no -in-cluster', () => {
    const chart = testChart();
    new HeadlampDeployment(chart, 'headlamp', {
      ...OUT_OF_CLUSTER,
      auth: HeadlampAuth.oidc(new OidcConfig({ ...common, issuerUrl: 'https://idp.example.com', useCookie: true })),
    });
    const args: string[] = only(Testing.synth(chart), 'Deployment').spec.template.spec.containers[0].args;
    expect(args).toContain('-oidc-use-cookie');
    expect(args).not.toContain('-in-cluster');
  });

  test('in cluster, OIDC needs no cookie flag', () => {
    expect(
      () =>
        new HeadlampDeployment(testChart(), 'headlamp', {
          auth: HeadlampAuth.oidc(new OidcConfig({ ...common, issuerUrl: 'https://idp.example.com' })),
        }),
    ).not.toThrow();
  });

  test('a values file and the chart migration cannot reach out-of-cluster mode (kubeconfigs are TypeScript only)', () => {
    expect(valuesError(valuesWith({ inCluster: false }))).toContain(
      'values: headlamp.kubeconfigs: expected at least one kubeconfig with inCluster: false',
    );
    expect(
      migrationError({ config: { inCluster: false, oidc: { clientID: 'x', issuerURL: 'https://idp.example.com' } } }),
    ).toMatch(/^config\.inCluster: out-of-cluster mode needs the kubeconfigs/);
  });
});
