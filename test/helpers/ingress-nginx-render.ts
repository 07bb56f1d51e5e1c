/**
 * The NGINX locations ingress-nginx controller-v1.15.1 renders for one host from `ingresses` (for the real-NGINX
 * suites: metrics-nginx-e2e.test.ts and test/real/nginx-metrics.test.ts):
 * - internal/ingress/controller/location.go, updateServerLocations: a Prefix path other than `/` becomes `path/`, plus
 *   an Exact `path` unless some Ingress of the host already has that Exact path; a Prefix path ending in `/` stays;
 * - internal/ingress/controller/template/template.go, buildLocation: `= "path"` for Exact, `"path"` otherwise;
 * - rootfs/etc/nginx/template/nginx.tmpl, the location body: `deny <cidr>;` per denylist-source-range entry
 *   (internal/ingress/annotations/ipdenylist sorts them), then auth-type basic as auth_basic (the auth file from the
 *   Secret named by auth-secret), then proxy_pass to the backend Service's endpoints (`endpoints`, by Service name);
 * - a Service without endpoints: rootfs/etc/nginx/lua/balancer.lua keeps no balancer for it and rewrite() answers 503.
 */
export function ingressNginxServer(ingresses: any[], endpoints: Record<string, string>): string {
  const entries = ingresses.flatMap((ing) => ing.spec.rules.flatMap((r: any) =>
    r.http.paths.map((p: any) => ({ ing, ...p }))));
  const exact = new Set(entries.filter((e) => e.pathType === 'Exact').map((e) => e.path));
  const body = (ing: any, backend: any) => {
    const a = ing.metadata.annotations ?? {};
    const deny = (a['nginx.ingress.kubernetes.io/denylist-source-range'] ?? '').split(',').filter(Boolean).sort()
      .map((c: string) => `deny ${c};`);
    const realm = JSON.stringify(a['nginx.ingress.kubernetes.io/auth-realm'] ?? 'Authentication Required');
    const auth = a['nginx.ingress.kubernetes.io/auth-type'] === 'basic'
      ? [`auth_basic ${realm};`, 'auth_basic_user_file {{dir}}/auth;'] : [];
    const upstream = endpoints[backend.service.name];
    return [...deny, ...auth, upstream ? `proxy_pass ${upstream};` : 'return 503;'].join('\n          ');
  };
  const locations = entries.flatMap(({ ing, path: p, pathType, backend }) => {
    const b = body(ing, backend);
    const location = (match: string) => `location ${match} {\n          ${b}\n        }`;
    if (pathType === 'Exact') return [location(`= "${p}"`)];
    if (p.endsWith('/')) return [location(`"${p}"`)];
    return [location(`"${p}/"`), ...(exact.has(p) ? [] : [location(`= "${p}"`)])];
  });
  return locations.join('\n        ');
}
