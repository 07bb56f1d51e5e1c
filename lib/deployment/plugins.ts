// Plugins (`plugins`): their volume, mounted read-only at the plugins directory, and the init container that copies
// them from an image.
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { PodContribution } from '../core/pod-contribution';
import { HeadlampPlugins } from './headlamp-plugins';
import { ImagePullPolicy } from './image';

/** @internal The plugins volume and Headlamp's read-only mount of it; with `fromImage`, the copier that fills it. */
export function plugins(source: HeadlampPlugins | undefined, pluginsDir: string): PodContribution {
  if (!source) return {};
  const prop = 'props.plugins';
  const copy = source._copy;
  return {
    volumes: [{ prop, value: source._volume }],
    volumeMounts: [{ prop, value: { name: 'plugins', mountPath: pluginsDir, readOnly: true } }],
    initContainers: copy
      ? [
          {
            prop,
            value: {
              name: 'copy-plugins',
              image: copy.image,
              imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
              command: ['cp', '-R', `${copy.sourcePath}/.`, `${pluginsDir}/`],
              resources: {
                requests: { cpu: k8s.Quantity.fromString('10m'), memory: k8s.Quantity.fromString('16Mi') },
                limits: { cpu: k8s.Quantity.fromString('200m'), memory: k8s.Quantity.fromString('64Mi') },
              },
              volumeMounts: [{ name: 'plugins', mountPath: pluginsDir }],
            },
          },
        ]
      : [],
  };
}
