// The Traefik side of forward-auth: how a browser without a session reaches sign-in, and the Middleware chain in front
// of Headlamp.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { traefikImports, traefikMiddleware } from '../render-ingress';
import { MAX_COOKIE_PARTS } from './cookie';
import { OAUTH2_PROXY_PORT, TraefikSignIn } from './props';

/** @internal What the forward-auth chain is built from. */
export interface TraefikForwardAuthOptions {
  /** Name prefix of the Middlewares, and oauth2-proxy's Service name. */
  readonly name: string;
  readonly labels: Record<string, string>;
  /** The identity headers Headlamp trusts, copied from the auth response. */
  readonly headerNames: string[];
  /** In-cluster URL of `/oauth2/auth`. */
  readonly authUrl: string;
  readonly signIn: TraefikSignIn;
  readonly cookieName: string;
  /** Where `authSigninURL` sends a browser without a session. */
  readonly signInUrl: string;
}

/**
 * @internal
 * Traefik forward-auth chain, in order: blank every identity header (defence in depth, BEFORE forwardAuth,
 * which would otherwise lose what it injects), then forwardAuth copying exactly the identity headers from
 * oauth2-proxy's response. Sign-in: forwardAuth's `authSigninURL` (Traefik v3.7+), or for older Traefik an
 * errors Middleware between the two that serves oauth2-proxy's sign-in page for a 401.
 * The Middlewares are created in `scope` and returned in the order they run.
 */
export function traefikForwardAuthMiddlewares(scope: Construct, o: TraefikForwardAuthOptions): ApiObject[] {
  const middlewares: ApiObject[] = [];
  middlewares.push(
    traefikMiddleware(scope, 'StripIdentityHeaders', {
      metadata: { name: `${o.name}-strip-identity`, labels: o.labels },
      spec: { headers: { customRequestHeaders: Object.fromEntries(o.headerNames.map((h) => [h, ''])) } },
    }),
  );
  if (o.signIn === TraefikSignIn.ERRORS_PAGE) {
    middlewares.push(
      traefikMiddleware(scope, 'SignInErrors', {
        metadata: { name: `${o.name}-sign-in`, labels: o.labels },
        spec: {
          errors: {
            // 401 only: a 403 from oauth2-proxy (email or group not allowed) must not loop back to sign-in.
            status: ['401'],
            service: {
              name: o.name,
              port: traefikImports().MiddlewareSpecErrorsServicePort.fromNumber(OAUTH2_PROXY_PORT),
            },
            // Since Traefik 3.5.2 {url} is the escaped absolute URL; the host is in --whitelist-domain.
            query: '/oauth2/sign_in?rd={url}',
          },
        },
      }),
    );
  }
  middlewares.push(
    traefikMiddleware(scope, 'ForwardAuth', {
      metadata: { name: `${o.name}-forward-auth`, labels: o.labels },
      spec: {
        forwardAuth: {
          address: o.authUrl,
          authResponseHeaders: o.headerNames,
          trustForwardHeader: false,
          // The session cookie oauth2-proxy refreshes on /oauth2/auth, whole or split (pkg/middlewares/auth/forward.go
          // copies only the auth-response cookies named here).
          addAuthCookiesToResponse: [
            o.cookieName,
            ...Array.from({ length: MAX_COOKIE_PARTS }, (_, i) => `${o.cookieName}_${i}`),
          ],
          ...(o.signIn === TraefikSignIn.AUTH_SIGNIN_URL ? { authSigninUrl: o.signInUrl } : {}),
        },
      },
    }),
  );
  return middlewares;
}
