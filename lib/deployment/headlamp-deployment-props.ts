// HeadlampDeploymentProps: every prop of HeadlampDeployment, and the schema that checks them (sections beside their
// features).
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Duration } from 'cdk8s';
import { z } from 'zod';
import { HeadlampAuth } from '../auth/headlamp-auth';
import {
  annotations,
  bool,
  dnsLabel,
  dnsSubdomain,
  duration,
  envName,
  instance,
  int,
  labels,
  lazy,
  oneOf,
  pattern,
  quantity,
  sameShape,
  secondsOf,
  str,
} from '../core/schema';
import { SecretKeyRef } from '../core/secret-ref';
import { disruptionBudgetSchema, HeadlampDisruptionBudgetOptions } from './availability';
import { ClusterInventoryOptions, clusterInventorySchema } from './cluster-inventory';
import { HeadlampResources, HeadlampSize, ProbeTiming, probeTimingSchema, resourcesSchema } from './headlamp-container';
import { HeadlampPlugins } from './headlamp-plugins';
import { HeadlampImage, imageSchema } from './image';
import { HeadlampNetworkPolicyOptions, networkPolicySchema } from './network-policy';
import { k8sObject } from './plain-values';
import { HeadlampSecurityOptions, securitySchema } from './pod-security';
import { HeadlampMetrics } from './metrics';
import { HeadlampServiceOptions, serviceSchema } from './service';
import { HeadlampVolumeClaimOptions, volumeClaimSchema } from './volume-claim';
import { HeadlampTracing } from './tracing';
import {
  appNameSchema,
  HeadlampLogLevel,
  HeadlampThemes,
  logLevelSchema,
  pinnedImage,
  proxyUrlsSchema,
  themesSchema,
} from './ui-settings';

/** Props of {@link HeadlampDeployment}. */
export interface HeadlampDeploymentProps extends HeadlampDeploymentOptions {
  /**
   * How users log in.
   * @default HeadlampAuth.serviceAccountToken()
   */
  readonly auth?: HeadlampAuth;
}

/**
 * Every {@link HeadlampDeploymentProps} prop but `auth`: what `HeadlampChartProps.headlamp` takes (the chart sets
 * auth).
 */
export interface HeadlampDeploymentOptions {
  /**
   * Base name of every object (Deployment, Service, ServiceAccount) and the `app.kubernetes.io/instance`
   * label. A DNS-1035 label: Service names must start with a letter.
   * @default 'headlamp'
   */
  readonly name?: string;
  /**
   * Container image.
   * @default - ghcr.io/headlamp-k8s/headlamp:v0.45.0, IfNotPresent
   */
  readonly image?: HeadlampImage;
  /**
   * Number of pods. With 2 or more the construct adds a PodDisruptionBudget (maxUnavailable 1), spreads
   * pods across nodes and zones, and rolls updates with maxUnavailable 0.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * Serve Headlamp under a path prefix (`-base-url`), e.g. `/headlamp`. Starts with `/`, no trailing `/`.
   * Probes and the OIDC callback follow it.
   * @default - served at `/`
   */
  readonly baseUrl?: string;
  /**
   * Directory Headlamp loads plugins from (`-plugins-dir`).
   * @default '/headlamp/plugins'
   */
  readonly pluginsDir?: string;
  /**
   * Name of the in-cluster context shown in the UI (`-in-cluster-context-name`, Headlamp v0.40+).
   * @default - Headlamp's own default, `main`
   */
  readonly inClusterContextName?: string;
  /**
   * Show the cluster Headlamp runs in (`-in-cluster`). `false` is the official chart's out-of-cluster mode:
   * Headlamp shows only the clusters of `kubeconfigs` (required then), and its pod mounts no ServiceAccount token.
   * With OIDC login it needs the OidcConfig's `useCookie: true` (Headlamp stops at start otherwise); the shared
   * ServiceAccount token is refused.
   * @default true
   */
  readonly inCluster?: boolean;
  /**
   * Lifetime of a login session (`-session-ttl`, Headlamp v0.41+), 1 second to 365 days.
   * @default - Headlamp's own default, 24 hours
   */
  readonly sessionTtl?: Duration;
  /**
   * Extra server flags, `-name` or `-name=value` (Go's flag package also reads `--name`). Flags the construct sets
   * from a prop, or that change whom Headlamp trusts (`-insecure-ssl`, `-dev`), are refused here.
   * @default - none
   */
  readonly extraArgs?: string[];
  /**
   * Extra environment variables (plain values; never put secrets here).
   * @default - none
   */
  readonly extraEnv?: Record<string, string>;
  /**
   * Resource preset; `resources` overrides single values of it.
   * @default HeadlampSize.MEDIUM
   */
  readonly size?: HeadlampSize;
  /**
   * CPU and memory requests and limits.
   * @default - the size preset's: requests 100m / 128Mi, limits 1 CPU / 512Mi for MEDIUM
   */
  readonly resources?: HeadlampResources;
  /**
   * Size cap of the `/tmp` emptyDir (the root filesystem is read-only). At every container start Headlamp
   * copies its whole frontend into a new `/tmp/.headlamp*` directory and never removes it
   * (backend/cmd/headlamp.go, copyStaticFiles); the emptyDir outlives container restarts, so the cap must hold
   * one copy per restart until the pod is replaced. A cap only bounds eviction; it reserves nothing.
   * An `extraVolumeMounts` entry at `/tmp` replaces this volume.
   * @default '1Gi'
   */
  readonly tmpSize?: string;
  /**
   * Serve TLS from the pod itself (`-tls-cert-path`/`-tls-key-path`, Headlamp v0.36+) with the `tls.crt` and
   * `tls.key` of an existing `kubernetes.io/tls` Secret: end-to-end encryption behind the ingress. Probes switch
   * to HTTPS, the Service port to `appProtocol: https`, and Ingresses get the controllers' HTTPS-backend settings.
   * @default - plain HTTP inside the cluster
   */
  readonly podTlsSecret?: string;
  /**
   * Node labels the pods must match.
   * @default - none
   */
  readonly nodeSelector?: Record<string, string>;
  /**
   * Tolerations.
   * @default - none
   */
  readonly tolerations?: k8s.Toleration[];
  /**
   * Affinity rules.
   * @default - none
   */
  readonly affinity?: k8s.Affinity;
  /**
   * Topology spread constraints (their label selector defaults to the Headlamp pods).
   * @default - with 2+ replicas: spread across nodes and zones (ScheduleAnyway)
   */
  readonly topologySpreadConstraints?: k8s.TopologySpreadConstraint[];
  /**
   * Priority class of the pods.
   * @default - none
   */
  readonly priorityClassName?: string;
  /**
   * The Service in front of the pods.
   * @default - ClusterIP on port 80
   */
  readonly service?: HeadlampServiceOptions;
  /**
   * Extra labels on every object and pod (selector labels are fixed).
   * @default - none
   */
  readonly labels?: Record<string, string>;
  /**
   * Extra pod annotations.
   * @default - none
   */
  readonly podAnnotations?: Record<string, string>;
  /**
   * Security context settings.
   * @default - non-root 100:101, read-only root filesystem, no privilege escalation, drop ALL, RuntimeDefault seccomp
   */
  readonly security?: HeadlampSecurityOptions;
  /**
   * The NetworkPolicy (on by default).
   * @default - ingress only from the constructs in front; egress to DNS and ports 443/6443
   */
  readonly networkPolicy?: HeadlampNetworkPolicyOptions;
  /**
   * Extra env from ConfigMaps or Secrets (`envFrom`).
   * @default - none
   */
  readonly extraEnvFrom?: k8s.EnvFromSource[];
  /**
   * Extra pod volumes.
   * @default - none
   */
  readonly extraVolumes?: k8s.Volume[];
  /**
   * Extra mounts in the Headlamp container.
   * @default - none
   */
  readonly extraVolumeMounts?: k8s.VolumeMount[];
  /**
   * Init containers. Each gets the Headlamp container's hardened securityContext unless it sets its own.
   * @default - none (plus the plugin copier with `plugins: HeadlampPlugins.fromImage(...)`)
   */
  readonly initContainers?: k8s.Container[];
  /**
   * Sidecar containers, hardened the same way.
   * @default - none
   */
  readonly extraContainers?: k8s.Container[];
  /**
   * Plugins for `-plugins-dir`: copied from an image, or a PersistentVolumeClaim.
   * @default - the image's own plugins directory
   */
  readonly plugins?: HeadlampPlugins;
  /**
   * Kubeconfig files of other clusters (multi-cluster), each a key of a Secret, mounted read-only and
   * passed as `-kubeconfig=<a>:<b>`. Read at start-up: restart the pods after changing them.
   * @default - the in-cluster context only
   */
  readonly kubeconfigs?: SecretKeyRef[];
  /**
   * Helm operations in the UI (`-enable-helm`).
   * @default false
   */
  readonly enableHelm?: boolean;
  /**
   * Extra /etc/hosts entries.
   * @default - none
   */
  readonly hostAliases?: k8s.HostAlias[];
  /**
   * Liveness probe timing (HTTP GET `<base-url>/` on the `http` port).
   * @default - period 10 s, timeout 5 s, 3 failures
   */
  readonly livenessProbe?: ProbeTiming;
  /**
   * Readiness probe timing (HTTP GET `<base-url>/` on the `http` port).
   * @default - period 10 s, timeout 5 s, 3 failures
   */
  readonly readinessProbe?: ProbeTiming;
  /**
   * The PodDisruptionBudget's settings.
   * @default - with 2 or more replicas: maxUnavailable 1
   */
  readonly podDisruptionBudget?: HeadlampDisruptionBudgetOptions;
  /**
   * Cluster inventory: clusters from ClusterProfile objects through access providers (a ConfigMap with the
   * provider file, and the `-cluster-inventory-*` flags). Headlamp's ServiceAccount needs read access to
   * ClusterProfiles: bind it yourself.
   * @default - off
   */
  readonly clusterInventory?: ClusterInventoryOptions;
  /**
   * Annotations on Headlamp's ServiceAccount (e.g. IRSA `eks.amazonaws.com/role-arn`, Azure workload identity).
   * @default - none
   */
  readonly serviceAccountAnnotations?: Record<string, string>;
  /**
   * Extra environment variables with `valueFrom` (Secret or ConfigMap keys, field refs). `HEADLAMP_CONFIG_*`
   * names for flags a prop owns are refused, as in extraEnv.
   * @default - none
   */
  readonly extraEnvVars?: k8s.EnvVar[];
  /**
   * Run Headlamp as this existing ServiceAccount instead of one the construct creates (the official chart's
   * `serviceAccount.create: false` with `serviceAccount.name`). The construct then creates no ServiceAccount and binds
   * nothing to it: whatever RBAC it holds is yours to keep small. Its token is mounted in the pod (`-in-cluster`
   * reads it), so anyone who can run code there acts with that RBAC; Headlamp itself needs none (every API call
   * carries the logged-in user's credentials). Not with `serviceAccountAnnotations` or the shared-token login.
   * @default - a ServiceAccount named after Headlamp, with no RBAC
   */
  readonly existingServiceAccount?: string;
  /**
   * Annotations on the Deployment object itself (its pods take `podAnnotations`), e.g. Reloader's
   * `reloader.stakater.com/auto` or a checksum a tool reads.
   * @default - none
   */
  readonly deploymentAnnotations?: Record<string, string>;
  /**
   * A PersistentVolumeClaim named after Headlamp (the official chart's `persistentVolumeClaim`), for files that
   * outlive the pod, usually plugins filled by an init container. The claim is only created: mount it with
   * `extraVolumes` (`persistentVolumeClaim: { claimName: <name> }`) and `extraVolumeMounts`, or read plugins from it
   * with `plugins: HeadlampPlugins.fromPersistentVolumeClaim(<name>)`.
   * @default - none
   */
  readonly persistentVolumeClaim?: HeadlampVolumeClaimOptions;
  /**
   * How much the backend logs (`-log-level`, Headlamp v0.40+).
   * @default - Headlamp's own default, HeadlampLogLevel.INFO
   */
  readonly logLevel?: HeadlampLogLevel;
  /**
   * The UI themes Headlamp picks for its users, or forces on them (`-default-light-theme`, `-default-dark-theme`,
   * `-force-theme`, Headlamp v0.43+).
   * @default - Headlamp's own choice; users pick
   */
  readonly themes?: HeadlampThemes;
  /**
   * Image of the ephemeral debug containers the UI's "debug pod" action adds (`-pod-debug-image`, Headlamp
   * v0.43+). Pinned: a tag naming a version, or a digest; `latest` and untagged images are refused.
   * @default - Headlamp's own, `docker.io/library/busybox:latest` (a floating tag: set a pinned one)
   */
  readonly podDebugImage?: string;
  /**
   * Image of the privileged pods the UI's "node shell" action starts on a node (`-node-shell-image`, Headlamp
   * v0.44+). Pinned: a tag naming a version, or a digest; `latest` and untagged images are refused.
   * @default - Headlamp's own, `docker.io/library/busybox:latest` (a floating tag: set a pinned one)
   */
  readonly nodeShellImage?: string;
  /**
   * Namespace of the node shell pods (`-node-shell-namespace`, Headlamp v0.44+). They are privileged: pick a namespace
   * whose Pod Security admission allows it, and that only node administrators may read.
   * @default - Headlamp's own, `default`
   */
  readonly nodeShellNamespace?: string;
  /**
   * Application name (`-app-name`, Headlamp v0.45+): v0.45 uses it in `-version` output and in the User-Agent it sends
   * to the API server (backend/pkg/config/config.go, addGeneralFlags; backend/pkg/kubeconfig/kubeconfig.go), not as the
   * UI's title. One line: control characters and Unicode line or paragraph separators are refused (a header value).
   * @default - Headlamp's own, `Headlamp`
   */
  readonly appName?: string;
  /**
   * URLs the backend may fetch for plugins (`-proxy-urls`, Headlamp v0.12+), as glob patterns on the whole URL, e.g.
   * `https://prometheus.example.com/*`. Host and port are written out (glob characters only in the path). Each URL
   * also opens egress to its host and port: an IP address as itself, `<svc>.<ns>.svc` as that namespace, any other
   * name as any address on that port (NetworkPolicies cannot name hosts). The policy sees the pod's port: behind a
   * Service whose port differs from its targetPort, the URL's port is not the one that is opened.
   * @default - none: the backend proxies nothing
   */
  readonly proxyUrls?: string[];
  /**
   * Let an `OAuth2ProxyFrontend` sit in front while `proxyUrls` are set. Headlamp copies every request header to the
   * proxied request (backend/cmd/headlamp.go, externalProxyHandler, v0.45.0), so each proxy target would receive the
   * `Authorization` bearer ID token, `X-Forwarded-Id-Token` and oauth2-proxy's session cookie, which the API server
   * and the proxy accept as the user: only when every proxy target is as trusted as the API server.
   * @default false: an OAuth2ProxyFrontend for a HeadlampDeployment with proxyUrls is refused
   */
  readonly unsafeForwardCredentialsToProxyUrls?: boolean;
  /**
   * Let route objects written by hand (an Ingress, a Traefik IngressRoute, a Gateway API route added as an `ApiObject`)
   * send traffic to Headlamp's Service. They reach Headlamp around the library's routes: no TLS check, no auth gate,
   * no `/metrics` block, and the exposure rule does not see them.
   * @default false: such a route anywhere in the app is refused at synth
   */
  readonly unsafeAllowHandWrittenRoutes?: boolean;
  /**
   * Prometheus metrics (`-metrics-enabled`, Headlamp v0.31+), served at `<base-url>/metrics` on Headlamp's one port:
   * `HeadlampMetrics.podMonitor(...)`, `.serviceMonitor(...)` (Prometheus Operator) or `.scrapeAnnotations(...)`. The
   * NetworkPolicy admits the named Prometheus pods to that port, and every route the library renders refuses
   * `<base-url>/metrics`: the metrics are never public.
   * @default - off
   */
  readonly metrics?: HeadlampMetrics;
  /**
   * OpenTelemetry tracing (`-tracing-enabled`, `-otlp-endpoint`, `-use-otlp-http`, Headlamp v0.31+) to a collector:
   * `HeadlampTracing.otlpGrpc('host:4317')` or `.otlpHttp('host:4318')`. The NetworkPolicy opens egress to it.
   * @default - off
   */
  readonly tracing?: HeadlampTracing;
}

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const ABSOLUTE_PATH = /^\/[^\s]*$/;

/** @internal The schema of HeadlampDeploymentProps. */
export const propsSchema = lazy(() =>
  z.strictObject({
    name: pattern(DNS1035_LABEL, "a DNS-1035 label (lower-case letters, digits and '-', starting with a letter)")
      .max(50, { error: 'expected a name of at most 50 characters (object names get suffixes)' })
      .optional(),
    image: imageSchema().optional(),
    replicas: int(1).optional(),
    baseUrl: pattern(
      /^\/[A-Za-z0-9._~\-/]*[A-Za-z0-9._~-]$/,
      "a path that starts with '/' and has no trailing '/', such as '/headlamp'",
    ).optional(),
    pluginsDir: pattern(ABSOLUTE_PATH, 'an absolute path').optional(),
    inClusterContextName: str('a non-empty context name').optional(),
    inCluster: bool.optional(),
    sessionTtl: duration
      .refine(
        (d) => {
          const s = secondsOf(d);
          return s !== undefined && s >= 1 && s <= 31536000;
        },
        { error: 'expected a Duration of whole seconds from 1 second to 365 days' },
      )
      .optional(),
    auth: instance(HeadlampAuth, 'HeadlampAuth.serviceAccountToken() or another HeadlampAuth factory').optional(),
    extraArgs: z
      .array(
        pattern(
          /^--?[a-z]/,
          "a flag such as '-enable-helm' or '-skipped-kube-contexts=old' (one dash or two, Go's flag syntax)",
        ),
      )
      .optional(),
    extraEnv: z.record(envName, z.string({ error: 'expected a string value' })).optional(),
    size: oneOf(HeadlampSize, 'HeadlampSize').optional(),
    resources: resourcesSchema().optional(),
    tmpSize: quantity.optional(),
    podTlsSecret: dnsSubdomain.optional(),
    nodeSelector: labels.optional(),
    tolerations: z.array(k8sObject<k8s.Toleration>('Toleration')).optional(),
    affinity: k8sObject<k8s.Affinity>('Affinity').optional(),
    topologySpreadConstraints: z.array(k8sObject<k8s.TopologySpreadConstraint>('TopologySpreadConstraint')).optional(),
    priorityClassName: dnsLabel.optional(),
    service: serviceSchema().optional(),
    labels: labels.optional(),
    podAnnotations: annotations.optional(),
    security: securitySchema().optional(),
    livenessProbe: probeTimingSchema().optional(),
    readinessProbe: probeTimingSchema().optional(),
    podDisruptionBudget: disruptionBudgetSchema().optional(),
    serviceAccountAnnotations: annotations.optional(),
    clusterInventory: clusterInventorySchema().optional(),
    extraEnvVars: z.array(k8sObject<k8s.EnvVar>('EnvVar')).optional(),
    extraEnvFrom: z.array(k8sObject<k8s.EnvFromSource>('EnvFromSource')).optional(),
    extraVolumes: z.array(k8sObject<k8s.Volume>('Volume')).optional(),
    extraVolumeMounts: z.array(k8sObject<k8s.VolumeMount>('VolumeMount')).optional(),
    initContainers: z.array(k8sObject<k8s.Container>('Container')).optional(),
    extraContainers: z.array(k8sObject<k8s.Container>('Container')).optional(),
    plugins: instance(HeadlampPlugins, 'HeadlampPlugins.fromImage(...) or .fromPersistentVolumeClaim(...)').optional(),
    kubeconfigs: z
      .array(instance(SecretKeyRef, 'SecretKeyRef.fromName(...)'))
      .refine((xs) => xs.length > 0, { error: 'expected at least one kubeconfig' })
      .optional(),
    enableHelm: bool.optional(),
    hostAliases: z.array(k8sObject<k8s.HostAlias>('HostAlias')).optional(),
    networkPolicy: networkPolicySchema().optional(),
    existingServiceAccount: dnsSubdomain.optional(),
    deploymentAnnotations: annotations.optional(),
    persistentVolumeClaim: volumeClaimSchema().optional(),
    logLevel: logLevelSchema().optional(),
    themes: themesSchema().optional(),
    podDebugImage: pinnedImage().optional(),
    nodeShellImage: pinnedImage().optional(),
    nodeShellNamespace: dnsLabel.optional(),
    appName: appNameSchema().optional(),
    proxyUrls: proxyUrlsSchema().optional(),
    unsafeForwardCredentialsToProxyUrls: bool.optional(),
    unsafeAllowHandWrittenRoutes: bool.optional(),
    metrics: instance(
      HeadlampMetrics,
      'HeadlampMetrics.podMonitor(...), .serviceMonitor(...) or .scrapeAnnotations(...)',
    ).optional(),
    tracing: instance(HeadlampTracing, 'HeadlampTracing.otlpGrpc(...) or .otlpHttp(...)').optional(),
  }),
);
sameShape<z.output<ReturnType<typeof propsSchema>>, HeadlampDeploymentProps>(true);
