// renderIngress: the Ingress, Traefik Middlewares and /metrics block of every Ingress-based route, on one set of rules.
import { ApiObject } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import type * as traefik from '../../imports/traefik.io';
import { fail } from '../core/errors';
import { RouteVia } from '../deployment/headlamp-deployment';
import { RouteKind } from '../deployment/session-affinity';
import {
  metricsBlockIngress,
  metricsGuardMiddleware,
  metricsPathTakenOver,
  outranksMetricsBlock,
  routePaths,
} from './metrics-block';
import { refuseClassOfOtherController } from './ingress-class';
import { rewritesOntoMetrics } from './metrics-rewrite';
import { reservedPathTakenOver } from './reserved-paths';
import { DEFAULT_CLASS, HeadlampIngressProps, IngressController, IngressControllerPeer } from './ingress-options';

/** @internal Options for {@link renderIngress}: the validated shared props plus what the caller adds. */
export interface RenderIngressOptions extends HeadlampIngressProps {
  /** Annotations the calling construct adds (auth). */
  readonly extraAnnotations?: Record<string, string>;
  /** Traefik Middlewares (names, in the Ingress's namespace) to chain after HSTS, in order. */
  readonly traefikMiddlewares?: string[];
  /** Create Traefik Middlewares in Traefik v2's `traefik.containo.us` group. */
  readonly legacyTraefikV2ApiGroup?: boolean;
  /** The credential the browser's requests carry through this route to Headlamp (an auth gate's), for proxyUrls. */
  readonly forwardsCredentials?: string;
  /** Route to this Service and path instead of Headlamp's (an auth proxy in front). */
  readonly backend?: { readonly serviceName: string; readonly port: number; readonly path: string };
  /** Construct id and name suffix, for a second Ingress of the same construct. */
  readonly suffix?: string;
  /** How the route reaches Headlamp: straight (the default), or through a forward-auth chain. */
  readonly via?: RouteVia;
}

/**
 * Annotations the library manages: a user annotation with one of these keys could remove the auth gate, the
 * header stripping, TLS or HSTS while the objects that implement them still render. They are refused.
 */
const MANAGED_ANNOTATIONS: Array<[RegExp, string]> = [
  [
    /^nginx\.ingress\.kubernetes\.io\/.*snippet$/,
    'a snippet is raw NGINX configuration that can rewrite or skip the gate, TLS and HSTS (ingress-nginx turns ' +
      'snippet annotations off by default and rates them Critical); remove it',
  ],
  [
    /^traefik\.ingress\.kubernetes\.io\/router\.middlewares$/,
    'it carries the HSTS and auth Middleware chain; add yours with props.extraTraefikMiddlewares (chained after ' +
      "the library's)",
  ],
  [
    /^traefik\.ingress\.kubernetes\.io\/router\.(tls|entrypoints)(\..*)?$/,
    'TLS and entry points follow props.tls; a plain-HTTP entry point would serve tokens in clear text',
  ],
  [
    /^nginx\.ingress\.kubernetes\.io\/(auth-.*|enable-global-auth|satisfy)$/,
    'it is the auth gate (BasicAuthIngress, ForwardAuthIngress, OAuth2ProxyFrontend set it)',
  ],
  [
    /^nginx\.ingress\.kubernetes\.io\/ssl-passthrough$/,
    'it hands the TLS connection to the backend unread, so ingress-nginx ' +
      "applies none of the Ingress's rules (the auth gate, the metrics block, the HTTPS redirect); remove it",
  ],
  [
    /^nginx\.ingress\.kubernetes\.io\/((force-)?ssl-redirect|backend-protocol)$/,
    "TLS redirect and the backend protocol follow props.tls and the HeadlampDeployment's podTlsSecret",
  ],
];

/**
 * ingress-nginx has no HSTS annotation (no parser under internal/ingress/annotations at controller-v1.15.1 reads
 * one): HSTS is the controller ConfigMap's `hsts`, `hsts-max-age`, `hsts-include-subdomains`. An annotation that
 * looks like it turns HSTS on or off but is ignored is refused rather than kept.
 */
const NGINX_HSTS_ANNOTATION = /^nginx\.ingress\.kubernetes\.io\/hsts.*$/;
const NGINX_HSTS_FIX =
  'ingress-nginx sends HSTS from its controller ConfigMap (`hsts`, on by default: one year, subdomains); set it there';

/** Why a user annotation is refused (the whole message after the key), or undefined when it is the user's to set. */
function refusedAnnotation(key: string): string | undefined {
  if (NGINX_HSTS_ANNOTATION.test(key))
    return `is not an ingress-nginx annotation (the controller ignores it), got a value for it; ${NGINX_HSTS_FIX}`;
  const why = MANAGED_ANNOTATIONS.find(([re]) => re.test(key))?.[1];
  return why && `is managed by the library, got a value for it; ${why}`;
}

/**
 * Managed annotations a user may still write, with the library's TLS on: what it already says in other words (a
 * TLS redirect, Traefik's HTTPS entry point). Any other value of a managed key is refused.
 */
const SAME_AS_TLS: Record<string, string> = {
  'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
  'traefik.ingress.kubernetes.io/router.entrypoints': 'websecure',
};

/**
 * @internal
 * Renders the Ingress for Headlamp with TLS on every host. Shared by {@link HeadlampIngress} and the
 * auth constructs, so hosts, TLS, class and backend follow one set of rules.
 */
export function renderIngress(scope: Construct, constructType: string, o: RenderIngressOptions): k8s.KubeIngress {
  const controller = o.controller ?? IngressController.TRAEFIK;
  const name = `${o.name ?? o.headlamp.name}${o.suffix ? `-${o.suffix}` : ''}`;
  refuseClassOfOtherController(scope, constructType, controller, o.ingressClassName);
  refuseMismatchedProps(scope, constructType, o, controller);
  const tlsAnnotations = controllerAnnotations(scope, o, controller);
  refuseUserAnnotations(scope, constructType, o, tlsAnnotations);
  const backend = o.backend ?? { serviceName: o.headlamp.service.name, port: o.headlamp.servicePort };
  const peer = (o.ingressControllerPeer ?? IngressControllerPeer.of(controller)).toPeer();
  // What the HeadlampDeployment asks of a route to it: the session-affinity annotations (Headlamp's own OIDC login, 2+
  // replicas).
  let affinity: Record<string, string> = {};
  if (!o.backend) {
    affinity = o.headlamp._registerRoute({
      construct: scope,
      constructType,
      via: o.via ?? RouteVia.DIRECT,
      unsafeBypassAuthProxy: !!o.unsafeBypassAuthProxy,
      kind: controller === IngressController.TRAEFIK ? RouteKind.TRAEFIK : RouteKind.INGRESS_NGINX,
      annotations: o.annotations,
      forwardsCredentials: o.forwardsCredentials,
      legacyTraefikV2: o.legacyTraefikV2ApiGroup,
    });
    o.headlamp._contribute({ ingress: [{ peer }] });
  }
  const path = o.backend?.path ?? (o.headlamp.baseUrl || '/');
  const ownPaths = routePaths(path, o.headlamp, controller === IngressController.TRAEFIK);
  const extraPaths = extraIngressPaths(scope, constructType, o, ownPaths, peer);
  const allAnnotations = { ...tlsAnnotations, ...o.extraAnnotations, ...o.annotations, ...affinity };
  const labels = { ...o.headlamp.labels, ...o.labels };
  const tls: k8s.IngressTls[] | undefined = !o.tls._enabled
    ? undefined
    : o.tls._defaultCertificate
      ? [{ hosts: o.hosts }]
      : [{ hosts: o.hosts, secretName: o.tls._secretName ?? `${o.name ?? o.headlamp.name}-tls` }];
  const ingress = new k8s.KubeIngress(scope, o.suffix ? `Ingress-${o.suffix}` : 'Ingress', {
    metadata: {
      name,
      labels,
      annotations: Object.keys(allAnnotations).length ? allAnnotations : undefined,
    },
    spec: {
      ingressClassName: o.ingressClassName ?? DEFAULT_CLASS[controller],
      tls,
      rules: o.hosts.map((host) => ({
        host,
        http: {
          paths: [
            ...ownPaths.map((p) => ({
              ...p,
              backend: { service: { name: backend.serviceName, port: { number: backend.port } } },
            })),
            ...extraPaths,
          ],
        },
      })),
    },
  });
  // The Ingress of Headlamp's base URL (not a second one of the same construct) keeps <base-url>/metrics off its hosts.
  if (!o.suffix) blockMetrics(scope, o, { name, controller, tls, labels, backend });
  return ingress;
}

/** Refuses props that the chosen controller would not honour, and a TLS that names no source. */
function refuseMismatchedProps(
  scope: Construct,
  constructType: string,
  o: RenderIngressOptions,
  controller: IngressController,
): void {
  if (o.hsts === false && controller === IngressController.INGRESS_NGINX) {
    fail(
      scope,
      constructType,
      'props.hsts',
      `applies to Traefik only, got false with controller ${controller}; ${NGINX_HSTS_FIX} (\`hsts: "false"\`) ` +
        `and drop the prop`,
    );
  }
  if (o.extraTraefikMiddlewares?.length && controller !== IngressController.TRAEFIK) {
    fail(
      scope,
      constructType,
      'props.extraTraefikMiddlewares',
      `applies to Traefik only, got it with controller ${controller}`,
    );
  }
  if (
    o.tls._enabled &&
    o.tls._secretName === undefined &&
    Object.keys(o.tls._annotations).length === 0 &&
    !o.tls._defaultCertificate
  ) {
    fail(scope, constructType, 'props.tls', 'expected a TLS source, got none');
  }
}

/** The controller's annotations of the route: TLS, the HTTPS redirect or the Middleware chain, the backend protocol. */
function controllerAnnotations(
  scope: Construct,
  o: RenderIngressOptions,
  controller: IngressController,
): Record<string, string> {
  const tlsAnnotations: Record<string, string> = { ...o.tls._annotations };
  if (o.tls._enabled && controller === IngressController.INGRESS_NGINX) {
    // HSTS is the controller ConfigMap's (see NGINX_HSTS_ANNOTATION): no annotation for it.
    tlsAnnotations['nginx.ingress.kubernetes.io/force-ssl-redirect'] = 'true';
  }
  const chain = (o.traefikMiddlewares ?? []).map((m) => `${o.headlamp.namespace}-${m}@kubernetescrd`);
  if (o.tls._enabled && controller === IngressController.TRAEFIK) {
    tlsAnnotations['traefik.ingress.kubernetes.io/router.tls'] = 'true';
    if (o.hsts !== false) {
      const labels = { ...o.headlamp.labels, ...o.labels };
      const hsts = hstsMiddleware(scope, `${o.name ?? o.headlamp.name}-hsts`, labels, o.legacyTraefikV2ApiGroup);
      chain.unshift(`${o.headlamp.namespace}-${hsts}@kubernetescrd`);
    }
  }
  if (controller === IngressController.TRAEFIK && !o.suffix) chain.push(...guardMiddleware(scope, o, chain));
  // The user's Middlewares run after the library's: they can add behaviour, never remove the gate.
  chain.push(...(o.extraTraefikMiddlewares ?? []));
  if (chain.length > 0) tlsAnnotations['traefik.ingress.kubernetes.io/router.middlewares'] = chain.join(',');
  if (!o.backend && o.headlamp.podTls && controller === IngressController.INGRESS_NGINX) {
    tlsAnnotations['nginx.ingress.kubernetes.io/backend-protocol'] = 'HTTPS';
  }
  return tlsAnnotations;
}

/** Refuses a user annotation that the library manages, outranks the /metrics block or rewrites onto it. */
function refuseUserAnnotations(
  scope: Construct,
  constructType: string,
  o: RenderIngressOptions,
  tlsAnnotations: Record<string, string>,
): void {
  // A managed annotation is refused unless it says what the library already sets (the same value, or with TLS on its
  // equivalent).
  for (const [key, value] of Object.entries(o.annotations ?? {})) {
    const why = refusedAnnotation(key);
    const same =
      !NGINX_HSTS_ANNOTATION.test(key) &&
      (value === tlsAnnotations[key] ||
        value === o.extraAnnotations?.[key] ||
        (o.tls._enabled && SAME_AS_TLS[key] === value));
    if (why && !same) fail(scope, constructType, `props.annotations['${key}']`, why);
    if (outranksMetricsBlock(key, o.headlamp))
      fail(scope, constructType, `props.annotations['${key}']`, outranksMetricsBlock(key, o.headlamp)!);
    const rewrite = rewritesOntoMetrics(key, o.headlamp);
    if (rewrite) fail(scope, constructType, `props.annotations['${key}']`, rewrite);
  }
}

/** The route's extra paths, each checked against Headlamp's own, reserved and metrics paths and its ports. */
function extraIngressPaths(
  scope: Construct,
  constructType: string,
  o: RenderIngressOptions,
  ownPaths: Array<{ path: string }>,
  peer: ReturnType<IngressControllerPeer['toPeer']>,
): k8s.HttpIngressPath[] {
  return (o.extraPaths ?? []).map((x, i) => {
    if (ownPaths.some((p) => p.path === x.path)) {
      fail(
        scope,
        constructType,
        `props.extraPaths[${i}].path`,
        `is Headlamp's own path, got ${JSON.stringify(x.path)}; pick another`,
      );
    }
    const takenOver =
      reservedPathTakenOver(x.path, x.pathType ?? 'Prefix', o.headlamp.baseUrl) ??
      metricsPathTakenOver(x.path, o.headlamp);
    if (takenOver) fail(scope, constructType, `props.extraPaths[${i}].path`, takenOver);
    if (!x.serviceName && !o.headlamp._allowToExtraPort(peer, x.port)) {
      fail(
        scope,
        constructType,
        `props.extraPaths[${i}].port`,
        `expected a port of the Headlamp Service's extraPorts (or a serviceName), got ` +
          `${JSON.stringify(x.port)}; Headlamp's own port is its base URL path`,
      );
    }
    return {
      path: x.path,
      pathType: x.pathType ?? 'Prefix',
      backend: {
        service: {
          name: x.serviceName ?? o.headlamp.service.name,
          port: typeof x.port === 'number' ? { number: x.port } : { name: x.port },
        },
      },
    };
  });
}

/**
 * With metrics on, the Ingress (and on Traefik the Middleware) that refuses `<base-url>/metrics` on the hosts of the
 * route `o`.
 */
function blockMetrics(
  scope: Construct,
  o: RenderIngressOptions,
  r: {
    name: string;
    controller: IngressController;
    tls?: k8s.IngressTls[];
    labels: Record<string, string>;
    backend: { serviceName: string; port: number };
  },
): void {
  metricsBlockIngress(scope, {
    headlamp: o.headlamp,
    name: r.name,
    hosts: o.hosts,
    ingressClassName: o.ingressClassName ?? DEFAULT_CLASS[r.controller],
    traefik: r.controller === IngressController.TRAEFIK,
    tls: r.tls,
    labels: r.labels,
    backend: r.backend,
    legacyTraefikV2: !!o.legacyTraefikV2ApiGroup,
    middleware: (name, spec) =>
      traefikMiddleware(
        scope,
        'MetricsBlockMiddleware',
        { metadata: { name, labels: r.labels }, spec },
        o.legacyTraefikV2ApiGroup,
      ),
  });
}

/** With metrics on and no library Middleware in `chain`, the route's metrics-guard Middleware; its reference. */
function guardMiddleware(scope: Construct, o: RenderIngressOptions, chain: string[]): string[] {
  const guard = metricsGuardMiddleware(o.headlamp, chain);
  if (!guard) return [];
  const name = `${o.name ?? o.headlamp.name}-${guard.suffix}`;
  const metadata = { name, labels: { ...o.headlamp.labels, ...o.labels } };
  traefikMiddleware(scope, 'MetricsGuardMiddleware', { metadata, spec: guard.spec }, o.legacyTraefikV2ApiGroup);
  return [`${o.headlamp.namespace}-${name}@kubernetescrd`];
}

/** The Traefik HSTS headers Middleware of `scope`, created once; returns its name. */
function hstsMiddleware(scope: Construct, name: string, labels: Record<string, string>, legacy = false): string {
  if (!scope.node.tryFindChild('HstsMiddleware')) {
    traefikMiddleware(
      scope,
      'HstsMiddleware',
      { metadata: { name, labels }, spec: { headers: { stsSeconds: 31536000, stsIncludeSubdomains: true } } },
      legacy,
    );
  }
  return name;
}

/**
 * @internal
 * A Traefik Middleware: `traefik.io/v1alpha1` (Traefik v3), or with `legacy` the same spec in Traefik v2's
 * `traefik.containo.us/v1alpha1` group, which has no generated class (and no CRD here to validate against).
 */
export function traefikMiddleware(
  scope: Construct,
  id: string,
  props: traefik.MiddlewareProps,
  legacy = false,
): ApiObject {
  return legacy
    ? new ApiObject(scope, id, { apiVersion: 'traefik.containo.us/v1alpha1', kind: 'Middleware', ...props } as any)
    : new (traefikImports().Middleware)(scope, id, props);
}

/**
 * @internal The generated Traefik classes, loaded on first use: 75 KB of code that apps without Traefik
 * Middlewares never pay for at start-up.
 */
export function traefikImports(): typeof traefik {
  return require('../../imports/traefik.io');
}
