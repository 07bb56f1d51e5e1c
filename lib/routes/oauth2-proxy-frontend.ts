// OAuth2ProxyFrontend: oauth2-proxy in front of Headlamp, as reverse proxy or as forward-auth for identity-aware-proxy mode.
import { ApiObject, Duration, Yaml } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import type * as cryptoTypes from 'node:crypto';
import { z } from 'zod';
import { MIN_HASH_KEY_LENGTH, SynthTimeSecret } from '../auth/basic-auth-credentials';
import { fail, parseProps } from '../core/errors';
import { HeadlampAuthMode } from '../auth/headlamp-auth';
import { ClaimMapping, ClaimMappingOptions, claimMappingSchema, NameFormat, nameFormats, resolveClaims, TokenIdentity } from '../auth/claim-mapping';
import { RouteVia } from '../deployment/headlamp-deployment';
import { HEADLAMP_PORT } from '../core/headlamp-flags';
import {
  HeadlampIngressProps, IngressController, IngressControllerPeer, ingressShape, renderIngress, traefikImports, traefikMiddleware,
} from './headlamp-ingress';
import { assertUniqueNames, dnsEgress, hardenedSecurityContexts, instanceLabels, selectorLabels } from '../core/metadata';
import {
  bool, checkValue, dnsSubdomain, GUID, instance, int, lazy, oneOf, pattern, sameShape, secondsOf, secretKey, str, uniqueList, url, ValueIssue, wholeSeconds,
} from '../core/schema';
import { SecretKeyRef } from '../core/secret-ref';

/** oauth2-proxy image tag the library pins (7.15.2 fixed critical auth bypasses). */
export const OAUTH2_PROXY_VERSION = '7.15.3';

/** Port oauth2-proxy listens on (all interfaces; its default binds loopback only). */
export const OAUTH2_PROXY_PORT = 4180;

/** How oauth2-proxy sits in front of Headlamp. */
export enum OAuth2ProxyMode {
  /**
   * User -> Ingress -> oauth2-proxy -> Headlamp. oauth2-proxy passes the ID token as
   * `Authorization: Bearer`; Headlamp (token login mode) uses it for the API server.
   */
  REVERSE_PROXY = 'reverse-proxy',
  /**
   * User -> Ingress (forwardAuth / auth_request to oauth2-proxy) -> Headlamp in `-proxy-auth` mode, with
   * identity headers from oauth2-proxy's `/oauth2/auth` response.
   */
  FORWARD_AUTH = 'forward-auth',
}

/** Options every {@link OAuth2ProxyProvider} factory takes. */
export interface OAuth2ProxyProviderOptions {
  /**
   * How long the provider's ID tokens live. oauth2-proxy checks a token's expiry only when it refreshes the
   * session, and Headlamp forwards the ID token to the API server, which refuses it once expired: the cookie
   * refresh interval is derived from this (80 % of it, at most 1 hour) and a `cookie.refresh` that is not
   * shorter is refused. Check your provider's setting (Keycloak realm "Access Token Lifespan", ...).
   * @default - the preset's: Keycloak 5 min, Entra ID, Google and GitLab 1 h, Dex 24 h, generic OIDC 5 min
   */
  readonly idTokenLifetime?: Duration;
  /**
   * How the API server maps this provider's ID tokens (which Headlamp forwards) to Kubernetes users and groups:
   * the one source for {@link UserAccess} subjects and {@link ApiServerAuthentication} files.
   * @default - the provider's claims (`email`/`groups`; Entra ID `oid`; GitLab `groups_direct`), prefix 'oidc:'
   */
  readonly claims?: ClaimMappingOptions;
}

/** Options of {@link OAuth2ProxyProvider.keycloakOidc}. */
export interface KeycloakOAuth2ProxyOptions extends OAuth2ProxyProviderOptions {
  /**
   * Whether the realm's "Group Membership" mapper sends full group paths (`/platform-team`, Keycloak's
   * default) rather than bare names. With full paths, `allowedGroups` entries must start with `/`.
   * @default true
   */
  readonly fullGroupPath?: boolean;
}

/** The identity provider oauth2-proxy signs users in with. */
export class OAuth2ProxyProvider {
  /**
   * Any OIDC provider (Okta, Authentik, ...). Requests `groups` only with `allowedGroups` (oauth2-proxy's
   * own default); set `scopes` when your provider names it differently. The ID-token lifetime defaults to
   * a conservative 5 minutes: say yours with `idTokenLifetime`.
   */
  public static oidc(issuerUrl: string, options: OAuth2ProxyProviderOptions = {}): OAuth2ProxyProvider {
    return new OAuth2ProxyProvider('oidc', issuerUrl, options.idTokenLifetime ?? Duration.minutes(5), 'with-allowed-groups', [], options);
  }

  /**
   * Dex (`oidc` provider type). Dex puts the `groups` claim in the ID token only for the `groups` scope, and
   * issues refresh tokens only for `offline_access`: both are always requested (Headlamp's group header and
   * the API server's RBAC need the groups). Dex's default ID-token lifetime is 24 h (`expiry.idTokens`).
   */
  public static dex(issuerUrl: string, options: OAuth2ProxyProviderOptions = {}): OAuth2ProxyProvider {
    return new OAuth2ProxyProvider('oidc', issuerUrl, options.idTokenLifetime ?? Duration.hours(24), 'always', ['offline_access'], options);
  }

  /**
   * Keycloak through its OIDC provider type (`keycloak-oidc`): `https://<host>/realms/<realm>`. Groups come
   * from a "Group Membership" mapper, which sends full paths (`/platform-team`) unless "Full group path" is
   * off: `allowedGroups` and RBAC subjects must use the form your mapper sends. Keycloak's default access
   * and ID token lifespan is 5 minutes.
   */
  public static keycloakOidc(issuerUrl: string, options: KeycloakOAuth2ProxyOptions = {}): OAuth2ProxyProvider {
    return new OAuth2ProxyProvider('keycloak-oidc', issuerUrl, options.idTokenLifetime ?? Duration.minutes(5), 'never', [], options,
      { groupNames: options.fullGroupPath ?? true ? 'keycloak-path' : 'keycloak-name' });
  }

  /**
   * Azure Entra ID (`entra-id`), issuer `https://login.microsoftonline.com/<tenant>/v2.0`. The `groups` claim
   * carries group object IDs (GUIDs), not names. ID tokens live about 1 hour; `offline_access` is requested
   * for the refresh token.
   */
  public static entraId(tenantId: string, options: OAuth2ProxyProviderOptions = {}): OAuth2ProxyProvider {
    return new OAuth2ProxyProvider('entra-id', `https://login.microsoftonline.com/${tenantId}/v2.0`, options.idTokenLifetime ?? Duration.hours(1), 'never', ['offline_access'],
      options, { usernameClaim: 'oid', groupNames: 'entra-object-id', userNames: 'entra-object-id', tenantId });
  }

  /** Google (ID tokens live 1 hour; Google sends no groups claim). */
  public static google(options: OAuth2ProxyProviderOptions = {}): OAuth2ProxyProvider {
    return new OAuth2ProxyProvider('google', 'https://accounts.google.com', options.idTokenLifetime ?? Duration.hours(1), 'never', [], options, { noGroups: true });
  }

  /** GitHub (OAuth, no ID token: reverse-proxy mode cannot forward one to Kubernetes). */
  public static github(): OAuth2ProxyProvider {
    return new OAuth2ProxyProvider('github', undefined, undefined, 'never', [], {});
  }

  /** GitLab (`https://gitlab.com` or your instance). */
  public static gitlab(issuerUrl = 'https://gitlab.com', options: OAuth2ProxyProviderOptions = {}): OAuth2ProxyProvider {
    return new OAuth2ProxyProvider('gitlab', issuerUrl, options.idTokenLifetime ?? Duration.hours(1), 'never', [], options, { groupsClaim: 'groups_direct' });
  }

  private constructor(
    /** oauth2-proxy's `--provider` value. */ public readonly type: string,
    /** OIDC issuer, for providers that have one. */ public readonly issuerUrl: string | undefined,
    /** Lifetime of the provider's ID tokens (none for OAuth-only providers). */ public readonly idTokenLifetime: Duration | undefined,
    /** @internal When the default scopes include `groups`. */ public readonly _groupsScope: 'always' | 'with-allowed-groups' | 'never',
    /** @internal Scopes added to `openid email profile` by default. */ public readonly _extraScopes: string[],
    /** @internal The options as given. */ public readonly _options: OAuth2ProxyProviderOptions,
    /** @internal The provider's claims and name formats, and Entra ID's tenant as given. */
    public readonly _facts: Partial<ClaimMapping> & { noGroups?: boolean; groupNames?: NameFormat; userNames?: NameFormat; tenantId?: string } = {},
  ) {}

  /** @internal Groups arrive as full paths (`/team`), Keycloak's default. */
  public get _fullGroupPaths(): boolean {
    return this._facts.groupNames === 'keycloak-path';
  }

  /** @internal Entra ID's tenant, as given. */
  public get _tenantId(): string | undefined {
    return this._facts.tenantId;
  }

  /** @internal What is wrong with what the factory was given (as strictly as the matching OidcConfig preset). */
  public _issues(): ValueIssue[] {
    const issues: ValueIssue[] = [];
    if (this._tenantId !== undefined) issues.push(...checkValue(pattern(GUID, 'a tenant ID (a GUID)'), this._tenantId, 'tenantId'));
    else if (this.issuerUrl !== undefined) issues.push(...checkValue(url(['https'], 'an https issuer URL'), this.issuerUrl, 'issuerUrl'));
    if (this.type === 'keycloak-oidc' && issues.length === 0 && !/\/realms\/[^/]+$/.test(this.issuerUrl!)) {
      issues.push({ path: ['issuerUrl'], message: `expected Keycloak's realm issuer 'https://<host>/realms/<realm>', got ${JSON.stringify(this.issuerUrl)}` });
    }
    if (this.idTokenLifetime && (secondsOf(this.idTokenLifetime) ?? 0) < 60) {
      issues.push({ path: ['idTokenLifetime'], message: 'expected a Duration of whole seconds, at least 1 minute, got a Duration' });
    }
    const claims = claimMappingSchema().safeParse(this._options.claims ?? {}, { jitless: true });
    if (!claims.success) {
      const issue = claims.error.issues[0];
      issues.push({ path: ['claims', ...issue.path.map(String)], message: `${issue.message}, got ${JSON.stringify((this._options.claims as any)?.[issue.path[0] as string])}` });
    }
    return issues;
  }
}

/** How an unauthenticated browser reaches the sign-in flow through Traefik (forward-auth mode). */
export enum TraefikSignIn {
  /**
   * Traefik v3.7+: forwardAuth's `authSigninURL` turns a 401 from `/oauth2/auth` (and only from it) into a
   * 302 to oauth2-proxy's `/oauth2/start`. Headlamp's own 401/403 answers reach the browser unchanged.
   */
  AUTH_SIGNIN_URL = 'auth-signin-url',
  /**
   * Traefik v3.0 to v3.6 (no `authSigninURL`): an `errors` Middleware serves oauth2-proxy's sign-in page for
   * a 401. The errors middleware keeps the caught status, so oauth2-proxy's provider button stays on
   * (`--skip-provider-button` would answer with a 302 that the browser receives as a 401: a dead end).
   * Caveat: a 401 from Headlamp itself is answered with the sign-in page too.
   */
  ERRORS_PAGE = 'errors-page',
}

/** Cookie settings (legacy flags in both modes). */
export interface OAuth2ProxyCookieOptions {
  /**
   * Cookie name (`--cookie-name`). Sessions over 4 KB are split into `<name>_0`, `<name>_1`, ...; Traefik copies
   * the refreshed cookie and its parts from the auth response to the browser (`addAuthCookiesToResponse`).
   * @default '_oauth2_proxy'
   */
  readonly name?: string;
  /**
   * Cookie domain; it must cover every host of the frontend, or browsers drop the cookie (a login loop).
   * @default - the request host
   */
  readonly domain?: string;
  /**
   * SameSite.
   * @default 'lax'
   */
  readonly sameSite?: 'lax' | 'strict' | 'none';
  /**
   * Session lifetime.
   * @default Duration.hours(8)
   */
  readonly expire?: Duration;
  /**
   * Refresh the session (and the forwarded ID token) this often. oauth2-proxy checks token expiry only when
   * it refreshes, so this must be shorter than the provider's ID-token lifetime (`idTokenLifetime` of the
   * provider) and than `expire` (oauth2-proxy refuses to start otherwise); both are checked at synth.
   * @default - 80 % of the provider's ID-token lifetime, at most 1 hour (Keycloak: 4 min)
   */
  readonly refresh?: Duration;
  /**
   * Send the cookie over plain HTTP too.
   * @default false
   */
  readonly unsafeInsecure?: boolean;
}

/** Props of {@link OAuth2ProxyFrontend}. */
export interface OAuth2ProxyFrontendProps extends HeadlampIngressProps {
  /** Reverse proxy in front, or forward-auth for Headlamp's identity-aware-proxy mode. */
  readonly mode: OAuth2ProxyMode;
  /** Identity provider. */
  readonly provider: OAuth2ProxyProvider;
  /**
   * Existing Secret with the client ID, client secret and cookie secret (the official chart's keys:
   * `client-id`, `client-secret`, `cookie-secret`). The cookie secret: 32 random bytes, URL-safe base64.
   */
  readonly credentialsSecret: string;
  /**
   * Keys in `credentialsSecret`.
   * @default { clientId: 'client-id', clientSecret: 'client-secret', cookieSecret: 'cookie-secret' }
   */
  readonly credentialsKeys?: { readonly clientId?: string; readonly clientSecret?: string; readonly cookieSecret?: string };
  /**
   * The OAuth client ID as a plain value (`--client-id`; it is not a secret) instead of the `client-id` key
   * of `credentialsSecret`. Needed for per-user access: the API server must name it as the audience of the ID
   * tokens Headlamp forwards ({@link ApiServerAuthentication}).
   * @default - read from credentialsSecret
   */
  readonly clientId?: string;
  /**
   * Mount the client secret as a file (`--client-secret-file`), re-read on rotation, instead of an env var.
   * @default false
   */
  readonly clientSecretAsFile?: boolean;
  /**
   * Derive the cookie secret from this key (HMAC) and write it into a Secret in the manifests, instead of
   * reading it from `credentialsSecret`. Deterministic (no churn on re-synth), but the value is in the YAML.
   * @default - read from credentialsSecret
   */
  readonly unsafeCookieSecretInManifestsFrom?: SynthTimeSecret;
  /** Email domains allowed to sign in (`--email-domain`); `['*']` must be said explicitly. */
  readonly emailDomains: string[];
  /**
   * Groups allowed to sign in (`--allowed-group`).
   * @default - any group
   */
  readonly allowedGroups?: string[];
  /**
   * Scopes requested.
   * @default - 'openid email profile' (plus 'groups' with allowedGroups) for OIDC providers
   */
  readonly scopes?: string[];
  /**
   * Cookie settings.
   * @default - `_oauth2_proxy`, secure, SameSite lax, 8 h, refreshed before the ID token expires
   */
  readonly cookie?: OAuth2ProxyCookieOptions;
  /**
   * Forward-auth on Traefik: how a browser without a session gets to the sign-in flow.
   * @default TraefikSignIn.AUTH_SIGNIN_URL (Traefik v3.7+)
   */
  readonly traefikSignIn?: TraefikSignIn;
  /**
   * Store sessions in Redis (large ID tokens overflow cookies): the connection URL from a Secret key.
   * @default - cookie sessions
   */
  readonly redisConnectionUrl?: SecretKeyRef;
  /**
   * Source IPs/CIDRs allowed to send X-Forwarded-* headers (`--trusted-proxy-ip`): your ingress pods.
   * @default - any source; a NetworkPolicy admits only the ingress controller
   */
  readonly trustedProxyIps?: string[];
  /**
   * CIDRs of the identity provider, for oauth2-proxy's NetworkPolicy egress.
   * @default - any address on port 443
   */
  readonly identityProviderCidrs?: string[];
  /**
   * Redis port for the NetworkPolicy egress (with `redisConnectionUrl`).
   * @default 6379
   */
  readonly redisPort?: number;
  /**
   * oauth2-proxy replicas; with 2 or more a PodDisruptionBudget keeps one up.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * oauth2-proxy image tag (7.15.3 or later).
   * @default 'v7.15.3'
   */
  readonly imageTag?: string;
}

const propsSchema = lazy(() => z.strictObject({
  ...ingressShape(),
  mode: oneOf(OAuth2ProxyMode, 'OAuth2ProxyMode'),
  provider: instance(OAuth2ProxyProvider, 'OAuth2ProxyProvider.oidc(...) or another factory'),
  credentialsSecret: dnsSubdomain,
  clientId: str('a non-empty client ID').optional(),
  credentialsKeys: z.strictObject({ clientId: secretKey.optional(), clientSecret: secretKey.optional(), cookieSecret: secretKey.optional() }).optional(),
  clientSecretAsFile: bool.optional(),
  unsafeCookieSecretInManifestsFrom: instance(SynthTimeSecret, 'SynthTimeSecret.fromEnv(...) or .fromFile(...)').optional(),
  emailDomains: uniqueList(pattern(/^(\*|[a-z0-9.-]+)$/, "an email domain such as 'example.com', or '*'"), 'email domains')
    .refine((xs) => xs.length > 0, { error: "expected at least one email domain (['*'] allows any, say so explicitly)" }),
  allowedGroups: uniqueList(pattern(/^[^\s,]+$/, 'a group without spaces or commas'), 'groups').optional(),
  scopes: uniqueList(pattern(/^[^\s]+$/, 'a scope without spaces'), 'scopes').optional(),
  cookie: z.strictObject({
    name: pattern(/^[A-Za-z0-9_-]{1,200}$/, "a cookie name of letters, digits, '_' and '-' such as '_oauth2_proxy'").optional(),
    domain: pattern(/^\.?[a-z0-9.-]+$/, "a cookie domain such as '.example.com'").optional(),
    sameSite: z.enum(['lax', 'strict', 'none'], { error: "expected 'lax', 'strict' or 'none'" }).optional(),
    expire: wholeSeconds.optional(),
    refresh: wholeSeconds.optional(),
    unsafeInsecure: bool.optional(),
  }).optional(),
  traefikSignIn: oneOf(TraefikSignIn, 'TraefikSignIn').optional(),
  redisConnectionUrl: instance(SecretKeyRef, 'SecretKeyRef.fromName(...)').optional(),
  trustedProxyIps: z.array(pattern(/^[0-9a-fA-F:.]+(\/\d{1,3})?$/, "an IP or CIDR such as '10.0.0.0/8'")).optional(),
  identityProviderCidrs: z.array(pattern(/^[0-9a-fA-F:.]+\/\d{1,3}$/, "a CIDR such as '203.0.113.0/24'")).optional(),
  redisPort: int(1, 65535).optional(),
  replicas: int(1).optional(),
  imageTag: pattern(/^v7\.(1[5-9]|[2-9]\d)\.\d+$|^v([89]|\d{2,})\.\d+\.\d+$/, 'an oauth2-proxy tag v7.15.3 or later (7.15.2 fixed critical auth bypasses)')
    .refine((t) => t !== 'v7.15.0' && t !== 'v7.15.1' && t !== 'v7.15.2', { error: 'expected an oauth2-proxy tag v7.15.3 or later' }).optional(),
}));
sameShape<z.output<ReturnType<typeof propsSchema>>, OAuth2ProxyFrontendProps>(true);

const TYPE = 'OAuth2ProxyFrontend';

/** oauth2-proxy's default session cookie name (pkg/apis/options/cookie.go). */
const DEFAULT_COOKIE_NAME = '_oauth2_proxy';

/**
 * Split parts of a large session cookie Traefik is told to pass on: `<name>_0` ... `<name>_4`, 20 KB of session.
 * oauth2-proxy splits at 4000 bytes (pkg/sessions/cookie/session_store.go, splitCookie); sessions larger than
 * this need `redisConnectionUrl` anyway (browsers and proxies cap the Cookie header).
 */
const MAX_COOKIE_PARTS = 5;

/** The refresh interval derived from an ID-token lifetime: 80 % of it, at most 1 hour, whole seconds. */
export function defaultCookieRefresh(idTokenLifetime: Duration): Duration {
  return Duration.seconds(Math.min(Math.floor(idTokenLifetime.toSeconds() * 0.8), 3600));
}

/** Whether a cookie domain (`example.com` or `.example.com`) covers `host`. */
function cookieDomainCovers(domain: string, host: string): boolean {
  const d = domain.replace(/^\./, '');
  return host === d || host.endsWith(`.${d}`);
}
const CONFIG_DIR = '/etc/oauth2-proxy';

/** Go duration for oauth2-proxy flags: `8h0m0s` style is accepted as `28800s`. */
const goDuration = (d: Duration) => `${d.toSeconds()}s`;

/** URL-safe base64 without padding of 32 HMAC bytes: a cookie secret oauth2-proxy accepts. */
export function deriveCookieSecret(key: string, context: string): string {
  // node:crypto loads only when a cookie secret is derived (it costs ~10 ms at start-up).
  const { createHmac }: typeof cryptoTypes = require('node:crypto');
  return createHmac('sha256', key).update(`oauth2-proxy-cookie-secret\0${context}`).digest('base64url');
}

/**
 * oauth2-proxy in front of a {@link HeadlampDeployment}, in one of two modes, with headers, ports and
 * names derived from the Headlamp it protects.
 *
 * - Reverse proxy: the Ingress routes to oauth2-proxy only; its upstream is Headlamp's Service; it passes
 *   the ID token as `Authorization: Bearer` (`--pass-authorization-header`).
 * - Forward auth (Headlamp `-proxy-auth`): the Ingress asks oauth2-proxy's `/oauth2/auth` on every
 *   request; oauth2-proxy's alpha config injects the identity headers Headlamp's flags name into the
 *   auth response; the ingress copies exactly those headers upstream, replacing any client copy.
 *
 * Either way a NetworkPolicy lets only the proxy path reach Headlamp's port, and another lets only the
 * ingress controller reach oauth2-proxy.
 */
export class OAuth2ProxyFrontend extends Construct {
  /** oauth2-proxy's Deployment. */
  public readonly deployment: k8s.KubeDeployment;
  /** oauth2-proxy's Service. */
  public readonly service: k8s.KubeService;
  /** The Ingresses (Headlamp's host, and in forward-auth mode the `/oauth2/` route). */
  public readonly ingresses: k8s.KubeIngress[] = [];
  /** Traefik Middlewares (forward-auth on Traefik), in the order they run. */
  public readonly middlewares: ApiObject[] = [];
  /** The alpha config (forward-auth mode). */
  public readonly alphaConfig?: k8s.KubeConfigMap;
  /** Redirect URL to register at the identity provider: `https://<host>/oauth2/callback`. */
  public readonly redirectUrl: string;
  /** In-cluster URL of `/oauth2/auth`. */
  public readonly authUrl: string;
  /** @internal The ID tokens Headlamp forwards (with a plain `clientId` and an OIDC provider). */
  public readonly tokenIdentity?: TokenIdentity;

  constructor(scope: Construct, id: string, props: OAuth2ProxyFrontendProps) {
    super(scope, id);
    const p = parseProps(this, TYPE, propsSchema(), props);
    const headlamp = p.headlamp;
    const controller = p.controller ?? IngressController.TRAEFIK;
    const forward = p.mode === OAuth2ProxyMode.FORWARD_AUTH;
    const expected = forward ? HeadlampAuthMode.IDENTITY_AWARE_PROXY : HeadlampAuthMode.SERVICE_ACCOUNT_TOKEN;
    if (headlamp.auth.mode !== expected) {
      fail(this, TYPE, 'props.mode', `${p.mode} mode needs the HeadlampDeployment's auth to be ${expected}, got ${headlamp.auth.mode}; ` +
        (forward ? 'use auth: HeadlampAuth.identityAwareProxy()' : 'leave auth at HeadlampAuth.serviceAccountToken() (the Authorization header carries the token)'));
    }
    if (p.extraPaths !== undefined) {
      fail(this, TYPE, 'props.extraPaths', 'would route around oauth2-proxy, got extraPaths; give other paths an Ingress of their own');
    }
    if (p.unsafeBypassAuthProxy !== undefined) {
      fail(this, TYPE, 'props.unsafeBypassAuthProxy', 'applies to routes that go around an OAuth2ProxyFrontend, not to the frontend itself; drop it');
    }
    if (!forward && headlamp.podTls) {
      fail(this, TYPE, 'props.headlamp', 'reverse-proxy mode does not support a Headlamp serving TLS itself (podTlsSecret) yet, ' +
        'got a HeadlampDeployment with podTlsSecret; drop podTlsSecret (the NetworkPolicy admits only oauth2-proxy) or use forward-auth mode');
    }
    if (!forward && !p.provider.issuerUrl) {
      fail(this, TYPE, 'props.provider', `reverse-proxy mode forwards an ID token to Kubernetes, got provider ${p.provider.type} which has none; ` +
        'use an OIDC provider');
    }

    const cookie = p.cookie ?? {};
    const expire = cookie.expire ?? Duration.hours(8);
    const lifetime = p.provider.idTokenLifetime;
    const refresh = cookie.refresh ?? (lifetime ? defaultCookieRefresh(lifetime) : Duration.hours(1));
    if (lifetime && refresh.toSeconds() >= lifetime.toSeconds()) {
      fail(this, TYPE, 'props.cookie.refresh', `expected a refresh interval shorter than the provider's ID-token lifetime ` +
        `(${lifetime.toSeconds()} s), got ${refresh.toSeconds()} s; oauth2-proxy would forward expired ID tokens to the API server ` +
        '(set a shorter refresh, or the provider\'s real idTokenLifetime)');
    }
    if (refresh.toSeconds() >= expire.toSeconds()) {
      fail(this, TYPE, 'props.cookie.refresh', `expected a refresh interval shorter than cookie.expire (${expire.toSeconds()} s), ` +
        `got ${refresh.toSeconds()} s; oauth2-proxy refuses to start otherwise`);
    }
    const uncovered = cookie.domain ? p.hosts.find((h) => !cookieDomainCovers(cookie.domain!, h)) : undefined;
    if (uncovered) {
      fail(this, TYPE, 'props.cookie.domain', `expected a domain that covers every host, got ${JSON.stringify(cookie.domain)} which does not ` +
        `cover ${uncovered}; browsers would drop the cookie (a login loop). Use the host's parent domain, or leave it unset`);
    }
    const bare = p.provider._fullGroupPaths ? (p.allowedGroups ?? []).findIndex((g) => !g.startsWith('/')) : -1;
    if (bare >= 0) {
      fail(this, TYPE, `props.allowedGroups[${bare}]`, `Keycloak's group mapper sends full paths, got ${JSON.stringify(p.allowedGroups![bare])}; ` +
        `write '/${p.allowedGroups![bare]}' (a subgroup as '/parent/child'), or keycloakOidc(issuerUrl, { fullGroupPath: false }) ` +
        'if the mapper\'s "Full group path" is off');
    }
    const cookieName = cookie.name ?? DEFAULT_COOKIE_NAME;
    const traefikSignIn = p.traefikSignIn ?? TraefikSignIn.AUTH_SIGNIN_URL;
    if (p.traefikSignIn && (!forward || controller !== IngressController.TRAEFIK)) {
      fail(this, TYPE, 'props.traefikSignIn', `applies to forward-auth mode on Traefik, got ${p.mode} mode on ${controller}; drop it`);
    }
    // The errors page must render oauth2-proxy's sign-in page itself: a 302 would reach the browser as a 401.
    const skipProviderButton = !(forward && controller === IngressController.TRAEFIK && traefikSignIn === TraefikSignIn.ERRORS_PAGE);

    const name = `${p.name ?? headlamp.name}-oauth2-proxy`;
    const namespace = headlamp.namespace;
    const labels = { ...instanceLabels(name, 'oauth2-proxy', OAUTH2_PROXY_VERSION), ...p.labels };
    const selector = selectorLabels(name, 'oauth2-proxy');
    const host = p.hosts[0];
    this.redirectUrl = `https://${host}/oauth2/callback`;
    this.authUrl = `http://${name}.${namespace}.svc.cluster.local:${OAUTH2_PROXY_PORT}/oauth2/auth`;
    const keys = { clientId: 'client-id', clientSecret: 'client-secret', cookieSecret: 'cookie-secret', ...p.credentialsKeys };
    const groups = p.provider._groupsScope === 'always' || (p.provider._groupsScope === 'with-allowed-groups' && !!p.allowedGroups);
    const scopes = p.scopes ?? (p.provider.issuerUrl && p.provider.type !== 'google'
      ? ['openid', 'email', 'profile', ...(groups ? ['groups'] : []), ...p.provider._extraScopes] : undefined);

    // Secrets: env vars from secretKeyRef; the client secret optionally as a re-read file.
    const cookieRef = p.unsafeCookieSecretInManifestsFrom
      ? this.derivedCookieSecret(p.unsafeCookieSecretInManifestsFrom, `${namespace}/${name}`, `${name}-cookie`, labels)
      : SecretKeyRef.fromName(p.credentialsSecret, keys.cookieSecret);
    const env: k8s.EnvVar[] = [
      p.clientId ? { name: 'OAUTH2_PROXY_CLIENT_ID', value: p.clientId } : SecretKeyRef.fromName(p.credentialsSecret, keys.clientId).toEnv('OAUTH2_PROXY_CLIENT_ID'),
      ...(p.clientSecretAsFile ? [] : [SecretKeyRef.fromName(p.credentialsSecret, keys.clientSecret).toEnv('OAUTH2_PROXY_CLIENT_SECRET')]),
      cookieRef.toEnv('OAUTH2_PROXY_COOKIE_SECRET'),
      ...(p.redisConnectionUrl ? [p.redisConnectionUrl.toEnv('OAUTH2_PROXY_REDIS_CONNECTION_URL')] : []),
    ];
    const volumes: k8s.Volume[] = [];
    const mounts: k8s.VolumeMount[] = [];
    if (p.clientSecretAsFile) {
      volumes.push({ name: 'client-secret', secret: { secretName: p.credentialsSecret, items: [{ key: keys.clientSecret, path: 'client-secret' }] } });
      mounts.push({ name: 'client-secret', mountPath: `${CONFIG_DIR}/secret`, readOnly: true });
    }
    const clientSecretFile = `${CONFIG_DIR}/secret/client-secret`;

    // Flags both modes share: cookie and session options stay legacy flags even with alpha config.
    const args: string[] = [
      '--reverse-proxy',
      ...p.emailDomains.map((d) => `--email-domain=${d}`),
      ...p.hosts.map((h) => `--whitelist-domain=${h}`),
      `--redirect-url=${this.redirectUrl}`,
      `--cookie-secure=${!cookie.unsafeInsecure}`,
      `--cookie-samesite=${cookie.sameSite ?? 'lax'}`,
      `--cookie-expire=${goDuration(expire)}`,
      `--cookie-refresh=${goDuration(refresh)}`,
      ...(cookie.name ? [`--cookie-name=${cookie.name}`] : []),
      ...(cookie.domain ? [`--cookie-domain=${cookie.domain}`] : []),
      ...(skipProviderButton ? ['--skip-provider-button'] : []),
      ...(p.redisConnectionUrl ? ['--session-store-type=redis'] : []),
      ...(p.trustedProxyIps ?? []).map((ip) => `--trusted-proxy-ip=${ip}`),
    ];
    if (forward) {
      const headers = headlamp.auth.proxyHeaders;
      this.alphaConfig = new k8s.KubeConfigMap(this, 'AlphaConfig', {
        metadata: { name, labels },
        data: {
          // cdk8s's own YAML writer: one YAML library loaded, not two.
          'alpha-config.yaml': Yaml.stringify({
            // YAML key `bindAddress` (pkg/apis/options/server.go); `BindAddress` loads only by case-folding.
            server: { bindAddress: `0.0.0.0:${OAUTH2_PROXY_PORT}` },
            // Forward-auth only: nothing is proxied; `/oauth2/auth` answers 202 or 401.
            upstreamConfig: { upstreams: [{ id: 'auth-only', path: '/', static: true, staticCode: 202 }] },
            providers: [{
              id: p.provider.type,
              provider: p.provider.type,
              // Alpha config does not read the provider env vars: substitute them here.
              clientID: '${OAUTH2_PROXY_CLIENT_ID}',
              ...(p.clientSecretAsFile ? { clientSecretFile } : { clientSecret: '${OAUTH2_PROXY_CLIENT_SECRET}' }),
              ...(scopes ? { scope: scopes.join(' ') } : {}),
              ...(p.allowedGroups ? { allowedGroups: p.allowedGroups } : {}),
              code_challenge_method: 'S256',
              ...(p.provider.issuerUrl ? { oidcConfig: { issuerURL: p.provider.issuerUrl, emailClaim: 'email', groupsClaim: 'groups', audienceClaims: ['aud'] } } : {}),
            }],
            // v7.14+ form: each value nested under claimSource. The token header carries the raw ID token.
            injectResponseHeaders: headers.map((h) => ({ name: h.name, values: [{ claimSource: { claim: h.claim } }] })),
          }),
        },
      });
      volumes.push({ name: 'alpha-config', configMap: { name } });
      mounts.push({ name: 'alpha-config', mountPath: `${CONFIG_DIR}/config`, readOnly: true });
      args.unshift(`--alpha-config=${CONFIG_DIR}/config/alpha-config.yaml`);
    } else {
      args.unshift(
        `--http-address=0.0.0.0:${OAUTH2_PROXY_PORT}`,
        `--provider=${p.provider.type}`,
        ...(p.provider.issuerUrl ? [`--oidc-issuer-url=${p.provider.issuerUrl}`] : []),
        ...(scopes ? [`--scope=${scopes.join(' ')}`] : []),
        '--code-challenge-method=S256',
        ...(p.allowedGroups ?? []).map((g) => `--allowed-group=${g}`),
        ...(p.clientSecretAsFile ? [`--client-secret-file=${clientSecretFile}`] : []),
        `--upstream=${headlamp.serviceUrl}`,
        '--pass-authorization-header',
        '--set-xauthrequest',
      );
    }

    const sa = new k8s.KubeServiceAccount(this, 'ServiceAccount', { metadata: { name, labels }, automountServiceAccountToken: false });
    const replicas = p.replicas ?? 1;
    // The official oauth2-proxy chart's user and group.
    const hardened = hardenedSecurityContexts({ runAsUser: 2000, runAsGroup: 2000, fsGroup: 2000 });
    this.deployment = new k8s.KubeDeployment(this, 'Deployment', {
      metadata: { name, labels },
      spec: {
        replicas,
        selector: { matchLabels: selector },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: sa.name,
            automountServiceAccountToken: false,
            securityContext: hardened.pod,
            containers: [{
              name: 'oauth2-proxy',
              image: `quay.io/oauth2-proxy/oauth2-proxy:${p.imageTag ?? `v${OAUTH2_PROXY_VERSION}`}`,
              imagePullPolicy: 'IfNotPresent',
              args,
              env,
              ports: [{ name: 'http', containerPort: OAUTH2_PROXY_PORT, protocol: 'TCP' }],
              livenessProbe: { httpGet: { path: '/ping', port: k8s.IntOrString.fromString('http') }, periodSeconds: 10, timeoutSeconds: 5 },
              readinessProbe: { httpGet: { path: '/ready', port: k8s.IntOrString.fromString('http') }, periodSeconds: 10, timeoutSeconds: 5 },
              resources: {
                requests: { cpu: k8s.Quantity.fromString('50m'), memory: k8s.Quantity.fromString('64Mi') },
                limits: { cpu: k8s.Quantity.fromString('500m'), memory: k8s.Quantity.fromString('256Mi') },
              },
              securityContext: hardened.container,
              volumeMounts: mounts.length ? mounts : undefined,
            }],
            volumes: volumes.length ? volumes : undefined,
          },
        },
      },
    });
    this.service = new k8s.KubeService(this, 'Service', {
      metadata: { name, labels },
      spec: {
        type: 'ClusterIP',
        selector,
        ports: [{ name: 'http', port: OAUTH2_PROXY_PORT, targetPort: k8s.IntOrString.fromString('http'), protocol: 'TCP', appProtocol: 'http' }],
      },
    });
    if (replicas > 1) {
      new k8s.KubePodDisruptionBudget(this, 'PodDisruptionBudget', {
        metadata: { name, labels },
        spec: { minAvailable: k8s.IntOrString.fromNumber(1), selector: { matchLabels: selector } },
      });
    }

    // Ingresses.
    const proxyBackend = { serviceName: name, port: OAUTH2_PROXY_PORT };
    if (!forward) {
      this.ingresses.push(renderIngress(this, TYPE, { ...p, backend: { ...proxyBackend, path: '/' } }));
    } else {
      const headerNames = headlamp.auth.proxyHeaders.map((h) => h.name);
      const traefikChain = controller === IngressController.TRAEFIK;
      this.ingresses.push(renderIngress(this, TYPE, {
        ...p,
        via: RouteVia.FORWARD_AUTH,
        traefikMiddlewares: traefikChain ? this.traefikMiddlewares(name, labels, headerNames, {
          signIn: traefikSignIn, cookieName, signInUrl: `https://${host}/oauth2/start?rd=${encodeURIComponent(`${headlamp.baseUrl}/`)}`,
        }) : undefined,
        extraAnnotations: traefikChain ? undefined : {
            'nginx.ingress.kubernetes.io/auth-url': this.authUrl,
            'nginx.ingress.kubernetes.io/auth-signin': `https://${host}/oauth2/start?rd=$escaped_request_uri`,
            // Each listed header replaces the client's copy (or is removed when the auth response lacks it).
            'nginx.ingress.kubernetes.io/auth-response-headers': headerNames.join(','),
            // The ID token header is large: nginx fails with "upstream sent too big header" otherwise.
            'nginx.ingress.kubernetes.io/proxy-buffer-size': '16k',
            // A refreshed session cookie from /oauth2/auth reaches the browser on every answer, 401/403 included
            // (nginx.tmpl: `add_header Set-Cookie $auth_cookie always`).
            'nginx.ingress.kubernetes.io/auth-always-set-cookie': 'true',
          },
      }));
      this.ingresses.push(renderIngress(this, TYPE, { ...p, suffix: 'oauth2', backend: { ...proxyBackend, path: '/oauth2' } }));
    }

    // Nothing but the proxy path reaches Headlamp (its own NetworkPolicy), and nothing but the ingress
    // controller reaches oauth2-proxy.
    const peer = (p.ingressControllerPeer ?? IngressControllerPeer.of(controller)).toPeer();
    // The ID token Headlamp forwards is oauth2-proxy's: issued to its client, from its provider.
    this.tokenIdentity = p.clientId && p.provider.issuerUrl ? {
      source: `${TYPE} '${this.node.path}'`,
      issuerUrl: p.provider.issuerUrl,
      audience: p.clientId,
      claims: resolveClaims(p.provider._options.claims, p.provider._facts),
      ...nameFormats(p.provider._options.claims, p.provider._facts),
    } : undefined;
    headlamp._addFrontend(this, TYPE, { ingress: [{ peer: forward ? peer : { podSelector: { matchLabels: selector } } }] }, !forward, this.tokenIdentity);
    new k8s.KubeNetworkPolicy(this, 'NetworkPolicy', {
      metadata: { name, labels },
      spec: {
        podSelector: { matchLabels: selector },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [peer], ports: [{ port: k8s.IntOrString.fromNumber(OAUTH2_PROXY_PORT), protocol: 'TCP' }] }],
        egress: [
          dnsEgress(),
          // The identity provider (discovery, token, JWKS) over HTTPS.
          { to: p.identityProviderCidrs?.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ port: k8s.IntOrString.fromNumber(443), protocol: 'TCP' }] },
          // The upstream, in reverse-proxy mode: Headlamp's pods only.
          ...(forward ? [] : [{
            to: [{ podSelector: { matchLabels: headlamp.selectorLabels } }],
            ports: [{ port: k8s.IntOrString.fromNumber(HEADLAMP_PORT), protocol: 'TCP' }],
          }]),
          // Redis sessions, when configured.
          ...(p.redisConnectionUrl ? [{ ports: [{ port: k8s.IntOrString.fromNumber(p.redisPort ?? 6379), protocol: 'TCP' }] }] : []),
        ],
      },
    });
    assertUniqueNames(this, TYPE);
  }

  /**
   * Traefik forward-auth chain, in order: blank every identity header (defence in depth, BEFORE forwardAuth,
   * which would otherwise lose what it injects), then forwardAuth copying exactly the identity headers from
   * oauth2-proxy's response. Sign-in: forwardAuth's `authSigninURL` (Traefik v3.7+), or for older Traefik an
   * errors Middleware between the two that serves oauth2-proxy's sign-in page for a 401.
   */
  private traefikMiddlewares(name: string, labels: Record<string, string>, headerNames: string[],
    o: { signIn: TraefikSignIn; cookieName: string; signInUrl: string }): string[] {
    const strip = traefikMiddleware(this, 'StripIdentityHeaders', {
      metadata: { name: `${name}-strip-identity`, labels },
      spec: { headers: { customRequestHeaders: Object.fromEntries(headerNames.map((h) => [h, ''])) } },
    });
    this.middlewares.push(strip);
    if (o.signIn === TraefikSignIn.ERRORS_PAGE) {
      this.middlewares.push(traefikMiddleware(this, 'SignInErrors', {
        metadata: { name: `${name}-sign-in`, labels },
        spec: {
          errors: {
            // 401 only: a 403 from oauth2-proxy (email or group not allowed) must not loop back to sign-in.
            status: ['401'],
            service: { name, port: traefikImports().MiddlewareSpecErrorsServicePort.fromNumber(OAUTH2_PROXY_PORT) },
            // Since Traefik 3.5.2 {url} is the escaped absolute URL; the host is in --whitelist-domain.
            query: '/oauth2/sign_in?rd={url}',
          },
        },
      }));
    }
    this.middlewares.push(traefikMiddleware(this, 'ForwardAuth', {
      metadata: { name: `${name}-forward-auth`, labels },
      spec: {
        forwardAuth: {
          address: this.authUrl,
          authResponseHeaders: headerNames,
          trustForwardHeader: false,
          // The session cookie oauth2-proxy refreshes on /oauth2/auth, whole or split (pkg/middlewares/auth/forward.go
          // copies only the auth-response cookies named here).
          addAuthCookiesToResponse: [o.cookieName, ...Array.from({ length: MAX_COOKIE_PARTS }, (_, i) => `${o.cookieName}_${i}`)],
          ...(o.signIn === TraefikSignIn.AUTH_SIGNIN_URL ? { authSigninUrl: o.signInUrl } : {}),
        },
      },
    }));
    return this.middlewares.map((m) => m.name);
  }

  /** A Secret holding a cookie secret derived from the user's key (the named unsafe opt-in). */
  private derivedCookieSecret(source: SynthTimeSecret, context: string, secretName: string, labels: Record<string, string>): SecretKeyRef {
    const key = source._readAtLeast(this, TYPE, 'props.unsafeCookieSecretInManifestsFrom', MIN_HASH_KEY_LENGTH, 'key');
    new k8s.KubeSecret(this, 'CookieSecret', {
      metadata: { name: secretName, labels },
      type: 'Opaque',
      data: { 'cookie-secret': Buffer.from(deriveCookieSecret(key, context)).toString('base64') },
    });
    return SecretKeyRef.fromName(secretName, 'cookie-secret');
  }
}
