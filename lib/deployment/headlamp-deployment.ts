// HeadlampDeployment: Headlamp's Deployment, Service, ServiceAccount and NetworkPolicy, hardened by default.
import { Lazy } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { fail, parseProps } from '../core/errors';
import type { TokenIdentity } from '../auth/claim-mapping';
import { HeadlampAuth, HeadlampAuthMode } from '../auth/headlamp-auth';
import { assertUniqueNames, chartNamespace, dnsEgress, hardenedSecurityContexts, instanceLabels, selectorLabels } from '../core/metadata';
import {
  FlagValue, flagVersionProblem, HEADLAMP_PORT, HEADLAMP_PORT_NAME, HEADLAMP_VERSION, parseVersion, renderFlag,
} from '../core/headlamp-flags';
import { HeadlampDeploymentProps, propsSchema } from './headlamp-deployment-props';
import { HeadlampSize, ProbeTiming, quantityValue, ResourceQuantities, SIZES } from './headlamp-container';
import { ImagePullPolicy } from './image';
import { HeadlampNetworkPolicyOptions } from './network-policy';
import { intOrString, plainContainer, plainVolume, servicePort } from './plain-values';
import { ServiceType } from './service';

/** @internal How a route reaches Headlamp. */
export enum RouteVia {
  /** Straight to the Service: no proxy authenticates it, no identity header is stripped. */
  DIRECT = 'direct',
  /** Through an OAuth2ProxyFrontend's forward-auth chain (header stripping, then forward auth). */
  FORWARD_AUTH = 'forward-auth',
}

/** @internal A construct that routes traffic to a Headlamp. */
export interface HeadlampRoute {
  readonly construct: Construct;
  readonly constructType: string;
  readonly via: RouteVia;
  /** The route's named opt-out of the exposure rule. */
  readonly unsafeBypassAuthProxy: boolean;
}



const TYPE = 'HeadlampDeployment';

/** Where `podTlsSecret` is mounted. */
const POD_TLS_DIR = '/etc/headlamp/tls';

/** Where the cluster inventory's provider file is mounted (the official chart's path). */
const INVENTORY_DIR = '/etc/cluster-inventory';

/** Where `kubeconfigs` are mounted, one directory each. */
const KUBECONFIG_DIR = '/etc/headlamp/kubeconfigs';

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
  /** The Deployment. */
  public readonly deployment: k8s.KubeDeployment;
  /** The Service in front of the pods. */
  public readonly service: k8s.KubeService;
  /** Headlamp's own ServiceAccount (no RBAC). */
  public readonly serviceAccount: k8s.KubeServiceAccount;
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
  /** A reverse-proxy OAuth2ProxyFrontend: nothing else may reach Headlamp. */
  private reverseProxy?: { construct: Construct; constructType: string };
  /** The Service type, when it exposes Headlamp outside the cluster (NodePort, LoadBalancer). */
  private readonly exposedServiceType?: ServiceType;
  /** Who may reach Headlamp's port: registered by the Ingress and proxy constructs in front. */
  private readonly ingressPeers: k8s.NetworkPolicyPeer[] = [];
  /** Peers admitted to one of the Service's extra ports (an Ingress path to a sidecar), by target port. */
  private readonly extraPortPeers: Array<{ peer: k8s.NetworkPolicyPeer; port: number | string }> = [];
  /** The Service's extra ports, for Ingress paths to them. */
  private readonly extraServicePorts: k8s.ServicePort[];
  /** The NetworkPolicy (unless disabled by its unsafe name). */
  public readonly networkPolicy?: k8s.KubeNetworkPolicy;
  /** The PodDisruptionBudget (2 or more replicas). */
  public readonly podDisruptionBudget?: k8s.KubePodDisruptionBudget;

  constructor(scope: Construct, id: string, props: HeadlampDeploymentProps = {}) {
    super(scope, id);
    const p = parseProps(this, TYPE, propsSchema(), props);
    this.namespace = chartNamespace(this, TYPE);
    this.name = p.name ?? 'headlamp';
    this.baseUrl = p.baseUrl ?? '';
    this.auth = p.auth ?? HeadlampAuth.serviceAccountToken();
    const tag = p.image?.tag ?? `v${HEADLAMP_VERSION}`;
    const parsed = parseVersion(tag) ?? parseVersion(HEADLAMP_VERSION)!;
    this.version = parsed.join('.');
    this.selectorLabels = selectorLabels(this.name);
    const objectLabels = { ...instanceLabels(this.name, 'headlamp', this.version), ...p.labels };
    this.labels = objectLabels;
    const svc = p.service ?? {};
    this.servicePort = svc.port ?? 80;
    this.extraServicePorts = (svc.extraPorts ?? []).map((x) => servicePort(x));

    if (svc.type === ServiceType.NODE_PORT || svc.type === ServiceType.LOAD_BALANCER) {
      if (!svc.unsafeAllowPlainHttpExposure) {
        fail(this, TYPE, 'props.service.type', `a ${svc.type} Service exposes Headlamp over plain HTTP, got ${svc.type}; ` +
          'keep ClusterIP behind an Ingress or HTTPRoute with TLS, or set props.service.unsafeAllowPlainHttpExposure: true ' +
          'when TLS terminates in front of it');
      }
      this.exposedServiceType = svc.type;
      if (this.auth.mode === HeadlampAuthMode.IDENTITY_AWARE_PROXY && !this.auth._unsafeExternalProxy) {
        fail(this, TYPE, 'props.service.type', `a ${svc.type} Service reaches Headlamp around the proxy in front, got ${svc.type} with ` +
          'identity-aware-proxy mode (Headlamp trusts identity headers: anyone could claim any identity); keep ClusterIP');
      }
    }
    const security = p.security ?? {};
    if (security.runAsUser === 0 && !security.unsafeAllowRunAsRoot) {
      fail(this, TYPE, 'props.security.runAsUser', 'expected a non-root uid (>= 1), got 0; ' +
        'set props.security.unsafeAllowRunAsRoot: true to run as root');
    }

    const pluginsDir = p.pluginsDir ?? '/headlamp/plugins';
    const auth = this.auth._bind(this, { name: this.name, namespace: this.namespace, baseUrl: this.baseUrl, labels: objectLabels, constructType: TYPE });
    this.oidcCallbackUrl = auth.callbackUrl;
    this.oidcIdentity = auth.identity;
    if (this.auth.mode === HeadlampAuthMode.IDENTITY_AWARE_PROXY && !this.auth._unsafeExternalProxy) {
      this.node.addValidation({
        validate: () => this.frontends.length > 0 ? [] : [
          `${TYPE} '${this.node.path}': props.auth: identity-aware-proxy mode trusts identity headers, got no proxy in front; ` +
          'add an OAuth2ProxyFrontend in forward-auth mode for this HeadlampDeployment, or set ' +
          'HeadlampAuth.identityAwareProxy({ unsafeExternalProxy: true }) if your own proxy strips client copies of the headers',
        ],
      });
    }
    const inCluster = p.inCluster ?? true;
    if (!inCluster) {
      if (!p.kubeconfigs?.length) {
        fail(this, TYPE, 'props.kubeconfigs', 'expected at least one kubeconfig with inCluster: false (Headlamp would show no cluster), got none; ' +
          'add SecretKeyRef.fromName(...) entries, or keep inCluster');
      }
      if (p.inClusterContextName) fail(this, TYPE, 'props.inClusterContextName', 'applies to in-cluster mode, got it with inCluster: false; drop it');
      if (this.auth.mode === HeadlampAuthMode.UNSAFE_SHARED_SERVICE_ACCOUNT) {
        fail(this, TYPE, 'props.auth', 'the shared ServiceAccount token works in-cluster only, got it with inCluster: false');
      }
    }
    const flags: Array<FlagValue & { prop: string }> = [
      ...(inCluster ? [{ flag: 'in-cluster' as const, value: true, prop: 'props.inCluster' }] : []),
      { flag: 'plugins-dir', value: pluginsDir, prop: 'props.pluginsDir' },
    ];
    if (p.baseUrl) flags.push({ flag: 'base-url', value: p.baseUrl, prop: 'props.baseUrl' });
    if (p.inClusterContextName) flags.push({ flag: 'in-cluster-context-name', value: p.inClusterContextName, prop: 'props.inClusterContextName' });
    if (p.sessionTtl) flags.push({ flag: 'session-ttl', value: p.sessionTtl.toSeconds(), prop: 'props.sessionTtl' });
    if (p.enableHelm) flags.push({ flag: 'enable-helm', value: true, prop: 'props.enableHelm' });
    const inventory = p.clusterInventory;
    if (inventory) {
      flags.push(
        { flag: 'enable-cluster-inventory', value: true, prop: 'props.clusterInventory' },
        { flag: 'cluster-inventory-provider-file', value: `${INVENTORY_DIR}/config.json`, prop: 'props.clusterInventory' },
        { flag: 'cluster-inventory-label-selector', value: inventory.labelSelector ?? '!headlamp.dev/ignore', prop: 'props.clusterInventory.labelSelector' },
        ...(inventory.namespaces ? [{ flag: 'cluster-inventory-namespaces' as const, value: inventory.namespaces.join(','), prop: 'props.clusterInventory.namespaces' }] : []),
        ...(inventory.rootReconcileInterval ? [{ flag: 'cluster-inventory-root-reconcile-interval' as const, value: `${inventory.rootReconcileInterval.toSeconds()}s`, prop: 'props.clusterInventory.rootReconcileInterval' }] : []),
        ...(inventory.noCrdCacheTtl ? [{ flag: 'cluster-inventory-no-crd-cache-ttl' as const, value: `${inventory.noCrdCacheTtl.toSeconds()}s`, prop: 'props.clusterInventory.noCrdCacheTtl' }] : []),
      );
      new k8s.KubeConfigMap(this, 'ClusterInventory', {
        metadata: { name: `${this.name}-cluster-inventory`, labels: objectLabels },
        data: { 'config.json': JSON.stringify({ providers: inventory.providers }) },
      });
    }
    const kubeconfigPaths = (p.kubeconfigs ?? []).map((_, i) => `${KUBECONFIG_DIR}/${i}/config`);
    if (kubeconfigPaths.length) flags.push({ flag: 'kubeconfig', value: kubeconfigPaths.join(':'), prop: 'props.kubeconfigs' });
    this.podTls = !!p.podTlsSecret;
    if (p.podTlsSecret) {
      flags.push({ flag: 'tls-cert-path', value: `${POD_TLS_DIR}/tls.crt`, prop: 'props.podTlsSecret' });
      flags.push({ flag: 'tls-key-path', value: `${POD_TLS_DIR}/tls.key`, prop: 'props.podTlsSecret' });
    }
    flags.push(...auth.flags);
    this.checkFlags(flags, parsed, tag, p.extraArgs ?? []);
    checkExtraEnv(this, p.extraEnv ?? {});
    checkExtraEnv(this, Object.fromEntries((p.extraEnvVars ?? []).map((e) => [e.name, ''])), 'props.extraEnvVars');

    this.serviceAccount = new k8s.KubeServiceAccount(this, 'ServiceAccount', {
      metadata: { name: this.name, labels: objectLabels, annotations: p.serviceAccountAnnotations },
      // The pod mounts its token explicitly (in-cluster config needs it); nothing else should.
      automountServiceAccountToken: false,
    });

    const image = p.image ?? {};
    const imageRef = `${image.registry ?? 'ghcr.io'}/${image.repository ?? 'headlamp-k8s/headlamp'}:${tag}` +
      (image.digest ? `@${image.digest}` : '');
    const probe = (t: ProbeTiming = {}): k8s.Probe => ({
      httpGet: { path: `${this.baseUrl}/`, port: k8s.IntOrString.fromString(HEADLAMP_PORT_NAME), scheme: this.podTls ? 'HTTPS' : undefined },
      initialDelaySeconds: t.initialDelaySeconds,
      periodSeconds: t.periodSeconds ?? 10,
      timeoutSeconds: t.timeoutSeconds ?? 5,
      failureThreshold: t.failureThreshold ?? 3,
    });
    const hardened = hardenedSecurityContexts({
      ...security, runAsUser: security.runAsUser ?? 100, runAsGroup: security.runAsGroup ?? 101, fsGroup: security.fsGroup ?? 101,
    });
    const res = p.resources ?? {};
    const size = SIZES[p.size ?? HeadlampSize.MEDIUM];
    for (const what of ['cpu', 'memory'] as const) {
      const request = res.requests?.[what] ?? size.requests[what];
      const limit = res.limits?.[what] ?? size.limits[what];
      if (quantityValue(request) > quantityValue(limit)) {
        const at = res.requests?.[what] ? `props.resources.requests.${what}` : `props.resources.limits.${what}`;
        fail(this, TYPE, at, `expected the ${what} request (${request}) at most the limit (${limit}), after the ${p.size ?? HeadlampSize.MEDIUM} ` +
          'size preset is applied; the API server refuses the Deployment otherwise. Raise the limit, lower the request, or pick another size');
      }
    }
    // A user's own /tmp mount replaces ours (two mounts at one path are refused by the API server).
    const ownTmp = !(p.extraVolumeMounts ?? []).some((m) => m.mountPath.replace(/\/+$/, '') === '/tmp');

    const container: k8s.Container = {
      name: 'headlamp',
      image: imageRef,
      imagePullPolicy: image.pullPolicy ?? ImagePullPolicy.IF_NOT_PRESENT,
      args: [...flags.filter((f) => !f.viaEnv).map(renderFlag), ...(p.extraArgs ?? [])],
      env: nonEmpty([
        ...Object.entries(p.extraEnv ?? {}).map(([name, value]) => ({ name, value })),
        ...(p.extraEnvVars ?? []),
        ...auth.env,
      ]),
      ports: [{ name: HEADLAMP_PORT_NAME, containerPort: HEADLAMP_PORT, protocol: 'TCP' }],
      livenessProbe: probe(p.livenessProbe),
      readinessProbe: probe(p.readinessProbe),
      resources: {
        requests: quantities(res.requests, SIZES[p.size ?? HeadlampSize.MEDIUM].requests),
        limits: quantities(res.limits, SIZES[p.size ?? HeadlampSize.MEDIUM].limits),
      },
      securityContext: hardened.container,
      envFrom: p.extraEnvFrom,
      volumeMounts: [
        ...(ownTmp ? [{ name: 'tmp', mountPath: '/tmp' }] : []),
        ...(p.podTlsSecret ? [{ name: 'tls', mountPath: POD_TLS_DIR, readOnly: true }] : []),
        ...(p.plugins ? [{ name: 'plugins', mountPath: pluginsDir, readOnly: true }] : []),
        ...kubeconfigPaths.map((_, i) => ({ name: `kubeconfig-${i}`, mountPath: `${KUBECONFIG_DIR}/${i}`, readOnly: true })),
        ...(inventory ? [{ name: 'cluster-inventory-config', mountPath: INVENTORY_DIR, readOnly: true }] : []),
        ...auth.volumeMounts,
        ...(p.extraVolumeMounts ?? []),
      ],
    };
    // Extra and init containers get the same hardening unless they bring their own securityContext.
    const harden = (c: k8s.Container): k8s.Container => ({ ...plainContainer(c), securityContext: c.securityContext ?? container.securityContext });
    const manager = p.plugins?._manager;
    if (manager) {
      new k8s.KubeConfigMap(this, 'PluginConfig', { metadata: { name: `${this.name}-plugin-config`, labels: objectLabels }, data: { 'plugin.yml': manager.config } });
    }
    // The official chart's plugin manager, hardened: read-only root filesystem, writable plugins dir and /tmp only.
    const pluginManager: k8s.Container[] = manager ? [{
      name: 'plugin-manager',
      image: manager.image,
      imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
      command: ['npx', '--yes', `@headlamp-k8s/pluginctl@${manager.pluginctlVersion}`, 'install', '--config', '/config/plugin.yml',
        '--folderName', pluginsDir, '--watch'],
      env: [
        { name: 'HOME', value: '/tmp' },
        { name: 'NPM_CONFIG_CACHE', value: '/tmp/npm-cache' },
        { name: 'NPM_CONFIG_USERCONFIG', value: '/tmp/npm-userconfig' },
      ],
      resources: { requests: { cpu: k8s.Quantity.fromString('50m'), memory: k8s.Quantity.fromString('128Mi') }, limits: { cpu: k8s.Quantity.fromString('500m'), memory: k8s.Quantity.fromString('512Mi') } },
      volumeMounts: [
        { name: 'plugins', mountPath: pluginsDir },
        { name: 'plugin-config', mountPath: '/config', readOnly: true },
        { name: 'plugin-manager-tmp', mountPath: '/tmp' },
      ],
    }] : [];
    const copier: k8s.Container[] = p.plugins?._copy ? [{
      name: 'copy-plugins',
      image: p.plugins._copy.image,
      imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
      command: ['cp', '-R', `${p.plugins._copy.sourcePath}/.`, `${pluginsDir}/`],
      resources: { requests: { cpu: k8s.Quantity.fromString('10m'), memory: k8s.Quantity.fromString('16Mi') }, limits: { cpu: k8s.Quantity.fromString('200m'), memory: k8s.Quantity.fromString('64Mi') } },
      volumeMounts: [{ name: 'plugins', mountPath: pluginsDir }],
    }] : [];

    const replicas = p.replicas ?? 1;
    const ha = replicas > 1;
    const defaultSpread: k8s.TopologySpreadConstraint[] = ['kubernetes.io/hostname', 'topology.kubernetes.io/zone']
      .map((topologyKey) => ({ maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway' }));
    this.deployment = new k8s.KubeDeployment(this, 'Deployment', {
      metadata: { name: this.name, labels: objectLabels },
      spec: {
        replicas,
        strategy: ha ? {
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: k8s.IntOrString.fromNumber(0), maxSurge: k8s.IntOrString.fromNumber(1) },
        } : undefined,
        selector: { matchLabels: this.selectorLabels },
        template: {
          metadata: { labels: { ...objectLabels }, annotations: p.podAnnotations },
          spec: {
            serviceAccountName: this.serviceAccount.name,
            // `-in-cluster` reads the API server CA and token from the mounted ServiceAccount volume.
            // The ServiceAccount has no RBAC (except with the unsafe shared-token mode), so the token grants nothing beyond discovery.
            automountServiceAccountToken: inCluster,
            imagePullSecrets: image.pullSecrets?.map((name) => ({ name })),
            securityContext: hardened.pod,
            hostUsers: security.userNamespace ? false : undefined,
            initContainers: nonEmpty([...copier, ...(p.initContainers ?? [])].map(harden)),
            containers: [container, ...pluginManager.map(harden), ...(p.extraContainers ?? []).map(harden)],
            volumes: [
              ...(ownTmp ? [{ name: 'tmp', emptyDir: { sizeLimit: k8s.Quantity.fromString(p.tmpSize ?? '1Gi') } }] : []),
              ...(p.podTlsSecret ? [{ name: 'tls', secret: { secretName: p.podTlsSecret } }] : []),
              ...(p.plugins ? [p.plugins._volume] : []),
              ...(inventory ? [{ name: 'cluster-inventory-config', configMap: { name: `${this.name}-cluster-inventory` } }] : []),
              ...(manager ? [
                { name: 'plugin-config', configMap: { name: `${this.name}-plugin-config` } },
                { name: 'plugin-manager-tmp', emptyDir: { sizeLimit: k8s.Quantity.fromString(manager.tmpSize ?? '512Mi') } },
              ] : []),
              ...(p.kubeconfigs ?? []).map((ref, i) => ({
                name: `kubeconfig-${i}`, secret: { secretName: ref.secretName, items: [{ key: ref.key, path: 'config' }] },
              })),
              ...auth.volumes,
              ...(p.extraVolumes ?? []).map((v) => plainVolume(v)),
            ],
            hostAliases: p.hostAliases,
            nodeSelector: p.nodeSelector,
            tolerations: p.tolerations,
            affinity: p.affinity,
            topologySpreadConstraints: (p.topologySpreadConstraints ?? (ha ? defaultSpread : undefined))?.map((c) => ({
              ...c, labelSelector: c.labelSelector ?? { matchLabels: this.selectorLabels },
            })),
            priorityClassName: p.priorityClassName,
          },
        },
      },
    });

    const pdb = p.podDisruptionBudget ?? {};
    if (ha || pdb.always) {
      this.podDisruptionBudget = new k8s.KubePodDisruptionBudget(this, 'PodDisruptionBudget', {
        metadata: { name: this.name, labels: objectLabels },
        spec: {
          ...(pdb.minAvailable !== undefined ? { minAvailable: intOrString(pdb.minAvailable) } : { maxUnavailable: intOrString(pdb.maxUnavailable ?? 1) }),
          unhealthyPodEvictionPolicy: pdb.unhealthyPodEvictionPolicy,
          selector: { matchLabels: this.selectorLabels },
        },
      });
    }

    if (!p.networkPolicy?.unsafeDisable) {
      this.networkPolicy = new k8s.KubeNetworkPolicy(this, 'NetworkPolicy', {
        metadata: { name: this.name, labels: objectLabels },
        spec: {
          podSelector: { matchLabels: this.selectorLabels },
          policyTypes: ['Ingress', 'Egress'],
          // Lazy: the Ingress and proxy constructs in front register their peers after this one is built.
          ingress: Lazy.any({
            produce: () => [
              ...(this.ingressPeers.length === 0 ? [] : [{
                from: this.ingressPeers,
                ports: [{ port: k8s.IntOrString.fromNumber(HEADLAMP_PORT), protocol: 'TCP' }],
              }]),
              ...this.extraPortPeers.map(({ peer, port }) => ({
                from: [peer],
                ports: [{ port: intOrString(port), protocol: 'TCP' }],
              })),
            ],
          }) as unknown as k8s.NetworkPolicyIngressRule[],
          egress: [
            ...egressRules(p.networkPolicy ?? {}, this.auth.mode === HeadlampAuthMode.OIDC),
            // The plugin manager downloads plugins on 443: from the named CIDRs, or anywhere by the unsafe name.
            ...(manager && !p.networkPolicy?.unsafeAllowAllEgress ? [{
              to: manager.unsafeAllowAnyDownloadHost ? undefined : manager.downloadCidrs!.map((cidr) => ({ ipBlock: { cidr } })),
              ports: [{ port: k8s.IntOrString.fromNumber(443), protocol: 'TCP' }],
            }] : []),
          ],
        },
      });
    }

    this.service = new k8s.KubeService(this, 'Service', {
      metadata: {
        name: this.name,
        labels: objectLabels,
        // Traefik reads the backend scheme from the Service.
        annotations: p.podTlsSecret ? { 'traefik.ingress.kubernetes.io/service.serversscheme': 'https', ...svc.annotations } : svc.annotations,
      },
      spec: {
        type: svc.type ?? ServiceType.CLUSTER_IP,
        selector: this.selectorLabels,
        ports: [{
          name: HEADLAMP_PORT_NAME,
          port: this.servicePort,
          targetPort: k8s.IntOrString.fromString(HEADLAMP_PORT_NAME),
          protocol: 'TCP',
          appProtocol: svc.appProtocol ?? (this.podTls ? 'https' : 'http'),
        }, ...this.extraServicePorts],
      },
    });
    assertUniqueNames(this, TYPE);
  }

  /**
   * @internal Records an authenticating proxy in front of this Headlamp, the only peer that may reach it. A
   * reverse proxy is refused while a route or an exposed Service already reaches Headlamp around it.
   */
  public _addFrontend(frontend: Construct, constructType: string, peer: k8s.NetworkPolicyPeer, reverseProxy: boolean, identity?: TokenIdentity): void {
    if (reverseProxy) {
      const around = this.routes.find((r) => !r.unsafeBypassAuthProxy);
      const what = around ? `${around.constructType} '${around.construct.node.path}' already routes` :
        this.exposedServiceType ? `the ${this.exposedServiceType} Service of ${TYPE} '${this.node.path}' already reaches it` : undefined;
      if (what) {
        fail(frontend, constructType, 'props.headlamp', `${what} straight to ${TYPE} '${this.node.path}', around this reverse proxy ` +
          '(its email and group limits would not apply); remove that route (keep the Service ClusterIP), or set unsafeBypassAuthProxy: true on it');
      }
      this.reverseProxy = { construct: frontend, constructType };
    }
    this.frontends.push(frontend);
    this._allowFrom(peer);
    this.frontendIdentity = { frontend, identity };
  }

  /**
   * @internal Records a route to Headlamp and enforces the exposure rule: in identity-aware-proxy mode every route
   * passes through the forward-auth chain; with a reverse-proxy frontend nothing routes around it. A route's
   * `unsafeBypassAuthProxy` is the named exception.
   */
  public _registerRoute(route: HeadlampRoute): void {
    if (route.via === RouteVia.DIRECT && !route.unsafeBypassAuthProxy) {
      if (this.auth.mode === HeadlampAuthMode.IDENTITY_AWARE_PROXY) {
        const frontend = this.frontends[0] ? ` '${this.frontends[0].node.path}'` : '';
        fail(route.construct, route.constructType, 'props.headlamp', `routes straight to ${TYPE} '${this.node.path}', which trusts ` +
          'identity headers (identity-aware-proxy mode): no header stripping and no forward auth, so anyone could send X-Forwarded-User; ' +
          `route through the OAuth2ProxyFrontend${frontend} (forward-auth mode) instead, or set unsafeBypassAuthProxy: true on this ` +
          `${route.constructType} if a proxy of yours authenticates it and strips those headers`);
      }
      if (this.reverseProxy) {
        fail(route.construct, route.constructType, 'props.headlamp', `routes straight to ${TYPE} '${this.node.path}', around ` +
          `${this.reverseProxy.constructType} '${this.reverseProxy.construct.node.path}' (reverse proxy: its email and group limits would ` +
          `not apply); remove it, or set unsafeBypassAuthProxy: true on this ${route.constructType}`);
      }
    }
    this.routes.push(route);
  }

  /**
   * @internal The target port of the Service's extra port `port` (a number or name), admitting `peer` to it in
   * the NetworkPolicy; undefined when the Service has no such extra port.
   */
  public _allowToExtraPort(peer: k8s.NetworkPolicyPeer, port: number | string): k8s.ServicePort | undefined {
    const sp = this.extraServicePorts.find((x) => (typeof port === 'number' ? x.port === port : x.name === port));
    if (!sp) return undefined;
    const target = (sp.targetPort as { value?: number | string } | undefined)?.value ?? sp.port;
    if (!this.extraPortPeers.some((x) => x.port === target && JSON.stringify(x.peer) === JSON.stringify(peer))) this.extraPortPeers.push({ peer, port: target });
    return sp;
  }

  /** @internal Admits `peer` to Headlamp's port in the NetworkPolicy. */
  public _allowFrom(peer: k8s.NetworkPolicyPeer): void {
    const key = JSON.stringify(peer);
    if (!this.ingressPeers.some((p) => JSON.stringify(p) === key)) this.ingressPeers.push(peer);
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
      return why(`forwards oauth2-proxy's ID tokens, whose audience is the client ID, got an OAuth2ProxyFrontend ('${this.frontendIdentity.frontend.node.path}') ` +
        'without a plain clientId (or with a provider that issues no ID token); set its props.clientId');
    }
    if (this.auth.mode === HeadlampAuthMode.OIDC) {
      return why('reads its OIDC issuer and client ID from a settings Secret, got nothing to name in the API server\'s configuration; use an OidcConfig preset');
    }
    return why(`forwards no identity-provider token (auth mode ${this.auth.mode}${this.auth.mode === HeadlampAuthMode.IDENTITY_AWARE_PROXY ? ', no OAuth2ProxyFrontend yet' : ''}); ` +
      (this.auth.mode === HeadlampAuthMode.IDENTITY_AWARE_PROXY ? 'create the OAuth2ProxyFrontend first' : 'for token login bind people with LoginServiceAccount'));
  }

  /** In-cluster DNS name of the Service: `<name>.<namespace>.svc.cluster.local`. */
  public get serviceHost(): string {
    return `${this.service.name}.${this.namespace}.svc.cluster.local`;
  }

  /** In-cluster URL of Headlamp, with the base URL: `http(s)://<host>:<port><base-url>/`. */
  public get serviceUrl(): string {
    return `${this.podTls ? 'https' : 'http'}://${this.serviceHost}:${this.servicePort}${this.baseUrl}/`;
  }

  /** Refuses flags the image is too old for, and extra args that set a managed or trust-changing flag. */
  private checkFlags(flags: Array<FlagValue & { prop: string }>, version: [number, number, number], tag: string, extraArgs: string[]) {
    for (const f of flags) {
      const problem = flagVersionProblem(f, version, tag);
      if (problem) fail(this, TYPE, f.prop, problem);
    }
    extraArgs.forEach((arg, i) => {
      // Only the flag name is echoed: its value may be a secret (-oidc-client-secret=...).
      const name = arg.replace(/^--?/, '').split('=')[0];
      const prop = ownerOfFlag(name);
      if (prop) {
        fail(this, TYPE, `props.extraArgs[${i}]`, `-${name} is set by the library, got it in extraArgs (value not shown); use ${prop}`);
      }
    });
  }
}

/**
 * Flags a prop owns, or that change who Headlamp trusts: never accepted in `extraArgs` or as `HEADLAMP_CONFIG_*`
 * in `extraEnv`, whatever the login mode. Each maps to the prop to use.
 */
const OWNED_FLAGS: Array<[RegExp, string]> = [
  [/^proxy-auth/, 'props.auth: HeadlampAuth.identityAwareProxy() (with an OAuth2ProxyFrontend in front)'],
  [/^(oidc-|me-)/, 'props.auth: HeadlampAuth.oidc(OidcConfig...) (its options cover every -oidc-* and -me-* flag)'],
  [/^(unsafe-use-service-account-token|service-account-token-path)$/, 'props.auth: HeadlampAuth.unsafeSharedServiceAccountToken()'],
  [/^in-cluster$/, 'nothing: the construct always runs Headlamp in-cluster'],
  [/^in-cluster-context-name$/, 'props.inClusterContextName'],
  [/^base-url$/, 'props.baseUrl (probes, routes and the OIDC callback follow it)'],
  [/^plugins-dir$/, 'props.pluginsDir or props.plugins'],
  [/^(tls-cert-path|tls-key-path)$/, 'props.podTlsSecret (probes and backends switch to HTTPS with it)'],
  [/^session-ttl$/, 'props.sessionTtl'],
  [/^enable-helm$/, 'props.enableHelm'],
  [/^kubeconfig$/, 'props.kubeconfigs'],
  [/^(enable-cluster-inventory|cluster-inventory-.*)$/, 'props.clusterInventory'],
  [/^(port|listen-addr)$/, 'nothing: the construct listens on 4466, where probes, Service and NetworkPolicy point'],
];

/** The prop that owns a Headlamp flag, or undefined when `extraArgs` may set it. */
function ownerOfFlag(name: string): string | undefined {
  return OWNED_FLAGS.find(([re]) => re.test(name))?.[1];
}

/** Refuses `HEADLAMP_CONFIG_*` env vars (Headlamp's env form of its flags) for flags a prop owns. */
function checkExtraEnv(scope: Construct, env: Record<string, string>, at = 'props.extraEnv'): void {
  for (const key of Object.keys(env)) {
    if (!key.startsWith('HEADLAMP_CONFIG_')) continue;
    const flag = key.slice('HEADLAMP_CONFIG_'.length).toLowerCase().replace(/_/g, '-');
    const prop = ownerOfFlag(flag);
    if (prop) {
      fail(scope, TYPE, `${at}.${key}`, `sets -${flag} (Headlamp reads HEADLAMP_CONFIG_* as its flags), got it in ${at.replace('props.', '')} ` +
        `(value not shown); use ${prop}`);
    }
  }
}

function quantities(given: ResourceQuantities | undefined, defaults: Required<ResourceQuantities>): Record<string, k8s.Quantity> {
  return {
    cpu: k8s.Quantity.fromString(given?.cpu ?? defaults.cpu),
    memory: k8s.Quantity.fromString(given?.memory ?? defaults.memory),
  };
}

/** DNS to kube-dns, the API server (and the IdP) on their ports; or everything, by the unsafe name. */
function egressRules(o: HeadlampNetworkPolicyOptions, oidc: boolean): k8s.NetworkPolicyEgressRule[] {
  if (o.unsafeAllowAllEgress) return [{}];
  const tcp = (ports: number[]) => ports.map((n) => ({ port: k8s.IntOrString.fromNumber(n), protocol: 'TCP' }));
  const to = (cidrs?: string[]) => cidrs?.map((c) => ({ ipBlock: { cidr: c } }));
  const rules: k8s.NetworkPolicyEgressRule[] = [
    dnsEgress(),
    { to: to(o.apiServerCidrs), ports: tcp(o.apiServerPorts ?? [443, 6443]) },
  ];
  if (oidc) rules.push({ to: to(o.identityProviderCidrs), ports: tcp([443]) });
  return rules;
}

function nonEmpty<T>(xs: T[]): T[] | undefined {
  return xs.length > 0 ? xs : undefined;
}
