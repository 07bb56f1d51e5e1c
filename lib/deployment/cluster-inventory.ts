// Cluster inventory (Headlamp v0.43+): its options and their schema, the ConfigMap with the access providers, its mount
// and flags.
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

/**
 * The fields of an access provider Headlamp v0.45 reads (sigs.k8s.io/cluster-inventory-api v0.1.3, pkg/access/config.go
 * `Provider`, read with encoding/json), with the values each takes (undefined: any string).
 */
const PROVIDER_FIELDS: Readonly<Record<string, readonly string[] | undefined>> = {
  name: undefined,
  execConfig: undefined,
  profileSourcedCLIArgsPolicy: ['Append', 'Ignore'],
  profileSourcedEnvVarsPolicy: ['AppendIfNotExists', 'Replace', 'Ignore'],
};

/**
 * A JSON key as Go's encoding/json compares it with a field name: case-insensitively, ASCII upper-cased and other
 * letters through unicode.ToUpper(unicode.ToLower(r)), under which `İ`/`ı` are `I`, `ſ` is `S` and the Kelvin sign is
 * `K`.
 */
function goJsonFold(key: string): string {
  const toAscii: Record<string, string> = { '\u0130': 'I', '\u0131': 'I', '\u017f': 'S', '\u212a': 'K' };
  return [...key].map((c) => toAscii[c] ?? (c < '\u0080' ? c.toUpperCase() : c)).join('');
}

/**
 * Refuses every provider key but the fields spelled exactly, and `execConfig`: Go reads `ExecConfig` or `EXECCONFIG`
 * as `execConfig` (encoding/json matches keys case-insensitively) and ignores a key it does not know.
 */
function checkProvider(p: Record<string, unknown>, ctx: z.core.$RefinementCtx): void {
  // A message that names the key itself is complete (the value under an unknown key says nothing).
  const issue = (path: string, message: string, complete = false) =>
    ctx.addIssue({ code: 'custom', path: [path], message, params: { complete } });
  if (typeof p.name !== 'string' || p.name.length === 0) issue('name', 'expected a provider with a name');
  for (const [key, value] of Object.entries(p)) {
    const field = Object.keys(PROVIDER_FIELDS).find((f) => goJsonFold(f) === goJsonFold(key));
    if (field === 'execConfig') {
      const folded =
        key === field ? '' : ` (Go's encoding/json reads '${key}' as execConfig: it matches keys case-insensitively)`;
      issue(
        key,
        `expected a provider without execConfig${folded}: ` +
          'access plugins are mounted as image volumes (Kubernetes 1.33+), outside the 1.28 API this library targets',
      );
    } else if (field === undefined) {
      issue(
        key,
        `expected a provider field (${Object.keys(PROVIDER_FIELDS).join(', ')}), got key '${key}', which ` +
          `Headlamp ignores`,
        true,
      );
    } else if (key !== field) {
      issue(
        key,
        `expected the field spelled '${field}', got key '${key}' (Go's encoding/json reads it as ${field}: it ` +
          `matches keys case-insensitively)`,
        true,
      );
    } else if (PROVIDER_FIELDS[field] && !PROVIDER_FIELDS[field]!.includes(value as string)) {
      issue(key, `expected one of ${PROVIDER_FIELDS[field]!.map((v) => `'${v}'`).join(', ')}`);
    }
  }
}

/** @internal The schema of ClusterInventoryOptions. */
export const clusterInventorySchema = lazy(() =>
  z.strictObject({
    providers: z
      .array(z.record(z.string(), z.unknown(), { error: 'expected an access provider' }).superRefine(checkProvider), {
        error: 'expected a list of access providers',
      })
      .refine((xs) => xs.length > 0, { error: 'expected at least one access provider' }),
    labelSelector: str('a label selector').optional(),
    namespaces: uniqueList(dnsLabel, 'namespace names').optional(),
    rootReconcileInterval: wholeSeconds.optional(),
    noCrdCacheTtl: wholeSeconds.optional(),
  }),
);

/** Where the cluster inventory's provider file is mounted (the official chart's path). */
const INVENTORY_DIR = '/etc/cluster-inventory';

/** @internal The providers' ConfigMap (created here), mounted read-only, and the `-cluster-inventory-*` flags. */
export function clusterInventory(
  scope: Construct,
  names: ObjectNames,
  o: ClusterInventoryOptions | undefined,
): PodContribution {
  if (!o) return {};
  const prop = 'props.clusterInventory';
  const configMap = new k8s.KubeConfigMap(scope, 'ClusterInventory', {
    metadata: { name: `${names.name}-cluster-inventory`, labels: names.labels },
    data: { 'config.json': JSON.stringify({ providers: o.providers }) },
  });
  const flags: OwnedFlag[] = [
    { flag: 'enable-cluster-inventory', value: true, prop },
    { flag: 'cluster-inventory-provider-file', value: `${INVENTORY_DIR}/config.json`, prop },
    {
      flag: 'cluster-inventory-label-selector',
      value: o.labelSelector ?? '!headlamp.dev/ignore',
      prop: `${prop}.labelSelector`,
    },
  ];
  if (o.namespaces)
    flags.push({ flag: 'cluster-inventory-namespaces', value: o.namespaces.join(','), prop: `${prop}.namespaces` });
  if (o.rootReconcileInterval) {
    flags.push({
      flag: 'cluster-inventory-root-reconcile-interval',
      value: `${o.rootReconcileInterval.toSeconds()}s`,
      prop: `${prop}.rootReconcileInterval`,
    });
  }
  if (o.noCrdCacheTtl)
    flags.push({
      flag: 'cluster-inventory-no-crd-cache-ttl',
      value: `${o.noCrdCacheTtl.toSeconds()}s`,
      prop: `${prop}.noCrdCacheTtl`,
    });
  return {
    flags,
    volumes: [{ prop, value: { name: 'cluster-inventory-config', configMap: { name: configMap.name } } }],
    volumeMounts: [{ prop, value: { name: 'cluster-inventory-config', mountPath: INVENTORY_DIR, readOnly: true } }],
  };
}
