// The flag/version gate: the library's flag table against the upstream facts, and what a pinned older image gets.
import { Duration } from 'cdk8s';
import {
  HeadlampAuth,
  HeadlampDeployment,
  HeadlampDeploymentProps,
  HeadlampValidationError,
  OidcClientSecret,
  OidcConfig,
} from '../lib';
import { ENV_CONFIG_SINCE, flagTable } from '../lib/core/headlamp-flags';
import { testChart } from './helpers/synth';

/**
 * First `.0` release whose flag set defines each flag: a copy of the table "Flags by version" of
 * ../shared/reference/headlamp.md, read from kubernetes-sigs/headlamp backend/pkg/config/config.go (before v0.13.0
 * backend/cmd/server.go) at every tag v0.1.0 ... v0.45.0. Kept here so the test does not depend on that file.
 */
const REFERENCE_TABLE: Record<string, string> = {
  'v0.1.0':
    'dev, html-static-dir, in-cluster, insecure-ssl, kubeconfig, oidc-client-id, oidc-client-secret, oidc-idp-issuer-url, plugins-dir, port',
  'v0.3.0': 'base-url, oidc-scopes',
  'v0.12.0': 'proxy-urls',
  'v0.23.0': 'enable-dynamic-clusters',
  'v0.29.0': 'listen-addr',
  // sampling-rate: f.Float64("sampling-rate", ...) in backend/pkg/config/config.go from v0.31.0 (the reference omits it).
  'v0.31.0':
    'metrics-enabled, oidc-use-access-token, oidc-validator-client-id, oidc-validator-idp-issuer-url, otlp-endpoint, ' +
    'sampling-rate, service-name, service-version, skipped-kube-contexts, stdout-trace-enabled, tracing-enabled, use-otlp-http, watch-plugins-changes',
  'v0.35.0': 'cache-enabled, oidc-ca-file, oidc-callback-url, oidc-skip-tls-verify',
  'v0.36.0': 'tls-cert-path, tls-key-path',
  'v0.37.0': 'enable-helm, me-email-path, me-groups-path, me-user-info-url, me-username-path, oidc-use-pkce, version',
  'v0.38.0': 'user-plugins-dir',
  'v0.39.0': 'no-browser',
  'v0.40.0': 'in-cluster-context-name, log-level',
  'v0.41.0': 'allow-kubeconfig-changes, oidc-use-cookie, session-ttl',
  'v0.43.0':
    'cluster-inventory-label-selector, cluster-inventory-no-crd-cache-ttl, cluster-inventory-provider-file, ' +
    'cluster-inventory-root-reconcile-interval, default-dark-theme, default-light-theme, enable-cluster-inventory, force-theme, ' +
    'pod-debug-image, proxy-auth, proxy-auth-email-header, proxy-auth-group-header, proxy-auth-token-header, proxy-auth-username-header, ' +
    'service-account-token-path, unsafe-use-service-account-token',
  'v0.44.0': 'node-shell-image, node-shell-namespace',
  'v0.45.0': 'app-name, cluster-inventory-namespaces, kubeconfig-dir',
};

const pinned = Object.fromEntries(
  Object.entries(REFERENCE_TABLE).flatMap(([tag, flags]) => flags.split(', ').map((f) => [f, tag.slice(1)] as const)),
);

test('FLAG_SINCE is the reference table, flag for flag', () => {
  expect({ ...flagTable() }).toStrictEqual(pinned);
  // koanf's env provider arrived with backend/pkg/config/config.go in v0.13.0.
  expect(ENV_CONFIG_SINCE).toBe('0.13.0');
});

const SECRET = OidcClientSecret.fromSecret('headlamp-oidc');
const oidc = (extra: object = {}) =>
  HeadlampAuth.oidc(
    new OidcConfig({
      issuerUrl: 'https://idp.example.com',
      clientId: 'headlamp',
      clientSecret: SECRET,
      publicUrl: 'https://h.example.com',
      usePkce: false,
      ...extra,
    }),
  );
const errorOf = (props: HeadlampDeploymentProps): string | undefined => {
  try {
    new HeadlampDeployment(testChart(), 'headlamp', props);
    return undefined;
  } catch (e) {
    if (!(e instanceof HeadlampValidationError)) throw e;
    return e.message;
  }
};
const refusal = (prop: string, flag: string, since: string, tag: string) =>
  `HeadlampDeployment 'test/headlamp': ${prop}: -${flag} needs Headlamp v${since} or later, got image tag ${tag}; raise props.image.tag or drop the option`;

describe('a pinned older image: refused exactly below the release that defines the flag, accepted from it', () => {
  test.each<[string, HeadlampDeploymentProps, string, string]>([
    ['base URL', { baseUrl: '/headlamp' }, 'props.baseUrl', 'base-url'],
    ['Helm in the UI', { enableHelm: true }, 'props.enableHelm', 'enable-helm'],
    ['session TTL', { sessionTtl: Duration.hours(1) }, 'props.sessionTtl', 'session-ttl'],
    [
      'cluster-inventory namespaces',
      { clusterInventory: { providers: [{ name: 'p' }], namespaces: ['inv'] } },
      'props.clusterInventory.namespaces',
      'cluster-inventory-namespaces',
    ],
  ])('%s', (_case, props, prop, flag) => {
    const since = pinned[flag];
    const [major, minor] = since.split('.').map(Number);
    // One minor below (where the earlier flags of the same props exist), and the release itself.
    const before = `v${major}.${minor - 1}.9`;
    const below = errorOf({ ...props, image: { tag: before } });
    expect(below).toBe(refusal(prop, flag, since, before));
    expect(errorOf({ ...props, image: { tag: `v${since}` } })).toBeUndefined();
  });

  test('OIDC: the callback URL (v0.35) and the -me-* paths that follow the claim mapping (v0.37) are always set', () => {
    expect(errorOf({ auth: oidc({ useAccessToken: true, validatorClientId: 'v' }), image: { tag: 'v0.34.9' } })).toBe(
      refusal('props.auth.oidc.publicUrl', 'oidc-callback-url', '0.35.0', 'v0.34.9'),
    );
    expect(errorOf({ auth: oidc(), image: { tag: 'v0.36.9' } })).toBe(
      refusal('props.auth.oidc.claims', 'me-username-path', '0.37.0', 'v0.36.9'),
    );
    expect(
      errorOf({ auth: oidc({ useAccessToken: true, validatorClientId: 'v' }), image: { tag: 'v0.37.0' } }),
    ).toBeUndefined();
  });

  test('a flag set through its HEADLAMP_CONFIG_* env var also needs an image that reads the environment', () => {
    // The client secret's flag exists since v0.1.0, but it reaches Headlamp as HEADLAMP_CONFIG_OIDC_CLIENT_SECRET.
    expect(errorOf({ auth: oidc(), image: { tag: 'v0.12.0' } })).toBe(
      "HeadlampDeployment 'test/headlamp': props.auth.oidc.clientSecret: " +
        'HEADLAMP_CONFIG_OIDC_CLIENT_SECRET (-oidc-client-secret read from the environment) needs Headlamp v0.13.0 or later ' +
        '(older images read no HEADLAMP_CONFIG_* variables, so the setting would be ignored), got image tag v0.12.0; raise props.image.tag',
    );
    const settings = HeadlampAuth.oidc(
      OidcConfig.fromSettingsSecret({ secretName: 's', publicUrl: 'https://h.example.com', usePkce: false }),
    );
    expect(errorOf({ auth: settings, image: { tag: 'v0.12.0' } })).toContain(
      'props.auth.oidc.secretName: HEADLAMP_CONFIG_OIDC_CLIENT_ID',
    );
  });

  test('the defaults emit only flags every release has', () => {
    expect(errorOf({ image: { tag: 'v0.3.0' } })).toBeUndefined();
  });
});
