// OAuth2ProxyFrontend: oauth2-proxy in front of Headlamp, as reverse proxy or as forward-auth for identity-aware-proxy
// mode.
import { ApiObject } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { nameFormats, resolveClaims, TokenIdentity } from '../auth/claim-mapping';
import { parseProps } from '../core/errors';
import { assertUniqueNames, instanceLabels, selectorLabels } from '../core/metadata';
import { RouteVia } from '../deployment/headlamp-deployment';
import { IngressController, IngressControllerPeer } from './ingress-options';
import { renderIngress } from './render-ingress';
import { nginxAuthAnnotations } from './oauth2-proxy/nginx-auth';
import {
  checkFrontendProps,
  frontendPropsSchema,
  OAUTH2_PROXY_PORT,
  OAUTH2_PROXY_VERSION,
  OAuth2ProxyFrontendProps,
  OAuth2ProxyMode,
  TraefikSignIn,
} from './oauth2-proxy/props';
import { proxyConfig } from './oauth2-proxy/proxy-config';
import { proxyNetworkPolicy, proxyWorkload } from './oauth2-proxy/proxy-workload';
import { traefikForwardAuthMiddlewares } from './oauth2-proxy/traefik-forward-auth';

const TYPE = 'OAuth2ProxyFrontend';

/**
 * Client headers Headlamp passes on to the API server as credentials or impersonation: listed among the auth
 * response headers so the ingress drops the client's copy (oauth2-proxy's /oauth2/auth never sends them). Without
 * this a signed-in user's own `Authorization` reached Headlamp beside the proxy's identity headers (ran: oauth2-proxy
 * v7.15.6 behind NGINX, test/real/oauth2-proxy.test.ts). Impersonate-Extra-* needs Impersonate-User to mean anything
 * (k8s.io/apiserver pkg/endpoints/filters/impersonation.go refuses it alone).
 */
const CLIENT_CREDENTIAL_HEADERS = ['Authorization', 'Impersonate-User', 'Impersonate-Group', 'Impersonate-Uid'];

/**
 * oauth2-proxy in front of a {@link HeadlampDeployment}, in one of two modes, with headers, ports and
 * names derived from the Headlamp it protects.
 *
 * - Reverse proxy: the Ingress routes to oauth2-proxy only; its upstream is Headlamp's Service; it passes
 *   the ID token as `Authorization: Bearer`, and strips the client's `Impersonate-User`/`-Group`/`-Uid` (its alpha
 *   config's request headers).
 * - Forward auth (Headlamp `-proxy-auth`): the Ingress asks oauth2-proxy's `/oauth2/auth` on every
 *   request; oauth2-proxy's alpha config injects the identity headers Headlamp's flags name into the
 *   auth response; the ingress copies exactly those headers upstream, replacing any client copy.
 *
 * Either way a NetworkPolicy lets only the proxy path reach Headlamp's port, and another lets only the
 * ingress controller reach oauth2-proxy.
 */
export class OAuth2ProxyFrontend extends Construct {
  /** The oauth2-proxy image tag the library pins. */
  public static readonly OAUTH2_PROXY_VERSION: string = OAUTH2_PROXY_VERSION;
  /** The port oauth2-proxy listens on (all interfaces). */
  public static readonly PORT: number = OAUTH2_PROXY_PORT;

  /** oauth2-proxy's Deployment. */
  public readonly deployment: k8s.KubeDeployment;
  /** oauth2-proxy's Service. */
  public readonly service: k8s.KubeService;
  /** The Ingresses (Headlamp's host, and in forward-auth mode the `/oauth2/` route). */
  public readonly ingresses: k8s.KubeIngress[] = [];
  /** Traefik Middlewares (forward-auth on Traefik), in the order they run. */
  public readonly middlewares: ApiObject[] = [];
  /** oauth2-proxy's alpha config: provider, upstreams and headers. */
  public readonly alphaConfig?: k8s.KubeConfigMap;
  /** Redirect URL to register at the identity provider: `https://<host>/oauth2/callback`. */
  public readonly redirectUrl: string;
  /** In-cluster URL of `/oauth2/auth`. */
  public readonly authUrl: string;
  /** @internal The ID tokens Headlamp forwards (with a plain `clientId` and an OIDC provider). */
  public readonly _tokenIdentity?: TokenIdentity;

  constructor(scope: Construct, id: string, props: OAuth2ProxyFrontendProps) {
    super(scope, id);
    const p = parseProps(this, TYPE, frontendPropsSchema(), props);
    const headlamp = p.headlamp;
    const controller = p.controller ?? IngressController.TRAEFIK;
    const forward = p.mode === OAuth2ProxyMode.FORWARD_AUTH;
    const cookie = checkFrontendProps(this, TYPE, p, controller);
    const traefikSignIn = p.traefikSignIn ?? TraefikSignIn.AUTH_SIGNIN_URL;
    // The errors page must render oauth2-proxy's sign-in page itself: a 302 would reach the browser as a 401.
    const skipProviderButton = !(
      forward &&
      controller === IngressController.TRAEFIK &&
      traefikSignIn === TraefikSignIn.ERRORS_PAGE
    );

    const name = `${p.name ?? headlamp.name}-oauth2-proxy`;
    const namespace = headlamp.namespace;
    const labels = { ...instanceLabels(name, 'oauth2-proxy', OAUTH2_PROXY_VERSION), ...p.labels };
    const selector = selectorLabels(name, 'oauth2-proxy');
    const host = p.hosts[0];
    this.redirectUrl = `https://${host}/oauth2/callback`;
    this.authUrl = `http://${name}.${namespace}.svc.cluster.local:${OAUTH2_PROXY_PORT}/oauth2/auth`;

    const config = proxyConfig(this, TYPE, p, {
      name,
      labels,
      cookie,
      redirectUrl: this.redirectUrl,
      skipProviderButton,
    });
    this.alphaConfig = config.alphaConfig;
    const workload = proxyWorkload(this, p, { name, labels, selector }, config);
    this.deployment = workload.deployment;
    this.service = workload.service;

    // Ingresses.
    const proxyBackend = { serviceName: name, port: OAUTH2_PROXY_PORT };
    if (!forward) {
      this.ingresses.push(renderIngress(this, TYPE, { ...p, backend: { ...proxyBackend, path: '/' } }));
    } else {
      const headerNames = [...headlamp.auth.proxyHeaders.map((h) => h.name), ...CLIENT_CREDENTIAL_HEADERS];
      const traefikChain = controller === IngressController.TRAEFIK;
      if (traefikChain) {
        this.middlewares.push(
          ...traefikForwardAuthMiddlewares(this, {
            name,
            labels,
            headerNames,
            authUrl: this.authUrl,
            signIn: traefikSignIn,
            cookieName: cookie.name,
            signInUrl: `https://${host}/oauth2/start?rd=${encodeURIComponent(`${headlamp.baseUrl}/`)}`,
          }),
        );
      }
      this.ingresses.push(
        renderIngress(this, TYPE, {
          ...p,
          via: RouteVia.FORWARD_AUTH,
          traefikMiddlewares: traefikChain ? this.middlewares.map((m) => m.name) : undefined,
          extraAnnotations: traefikChain ? undefined : nginxAuthAnnotations(this.authUrl, host, headerNames),
        }),
      );
      this.ingresses.push(
        renderIngress(this, TYPE, { ...p, suffix: 'oauth2', backend: { ...proxyBackend, path: '/oauth2' } }),
      );
    }

    // Nothing but the proxy path reaches Headlamp (its own NetworkPolicy), and nothing but the ingress
    // controller reaches oauth2-proxy.
    const peer = (p.ingressControllerPeer ?? IngressControllerPeer.of(controller)).toPeer();
    // The ID token Headlamp forwards is oauth2-proxy's: issued to its client, from its provider.
    this._tokenIdentity =
      p.clientId && p.provider.issuerUrl
        ? {
            source: `${TYPE} '${this.node.path}'`,
            issuerUrl: p.provider.issuerUrl,
            audience: p.clientId,
            claims: resolveClaims(p.provider._options.claims, p.provider._facts),
            ...nameFormats(p.provider._options.claims, p.provider._facts),
          }
        : undefined;
    headlamp._addFrontend(
      this,
      TYPE,
      { ingress: [{ peer: forward ? peer : { podSelector: { matchLabels: selector } } }] },
      !forward,
      this._tokenIdentity,
    );
    proxyNetworkPolicy(this, p, { name, labels, selector }, peer, forward);
    assertUniqueNames(this, TYPE);
  }
}
