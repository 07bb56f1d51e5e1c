// HeadlampDeployment, attacked the way a hurried user would: escape hatches that change the trust model,
// values that only fail at apply or start, and secrets that must never be echoed.
import { App, Chart, Duration } from 'cdk8s';
import {
  HeadlampAuth,
  HeadlampDeployment,
  HeadlampDeploymentProps,
  HeadlampPlugins,
  HeadlampSize,
  SecretKeyRef,
  ServiceType,
} from '../../lib';
import { expectRefused, Refusal } from '../helpers/adversarial';
import { testChart } from '../helpers/synth';

const build = (props: HeadlampDeploymentProps) => () => new HeadlampDeployment(testChart(), 'headlamp', props);
const at = (prop: string, says: string, secrets?: string[]): Refusal => ({
  type: 'HeadlampDeployment',
  path: 'test/headlamp',
  prop,
  says,
  secrets,
});

describe('HeadlampDeployment refuses', () => {
  test.each<[string, HeadlampDeploymentProps, Refusal]>([
    // Trust model through the back door: every flag with a prop, or that changes who Headlamp trusts.
    [
      '-proxy-auth in extraArgs (header trust without the proxy check)',
      { extraArgs: ['-proxy-auth'] },
      at('props.extraArgs[0]', 'use props.auth: HeadlampAuth.identityAwareProxy()'),
    ],
    [
      'a proxy-auth header flag',
      { extraArgs: ['-cache-enabled', '-proxy-auth-username-header=X-User'] },
      at('props.extraArgs[1]', '-proxy-auth-username-header is set by the library'),
    ],
    [
      'a plaintext OIDC client secret in extraArgs, never echoed',
      { extraArgs: ['-oidc-client-secret=hunter2-super-secret'] },
      at('props.extraArgs[0]', 'use props.auth: HeadlampAuth.oidc', ['hunter2-super-secret']),
    ],
    [
      'a double-dash OIDC flag (Go reads --flag as -flag)',
      { extraArgs: ['--oidc-client-id=x'] },
      at('props.extraArgs[0]', '-oidc-client-id is set by the library'),
    ],
    [
      '-base-url (probes and routes would stay at /)',
      { extraArgs: ['-base-url=/headlamp'] },
      at('props.extraArgs[0]', 'use props.baseUrl'),
    ],
    [
      '-in-cluster=false',
      { extraArgs: ['-in-cluster=false'] },
      at('props.extraArgs[0]', 'the construct always runs Headlamp in-cluster'),
    ],
    ['-tls-cert-path', { extraArgs: ['-tls-cert-path=/x'] }, at('props.extraArgs[0]', 'use props.podTlsSecret')],
    ['-session-ttl', { extraArgs: ['-session-ttl=1'] }, at('props.extraArgs[0]', 'use props.sessionTtl')],
    ['-plugins-dir', { extraArgs: ['-plugins-dir=/tmp/x'] }, at('props.extraArgs[0]', 'use props.pluginsDir')],
    [
      '-me-user-info-url',
      { extraArgs: ['-me-user-info-url=https://x'] },
      at('props.extraArgs[0]', 'HeadlampAuth.oidc'),
    ],
    [
      '-unsafe-use-service-account-token',
      { extraArgs: ['-unsafe-use-service-account-token'] },
      at('props.extraArgs[0]', 'unsafeSharedServiceAccountToken'),
    ],
    ['-port', { extraArgs: ['-port=80'] }, at('props.extraArgs[0]', 'listens on 4466')],
    // The same flags as Headlamp's own env vars.
    [
      'HEADLAMP_CONFIG_PROXY_AUTH in extraEnv',
      { extraEnv: { HEADLAMP_CONFIG_PROXY_AUTH: 'true' } },
      at('props.extraEnv.HEADLAMP_CONFIG_PROXY_AUTH', 'use props.auth: HeadlampAuth.identityAwareProxy()'),
    ],
    [
      'HEADLAMP_CONFIG_OIDC_CLIENT_SECRET in extraEnv, never echoed',
      { extraEnv: { HEADLAMP_CONFIG_OIDC_CLIENT_SECRET: 'env-secret-value-123' } },
      at('props.extraEnv.HEADLAMP_CONFIG_OIDC_CLIENT_SECRET', 'value not shown', ['env-secret-value-123']),
    ],
    [
      'HEADLAMP_CONFIG_BASE_URL in extraEnv',
      { extraEnv: { HEADLAMP_CONFIG_BASE_URL: '/x' } },
      at('props.extraEnv.HEADLAMP_CONFIG_BASE_URL', 'use props.baseUrl'),
    ],
    // Values that fail only at apply or start.
    [
      'requests above limits after the size preset is merged',
      { size: HeadlampSize.SMALL, resources: { requests: { memory: '512Mi' } } },
      at('props.resources.requests.memory', 'at most the limit (256Mi), after the small size preset'),
    ],
    [
      'a limit below the preset request',
      { resources: { limits: { cpu: '50m' } } },
      at('props.resources.limits.cpu', 'the cpu request (100m) at most the limit (50m)'),
    ],
    [
      "a session TTL that is not whole seconds (our error, not cdk8s's)",
      { sessionTtl: Duration.millis(1500) },
      at('props.sessionTtl', 'expected a Duration of whole seconds'),
    ],
    [
      'a session TTL over a year',
      { sessionTtl: Duration.days(400) },
      at('props.sessionTtl', 'from 1 second to 365 days'),
    ],
    [
      'a kubeconfig SecretKeyRef with a bad Secret name',
      { kubeconfigs: [SecretKeyRef.fromName('Bad_Name', 'config')] },
      at('props.kubeconfigs[0].secretName', 'expected a DNS-1123 subdomain'),
    ],
    [
      'a kubeconfig SecretKeyRef with a bad key',
      { kubeconfigs: [SecretKeyRef.fromName('kc', 'a/b')] },
      at('props.kubeconfigs[0].key', 'expected a Secret key'),
    ],
    [
      'a plugin image on latest',
      { plugins: HeadlampPlugins.fromImage('ghcr.io/acme/plugins:latest') },
      at('props.plugins.image', "not 'latest'"),
    ],
    [
      'a plugin image without a tag',
      { plugins: HeadlampPlugins.fromImage('ghcr.io/acme/plugins') },
      at('props.plugins.image', 'pinned by tag or digest'),
    ],
    [
      'a relative plugin source path',
      { plugins: HeadlampPlugins.fromImage('ghcr.io/acme/plugins:1.0', { sourcePath: 'plugins' }) },
      at('props.plugins.sourcePath', 'an absolute path'),
    ],
    [
      'a bad plugins claim name',
      { plugins: HeadlampPlugins.fromPersistentVolumeClaim('Plugins!') },
      at('props.plugins.claimName', 'DNS-1123 subdomain'),
    ],
    [
      'a NodePort in identity-aware-proxy mode, even with the plain-HTTP opt-in',
      {
        auth: HeadlampAuth.identityAwareProxy(),
        service: { type: ServiceType.NODE_PORT, unsafeAllowPlainHttpExposure: true },
      },
      at('props.service.type', 'around the proxy in front'),
    ],
  ])('%s', (_case, props, refusal) => {
    expectRefused(build(props), refusal);
  });

  test('a Chart namespace that is not a namespace name', () => {
    const chart = new Chart(new App(), 'c', { namespace: 'Team_A' });
    expectRefused(() => new HeadlampDeployment(chart, 'headlamp'), {
      type: 'HeadlampDeployment',
      path: 'c/headlamp',
      prop: 'chart.namespace',
      says: 'expected a namespace name (a DNS-1123 label',
    });
  });

  test('two installs with one name in one namespace (they would overwrite each other)', () => {
    const app = new App();
    new HeadlampDeployment(new Chart(app, 'team-a', { namespace: 'tools' }), 'headlamp');
    expectRefused(() => new HeadlampDeployment(new Chart(app, 'team-b', { namespace: 'tools' }), 'headlamp'), {
      type: 'HeadlampDeployment',
      path: 'team-b/headlamp',
      prop: 'props.name',
      says: "collides with 'team-a/headlamp/",
    });
  });

  test('harmless flags and env vars stay open (escape hatches are not closed wholesale)', () => {
    expect(() =>
      build({
        extraArgs: ['-cache-enabled', '-watch-plugins-changes=false'],
        extraEnv: { HEADLAMP_CONFIG_WATCH_PLUGINS_CHANGES: 'false', TZ: 'UTC' },
      })(),
    ).not.toThrow();
    const app = new App();
    new HeadlampDeployment(new Chart(app, 'a', { namespace: 'tools' }), 'headlamp');
    expect(() => new HeadlampDeployment(new Chart(app, 'b', { namespace: 'other' }), 'headlamp')).not.toThrow();
  });
});

describe('HeadlampDeployment: the props added for chart parity, each with its exact refusal', () => {
  test.each<[string, HeadlampDeploymentProps, string, string]>([
    [
      'a /tmp size that is not a quantity',
      { tmpSize: '1 GB' },
      'props.tmpSize',
      "expected a Kubernetes quantity such as '100m', '0.5' or '128Mi', got \"1 GB\"",
    ],
    [
      'an appProtocol with spaces',
      { service: { appProtocol: 'web socket' } },
      'props.service.appProtocol',
      "expected an appProtocol such as 'http' or 'kubernetes.io/ws', got \"web socket\"",
    ],
    [
      'both maxUnavailable and minAvailable',
      { podDisruptionBudget: { maxUnavailable: 1, minAvailable: 1 } },
      'props.podDisruptionBudget',
      'expected maxUnavailable or minAvailable, not both, got an object',
    ],
    [
      'a disruption budget that is not a number or percentage',
      { podDisruptionBudget: { maxUnavailable: 'half' } },
      'props.podDisruptionBudget.maxUnavailable',
      'expected a number or a percentage such as \'25%\', got "half"',
    ],
    [
      'a ServiceAccount annotation key that is not one',
      { serviceAccountAnnotations: { 'bad key': 'x' } },
      'props.serviceAccountAnnotations.bad key',
      "expected a label key ('[prefix/]name', name of at most 63 alphanumerics, '-', '_', '.'), got key \"bad key\"",
    ],
    [
      'an owned flag as an env var with valueFrom',
      {
        extraEnvVars: [
          { name: 'HEADLAMP_CONFIG_OIDC_CLIENT_SECRET', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
        ],
      },
      'props.extraEnvVars.HEADLAMP_CONFIG_OIDC_CLIENT_SECRET',
      'sets -oidc-client-secret (Headlamp reads HEADLAMP_CONFIG_* as its flags), got it in extraEnvVars (value not shown)',
    ],
    [
      'userNamespace that is not a boolean',
      { security: { userNamespace: 'yes' as unknown as boolean } },
      'props.security.userNamespace',
      'expected true or false, got "yes"',
    ],
    [
      'inCluster: false with a context name',
      { inCluster: false, kubeconfigs: [SecretKeyRef.fromName('kc', 'config')], inClusterContextName: 'main' },
      'props.inClusterContextName',
      'applies to in-cluster mode, got it with inCluster: false; drop it',
    ],
    [
      'a cluster inventory without providers',
      { clusterInventory: { providers: [] } },
      'props.clusterInventory.providers',
      'expected at least one access provider, got an array of 0',
    ],
  ])('%s', (_case, props, prop, says) => {
    expectRefused(build(props), at(prop, says));
  });
});
