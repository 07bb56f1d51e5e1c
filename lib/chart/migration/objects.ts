// Migration of the chart's own objects beside the pod: an existing ServiceAccount (serviceAccount.create: false), the
// PersistentVolumeClaim, the Deployment's annotations.
import { VolumeAccessMode } from '../../deployment/volume-claim';
import { Migration, nonEmpty, refuse, ValuesKeys } from './context';

export const OBJECTS_KEYS: ValuesKeys = [
  ['props.existingServiceAccount', 'serviceAccount.name'],
  ['props.persistentVolumeClaim', 'persistentVolumeClaim'],
  ['props.deploymentAnnotations', 'deploymentAnnotations'],
];

/**
 * serviceAccount.create: false: the pod runs as the named ServiceAccount (the chart's `default` without a name), which
 * the library neither creates nor binds; its annotations then do nothing, as in the chart.
 */
export function serviceAccount(m: Migration): void {
  const sa = m.v.serviceAccount ?? {};
  if (sa.create !== false) return;
  const name: string = sa.name || 'default';
  if (m.config.unsafeUseServiceAccountToken) {
    refuse(
      'serviceAccount.create',
      `config.unsafeUseServiceAccountToken binds its role to a ServiceAccount the migration creates; with ${name}, ` +
        'everyone who reaches the UI would also get whatever RBAC it holds, which the migration cannot see; set ' +
        'serviceAccount.create: true',
    );
  }
  m.props.existingServiceAccount = name;
  m.note(
    'serviceAccount.create',
    `runs as your ServiceAccount ${name}` +
      `${sa.name ? '' : " (the namespace's default, as the chart picks without a name)"}: ` +
      'the library creates none and binds nothing to it. Whatever RBAC it holds is yours, and reaches anyone who ' +
      'can run code in the pod (its token is mounted: -in-cluster reads it); Headlamp needs none, so keep it unbound',
  );
  if (m.props.serviceAccountAnnotations) {
    delete m.props.serviceAccountAnnotations;
    m.note(
      'serviceAccount.annotations',
      'dropped, as in the chart: with serviceAccount.create: false no ServiceAccount is made to annotate',
    );
  }
}

/** persistentVolumeClaim: the claim, named like the chart's; the values' own volumes and mounts use it by that name. */
export function volumeClaim(m: Migration): void {
  const pvc = m.v.persistentVolumeClaim ?? {};
  if (!pvc.enabled) return;
  const modes: string[] = nonEmpty(pvc.accessModes) ? [pvc.accessModes].flat() : [];
  m.props.persistentVolumeClaim = {
    size: pvc.size,
    accessModes: modes.length ? (modes as VolumeAccessMode[]) : undefined,
    storageClassName: pvc.storageClassName || undefined,
    volumeMode: pvc.volumeMode || undefined,
    annotations: nonEmpty(pvc.annotations) ? pvc.annotations : undefined,
    selector: nonEmpty(pvc.selector) ? pvc.selector : undefined,
  };
  const mounted = (m.v.volumes ?? []).some(
    (x: { persistentVolumeClaim?: { claimName?: string } }) => x.persistentVolumeClaim?.claimName === m.name,
  );
  if (!mounted)
    m.note(
      'persistentVolumeClaim',
      `the claim ${m.name} is made, as by the chart, but no volume of the values mounts it`,
    );
}

/** deploymentAnnotations: on the Deployment object. */
export function deploymentAnnotations(m: Migration): void {
  if (nonEmpty(m.v.deploymentAnnotations)) m.props.deploymentAnnotations = m.v.deploymentAnnotations;
}
