// The Headlamp container: resource presets, requests and limits, probe timing and their schemas; the container built
// from the merged pod.
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { fail } from '../core/errors';
import { HEADLAMP_PORT, HEADLAMP_PORT_NAME, renderFlag } from '../core/headlamp-flags';
import { HEADLAMP_CONTAINER, MergedPod } from '../core/pod-contribution';
import { int, lazy, quantity } from '../core/schema';

/** Resource presets, by how many people use one Headlamp. */
export enum HeadlampSize {
  /** A handful of users: requests 50m / 96Mi, limits 500m / 256Mi. */
  SMALL = 'small',
  /** A team (the default): requests 100m / 128Mi, limits 1 CPU / 512Mi. */
  MEDIUM = 'medium',
  /** Many users or large clusters: requests 250m / 256Mi, limits 2 CPU / 1Gi. */
  LARGE = 'large',
}

/** The requests and limits of each size. */
const SIZES: Record<HeadlampSize, { requests: Required<ResourceQuantities>; limits: Required<ResourceQuantities> }> = {
  [HeadlampSize.SMALL]: { requests: { cpu: '50m', memory: '96Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
  [HeadlampSize.MEDIUM]: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } },
  [HeadlampSize.LARGE]: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '2', memory: '1Gi' } },
};

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

const resourceQuantities = lazy(() => z.strictObject({ cpu: quantity.optional(), memory: quantity.optional() }));

/** @internal The schema of HeadlampResources. */
export const resourcesSchema = lazy(() =>
  z.strictObject({ requests: resourceQuantities().optional(), limits: resourceQuantities().optional() }),
);

/** @internal The schema of ProbeTiming. */
export const probeTimingSchema = lazy(() =>
  z.strictObject({
    initialDelaySeconds: int(0).optional(),
    periodSeconds: int(1).optional(),
    timeoutSeconds: int(1).optional(),
    failureThreshold: int(1).optional(),
  }),
);

/** @internal What the Headlamp container is built from, besides the merged pod. */
export interface HeadlampContainerOptions {
  /** The image reference. */
  readonly image: string;
  readonly imagePullPolicy: string;
  /** Headlamp's base URL (`''` at the root), where the probes point. */
  readonly baseUrl: string;
  /** The pod serves TLS itself: HTTPS probes. */
  readonly podTls: boolean;
  readonly size?: HeadlampSize;
  readonly resources?: HeadlampResources;
  readonly livenessProbe?: ProbeTiming;
  readonly readinessProbe?: ProbeTiming;
  readonly securityContext: k8s.SecurityContext;
}

/** @internal The Headlamp container: the merged pod's flags, args, env and mounts; its port, probes and resources. */
export function headlampContainer(
  scope: Construct,
  constructType: string,
  pod: MergedPod,
  o: HeadlampContainerOptions,
): k8s.Container {
  const probe = (t: ProbeTiming = {}): k8s.Probe => ({
    httpGet: {
      path: `${o.baseUrl}/`,
      port: k8s.IntOrString.fromString(HEADLAMP_PORT_NAME),
      scheme: o.podTls ? 'HTTPS' : undefined,
    },
    initialDelaySeconds: t.initialDelaySeconds,
    periodSeconds: t.periodSeconds ?? 10,
    timeoutSeconds: t.timeoutSeconds ?? 5,
    failureThreshold: t.failureThreshold ?? 3,
  });
  return {
    name: HEADLAMP_CONTAINER,
    image: o.image,
    imagePullPolicy: o.imagePullPolicy,
    args: [...pod.flags.filter((f) => !f.viaEnv).map(renderFlag), ...pod.args],
    env: pod.env.length > 0 ? pod.env.map((e) => e.value) : undefined,
    ports: [{ name: HEADLAMP_PORT_NAME, containerPort: HEADLAMP_PORT, protocol: 'TCP' }],
    livenessProbe: probe(o.livenessProbe),
    readinessProbe: probe(o.readinessProbe),
    resources: containerResources(scope, constructType, o.size ?? HeadlampSize.MEDIUM, o.resources ?? {}),
    securityContext: o.securityContext,
    envFrom: pod.envFrom.length > 0 ? [...pod.envFrom] : undefined,
    volumeMounts: pod.volumeMounts.map((m) => m.value),
  };
}

/** Requests and limits: the size preset's, with single values overridden; refuses a request over its limit. */
function containerResources(
  scope: Construct,
  constructType: string,
  size: HeadlampSize,
  res: HeadlampResources,
): k8s.ResourceRequirements {
  const preset = SIZES[size];
  for (const what of ['cpu', 'memory'] as const) {
    const request = res.requests?.[what] ?? preset.requests[what];
    const limit = res.limits?.[what] ?? preset.limits[what];
    if (quantityValue(request) > quantityValue(limit)) {
      const at = res.requests?.[what] ? `props.resources.requests.${what}` : `props.resources.limits.${what}`;
      fail(
        scope,
        constructType,
        at,
        `expected the ${what} request (${request}) at most the limit (${limit}), after the ${size} ` +
          'size preset is applied; the API server refuses the Deployment otherwise. Raise the limit, lower the ' +
          'request, or pick another size',
      );
    }
  }
  const quantities = (given: ResourceQuantities | undefined, defaults: Required<ResourceQuantities>) => ({
    cpu: k8s.Quantity.fromString(given?.cpu ?? defaults.cpu),
    memory: k8s.Quantity.fromString(given?.memory ?? defaults.memory),
  });
  return { requests: quantities(res.requests, preset.requests), limits: quantities(res.limits, preset.limits) };
}

const QUANTITY_SUFFIX: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** The number a Kubernetes quantity stands for (`100m` = 0.1, `1Gi` = 2^30), for comparisons. */
function quantityValue(q: string): number {
  const m = /^\+?([0-9.]+(?:[eE][-+]?[0-9]+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/.exec(q);
  if (!m) return NaN;
  return Number(m[1]) * QUANTITY_SUFFIX[m[2] ?? ''];
}
