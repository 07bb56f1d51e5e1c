// Cluster inventory (Headlamp v0.43+): its options and their schema, the ConfigMap with the access providers, its mount and flags.
import { Duration } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { ObjectNames } from '../core/metadata';
import { OwnedFlag, PodContribution } from '../core/pod-contribution';
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

/** Where the cluster inventory's provider file is mounted (the official chart's path). */
const INVENTORY_DIR = '/etc/cluster-inventory';

/** @internal The providers' ConfigMap (created here), mounted read-only, and the `-cluster-inventory-*` flags. */
export function clusterInventory(scope: Construct, names: ObjectNames, o: ClusterInventoryOptions | undefined): PodContribution {
  if (!o) return {};
  const prop = 'props.clusterInventory';
  const configMap = new k8s.KubeConfigMap(scope, 'ClusterInventory', {
    metadata: { name: `${names.name}-cluster-inventory`, labels: names.labels },
    data: { 'config.json': JSON.stringify({ providers: o.providers }) },
  });
  const flags: OwnedFlag[] = [
    { flag: 'enable-cluster-inventory', value: true, prop },
    { flag: 'cluster-inventory-provider-file', value: `${INVENTORY_DIR}/config.json`, prop },
    { flag: 'cluster-inventory-label-selector', value: o.labelSelector ?? '!headlamp.dev/ignore', prop: `${prop}.labelSelector` },
  ];
  if (o.namespaces) flags.push({ flag: 'cluster-inventory-namespaces', value: o.namespaces.join(','), prop: `${prop}.namespaces` });
  if (o.rootReconcileInterval) {
    flags.push({ flag: 'cluster-inventory-root-reconcile-interval', value: `${o.rootReconcileInterval.toSeconds()}s`, prop: `${prop}.rootReconcileInterval` });
  }
  if (o.noCrdCacheTtl) flags.push({ flag: 'cluster-inventory-no-crd-cache-ttl', value: `${o.noCrdCacheTtl.toSeconds()}s`, prop: `${prop}.noCrdCacheTtl` });
  return {
    flags,
    volumes: [{ prop, value: { name: 'cluster-inventory-config', configMap: { name: configMap.name } } }],
    volumeMounts: [{ prop, value: { name: 'cluster-inventory-config', mountPath: INVENTORY_DIR, readOnly: true } }],
  };
}
