// HeadlampIngress: an Ingress to Headlamp for ingress-nginx or Traefik, TLS by default, with the controller peer for the NetworkPolicy.
import { ApiObject } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import type * as traefik from '../../imports/traefik.io';
import { z } from 'zod';
import { fail, parseProps } from '../core/errors';
import { assertUniqueNames } from '../core/metadata';
import { HeadlampDeployment, RouteVia } from '../deployment/headlamp-deployment';
import { RouteKind } from '../deployment/session-affinity';
import {
  metricsBlockIngress,
  metricsGuardMiddleware,
  metricsPathTakenOver,
  outranksMetricsBlock,
  routePaths,
} from './metrics-block';
import {
  annotations,
  bool,
  checkValue,
  dnsLabel,
  dnsSubdomain,
  hostnames,
  instance,
  int,
  labels,
  lazy,
  oneOf,
  pattern,
  sameShape,
  ValueIssue,
} from '../core/schema';
import { refuseClassOfOtherController } from './ingress-class';
import { rewritesOntoMetrics } from './metrics-rewrite';
import { reservedPathTakenOver } from './reserved-paths';

/** Ingress controllers the library knows the annotations of. */
export enum IngressController {
  /**
   * Traefik v3 (`traefik.io/v1alpha1` Middlewares). The maintained choice.
   */
  TRAEFIK = 'traefik',
  /**
   * Community ingress-nginx. Retired in March 2026: no more releases or security fixes. Supported
   * because it is still widely deployed; plan a move to Traefik or Gateway API.
   */
  INGRESS_NGINX = 'ingress-nginx',
}

/**
 * Which pods are the ingress controller, for NetworkPolicies (policies cannot name a Service).
 * Presets match each controller's usual Helm labels; `custom` for anything else.
 */
export class IngressControllerPeer {
  /** Traefik's pods (`app.kubernetes.io/name: traefik`) in `namespace`. */
  public static traefik(namespace = 'traefik'): IngressControllerPeer {
    return new IngressControllerPeer(namespace, { 'app.kubernetes.io/name': 'traefik' });
  }

  /** ingress-nginx controller pods in `namespace`. */
  public static ingressNginx(namespace = 'ingress-nginx'): IngressControllerPeer {
    return new IngressControllerPeer(namespace, {
      'app.kubernetes.io/name': 'ingress-nginx',
      'app.kubernetes.io/component': 'controller',
    });
  }

  /** Pods with `podLabels` in `namespace`. */
  public static custom(namespace: string, podLabels: Record<string, string>): IngressControllerPeer {
    return new IngressControllerPeer(namespace, podLabels);
  }

  /** The preset for a controller. */
  public static of(controller: IngressController): IngressControllerPeer {
    return controller === IngressController.TRAEFIK
      ? IngressControllerPeer.traefik()
      : IngressControllerPeer.ingressNginx();
  }

  private constructor(
    /** Namespace of the controller. */ public readonly namespace: string,
    /** Labels of the controller's pods. */ public readonly podLabels: Record<string, string>,
  ) {}

  /** @internal What is wrong with what the factory was given. */
  public _issues(): ValueIssue[] {
    const empty =
      Object.keys(this.podLabels ?? {}).length === 0
        ? [
            {
              path: ['podLabels'],
              message: 'expected at least one pod label (an empty selector admits every pod of the namespace), got {}',
            },
          ]
        : [];
    return [
      ...checkValue(dnsLabel, this.namespace, 'namespace', ' (a namespace name)'),
      ...checkValue(labels, this.podLabels, 'podLabels'),
      ...empty,
    ];
  }

  /** A NetworkPolicy peer selecting these pods. */
  public toPeer(): k8s.NetworkPolicyPeer {
    return {
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': this.namespace } },
      podSelector: { matchLabels: this.podLabels },
    };
  }
}

/** One more path of a {@link HeadlampIngress}. */
export interface IngressExtraPath {
  /** The path, e.g. `/metrics`. */
  readonly path: string;
  /**
   * Path matching.
   * @default 'Prefix'
   */
  readonly pathType?: 'Prefix' | 'Exact';
  /**
   * A Service in the Ingress's namespace.
   * @default - the Headlamp Service (one of its extraPorts)
   */
  readonly serviceName?: string;
  /** Port of that Service, by number or name. */
  readonly port: number | string;
}

/** Default IngressClass name of each controller. */
const DEFAULT_CLASS: Record<IngressController, string> = {
  [IngressController.TRAEFIK]: 'traefik',
  [IngressController.INGRESS_NGINX]: 'nginx',
};

/** Where TLS terminates in front of an Ingress that has none of its own ({@link IngressTls.terminatedUpstream}). */
export enum TlsTerminatedAt {
  /** A load balancer holding the certificate (a cloud load balancer with a managed certificate, HAProxy, F5). */
  LOAD_BALANCER = 'load-balancer',
  /** A tunnel that ends TLS at its provider's edge (Cloudflare Tunnel, Tailscale Funnel or Serve, ngrok). */
  TUNNEL = 'tunnel',
  /** A reverse proxy in front of the ingress controller (a home-lab edge proxy, a CDN). */
  EDGE_PROXY = 'edge-proxy',
}

/** Options of {@link IngressTls.certManager}. */
export interface CertManagerTlsOptions {
  /** Secret the certificate is issued into. @default - `<ingress-name>-tls` */
  readonly secretName?: string;
  /** The issuer is a namespaced Issuer (`cert-manager.io/issuer`). @default false */
  readonly namespaced?: boolean;
}

/** How the Ingress gets its TLS certificate. */
export class IngressTls {
  /** An existing `kubernetes.io/tls` Secret in the Ingress's namespace. */
  public static fromSecret(secretName: string): IngressTls {
    return new IngressTls(secretName, {}, true, undefined);
  }

  /**
   * cert-manager issues the certificate into `secretName` (default `<ingress-name>-tls`) from a
   * ClusterIssuer (`cert-manager.io/cluster-issuer`) or, with `namespaced: true`, an Issuer.
   */
  public static certManager(issuer: string, options: CertManagerTlsOptions = {}): IngressTls {
    const key = options.namespaced ? 'cert-manager.io/issuer' : 'cert-manager.io/cluster-issuer';
    return new IngressTls(options.secretName, { [key]: issuer }, true, issuer);
  }

  /**
   * TLS with the ingress controller's default certificate (a wildcard certificate the controller serves for hosts
   * without their own: ingress-nginx `--default-ssl-certificate`, Traefik's default `TLSStore`): the Ingress lists
   * its hosts under `tls` without a Secret. HTTPS redirect and HSTS as with any TLS source.
   */
  public static controllerDefaultCertificate(): IngressTls {
    return new IngressTls(undefined, {}, true, undefined, undefined, true);
  }

  /**
   * No TLS on this Ingress: only when TLS terminates in front of it (a cloud load balancer with a
   * certificate). Otherwise tokens and cookies cross the network in clear text.
   * @deprecated use {@link IngressTls.terminatedUpstream}, which names where TLS terminates
   */
  public static unsafeTerminatedElsewhere(): IngressTls {
    return new IngressTls(undefined, {}, false, undefined);
  }

  /**
   * No TLS on this Ingress because it terminates `at` a hop in front of the ingress controller, which forwards
   * plain HTTP to it. Users still reach Headlamp over https (the route's URL says so). The library cannot check
   * that hop: between it and the ingress controller, tokens and cookies travel in clear text, and the HTTPS
   * redirect and HSTS are its job, not this Ingress's (none are set here).
   */
  public static terminatedUpstream(at: TlsTerminatedAt): IngressTls {
    return new IngressTls(undefined, {}, false, undefined, at);
  }

  private constructor(
    /** @internal */ public readonly _secretName: string | undefined,
    /** @internal */ public readonly _annotations: Record<string, string>,
    /** @internal */ public readonly _enabled: boolean,
    /** @internal */ public readonly _issuer: string | undefined,
    /** @internal Where TLS terminates instead, when named. */ public readonly _terminatedAt?: TlsTerminatedAt,
    /** @internal TLS with the controller's default certificate (no Secret). */ public readonly _defaultCertificate = false,
  ) {}

  /** @internal What is wrong with what the factory was given. */
  public _issues(): ValueIssue[] {
    if (!this._enabled && this._terminatedAt !== undefined)
      return checkValue(oneOf(TlsTerminatedAt, 'TlsTerminatedAt'), this._terminatedAt, 'at');
    if (this._defaultCertificate) return [];
    return [
      ...(this._secretName !== undefined || this._issuer === undefined
        ? checkValue(dnsSubdomain, this._secretName, 'secretName')
        : []),
      ...(this._issuer !== undefined
        ? checkValue(dnsSubdomain, this._issuer, 'issuer', ' (a cert-manager issuer name)')
        : []),
    ].filter((i) => this._enabled || i.path[0] !== 'secretName');
  }
}

/** Props of {@link HeadlampIngress}. */
export interface HeadlampIngressProps {
  /** The Headlamp to route to (its Service and port, never typed by hand). */
  readonly headlamp: HeadlampDeployment;
  /** Public host names, e.g. `['headlamp.example.com']`. The first is the canonical one. */
  readonly hosts: string[];
  /**
   * TLS certificate source. Required: without TLS on the Ingress, name where it terminates instead
   * (`IngressTls.terminatedUpstream(TlsTerminatedAt.LOAD_BALANCER)`).
   */
  readonly tls: IngressTls;
  /**
   * The controller, for its IngressClass and annotations.
   * @default IngressController.TRAEFIK
   */
  readonly controller?: IngressController;
  /**
   * IngressClass name.
   * @default - 'traefik' for Traefik, 'nginx' for ingress-nginx
   */
  readonly ingressClassName?: string;
  /**
   * Name of the Ingress.
   * @default - the HeadlampDeployment's name
   */
  readonly name?: string;
  /**
   * Extra annotations.
   * @default - none
   */
  readonly annotations?: Record<string, string>;
  /**
   * Extra labels.
   * @default - none
   */
  readonly labels?: Record<string, string>;
  /**
   * Send HSTS (`Strict-Transport-Security`, one year, subdomains) with TLS: on Traefik a `headers` Middleware the
   * construct creates and chains first. ingress-nginx has no per-Ingress HSTS annotation: it sends HSTS on every
   * TLS server from its controller ConfigMap (`hsts`, on by default: one year, subdomains), so `false` is refused
   * there (turn it off in that ConfigMap).
   * @default true
   */
  readonly hsts?: boolean;
  /**
   * The ingress controller's pods, admitted to Headlamp (and oauth2-proxy) by the NetworkPolicies.
   * @default - the controller's preset: IngressControllerPeer.traefik() or .ingressNginx()
   */
  readonly ingressControllerPeer?: IngressControllerPeer;
  /**
   * Your own Traefik Middlewares, in Traefik's reference form (`<namespace>-<name>@kubernetescrd`), chained
   * AFTER the library's (HSTS, auth): the `router.middlewares` annotation itself is the library's.
   * @default - none
   */
  readonly extraTraefikMiddlewares?: string[];
  /**
   * More paths on every host, each to a port of the Headlamp Service's `extraPorts` (a sidecar; the NetworkPolicy
   * then admits the controller to it) or to another Service in the namespace. They pass through the same auth
   * annotations and Middlewares as Headlamp's own path. A path that would take over a sign-in path (Headlamp's
   * `<base-url>/oidc` and `<base-url>/oidc-callback`, oauth2-proxy's `/oauth2`) is refused.
   * @default - Headlamp's base URL only
   */
  readonly extraPaths?: IngressExtraPath[];
  /**
   * This route reaches Headlamp directly although an OAuth2ProxyFrontend protects it (reverse proxy), or
   * Headlamp trusts identity headers (identity-aware-proxy mode). Without a proxy of yours that authenticates
   * this route and strips identity headers, anyone can get in around the proxy, or claim any identity.
   * @default false
   */
  readonly unsafeBypassAuthProxy?: boolean;
}

/** @internal zod shape of the props every Ingress-based construct shares. */
export const ingressShape = lazy(() => ({
  headlamp: instance(HeadlampDeployment, 'new HeadlampDeployment(...)'),
  hosts: hostnames,
  tls: instance(
    IngressTls,
    'IngressTls.fromSecret(...), IngressTls.certManager(...) or IngressTls.terminatedUpstream(...)',
  ),
  controller: oneOf(IngressController, 'IngressController').optional(),
  ingressClassName: dnsSubdomain.optional(),
  name: dnsSubdomain.optional(),
  annotations: annotations.optional(),
  labels: labels.optional(),
  hsts: bool.optional(),
  ingressControllerPeer: instance(
    IngressControllerPeer,
    'IngressControllerPeer.traefik(), .ingressNginx() or .custom(...)',
  ).optional(),
  extraTraefikMiddlewares: z
    .array(
      pattern(
        /^[A-Za-z0-9][-A-Za-z0-9_.]*@[a-z0-9]+$/,
        "a Traefik middleware reference such as 'headlamp-ratelimit@kubernetescrd'",
      ),
    )
    .optional(),
  unsafeBypassAuthProxy: bool.optional(),
  extraPaths: z
    .array(
      z.strictObject({
        path: pattern(/^\/[A-Za-z0-9._~\-/]*$/, "a path starting with '/', such as '/metrics'"),
        pathType: z.enum(['Prefix', 'Exact'], { error: "expected 'Prefix' or 'Exact'" }).optional(),
        serviceName: dnsLabel.optional(),
        port: z.union([int(1, 65535), pattern(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a port name')], {
          error: 'expected a port number or name',
        }),
      }),
    )
    .optional(),
}));
const propsSchema = lazy(() => z.strictObject(ingressShape()));
sameShape<z.output<ReturnType<typeof propsSchema>>, HeadlampIngressProps>(true);

const TYPE = 'HeadlampIngress';

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
    'a snippet is raw NGINX configuration that can rewrite or skip the gate, TLS and HSTS (ingress-nginx turns snippet annotations off by default and rates them Critical); remove it',
  ],
  [
    /^traefik\.ingress\.kubernetes\.io\/router\.middlewares$/,
    "it carries the HSTS and auth Middleware chain; add yours with props.extraTraefikMiddlewares (chained after the library's)",
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
  if (o.hsts === false && controller === IngressController.INGRESS_NGINX) {
    fail(
      scope,
      constructType,
      'props.hsts',
      `applies to Traefik only, got false with controller ${controller}; ${NGINX_HSTS_FIX} (\`hsts: "false"\`) and drop the prop`,
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
  const tlsAnnotations: Record<string, string> = { ...o.tls._annotations };
  if (o.tls._enabled && controller === IngressController.INGRESS_NGINX) {
    // HSTS is the controller ConfigMap's (see NGINX_HSTS_ANNOTATION): no annotation for it.
    tlsAnnotations['nginx.ingress.kubernetes.io/force-ssl-redirect'] = 'true';
  }
  const chain = (o.traefikMiddlewares ?? []).map((m) => `${o.headlamp.namespace}-${m}@kubernetescrd`);
  if (o.tls._enabled && controller === IngressController.TRAEFIK) {
    tlsAnnotations['traefik.ingress.kubernetes.io/router.tls'] = 'true';
    if (o.hsts !== false) {
      chain.unshift(
        `${o.headlamp.namespace}-${hstsMiddleware(scope, `${o.name ?? o.headlamp.name}-hsts`, { ...o.headlamp.labels, ...o.labels }, o.legacyTraefikV2ApiGroup)}@kubernetescrd`,
      );
    }
  }
  if (controller === IngressController.TRAEFIK && !o.suffix) chain.push(...guardMiddleware(scope, o, chain));
  // The user's Middlewares run after the library's: they can add behaviour, never remove the gate.
  chain.push(...(o.extraTraefikMiddlewares ?? []));
  if (chain.length > 0) tlsAnnotations['traefik.ingress.kubernetes.io/router.middlewares'] = chain.join(',');
  if (!o.backend && o.headlamp.podTls && controller === IngressController.INGRESS_NGINX) {
    tlsAnnotations['nginx.ingress.kubernetes.io/backend-protocol'] = 'HTTPS';
  }
  // A managed annotation is refused unless it says what the library already sets (the same value, or with TLS on its equivalent).
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
  const backend = o.backend ?? { serviceName: o.headlamp.service.name, port: o.headlamp.servicePort };
  const peer = (o.ingressControllerPeer ?? IngressControllerPeer.of(controller)).toPeer();
  // What the HeadlampDeployment asks of a route to it: the session-affinity annotations (Headlamp's own OIDC login, 2+ replicas).
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
  const extraPaths = (o.extraPaths ?? []).map((x, i) => {
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

/** With metrics on, the Ingress (and on Traefik the Middleware) that refuses `<base-url>/metrics` on the hosts of the route `o`. */
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

/**
 * An Ingress in front of a {@link HeadlampDeployment}: TLS on every host (existing Secret or
 * cert-manager), on ingress-nginx an HTTPS redirect (HSTS is its controller ConfigMap's, on by default), on
 * Traefik an HSTS headers Middleware; `Prefix` path at the base URL.
 * Pairs with token and OIDC login; the auth constructs build theirs on the same rules.
 */
export class HeadlampIngress extends Construct {
  /** The Ingress. */
  public readonly ingress: k8s.KubeIngress;
  /** `https://<first host><base-url>`: where users open Headlamp. */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: HeadlampIngressProps) {
    super(scope, id);
    const p = parseProps(this, TYPE, propsSchema(), props);
    this.ingress = renderIngress(this, TYPE, p);
    this.url = `${p.tls._enabled || p.tls._terminatedAt ? 'https' : 'http'}://${p.hosts[0]}${p.headlamp.baseUrl}`;
    assertUniqueNames(this, TYPE);
  }
}
