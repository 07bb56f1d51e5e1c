// Migration of pluginsManager: the plugin manager sidecar, pinned and hardened.
import { HeadlampPlugins } from '../../deployment/headlamp-plugins';
import { parseDocument, stringify } from 'yaml';
import { PLUGINCTL_VERSION, unpinnedImageProblem } from '../../deployment/pluginctl-config';
import { HEADLAMP_VERSION } from '../../core/headlamp-flags';
import { Migration, refuse, Values, ValuesKeys } from './context';
import { coded, toTs } from './starting-point';

export const PLUGINS_KEYS: ValuesKeys = [
  ['props.plugins.image', 'pluginsManager.baseImage'],
  ['props.plugins.pluginctlVersion', 'pluginsManager.version'],
  ['props.plugins.config', 'pluginsManager.configContent'],
  ['props.plugins', 'pluginsManager'],
];

/** A Node.js image pinned to a release, for values that name a moving tag (the chart's default is node:lts-alpine). */
const PLUGIN_MANAGER_IMAGE = 'node:22.11.0-alpine';

/**
 * The pluginctl configuration without the plugins pluginctl cannot install: an https source that is no ArtifactHub
 * package (pluginctl's fetchPluginInfo refuses every other URL, so under the chart they never installed either), each
 * dropped with a note. Undefined when none is left. A plain-http source stays, for the library to refuse.
 */
function installable(m: Migration, text: string): string | undefined {
  const doc = parseDocument(text);
  const plugins = doc.errors.length ? undefined : doc.toJS()?.plugins;
  if (!Array.isArray(plugins)) return text;
  const keep = plugins.filter((p: Values, i: number) => {
    const never =
      typeof p?.source === 'string' &&
      /^https:/i.test(p.source) &&
      !/^https:\/\/artifacthub\.io\/packages\//.test(p.source);
    if (never) {
      m.note(
        `pluginsManager.configContent.plugins[${i}]`,
        `${p.name ?? 'this plugin'} dropped: its source is no https://artifacthub.io/packages/... ` +
          "URL, the only source pluginctl installs from, so the chart's plugin manager never installed it either; " +
          'give its ArtifactHub URL to install it',
      );
    }
    return !never;
  });
  if (keep.length === plugins.length) return text;
  if (!keep.length) return undefined;
  return stringify({ ...doc.toJS(), plugins: keep });
}

/** Whether pluginctl's configuration installs nothing: none, blank, or YAML that parses with no `plugins`. */
function nothingToInstall(text: string | undefined): boolean {
  if (!text?.trim()) return true;
  const doc = parseDocument(text);
  if (doc.errors.length) return false;
  const config = doc.toJS();
  if (config === null) return true;
  const plugins = typeof config === 'object' && !Array.isArray(config) ? config.plugins : 'not a map';
  return plugins === undefined || plugins === null || (Array.isArray(plugins) && plugins.length === 0);
}

/**
 * pluginsManager: with something to install and the opt-in for downloads from any host. A floating pluginctl version
 * (none, or latest) or a moving Node.js tag is pinned, with a note: either would change what runs under you.
 */
export function pluginsManager(m: Migration): void {
  const pm = m.v.pluginsManager ?? {};
  if (!pm.enabled) return;
  if (nothingToInstall(pm.configContent)) {
    const why = pm.configContent?.trim() ? 'its configContent lists no plugins' : 'it has no configContent';
    m.note(
      'pluginsManager',
      `dropped: ${why}, so the chart's sidecar installs nothing (its pluginctl watches an ` +
        'empty list); give pluginsManager.configContent its plugins to carry it',
    );
    return;
  }
  if (!m.options.unsafePluginDownloadsFromAnyHost) {
    refuse(
      'pluginsManager.enabled',
      'the plugin manager downloads plugins at run time from hosts chart values cannot name; pass ' +
        '--unsafe-plugin-downloads-from-any-host, or use HeadlampPlugins.fromPluginManager({ downloadCidrs }) or ' +
        '.fromImage(...) in TypeScript',
    );
  }
  const config = installable(m, pm.configContent);
  if (config === undefined) {
    m.note(
      'pluginsManager',
      'dropped: none of its plugins can install (see the notes above), so there is nothing for the sidecar to do',
    );
    return;
  }
  const version = !pm.version || pm.version === 'latest' ? PLUGINCTL_VERSION : pm.version;
  if (version !== pm.version) {
    m.note(
      'pluginsManager.version',
      `pluginctl pinned to ${PLUGINCTL_VERSION} (the version published with Headlamp v${HEADLAMP_VERSION}), not ` +
        `${pm.version ? 'latest' : "the chart's default latest"}: a floating version would install whatever npm ` +
        'serves at each start (a supply-chain risk); set pluginsManager.version to choose another',
    );
  }
  const given = pm.baseImage ?? 'node:lts-alpine';
  const image = unpinnedImageProblem(given) ? PLUGIN_MANAGER_IMAGE : given;
  if (image !== given) {
    m.note(
      'pluginsManager.baseImage',
      `pinned to ${PLUGIN_MANAGER_IMAGE}, not the moving ` +
        `tag ${given}${pm.baseImage ? '' : " (the chart's default)"}; ` +
        'set pluginsManager.baseImage to a newer pinned tag (or a digest) as Node.js releases come',
    );
  }
  const mounts = (pm.volumeMounts ?? []) as Values[];
  if (mounts.some((x) => String(x.mountPath).replace(/\/$/, '') !== '/tmp')) {
    refuse(
      'pluginsManager.volumeMounts',
      'the plugin manager mounts only the plugins directory, its config and its own /tmp; remove the others',
    );
  }
  if (mounts.length)
    m.note('pluginsManager.volumeMounts', 'dropped: the sidecar gets a writable /tmp of its own (an emptyDir)');
  const manager = { config, image, pluginctlVersion: version, unsafeAllowAnyDownloadHost: true };
  m.props.plugins = coded(
    HeadlampPlugins.fromPluginManager(manager),
    `HeadlampPlugins.fromPluginManager(${toTs(manager)})`,
  );
  m.note(
    'pluginsManager',
    'a hardened sidecar (read-only root filesystem, writable plugins directory and /tmp only); Headlamp mounts the ' +
      'plugins read-only; downloads allowed on 443 to any address (--unsafe-plugin-downloads-from-any-host)',
  );
}
