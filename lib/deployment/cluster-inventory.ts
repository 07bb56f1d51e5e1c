// Cluster inventory (Headlamp v0.43+): its options and their schema.
import { Duration } from 'cdk8s';
import { z } from 'zod';
import { dnsLabel, lazy, str, uniqueList, wholeSeconds } from '../core/schema';

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

/** @internal The schema of ClusterInventoryOptions. */
export const clusterInventorySchema = lazy(() => z.strictObject({
  providers: z.array(z.record(z.string(), z.unknown()).refine((p) => typeof p.name === 'string' && p.name.length > 0,
    { error: 'expected a provider with a name' }).refine((p) => p.execConfig === undefined, {
    error: 'expected a provider without execConfig: access plugins are mounted as image volumes (Kubernetes 1.33+), outside the 1.28 API this library targets',
  }), { error: 'expected a list of access providers' }).refine((xs) => xs.length > 0, { error: 'expected at least one access provider' }),
  labelSelector: str('a label selector').optional(),
  namespaces: uniqueList(dnsLabel, 'namespace names').optional(),
  rootReconcileInterval: wholeSeconds.optional(),
  noCrdCacheTtl: wholeSeconds.optional(),
}));
