// oauth2-proxy's command line, environment and mounts, and its alpha config (provider, upstreams, headers).
import { Yaml } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { SecretKeyRef } from '../../core/secret-ref';
import { metricsRefusingUpstream } from '../metrics-block';
import { derivedCookieSecret, goDuration, ResolvedCookie } from './cookie';
import { FrontendProps, OAUTH2_PROXY_PORT, OAuth2ProxyMode } from './props';

const CONFIG_DIR = '/etc/oauth2-proxy';

/** @internal What oauth2-proxy's container is configured from, besides the props. */
export interface ProxyConfigOptions {
  /** oauth2-proxy's object name (Deployment, Service, ConfigMap). */
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly cookie: ResolvedCookie;
  /** `https://<host>/oauth2/callback`. */
  readonly redirectUrl: string;
  readonly skipProviderButton: boolean;
}

/** @internal oauth2-proxy's container settings and its alpha config ConfigMap. */
export interface ProxyConfig {
  readonly args: string[];
  readonly env: k8s.EnvVar[];
  readonly volumes: k8s.Volume[];
  readonly mounts: k8s.VolumeMount[];
  readonly alphaConfig: k8s.KubeConfigMap;
}

/** @internal The scopes requested: the props', or the provider's defaults (OIDC providers only). */
function scopesOf(p: FrontendProps): string[] | undefined {
  const groups =
    p.provider._groupsScope === 'always' || (p.provider._groupsScope === 'with-allowed-groups' && !!p.allowedGroups);
  return (
    p.scopes ??
    (p.provider.issuerUrl && p.provider.type !== 'google'
      ? ['openid', 'email', 'profile', ...(groups ? ['groups'] : []), ...p.provider._extraScopes]
      : undefined)
  );
}

/**
 * @internal
 * Secrets as env vars from secretKeyRef (the client secret optionally as a re-read file); the flags both modes
 * share as flags; the provider, upstreams and headers in the alpha config (the legacy upstream and header flags
 * cannot strip a client header oauth2-proxy does not set).
 * Creates the derived cookie Secret and the alpha config ConfigMap in `scope`, in that order.
 */
export function proxyConfig(
  scope: Construct,
  constructType: string,
  p: FrontendProps,
  o: ProxyConfigOptions,
): ProxyConfig {
  const headlamp = p.headlamp;
  const namespace = headlamp.namespace;
  const keys = {
    clientId: 'client-id',
    clientSecret: 'client-secret',
    cookieSecret: 'cookie-secret',
    ...p.credentialsKeys,
  };
  const scopes = scopesOf(p);
  const cookieRef = p.unsafeCookieSecretInManifestsFrom
    ? derivedCookieSecret(
        scope,
        constructType,
        p.unsafeCookieSecretInManifestsFrom,
        `${namespace}/${o.name}`,
        `${o.name}-cookie`,
        o.labels,
      )
    : SecretKeyRef.fromName(p.credentialsSecret, keys.cookieSecret);
  const env: k8s.EnvVar[] = [
    p.clientId
      ? { name: 'OAUTH2_PROXY_CLIENT_ID', value: p.clientId }
      : SecretKeyRef.fromName(p.credentialsSecret, keys.clientId).toEnv('OAUTH2_PROXY_CLIENT_ID'),
    ...(p.clientSecretAsFile
      ? []
      : [SecretKeyRef.fromName(p.credentialsSecret, keys.clientSecret).toEnv('OAUTH2_PROXY_CLIENT_SECRET')]),
    cookieRef.toEnv('OAUTH2_PROXY_COOKIE_SECRET'),
    ...(p.redisConnectionUrl ? [p.redisConnectionUrl.toEnv('OAUTH2_PROXY_REDIS_CONNECTION_URL')] : []),
  ];
  const volumes: k8s.Volume[] = [];
  const mounts: k8s.VolumeMount[] = [];
  if (p.clientSecretAsFile) {
    volumes.push({
      name: 'client-secret',
      secret: { secretName: p.credentialsSecret, items: [{ key: keys.clientSecret, path: 'client-secret' }] },
    });
    mounts.push({ name: 'client-secret', mountPath: `${CONFIG_DIR}/secret`, readOnly: true });
  }
  const clientSecretFile = `${CONFIG_DIR}/secret/client-secret`;
  const cookie = o.cookie.options;

  // Flags both modes share: cookie and session options stay legacy flags even with alpha config.
  const args: string[] = [
    '--reverse-proxy',
    ...p.emailDomains.map((d) => `--email-domain=${d}`),
    ...p.hosts.map((h) => `--whitelist-domain=${h}`),
    `--redirect-url=${o.redirectUrl}`,
    `--cookie-secure=${!cookie.unsafeInsecure}`,
    `--cookie-samesite=${cookie.sameSite ?? 'lax'}`,
    `--cookie-expire=${goDuration(o.cookie.expire)}`,
    `--cookie-refresh=${goDuration(o.cookie.refresh)}`,
    ...(cookie.name ? [`--cookie-name=${cookie.name}`] : []),
    ...(cookie.domain ? [`--cookie-domain=${cookie.domain}`] : []),
    ...(o.skipProviderButton ? ['--skip-provider-button'] : []),
    ...(p.redisConnectionUrl ? ['--session-store-type=redis'] : []),
    ...(p.trustedProxyIps ?? []).map((ip) => `--trusted-proxy-ip=${ip}`),
  ];
  const alphaConfig = new k8s.KubeConfigMap(scope, 'AlphaConfig', {
    metadata: { name: o.name, labels: o.labels },
    data: { 'alpha-config.yaml': alphaConfigYaml(p, scopes, clientSecretFile) },
  });
  volumes.push({ name: 'alpha-config', configMap: { name: o.name } });
  mounts.push({ name: 'alpha-config', mountPath: `${CONFIG_DIR}/config`, readOnly: true });
  args.unshift(`--alpha-config=${CONFIG_DIR}/config/alpha-config.yaml`);
  return { args, env, volumes, mounts, alphaConfig };
}

/**
 * Client headers Headlamp (token mode) forwards to the API server as impersonation: named in reverse-proxy mode's
 * injectRequestHeaders with no value, so oauth2-proxy strips the client's copy and injects nothing. oauth2-proxy
 * v7.15.6 strips every injectRequestHeaders name whose preserveRequestValue is false, its default
 * (pkg/middleware/headers.go, newStripHeaders/stripNormalizedHeader; pkg/apis/options/header.go); a header with no
 * values is valid (pkg/validation/header.go) and injects nothing (pkg/header/injector.go, NewInjector). Headlamp
 * v0.45.0 passes them on (backend/pkg/kubeconfig/kubeconfig.go, SetupProxy: httputil.ReverseProxy). Names match
 * exactly, so `Impersonate-Extra-<key>` cannot be listed: the API server refuses it without Impersonate-User
 * (k8s.io/apiserver pkg/endpoints/filters/impersonation.go).
 */
const STRIPPED_IMPERSONATION_HEADERS = ['Impersonate-User', 'Impersonate-Group', 'Impersonate-Uid'];

/** A header oauth2-proxy sets from a session claim (alpha config, v7.14+ form: the value under claimSource). */
const claimHeader = (name: string, claim: string, prefix?: string) => ({
  name,
  values: [{ claimSource: { claim, ...(prefix ? { prefix } : {}) } }],
});

/**
 * Reverse proxy: Headlamp's Service and the metrics-refusing upstream; request headers as the legacy flags
 * `--pass-user-headers` (default) and `--pass-authorization-header` set them, plus the stripped impersonation
 * headers; response headers as `--set-xauthrequest` (oauth2-proxy v7.15.6 --convert-config-to-alpha prints these).
 * Forward auth: a static 202 upstream (`/oauth2/auth` answers 202 or 401) and the identity headers on the auth
 * response.
 */
function modeConfig(p: FrontendProps): Record<string, unknown> {
  const headlamp = p.headlamp;
  if (p.mode === OAuth2ProxyMode.FORWARD_AUTH) {
    return {
      upstreamConfig: { upstreams: [{ id: 'auth-only', path: '/', static: true, staticCode: 202 }] },
      // The token header carries the raw ID token.
      injectResponseHeaders: headlamp.auth.proxyHeaders.map((h) => claimHeader(h.name, h.claim)),
    };
  }
  return {
    upstreamConfig: {
      upstreams: [{ id: 'headlamp', path: '/', uri: headlamp.serviceUrl }, ...metricsRefusingUpstream(headlamp)],
    },
    injectRequestHeaders: [
      claimHeader('X-Forwarded-Groups', 'groups'),
      claimHeader('X-Forwarded-User', 'user'),
      claimHeader('X-Forwarded-Email', 'email'),
      claimHeader('X-Forwarded-Preferred-Username', 'preferred_username'),
      claimHeader('Authorization', 'id_token', 'Bearer '),
      ...STRIPPED_IMPERSONATION_HEADERS.map((name) => ({ name })),
    ],
    injectResponseHeaders: [
      claimHeader('X-Auth-Request-User', 'user'),
      claimHeader('X-Auth-Request-Email', 'email'),
      claimHeader('X-Auth-Request-Preferred-Username', 'preferred_username'),
      claimHeader('X-Auth-Request-Groups', 'groups'),
    ],
  };
}

/** The alpha config: listen address, provider, then the mode's upstreams and headers. */
function alphaConfigYaml(p: FrontendProps, scopes: string[] | undefined, clientSecretFile: string): string {
  const { upstreamConfig, ...headers } = modeConfig(p);
  // cdk8s's own YAML writer: one YAML library loaded, not two.
  return Yaml.stringify({
    // YAML key `bindAddress` (pkg/apis/options/server.go); `BindAddress` loads only by case-folding.
    server: { bindAddress: `0.0.0.0:${OAUTH2_PROXY_PORT}` },
    upstreamConfig,
    providers: [
      {
        id: p.provider.type,
        provider: p.provider.type,
        // Alpha config does not read the provider env vars: substitute them here.
        clientID: '${OAUTH2_PROXY_CLIENT_ID}',
        ...(p.clientSecretAsFile ? { clientSecretFile } : { clientSecret: '${OAUTH2_PROXY_CLIENT_SECRET}' }),
        ...(scopes ? { scope: scopes.join(' ') } : {}),
        ...(p.allowedGroups ? { allowedGroups: p.allowedGroups } : {}),
        code_challenge_method: 'S256',
        ...(p.provider.issuerUrl
          ? {
              oidcConfig: {
                issuerURL: p.provider.issuerUrl,
                emailClaim: 'email',
                groupsClaim: 'groups',
                audienceClaims: ['aud'],
              },
            }
          : {}),
      },
    ],
    ...headers,
  });
}
