// The public API of cdk8s-headlamp: every exported name, re-exported from its layer folder.
export { HeadlampValidationError, ValidationIssue } from './core/errors';
export { HEADLAMP_PORT, HEADLAMP_VERSION, HeadlampFlag } from './core/headlamp-flags';
export {
  HeadlampAuth, HeadlampAuthMode, IdentityAwareProxyOptions, SharedServiceAccountTokenOptions,
} from './auth/headlamp-auth';
export { HeadlampDeployment } from './deployment/headlamp-deployment';
export { HeadlampDeploymentOptions, HeadlampDeploymentProps } from './deployment/headlamp-deployment-props';
export { HeadlampImage, ImagePullPolicy } from './deployment/image';
export { HeadlampResources, HeadlampSize, ProbeTiming, ResourceQuantities } from './deployment/headlamp-container';
export { HeadlampServiceOptions, ServiceType } from './deployment/service';
export { HeadlampDisruptionBudgetOptions } from './deployment/availability';
export { HeadlampSecurityOptions } from './deployment/pod-security';
export { HeadlampNetworkPolicyOptions } from './deployment/network-policy';
export { ClusterInventoryOptions } from './deployment/cluster-inventory';
export { HeadlampVolumeClaimOptions, VolumeAccessMode } from './deployment/volume-claim';
export { HeadlampLogLevel, HeadlampThemes } from './deployment/ui-settings';
export { HeadlampMetrics, PrometheusMonitorOptions, PrometheusPeer, PrometheusScrapeAnnotationsOptions } from './deployment/metrics';
export { HeadlampTracing, OtlpProtocol } from './deployment/tracing';
export {
  CertManagerTlsOptions, HeadlampIngress, HeadlampIngressProps, IngressController, IngressControllerPeer, IngressExtraPath,
  IngressTls, TlsTerminatedAt,
} from './routes/headlamp-ingress';
export { LoginServiceAccount, LoginServiceAccountProps } from './access/login-service-account';
export { LoginRole } from './auth/login-role';
export { ENTRA_GRAPH_APP_ID, OIDC_CA_DIR, OIDC_CLIENT_SECRET_ENV, OidcConfig } from './auth/oidc-config';
export {
  CognitoOidcOptions, DexOidcOptions, EntraIdOidcOptions, KeycloakOidcOptions, OIDC_SETTINGS_KEYS, OidcClientOptions, OidcConfigProps,
  OidcLoginOptions, OidcProvider, OidcSettingsKeys, OidcSettingsSecretOptions, OpenUnisonOidcOptions,
} from './auth/oidc-options';
export { OidcCaCertificate, OidcClientSecret } from './auth/oidc-references';
export { SecretKeyRef } from './core/secret-ref';
export {
  BasicAuthCredentials, BasicAuthUser, DEFAULT_BCRYPT_COST, HashedUsersOptions, MIN_HASH_KEY_LENGTH, MIN_PASSWORD_LENGTH,
  SynthTimeSecret,
} from './auth/basic-auth-credentials';
export { BasicAuthIngress, BasicAuthIngressProps, NGINX_AUTH_KEY, TRAEFIK_USERS_KEY } from './routes/basic-auth-ingress';
export { ForwardAuthIngress, ForwardAuthIngressProps } from './routes/forward-auth-ingress';
export { OAuth2ProxyFrontend } from './routes/oauth2-proxy-frontend';
export {
  OAUTH2_PROXY_PORT, OAUTH2_PROXY_VERSION, OAuth2ProxyCredentialsKeys, OAuth2ProxyFrontendProps, OAuth2ProxyMode,
  TraefikSignIn,
} from './routes/oauth2-proxy/props';
export {
  EntraIdOAuth2ProxyOptions, GitLabOAuth2ProxyOptions, KeycloakOAuth2ProxyOptions, KeycloakOidcOAuth2ProxyOptions, OAuth2ProxyProvider,
  OAuth2ProxyProviderOptions, OidcOAuth2ProxyOptions,
} from './routes/oauth2-proxy/provider';
export { defaultCookieRefresh, deriveCookieSecret, OAuth2ProxyCookieOptions } from './routes/oauth2-proxy/cookie';
export { DEFAULT_PROXY_AUTH_HEADERS, ProxyAuthHeader, ProxyAuthHeaders } from './auth/proxy-auth-headers';
export { GatewayRef, HeadlampHttpRoute, HeadlampHttpRouteProps } from './routes/headlamp-http-route';
export { HeadlampChart, HeadlampChartProps } from './chart/headlamp-chart';
export { HeadlampPlugins, PluginImageOptions, PluginManagerOptions } from './deployment/headlamp-plugins';
export { PLUGINCTL_VERSION } from './deployment/pluginctl-config';
export { HeadlampValues, HeadlampValuesFile, headlampChartFromValues } from './chart/values';
export { HeadlampValuesMetrics, HeadlampValuesTracing } from './chart/values-telemetry';
export { ClaimMappingOptions } from './auth/claim-mapping';
export { AccessGrant, UserAccess, UserAccessProps } from './access/user-access';
export { ApiServerAuthentication, ApiServerAuthenticationProps, AuthenticationConfigVersion } from './access/api-server-authentication';
export {
  ChartMigration, ChartMigrationOptions, ChartMigrationRefusal, HelmChartMigration, MigrationNote, migrateChartValues,
} from './chart/chart-migration';
