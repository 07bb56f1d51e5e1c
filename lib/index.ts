export { HeadlampValidationError, ValidationIssue } from './errors';
export { HEADLAMP_PORT, HEADLAMP_VERSION, HeadlampFlag } from './headlamp-flags';
export { HeadlampAuth, HeadlampAuthMode, IdentityAwareProxyOptions } from './headlamp-auth';
export {
  ClusterInventoryOptions, HeadlampDeployment, HeadlampDeploymentProps, HeadlampDisruptionBudgetOptions, HeadlampImage,
  HeadlampNetworkPolicyOptions, HeadlampResources, HeadlampSecurityOptions, HeadlampServiceOptions, HeadlampSize, ImagePullPolicy,
  ProbeTiming, ResourceQuantities, ServiceType,
} from './headlamp-deployment';
export { HeadlampIngress, HeadlampIngressProps, IngressController, IngressControllerPeer, IngressExtraPath, IngressTls } from './headlamp-ingress';
export { LoginRole, LoginServiceAccount, LoginServiceAccountProps } from './login-service-account';
export {
  CognitoOidcOptions, DexOidcOptions, EntraIdOidcOptions, ENTRA_GRAPH_APP_ID, KeycloakOidcOptions, OIDC_CA_DIR,
  OIDC_CLIENT_SECRET_ENV, OIDC_SETTINGS_KEYS, OidcCaCertificate, OidcClientOptions, OidcClientSecret, OidcConfig,
  OidcConfigProps, OidcProvider, OidcSettingsSecretOptions, OpenUnisonOidcOptions,
} from './oidc-config';
export { SecretKeyRef } from './secret-ref';
export {
  BasicAuthCredentials, BasicAuthUser, DEFAULT_BCRYPT_COST, HashedUsersOptions, MIN_HASH_KEY_LENGTH, MIN_PASSWORD_LENGTH,
  SynthTimeSecret,
} from './basic-auth-credentials';
export { BasicAuthIngress, BasicAuthIngressProps, NGINX_AUTH_KEY, TRAEFIK_USERS_KEY } from './basic-auth-ingress';
export {
  defaultCookieRefresh, deriveCookieSecret, OAUTH2_PROXY_PORT, OAUTH2_PROXY_VERSION, OAuth2ProxyCookieOptions, OAuth2ProxyFrontend,
  KeycloakOAuth2ProxyOptions, OAuth2ProxyFrontendProps, OAuth2ProxyMode, OAuth2ProxyProvider, OAuth2ProxyProviderOptions,
  TraefikSignIn,
} from './oauth2-proxy-frontend';
export { DEFAULT_PROXY_AUTH_HEADERS, ProxyAuthHeaders } from './proxy-auth-headers';
export { GatewayRef, HeadlampHttpRoute, HeadlampHttpRouteProps } from './headlamp-http-route';
export { HeadlampChart, HeadlampChartProps } from './headlamp-chart';
export { HeadlampPlugins, PluginManagerOptions } from './headlamp-plugins';
export { HeadlampValues, headlampChartFromValues } from './values';
export { ClaimMappingOptions } from './claim-mapping';
export { AccessGrant, UserAccess, UserAccessProps } from './user-access';
export { ApiServerAuthentication, ApiServerAuthenticationProps, AuthenticationConfigVersion } from './api-server-authentication';
export { ChartMigration, ChartMigrationOptions, ChartMigrationRefusal, MigrationNote, migrateChartValues } from './chart-migration';
