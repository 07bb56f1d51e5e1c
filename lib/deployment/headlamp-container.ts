// The Headlamp container: resource presets, requests and limits, probe timing, and their schemas.
import { z } from 'zod';
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

/** @internal The requests and limits of each size. */
export const SIZES: Record<HeadlampSize, { requests: Required<ResourceQuantities>; limits: Required<ResourceQuantities> }> = {
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
export const resourcesSchema = lazy(() => z.strictObject({ requests: resourceQuantities().optional(), limits: resourceQuantities().optional() }));

/** @internal The schema of ProbeTiming. */
export const probeTimingSchema = lazy(() => z.strictObject({
  initialDelaySeconds: int(0).optional(),
  periodSeconds: int(1).optional(),
  timeoutSeconds: int(1).optional(),
  failureThreshold: int(1).optional(),
}));

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
