// The props of every Ingress-based route: controllers and their NetworkPolicy peers, TLS sources, extra paths, one
// shape.
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { z } from 'zod';
import { HeadlampDeployment } from '../deployment/headlamp-deployment';
import { podPeerIssues, podsInNamespace } from '../core/metadata';
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
  ValueIssue,
} from '../core/schema';

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
    return podPeerIssues(this.namespace, this.podLabels);
  }

  /** A NetworkPolicy peer selecting these pods. */
  public toPeer(): k8s.NetworkPolicyPeer {
    return podsInNamespace(this.namespace, this.podLabels);
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
export const DEFAULT_CLASS: Record<IngressController, string> = {
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
    /** @internal TLS with the controller's default certificate (no Secret). */
    public readonly _defaultCertificate = false,
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
