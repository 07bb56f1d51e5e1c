// Migration of the server settings under config: context name, base URL, session TTL, plugins directory, flags, TLS in the pod, cluster inventory.
import { Duration } from 'cdk8s';
import { Migration, nonEmpty, refuse, ValuesKeys } from './context';
import { coded } from './starting-point';

export const CLUSTER_KEYS: ValuesKeys = [
  ['props.extraArgs', 'config.extraArgs'], ['props.baseUrl', 'config.baseURL'], ['props.pluginsDir', 'config.pluginsDir'],
  ['props.inClusterContextName', 'config.inClusterContextName'], ['props.sessionTtl', 'config.sessionTTL'],
  ['props.clusterInventory.providers', 'config.clusterInventory.accessProvidersConfig.providers'], ['props.clusterInventory', 'config.clusterInventory'],
];

/** config values with no prop, passed as Headlamp flags: the values key, the flag. */
const FLAGS = [['podDebugImage', 'pod-debug-image'], ['nodeShellImage', 'node-shell-image'], ['nodeShellNamespace', 'node-shell-namespace']];

const seconds = (n: number) => coded(Duration.seconds(n), `Duration.seconds(${n})`);

/** config.inClusterContextName, baseURL, sessionTTL, pluginsDir, enableHelm, watchPlugins, the flags, extraArgs. */
export function serverSettings(m: Migration): void {
  const { config, props } = m;
  props.inClusterContextName = config.inClusterContextName ?? 'main';
  if (config.baseURL) props.baseUrl = config.baseURL;
  props.sessionTtl = seconds(config.sessionTTL ?? 86400);
  props.pluginsDir = config.pluginsDir || '/headlamp/plugins';
  if (config.enableHelm) props.enableHelm = true;
  const extraArgs: string[] = [...(config.extraArgs ?? [])];
  if (config.watchPlugins) extraArgs.push('-watch-plugins-changes');
  for (const [key, flag] of FLAGS) {
    if (config[key]) extraArgs.push(`-${flag}=${config[key]}`);
  }
  if (extraArgs.length) props.extraArgs = extraArgs;
}

/** config.tlsCertPath, tlsKeyPath: TLS inside the pod; the chart's paths must come from a Secret volume the values mount. */
export function podTls(m: Migration): void {
  const { v, config } = m;
  if (!config.tlsCertPath && !config.tlsKeyPath) return;
  const dir = String(config.tlsCertPath ?? config.tlsKeyPath).replace(/\/[^/]*$/, '');
  const mount = (v.volumeMounts ?? []).find((x: { mountPath: string }) => x.mountPath.replace(/\/$/, '') === dir);
  const volume = mount && (v.volumes ?? []).find((x: { name: string; secret?: { secretName: string } }) => x.name === mount.name && x.secret);
  if (!volume) refuse('config.tlsCertPath', 'expected the certificate and key from a Secret volume mounted at their directory');
  m.props.podTlsSecret = volume.secret.secretName;
  m.note('config.tlsCertPath', `the Secret ${volume.secret.secretName} (keys tls.crt, tls.key) is mounted at /etc/headlamp/tls: podTlsSecret`,
    ['tls-cert-path', 'tls-key-path']);
  // The volume is podTlsSecret's now.
  v.volumes = (v.volumes ?? []).filter((x: { name: string }) => x.name !== mount.name);
  v.volumeMounts = (v.volumeMounts ?? []).filter((x: { name: string }) => x.name !== mount.name);
}

/** A Go duration of the values ('30s', '5m', '1h'). */
function goDuration(key: string, s: string | undefined) {
  if (!s) return undefined;
  const match = /^(\d+)(s|m|h)$/.exec(s);
  if (!match) refuse(`config.clusterInventory.${key}`, `expected a duration such as '30s', '5m' or '1h', got ${JSON.stringify(s)}`);
  return seconds(Number(match![1]) * { s: 1, m: 60, h: 3600 }[match![2] as 's' | 'm' | 'h']);
}

/** config.clusterInventory. */
export function clusterInventory(m: Migration): void {
  const inventory = m.config.clusterInventory ?? {};
  if (!inventory.enabled) return;
  if (nonEmpty(inventory.plugins)) {
    refuse('config.clusterInventory.plugins', 'access plugins are mounted as image volumes, a Kubernetes 1.33+ API outside the 1.28 API ' +
      'this library targets; use providers without execConfig, or mount the plugins yourself with volumes');
  }
  m.props.clusterInventory = {
    providers: inventory.accessProvidersConfig?.providers ?? [],
    labelSelector: inventory.labelSelector || undefined,
    namespaces: nonEmpty(inventory.namespaces) ? inventory.namespaces : undefined,
    rootReconcileInterval: goDuration('rootReconcileInterval', inventory.rootReconcileInterval),
    noCrdCacheTtl: goDuration('noCRDCacheTTL', inventory.noCRDCacheTTL),
  };
  m.note('config.clusterInventory', 'Headlamp\'s ServiceAccount has no RBAC here: grant it read access to ClusterProfiles (the chart\'s ' +
    'cluster-admin binding did) with a ClusterRole and binding of your own');
}
