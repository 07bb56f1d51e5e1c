/**
 * The Headlamp server's command-line flags (backend/pkg/config/config.go, v0.45.0): the single source
 * for flag names and the release that introduced each one. An unknown flag stops the server, so a flag
 * is only emitted when the pinned image knows it.
 */
import { HEADLAMP_SETTINGS } from './headlamp-settings';

/** Headlamp version the library pins by default (image tag `v0.45.0`). */
export const HEADLAMP_VERSION = '0.45.0';

/** `major.minor` of {@link HEADLAMP_VERSION} (`0.45`): the official chart's release line the migration reads. */
export const HEADLAMP_MINOR = HEADLAMP_VERSION.replace(/\.\d+$/, '');

/** Port the Headlamp server listens on (`-port`). */
export const HEADLAMP_PORT = 4466;

/** Name of the container port and Service port. */
export const HEADLAMP_PORT_NAME = 'http';

/**
 * Flag name -> first Headlamp release whose flag set defines it, from the registry (headlamp-settings.ts): the first
 * `.0` tag of backend/pkg/config/config.go (before v0.13.0 backend/cmd/server.go), scanned at every tag from v0.1.0 to
 * v0.45.0; no patch release from v0.20 to v0.45 adds a flag. An older image exits at start on the flag. Every flag of
 * the pinned release is listed, so extra arguments are checked against the same table.
 */
const FLAG_SINCE = Object.fromEntries(HEADLAMP_SETTINGS.map((e) => [e.flag, e.since])) as Readonly<
  Record<HeadlampFlag, string>
>;

/**
 * First release that reads `HEADLAMP_CONFIG_<FLAG>` env vars (v0.13.0 added koanf's env provider to
 * backend/pkg/config/config.go): a flag passed through its env var needs this release as well as its own.
 */
export const ENV_CONFIG_SINCE = '0.13.0';

/** A Headlamp server flag name, without the leading dash. */
export type HeadlampFlag = (typeof HEADLAMP_SETTINGS)[number]['flag'];

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
  return name.startsWith(FLAG_ENV_PREFIX)
    ? name.slice(FLAG_ENV_PREFIX.length).toLowerCase().replace(/_/g, '-')
    : undefined;
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
    return (
      `-${f.flag} needs Headlamp v${since} or later, got image tag ${tag}; raise props.image.tag or drop ` +
      `the option`
    );
  }
  if (f.viaEnv && isOlder(version, ENV_CONFIG_SINCE)) {
    return (
      `${flagEnvName(f.flag)} (-${f.flag} read from the environment) needs Headlamp v${ENV_CONFIG_SINCE} or later ` +
      `(older images read no HEADLAMP_CONFIG_* variables, so the setting would be ignored), got image tag ${tag}; ` +
      `raise props.image.tag`
    );
  }
  return undefined;
}

/**
 * Parses `v0.45.0` / `0.45.0` (ignoring suffixes such as `-rc1`) into numbers, `v0.44` as its earliest `0.44.0`, or
 * undefined.
 */
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
