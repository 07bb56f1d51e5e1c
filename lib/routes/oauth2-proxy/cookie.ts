// oauth2-proxy's session cookie: the cookie options, their synth-time checks and the derived cookie secret.
import { Duration } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import type * as cryptoTypes from 'node:crypto';
import { MIN_HASH_KEY_LENGTH, SynthTimeSecret } from '../../auth/basic-auth-credentials';
import { fail } from '../../core/errors';
import { SecretKeyRef } from '../../core/secret-ref';
import type { OAuth2ProxyProvider } from './provider';

/** Cookie settings (legacy flags in both modes). */
export interface OAuth2ProxyCookieOptions {
  /**
   * Cookie name (`--cookie-name`). Sessions over 4 KB are split into `<name>_0`, `<name>_1`, ...; Traefik copies
   * the refreshed cookie and its parts from the auth response to the browser (`addAuthCookiesToResponse`).
   * @default '_oauth2_proxy'
   */
  readonly name?: string;
  /**
   * Cookie domain; it must cover every host of the frontend, or browsers drop the cookie (a login loop). A public
   * suffix (a single label such as `com`, or `co.uk`, `github.io`, ...) is refused: browsers drop those too.
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

/** @internal oauth2-proxy's default session cookie name (pkg/apis/options/cookie.go). */
const DEFAULT_COOKIE_NAME = '_oauth2_proxy';

/**
 * @internal
 * Split parts of a large session cookie Traefik is told to pass on: `<name>_0` ... `<name>_4`, 20 KB of session.
 * oauth2-proxy splits at 4000 bytes (pkg/sessions/cookie/session_store.go, splitCookie); sessions larger than
 * this need `redisConnectionUrl` anyway (browsers and proxies cap the Cookie header).
 */
export const MAX_COOKIE_PARTS = 5;

/** The refresh interval derived from an ID-token lifetime: 80 % of it, at most 1 hour, whole seconds. */
export function defaultCookieRefresh(idTokenLifetime: Duration): Duration {
  return Duration.seconds(Math.min(Math.floor(idTokenLifetime.toSeconds() * 0.8), 3600));
}

/** Whether a cookie domain (`example.com` or `.example.com`) covers `host`. */
function cookieDomainCovers(domain: string, host: string): boolean {
  const d = domain.replace(/^\./, '');
  return host === d || host.endsWith(`.${d}`);
}

/**
 * Common public suffixes of more than one label, under which anyone can register a name: browsers refuse a cookie
 * whose Domain is one of them (RFC 6265 5.3 step 5, with the Public Suffix List). A small list, checked against the
 * Public Suffix List (github.com/publicsuffix/list, public_suffix_list.dat): country second levels and the shared
 * hosting domains people put Headlamp under. Every single label (`com`, `io`, `internal`) is refused as well.
 */
const PUBLIC_SUFFIXES: ReadonlySet<string> = new Set([
  'co.uk',
  'org.uk',
  'ac.uk',
  'gov.uk',
  'me.uk',
  'com.au',
  'net.au',
  'org.au',
  'co.nz',
  'co.jp',
  'ne.jp',
  'co.kr',
  'com.br',
  'com.cn',
  'co.in',
  'co.za',
  'com.mx',
  'com.tr',
  'com.sg',
  'com.hk',
  'github.io',
  'gitlab.io',
  'herokuapp.com',
  'azurewebsites.net',
  'cloudapp.net',
  'trafficmanager.net',
  'azurestaticapps.net',
  'cloudfront.net',
  'elasticbeanstalk.com',
  's3.amazonaws.com',
  'appspot.com',
  'web.app',
  'firebaseapp.com',
  'netlify.app',
  'vercel.app',
  'pages.dev',
  'workers.dev',
  'blogspot.com',
  'onrender.com',
  'fly.dev',
  'ngrok.io',
  'ngrok-free.app',
]);

/** What makes a cookie domain a public suffix ("a single label", "a public suffix"), or undefined. */
function publicSuffix(domain: string): string | undefined {
  const d = domain.replace(/^\./, '').replace(/\.$/, '');
  if (!d.includes('.')) return 'a single label (a top-level domain)';
  return PUBLIC_SUFFIXES.has(d) ? 'a public suffix (anyone can register a name under it)' : undefined;
}

/** @internal Go duration for oauth2-proxy flags: `8h0m0s` style is accepted as `28800s`. */
export const goDuration = (d: Duration) => `${d.toSeconds()}s`;

/** URL-safe base64 without padding of 32 HMAC bytes: a cookie secret oauth2-proxy accepts. */
export function deriveCookieSecret(key: string, context: string): string {
  // node:crypto loads only when a cookie secret is derived (it costs ~10 ms at start-up).
  const { createHmac }: typeof cryptoTypes = require('node:crypto');
  return createHmac('sha256', key).update(`oauth2-proxy-cookie-secret\0${context}`).digest('base64url');
}

/** @internal The cookie settings oauth2-proxy is started with, defaults applied. */
export interface ResolvedCookie {
  readonly name: string;
  readonly expire: Duration;
  readonly refresh: Duration;
  readonly options: OAuth2ProxyCookieOptions;
}

/**
 * @internal
 * Applies the cookie defaults and refuses settings oauth2-proxy or the browser would break on: a refresh not
 * shorter than the ID-token lifetime or `expire`, a domain that does not cover every host.
 */
export function resolveCookie(
  scope: Construct,
  constructType: string,
  cookie: OAuth2ProxyCookieOptions,
  provider: OAuth2ProxyProvider,
  hosts: readonly string[],
): ResolvedCookie {
  const expire = cookie.expire ?? Duration.hours(8);
  const lifetime = provider.idTokenLifetime;
  const refresh = cookie.refresh ?? (lifetime ? defaultCookieRefresh(lifetime) : Duration.hours(1));
  if (lifetime && refresh.toSeconds() >= lifetime.toSeconds()) {
    fail(
      scope,
      constructType,
      'props.cookie.refresh',
      `expected a refresh interval shorter than the provider's ID-token lifetime ` +
        `(${lifetime.toSeconds()} s), got ${refresh.toSeconds()} s; oauth2-proxy would forward expired ID tokens to ` +
        `the API server ` +
        "(set a shorter refresh, or the provider's real idTokenLifetime)",
    );
  }
  if (refresh.toSeconds() >= expire.toSeconds()) {
    fail(
      scope,
      constructType,
      'props.cookie.refresh',
      `expected a refresh interval shorter than cookie.expire (${expire.toSeconds()} s), ` +
        `got ${refresh.toSeconds()} s; oauth2-proxy refuses to start otherwise`,
    );
  }
  const suffix = cookie.domain ? publicSuffix(cookie.domain) : undefined;
  if (suffix) {
    fail(
      scope,
      constructType,
      'props.cookie.domain',
      `expected a domain of your own, got ${JSON.stringify(cookie.domain)}, ${suffix}; browsers ` +
        'refuse cookies for it (a login loop). Use a domain of yours that covers every host, or leave it unset (the ' +
        'request host)',
    );
  }
  const uncovered = cookie.domain ? hosts.find((h) => !cookieDomainCovers(cookie.domain!, h)) : undefined;
  if (uncovered) {
    fail(
      scope,
      constructType,
      'props.cookie.domain',
      `expected a domain that covers every host, got ${JSON.stringify(cookie.domain)} which does not ` +
        `cover ${uncovered}; browsers would drop the cookie (a login loop). Use the host's parent domain, or leave ` +
        `it unset`,
    );
  }
  return { name: cookie.name ?? DEFAULT_COOKIE_NAME, expire, refresh, options: cookie };
}

/**
 * @internal A Secret (id `CookieSecret` in `scope`) holding a cookie secret derived from the user's key (the named
 * unsafe opt-in).
 */
export function derivedCookieSecret(
  scope: Construct,
  constructType: string,
  source: SynthTimeSecret,
  context: string,
  secretName: string,
  labels: Record<string, string>,
): SecretKeyRef {
  const key = source._readAtLeast(
    scope,
    constructType,
    'props.unsafeCookieSecretInManifestsFrom',
    MIN_HASH_KEY_LENGTH,
    'key',
  );
  new k8s.KubeSecret(scope, 'CookieSecret', {
    metadata: { name: secretName, labels },
    type: 'Opaque',
    data: { 'cookie-secret': Buffer.from(deriveCookieSecret(key, context)).toString('base64') },
  });
  return SecretKeyRef.fromName(secretName, 'cookie-secret');
}
