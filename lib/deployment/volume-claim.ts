// A PersistentVolumeClaim named after Headlamp (`persistentVolumeClaim`, the official chart's): its options, their
// schema, the object and the check of its access mode against the replicas.
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { fail } from '../core/errors';
import { ObjectNames } from '../core/metadata';
import { annotations, dnsSubdomain, lazy, oneOf, quantity } from '../core/schema';
import { k8sObject } from './plain-values';

/** How a PersistentVolumeClaim may be mounted. */
export enum VolumeAccessMode {
  /** Read-write by the pods of one node. */
  READ_WRITE_ONCE = 'ReadWriteOnce',
  /** Read-only by pods on any node. */
  READ_ONLY_MANY = 'ReadOnlyMany',
  /** Read-write by pods on any node (NFS, CephFS, Longhorn RWX...). */
  READ_WRITE_MANY = 'ReadWriteMany',
  /** Read-write by one pod (Kubernetes 1.29+). */
  READ_WRITE_ONCE_POD = 'ReadWriteOncePod',
}

/** The PersistentVolumeClaim of `HeadlampDeploymentProps.persistentVolumeClaim`. */
export interface HeadlampVolumeClaimOptions {
  /** Storage requested, e.g. `1Gi`. */
  readonly size: string;
  /**
   * How the volume may be mounted.
   * @default [VolumeAccessMode.READ_WRITE_ONCE]
   */
  readonly accessModes?: VolumeAccessMode[];
  /**
   * StorageClass of the volume.
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
  /**
   * `Filesystem` (a mounted directory) or `Block`.
   * @default 'Filesystem'
   */
  readonly volumeMode?: 'Filesystem' | 'Block';
  /**
   * Annotations on the claim (e.g. a backup tool's).
   * @default - none
   */
  readonly annotations?: Record<string, string>;
  /**
   * Bind only to PersistentVolumes with these labels.
   * @default - any volume the StorageClass provides
   */
  readonly selector?: k8s.LabelSelector;
}

/** @internal The schema of HeadlampVolumeClaimOptions. */
export const volumeClaimSchema = lazy(() =>
  z.strictObject({
    size: quantity,
    accessModes: z
      .array(oneOf(VolumeAccessMode, 'VolumeAccessMode'), {
        error: 'expected a list of access modes, such as [ReadWriteOnce]',
      })
      .refine((xs) => xs.length > 0, { error: 'expected at least one access mode' })
      .refine((xs) => new Set(xs).size === xs.length, { error: 'expected each access mode once' })
      .optional(),
    storageClassName: dnsSubdomain.optional(),
    volumeMode: z.enum(['Filesystem', 'Block'], { error: "expected 'Filesystem' or 'Block'" }).optional(),
    annotations: annotations.optional(),
    selector: k8sObject<k8s.LabelSelector>('LabelSelector').optional(),
  }),
);

/** Access modes that hold the volume on one node (or one pod). */
const SINGLE_NODE = [VolumeAccessMode.READ_WRITE_ONCE, VolumeAccessMode.READ_WRITE_ONCE_POD];

/**
 * @internal The claim, named like the Deployment. Only created: the pod mounts it through `extraVolumes` (or
 * `plugins: HeadlampPlugins.fromPersistentVolumeClaim`). Mounted by 2 or more replicas, a single-node access mode is
 * refused: the pods spread over nodes, and every pod but the first would wait for the volume forever.
 */
export function headlampVolumeClaim(
  scope: Construct,
  constructType: string,
  names: ObjectNames,
  o: HeadlampVolumeClaimOptions | undefined,
  replicas: number,
  mountedClaims: readonly string[],
): k8s.KubePersistentVolumeClaim | undefined {
  if (!o) return undefined;
  const accessModes = o.accessModes ?? [VolumeAccessMode.READ_WRITE_ONCE];
  const single = accessModes.find((m) => SINGLE_NODE.includes(m));
  if (
    replicas > 1 &&
    single &&
    accessModes.every((m) => SINGLE_NODE.includes(m)) &&
    mountedClaims.includes(names.name)
  ) {
    fail(
      scope,
      constructType,
      'props.persistentVolumeClaim.accessModes',
      `a ${single} claim is mounted on one ${single === VolumeAccessMode.READ_WRITE_ONCE_POD ? 'pod' : 'node'}, ` +
        `got it mounted by ${replicas} replicas (spread over nodes: the others would wait for the volume ` +
        'forever); use ReadWriteMany (or ReadOnlyMany for plugins written elsewhere), or 1 replica',
    );
  }
  return new k8s.KubePersistentVolumeClaim(scope, 'PersistentVolumeClaim', {
    metadata: { name: names.name, labels: names.labels, annotations: o.annotations },
    spec: {
      accessModes,
      resources: { requests: { storage: k8s.Quantity.fromString(o.size) } },
      storageClassName: o.storageClassName,
      volumeMode: o.volumeMode,
      selector: o.selector,
    },
  });
}
