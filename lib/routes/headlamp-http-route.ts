// HeadlampHttpRoute: a Gateway API HTTPRoute to Headlamp's Service.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import type * as gw from '../../imports/gateway.networking.k8s.io';
import { parseProps } from '../core/errors';
import { HeadlampDeployment, RouteVia } from '../deployment/headlamp-deployment';
import { RouteKind } from '../deployment/session-affinity';
import { assertUniqueNames } from '../core/metadata';
import { IngressControllerPeer, ingressShape } from './ingress-options';
import { bool, dnsLabel, dnsSubdomain, hostnames, instance, labels, lazy, pattern, sameShape } from '../core/schema';
import { metricsBlockRule } from './metrics-block';

/** The Gateway listener an HTTPRoute attaches to. */
export interface GatewayRef {
  /** Gateway name. */
  readonly name: string;
  /**
   * Gateway namespace.
   * @default - the route's namespace
   */
  readonly namespace?: string;
  /** The listener: name the HTTPS one, so the route is never served on plain HTTP. */
  readonly sectionName: string;
  /**
   * Your Gateway keeps each browser on one Headlamp pod for its whole session (a cookie session-persistence policy
   * of its implementation, which you configure). Headlamp's own OIDC login with 2 or more replicas needs that, and
   * Gateway API's standard channel cannot say it: without this, such a route is refused. Nothing is rendered for it.
   * @default false
   */
  readonly providesSessionAffinity?: boolean;
}

/** @internal The schema of GatewayRef. */
export const gatewayRefSchema = lazy(() =>
  z.strictObject({
    name: dnsSubdomain,
    namespace: dnsLabel.optional(),
    sectionName: pattern(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "the HTTPS listener's name, such as 'websecure'"),
    providesSessionAffinity: bool.optional(),
  }),
);

/** Props of {@link HeadlampHttpRoute}. */
export interface HeadlampHttpRouteProps {
  /** The Headlamp to route to. */
  readonly headlamp: HeadlampDeployment;
  /** Public host names. */
  readonly hostnames: string[];
  /** The Gateway's HTTPS listener (TLS terminates there). */
  readonly gateway: GatewayRef;
  /**
   * Traefik Middlewares (names, in the route's namespace) applied as `ExtensionRef` filters, in order.
   * @default - none
   */
  readonly traefikMiddlewares?: string[];
  /**
   * The Gateway's data-plane pods, admitted to Headlamp by its NetworkPolicy.
   * @default IngressControllerPeer.traefik()
   */
  readonly gatewayPeer?: IngressControllerPeer;
  /**
   * Name of the HTTPRoute.
   * @default - the HeadlampDeployment's name
   */
  readonly name?: string;
  /**
   * Extra labels.
   * @default - none
   */
  readonly labels?: Record<string, string>;
  /**
   * This route reaches Headlamp directly although an OAuth2ProxyFrontend protects it (reverse proxy), or
   * Headlamp trusts identity headers (identity-aware-proxy mode): the library cannot vouch for Middlewares
   * given by name. Only when a proxy of yours authenticates this route and strips identity headers.
   * @default false
   */
  readonly unsafeBypassAuthProxy?: boolean;
}

const propsSchema = lazy(() =>
  z.strictObject({
    headlamp: instance(HeadlampDeployment, 'new HeadlampDeployment(...)'),
    hostnames,
    gateway: gatewayRefSchema(),
    traefikMiddlewares: z.array(dnsSubdomain).optional(),
    gatewayPeer: ingressShape().ingressControllerPeer,
    name: dnsSubdomain.optional(),
    labels: labels.optional(),
    unsafeBypassAuthProxy: ingressShape().unsafeBypassAuthProxy,
  }),
);
sameShape<z.output<ReturnType<typeof propsSchema>>, HeadlampHttpRouteProps>(true);

const TYPE = 'HeadlampHttpRoute';

/**
 * A Gateway API HTTPRoute to Headlamp: the maintained alternative to Ingress now that ingress-nginx is
 * retired. TLS terminates on the Gateway's HTTPS listener (`gateway.sectionName`, required), and Traefik
 * Middlewares attach as `ExtensionRef` filters. With metrics on, a first rule refuses `<base-url>/metrics` (Exact):
 * that holds on a Gateway that decodes percent-encoded letters before matching, as Traefik v3.6+ does (run by the
 * test suite); other implementations were not checked (one matching raw paths would pass `<base-url>/%6detrics`).
 */
export class HeadlampHttpRoute extends Construct {
  /** The HTTPRoute (a Gateway API object the library imports, typed by its cdk8s base for other languages). */
  public readonly route: ApiObject;

  constructor(scope: Construct, id: string, props: HeadlampHttpRouteProps) {
    super(scope, id);
    const p = parseProps(this, TYPE, propsSchema(), props);
    const headlamp = p.headlamp;
    headlamp._registerRoute({
      construct: this,
      constructType: TYPE,
      via: RouteVia.DIRECT,
      unsafeBypassAuthProxy: !!p.unsafeBypassAuthProxy,
      kind: RouteKind.GATEWAY_API,
      gatewayProvidesSessionAffinity: p.gateway.providesSessionAffinity,
    });
    headlamp._contribute({ ingress: [{ peer: (p.gatewayPeer ?? IngressControllerPeer.traefik()).toPeer() }] });
    // The generated Gateway API classes (116 KB) load only when an HTTPRoute is built.
    const api: typeof gw = require('../../imports/gateway.networking.k8s.io');
    this.route = new api.HttpRoute(this, 'Resource', {
      metadata: { name: p.name ?? headlamp.name, labels: { ...headlamp.labels, ...p.labels } },
      spec: {
        parentRefs: [{ name: p.gateway.name, namespace: p.gateway.namespace, sectionName: p.gateway.sectionName }],
        hostnames: p.hostnames,
        rules: [
          ...metricsBlockRule(headlamp, api),
          {
            matches: [
              { path: { type: api.HttpRouteSpecRulesMatchesPathType.PATH_PREFIX, value: headlamp.baseUrl || '/' } },
            ],
            filters: p.traefikMiddlewares?.map((name) => ({
              type: api.HttpRouteSpecRulesFiltersType.EXTENSION_REF,
              extensionRef: { group: 'traefik.io', kind: 'Middleware', name },
            })),
            backendRefs: [{ name: headlamp.service.name, port: headlamp.servicePort }],
          },
        ],
      },
    });
    assertUniqueNames(this, TYPE);
  }
}
