import { App, Testing } from 'cdk8s';
import {
  HeadlampAuth,
  HeadlampChart,
  HeadlampSize,
  HeadlampValidationError,
  IngressTls,
  LoginRole,
  OidcClientSecret,
  OidcConfig,
} from '../lib';
import { validateAll } from './helpers/k8s-schema';
import { only } from './helpers/synth';

describe('HeadlampChart', () => {
  test('one call: Headlamp, NetworkPolicy, Ingress with TLS and HSTS, read-only login', () => {
    const chart = new HeadlampChart(new App(), 'h', {
      namespace: 'tools',
      host: 'headlamp.example.com',
      tls: IngressTls.certManager('le'),
    });
    const objects = Testing.synth(chart);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toStrictEqual([
      'ServiceAccount/headlamp',
      'Deployment/headlamp',
      'NetworkPolicy/headlamp',
      'Service/headlamp',
      'Middleware/headlamp-hsts',
      'Ingress/headlamp',
      'ServiceAccount/headlamp-login',
      'ClusterRoleBinding/tools-headlamp-login',
    ]);
    expect(only(objects, 'ClusterRoleBinding').roleRef.name).toBe('view');
    expect(only(objects, 'NetworkPolicy').spec.ingress).toHaveLength(1);
    expect(chart.login?.tokenCommand).toBe('kubectl create token headlamp-login -n tools --duration=8h');
    expect(validateAll(objects)).toEqual([]);
  });

  test('passes HeadlampDeployment props and auth through; no login ServiceAccount with OIDC', () => {
    const chart = new HeadlampChart(new App(), 'h', {
      namespace: 'tools',
      host: 'headlamp.example.com',
      tls: IngressTls.fromSecret('t'),
      headlamp: { replicas: 2, size: HeadlampSize.SMALL },
      auth: HeadlampAuth.oidc(
        OidcConfig.google({
          clientId: 'c',
          clientSecret: OidcClientSecret.fromSecret('s'),
          publicUrl: 'https://headlamp.example.com',
        }),
      ),
    });
    const objects = Testing.synth(chart);
    expect(objects.some((o) => o.kind === 'PodDisruptionBudget')).toBe(true);
    expect(objects.some((o) => o.kind === 'ClusterRoleBinding')).toBe(false);
    expect(chart.login).toBeUndefined();
  });

  test('fails when the host is invalid, or loginRole is given without token login', () => {
    expect(
      () =>
        new HeadlampChart(new App(), 'h', { namespace: 'tools', host: 'https://x', tls: IngressTls.fromSecret('t') }),
    ).toThrow(
      new HeadlampValidationError('HeadlampChart', 'h', [
        { propPath: 'props.host', message: 'expected a host name such as \'headlamp.example.com\', got "https://x"' },
      ]).message,
    );
    expect(
      () =>
        new HeadlampChart(new App(), 'h', {
          namespace: 'tools',
          host: 'h.example.com',
          tls: IngressTls.fromSecret('t'),
          loginRole: LoginRole.view(),
          auth: HeadlampAuth.oidc(
            OidcConfig.google({
              clientId: 'h',
              publicUrl: 'https://h.example.com',
              clientSecret: OidcClientSecret.fromSecret('s'),
            }),
          ),
        }),
    ).toThrow("HeadlampChart 'h': props.loginRole: applies to token login only, got auth mode oidc; drop loginRole");
  });
});

test('identity-aware-proxy mode is refused by the chart itself, pointing at the composition that works', () => {
  expect(
    () =>
      new HeadlampChart(new App(), 'h', {
        namespace: 'tools',
        host: 'h.example.com',
        tls: IngressTls.fromSecret('t'),
        auth: HeadlampAuth.identityAwareProxy(),
      }),
  ).toThrow(
    "HeadlampChart 'h': props.auth: identity-aware-proxy mode needs every route through an OAuth2ProxyFrontend",
  );
});
