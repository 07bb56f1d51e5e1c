// The registry: one entry per Headlamp flag, from which the flag table, refusals and docs rows derive.

/** How the official chart (0.45) spells a setting, and which of the migration's tables carries it onto a prop. */
export interface ChartSpelling {
  /** The chart value that sets the flag (`config.baseURL`). */
  readonly value?: string;
  /** The env var the chart also reads it from (`OIDC_CLIENT_ID`). */
  readonly env?: string;
  /**
   * The migration's table that carries the flag from `config.extraArgs` or `HEADLAMP_CONFIG_*` onto its prop: `server`
   * (typed-flags.ts SERVER_FLAGS), `oidc` (oidc-settings.ts OIDC_SETTINGS), `operational` (operational.ts PLAIN),
   * `telemetry` (operational.ts TELEMETRY), `special` (typed-flags.ts's own branch).
   */
  readonly migrate?: 'server' | 'oidc' | 'operational' | 'telemetry' | 'special';
}

/** One Headlamp server flag and everything the library knows about it. */
export interface HeadlampSetting<F extends string = string> {
  /** The flag, without its dash. */
  readonly flag: F;
  /** The first `.0` release whose flag set defines it (an older image exits at start on it). */
  readonly since: string;
  /**
   * What sets it instead of extraArgs/env (`props.logLevel`, or `nothing: ...`): the flag is refused there, naming
   * this. Absent for a flag open to extraArgs.
   */
  readonly use?: string;
  /** Why the flag changes whom Headlamp trusts, or breaks the pod: refused whatever the login mode, saying why. */
  readonly why?: string;
  /** The key of `cdk8s-headlamp --values` that sets it (`headlamp.logLevel`). */
  readonly values?: string;
  /** How the official chart spells it, for the migration. */
  readonly chart?: ChartSpelling;
  /** One line for the docs' flag table. */
  readonly doc: string;
}

type Extra = Omit<HeadlampSetting, 'flag' | 'since' | 'doc'>;
const s = <F extends string>(flag: F, since: string, doc: string, extra: Extra = {}): HeadlampSetting<F> => ({
  flag,
  since,
  doc,
  ...extra,
});

const OIDC = 'props.auth: HeadlampAuth.oidc(OidcConfig...) (its options cover every -oidc-* and -me-* flag)';
const IAP = 'props.auth: HeadlampAuth.identityAwareProxy() (with an OAuth2ProxyFrontend in front)';
const SHARED_TOKEN = 'props.auth: HeadlampAuth.unsafeSharedServiceAccountToken()';
const INVENTORY = 'props.clusterInventory';
const TRACING = 'props.tracing (it also opens egress to the collector)';
const THEMES = 'props.themes';
const TLS = 'props.podTlsSecret (probes and backends switch to HTTPS with it)';
const LISTEN = 'nothing: the construct listens on 4466, where probes, Service and NetworkPolicy point';
const oidc = (key: string, env?: string) => ({
  values: 'auth.options',
  chart: { value: `config.oidc.${key}`, env, migrate: 'oidc' as const },
});
const inventory = (key: string) => ({
  use: INVENTORY,
  values: 'headlamp.clusterInventory',
  chart: { value: `config.clusterInventory.${key}` },
});

/** Every flag of the pinned Headlamp release (backend/pkg/config/config.go), oldest release first. */
export const HEADLAMP_SETTINGS = [
  s('dev', '0.1.0', 'lets other web origins call Headlamp with cookies (development only)', {
    use: 'drop it (it is for developing Headlamp itself)',
    why:
      "it lets every web origin call Headlamp with the user's cookies (CORS with credentials) " +
      'and sends OIDC logins to http://localhost:3000',
  }),
  s('html-static-dir', '0.1.0', 'directory of the frontend files served'),
  s('in-cluster', '0.1.0', "run in-cluster with the pod's ServiceAccount context", {
    use: 'nothing: the construct always runs Headlamp in-cluster',
    chart: { value: 'config.inCluster', migrate: 'server' },
  }),
  s('insecure-ssl', '0.1.0', 'skips TLS verification of the identity provider in the OIDC login', {
    use: "drop it; to trust a private identity provider's CA, give the OidcConfig a caCertificate (props.auth)",
    why:
      'it turns off TLS verification of the identity provider in the OIDC login (v0.45: the /oidc handler), ' +
      'so the token exchange could be intercepted',
  }),
  s('kubeconfig', '0.1.0', 'kubeconfig files of other clusters', {
    use: 'props.kubeconfigs',
    values: 'headlamp.kubeconfigs',
    chart: { migrate: 'special' },
  }),
  s('oidc-client-id', '0.1.0', 'OIDC client ID', { use: OIDC, ...oidc('clientID', 'OIDC_CLIENT_ID') }),
  s('oidc-client-secret', '0.1.0', 'OIDC client secret (read from a Secret as its env var)', {
    use: OIDC,
    ...oidc('clientSecret', 'OIDC_CLIENT_SECRET'),
  }),
  s('oidc-idp-issuer-url', '0.1.0', 'OIDC issuer URL', { use: OIDC, ...oidc('issuerURL', 'OIDC_ISSUER_URL') }),
  s('plugins-dir', '0.1.0', 'directory of the plugins', {
    use: 'props.pluginsDir or props.plugins',
    values: 'headlamp.pluginsDir',
    chart: { value: 'config.pluginsDir', migrate: 'server' },
  }),
  s('port', '0.1.0', 'port the server listens on (4466)', { use: LISTEN }),
  s('base-url', '0.3.0', 'path prefix Headlamp is served under', {
    use: 'props.baseUrl (probes, routes and the OIDC callback follow it)',
    values: 'headlamp.baseUrl',
    chart: { value: 'config.baseURL', migrate: 'server' },
  }),
  s('oidc-scopes', '0.3.0', 'OIDC scopes', { use: OIDC, ...oidc('scopes', 'OIDC_SCOPES') }),
  s('proxy-urls', '0.12.0', "URLs the UI may reach through Headlamp's proxy", {
    use: 'props.proxyUrls (each URL also opens its egress in the NetworkPolicy)',
    values: 'headlamp.proxyUrls',
    chart: { migrate: 'operational' },
  }),
  s('enable-dynamic-clusters', '0.23.0', 'lets the browser send Headlamp kubeconfigs of its own', {
    use: 'drop it; name the clusters in props.kubeconfigs or props.clusterInventory',
    why:
      'any browser that reaches Headlamp can then send it a kubeconfig, exec credential plugins included, ' +
      'which Headlamp uses from its pod',
  }),
  s('listen-addr', '0.29.0', 'address the server listens on', { use: LISTEN }),
  s('metrics-enabled', '0.31.0', 'Prometheus metrics at <base-url>/metrics', {
    use: 'props.metrics (it also keeps <base-url>/metrics off every route and admits only your Prometheus)',
    values: 'headlamp.metrics',
    chart: { migrate: 'telemetry' },
  }),
  s('oidc-use-access-token', '0.31.0', 'pass the access token instead of the ID token', {
    use: OIDC,
    ...oidc('useAccessToken', 'OIDC_USE_ACCESS_TOKEN'),
  }),
  s('oidc-validator-client-id', '0.31.0', 'client ID the token is validated for', {
    use: OIDC,
    ...oidc('validatorClientID', 'OIDC_VALIDATOR_CLIENT_ID'),
  }),
  s('oidc-validator-idp-issuer-url', '0.31.0', 'issuer the token is validated against', {
    use: OIDC,
    ...oidc('validatorIssuerURL', 'OIDC_VALIDATOR_ISSUER_URL'),
  }),
  s('otlp-endpoint', '0.31.0', 'OTLP collector host:port', {
    use: TRACING,
    values: 'headlamp.tracing',
    chart: { migrate: 'telemetry' },
  }),
  s('sampling-rate', '0.31.0', 'share of traces kept, 0 to 1', {
    use: TRACING,
    values: 'headlamp.tracing',
    chart: { migrate: 'telemetry' },
  }),
  s('service-name', '0.31.0', 'service name in traces and metrics'),
  s('service-version', '0.31.0', 'service version in traces and metrics'),
  s('skipped-kube-contexts', '0.31.0', 'kubeconfig contexts to leave out'),
  s('stdout-trace-enabled', '0.31.0', 'spans to stdout', {
    use: TRACING,
    values: 'headlamp.tracing',
    chart: { migrate: 'telemetry' },
  }),
  s('tracing-enabled', '0.31.0', 'OpenTelemetry tracing', {
    use: TRACING,
    values: 'headlamp.tracing',
    chart: { migrate: 'telemetry' },
  }),
  s('use-otlp-http', '0.31.0', 'OTLP over HTTP instead of gRPC', {
    use: TRACING,
    values: 'headlamp.tracing',
    chart: { migrate: 'telemetry' },
  }),
  s('watch-plugins-changes', '0.31.0', 'reload plugins when their directory changes', {
    chart: { value: 'config.watchPlugins' },
  }),
  s('cache-enabled', '0.35.0', 'cache Kubernetes responses in the backend'),
  s('oidc-ca-file', '0.35.0', 'CA of a private identity provider', { use: OIDC, values: 'auth.options' }),
  s('oidc-callback-url', '0.35.0', 'OIDC callback URL', { use: OIDC, ...oidc('callbackURL', 'OIDC_CALLBACK_URL') }),
  s('oidc-skip-tls-verify', '0.35.0', 'skip TLS verification of the identity provider', {
    use: OIDC,
    values: 'auth.options',
    chart: { migrate: 'special' },
  }),
  s('tls-cert-path', '0.36.0', 'certificate Headlamp serves TLS with', {
    use: TLS,
    values: 'headlamp.podTlsSecret',
    chart: { value: 'config.tlsCertPath' },
  }),
  s('tls-key-path', '0.36.0', 'key Headlamp serves TLS with', {
    use: TLS,
    values: 'headlamp.podTlsSecret',
    chart: { value: 'config.tlsKeyPath' },
  }),
  s('enable-helm', '0.37.0', 'Helm operations in the UI', {
    use: 'props.enableHelm',
    values: 'headlamp.enableHelm',
    chart: { value: 'config.enableHelm', migrate: 'server' },
  }),
  s('me-email-path', '0.37.0', "claim of the user's email", { use: OIDC, values: 'auth.options' }),
  s('me-groups-path', '0.37.0', "claim of the user's groups", { use: OIDC, values: 'auth.options' }),
  s('me-user-info-url', '0.37.0', 'user-info endpoint', { use: OIDC, ...oidc('meUserInfoURL', 'ME_USER_INFO_URL') }),
  s('me-username-path', '0.37.0', 'claim of the user name', { use: OIDC, values: 'auth.options' }),
  s('oidc-use-pkce', '0.37.0', 'PKCE in the OIDC login', { use: OIDC, ...oidc('usePKCE', 'OIDC_USE_PKCE') }),
  s('version', '0.37.0', 'print the version and exit', {
    use: 'drop it',
    why: 'it makes Headlamp print its version and exit, so the pod would restart forever',
  }),
  s('user-plugins-dir', '0.38.0', 'directory of user-installed plugins'),
  s('no-browser', '0.39.0', 'desktop only: do not open a browser'),
  s('in-cluster-context-name', '0.40.0', 'name of the in-cluster context', {
    use: 'props.inClusterContextName',
    values: 'headlamp.inClusterContextName',
    chart: { value: 'config.inClusterContextName', migrate: 'server' },
  }),
  s('log-level', '0.40.0', 'backend log level (zerolog)', {
    use: 'props.logLevel',
    values: 'headlamp.logLevel',
    chart: { migrate: 'operational' },
  }),
  s('allow-kubeconfig-changes', '0.41.0', 'let the UI edit kubeconfig files'),
  s('oidc-use-cookie', '0.41.0', 'OIDC login with a cookie', { use: OIDC, ...oidc('useCookie') }),
  s('session-ttl', '0.41.0', 'session lifetime in seconds', {
    use: 'props.sessionTtl',
    values: 'headlamp.sessionTtlSeconds',
    chart: { value: 'config.sessionTTL', migrate: 'server' },
  }),
  s('cluster-inventory-label-selector', '0.43.0', 'labels of the ClusterProfiles read', inventory('labelSelector')),
  s(
    'cluster-inventory-no-crd-cache-ttl',
    '0.43.0',
    'how long a missing ClusterProfile CRD is remembered',
    inventory('noCRDCacheTTL'),
  ),
  s('cluster-inventory-provider-file', '0.43.0', 'access providers of the cluster inventory', {
    use: INVENTORY,
    values: 'headlamp.clusterInventory',
  }),
  s(
    'cluster-inventory-root-reconcile-interval',
    '0.43.0',
    'how often ClusterProfiles are re-read',
    inventory('rootReconcileInterval'),
  ),
  s('default-dark-theme', '0.43.0', 'theme for dark mode', {
    use: THEMES,
    values: 'headlamp.themes',
    chart: { migrate: 'operational' },
  }),
  s('default-light-theme', '0.43.0', 'theme for light mode', {
    use: THEMES,
    values: 'headlamp.themes',
    chart: { migrate: 'operational' },
  }),
  s('enable-cluster-inventory', '0.43.0', 'clusters from ClusterProfiles', inventory('enabled')),
  s('force-theme', '0.43.0', 'one theme for everyone', {
    use: THEMES,
    values: 'headlamp.themes',
    chart: { migrate: 'operational' },
  }),
  s('pod-debug-image', '0.43.0', 'image of pod debug containers', {
    use: 'props.podDebugImage (pinned)',
    values: 'headlamp.podDebugImage',
    chart: { value: 'config.podDebugImage', migrate: 'operational' },
  }),
  s('proxy-auth', '0.43.0', "trust an identity-aware proxy's headers", { use: IAP, values: 'auth' }),
  s('proxy-auth-email-header', '0.43.0', "header of the user's email", { use: IAP, values: 'auth' }),
  s('proxy-auth-group-header', '0.43.0', "header of the user's groups", { use: IAP, values: 'auth' }),
  s('proxy-auth-token-header', '0.43.0', "header of the user's token", { use: IAP, values: 'auth' }),
  s('proxy-auth-username-header', '0.43.0', 'header of the user name', { use: IAP, values: 'auth' }),
  s('service-account-token-path', '0.43.0', 'token file of the shared-token login', {
    use: SHARED_TOKEN,
    values: 'auth.type',
    chart: { value: 'config.serviceAccountTokenPath' },
  }),
  s('unsafe-use-service-account-token', '0.43.0', "everyone acts as Headlamp's ServiceAccount", {
    use: SHARED_TOKEN,
    values: 'auth.type',
    chart: { value: 'config.unsafeUseServiceAccountToken' },
  }),
  s('node-shell-image', '0.44.0', 'image of node shell pods', {
    use: 'props.nodeShellImage (pinned)',
    values: 'headlamp.nodeShellImage',
    chart: { value: 'config.nodeShellImage', migrate: 'operational' },
  }),
  s('node-shell-namespace', '0.44.0', 'namespace of node shell pods', {
    use: 'props.nodeShellNamespace',
    values: 'headlamp.nodeShellNamespace',
    chart: { value: 'config.nodeShellNamespace', migrate: 'operational' },
  }),
  s('app-name', '0.45.0', 'name in version output and User-Agent', {
    use: 'props.appName',
    values: 'headlamp.appName',
    chart: { migrate: 'operational' },
  }),
  s('cluster-inventory-namespaces', '0.45.0', 'namespaces of the ClusterProfiles read', inventory('namespaces')),
  // -kubeconfig-dir loads kubeconfigs around props.kubeconfigs.
  s('kubeconfig-dir', '0.45.0', 'directory of Headlamp-managed kubeconfigs', {
    use: 'props.kubeconfigs',
    values: 'headlamp.kubeconfigs',
  }),
] as const;

/** @internal The entry of `flag`, or undefined for a name the pinned release does not define. */
export function settingOf(flag: string): HeadlampSetting | undefined {
  return (HEADLAMP_SETTINGS as readonly HeadlampSetting[]).find((e) => e.flag === flag);
}
