// Availability with 2 or more replicas: a surge-first rolling update, the spread across nodes and zones, the
// PodDisruptionBudget (its options and schema).
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { fail } from '../core/errors';
import { ObjectNames } from '../core/metadata';
import { bool, int, lazy, pattern } from '../core/schema';
import { intOrString } from './plain-values';

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
   * Create the budget even with one replica (with maxUnavailable 1 a drain may still evict that pod; a budget
   * that allows no eviction is refused).
   * @default - only with 2 or more replicas
   */
  readonly always?: boolean;
}

/** @internal The schema of HeadlampDisruptionBudgetOptions. */
export const disruptionBudgetSchema = lazy(() =>
  z
    .strictObject({
      maxUnavailable: z
        .union([int(0), pattern(/^\d+%$/, "a number or a percentage such as '25%'")], {
          error: "expected a number or a percentage such as '25%'",
        })
        .optional(),
      minAvailable: z
        .union([int(0), pattern(/^\d+%$/, "a number or a percentage such as '25%'")], {
          error: "expected a number or a percentage such as '25%'",
        })
        .optional(),
      unhealthyPodEvictionPolicy: z
        .enum(['IfHealthyBudget', 'AlwaysAllow'], { error: "expected 'IfHealthyBudget' or 'AlwaysAllow'" })
        .optional(),
      always: bool.optional(),
    })
    .refine((o) => o.maxUnavailable === undefined || o.minAvailable === undefined, {
      error: 'expected maxUnavailable or minAvailable, not both',
    }),
);

/** @internal With 2 or more replicas: a rolling update that starts a new pod before it stops an old one. */
export function rolloutStrategy(replicas: number): k8s.DeploymentStrategy | undefined {
  if (replicas < 2) return undefined;
  return {
    type: 'RollingUpdate',
    rollingUpdate: { maxUnavailable: k8s.IntOrString.fromNumber(0), maxSurge: k8s.IntOrString.fromNumber(1) },
  };
}

/**
 * @internal The topology spread constraints given, or with 2 or more replicas a spread across nodes and zones
 * (ScheduleAnyway); each selects the Headlamp pods unless it says otherwise.
 */
export function topologySpread(
  given: k8s.TopologySpreadConstraint[] | undefined,
  replicas: number,
  selector: Record<string, string>,
): k8s.TopologySpreadConstraint[] | undefined {
  const spread =
    given ??
    (replicas > 1
      ? ['kubernetes.io/hostname', 'topology.kubernetes.io/zone'].map((topologyKey): k8s.TopologySpreadConstraint => ({
          maxSkew: 1,
          topologyKey,
          whenUnsatisfiable: 'ScheduleAnyway',
        }))
      : undefined);
  return spread?.map((c) => ({ ...c, labelSelector: c.labelSelector ?? { matchLabels: selector } }));
}

/**
 * Evictions the budget allows with `replicas` healthy pods, as the disruption controller counts them: a percentage of
 * the replicas rounded up, for minAvailable and maxUnavailable alike (GetScaledValueFromIntOrPercent, roundUp).
 */
function evictionsAllowed(replicas: number, o: HeadlampDisruptionBudgetOptions): number {
  const count = (v: number | string) => (typeof v === 'number' ? v : Math.ceil((parseInt(v, 10) * replicas) / 100));
  return o.minAvailable !== undefined ? replicas - count(o.minAvailable) : count(o.maxUnavailable ?? 1);
}

/**
 * Refuses a budget that never allows an eviction (minAvailable at or above the replicas, maxUnavailable 0): every node
 * drain and cluster upgrade would wait on this pod forever.
 */
function refuseBudgetThatBlocksDrains(
  scope: Construct,
  constructType: string,
  replicas: number,
  o: HeadlampDisruptionBudgetOptions,
): void {
  if (evictionsAllowed(replicas, o) >= 1) return;
  const [key, value] =
    o.minAvailable !== undefined ? ['minAvailable', o.minAvailable] : ['maxUnavailable', o.maxUnavailable!];
  const fix =
    replicas > 1 && o.minAvailable !== undefined
      ? `set minAvailable to at most ${replicas - 1} (or a percentage that leaves a pod to evict), or maxUnavailable: 1`
      : replicas > 1
        ? 'set maxUnavailable: 1'
        : 'set maxUnavailable: 1, raise props.replicas, or drop always (one pod is evicted and rescheduled)';
  fail(
    scope,
    constructType,
    `props.podDisruptionBudget.${key}`,
    `allows no eviction with ${replicas} replica${replicas === 1 ? '' : 's'} ` +
      `(every node drain would wait on this pod forever), got ${JSON.stringify(value)}; ${fix}`,
  );
}

/** @internal The PodDisruptionBudget: with 2 or more replicas, or `always`; maxUnavailable 1 unless told otherwise. */
export function disruptionBudget(
  scope: Construct,
  names: ObjectNames,
  constructType: string,
  replicas: number,
  o: HeadlampDisruptionBudgetOptions = {},
): k8s.KubePodDisruptionBudget | undefined {
  if (replicas < 2 && !o.always) return undefined;
  refuseBudgetThatBlocksDrains(scope, constructType, replicas, o);
  return new k8s.KubePodDisruptionBudget(scope, 'PodDisruptionBudget', {
    metadata: { name: names.name, labels: names.labels },
    spec: {
      ...(o.minAvailable !== undefined
        ? { minAvailable: intOrString(o.minAvailable) }
        : { maxUnavailable: intOrString(o.maxUnavailable ?? 1) }),
      unhealthyPodEvictionPolicy: o.unhealthyPodEvictionPolicy,
      selector: { matchLabels: names.selectorLabels },
    },
  });
}
