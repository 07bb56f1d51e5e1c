// Kubeconfigs of other clusters (`kubeconfigs`): each Secret key mounted read-only in a directory of its own, all
// passed as `-kubeconfig`.
import { PodContribution } from '../core/pod-contribution';
import { SecretKeyRef } from '../core/secret-ref';

/** Where `kubeconfigs` are mounted, one directory each. */
const KUBECONFIG_DIR = '/etc/headlamp/kubeconfigs';

/** @internal The kubeconfig volumes and mounts, and `-kubeconfig=<a>:<b>`. */
export function kubeconfigs(refs: SecretKeyRef[] = []): PodContribution {
  if (refs.length === 0) return {};
  const prop = (i: number) => `props.kubeconfigs[${i}]`;
  return {
    flags: [
      {
        flag: 'kubeconfig',
        value: refs.map((_, i) => `${KUBECONFIG_DIR}/${i}/config`).join(':'),
        prop: 'props.kubeconfigs',
      },
    ],
    volumes: refs.map((ref, i) => ({
      prop: prop(i),
      value: {
        name: `kubeconfig-${i}`,
        secret: { secretName: ref.secretName, items: [{ key: ref.key, path: 'config' }] },
      },
    })),
    volumeMounts: refs.map((_, i) => ({
      prop: prop(i),
      value: { name: `kubeconfig-${i}`, mountPath: `${KUBECONFIG_DIR}/${i}`, readOnly: true },
    })),
  };
}
