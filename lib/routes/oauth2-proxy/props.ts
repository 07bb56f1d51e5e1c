// OAuth2ProxyFrontend's props: the mode and sign-in enums, the props interface, its zod schema and the checks across
// props.
import { Construct } from 'constructs';
import { z } from 'zod';
import { SynthTimeSecret } from '../../auth/basic-auth-credentials';
import { resolveClaims } from '../../auth/claim-mapping';
import { HeadlampAuthMode } from '../../auth/headlamp-auth';
import { fail } from '../../core/errors';
import {
  bool,
  clientId,
  dnsSubdomain,
  instance,
  int,
  lazy,
  oneOf,
  pattern,
  sameShape,
  secretKey,
  uniqueList,
  wholeSeconds,
} from '../../core/schema';
import { SecretKeyRef } from '../../core/secret-ref';
import { HeadlampIngressProps, IngressController, ingressShape } from '../ingress-options';
import { OAuth2ProxyCookieOptions, resolveCookie, ResolvedCookie } from './cookie';
import { OAuth2ProxyProvider } from './provider';

/**
 * oauth2-proxy image tag the library pins (7.15.2 fixed critical auth bypasses). 7.15.6 is the version the real
 * suites run (test/real/oauth2-proxy.test.ts); its Entra ID provider reads the tenant from the `tid` claim, where
 * 7.15.3 accepted only `https://login.microsoftonline.com/<tenant>/v2.0` issuers (providers/ms_entra_id.go).
 */
export const OAUTH2_PROXY_VERSION = '7.15.6';

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

/** How an unauthenticated browser reaches the sign-in flow through Traefik (forward-auth mode). */
export enum TraefikSignIn {
  /**
   * Traefik v3.7+: forwardAuth's `authSigninURL` turns a 401 from `/oauth2/auth` (and only from it) into a
   * 302 to oauth2-proxy's `/oauth2/start`. Headlamp's own 401/403 answers reach the browser unchanged.
   * Deep links are lost: Traefik uses the URL as given (no placeholder for the request), so after sign-in the
   * user lands on Headlamp's base URL, not on the page they opened. `ERRORS_PAGE` and ingress-nginx keep it.
   */
  AUTH_SIGNIN_URL = 'auth-signin-url',
  /**
   * Traefik v3.0 to v3.6 (no `authSigninURL`), or to keep deep links: an `errors` Middleware serves
   * oauth2-proxy's sign-in page for a 401, with the requested URL as `rd` (the user returns to it). The errors
   * middleware keeps the caught status, so oauth2-proxy's provider button stays on
   * (`--skip-provider-button` would answer with a 302 that the browser receives as a 401: a dead end).
   * Caveat: a 401 from Headlamp itself is answered with the sign-in page too.
   */
  ERRORS_PAGE = 'errors-page',
}

/** Keys of {@link OAuth2ProxyFrontendProps.credentialsSecret}. */
export interface OAuth2ProxyCredentialsKeys {
  /** @default 'client-id' */
  readonly clientId?: string;
  /** @default 'client-secret' */
  readonly clientSecret?: string;
  /** @default 'cookie-secret' */
  readonly cookieSecret?: string;
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
  readonly credentialsKeys?: OAuth2ProxyCredentialsKeys;
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
   * Forward-auth on Traefik: how a browser without a session gets to the sign-in flow. The default lands users on
   * Headlamp's base URL after sign-in (deep links lost); `TraefikSignIn.ERRORS_PAGE` returns them to the page they
   * opened.
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
   * @default 'v7.15.6'
   */
  readonly imageTag?: string;
}

/** @internal */
export const frontendPropsSchema = lazy(() =>
  z.strictObject({
    ...ingressShape(),
    mode: oneOf(OAuth2ProxyMode, 'OAuth2ProxyMode'),
    provider: instance(OAuth2ProxyProvider, 'OAuth2ProxyProvider.oidc(...) or another factory'),
    credentialsSecret: dnsSubdomain,
    clientId: clientId.optional(),
    credentialsKeys: z
      .strictObject({
        clientId: secretKey.optional(),
        clientSecret: secretKey.optional(),
        cookieSecret: secretKey.optional(),
      })
      .optional(),
    clientSecretAsFile: bool.optional(),
    unsafeCookieSecretInManifestsFrom: instance(
      SynthTimeSecret,
      'SynthTimeSecret.fromEnv(...) or .fromFile(...)',
    ).optional(),
    emailDomains: uniqueList(
      pattern(/^(\*|[a-z0-9.-]+)$/, "an email domain such as 'example.com', or '*'"),
      'email domains',
    ).refine((xs) => xs.length > 0, {
      error: "expected at least one email domain (['*'] allows any, say so explicitly)",
    }),
    allowedGroups: uniqueList(pattern(/^[^\s,]+$/, 'a group without spaces or commas'), 'groups').optional(),
    scopes: uniqueList(pattern(/^[^\s]+$/, 'a scope without spaces'), 'scopes').optional(),
    cookie: z
      .strictObject({
        name: pattern(
          /^[A-Za-z0-9_-]{1,200}$/,
          "a cookie name of letters, digits, '_' and '-' such as '_oauth2_proxy'",
        ).optional(),
        domain: pattern(/^\.?[a-z0-9.-]+$/, "a cookie domain such as '.example.com'").optional(),
        sameSite: z.enum(['lax', 'strict', 'none'], { error: "expected 'lax', 'strict' or 'none'" }).optional(),
        expire: wholeSeconds.optional(),
        refresh: wholeSeconds.optional(),
        unsafeInsecure: bool.optional(),
      })
      .optional(),
    traefikSignIn: oneOf(TraefikSignIn, 'TraefikSignIn').optional(),
    redisConnectionUrl: instance(SecretKeyRef, 'SecretKeyRef.fromName(...)').optional(),
    trustedProxyIps: z.array(pattern(/^[0-9a-fA-F:.]+(\/\d{1,3})?$/, "an IP or CIDR such as '10.0.0.0/8'")).optional(),
    identityProviderCidrs: z.array(pattern(/^[0-9a-fA-F:.]+\/\d{1,3}$/, "a CIDR such as '203.0.113.0/24'")).optional(),
    redisPort: int(1, 65535).optional(),
    replicas: int(1).optional(),
    imageTag: pattern(
      /^v7\.(1[5-9]|[2-9]\d)\.\d+$|^v([89]|\d{2,})\.\d+\.\d+$/,
      'an oauth2-proxy tag v7.15.3 or later (7.15.2 fixed critical auth bypasses)',
    )
      .refine((t) => t !== 'v7.15.0' && t !== 'v7.15.1' && t !== 'v7.15.2', {
        error: 'expected an oauth2-proxy tag v7.15.3 or later',
      })
      .optional(),
  }),
);
sameShape<z.output<ReturnType<typeof frontendPropsSchema>>, OAuth2ProxyFrontendProps>(true);

/** @internal The props after parsing. */
export type FrontendProps = z.output<ReturnType<typeof frontendPropsSchema>>;

/**
 * @internal
 * The checks that need more than one prop (in the order the messages were always reported): mode against
 * Headlamp's auth, routes around the proxy, a provider the mode can use, the cookie, Keycloak group paths and
 * the Traefik sign-in choice. Returns the cookie settings, defaults applied.
 */
export function checkFrontendProps(
  scope: Construct,
  constructType: string,
  p: FrontendProps,
  controller: IngressController,
): ResolvedCookie {
  const forward = p.mode === OAuth2ProxyMode.FORWARD_AUTH;
  const expected = forward ? HeadlampAuthMode.IDENTITY_AWARE_PROXY : HeadlampAuthMode.SERVICE_ACCOUNT_TOKEN;
  if (p.headlamp.auth.mode !== expected) {
    fail(
      scope,
      constructType,
      'props.mode',
      `${p.mode} mode needs the HeadlampDeployment's auth to be ${expected}, got ${p.headlamp.auth.mode}; ` +
        (forward
          ? 'use auth: HeadlampAuth.identityAwareProxy()'
          : 'leave auth at HeadlampAuth.serviceAccountToken() (the Authorization header carries the token)'),
    );
  }
  if (p.extraPaths !== undefined) {
    fail(
      scope,
      constructType,
      'props.extraPaths',
      'would route around oauth2-proxy, got extraPaths; give other paths an Ingress of their own',
    );
  }
  if (p.unsafeBypassAuthProxy !== undefined) {
    fail(
      scope,
      constructType,
      'props.unsafeBypassAuthProxy',
      'applies to routes that go around an OAuth2ProxyFrontend, not to the frontend itself; drop it',
    );
  }
  if (!forward && p.headlamp.podTls) {
    fail(
      scope,
      constructType,
      'props.headlamp',
      'reverse-proxy mode does not support a Headlamp serving TLS itself (podTlsSecret) yet, ' +
        'got a HeadlampDeployment with podTlsSecret; drop podTlsSecret (the NetworkPolicy admits only oauth2-proxy) ' +
        'or use forward-auth mode',
    );
  }
  if (!forward && !p.provider.issuerUrl) {
    fail(
      scope,
      constructType,
      'props.provider',
      `reverse-proxy mode forwards an ID token to Kubernetes, got provider ${p.provider.type} which has none; ` +
        'use an OIDC provider',
    );
  }
  const cookie = resolveCookie(scope, constructType, p.cookie ?? {}, p.provider, p.hosts);
  const bare = p.provider._fullGroupPaths ? (p.allowedGroups ?? []).findIndex((g) => !g.startsWith('/')) : -1;
  if (bare >= 0) {
    fail(
      scope,
      constructType,
      `props.allowedGroups[${bare}]`,
      `Keycloak's group mapper sends full paths, got ${JSON.stringify(p.allowedGroups![bare])}; ` +
        `write '/${p.allowedGroups![bare]}' (a subgroup as '/parent/child'), or keycloakOidc(issuerUrl, { ` +
        `fullGroupPath: false }) ` +
        'if the mapper\'s "Full group path" is off',
    );
  }
  const bareNames = p.provider._facts.groupNames === 'keycloak-name';
  const path = bareNames ? (p.allowedGroups ?? []).findIndex((g) => g.startsWith('/')) : -1;
  if (path >= 0) {
    const name = p.allowedGroups![path].split('/').filter(Boolean).pop() ?? '';
    fail(
      scope,
      constructType,
      `props.allowedGroups[${path}]`,
      'the group mapper sends bare names (fullGroupPath: false), ' +
        `got ${JSON.stringify(p.allowedGroups![path])}, which no group would match; write ${JSON.stringify(name)}, ` +
        `or ` +
        'keycloakOidc(issuerUrl) ' +
        'if the mapper\'s "Full group path" is on',
    );
  }
  checkAllowedGroupsClaim(scope, constructType, p);
  if (p.traefikSignIn && (!forward || controller !== IngressController.TRAEFIK)) {
    fail(
      scope,
      constructType,
      'props.traefikSignIn',
      `applies to forward-auth mode on Traefik, got ${p.mode} mode on ${controller}; drop it`,
    );
  }
  return cookie;
}

/**
 * `allowedGroups` and RBAC must read the same groups: oauth2-proxy checks them against the groups it reads (see
 * OAuth2ProxyProvider._proxyGroups), the API server maps the groups claim of the provider's claim mapping. A user
 * could otherwise pass the gate and get none of the RBAC written for those groups, or the reverse.
 */
function checkAllowedGroupsClaim(scope: Construct, constructType: string, p: FrontendProps): void {
  if (!p.allowedGroups) return;
  const proxy = p.provider._proxyGroups;
  if (!proxy) {
    fail(
      scope,
      constructType,
      'props.allowedGroups',
      `oauth2-proxy has no groups for the ${p.provider.type} provider (they come only from ` +
        `Google's Admin SDK, which this construct does not configure), got ${p.allowedGroups.length} group(s); ` +
        `nobody could sign in. ` +
        'Drop allowedGroups and restrict sign-in with emailDomains',
    );
  }
  const rbac = resolveClaims(p.provider._options.claims, p.provider._facts).groupsClaim;
  if (rbac !== proxy.claim) {
    fail(
      scope,
      constructType,
      'props.allowedGroups',
      `oauth2-proxy checks them against ${proxy.says}, but the provider's claim mapping ` +
        `gives RBAC the '${rbac}' claim (props.provider claims.groupsClaim); a user could pass the one and not the ` +
        `other. Map RBAC groups ` +
        `from the same claim (claims: { groupsClaim: '${proxy.claim}' }), or drop allowedGroups and let RBAC decide`,
    );
  }
}
