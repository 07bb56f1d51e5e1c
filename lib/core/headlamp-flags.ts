/**
 * The Headlamp server's command-line flags (backend/pkg/config/config.go, v0.45.0): the single source
 * for flag names and the release that introduced each one. An unknown flag stops the server, so a flag
 * is only emitted when the pinned image knows it.
 */

/** Headlamp version the library pins by default (image tag `v0.45.0`). */
export const HEADLAMP_VERSION = '0.45.0';

/** Port the Headlamp server listens on (`-port`). */
export const HEADLAMP_PORT = 4466;

/** Name of the container port and Service port. */
export const HEADLAMP_PORT_NAME = 'http';

/**
 * Flag name -> first Headlamp release whose flag set defines it: the first `.0` tag of backend/pkg/config/config.go
 * (before v0.13.0 backend/cmd/server.go), scanned at every tag from v0.1.0 to v0.45.0; no patch release from v0.20
 * to v0.45 adds a flag. An older image exits at start on the flag. Every flag of v0.45.0 is listed, so extra
 * arguments can be checked against the same table.
 */
const FLAG_SINCE = {
  'dev': '0.1.0',
  'html-static-dir': '0.1.0',
  'in-cluster': '0.1.0',
  'insecure-ssl': '0.1.0',
  'kubeconfig': '0.1.0',
  'oidc-client-id': '0.1.0',
  'oidc-client-secret': '0.1.0',
  'oidc-idp-issuer-url': '0.1.0',
  'plugins-dir': '0.1.0',
  'port': '0.1.0',
  'base-url': '0.3.0',
  'oidc-scopes': '0.3.0',
  'proxy-urls': '0.12.0',
  'enable-dynamic-clusters': '0.23.0',
  'listen-addr': '0.29.0',
  'metrics-enabled': '0.31.0',
  'oidc-use-access-token': '0.31.0',
  'oidc-validator-client-id': '0.31.0',
  'oidc-validator-idp-issuer-url': '0.31.0',
  'otlp-endpoint': '0.31.0',
  'service-name': '0.31.0',
  'service-version': '0.31.0',
  'skipped-kube-contexts': '0.31.0',
  'stdout-trace-enabled': '0.31.0',
  'tracing-enabled': '0.31.0',
  'use-otlp-http': '0.31.0',
  'watch-plugins-changes': '0.31.0',
  'cache-enabled': '0.35.0',
  'oidc-ca-file': '0.35.0',
  'oidc-callback-url': '0.35.0',
  'oidc-skip-tls-verify': '0.35.0',
  'tls-cert-path': '0.36.0',
  'tls-key-path': '0.36.0',
  'enable-helm': '0.37.0',
  'me-email-path': '0.37.0',
  'me-groups-path': '0.37.0',
  'me-user-info-url': '0.37.0',
  'me-username-path': '0.37.0',
  'oidc-use-pkce': '0.37.0',
  'version': '0.37.0',
  'user-plugins-dir': '0.38.0',
  'no-browser': '0.39.0',
  'in-cluster-context-name': '0.40.0',
  'log-level': '0.40.0',
  'allow-kubeconfig-changes': '0.41.0',
  'oidc-use-cookie': '0.41.0',
  'session-ttl': '0.41.0',
  'cluster-inventory-label-selector': '0.43.0',
  'cluster-inventory-no-crd-cache-ttl': '0.43.0',
  'cluster-inventory-provider-file': '0.43.0',
  'cluster-inventory-root-reconcile-interval': '0.43.0',
  'default-dark-theme': '0.43.0',
  'default-light-theme': '0.43.0',
  'enable-cluster-inventory': '0.43.0',
  'force-theme': '0.43.0',
  'pod-debug-image': '0.43.0',
  'proxy-auth': '0.43.0',
  'proxy-auth-email-header': '0.43.0',
  'proxy-auth-group-header': '0.43.0',
  'proxy-auth-token-header': '0.43.0',
  'proxy-auth-username-header': '0.43.0',
  'service-account-token-path': '0.43.0',
  'unsafe-use-service-account-token': '0.43.0',
  'node-shell-image': '0.44.0',
  'node-shell-namespace': '0.44.0',
  'app-name': '0.45.0',
  'cluster-inventory-namespaces': '0.45.0',
  'kubeconfig-dir': '0.45.0',
} as const;

/**
 * First release that reads `HEADLAMP_CONFIG_<FLAG>` env vars (v0.13.0 added koanf's env provider to
 * backend/pkg/config/config.go): a flag passed through its env var needs this release as well as its own.
 */
export const ENV_CONFIG_SINCE = '0.13.0';

/** A Headlamp server flag name, without the leading dash. */
export type HeadlampFlag = keyof typeof FLAG_SINCE;

/** One flag and its value; `true` renders as the bare flag. */
export interface FlagValue {
  readonly flag: HeadlampFlag;
  readonly value: string | number | boolean;
  /**
   * Set through its `HEADLAMP_CONFIG_<FLAG>` env var (a Secret reference) instead of the command line, where
   * every process on the node could read it; still version-gated and owned (refused in extraArgs).
   */
  readonly viaEnv?: boolean;
}

/**
 * Prefix of the env vars Headlamp reads as flags. koanf's env provider (v1.5.0) matches it case-sensitively; the rest
 * of the name is lower-cased and every `_` becomes `-` (backend/pkg/config/config.go, loadConfigFromEnv).
 */
export const FLAG_ENV_PREFIX = 'HEADLAMP_CONFIG_';

/** The env var Headlamp reads a flag from (backend/pkg/config/config.go, loadConfigFromEnv). */
export function flagEnvName(flag: HeadlampFlag): string {
  return `${FLAG_ENV_PREFIX}${flag.toUpperCase().replace(/-/g, '_')}`;
}

/**
 * The flag name Headlamp reads from env var `name`, or undefined when it reads none: as koanf does, the prefix must
 * match exactly, and `HEADLAMP_CONFIG_Oidc_Client_Id` or `HEADLAMP_CONFIG_OIDC-CLIENT-ID` both set `-oidc-client-id`.
 */
export function flagOfEnvName(name: string): string | undefined {
  return name.startsWith(FLAG_ENV_PREFIX) ? name.slice(FLAG_ENV_PREFIX.length).toLowerCase().replace(/_/g, '-') : undefined;
}

/**
 * Whether env vars named `prefix` + a key could be read as flags (an `envFrom` prefix): the prefix starts with
 * {@link FLAG_ENV_PREFIX} or is a start of it (`HEADLAMP_`, plus a key `CONFIG_PROXY_AUTH`). Without a prefix the
 * keys alone decide, which only the cluster knows.
 */
export function envPrefixReachesFlags(prefix: string): boolean {
  return prefix.length > 0 && (prefix.startsWith(FLAG_ENV_PREFIX) || FLAG_ENV_PREFIX.startsWith(prefix));
}

/** Renders a flag the way the Go server parses it: one dash, `-name` or `-name=value`. */
export function renderFlag({ flag, value }: FlagValue): string {
  return value === true ? `-${flag}` : `-${flag}=${value}`;
}

/** The first Headlamp version that accepts `flag` on its command line. */
export function flagSince(flag: HeadlampFlag): string {
  return FLAG_SINCE[flag];
}

/** @internal The whole table (flag -> first release), for tests that hold it against the upstream facts. */
export function flagTable(): Readonly<Record<HeadlampFlag, string>> {
  return FLAG_SINCE;
}

/**
 * Why an image of `version` (pinned as `tag`) cannot take `f`, or undefined: the flag is newer than the image, or it
 * is passed as its `HEADLAMP_CONFIG_*` env var and the image reads none. The one version rule for every flag.
 */
export function flagVersionProblem(f: FlagValue, version: [number, number, number], tag: string): string | undefined {
  const since = flagSince(f.flag);
  if (isOlder(version, since)) {
    return `-${f.flag} needs Headlamp v${since} or later, got image tag ${tag}; raise props.image.tag or drop the option`;
  }
  if (f.viaEnv && isOlder(version, ENV_CONFIG_SINCE)) {
    return `${flagEnvName(f.flag)} (-${f.flag} read from the environment) needs Headlamp v${ENV_CONFIG_SINCE} or later ` +
      `(older images read no HEADLAMP_CONFIG_* variables, so the setting would be ignored), got image tag ${tag}; raise props.image.tag`;
  }
  return undefined;
}

/** Parses `v0.45.0` / `0.45.0` (ignoring suffixes such as `-rc1`) into numbers, `v0.44` as its earliest `0.44.0`, or undefined. */
export function parseVersion(tag: string): [number, number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?![\d.])/.exec(tag);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

/** True when version `a` is older than `b` (both `x.y.z`). */
export function isOlder(a: [number, number, number], b: string): boolean {
  const bv = parseVersion(b)!;
  for (let i = 0; i < 3; i++) {
    if (a[i] !== bv[i]) return a[i] < bv[i];
  }
  return false;
}
