// ForwardAuthIngress: HeadlampIngress gated by an external forward-auth service (Authelia, Authentik...): ingress-nginx
// auth-url annotations or a Traefik forwardAuth Middleware.
import { ApiObject } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { HeadlampAuthMode } from '../auth/headlamp-auth';
import { HeadlampDeployment, RouteVia } from '../deployment/headlamp-deployment';
import { fail, parseProps } from '../core/errors';
import { assertUniqueNames } from '../core/metadata';
import { bool, lazy, pattern, sameShape, uniqueList } from '../core/schema';
import { HeadlampIngressProps, IngressController, ingressShape } from './ingress-options';
import { renderIngress, traefikMiddleware } from './render-ingress';

/** Props of {@link ForwardAuthIngress}. */
export interface ForwardAuthIngressProps extends HeadlampIngressProps {
  /**
   * Where the ingress controller checks each request: a 2xx answer lets it through, any other stops it
   * (ingress-nginx `auth-url`; Traefik forwardAuth `address`). https, or http only to a cluster-internal address (a
   * Service name, `*.svc`, `*.svc.cluster.local`, a private IPv4 address): the check carries the user's cookies.
   */
  readonly authUrl: string;
  /**
   * Where a refused request sends the browser to sign in (ingress-nginx `auth-signin`, NGINX variables such as
   * `$escaped_request_uri` allowed; Traefik v3.7+ forwardAuth `authSigninURL`, used as given).
   * @default - none: the gate's own answer reaches the browser
   */
  readonly signInUrl?: string;
  /**
   * Headers of the gate's answer passed on to Headlamp (ingress-nginx `auth-response-headers`; Traefik
   * `authResponseHeaders`, which also removes the client's copies). Headlamp does not act on them in token or OIDC
   * login. `Authorization` and `Cookie` are refused: Headlamp would take them as the user's Kubernetes credentials.
   * @default - none
   */
  readonly responseHeaders?: string[];
  /**
   * HTTP method of the check (ingress-nginx `auth-method`, e.g. `GET` for Authelia). ingress-nginx only: Traefik's
   * forwardAuth always sends GET, with the original method in `X-Forwarded-Method`.
   * @default - not set (ingress-nginx's own behaviour)
   */
  readonly authMethod?: 'GET' | 'HEAD' | 'POST';
  /**
   * Headers set on the check request, e.g. `{ 'X-Forwarded-Method': '$request_method' }` (NGINX variables allowed):
   * ingress-nginx only, as a ConfigMap `<name>-auth-request-headers` named by the `auth-proxy-set-headers`
   * annotation, which does what an `auth-snippet` of `proxy_set_header` lines does, without a snippet. Traefik's
   * forwardAuth sends `X-Forwarded-Method`, `-Proto`, `-Host`, `-Uri` and `-For` itself.
   * @default - only what the controller sends (ingress-nginx: `X-Original-URL`, `X-Original-Method`,
   * `X-Forwarded-For`...)
   */
  readonly requestHeaders?: Record<string, string>;
  /**
   * Traefik v2's `traefik.containo.us/v1alpha1` API group instead of v3's `traefik.io/v1alpha1`.
   * LEGACY: Traefik v2 is end of life; only for clusters that still run it.
   * @default false
   */
  readonly legacyTraefikV2ApiGroup?: boolean;
}

/**
 * A bare Service name, `*.svc`, `*.svc.cluster.local`, or a private or loopback IPv4 address (optionally with a port).
 */
const CLUSTER_INTERNAL = new RegExp(
  String.raw`^([a-z0-9]([-a-z0-9]*[a-z0-9])?|[-a-z0-9.]+\.svc(\.cluster\.local)?` +
    String.raw`|(10|127)(\.\d{1,3}){3}|192\.168(\.\d{1,3}){2}|172\.(1[6-9]|2\d` +
    String.raw`|3[01])(\.\d{1,3}){2})(:\d{1,5})?$`,
);
const HEADER = /^[A-Za-z0-9][-A-Za-z0-9_]*$/;
/** Headers Headlamp takes as the user's credentials. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie'];

const propsSchema = lazy(() =>
  z.strictObject({
    ...ingressShape(),
    authUrl: pattern(
      /^https?:\/\/[^/?#\s"'\\;{}]+(\/[^\s"'\\;{}]*)?$/,
      "an absolute http(s) URL such as 'https://auth.example.com/api/authz/auth-request'",
    ).refine((u) => u.startsWith('https://') || CLUSTER_INTERNAL.test(u.slice('http://'.length).split('/')[0]), {
      error:
        'expected https, or http only to a cluster-internal address (a Service name, *.svc, *.svc.cluster.local, ' +
        "a private IPv4 address): the check carries the user's cookies",
    }),
    signInUrl: pattern(
      /^https:\/\/[^/?#\s"'\\;{}]+(\/[^\s"'\\;{}]*)?$/,
      "an https URL such as 'https://auth.example.com/?rd=$escaped_request_uri'",
    ).optional(),
    responseHeaders: uniqueList(pattern(HEADER, "a header name such as 'Remote-User'"), 'header names')
      .superRefine((xs, ctx) =>
        xs.forEach((h, i) => {
          if (CREDENTIAL_HEADERS.includes(h.toLowerCase())) {
            ctx.addIssue({
              code: 'custom',
              path: [i],
              message:
                `${h} would reach Headlamp as the user's Kubernetes credentials, got it from the gate; ` +
                'log in to Kubernetes behind the gate (token or OIDC), or put oauth2-proxy in front with ' +
                'OAuth2ProxyFrontend',
            });
          }
        }),
      )
      .optional(),
    authMethod: z.enum(['GET', 'HEAD', 'POST'], { error: "expected 'GET', 'HEAD' or 'POST'" }).optional(),
    requestHeaders: z
      .record(
        pattern(HEADER, "a header name such as 'X-Forwarded-Method'"),
        pattern(/^[^\r\n\0]+$/, 'a header value on one line'),
        { error: 'expected a map of header names to values' },
      )
      .optional(),
    legacyTraefikV2ApiGroup: bool.optional(),
  }),
);
sameShape<z.output<ReturnType<typeof propsSchema>>, ForwardAuthIngressProps>(true);

const TYPE = 'ForwardAuthIngress';

/**
 * An external forward-auth gate in front of Headlamp at the ingress (Authelia, Authentik, a company SSO gateway):
 * every request is checked at `authUrl` first. For ingress-nginx the `auth-url`, `auth-signin`,
 * `auth-response-headers`, `auth-method` and `auth-proxy-set-headers` annotations (never a snippet); for Traefik a
 * `forwardAuth` Middleware (`trustForwardHeader: false`) chained after HSTS. Like basic auth, the gate only guards the
 * UI: people still log in to Kubernetes behind it (token or OIDC; or the shared-token login, which needs such a gate).
 * Headlamp does not trust the headers the gate passes, so identity-aware-proxy mode is refused here: use
 * OAuth2ProxyFrontend, whose chain strips client copies of the identity headers.
 */
export class ForwardAuthIngress extends Construct {
  /** The Ingress. */
  public readonly ingress: k8s.KubeIngress;
  /** Traefik's forwardAuth Middleware (Traefik only). */
  public readonly middleware?: ApiObject;
  /** The ConfigMap of `requestHeaders` (ingress-nginx only). */
  public readonly requestHeadersConfigMap?: k8s.KubeConfigMap;

  constructor(scope: Construct, id: string, props: ForwardAuthIngressProps) {
    super(scope, id);
    const p = parseProps(this, TYPE, propsSchema(), props);
    const controller = p.controller ?? IngressController.TRAEFIK;
    const proxyAuth = p.headlamp.auth.mode === HeadlampAuthMode.IDENTITY_AWARE_PROXY;
    if (proxyAuth) identityGate(this, p);
    let annotations: Record<string, string> = {};
    let traefikMiddlewares: string[] = [];
    const labels = { ...p.headlamp.labels, ...p.labels };
    if (controller === IngressController.TRAEFIK) {
      if (p.requestHeaders) {
        fail(
          this,
          TYPE,
          'props.requestHeaders',
          "applies to ingress-nginx only, got it with controller traefik; Traefik's forwardAuth sends " +
            'X-Forwarded-Method, -Proto, -Host, -Uri and -For itself: drop it',
        );
      }
      if (p.authMethod !== undefined && p.authMethod !== 'GET') {
        fail(
          this,
          TYPE,
          'props.authMethod',
          `applies to ingress-nginx only, got ${p.authMethod} with controller traefik; Traefik's forwardAuth ` +
            'always sends GET, with the original method in X-Forwarded-Method',
        );
      }
      if (p.signInUrl?.includes('$')) {
        fail(
          this,
          TYPE,
          'props.signInUrl',
          'NGINX variables apply to ingress-nginx only, got one with controller traefik (authSigninURL is used ' +
            'as given); write the URL without them',
        );
      }
      const name = `${p.name ?? p.headlamp.name}-forward-auth`;
      this.middleware = traefikMiddleware(
        this,
        'Middleware',
        {
          metadata: { name, labels },
          spec: {
            forwardAuth: {
              address: p.authUrl,
              trustForwardHeader: false,
              ...(p.responseHeaders?.length ? { authResponseHeaders: p.responseHeaders } : {}),
              ...(p.signInUrl ? { authSigninUrl: p.signInUrl } : {}),
            },
          },
        },
        p.legacyTraefikV2ApiGroup,
      );
      traefikMiddlewares = [name];
    } else {
      if (p.legacyTraefikV2ApiGroup)
        fail(
          this,
          TYPE,
          'props.legacyTraefikV2ApiGroup',
          `applies to Traefik only, got true with controller ${controller}`,
        );
      if (p.requestHeaders) {
        this.requestHeadersConfigMap = new k8s.KubeConfigMap(this, 'RequestHeaders', {
          metadata: { name: `${p.name ?? p.headlamp.name}-auth-request-headers`, labels },
          data: p.requestHeaders,
        });
      }
      annotations = {
        'nginx.ingress.kubernetes.io/auth-url': p.authUrl,
        ...(p.signInUrl ? { 'nginx.ingress.kubernetes.io/auth-signin': p.signInUrl } : {}),
        ...(p.responseHeaders?.length
          ? { 'nginx.ingress.kubernetes.io/auth-response-headers': p.responseHeaders.join(',') }
          : {}),
        ...(p.authMethod ? { 'nginx.ingress.kubernetes.io/auth-method': p.authMethod } : {}),
        ...(this.requestHeadersConfigMap
          ? { 'nginx.ingress.kubernetes.io/auth-proxy-set-headers': this.requestHeadersConfigMap.name }
          : {}),
      };
    }
    // In identity-aware-proxy mode the gate is the forward-auth chain: it sets every identity header Headlamp trusts.
    const forwardsCredentials = "the gate's session cookie (Cookie), which the gate accepts as the user";
    this.ingress = renderIngress(this, TYPE, {
      ...p,
      extraAnnotations: annotations,
      traefikMiddlewares,
      forwardsCredentials,
      ...(proxyAuth ? { via: RouteVia.FORWARD_AUTH } : {}),
    });
    assertUniqueNames(this, TYPE);
  }
}

/**
 * A Headlamp in identity-aware-proxy mode behind this gate: only when the gate is the proxy the Headlamp names as its
 * own (`unsafeExternalProxy`) and its response headers list every identity header Headlamp trusts, so the controller
 * replaces (or removes) a client's copy of each (ingress-nginx auth-response-headers, Traefik authResponseHeaders).
 */
function identityGate(scope: Construct, p: { headlamp: HeadlampDeployment; responseHeaders?: string[] }): void {
  const at = `HeadlampDeployment '${p.headlamp.node.path}'`;
  if (!p.headlamp.auth._unsafeExternalProxy) {
    fail(
      scope,
      TYPE,
      'props.headlamp',
      `an external gate's headers are not trusted by Headlamp, got ${at} in ` +
        'identity-aware-proxy mode with an OAuth2ProxyFrontend expected; log in with tokens or OIDC behind the gate, ' +
        'use OAuth2ProxyFrontend (forward-auth mode), or, when this gate is your own identity proxy, set ' +
        'HeadlampAuth.identityAwareProxy({ unsafeExternalProxy: true }) and list its identity headers in ' +
        'responseHeaders',
    );
  }
  const listed = new Set((p.responseHeaders ?? []).map((h) => h.toLowerCase()));
  const missing = p.headlamp.auth.proxyHeaders.filter((h) => !listed.has(h.name.toLowerCase())).map((h) => h.name);
  if (missing.length) {
    fail(
      scope,
      TYPE,
      'props.responseHeaders',
      `expected every identity header ${at} trusts, got none of ` +
        `${missing.join(', ')}: a client's copy would reach Headlamp, which would believe it; add them to ` +
        "responseHeaders (the controller then sets each only from the gate's answer)",
    );
  }
}
