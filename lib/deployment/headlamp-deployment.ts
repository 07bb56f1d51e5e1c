// HeadlampDeployment: Headlamp's Deployment, Service, ServiceAccount and NetworkPolicy, hardened by default.
import { Duration, Lazy } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { fail, parseProps } from '../core/errors';
import type { TokenIdentity } from '../auth/claim-mapping';
import { HeadlampAuth, HeadlampAuthMode } from '../auth/headlamp-auth';
import { HeadlampPlugins } from './headlamp-plugins';
import { assertUniqueNames, chartNamespace, dnsEgress, hardenedSecurityContexts, instanceLabels, selectorLabels } from '../core/metadata';
import {
  FlagValue, flagVersionProblem, HEADLAMP_PORT, HEADLAMP_PORT_NAME, HEADLAMP_VERSION, parseVersion, renderFlag,
} from '../core/headlamp-flags';
import {
  annotations, bool, dnsLabel, dnsSubdomain, duration, envName, instance, int, labels, lazy, oneOf, pattern, port, quantity, sameShape, secondsOf, str,
  uniqueList, wholeSeconds,
} from '../core/schema';
import { SecretKeyRef } from '../core/secret-ref';

/** When the kubelet pulls the image. */
export enum ImagePullPolicy {
  /** Pull on every start. */
  ALWAYS = 'Always',
  /** Pull only when the node lacks the image (right for pinned tags and digests). */
  IF_NOT_PRESENT = 'IfNotPresent',
  /** Never pull. */
  NEVER = 'Never',
}

/** How the Headlamp Service is exposed. */
export enum ServiceType {
  /** Cluster-internal; put an Ingress, HTTPRoute or proxy with TLS in front. */
  CLUSTER_IP = 'ClusterIP',
  /** A port on every node: plain HTTP, needs `unsafeAllowPlainHttpExposure`. */
  NODE_PORT = 'NodePort',
  /** A cloud load balancer: plain HTTP, needs `unsafeAllowPlainHttpExposure`. */
  LOAD_BALANCER = 'LoadBalancer',
}

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

/**
 * Cluster inventory (Headlamp v0.43+, `-enable-cluster-inventory`): Headlamp discovers clusters from
 * ClusterProfile objects (sigs.k8s.io/cluster-inventory-api) and reaches them through access providers.
 */
export interface ClusterInventoryOptions {
  /**
   * The access providers (`providers` of the cluster-inventory-api access config), each `{ name, ... }`. Providers
   * with an `execConfig` need access-plugin binaries in the pod: the official chart mounts them as `image`
   * volumes (Kubernetes 1.33+), outside the 1.28 API this library targets, so they are refused.
   */
  readonly providers: Array<Record<string, unknown>>;
  /**
   * ClusterProfiles to show (`-cluster-inventory-label-selector`).
   * @default '!headlamp.dev/ignore'
   */
  readonly labelSelector?: string;
  /**
   * Namespaces to watch for ClusterProfiles.
   * @default - all
   */
  readonly namespaces?: string[];
  /**
   * `-cluster-inventory-root-reconcile-interval`.
   * @default - Headlamp's
   */
  readonly rootReconcileInterval?: Duration;
  /**
   * `-cluster-inventory-no-crd-cache-ttl`.
   * @default - Headlamp's
   */
  readonly noCrdCacheTtl?: Duration;
}

/** Resource presets, by how many people use one Headlamp. */
export enum HeadlampSize {
  /** A handful of users: requests 50m / 96Mi, limits 500m / 256Mi. */
  SMALL = 'small',
  /** A team (the default): requests 100m / 128Mi, limits 1 CPU / 512Mi. */
  MEDIUM = 'medium',
  /** Many users or large clusters: requests 250m / 256Mi, limits 2 CPU / 1Gi. */
  LARGE = 'large',
}

const SIZES: Record<HeadlampSize, { requests: Required<ResourceQuantities>; limits: Required<ResourceQuantities> }> = {
  [HeadlampSize.SMALL]: { requests: { cpu: '50m', memory: '96Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
  [HeadlampSize.MEDIUM]: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } },
  [HeadlampSize.LARGE]: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '2', memory: '1Gi' } },
};

/** The Headlamp container image. */
export interface HeadlampImage {
  /**
   * Registry host (and port).
   * @default 'ghcr.io'
   */
  readonly registry?: string;
  /**
   * Repository path in the registry.
   * @default 'headlamp-k8s/headlamp'
   */
  readonly repository?: string;
  /**
   * Image tag. Flags are gated on the version it names (`v0.43.0` and later for proxy auth, ...);
   * a tag that is not a version (a custom build) is assumed to be as new as the library's default.
   * `latest` is refused: it changes under you.
   * @default 'v0.45.0'
   */
  readonly tag?: string;
  /**
   * Content digest (`sha256:...`); when set the image is pinned by tag and digest.
   * @default - pinned by tag only
   */
  readonly digest?: string;
  /**
   * Pull policy.
   * @default ImagePullPolicy.IF_NOT_PRESENT
   */
  readonly pullPolicy?: ImagePullPolicy;
  /**
   * Names of existing `kubernetes.io/dockerconfigjson` Secrets for a private registry.
   * @default - none
   */
  readonly pullSecrets?: string[];
}

/** CPU and memory for one container. */
export interface ResourceQuantities {
  /**
   * CPU, e.g. `100m`.
   * @default - see the enclosing prop
   */
  readonly cpu?: string;
  /**
   * Memory, e.g. `128Mi`.
   * @default - see the enclosing prop
   */
  readonly memory?: string;
}

/** Requests and limits of the Headlamp container. */
export interface HeadlampResources {
  /**
   * What the scheduler reserves.
   * @default { cpu: '100m', memory: '128Mi' }
   */
  readonly requests?: ResourceQuantities;
  /**
   * The ceiling; memory over the limit restarts the container.
   * @default { cpu: '1', memory: '512Mi' }
   */
  readonly limits?: ResourceQuantities;
}

/** The Headlamp Service. */
export interface HeadlampServiceOptions {
  /**
   * Service type.
   * @default ServiceType.CLUSTER_IP
   */
  readonly type?: ServiceType;
  /**
   * Service port (the container always listens on 4466).
   * @default 80
   */
  readonly port?: number;
  /**
   * Service annotations.
   * @default - none
   */
  readonly annotations?: Record<string, string>;
  /**
   * More Service ports (e.g. for a sidecar).
   * @default - none
   */
  readonly extraPorts?: k8s.ServicePort[];
  /**
   * A NodePort or LoadBalancer Service serves Headlamp over plain HTTP. Set this only when TLS
   * terminates in front of it (a cloud load balancer with a certificate, a service mesh).
   * @default false
   */
  readonly unsafeAllowPlainHttpExposure?: boolean;
  /**
   * `appProtocol` of the Service port (e.g. `kubernetes.io/ws`).
   * @default - 'https' with podTlsSecret, else 'http'
   */
  readonly appProtocol?: string;
}

/** The PodDisruptionBudget. */
export interface HeadlampDisruptionBudgetOptions {
  /**
   * Pods that may be down at once (a number or a percentage).
   * @default 1
   */
  readonly maxUnavailable?: number | string;
  /**
   * Pods that must stay up instead (a number or a percentage); excludes maxUnavailable.
   * @default - maxUnavailable
   */
  readonly minAvailable?: number | string;
  /**
   * `unhealthyPodEvictionPolicy`.
   * @default - the API server's (IfHealthyBudget)
   */
  readonly unhealthyPodEvictionPolicy?: 'IfHealthyBudget' | 'AlwaysAllow';
  /**
   * Create the budget even with one replica (it then blocks voluntary evictions of that pod).
   * @default - only with 2 or more replicas
   */
  readonly always?: boolean;
}

/** Pod and container security settings. Secure by default; weakening one needs its `unsafe*` name. */
export interface HeadlampSecurityOptions {
  /**
   * User ID of the container process (the official image's `headlamp` user).
   * @default 100
   */
  readonly runAsUser?: number;
  /**
   * Group ID of the container process.
   * @default 101
   */
  readonly runAsGroup?: number;
  /**
   * Group that owns mounted volumes.
   * @default 101
   */
  readonly fsGroup?: number;
  /**
   * A node-local seccomp profile (`profiles/headlamp.json`); sets seccomp type `Localhost`.
   * @default - seccomp type RuntimeDefault
   */
  readonly seccompLocalhostProfile?: string;
  /**
   * Allow uid 0 (drops `runAsNonRoot`).
   * @default false
   */
  readonly unsafeAllowRunAsRoot?: boolean;
  /**
   * Make the root filesystem writable.
   * @default false
   */
  readonly unsafeWritableRootFilesystem?: boolean;
  /**
   * Allow setuid binaries to gain privileges.
   * @default false
   */
  readonly unsafeAllowPrivilegeEscalation?: boolean;
  /**
   * Linux capabilities to add back after dropping ALL (e.g. `NET_BIND_SERVICE`).
   * @default - none
   */
  readonly unsafeAddCapabilities?: string[];
  /**
   * Run the pod in its own user namespace (`hostUsers: false`, Kubernetes 1.33+ by default; earlier with the
   * UserNamespacesSupport feature gate): root inside the pod is not root on the node.
   * @default false
   */
  readonly userNamespace?: boolean;
}

/** Timing of an HTTP probe on `<base-url>/`. */
export interface ProbeTiming {
  /**
   * Seconds before the first probe.
   * @default 0
   */
  readonly initialDelaySeconds?: number;
  /**
   * Seconds between probes.
   * @default 10
   */
  readonly periodSeconds?: number;
  /**
   * Seconds before a probe times out.
   * @default 5
   */
  readonly timeoutSeconds?: number;
  /**
   * Failures in a row that count as down.
   * @default 3
   */
  readonly failureThreshold?: number;
}

/**
 * Headlamp's NetworkPolicy. Ingress: only the peers the constructs in front register (the ingress
 * controller, or oauth2-proxy), to port 4466. Egress: DNS, and the API server (plus the identity provider
 * with OIDC) on the given ports.
 */
export interface HeadlampNetworkPolicyOptions {
  /**
   * CIDRs of the Kubernetes API server endpoints (`kubectl get endpoints kubernetes`); policies cannot
   * name the `kubernetes` Service.
   * @default - any address, on `apiServerPorts` only
   */
  readonly apiServerCidrs?: string[];
  /**
   * API server ports (the Service's 443 and the endpoints' port, often 6443).
   * @default [443, 6443]
   */
  readonly apiServerPorts?: number[];
  /**
   * CIDRs of the OIDC identity provider (HTTPS), with OIDC login.
   * @default - any address on port 443
   */
  readonly identityProviderCidrs?: string[];
  /**
   * Allow all egress.
   * @default false
   */
  readonly unsafeAllowAllEgress?: boolean;
  /**
   * Do not create the NetworkPolicy at all: anything in the cluster can reach Headlamp around the auth in front.
   * @default false
   */
  readonly unsafeDisable?: boolean;
}

/** Props of {@link HeadlampDeployment}. */
export interface HeadlampDeploymentProps {
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
   * @default true
   */
  readonly inCluster?: boolean;
  /**
   * Lifetime of a login session (`-session-ttl`, Headlamp v0.41+), 1 second to 365 days.
   * @default - Headlamp's own default, 24 hours
   */
  readonly sessionTtl?: Duration;
  /**
   * How users log in.
   * @default HeadlampAuth.serviceAccountToken()
   */
  readonly auth?: HeadlampAuth;
  /**
   * Extra server flags, single dash (`-enable-helm`). Flags the construct sets from a prop are refused here.
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
}

const REGISTRY = /^[a-zA-Z0-9]([-a-zA-Z0-9.]*[a-zA-Z0-9])?(:[0-9]+)?$/;
const REPOSITORY = /^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const ABSOLUTE_PATH = /^\/[^\s]*$/;
const cidr = lazy(() => pattern(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$|^[0-9a-fA-F:]+\/\d{1,3}$/, "a CIDR such as '10.0.0.0/16'"));

/** A Kubernetes object passed through as is (the strict schema tests check what the examples emit). */
const k8sObject = <T>(what: string) => z.custom<T>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), { error: `expected ${what}` });

const resourceQuantities = lazy(() => z.strictObject({ cpu: quantity.optional(), memory: quantity.optional() }));
const probeTiming = lazy(() => z.strictObject({
  initialDelaySeconds: int(0).optional(),
  periodSeconds: int(1).optional(),
  timeoutSeconds: int(1).optional(),
  failureThreshold: int(1).optional(),
}));

const propsSchema = lazy(() => z.strictObject({
  name: pattern(DNS1035_LABEL, "a DNS-1035 label (lower-case letters, digits and '-', starting with a letter)")
    .max(50, { error: 'expected a name of at most 50 characters (object names get suffixes)' }).optional(),
  image: z.strictObject({
    registry: pattern(REGISTRY, "a registry host such as 'ghcr.io' or 'registry.example.com:5000'").optional(),
    repository: pattern(REPOSITORY, "a lower-case repository path such as 'headlamp-k8s/headlamp'").optional(),
    tag: pattern(TAG, "an image tag such as 'v0.45.0'")
      .refine((t) => t !== 'latest', { error: "expected a pinned tag such as 'v0.45.0', not 'latest' (it changes under you)" }).optional(),
    digest: pattern(DIGEST, "a digest 'sha256:' followed by 64 hex digits").optional(),
    pullPolicy: oneOf(ImagePullPolicy, 'ImagePullPolicy').optional(),
    pullSecrets: z.array(dnsLabel).optional(),
  }).optional(),
  replicas: int(1).optional(),
  baseUrl: pattern(/^\/[A-Za-z0-9._~\-/]*[A-Za-z0-9._~-]$/,
    "a path that starts with '/' and has no trailing '/', such as '/headlamp'").optional(),
  pluginsDir: pattern(ABSOLUTE_PATH, 'an absolute path').optional(),
  inClusterContextName: str('a non-empty context name').optional(),
  inCluster: bool.optional(),
  sessionTtl: duration.refine((d) => {
    const s = secondsOf(d);
    return s !== undefined && s >= 1 && s <= 31536000;
  }, { error: 'expected a Duration of whole seconds from 1 second to 365 days' }).optional(),
  auth: instance(HeadlampAuth, 'HeadlampAuth.serviceAccountToken() or another HeadlampAuth factory').optional(),
  extraArgs: z.array(pattern(/^-[a-z]/, "a single-dash flag such as '-enable-helm'")).optional(),
  extraEnv: z.record(envName, z.string({ error: 'expected a string value' })).optional(),
  size: oneOf(HeadlampSize, 'HeadlampSize').optional(),
  resources: z.strictObject({ requests: resourceQuantities().optional(), limits: resourceQuantities().optional() }).optional(),
  tmpSize: quantity.optional(),
  podTlsSecret: dnsSubdomain.optional(),
  nodeSelector: labels.optional(),
  tolerations: z.array(k8sObject<k8s.Toleration>('a Toleration')).optional(),
  affinity: k8sObject<k8s.Affinity>('an Affinity').optional(),
  topologySpreadConstraints: z.array(k8sObject<k8s.TopologySpreadConstraint>('a TopologySpreadConstraint')).optional(),
  priorityClassName: dnsLabel.optional(),
  service: z.strictObject({
    type: oneOf(ServiceType, 'ServiceType').optional(),
    port: port.optional(),
    appProtocol: pattern(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(\/[-a-zA-Z0-9._]+)?$/, "an appProtocol such as 'http' or 'kubernetes.io/ws'").optional(),
    annotations: annotations.optional(),
    extraPorts: z.array(k8sObject<k8s.ServicePort>('a ServicePort')).optional(),
    unsafeAllowPlainHttpExposure: bool.optional(),
  }).optional(),
  labels: labels.optional(),
  podAnnotations: annotations.optional(),
  security: z.strictObject({
    runAsUser: int(0, 2147483647).optional(),
    runAsGroup: int(0, 2147483647).optional(),
    fsGroup: int(0, 2147483647).optional(),
    seccompLocalhostProfile: str('a profile path relative to the kubelet seccomp directory').optional(),
    unsafeAllowRunAsRoot: bool.optional(),
    unsafeWritableRootFilesystem: bool.optional(),
    unsafeAllowPrivilegeEscalation: bool.optional(),
    unsafeAddCapabilities: z.array(pattern(/^[A-Z_]+$/, "a capability name such as 'NET_BIND_SERVICE'")).optional(),
    userNamespace: bool.optional(),
  }).optional(),
  livenessProbe: probeTiming().optional(),
  readinessProbe: probeTiming().optional(),
  podDisruptionBudget: z.strictObject({
    maxUnavailable: z.union([int(0), pattern(/^\d+%$/, "a number or a percentage such as '25%'")], { error: "expected a number or a percentage such as '25%'" }).optional(),
    minAvailable: z.union([int(0), pattern(/^\d+%$/, "a number or a percentage such as '25%'")], { error: "expected a number or a percentage such as '25%'" }).optional(),
    unhealthyPodEvictionPolicy: z.enum(['IfHealthyBudget', 'AlwaysAllow'], { error: "expected 'IfHealthyBudget' or 'AlwaysAllow'" }).optional(),
    always: bool.optional(),
  }).refine((o) => o.maxUnavailable === undefined || o.minAvailable === undefined, { error: 'expected maxUnavailable or minAvailable, not both' }).optional(),
  serviceAccountAnnotations: annotations.optional(),
  clusterInventory: z.strictObject({
    providers: z.array(z.record(z.string(), z.unknown()).refine((p) => typeof p.name === 'string' && p.name.length > 0,
      { error: 'expected a provider with a name' }).refine((p) => p.execConfig === undefined, {
      error: 'expected a provider without execConfig: access plugins are mounted as image volumes (Kubernetes 1.33+), outside the 1.28 API this library targets',
    }), { error: 'expected a list of access providers' }).refine((xs) => xs.length > 0, { error: 'expected at least one access provider' }),
    labelSelector: str('a label selector').optional(),
    namespaces: uniqueList(dnsLabel, 'namespace names').optional(),
    rootReconcileInterval: wholeSeconds.optional(),
    noCrdCacheTtl: wholeSeconds.optional(),
  }).optional(),
  extraEnvVars: z.array(k8sObject<k8s.EnvVar>('an EnvVar')).optional(),
  extraEnvFrom: z.array(k8sObject<k8s.EnvFromSource>('an EnvFromSource')).optional(),
  extraVolumes: z.array(k8sObject<k8s.Volume>('a Volume')).optional(),
  extraVolumeMounts: z.array(k8sObject<k8s.VolumeMount>('a VolumeMount')).optional(),
  initContainers: z.array(k8sObject<k8s.Container>('a Container')).optional(),
  extraContainers: z.array(k8sObject<k8s.Container>('a Container')).optional(),
  plugins: instance(HeadlampPlugins, 'HeadlampPlugins.fromImage(...) or .fromPersistentVolumeClaim(...)').optional(),
  kubeconfigs: z.array(instance(SecretKeyRef, 'SecretKeyRef.fromName(...)')).refine((xs) => xs.length > 0, { error: 'expected at least one kubeconfig' }).optional(),
  enableHelm: bool.optional(),
  hostAliases: z.array(k8sObject<k8s.HostAlias>('a HostAlias')).optional(),
  networkPolicy: z.strictObject({
    apiServerCidrs: z.array(cidr()).refine((xs) => xs.length > 0, { error: 'expected at least one CIDR' }).optional(),
    apiServerPorts: z.array(port).refine((xs) => xs.length > 0, { error: 'expected at least one port' }).optional(),
    identityProviderCidrs: z.array(cidr()).refine((xs) => xs.length > 0, { error: 'expected at least one CIDR' }).optional(),
    unsafeAllowAllEgress: bool.optional(),
    unsafeDisable: bool.optional(),
  }).optional(),
}));
sameShape<z.output<ReturnType<typeof propsSchema>>, HeadlampDeploymentProps>(true);

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

const QUANTITY_SUFFIX: Record<string, number> = {
  '': 1, 'm': 1e-3, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'P': 1e15, 'E': 1e18,
  'Ki': 2 ** 10, 'Mi': 2 ** 20, 'Gi': 2 ** 30, 'Ti': 2 ** 40, 'Pi': 2 ** 50, 'Ei': 2 ** 60,
};

/** @internal The number a Kubernetes quantity stands for (`100m` = 0.1, `1Gi` = 2^30), for comparisons. */
export function quantityValue(q: string): number {
  const m = /^\+?([0-9.]+(?:[eE][-+]?[0-9]+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/.exec(q);
  if (!m) return NaN;
  return Number(m[1]) * QUANTITY_SUFFIX[m[2] ?? ''];
}

/** A Quantity from a plain value (`'100Mi'`, `2`), or the Quantity given. */
function toQuantity(q: unknown): k8s.Quantity {
  if (typeof q === 'string') return k8s.Quantity.fromString(q);
  if (typeof q === 'number') return k8s.Quantity.fromNumber(q);
  return q as k8s.Quantity;
}

/** An IntOrString from a plain number or port name, or the IntOrString given. */
function intOrString(x: unknown): k8s.IntOrString {
  if (typeof x === 'number') return k8s.IntOrString.fromNumber(x);
  if (typeof x === 'string') return k8s.IntOrString.fromString(x);
  return x as k8s.IntOrString;
}

/**
 * @internal How plain values (as a values file writes them) become the types the generated classes serialize;
 * the chart migration passes converters that also record each value's TypeScript source.
 */
export interface PlainConverters {
  quantity(q: unknown): k8s.Quantity;
  intOrString(x: unknown): k8s.IntOrString;
}

const PLAIN: PlainConverters = { quantity: toQuantity, intOrString };

/**
 * @internal A Volume as given, with a plain `emptyDir.sizeLimit` turned into the Quantity the generated class
 * serializes; otherwise it would be dropped without a word.
 */
export function plainVolume(v: k8s.Volume, to: PlainConverters = PLAIN): k8s.Volume {
  return v.emptyDir?.sizeLimit !== undefined ? { ...v, emptyDir: { ...v.emptyDir, sizeLimit: to.quantity(v.emptyDir.sizeLimit) } } : v;
}

/** @internal A Container as given, with plain resource quantities and probe ports turned into the types the generated class serializes. */
export function plainContainer(c: k8s.Container, to: PlainConverters = PLAIN): k8s.Container {
  const res = (m?: Record<string, unknown>) => m && Object.fromEntries(Object.entries(m).map(([k, q]) => [k, to.quantity(q)]));
  const probe = (pr?: k8s.Probe): k8s.Probe | undefined => pr && {
    ...pr,
    httpGet: pr.httpGet && { ...pr.httpGet, port: to.intOrString(pr.httpGet.port) },
    tcpSocket: pr.tcpSocket && { ...pr.tcpSocket, port: to.intOrString(pr.tcpSocket.port) },
  };
  return {
    ...c,
    resources: c.resources && { ...c.resources, limits: res(c.resources.limits), requests: res(c.resources.requests) },
    livenessProbe: probe(c.livenessProbe),
    readinessProbe: probe(c.readinessProbe),
    startupProbe: probe(c.startupProbe),
  };
}

/**
 * @internal A ServicePort as given, with a plain `targetPort` (a number or a port name) turned into the IntOrString
 * the generated class serializes; otherwise it would be dropped without a word.
 */
export function servicePort(p: k8s.ServicePort, to: PlainConverters = PLAIN): k8s.ServicePort {
  return p.targetPort === undefined ? p : { ...p, targetPort: to.intOrString(p.targetPort) };
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
