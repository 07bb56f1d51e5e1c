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

/** Flag name -> first Headlamp release that accepts it. */
const FLAG_SINCE = {
  'in-cluster': '0.1.0',
  'in-cluster-context-name': '0.40.0',
  'base-url': '0.1.0',
  'plugins-dir': '0.1.0',
  'watch-plugins-changes': '0.1.0',
  'port': '0.1.0',
  'session-ttl': '0.41.0',
  'enable-helm': '0.1.0',
  'enable-dynamic-clusters': '0.1.0',
  'kubeconfig': '0.1.0',
  'tls-cert-path': '0.36.0',
  'tls-key-path': '0.36.0',
  'oidc-client-id': '0.1.0',
  // Passed as HEADLAMP_CONFIG_OIDC_CLIENT_SECRET (backend/pkg/config/config.go reads HEADLAMP_CONFIG_* since v0.13.0).
  'oidc-client-secret': '0.13.0',
  'oidc-idp-issuer-url': '0.1.0',
  'oidc-scopes': '0.1.0',
  'oidc-callback-url': '0.1.0',
  'oidc-validator-client-id': '0.1.0',
  'oidc-validator-idp-issuer-url': '0.1.0',
  'oidc-use-access-token': '0.1.0',
  'oidc-use-pkce': '0.37.0',
  'oidc-use-cookie': '0.41.0',
  'oidc-skip-tls-verify': '0.1.0',
  'oidc-ca-file': '0.1.0',
  'me-user-info-url': '0.37.0',
  'me-username-path': '0.37.0',
  'me-email-path': '0.37.0',
  'me-groups-path': '0.37.0',
  'proxy-auth': '0.43.0',
  'proxy-auth-username-header': '0.43.0',
  'proxy-auth-group-header': '0.43.0',
  'proxy-auth-email-header': '0.43.0',
  'proxy-auth-token-header': '0.43.0',
  'unsafe-use-service-account-token': '0.43.0',
  'enable-cluster-inventory': '0.43.0',
  'cluster-inventory-provider-file': '0.43.0',
  'cluster-inventory-label-selector': '0.43.0',
  'cluster-inventory-namespaces': '0.43.0',
  'cluster-inventory-root-reconcile-interval': '0.43.0',
  'cluster-inventory-no-crd-cache-ttl': '0.43.0',
  'service-account-token-path': '0.43.0',
} as const;

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

/** The env var Headlamp reads a flag from (backend/pkg/config/config.go, loadConfigFromEnv). */
export function flagEnvName(flag: HeadlampFlag): string {
  return `HEADLAMP_CONFIG_${flag.toUpperCase().replace(/-/g, '_')}`;
}

/** Renders a flag the way the Go server parses it: one dash, `-name` or `-name=value`. */
export function renderFlag({ flag, value }: FlagValue): string {
  return value === true ? `-${flag}` : `-${flag}=${value}`;
}

/** The first Headlamp version that accepts `flag`. */
export function flagSince(flag: HeadlampFlag): string {
  return FLAG_SINCE[flag];
}

/** Parses `v0.45.0` / `0.45.0` (ignoring suffixes such as `-rc1`) into numbers, or undefined. */
export function parseVersion(tag: string): [number, number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(tag);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** True when version `a` is older than `b` (both `x.y.z`). */
export function isOlder(a: [number, number, number], b: string): boolean {
  const bv = parseVersion(b)!;
  for (let i = 0; i < 3; i++) {
    if (a[i] !== bv[i]) return a[i] < bv[i];
  }
  return false;
}
