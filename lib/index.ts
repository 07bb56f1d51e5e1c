// The public API of cdk8s-headlamp: every exported name, re-exported from its layer folder. Constants users may need
// are static members of their class (HeadlampDeployment.HEADLAMP_VERSION...), as jsii carries them to every language;
// PLUGINCTL_VERSION, headlampChartFromValues and migrateChartValues stay for the README's TypeScript.
export { HeadlampValidationError, ValidationIssue } from './core/errors';
export {
  HeadlampAuth,
  HeadlampAuthMode,
  IdentityAwareProxyOptions,
  SharedServiceAccountTokenOptions,
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
export {
  HeadlampMetrics,
  PrometheusMonitorOptions,
  PrometheusPeer,
  PrometheusScrapeAnnotationsOptions,
} from './deployment/metrics';
export { HeadlampTracing, HeadlampTracingOptions, OtlpProtocol } from './deployment/tracing';
export { HeadlampIngress } from './routes/headlamp-ingress';
export {
  CertManagerTlsOptions,
  HeadlampIngressProps,
  IngressController,
  IngressControllerPeer,
  IngressExtraPath,
  IngressTls,
  TlsTerminatedAt,
} from './routes/ingress-options';
export { LoginServiceAccount, LoginServiceAccountProps } from './access/login-service-account';
export { LoginRole } from './auth/login-role';
export { OidcConfig } from './auth/oidc-config';
export {
  CognitoOidcOptions,
  DexOidcOptions,
  EntraIdOidcOptions,
  KeycloakOidcOptions,
  OidcClientOptions,
  OidcConfigProps,
  OidcLoginOptions,
  OidcProvider,
  OidcSettingsKeys,
  OidcSettingsSecretOptions,
  OpenUnisonOidcOptions,
} from './auth/oidc-options';
export { OidcCaCertificate, OidcClientSecret } from './auth/oidc-references';
export { SecretKeyRef } from './core/secret-ref';
export {
  BasicAuthCredentials,
  BasicAuthUser,
  HashedUsersOptions,
  SynthTimeSecret,
} from './auth/basic-auth-credentials';
export { BasicAuthIngress, BasicAuthIngressProps } from './routes/basic-auth-ingress';
export { ForwardAuthIngress, ForwardAuthIngressProps } from './routes/forward-auth-ingress';
export { OAuth2ProxyFrontend } from './routes/oauth2-proxy-frontend';
export {
  OAuth2ProxyCredentialsKeys,
  OAuth2ProxyFrontendProps,
  OAuth2ProxyMode,
  TraefikSignIn,
} from './routes/oauth2-proxy/props';
export {
  EntraIdOAuth2ProxyOptions,
  GitLabOAuth2ProxyOptions,
  KeycloakOAuth2ProxyOptions,
  KeycloakOidcOAuth2ProxyOptions,
  OAuth2ProxyProvider,
  OAuth2ProxyProviderOptions,
  OidcOAuth2ProxyOptions,
} from './routes/oauth2-proxy/provider';
export { OAuth2ProxyCookieOptions } from './routes/oauth2-proxy/cookie';
export { ProxyAuthHeader, ProxyAuthHeaders } from './auth/proxy-auth-headers';
export { GatewayRef, HeadlampHttpRoute, HeadlampHttpRouteProps } from './routes/headlamp-http-route';
export { HeadlampChart, HeadlampChartProps } from './chart/headlamp-chart';
export { HeadlampPlugins, PluginImageOptions, PluginManagerOptions } from './deployment/headlamp-plugins';
export { PLUGINCTL_VERSION } from './deployment/pluginctl-config';
export { HeadlampValuesFile, headlampChartFromValues } from './chart/values';
export { HeadlampValues } from './chart/values-file';
export { HeadlampValuesMetrics, HeadlampValuesTracing } from './chart/values-telemetry';
export { ClaimMappingOptions } from './auth/claim-mapping';
export { AccessGrant, UserAccess, UserAccessProps } from './access/user-access';
export {
  ApiServerAuthentication,
  ApiServerAuthenticationProps,
  AuthenticationConfigVersion,
} from './access/api-server-authentication';
export {
  ChartMigration,
  ChartMigrationOptions,
  ChartMigrationRefusal,
  HelmChartMigration,
  MigrationNote,
  migrateChartValues,
} from './chart/chart-migration';
