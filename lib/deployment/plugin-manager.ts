// The plugin manager (`plugins: HeadlampPlugins.fromPluginManager(...)`): the official chart's pluginctl sidecar,
// hardened, with its ConfigMap, volumes and download egress.
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { ObjectNames } from '../core/metadata';
import { PodContribution } from '../core/pod-contribution';
import { HeadlampPlugins } from './headlamp-plugins';
import { ImagePullPolicy } from './image';
import { PLUGINCTL_VERSION } from './pluginctl-config';

/**
 * @internal The sidecar that installs plugins into the shared plugins volume, read-only root filesystem, writable
 * plugins
 * dir and /tmp only; its configuration in a ConfigMap (created here); its downloads on 443, from the named CIDRs or, by
 * the unsafe name, anywhere.
 */
export function pluginManager(
  scope: Construct,
  names: ObjectNames,
  source: HeadlampPlugins | undefined,
  pluginsDir: string,
): PodContribution {
  const manager = source?._manager;
  if (!manager) return {};
  const prop = 'props.plugins';
  const config = new k8s.KubeConfigMap(scope, 'PluginConfig', {
    metadata: { name: `${names.name}-plugin-config`, labels: names.labels },
    data: { 'plugin.yml': manager.config },
  });
  return {
    sidecars: [
      {
        prop,
        value: {
          name: 'plugin-manager',
          image: manager.image,
          imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
          command: [
            'npx',
            '--yes',
            `@headlamp-k8s/pluginctl@${manager.pluginctlVersion ?? PLUGINCTL_VERSION}`,
            'install',
            '--config',
            '/config/plugin.yml',
            '--folderName',
            pluginsDir,
            '--watch',
          ],
          env: [
            { name: 'HOME', value: '/tmp' },
            { name: 'NPM_CONFIG_CACHE', value: '/tmp/npm-cache' },
            { name: 'NPM_CONFIG_USERCONFIG', value: '/tmp/npm-userconfig' },
          ],
          resources: {
            requests: { cpu: k8s.Quantity.fromString('50m'), memory: k8s.Quantity.fromString('128Mi') },
            limits: { cpu: k8s.Quantity.fromString('500m'), memory: k8s.Quantity.fromString('512Mi') },
          },
          volumeMounts: [
            { name: 'plugins', mountPath: pluginsDir },
            { name: 'plugin-config', mountPath: '/config', readOnly: true },
            { name: 'plugin-manager-tmp', mountPath: '/tmp' },
          ],
        },
      },
    ],
    volumes: [
      { prop, value: { name: 'plugin-config', configMap: { name: config.name } } },
      {
        prop: `${prop}.tmpSize`,
        value: {
          name: 'plugin-manager-tmp',
          emptyDir: { sizeLimit: k8s.Quantity.fromString(manager.tmpSize ?? '512Mi') },
        },
      },
    ],
    egress: [
      {
        to: manager.unsafeAllowAnyDownloadHost
          ? undefined
          : manager.downloadCidrs!.map((cidr) => ({ ipBlock: { cidr } })),
        ports: [{ port: k8s.IntOrString.fromNumber(443), protocol: 'TCP' }],
      },
    ],
  };
}
