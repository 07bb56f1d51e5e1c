// Migration of pluginsManager: the plugin manager sidecar, pinned and hardened.
import { HeadlampPlugins } from '../../deployment/headlamp-plugins';
import { PLUGINCTL_VERSION } from '../../deployment/pluginctl-config';
import { Migration, nonEmpty, refuse, ValuesKeys } from './context';
import { coded, toTs } from './starting-point';

export const PLUGINS_KEYS: ValuesKeys = [
  ['props.plugins.image', 'pluginsManager.baseImage'], ['props.plugins.pluginctlVersion', 'pluginsManager.version'],
  ['props.plugins.config', 'pluginsManager.configContent'], ['props.plugins', 'pluginsManager'],
];

/** pluginsManager: only pinned, with something to install, and with the opt-in for downloads from any host. */
export function pluginsManager(m: Migration): void {
  const pm = m.v.pluginsManager ?? {};
  if (!pm.enabled) return;
  if (!pm.configContent) refuse('pluginsManager.configContent', 'expected the plugins to install (pluginctl YAML); without it the sidecar installs nothing');
  if (!pm.version || pm.version === 'latest') {
    refuse('pluginsManager.version', `expected a pinned pluginctl version such as '${PLUGINCTL_VERSION}' (the published one), got ` +
      `${JSON.stringify(pm.version ?? 'latest')} (it changes under you)`);
  }
  if (!m.options.unsafePluginDownloadsFromAnyHost) {
    refuse('pluginsManager.enabled', 'the plugin manager downloads plugins at run time from hosts chart values cannot name; pass ' +
      '--unsafe-plugin-downloads-from-any-host, or use HeadlampPlugins.fromPluginManager({ downloadCidrs }) or .fromImage(...) in TypeScript');
  }
  if (nonEmpty(pm.volumeMounts)) refuse('pluginsManager.volumeMounts', 'the plugin manager mounts only the plugins directory, its config and /tmp');
  const manager = { config: pm.configContent, image: pm.baseImage ?? 'node:lts-alpine', pluginctlVersion: pm.version, unsafeAllowAnyDownloadHost: true };
  m.props.plugins = coded(HeadlampPlugins.fromPluginManager(manager), `HeadlampPlugins.fromPluginManager(${toTs(manager)})`);
  m.note('pluginsManager', 'a hardened sidecar (read-only root filesystem, writable plugins directory and /tmp only); Headlamp mounts the ' +
    'plugins read-only; downloads allowed on 443 to any address (--unsafe-plugin-downloads-from-any-host)');
}
