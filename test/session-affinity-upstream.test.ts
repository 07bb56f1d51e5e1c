// The upstream behaviour the session affinity relies on, as small models of the code read at the pinned versions
// (ingress-nginx controller-v1.15.1, Traefik v3.7.9, Headlamp v0.45.0, Gateway API v1.6.0, RFC 6265bis for SameSite),
// each naming its file; the library's annotations go through them. A real stickiness test is not feasible here:
// ingress-nginx sticks in its Lua balancer (OpenResty, lua-resty-cookie, balancer_by_lua), which the e2e harness's
// Debian nginx does not have, and open-source nginx has no `sticky` directive.
import { Duration } from 'cdk8s';
import * as fs from 'node:fs';
import { parse } from 'yaml';
import { HeadlampAuth, HeadlampDeployment, HeadlampIngress, IngressController, IngressTls, OidcConfig } from '../lib';
import { schemaFile } from './helpers/schema-files';
import { only, synth, testChart } from './helpers/synth';

/** The library's output for 3 OIDC replicas, 8 h sessions, behind `controller`. */
function rendered(controller: IngressController): { service: Record<string, string>; ingress: Record<string, string> } {
  const chart = testChart();
  const headlamp = new HeadlampDeployment(chart, 'headlamp', {
    replicas: 3,
    sessionTtl: Duration.hours(8),
    auth: HeadlampAuth.oidc(
      OidcConfig.dex({
        issuerUrl: 'https://dex.example.com',
        clientId: 'headlamp',
        publicUrl: 'https://headlamp.example.com',
      }),
    ),
  });
  new HeadlampIngress(chart, 'ingress', {
    headlamp,
    hosts: ['headlamp.example.com'],
    tls: IngressTls.fromSecret('t'),
    controller,
  });
  const objects = synth(chart);
  return {
    service: only(objects, 'Service').metadata.annotations ?? {},
    ingress: only(objects, 'Ingress').metadata.annotations ?? {},
  };
}

/** A Set-Cookie as a controller writes it. */
interface Cookie {
  name: string;
  path: string;
  httpOnly: boolean;
  secure: boolean;
  sameSite?: string;
  maxAge?: number;
}

describe('ingress-nginx controller-v1.15.1', () => {
  const PREFIX = 'nginx.ingress.kubernetes.io/';
  // internal/ingress/annotations/parser/validators.go: BasicCharsRegex, ValidateOptions (trims; lower-cases unless case-sensitive), ValidateBool.
  const basicChars = /^[/\-._~a-zA-Z0-9/:]*$/;
  const options = (allowed: string[], caseSensitive: boolean) => (v: string) =>
    allowed.includes(caseSensitive ? v.trim() : v.trim().toLowerCase());
  const goBool = (v: string) =>
    ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v);
  // internal/ingress/annotations/sessionaffinity/main.go: each annotation's validator and risk; a value that fails is ignored (default).
  const ANNOTATIONS: Record<string, { valid: (v: string) => boolean; risk: 'Low' | 'Medium' }> = {
    affinity: { valid: options(['cookie'], true), risk: 'Low' },
    'affinity-mode': { valid: options(['balanced', 'persistent'], true), risk: 'Medium' },
    'session-cookie-name': { valid: (v) => basicChars.test(v), risk: 'Medium' },
    'session-cookie-secure': { valid: goBool, risk: 'Low' },
    'session-cookie-max-age': { valid: (v) => /(^0|-?[1-9]\d*$)/.test(v), risk: 'Medium' },
    'session-cookie-samesite': { valid: options(['none', 'lax', 'strict'], false), risk: 'Low' },
  };
  // internal/ingress/controller/config/config.go: the default `annotations-risk-level` is High; parser.CheckAnnotationRisk
  // refuses an annotation riskier than it.
  const RISKS = ['Low', 'Medium', 'High', 'Critical'];
  const DEFAULT_RISK_LEVEL = 'High';

  /**
   * rootfs/etc/nginx/lua/balancer.lua (get_implementation) and balancer/sticky.lua (set_cookie), fed by
   * internal/ingress/controller/controller.go, which copies the parsed annotations into the backend's
   * sessionAffinityConfig (pkg/apis/ingress/types.go: `secure` is omitempty, so false arrives as nil).
   */
  function luaCookie(
    annotations: Record<string, string>,
    request: { https: boolean; locationPath: string },
  ): { balancer: string; cookie: Cookie } {
    const a = (k: string) => {
      const v = annotations[PREFIX + k];
      return v !== undefined && ANNOTATIONS[k].valid(v) ? v : undefined;
    };
    if (a('affinity') !== 'cookie') throw new Error('no cookie affinity');
    const secure =
      a('session-cookie-secure') !== undefined &&
      ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(a('session-cookie-secure')!);
    return {
      balancer: a('affinity-mode') === 'persistent' ? 'sticky_persistent' : 'sticky_balanced',
      cookie: {
        name: a('session-cookie-name') ?? 'INGRESSCOOKIE',
        path: request.locationPath, // no session-cookie-path: ngx.var.location_path
        httpOnly: true, // sticky.lua: `httponly = true`, always
        secure: secure || request.https, // nil -> `ngx.var.https == "on"`
        sameSite: a('session-cookie-samesite'), // passed through as written
        maxAge: a('session-cookie-max-age') !== undefined ? Number(a('session-cookie-max-age')) : undefined,
      },
    };
  }

  test('every affinity annotation of the library passes its validator, at a risk the default level admits', () => {
    const ours = Object.entries(rendered(IngressController.INGRESS_NGINX).ingress).filter(([k]) =>
      /affinity|session-cookie/.test(k),
    );
    expect(ours.map(([k]) => k.slice(PREFIX.length)).sort()).toEqual(Object.keys(ANNOTATIONS).sort());
    for (const [k, v] of ours) {
      const a = ANNOTATIONS[k.slice(PREFIX.length)];
      expect([k, a.valid(v), RISKS.indexOf(a.risk) <= RISKS.indexOf(DEFAULT_RISK_LEVEL)]).toEqual([k, true, true]);
    }
  });

  test('the cookie: persistent, HttpOnly, Secure even when TLS ends at a load balancer in front, SameSite Lax, twice the session TTL', () => {
    const { ingress } = rendered(IngressController.INGRESS_NGINX);
    expect(luaCookie(ingress, { https: false, locationPath: '/' })).toStrictEqual({
      balancer: 'sticky_persistent',
      cookie: { name: 'headlamp-affinity', path: '/', httpOnly: true, secure: true, sameSite: 'Lax', maxAge: 57600 },
    });
    // Why session-cookie-secure is set: without it the cookie follows the scheme the controller sees.
    const { [`${PREFIX}session-cookie-secure`]: _, ...unset } = ingress;
    expect(luaCookie(unset, { https: false, locationPath: '/' }).cookie.secure).toBe(false);
  });
});

describe('Traefik v3.7.9 (Kubernetes Ingress provider)', () => {
  /**
   * pkg/provider/kubernetes/ingress/annotations.go (convertAnnotations, parseServiceConfig): annotations of the
   * Service (kubernetes.go passes `service.Annotations`, never the Ingress's) with the prefix
   * `traefik.ingress.kubernetes.io/` become labels `traefik.service.*`, decoded case-insensitively into
   * ServiceIng.Sticky.Cookie (pkg/config/dynamic/http_config.go: Cookie.SetDefaults sets path `/`). Then
   * pkg/server/service/service.go (cookie.GetName keeps a name of token characters) and
   * pkg/server/service/loadbalancer/sticky.go (NewSticky, WriteStickyCookie: convertSameSite lower-cases; HttpOnly
   * and Secure only when true; an unknown SameSite is Go's default mode, no attribute).
   */
  function stickyCookie(service: Record<string, string>): Cookie | undefined {
    const labels = Object.fromEntries(
      Object.entries(service)
        .filter(([k]) => k.startsWith('traefik.ingress.kubernetes.io/'))
        .map(([k, v]) => [k.replace('ingress.kubernetes.io/', '').toLowerCase(), v]),
    );
    if (!Object.keys(labels).some((k) => k.startsWith('traefik.service.sticky.cookie'))) return undefined;
    const f = (field: string) => labels[`traefik.service.sticky.cookie.${field}`];
    const sameSite = ({ none: 'None', lax: 'Lax', strict: 'Strict' } as Record<string, string>)[
      (f('samesite') ?? '').toLowerCase()
    ];
    return {
      name: (f('name') ?? '_generated').replace(/[^!#$%&'*+\-.^`|~A-Za-z0-9]/g, '_'),
      path: f('path') ?? '/',
      httpOnly: f('httponly') === 'true',
      secure: f('secure') === 'true',
      sameSite,
      maxAge: f('maxage') !== undefined ? Number(f('maxage')) : undefined,
    };
  }

  test("the Service's cookie: HttpOnly, Secure, SameSite Lax, twice the session TTL, at the base URL; the Ingress carries none", () => {
    const { service, ingress } = rendered(IngressController.TRAEFIK);
    expect(stickyCookie(service)).toStrictEqual({
      name: 'headlamp-affinity',
      path: '/',
      httpOnly: true,
      secure: true,
      sameSite: 'Lax',
      maxAge: 57600,
    });
    expect(stickyCookie(ingress)).toBeUndefined();
  });
});

describe('browsers (RFC 6265bis, SameSite) and Headlamp v0.45.0', () => {
  /** Whether a cookie goes with a request: Strict only same-site; Lax also on a cross-site top-level navigation with a safe method; None always (with Secure). */
  const sent = (sameSite: 'Strict' | 'Lax' | 'None', r: { crossSite: boolean; topLevel: boolean; method: string }) =>
    !r.crossSite || sameSite === 'None' || (sameSite === 'Lax' && r.topLevel && ['GET', 'HEAD'].includes(r.method));

  test("the identity provider's redirect to /oidc-callback carries a Lax cookie, not a Strict one", () => {
    // The redirect chain starts on the provider's site; Headlamp reads `state` and `code` from the query
    // (backend/cmd/headlamp.go, the /oidc-callback handler: r.URL.Query()), so it is a GET, not a form_post.
    const callback = { crossSite: true, topLevel: true, method: 'GET' };
    expect({ Lax: sent('Lax', callback), Strict: sent('Strict', callback) }).toStrictEqual({
      Lax: true,
      Strict: false,
    });
    expect(
      rendered(IngressController.INGRESS_NGINX).ingress['nginx.ingress.kubernetes.io/session-cookie-samesite'],
    ).toBe('Lax');
  });
});

describe('Gateway API v1.6.0', () => {
  test('the standard-channel HTTPRoute the library validates against has no sessionPersistence (experimental only)', () => {
    // apis/v1/httproute_types.go: HTTPRouteRule.SessionPersistence is marked <gateway:experimental>.
    const crd = parse(fs.readFileSync(schemaFile('gateway.networking.k8s.io_httproutes.yaml'), 'utf8'));
    expect(crd.metadata.annotations['gateway.networking.k8s.io/channel']).toBe('standard');
    const rule = crd.spec.versions.find((v: any) => v.name === 'v1').schema.openAPIV3Schema.properties.spec.properties
      .rules.items.properties;
    expect(Object.keys(rule)).toEqual(expect.arrayContaining(['backendRefs', 'matches']));
    expect(Object.keys(rule)).not.toContain('sessionPersistence');
  });
});
