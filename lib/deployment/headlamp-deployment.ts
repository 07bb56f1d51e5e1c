// HeadlampDeployment: Headlamp's Deployment, Service, ServiceAccount and NetworkPolicy, hardened by default; composed
// of feature contributions merged into one pod.
import { ApiObject } from 'cdk8s';
import { HEADLAMP_PORT, HEADLAMP_VERSION } from '../core/headlamp-flags';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import type { TokenIdentity } from '../auth/claim-mapping';
import { HeadlampAuth, HeadlampAuthMode } from '../auth/headlamp-auth';
import { fail, parseProps } from '../core/errors';
import { assertUniqueNames, chartNamespace, instanceLabels, selectorLabels } from '../core/metadata';
import { MergedPod, mergePodContributions, PodContribution } from '../core/pod-contribution';
import { disruptionBudget } from './availability';
import { clusterInventory } from './cluster-inventory';
import { extraPodParts, extraSettings } from './extras';
import { foreignRoutes } from './foreign-routes';
import { autoscalersBeyondOne } from './autoscaler';
import { headlampContainer } from './headlamp-container';
import { HeadlampDeploymentProps, propsSchema } from './headlamp-deployment-props';
import { ImagePullPolicy, refuseFlagsNewerThanImage, resolveImage } from './image';
import { kubeconfigs } from './kubeconfigs';
import { headlampNetworkPolicy } from './network-policy';
import { servicePort } from './plain-values';
import { pluginManager } from './plugin-manager';
import { plugins } from './plugins';
import { podSecurity, writableTmp } from './pod-security';
import { headlampDeploymentObject } from './pod-template';
import { podTls } from './pod-tls';
import { serverSettings } from './server-settings';
import { headlampServiceAccount } from './service-account';
import { refuseWhatHeadlampStopsOn } from './startup-check';
import {
  exposedServiceType,
  headlampServiceWithAffinity,
  refuseAppProtocolMismatch,
  refuseMetricsOnExposedService,
  ServiceType,
} from './service';
import { AffinityRoute, routeAffinity, SessionAffinity, sessionAffinity } from './session-affinity';
import { headlampVolumeClaim } from './volume-claim';
import { refuseProxyUrlsAround, uiSettings } from './ui-settings';

/** @internal How a route reaches Headlamp. */
export enum RouteVia {
  /** Straight to the Service: no proxy authenticates it, no identity header is stripped. */
  DIRECT = 'direct',
  /** Through an OAuth2ProxyFrontend's forward-auth chain (header stripping, then forward auth). */
  FORWARD_AUTH = 'forward-auth',
}

/**
 * @internal A construct that routes traffic to a Headlamp: what it is (for the session affinity), and how it reaches
 * Headlamp.
 */
export interface HeadlampRoute extends AffinityRoute {
  readonly via: RouteVia;
  /** The route's named opt-out of the exposure rule. */
  readonly unsafeBypassAuthProxy: boolean;
  /** The credential the browser's requests carry through the route to Headlamp (an auth gate's), if any. */
  readonly forwardsCredentials?: string;
}

/**
 * @internal What a construct in front of Headlamp contributes to its pod, once the pod is built: the peers the
 * NetworkPolicy admits.
 */
export type NetworkContribution = Pick<PodContribution, 'ingress'>;

const TYPE = 'HeadlampDeployment';

/**
 * Headlamp, hardened: a Deployment, its Service and ServiceAccount.
 *
 * The pods run as uid 100 / gid 101 with a read-only root filesystem (an emptyDir at /tmp),
 * no privilege escalation, all capabilities dropped and RuntimeDefault seccomp. Headlamp's own
 * ServiceAccount gets no RBAC (except in the unsafe shared-token mode): every API call runs with the
 * logged-in user's credentials. A NetworkPolicy admits only what the constructs in front register.
 * Objects go into the Chart's namespace, which must be set.
 */
export class HeadlampDeployment extends Construct {
  /** The Headlamp version the library is built and tested for: the default image's tag. */
  public static readonly HEADLAMP_VERSION: string = HEADLAMP_VERSION;
  /** The port Headlamp listens on in its container. */
  public static readonly PORT: number = HEADLAMP_PORT;

  /** The Deployment. */
  public readonly deployment: k8s.KubeDeployment;
  /** The Service in front of the pods. */
  public readonly service: k8s.KubeService;
  /** Headlamp's own ServiceAccount (no RBAC); undefined with `existingServiceAccount`. */
  public readonly serviceAccount?: k8s.KubeServiceAccount;
  /** Name of the ServiceAccount the pods run as. */
  public readonly serviceAccountName: string;
  /** The PersistentVolumeClaim of `persistentVolumeClaim`. */
  public readonly persistentVolumeClaim?: k8s.KubePersistentVolumeClaim;
  /** Base name of the objects. */
  public readonly name: string;
  /** Namespace of every object (the Chart's). */
  public readonly namespace: string;
  /** Service port that fronts the container's port 4466. */
  public readonly servicePort: number;
  /** Path prefix Headlamp is served under, `''` at the root. */
  public readonly baseUrl: string;
  /** Whether the pod itself serves TLS (`podTlsSecret`). */
  public readonly podTls: boolean;
  /** Labels on every Headlamp object (app.kubernetes.io/* and props.labels). */
  public readonly labels: Record<string, string>;
  /** Labels that select the Headlamp pods. */
  public readonly selectorLabels: Record<string, string>;
  /** Headlamp version the image tag names (`0.45.0`). */
  public readonly version: string;
  /** The login mode. */
  public readonly auth: HeadlampAuth;
  /** With OIDC login: the callback URL to register at the identity provider. */
  public readonly oidcCallbackUrl?: string;
  /** Constructs that authenticate in front of this Headlamp (registered by OAuth2ProxyFrontend). */
  private readonly frontends: Construct[] = [];
  /** Every route to Headlamp (Ingresses, HTTPRoutes), for the exposure rule. */
  private readonly routes: HeadlampRoute[] = [];
  /** The proxy in front and the tokens it makes Headlamp forward (when it knows its client ID). */
  private frontendIdentity?: { frontend: Construct; identity?: TokenIdentity };
  /** With OIDC login: the tokens Headlamp forwards. */
  private oidcIdentity?: TokenIdentity;
  /** With Headlamp's own OIDC login and 2+ replicas: the cookie every route keeps a browser on one pod with. */
  private readonly sessionAffinity?: SessionAffinity;
  /** With `proxyUrls` and no opt-in: the URLs, to which no token-forwarding front end may be put in front. */
  private readonly proxyUrlsWithoutOptIn?: readonly string[];
  /** A reverse-proxy OAuth2ProxyFrontend: nothing else may reach Headlamp. */
  private reverseProxy?: { construct: Construct; constructType: string };
  /** The Service type, when it exposes Headlamp outside the cluster (NodePort, LoadBalancer). */
  private readonly exposedServiceType?: ServiceType;
  /** What the Ingress and proxy constructs in front contribute to the pod (after it is built): the peers it admits. */
  private readonly inFront: NetworkContribution[] = [];
  /** The Service's extra ports, for Ingress paths to them. */
  private readonly extraServicePorts: k8s.ServicePort[];
  /** The NetworkPolicy (unless disabled by its unsafe name). */
  public readonly networkPolicy?: k8s.KubeNetworkPolicy;
  /** The PodDisruptionBudget (2 or more replicas). */
  public readonly podDisruptionBudget?: k8s.KubePodDisruptionBudget;
  /** With `metrics`: the path Headlamp serves them at, `<base-url>/metrics`, which every route refuses. */
  public readonly metricsPath?: string;
  /** With `HeadlampMetrics.podMonitor(...)` or `.serviceMonitor(...)`: the PodMonitor or ServiceMonitor. */
  public readonly monitor?: ApiObject;

  constructor(scope: Construct, id: string, props: HeadlampDeploymentProps = {}) {
    super(scope, id);
    const p = parseProps(this, TYPE, propsSchema(), props);
    this.namespace = chartNamespace(this, TYPE);
    this.name = p.name ?? 'headlamp';
    this.baseUrl = p.baseUrl ?? '';
    this.auth = p.auth ?? HeadlampAuth.serviceAccountToken();
    const image = resolveImage(p.image);
    this.version = image.version.join('.');
    this.selectorLabels = selectorLabels(this.name);
    this.labels = { ...instanceLabels(this.name, 'headlamp', this.version), ...p.labels };
    const svc = p.service ?? {};
    this.servicePort = svc.port ?? 80;
    this.extraServicePorts = (svc.extraPorts ?? []).map((x) => servicePort(x));
    this.podTls = !!p.podTlsSecret;
    this.exposedServiceType = exposedServiceType(this, TYPE, svc, this.auth);
    refuseAppProtocolMismatch(this, TYPE, svc, this.podTls);
    const security = podSecurity(this, TYPE, p.security);

    // What each feature adds to the pod. Those that create objects run in the order the objects are written.
    const auth = this.auth._bind(this, {
      name: this.name,
      namespace: this.namespace,
      baseUrl: this.baseUrl,
      labels: this.labels,
      constructType: TYPE,
    });
    this.oidcCallbackUrl = auth.callbackUrl;
    this.oidcIdentity = auth.identity;
    this.requireProxyInFront();
    if (!p.unsafeAllowHandWrittenRoutes) this.refuseForeignRoutes();
    this.proxyUrlsWithoutOptIn = p.unsafeForwardCredentialsToProxyUrls ? undefined : p.proxyUrls;
    const pluginsDir = p.pluginsDir ?? '/headlamp/plugins';
    const server = serverSettings(this, TYPE, p, pluginsDir);
    const inventory = clusterInventory(this, this, p.clusterInventory);
    const serviceAccount = headlampServiceAccount(this, TYPE, this, p, this.auth.mode);
    this.serviceAccount = serviceAccount.object;
    this.serviceAccountName = serviceAccount.name;
    const manager = pluginManager(this, this, p.plugins, pluginsDir);
    this.metricsPath = p.metrics ? `${this.baseUrl}/metrics` : undefined;
    refuseMetricsOnExposedService(this, TYPE, this.metricsPath, this.exposedServiceType);
    // Merged in the order each list of the pod is written: the user's env before the login's; volumes and mounts by
    // feature, then the login's, then the user's own.
    const pod = mergePodContributions(this, TYPE, [
      server,
      uiSettings(p),
      p.metrics?._contribution(this.metricsPath!, this.podTls) ?? {},
      p.tracing?._contribution() ?? {},
      extraSettings(this, TYPE, p, image),
      writableTmp(p.tmpSize, p.extraVolumeMounts),
      podTls(p.podTlsSecret),
      plugins(p.plugins, pluginsDir),
      inventory,
      manager,
      kubeconfigs(p.kubeconfigs),
      auth,
      extraPodParts(p),
    ]);
    this.refuseWhatThePodCannotDo(p, pod, image);

    this.deployment = this.workload(p, pod, image, security);
    const mountedClaims = pod.volumes.map((v) => v.value.persistentVolumeClaim?.claimName ?? '');
    const claimProps = p.persistentVolumeClaim;
    this.persistentVolumeClaim = headlampVolumeClaim(this, TYPE, this, claimProps, p.replicas ?? 1, mountedClaims);
    this.podDisruptionBudget = disruptionBudget(this, this, TYPE, p.replicas ?? 1, p.podDisruptionBudget);
    this.networkPolicy = headlampNetworkPolicy(
      this,
      this,
      p.networkPolicy ?? {},
      this.auth.mode === HeadlampAuthMode.OIDC,
      pod,
      () => mergePodContributions(this, TYPE, [{ ingress: pod.ingress }, ...this.inFront]).ingress,
    );
    this.sessionAffinity = sessionAffinity({
      owner: `${TYPE} '${this.node.path}'`,
      authMode: this.auth.mode,
      replicas: p.replicas ?? 1,
      sessionTtlSeconds: p.sessionTtl?.toSeconds(),
      name: this.name,
      baseUrl: this.baseUrl,
    });
    this.service = headlampServiceWithAffinity(this, this, TYPE, svc, {
      port: this.servicePort,
      extraPorts: this.extraServicePorts,
      podTls: this.podTls,
      affinity: this.sessionAffinity,
      exposedServiceType: this.exposedServiceType,
    });
    this.monitor = p.metrics?._monitor(this, this, {
      path: this.metricsPath!,
      podTlsSecret: p.podTlsSecret,
      serviceHost: `${this.service.name}.${this.namespace}.svc`,
    });
    if (this.auth.mode === HeadlampAuthMode.OIDC && !this.sessionAffinity) this.refuseAutoscalerWithoutAffinity();
    assertUniqueNames(this, TYPE);
  }

  /** Refuses flags newer than the image, proxy URLs that reach around Headlamp, and flags Headlamp stops on. */
  private refuseWhatThePodCannotDo(
    p: HeadlampDeploymentProps,
    pod: MergedPod,
    image: ReturnType<typeof resolveImage>,
  ): void {
    refuseFlagsNewerThanImage(this, TYPE, pod.flags, image);
    refuseProxyUrlsAround(this, TYPE, p.proxyUrls, {
      serviceName: this.name,
      namespace: this.namespace,
      image,
      apiServerCidrs: p.networkPolicy?.apiServerCidrs,
    });
    refuseWhatHeadlampStopsOn(this, TYPE, pod.flags);
  }

  /** The Headlamp container and the Deployment that runs it. */
  private workload(
    p: HeadlampDeploymentProps,
    pod: MergedPod,
    image: ReturnType<typeof resolveImage>,
    security: ReturnType<typeof podSecurity>,
  ): k8s.KubeDeployment {
    const container = headlampContainer(this, TYPE, pod, {
      image: image.reference,
      imagePullPolicy: p.image?.pullPolicy ?? ImagePullPolicy.IF_NOT_PRESENT,
      baseUrl: this.baseUrl,
      podTls: this.podTls,
      size: p.size,
      resources: p.resources,
      livenessProbe: p.livenessProbe,
      readinessProbe: p.readinessProbe,
      securityContext: security.container,
    });
    return headlampDeploymentObject(this, this, p, pod, {
      container,
      security,
      serviceAccountName: this.serviceAccountName,
    });
  }

  /**
   * @internal Records an authenticating proxy in front of this Headlamp, and what it contributes: the only peers that
   * may reach Headlamp. A reverse proxy is refused while a route or an exposed Service already reaches Headlamp around
   * it.
   */
  public _addFrontend(
    frontend: Construct,
    constructType: string,
    admits: NetworkContribution,
    reverseProxy: boolean,
    identity?: TokenIdentity,
  ): void {
    this.refuseCredentialsToProxyUrls(
      frontend,
      constructType,
      "the user's ID token (Authorization, X-Forwarded-Id-Token: the API server accepts it) and session cookie",
    );
    if (reverseProxy) {
      const around = this.routes.find((r) => !r.unsafeBypassAuthProxy);
      const what = around
        ? `${around.constructType} '${around.construct.node.path}' already routes`
        : this.exposedServiceType
          ? `the ${this.exposedServiceType} Service of ${TYPE} '${this.node.path}' already reaches it`
          : undefined;
      if (what) {
        fail(
          frontend,
          constructType,
          'props.headlamp',
          `${what} straight to ${TYPE} '${this.node.path}', around this reverse proxy ` +
            '(its email and group limits would not apply); remove that route (keep the Service ClusterIP), or set ' +
            'unsafeBypassAuthProxy: true on it',
        );
      }
      this.reverseProxy = { construct: frontend, constructType };
    }
    this.frontends.push(frontend);
    this._contribute(admits);
    this.frontendIdentity = { frontend, identity };
  }

  /**
   * @internal Records a route to Headlamp and enforces the exposure rule: in identity-aware-proxy mode every route
   * passes through the forward-auth chain; with a reverse-proxy frontend nothing routes around it. A route's
   * `unsafeBypassAuthProxy` is the named exception. Returns the annotations the route must carry to keep a browser
   * on one pod (Headlamp's own OIDC login with 2+ replicas), after refusing what would undo them.
   */
  public _registerRoute(route: HeadlampRoute): Record<string, string> {
    if (route.via === RouteVia.DIRECT && !route.unsafeBypassAuthProxy) {
      if (this.auth.mode === HeadlampAuthMode.IDENTITY_AWARE_PROXY) {
        const frontend = this.frontends[0] ? ` '${this.frontends[0].node.path}'` : '';
        fail(
          route.construct,
          route.constructType,
          'props.headlamp',
          `routes straight to ${TYPE} '${this.node.path}', which trusts ` +
            'identity headers (identity-aware-proxy mode): no header stripping and no forward auth, so anyone ' +
            `could send X-Forwarded-User; route through the OAuth2ProxyFrontend${frontend} (forward-auth mode) ` +
            `instead, or set unsafeBypassAuthProxy: true on this ${route.constructType} if a proxy of yours ` +
            `authenticates it and strips those headers`,
        );
      }
      if (this.reverseProxy) {
        fail(
          route.construct,
          route.constructType,
          'props.headlamp',
          `routes straight to ${TYPE} '${this.node.path}', around ` +
            `${this.reverseProxy.constructType} '${this.reverseProxy.construct.node.path}' (reverse proxy: its ` +
            `email and group limits would not apply); remove it, or set unsafeBypassAuthProxy: true on ` +
            `this ${route.constructType}`,
        );
      }
    }
    if (route.forwardsCredentials) {
      this.refuseCredentialsToProxyUrls(route.construct, route.constructType, route.forwardsCredentials);
    }
    const annotations = routeAffinity(this.sessionAffinity, route);
    this.routes.push(route);
    return annotations;
  }

  /**
   * @internal The target port of the Service's extra port `port` (a number or name), admitting `peer` to it in
   * the NetworkPolicy; undefined when the Service has no such extra port.
   */
  public _allowToExtraPort(peer: k8s.NetworkPolicyPeer, port: number | string): k8s.ServicePort | undefined {
    const sp = this.extraServicePorts.find((x) => (typeof port === 'number' ? x.port === port : x.name === port));
    if (!sp) return undefined;
    this._contribute({
      ingress: [{ peer, port: (sp.targetPort as { value?: number | string } | undefined)?.value ?? sp.port }],
    });
    return sp;
  }

  /** @internal Adds what a route in front contributes to the pod: the peers the NetworkPolicy admits. */
  public _contribute(contribution: NetworkContribution): void {
    this.inFront.push(contribution);
  }

  /**
   * @internal The tokens Headlamp forwards to the API server, and who obtains them; or a refusal naming what is
   * missing (for UserAccess and ApiServerAuthentication, at `propPath` of `scope`).
   */
  public _tokenIdentity(scope: Construct, constructType: string, propPath: string): TokenIdentity {
    const why = (m: string): never => fail(scope, constructType, propPath, `${TYPE} '${this.node.path}' ${m}`);
    if (this.oidcIdentity) return this.oidcIdentity;
    if (this.frontendIdentity?.identity) return this.frontendIdentity.identity;
    if (this.frontendIdentity) {
      return why(
        `forwards oauth2-proxy's ID tokens, whose audience is the client ID, got an OAuth2ProxyFrontend ` +
          `('${this.frontendIdentity.frontend.node.path}') ` +
          'without a plain clientId (or with a provider that issues no ID token); set its props.clientId',
      );
    }
    if (this.auth.mode === HeadlampAuthMode.OIDC) {
      return why(
        "reads its OIDC issuer and client ID from a settings Secret, got nothing to name in the API server's " +
          'configuration; use an OidcConfig preset',
      );
    }
    const iap = this.auth.mode === HeadlampAuthMode.IDENTITY_AWARE_PROXY;
    return why(
      `forwards no identity-provider token (auth mode ${this.auth.mode}` +
        `${iap ? ', no OAuth2ProxyFrontend yet' : ''}); ` +
        (iap ? 'create the OAuth2ProxyFrontend first' : 'for token login bind people with LoginServiceAccount'),
    );
  }

  /**
   * @internal With Headlamp's own OIDC login and 2 or more replicas: the cookie every route keeps a browser on one pod
   * with (the chart migration notes it); undefined when any pod can serve any request.
   */
  public get _sessionAffinity(): SessionAffinity | undefined {
    return this.sessionAffinity;
  }

  /** In-cluster DNS name of the Service: `<name>.<namespace>.svc.cluster.local`. */
  public get serviceHost(): string {
    return `${this.service.name}.${this.namespace}.svc.cluster.local`;
  }

  /** In-cluster URL of Headlamp, with the base URL: `http(s)://<host>:<port><base-url>/`. */
  public get serviceUrl(): string {
    return `${this.podTls ? 'https' : 'http'}://${this.serviceHost}:${this.servicePort}${this.baseUrl}/`;
  }

  /**
   * Refuses a construct in front that puts `credentials` on every request to this Headlamp while it has `proxyUrls`:
   * Headlamp copies every request header to the proxied request (backend/cmd/headlamp.go, externalProxyHandler).
   */
  private refuseCredentialsToProxyUrls(scope: Construct, constructType: string, credentials: string): void {
    if (!this.proxyUrlsWithoutOptIn) return;
    fail(
      scope,
      constructType,
      'props.headlamp',
      `puts ${credentials} on every request to ${TYPE} '${this.node.path}', whose proxyUrls would receive them ` +
        '(Headlamp copies every request header to the proxied request); drop proxyUrls, or set ' +
        `unsafeForwardCredentialsToProxyUrls: true on the ${TYPE} if every proxy target may act as its users`,
    );
  }

  /**
   * A validation at synth: no route object in the app sends traffic to Headlamp's Service unless a route construct of
   * the library rendered it (they register with this HeadlampDeployment, and so come under the exposure rule).
   */
  private refuseForeignRoutes(): void {
    this.node.addValidation({
      validate: () => {
        const owners = [...this.routes.map((r) => r.construct), ...this.frontends];
        return foreignRoutes(this, this.service.name, this.namespace, owners).map(
          (route) =>
            `${TYPE} '${this.node.path}': ` +
            `${route} sends traffic to Headlamp's Service ${this.service.name} around the library's routes (their ` +
            "TLS, auth gate and /metrics block do not apply to it, and the NetworkPolicy admits the controller's " +
            'pods all the same); build it with HeadlampIngress, HeadlampHttpRoute, BasicAuthIngress, ' +
            'ForwardAuthIngress or an OAuth2ProxyFrontend, or set unsafeAllowHandWrittenRoutes: true',
        );
      },
    });
  }

  /**
   * With Headlamp's own OIDC login and one replica (no session affinity): a validation at synth that no
   * HorizontalPodAutoscaler in the app scales the Deployment beyond one pod, where two logins in three would fail.
   */
  private refuseAutoscalerWithoutAffinity(): void {
    this.node.addValidation({
      validate: () =>
        autoscalersBeyondOne(this, this.deployment.name, this.namespace).map(
          (hpa) =>
            `${TYPE} '${this.node.path}': props.replicas: ${hpa} scales it beyond the 1 replica it was built ` +
            "for, without the session affinity Headlamp's own OIDC login needs on more than one pod (a login's " +
            'state and refresh token stay in the pod that began it); set replicas to 2 or more (every route ' +
            'then keeps a browser on one pod), or cap maxReplicas at 1',
        ),
    });
  }

  /**
   * In identity-aware-proxy mode (unless the proxy is the user's own), a validation that a proxy in front registered.
   */
  private requireProxyInFront(): void {
    if (this.auth.mode !== HeadlampAuthMode.IDENTITY_AWARE_PROXY || this.auth._unsafeExternalProxy) return;
    this.node.addValidation({
      validate: () =>
        this.frontends.length > 0
          ? []
          : [
              `${TYPE} '${this.node.path}': props.auth: identity-aware-proxy mode trusts identity headers, got no ` +
                'proxy in front; add an OAuth2ProxyFrontend in forward-auth mode for this HeadlampDeployment, or set ' +
                'HeadlampAuth.identityAwareProxy({ unsafeExternalProxy: true }) if your own proxy strips client ' +
                'copies of the headers',
            ],
    });
  }
}
