// The ingress-nginx side of forward-auth: the external-auth annotations that send every request to oauth2-proxy's
// /oauth2/auth.
/**
 * @internal
 * ingress-nginx external-auth annotations for Headlamp's Ingress (annotations/authreq at controller v1.15.1):
 * `authUrl` answers 202 or 401, a 401 sends the browser to sign-in on `host` with the request URI as `rd`.
 */
export function nginxAuthAnnotations(
  authUrl: string,
  host: string,
  headerNames: readonly string[],
): Record<string, string> {
  return {
    'nginx.ingress.kubernetes.io/auth-url': authUrl,
    'nginx.ingress.kubernetes.io/auth-signin': `https://${host}/oauth2/start?rd=$escaped_request_uri`,
    // Each listed header replaces the client's copy (or is removed when the auth response lacks it).
    'nginx.ingress.kubernetes.io/auth-response-headers': headerNames.join(','),
    // The ID token header is large: nginx fails with "upstream sent too big header" otherwise.
    'nginx.ingress.kubernetes.io/proxy-buffer-size': '16k',
    // A refreshed session cookie from /oauth2/auth reaches the browser on every answer, 401/403 included
    // (nginx.tmpl: `add_header Set-Cookie $auth_cookie always`).
    'nginx.ingress.kubernetes.io/auth-always-set-cookie': 'true',
  };
}
