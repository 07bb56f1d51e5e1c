// Session affinity: with Headlamp's own OIDC login and 2+ replicas every route keeps a browser on one pod (the login
// state lives in one process); the cookie each kind of route sets, ClientIP affinity on an exposed Service, and the
// settings that would undo it.
import { Construct } from 'constructs';
import { HeadlampAuthMode } from '../auth/headlamp-auth';
import { fail } from '../core/errors';

/** @internal What kind of route reaches Headlamp, for the affinity it must keep. */
export enum RouteKind {
  /** An Ingress served by ingress-nginx: affinity annotations on the Ingress. */
  INGRESS_NGINX = 'ingress-nginx',
  /** An Ingress served by Traefik's Kubernetes Ingress provider: the sticky cookie is read from the Service. */
  TRAEFIK = 'traefik',
  /** A Gateway API HTTPRoute: no session persistence in the standard channel. */
  GATEWAY_API = 'gateway-api',
}

/** Headlamp's default `-session-ttl` in seconds (backend/pkg/config/config.go, v0.45.0). */
const DEFAULT_SESSION_TTL_SECONDS = 86400;

/**
 * @internal The cookie that keeps a browser on one Headlamp pod, when Headlamp needs one.
 *
 * Why: Headlamp v0.45 keeps the OIDC state and PKCE verifier of a login in the memory of the pod that served
 * `/oidc` (backend/cmd/headlamp.go, oauthRequestMap), and later the refresh token in that pod's cache
 * (backend/pkg/auth/auth.go): `/oidc-callback` on another pod answers 400 "invalid request", and an expired ID
 * token cannot be refreshed on another pod (upstream issues 4019 and 5401; the signed-state fix was not released).
 */
export interface SessionAffinity {
  /** The cookie's name: ours, so it never collides with another app's on the same host. */
  readonly cookieName: string;
  /**
   * Max-Age, in seconds: twice the session TTL. The cookie starts at the first page a browser loads, the
   * session at the login, which may come later; neither controller renews the cookie while it points at a live pod.
   */
  readonly maxAgeSeconds: number;
  /** The HeadlampDeployment, for messages: `HeadlampDeployment 'prod/headlamp'`. */
  readonly owner: string;
  /** How many pods can serve a browser. */
  readonly replicas: number;
}

/**
 * SameSite of the cookie: Lax, never Strict. The identity provider sends the browser back to `/oidc-callback` by a
 * redirect that starts on the provider's site: a cross-site, top-level GET navigation (Headlamp reads `code` and
 * `state` from the query, backend/cmd/headlamp.go, no form_post). Browsers send a Lax cookie on such a navigation
 * and withhold a Strict one; without the cookie the controller would pick a pod at random (and overwrite the
 * cookie), which is the very failure this prevents. None would also send it on cross-site subrequests, for nothing.
 */
const SAME_SITE = 'Lax';

/**
 * @internal The affinity routes must keep, or undefined when any pod can serve any request: only Headlamp's own
 * OIDC login keeps state in a pod, and only with more than one pod does it matter. `replicas` is the most pods
 * that can run (the library renders no autoscaler; a maximum of one would count here).
 */
export function sessionAffinity(o: {
  owner: string;
  authMode: HeadlampAuthMode;
  replicas: number;
  sessionTtlSeconds?: number;
  name: string;
  baseUrl: string;
}): SessionAffinity | undefined {
  if (o.authMode !== HeadlampAuthMode.OIDC || o.replicas < 2) return undefined;
  return {
    cookieName: `${o.name}-affinity`,
    maxAgeSeconds: 2 * (o.sessionTtlSeconds ?? DEFAULT_SESSION_TTL_SECONDS),
    owner: o.owner,
    replicas: o.replicas,
  };
}

/** Why the affinity is there, for messages. */
const why = (a: SessionAffinity) =>
  `${a.replicas} replicas with Headlamp's own OIDC login (a login's state and refresh token stay in the pod that ` +
  `started it)`;

const NGINX = 'nginx.ingress.kubernetes.io/';
const TRAEFIK_STICKY = 'traefik.ingress.kubernetes.io/service.sticky.cookie';

/**
 * @internal ingress-nginx (controller v1.15.1): cookie affinity on the Ingress. `persistent` pins a browser to
 * its pod until that pod leaves the endpoints (`balanced` would move sessions when the Deployment scales up).
 * HttpOnly needs no annotation: rootfs/etc/nginx/lua/balancer/sticky.lua always sets it. Secure is set
 * explicitly: unset, it follows the request's scheme at the controller (plain HTTP behind a TLS load balancer).
 * The cookie path is the Ingress path (Headlamp's base URL), the controller's default.
 */
function ingressNginxAffinity(a: SessionAffinity): Record<string, string> {
  return {
    [`${NGINX}affinity`]: 'cookie',
    [`${NGINX}affinity-mode`]: 'persistent',
    [`${NGINX}session-cookie-name`]: a.cookieName,
    [`${NGINX}session-cookie-secure`]: 'true',
    [`${NGINX}session-cookie-samesite`]: SAME_SITE,
    [`${NGINX}session-cookie-max-age`]: String(a.maxAgeSeconds),
    // Pinned, not left to the default: `true` sends every request to the ClusterIP, where no cookie can pin a pod.
    [`${NGINX}service-upstream`]: 'false',
  };
}

/**
 * @internal Traefik v3 (Kubernetes Ingress provider): the sticky cookie is a setting of the Service, read from its
 * annotations (pkg/provider/kubernetes/ingress/annotations.go); Traefik writes each attribute as given
 * (pkg/server/service/loadbalancer/sticky.go), HttpOnly and Secure only when asked, path `/`.
 * Only what every Traefik v3 knows: an annotation the running Traefik cannot decode drops the whole Service (an
 * outage). `maxAge` is there from v3.0.0 (pkg/config/dynamic/http_config.go, Cookie); `path` only from v3.3.0, so
 * it is left out: the cookie keeps Traefik's path `/` (v3.0.0 pkg/server/service/loadbalancer/wrr/wrr.go), which
 * covers any base URL. Traefik v2 knows no `maxAge`: a legacy v2 route with affinity is refused (routeAffinity).
 */
export function traefikStickyAffinity(a: SessionAffinity): Record<string, string> {
  return {
    [TRAEFIK_STICKY]: 'true',
    [`${TRAEFIK_STICKY}.name`]: a.cookieName,
    [`${TRAEFIK_STICKY}.secure`]: 'true',
    [`${TRAEFIK_STICKY}.httponly`]: 'true',
    [`${TRAEFIK_STICKY}.samesite`]: SAME_SITE.toLowerCase(),
    [`${TRAEFIK_STICKY}.maxage`]: String(a.maxAgeSeconds),
    // Pinned per Service: the provider's `nativeLBByDefault` would otherwise send every request to the ClusterIP.
    'traefik.ingress.kubernetes.io/service.nativelb': 'false',
  };
}

/** The API's maximum for a Service's `sessionAffinityConfig.clientIP.timeoutSeconds` (one day). */
const MAX_CLIENT_IP_TIMEOUT_SECONDS = 86400;

/** @internal What a Service's spec carries for ClientIP affinity. */
export interface ClientIpAffinity {
  readonly sessionAffinity: 'ClientIP';
  readonly sessionAffinityConfig: { readonly clientIp: { readonly timeoutSeconds: number } };
}

/**
 * @internal A NodePort or LoadBalancer Service reached directly (no controller, no cookie): kube-proxy's ClientIP
 * affinity keeps a client address on one pod, for the cookie's Max-Age capped at the API's maximum (a day). It keys
 * on the source address kube-proxy sees, per node: browsers behind one NAT or proxy share a pod, and a browser whose
 * address changes (rotating egress of a shared proxy) or whose connections a load balancer spreads over nodes can
 * still reach another pod.
 */
export function serviceClientIpAffinity(a: SessionAffinity): ClientIpAffinity {
  return {
    sessionAffinity: 'ClientIP',
    sessionAffinityConfig: { clientIp: { timeoutSeconds: Math.min(a.maxAgeSeconds, MAX_CLIENT_IP_TIMEOUT_SECONDS) } },
  };
}

/** The annotations of one controller that could undo the affinity. */
interface AffinityOwnership {
  /** The library's own. */
  readonly ours: Record<string, string>;
  /** Every key of the affinity family: those the library does not set are refused too. */
  readonly family: RegExp;
  /** A switch that sends traffic to the Service's ClusterIP, where no cookie can pin a pod. */
  readonly bypass: string;
}

/** @internal ingress-nginx: the affinity annotations, and `service-upstream` (the ClusterIP as the only endpoint). */
function ingressNginxOwnership(a: SessionAffinity): AffinityOwnership {
  return {
    ours: ingressNginxAffinity(a),
    family: /^nginx\.ingress\.kubernetes\.io\/(affinity(-[a-z-]+)?|session-cookie-[a-z-]+)$/,
    bypass: `${NGINX}service-upstream`,
  };
}

/**
 * @internal Traefik: the sticky annotations of the Service, and `service.nativelb` (the ClusterIP as the only server).
 */
export function traefikOwnership(a: SessionAffinity): AffinityOwnership {
  return {
    ours: traefikStickyAffinity(a),
    family: /^traefik\.ingress\.kubernetes\.io\/service\.sticky(\..+)?$/,
    bypass: 'traefik.ingress.kubernetes.io/service.nativelb',
  };
}

/**
 * @internal Refuses, at `propPath['<key>']`, a user annotation that would undo the affinity: another value for one
 * the library sets, another key of the same family, or the switch to the Service's ClusterIP. The library's own
 * value, given again, is accepted.
 */
export function refuseAffinityOverrides(
  scope: Construct,
  constructType: string,
  propPath: string,
  given: Record<string, string> | undefined,
  o: AffinityOwnership,
  a: SessionAffinity,
): void {
  for (const [key, value] of Object.entries(given ?? {})) {
    const at = `${propPath}['${key}']`;
    const ours = o.ours[key];
    if (key === o.bypass && value.trim().toLowerCase() !== 'false') {
      fail(
        scope,
        constructType,
        at,
        `sends every request to the Service's ClusterIP, where kube-proxy picks a pod per connection and no ` +
          `cookie can pin one, got ${JSON.stringify(value)}; ${a.owner} runs ${why(a)}: drop the annotation, or ` +
          `set its replicas to 1`,
      );
    }
    if (ours === value || !o.family.test(key)) continue;
    const expected =
      ours === undefined
        ? 'no such annotation (the library owns the affinity cookie)'
        : `${JSON.stringify(ours)} (the library sets it) or none`;
    fail(
      scope,
      constructType,
      at,
      `keeps each browser on one Headlamp pod for its whole session, expected ${expected}, ` +
        `got ${JSON.stringify(value)}; ` +
        `${a.owner} runs ${why(a)}: drop the annotation, or set its replicas to 1`,
    );
  }
}

/** @internal What a route asks: its construct, kind, the user's own annotations, and the Gateway opt-in. */
export interface AffinityRoute {
  readonly construct: Construct;
  readonly constructType: string;
  readonly kind: RouteKind;
  /** The user's annotations on the route (an Ingress's `props.annotations`). */
  readonly annotations?: Record<string, string>;
  /** The user says the Gateway keeps each browser on one pod (`gateway.providesSessionAffinity`). */
  readonly gatewayProvidesSessionAffinity?: boolean;
  /** The route is for Traefik v2 (`legacyTraefikV2ApiGroup`). */
  readonly legacyTraefikV2?: boolean;
}

/**
 * @internal The annotations `route` must carry so a browser stays on one pod, after refusing what would undo them:
 * ingress-nginx's on the Ingress; none for Traefik (the Service carries them); a Gateway API route is refused
 * unless the user says the Gateway keeps affinity itself.
 */
export function routeAffinity(a: SessionAffinity | undefined, route: AffinityRoute): Record<string, string> {
  if (!a) return {};
  if (route.kind === RouteKind.INGRESS_NGINX) {
    const o = ingressNginxOwnership(a);
    refuseAffinityOverrides(route.construct, route.constructType, 'props.annotations', route.annotations, o, a);
    return o.ours;
  }
  if (route.kind === RouteKind.TRAEFIK && route.legacyTraefikV2) {
    fail(
      route.construct,
      route.constructType,
      'props.legacyTraefikV2ApiGroup',
      'is Traefik v2, which knows no sticky ' +
        `cookie max age (service.sticky.cookie.maxage, from Traefik v3.0), got it for a route to ${a.owner}, ` +
        `which runs ${why(a)}: Traefik v2 drops a Service whose annotations it cannot read, so Headlamp would be ` +
        `unreachable; move to Traefik v3 (drop the prop), or set replicas: 1 on ${a.owner}`,
    );
  }
  if (route.kind === RouteKind.GATEWAY_API && !route.gatewayProvidesSessionAffinity) {
    fail(
      route.construct,
      route.constructType,
      'props.gateway',
      'Gateway API has no session persistence in its standard channel (HTTPRoute ' +
        `sessionPersistence is experimental in v1.6), got a route to ${a.owner}, which runs ${why(a)}: a login ` +
        `whose callback reaches another pod fails (400 "invalid request", about ${a.replicas - 1} ` +
        `in ${a.replicas} logins); set ` +
        `replicas: 1 on ${a.owner}, or ` +
        'props.gateway.providesSessionAffinity: true once your Gateway keeps each browser on one pod (a ' +
        'session-persistence policy of your implementation), or route with HeadlampIngress (ingress-nginx or ' +
        'Traefik: the library adds cookie affinity)',
    );
  }
  return {};
}
