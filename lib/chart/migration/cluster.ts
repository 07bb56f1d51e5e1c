// Migration of the server settings under config: context name, base URL, session TTL, plugins directory, flags, TLS in
// the pod, cluster inventory.
import { Duration } from 'cdk8s';
import { Migration, nonEmpty, refuse, ValuesKeys } from './context';
import { flagOf, OIDC_SETTINGS, OidcKey } from './oidc-settings';
import { coded } from './starting-point';
import { typedArg } from './typed-flags';

export const CLUSTER_KEYS: ValuesKeys = [
  ['props.extraArgs', 'config.extraArgs'],
  ['props.baseUrl', 'config.baseURL'],
  ['props.pluginsDir', 'config.pluginsDir'],
  ['props.inClusterContextName', 'config.inClusterContextName'],
  ['props.sessionTtl', 'config.sessionTTL'],
  ['props.clusterInventory.providers', 'config.clusterInventory.accessProvidersConfig.providers'],
  ['props.clusterInventory', 'config.clusterInventory'],
  ['props.podDebugImage', 'config.podDebugImage'],
  ['props.nodeShellImage', 'config.nodeShellImage'],
  ['props.nodeShellNamespace', 'config.nodeShellNamespace'],
];

/**
 * Headlamp flags the chart sets from a value (templates/deployment.yaml), but for the OIDC ones: the flag, the values
 * key.
 */
export const FLAG_VALUES: Readonly<Record<string, string>> = {
  'in-cluster': 'config.inCluster',
  'in-cluster-context-name': 'config.inClusterContextName',
  'base-url': 'config.baseURL',
  'plugins-dir': 'config.pluginsDir',
  'session-ttl': 'config.sessionTTL',
  'enable-helm': 'config.enableHelm',
  'tls-cert-path': 'config.tlsCertPath',
  'tls-key-path': 'config.tlsKeyPath',
  'unsafe-use-service-account-token': 'config.unsafeUseServiceAccountToken',
  'service-account-token-path': 'config.serviceAccountTokenPath',
  'enable-cluster-inventory': 'config.clusterInventory.enabled',
  'cluster-inventory-label-selector': 'config.clusterInventory.labelSelector',
  'cluster-inventory-namespaces': 'config.clusterInventory.namespaces',
  'cluster-inventory-root-reconcile-interval': 'config.clusterInventory.rootReconcileInterval',
  'cluster-inventory-no-crd-cache-ttl': 'config.clusterInventory.noCRDCacheTTL',
};

/**
 * The values key the chart sets a Headlamp flag from, for a flag that cdk8s-headlamp sets itself (so an extra arg
 * or a `HEADLAMP_CONFIG_*` env var for it is refused, naming the value to use); undefined for any other flag.
 */
export function valuesKeyOfFlag(flag: string): string | undefined {
  const oidc = (Object.keys(OIDC_SETTINGS) as OidcKey[]).find((k) => flagOf(k) === flag);
  return oidc ? `config.oidc.${oidc}` : FLAG_VALUES[flag];
}

/**
 * Keys whose chart default renders a flag: given as `null`, helm deletes the key and the chart passes no flag;
 * here the chart's default applies, and a note says so.
 */
const NULL_DEFAULTS: ReadonlyArray<readonly [key: string, flag: string, used: string]> = [
  ['config.inCluster', 'in-cluster', 'in-cluster mode (without the flag Headlamp would show no cluster)'],
  ['config.inClusterContextName', 'in-cluster-context-name', 'main'],
  ['config.sessionTTL', 'session-ttl', "86400 (Headlamp's own default too)"],
  ['config.pluginsDir', 'plugins-dir', '/headlamp/plugins'],
];

/** config values that are props of the same name (-pod-debug-image, -node-shell-image, -node-shell-namespace). */
const SAME_NAME = ['podDebugImage', 'nodeShellImage', 'nodeShellNamespace'] as const;
const seconds = (n: number) => coded(Duration.seconds(n), `Duration.seconds(${n})`);

/**
 * config.inClusterContextName, baseURL, sessionTTL, pluginsDir, enableHelm, watchPlugins, podDebugImage,
 * nodeShellImage, nodeShellNamespace, extraArgs.
 */
export function serverSettings(m: Migration): void {
  const { config, props } = m;
  props.inClusterContextName = config.inClusterContextName || 'main';
  if (config.inClusterContextName === '') {
    m.note(
      'config.inClusterContextName',
      "set to main (the library's default): for an empty value the chart passes no -in-cluster-context-name",
      ['in-cluster-context-name'],
    );
  }
  if (config.baseURL) props.baseUrl = config.baseURL;
  props.sessionTtl = seconds(config.sessionTTL ?? 86400);
  props.pluginsDir = config.pluginsDir || '/headlamp/plugins';
  if (config.enableHelm) props.enableHelm = true;
  const extraArgs = (config.extraArgs ?? [])
    .map((arg: string, i: number) => extraArg(m, arg, i))
    .filter((a: string | undefined): a is string => a !== undefined);
  if (config.watchPlugins) extraArgs.push('-watch-plugins-changes');
  for (const key of SAME_NAME) {
    if (config[key]) props[key] = config[key];
  }
  if (extraArgs.length) props.extraArgs = extraArgs;
  for (const [key, flag, used] of NULL_DEFAULTS) {
    if (m.nulls.includes(key))
      m.note(key, `null: ${used}, the chart's default; helm deletes a null value, so the chart passes no -${flag}`, [
        flag,
      ]);
  }
}

/**
 * An extra arg as Headlamp's Go flags read it: `--flag` is `-flag` (the library writes one dash). A flag the library
 * types is carried onto its option (undefined: no extra arg left); another flag the chart has a value for is refused,
 * naming the value (its value is never echoed: it may be a secret).
 */
function extraArg(m: Migration, arg: string, i: number): string | undefined {
  const [, name, value] = /^--?([^=]+)(?:=(.*))?$/s.exec(arg) ?? [];
  if (name && typedArg(m, name, value, `config.extraArgs[${i}]`)) return undefined;
  const key = name && valuesKeyOfFlag(name);
  if (key)
    refuse(`config.extraArgs[${i}]`, `-${name} is set from ${key} here; use ${key} and remove config.extraArgs[${i}]`);
  if (!arg.startsWith('--')) return arg;
  m.note(
    `config.extraArgs[${i}]`,
    `${arg.split('=')[0]} passed as ${arg.split('=')[0].slice(1)}: Headlamp's Go flags read both, the library ` +
      `writes one dash`,
  );
  return arg.slice(1);
}

/**
 * config.tlsCertPath, tlsKeyPath: TLS inside the pod; the chart's paths must come from a Secret volume the values
 * mount.
 */
export function podTls(m: Migration): void {
  const { v, config } = m;
  if (!config.tlsCertPath && !config.tlsKeyPath) return;
  const dir = String(config.tlsCertPath ?? config.tlsKeyPath).replace(/\/[^/]*$/, '');
  const mount = (v.volumeMounts ?? []).find((x: { mountPath?: string }) => x.mountPath?.replace(/\/$/, '') === dir);
  const volume =
    mount &&
    (v.volumes ?? []).find((x: { name: string; secret?: { secretName: string } }) => x.name === mount.name && x.secret);
  if (!volume)
    refuse('config.tlsCertPath', 'expected the certificate and key from a Secret volume mounted at their directory');
  m.props.podTlsSecret = volume.secret.secretName;
  m.note(
    'config.tlsCertPath',
    `the Secret ${volume.secret.secretName} (keys tls.crt, tls.key) is mounted at /etc/headlamp/tls: podTlsSecret`,
    ['tls-cert-path', 'tls-key-path'],
  );
  // The volume is podTlsSecret's now (v is the migration's own copy of the values: the caller's are never changed).
  v.volumes = (v.volumes ?? []).filter((x: { name: string }) => x.name !== mount.name);
  v.volumeMounts = (v.volumeMounts ?? []).filter((x: { name: string }) => x.name !== mount.name);
}

/** A Go duration of the values ('30s', '5m', '1h'). */
function goDuration(key: string, s: string | undefined) {
  if (!s) return undefined;
  const match = /^(\d+)(s|m|h)$/.exec(s);
  if (!match)
    refuse(
      `config.clusterInventory.${key}`,
      `expected a duration such as '30s', '5m' or '1h', got ${JSON.stringify(s)}`,
    );
  return seconds(Number(match![1]) * { s: 1, m: 60, h: 3600 }[match![2] as 's' | 'm' | 'h']);
}

/** config.clusterInventory. */
export function clusterInventory(m: Migration): void {
  const inventory = m.config.clusterInventory ?? {};
  if (!inventory.enabled) return;
  if (nonEmpty(inventory.plugins)) {
    refuse(
      'config.clusterInventory.plugins',
      'access plugins are mounted as image volumes, a Kubernetes 1.33+ API outside the 1.28 API ' +
        'this library targets; use providers without execConfig, or mount the plugins yourself with volumes',
    );
  }
  m.props.clusterInventory = {
    providers: inventory.accessProvidersConfig?.providers ?? [],
    labelSelector: inventory.labelSelector || undefined,
    namespaces: nonEmpty(inventory.namespaces) ? inventory.namespaces : undefined,
    rootReconcileInterval: goDuration('rootReconcileInterval', inventory.rootReconcileInterval),
    noCrdCacheTtl: goDuration('noCRDCacheTTL', inventory.noCRDCacheTTL),
  };
  m.note(
    'config.clusterInventory',
    "Headlamp's ServiceAccount has no RBAC here: grant it read access to ClusterProfiles (the chart's " +
      'cluster-admin binding did) with a ClusterRole and binding of your own',
  );
}
