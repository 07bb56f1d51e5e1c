// Availability: the PodDisruptionBudget's options and their schema.
import { z } from 'zod';
import { bool, int, lazy, pattern } from '../core/schema';

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

/** @internal The schema of HeadlampDisruptionBudgetOptions. */
export const disruptionBudgetSchema = lazy(() => z.strictObject({
  maxUnavailable: z.union([int(0), pattern(/^\d+%$/, "a number or a percentage such as '25%'")], { error: "expected a number or a percentage such as '25%'" }).optional(),
  minAvailable: z.union([int(0), pattern(/^\d+%$/, "a number or a percentage such as '25%'")], { error: "expected a number or a percentage such as '25%'" }).optional(),
  unhealthyPodEvictionPolicy: z.enum(['IfHealthyBudget', 'AlwaysAllow'], { error: "expected 'IfHealthyBudget' or 'AlwaysAllow'" }).optional(),
  always: bool.optional(),
}).refine((o) => o.maxUnavailable === undefined || o.minAvailable === undefined, { error: 'expected maxUnavailable or minAvailable, not both' }));
