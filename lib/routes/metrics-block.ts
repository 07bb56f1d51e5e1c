// Keeps Headlamp's <base-url>/metrics off every route the library renders: a second Ingress for that one path, which
// ingress-nginx sends to a Service with no endpoints and Traefik answers with a Middleware that admits no address,
// ahead of the route's own router; an HTTPRoute rule with no backend; an oauth2-proxy upstream that answers 404 for it.
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import type * as gw from '../../imports/gateway.networking.k8s.io';
import { HeadlampDeployment } from '../deployment/headlamp-deployment';

/**
 * ingress-nginx: the block Ingress routes to a Service of the library with no selector, so no endpoints ever: the
 * controller answers the path itself with 503 before proxying (controller-v1.15.1: internal/ingress/controller/
 * controller.go serviceEndpoints finds none; rootfs/etc/nginx/lua/balancer.lua keeps no balancer for a backend without
 * endpoints, and rewrite() exits 503) and needs no annotation. An annotation would fail open: one rated above the
 * controller's `annotations-risk-level` (denylist-source-range is Medium) makes it drop the whole block Ingress, and
 * the route's Prefix path then serves the metrics.
 */
const NGINX_REFUSED_PORT = 80;

/**
 * Traefik: an `ipAllowList` admitting only the limited broadcast address, which is never the source of a TCP
 * connection, so every request gets its 403 (pkg/middlewares/ipallowlist/ip_allowlist.go, v3.7.9; the default strategy
 * reads the connection's address, not X-Forwarded-For).
 */
export const TRAEFIK_ADMITS_NO_ADDRESS = '255.255.255.255/32';

/**
 * Traefik ranks routers by priority, by default the length of the rule (pkg/muxer/http/mux.go, GetRulePriority,
 * v3.7.9). The route's own rule can be the longer one (`strictPrefixMatching` turns `PathPrefix("/headlamp")` into
 * `(Path("/headlamp") || PathPrefix("/headlamp/"))`, pkg/provider/kubernetes/ingress/kubernetes.go, buildRule), so the
 * block names a priority above any rule's length and below the user maximum (MaxInt - 1000,
 * pkg/server/router/router.go).
 */
export const TRAEFIK_BLOCK_PRIORITY = 1_000_000;

/**
 * @internal What the Ingress in front of Headlamp is: the block mirrors its hosts, class and TLS, and routes to its
 * backend.
 */
export interface BlockedIngress {
  readonly headlamp: HeadlampDeployment;
  /** The Ingress's name: the block is `<name>-metrics`. */
  readonly name: string;
  readonly hosts: string[];
  readonly ingressClassName: string;
  readonly traefik: boolean;
  /** The Ingress's `spec.tls`, when it serves TLS (Traefik serves a router without TLS on plain HTTP only). */
  readonly tls?: k8s.IngressTls[];
  readonly labels: Record<string, string>;
  /** The Ingress's backend: never reached, but Traefik drops a router whose Service does not exist. */
  readonly backend: { readonly serviceName: string; readonly port: number };
  /** The route's Traefik Middlewares are Traefik v2's (`traefik.containo.us`). */
  readonly legacyTraefikV2: boolean;
  /** Creates the Traefik Middleware `name` with `spec` (in the group the route's other Middlewares use). */
  readonly middleware: (name: string, spec: Record<string, unknown>) => void;
}

/**
 * @internal With metrics on, the Ingress that refuses `<base-url>/metrics` (Exact) on the hosts of `o`: no auth
 * annotation, no certificate request (cert-manager watches only the annotated Ingress); undefined with metrics off.
 */
export function metricsBlockIngress(scope: Construct, o: BlockedIngress): k8s.KubeIngress | undefined {
  const path = o.headlamp.metricsPath;
  if (!path) return undefined;
  const name = `${o.name}-metrics`;
  let annotations: Record<string, string> | undefined;
  let backend = { name: o.backend.serviceName, port: { number: o.backend.port } };
  if (o.traefik) {
    // Traefik v2 knows it as ipWhiteList (every v2 release; ipAllowList only from v2.11,
    // pkg/config/dynamic/middlewares.go).
    o.middleware(name, {
      [o.legacyTraefikV2 ? 'ipWhiteList' : 'ipAllowList']: { sourceRange: [TRAEFIK_ADMITS_NO_ADDRESS] },
    });
    annotations = {
      'traefik.ingress.kubernetes.io/router.middlewares': `${o.headlamp.namespace}-${name}@kubernetescrd`,
      'traefik.ingress.kubernetes.io/router.priority': String(TRAEFIK_BLOCK_PRIORITY),
      ...(o.tls ? { 'traefik.ingress.kubernetes.io/router.tls': 'true' } : {}),
    };
  } else {
    const refused = new k8s.KubeService(scope, 'MetricsRefused', {
      metadata: { name: `${name}-refused`, labels: o.labels },
      spec: { ports: [{ name: 'refused', port: NGINX_REFUSED_PORT, protocol: 'TCP' }] },
    });
    backend = { name: refused.name, port: { number: NGINX_REFUSED_PORT } };
  }
  return new k8s.KubeIngress(scope, 'MetricsBlock', {
    metadata: { name, labels: o.labels, annotations },
    spec: {
      ingressClassName: o.ingressClassName,
      tls: o.tls,
      rules: o.hosts.map((host) => ({
        host,
        http: { paths: [{ path, pathType: 'Exact', backend: { service: backend } }] },
      })),
    },
  });
}

/**
 * @internal The paths of the route to Headlamp at `path`. With metrics on under a base URL, Traefik gets Exact
 * `<base>` and Prefix `<base>/` instead of Prefix `<base>`: Traefik v3.6.7+ matches rules on the path with reserved
 * characters still encoded (pkg/muxer/http/mux.go, withRoutingPath, v3.6.12), so `PathPrefix("<base>")` took
 * `<base>%2Fmetrics`, which the block's `Path("<base>/metrics")` misses and Headlamp decodes to its metrics path.
 */
export function routePaths(
  path: string,
  headlamp: HeadlampDeployment,
  traefik: boolean,
): Array<{ path: string; pathType: string }> {
  if (!traefik || !headlamp.metricsPath || path === '/') return [{ path, pathType: 'Prefix' }];
  return [
    { path, pathType: 'Exact' },
    { path: `${path}/`, pathType: 'Prefix' },
  ];
}

/**
 * @internal The Traefik Middleware the route's own router carries with metrics on when no other of the library's
 * does (no HSTS, no auth): Traefik drops a router whose Middleware it cannot find (pkg/server/middleware/
 * middlewares.go, BuildChain), so when the block's Middleware is missing (no Middleware CRD, the CRD provider off, the
 * wrong API group) the route goes with it and nothing serves the metrics. It sets `X-Content-Type-Options: nosniff`.
 */
export function metricsGuardMiddleware(
  headlamp: HeadlampDeployment,
  libraryChain: string[],
): { readonly suffix: string; readonly spec: Record<string, unknown> } | undefined {
  if (!headlamp.metricsPath || libraryChain.length > 0) return undefined;
  const headers = { customResponseHeaders: { 'X-Content-Type-Options': 'nosniff' } };
  return { suffix: 'metrics-guard', spec: { headers } };
}

/**
 * @internal Why an extra path on a route is refused as Headlamp's metrics path as ingress-nginx may read it (a trailing
 * slash, and case in its regex mode, do not count), or undefined: it would compete with the block for one location.
 */
export function metricsPathTakenOver(path: string, headlamp: HeadlampDeployment): string | undefined {
  if (!headlamp.metricsPath || path.replace(/\/+$/, '').toLowerCase() !== headlamp.metricsPath.toLowerCase())
    return undefined;
  return (
    `is where Headlamp serves its metrics, which every route refuses, got ${JSON.stringify(path)}; pick another ` +
    '(two Ingresses with one path leave ingress-nginx to pick either)'
  );
}

/**
 * @internal Why a user annotation on the route would undo the block, or undefined: with metrics on, a Traefik router
 * priority of the route's own could outrank the block's router for `<base-url>/metrics`.
 */
export function outranksMetricsBlock(key: string, headlamp: HeadlampDeployment): string | undefined {
  if (!headlamp.metricsPath || key !== 'traefik.ingress.kubernetes.io/router.priority') return undefined;
  return (
    `could rank this route above the block of ${headlamp.metricsPath} (Traefik serves the higher priority, and the ` +
    `route would then serve the metrics), got a value for it with metrics on; drop it`
  );
}

/**
 * @internal With metrics on, the HTTPRoute rule that refuses `<base-url>/metrics`: an Exact match outranks every
 * PathPrefix (Gateway API v1.6.0 apis/v1/httproute_types.go, Matches), and a rule with no backendRefs and no filters
 * MUST answer 500 (BackendRefs; conformance test HTTPRouteNoBackendRefs,
 * conformance/tests/httproute-omitted-backendrefs.go). The Exact match holds only on a Gateway that decodes
 * percent-encoded unreserved characters before matching (Headlamp decodes `%6detrics`, a raw-path match would send it
 * to the PathPrefix rule). Checked by running it: Traefik v3.6.12's Gateway provider
 * (test/real/traefik-metrics.test.ts; pkg/muxer/http/mux.go withRoutingPath decodes them, and its PathPrefix is
 * `Path(<base>) || PathPrefix(<base>/)`, so `<base>%2Fmetrics` misses it). No other implementation was checked.
 */
export function metricsBlockRule(headlamp: HeadlampDeployment, api: typeof gw): gw.HttpRouteSpecRules[] {
  if (!headlamp.metricsPath) return [];
  return [{ matches: [{ path: { type: api.HttpRouteSpecRulesMatchesPathType.EXACT, value: headlamp.metricsPath } }] }];
}

/** A directory that never exists in oauth2-proxy's container (read-only root filesystem, nothing mounted there). */
const NO_SUCH_DIR = '/etc/oauth2-proxy/metrics-refused';

/**
 * @internal oauth2-proxy in reverse-proxy mode, behind the Ingress block: one more alpha-config upstream for exactly
 * `<base-url>/metrics`, so the proxy answers it itself and never forwards it to Headlamp, signed in or not. Read
 * from oauth2-proxy v7.15.6: a `file://<dir>` upstream serves `<dir>` at its `path` (the legacy
 * `file://<dir>#<path>` converts to exactly this: pkg/apis/options/legacy_options.go, convert); a path without a
 * trailing slash matches only itself, and the longest path is tried first (pkg/upstream/proxy.go,
 * registerSimpleHandler, sortByPathLongest); Go's http.FileServer answers 404 for a directory that does not exist
 * (pkg/upstream/file.go). No skip-auth route is set, so the request is authenticated before it gets its 404.
 */
export function metricsRefusingUpstream(headlamp: HeadlampDeployment): { id: string; path: string; uri: string }[] {
  const path = headlamp.metricsPath;
  return path ? [{ id: 'metrics-refused', path, uri: `file://${NO_SUCH_DIR}` }] : [];
}
