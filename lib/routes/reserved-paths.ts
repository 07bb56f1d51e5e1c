// The paths a route to Headlamp leaves to the sign-in flows: Headlamp's <base-url>/oidc and /oidc-callback,
// oauth2-proxy's /oauth2.

/** A path the sign-in flow needs, and whose it is. */
interface ReservedPath {
  readonly path: string;
  /** The path and everything under it (`/oauth2/...`), or the path alone. */
  readonly subtree: boolean;
  readonly owner: string;
}

/**
 * Headlamp's OIDC login (`<base-url>/oidc` starts it, `<base-url>/oidc-callback` receives the IdP) and oauth2-proxy's
 * own paths.
 */
function reservedPaths(baseUrl: string): ReservedPath[] {
  return [
    { path: `${baseUrl}/oidc`, subtree: false, owner: "Headlamp's OIDC login" },
    { path: `${baseUrl}/oidc-callback`, subtree: false, owner: "Headlamp's OIDC login" },
    { path: '/oauth2', subtree: true, owner: "oauth2-proxy's own paths" },
  ];
}

/**
 * One character of a route's path against one of a request path: '.' is any character in ingress-nginx's regex mode.
 */
const charMatches = (routeChar: string, requestChar: string | undefined) =>
  routeChar === '.' || routeChar === requestChar;

/**
 * Whether a route path can take requests meant for `reserved`, under any of the ways the controllers read it:
 * - Traefik v3.7.9 turns `Prefix` into `PathPrefix`, a character-wise prefix (pkg/provider/kubernetes/ingress/
 *   kubernetes.go buildRule, without strictPrefixMatching; pkg/muxer/http/matcher.go): `/oidc` takes `/oidc-callback`.
 * - ingress-nginx v1.15.1 writes every location of a host as `~* "^<path>"` once one Ingress of the host uses a regex
 *   (internal/ingress/controller/template/template.go buildLocation): case-insensitive, `.` any character, `Exact`
 *   a prefix too.
 * - nginx answers a request for `/x` with a 301 to `/x/` when a proxied prefix location is `/x/` (ngx_http_core_module,
 *   `location`): a trailing slash takes the path without it.
 * A route also "takes" the reserved path when it lies under a reserved subtree (`/oauth2/callback`).
 */
function takesOver(routePath: string, reserved: ReservedPath): boolean {
  const route = routePath
    .toLowerCase()
    .replace(/\/{2,}/g, '/')
    .replace(/(.)\/$/, '$1');
  const target = reserved.path.toLowerCase();
  const coversTarget = route.length <= target.length && [...route].every((c, i) => charMatches(c, target[i]));
  const underTarget =
    reserved.subtree &&
    route.length > target.length &&
    [...target].every((c, i) => charMatches(route[i], c)) &&
    charMatches(route[target.length], '/');
  return coversTarget || underTarget;
}

/**
 * @internal
 * Why an extra path on a route to Headlamp is refused because it would take over a sign-in path, or undefined.
 * Refused whatever else the route says (`unsafeBypassAuthProxy` included): the proxy's and Headlamp's own login
 * paths stay theirs on every host that reaches Headlamp.
 */
export function reservedPathTakenOver(routePath: string, pathType: string, baseUrl: string): string | undefined {
  const hit = reservedPaths(baseUrl).find((r) => takesOver(routePath, r));
  if (!hit) return undefined;
  const [what, them] = hit.subtree ? [`${hit.path} and everything under it`, 'them'] : [hit.path, 'it'];
  return (
    `would take over ${what} (${hit.owner}), got ${JSON.stringify(routePath)} (${pathType}); the sign-in flow ` +
    `needs ${them}: ` +
    `pick a path that neither covers nor lies under ${hit.path} (paths compare as ingress-nginx and Traefik may ` +
    "read them: case-insensitively, trailing slash ignored, '.' as any character); unsafeBypassAuthProxy does not " +
    'lift this'
  );
}
