/**
 * The server block ingress-nginx controller-v1.15.1 renders for one host from the library's Ingresses, for a real
 * NGINX on loopback (test/helpers/nginx.ts). Read from kubernetes/ingress-nginx at that tag:
 * - internal/ingress/controller/location.go, updateServerLocations: a Prefix path other than `/` becomes `path/`,
 *   plus an Exact `path` unless some Ingress of the host already has that Exact path;
 * - internal/ingress/controller/template/template.go, buildLocation: `= "path"` for Exact, `"path"` otherwise;
 * - rootfs/etc/nginx/template/nginx.tmpl, per location: `deny <cidr>;` per denylist-source-range entry
 *   (internal/ingress/annotations/ipdenylist sorts them); auth-url as an internal `location = <authPath>` proxied
 *   to the auth URL with the headers the template sets there, and `auth_request` in the protected location with
 *   `auth_request_set`/`proxy_set_header` per auth-response-headers entry (template.go buildAuthResponseHeaders),
 *   the session cookie of the auth response (`always` with auth-always-set-cookie) and `error_page 401` to the
 *   auth-signin URL (already carrying `rd=`, so buildAuthSignURL keeps it); auth-type basic as auth_basic with the
 *   Secret's file; then the proxy headers and proxy_pass to the Service's endpoints;
 * - a Service without endpoints: rootfs/etc/nginx/lua/balancer.lua keeps no balancer for it and rewrite() answers 503.
 * Substituted, and only this: TLS is terminated before NGINX (it listens on plain loopback http and passes
 * `X-Forwarded-Proto: https`, as the controller does behind TLS, so force-ssl-redirect has nothing to redirect);
 * in-cluster Service and auth URLs become the loopback addresses `upstreams` gives.
 */

/** Loopback stand-ins for in-cluster addresses. */
export interface IngressNginxUpstreams {
  /** `http://127.0.0.1:<port>` serving the Service `name` on `port`, or undefined for a Service with no endpoints. */
  service(name: string, port: number): string | undefined;
  /** The loopback URL for an in-cluster auth-url (e.g. oauth2-proxy's `/oauth2/auth`). */
  authUrl?(url: string): string;
}

const A = 'nginx.ingress.kubernetes.io/';

/** The `location` blocks of one host (the host's `server {}` body), in the order the Ingresses list their paths. */
export function ingressNginxServer(ingresses: any[], upstreams: IngressNginxUpstreams): string {
  const entries = ingresses.flatMap((ing) =>
    ing.spec.rules.flatMap((r: any) => r.http.paths.map((p: any) => ({ ing, p }))),
  );
  const exact = new Set(entries.filter((e) => e.p.pathType === 'Exact').map((e) => e.p.path));
  let auths = 0;
  const block = (match: string, ing: any, p: any) => {
    const backend = upstreams.service(p.backend.service.name, p.backend.service.port.number);
    const authPath = `/_external-auth-${auths++}`;
    const { auth, body } = locationBody(ing.metadata.annotations ?? {}, backend, upstreams, authPath);
    return `${auth}location ${match} {\n          ${body}\n        }`;
  };
  return entries
    .flatMap(({ ing, p }) => {
      if (p.pathType === 'Exact') return [block(`= "${p.path}"`, ing, p)];
      if (p.path === '/') return [block('"/"', ing, p)];
      return [block(`"${p.path}/"`, ing, p), ...(exact.has(p.path) ? [] : [block(`= "${p.path}"`, ing, p)])];
    })
    .join('\n        ');
}

function locationBody(
  a: Record<string, string>,
  backend: string | undefined,
  upstreams: IngressNginxUpstreams,
  authPath: string,
): { auth: string; body: string } {
  const deny = (a[`${A}denylist-source-range`] ?? '')
    .split(',')
    .filter(Boolean)
    .sort()
    .map((c) => `deny ${c};`);
  const basic =
    a[`${A}auth-type`] === 'basic'
      ? [
          `auth_basic ${JSON.stringify(a[`${A}auth-realm`] ?? 'Authentication Required')};`,
          'auth_basic_user_file {{dir}}/auth;',
          'proxy_set_header Authorization "";',
        ]
      : [];
  const external = a[`${A}auth-url`] ? externalAuth(a, upstreams, authPath) : { auth: '', lines: [] };
  const proxy = [
    'proxy_set_header Host $http_host;',
    'proxy_set_header X-Request-ID $request_id;',
    'proxy_set_header X-Real-IP $remote_addr;',
    'proxy_set_header X-Forwarded-For $remote_addr;',
    'proxy_set_header X-Forwarded-Host $http_host;',
    'proxy_set_header X-Forwarded-Port 443;',
    'proxy_set_header X-Forwarded-Proto https;',
    'proxy_set_header X-Scheme https;',
    'proxy_set_header X-Original-Forwarded-For $http_x_forwarded_for;',
    'proxy_set_header Proxy "";',
    ...buffers(a),
    `proxy_pass ${backend};`,
  ];
  if (backend === undefined) proxy.splice(0, proxy.length, 'return 503;');
  return { auth: external.auth, body: [...deny, ...external.lines, ...basic, ...proxy].join('\n          ') };
}

function externalAuth(
  a: Record<string, string>,
  upstreams: IngressNginxUpstreams,
  authPath: string,
): { auth: string; lines: string[] } {
  const url = a[`${A}auth-url`];
  const target = upstreams.authUrl ? upstreams.authUrl(url) : url;
  const auth = `location = ${authPath} {
          internal;
          proxy_pass_request_body off;
          proxy_set_header Content-Length "";
          proxy_set_header X-Forwarded-Proto "";
          proxy_set_header Host ${new URL(url).host};
          proxy_set_header X-Original-URL $scheme://$http_host$request_uri;
          proxy_set_header X-Original-Method $request_method;
          proxy_set_header X-Sent-From "nginx-ingress-controller";
          proxy_set_header X-Real-IP $remote_addr;
          proxy_set_header X-Forwarded-For $remote_addr;
          proxy_set_header X-Auth-Request-Redirect $request_uri;
          ${buffers(a).join('\n          ')}
          proxy_http_version 1.1;
          proxy_pass ${target};
        }
        `;
  const headers = (a[`${A}auth-response-headers`] ?? '').split(',').filter(Boolean);
  const always = a[`${A}auth-always-set-cookie`] === 'true' ? ' always' : '';
  const signin = a[`${A}auth-signin`];
  const named = `@signin${authPath.replace(/\W/g, '_')}`;
  const lines = [
    `auth_request ${authPath};`,
    'auth_request_set $auth_cookie $upstream_http_set_cookie;',
    `add_header Set-Cookie $auth_cookie${always};`,
    ...headers.flatMap((h, i) => [
      `auth_request_set $authHeader${i} $upstream_http_${h.toLowerCase().replace(/-/g, '_')};`,
      `proxy_set_header '${h}' $authHeader${i};`,
    ]),
    ...(signin ? ['set_escape_uri $escaped_request_uri $request_uri;', `error_page 401 = ${named};`] : []),
  ];
  const signinLocation = signin
    ? [
        `location ${named} {`,
        '  internal;',
        '  add_header Set-Cookie $auth_cookie;',
        `  return 302 ${signin};`,
        '}',
        '',
      ].join('\n        ')
    : '';
  return { auth: auth + signinLocation, lines };
}

/** proxy-buffer-size (default 4k) and the template's `proxy_buffers <proxy-buffers-number, default 4> <size>`. */
function buffers(a: Record<string, string>): string[] {
  const size = a[`${A}proxy-buffer-size`] ?? '4k';
  return [`proxy_buffer_size ${size};`, `proxy_buffers ${a[`${A}proxy-buffers-number`] ?? 4} ${size};`];
}
