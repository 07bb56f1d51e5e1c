// The shape of a values file (`cdk8s-headlamp --values`, HeadlampValuesFile) as TypeScript types; docs/values.md.

/** OIDC providers a values file can name, each an {@link OidcConfig} preset. */
export type HeadlampValuesOidcProvider =
  'generic' | 'dex' | 'keycloak' | 'entra-id' | 'cognito' | 'google' | 'openunison';

/**
 * The shape of a values file (docs/values.md describes each key).
 * TypeScript typing of plain data: other languages pass a map, checked by the same schema.
 * @jsii ignore
 */
export interface HeadlampValues {
  /** Namespace of every object. */
  readonly namespace: string;
  /** Public host name of the Ingress. */
  readonly host: string;
  /**
   * TLS certificate of the Ingress: an existing Secret, or a cert-manager ClusterIssuer; or where TLS terminates in
   * front of it.
   * @default - required without `gateway`
   */
  readonly tls?:
    | { readonly secretName: string }
    | { readonly certManagerClusterIssuer: string }
    | {
        /** TLS with the ingress controller's default (wildcard) certificate. */
        readonly controllerDefaultCertificate: true;
      }
    | {
        /**
         * No TLS on the Ingress: it terminates at this hop in front of the ingress controller, which the library cannot
         * check.
         */
        readonly terminatedUpstream: 'load-balancer' | 'tunnel' | 'edge-proxy';
      };
  /**
   * An HTTPRoute on this Gateway's HTTPS listener instead of an Ingress.
   * @default - an Ingress
   */
  readonly gateway?: {
    readonly name: string;
    readonly namespace?: string;
    readonly sectionName: string;
    readonly providesSessionAffinity?: boolean;
  };
  /**
   * The ingress controller.
   * @default 'traefik'
   */
  readonly controller?: 'traefik' | 'ingress-nginx';
  /**
   * The ingress controller's pods (or with `gateway` the Gateway's), admitted by the NetworkPolicy: the controller's
   * usual pod labels in `namespace`, or `podLabels`.
   * @default - the controller's preset: namespace `traefik` or `ingress-nginx`
   */
  readonly ingressControllerPeer?: { readonly namespace: string; readonly podLabels?: Record<string, string> };
  /**
   * How users log in.
   * @default { type: 'token' }
   */
  readonly auth?:
    | { readonly type: 'token' }
    | {
        /** OIDC settings read key by key from an existing Secret (the official chart's externalSecret keys). */
        readonly type: 'oidc-settings-secret';
        readonly secretName: string;
        /** `publicUrl` or `callbackUrl`, and the other non-secret OidcConfig options. */
        readonly options?: Record<string, unknown>;
      }
    | {
        /** Everyone who reaches the UI acts as Headlamp's ServiceAccount, bound to view (a named unsafe choice). */
        readonly type: 'unsafe-shared-token';
      }
    | {
        readonly type: 'oidc';
        /** The preset. */
        readonly provider: HeadlampValuesOidcProvider;
        /** The preset's options (`OidcConfig.<preset>({...})`), without `clientSecret`. */
        readonly options: Record<string, unknown>;
        /** Existing Secret with the client secret (key `client-secret` unless given). */
        readonly clientSecret?: { readonly secretName: string; readonly key?: string };
      };
  /**
   * HeadlampDeployment props (plain data); `sessionTtlSeconds` stands in for the `sessionTtl` Duration, and `metrics`
   * and `tracing` take their plain forms ({@link HeadlampValuesMetrics}, {@link HeadlampValuesTracing}).
   * @default - the HeadlampDeployment defaults
   */
  readonly headlamp?: Record<string, unknown>;
}
