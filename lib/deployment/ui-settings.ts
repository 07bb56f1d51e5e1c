// Headlamp's UI and operator settings (log level, themes, pod-debug and node-shell images, node shell namespace, app name, proxy URLs): their types and schemas, their flags, and the egress each proxy URL opens.
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { z } from 'zod';
import { OwnedFlag, PodContribution } from '../core/pod-contribution';
import { lazy, oneOf, pattern, str, uniqueList } from '../core/schema';
import { egressToHost } from './network-policy';

/**
 * How much Headlamp's backend logs (`-log-level`): every level zerolog's ParseLevel takes by name (backend/pkg/logger/
 * logger.go; zerolog v1.35 log.go). Headlamp falls back to `info` on any other value, so one is refused.
 */
export enum HeadlampLogLevel {
  /** Everything, traces of each request included. */
  TRACE = 'trace',
  /** Everything but traces, request details included. */
  DEBUG = 'debug',
  /** Start-up, configuration and notable events (Headlamp's default). */
  INFO = 'info',
  /** Only what may need attention. */
  WARN = 'warn',
  /** Only failures. */
  ERROR = 'error',
  /** Only failures that stop the server. */
  FATAL = 'fatal',
  /** Only panics. */
  PANIC = 'panic',
  /** Nothing at all. */
  DISABLED = 'disabled',
}

/**
 * The UI theme Headlamp picks (Headlamp v0.43+). A theme is named as the UI lists it: the built-in `Light`,
 * `Dark`, `Headlamp Classic`, `Lights Out` and `Monochrome Light` (frontend/src/components/App/defaultAppThemes.ts,
 * v0.45.0), or a theme a plugin registers.
 */
export interface HeadlampThemes {
  /**
   * Theme for browsers that prefer light mode (`-default-light-theme`); users may still pick another.
   * @default - Headlamp's own choice
   */
  readonly defaultLight?: string;
  /**
   * Theme for browsers that prefer dark mode (`-default-dark-theme`); users may still pick another.
   * @default - Headlamp's own choice
   */
  readonly defaultDark?: string;
  /**
   * One theme for everyone, the users' own choice switched off (`-force-theme`). Headlamp then ignores the two
   * defaults (backend/pkg/config/config.go, warnRedundantThemeDefaults), so they are refused beside it.
   * @default - users choose
   */
  readonly force?: string;
}

/** @internal The settings of this file, as HeadlampDeploymentProps names them. */
export interface UiSettingsProps {
  readonly logLevel?: HeadlampLogLevel;
  readonly themes?: HeadlampThemes;
  readonly podDebugImage?: string;
  readonly nodeShellImage?: string;
  readonly nodeShellNamespace?: string;
  readonly appName?: string;
  readonly proxyUrls?: string[];
}

/** One line of printable text: Headlamp refuses control characters in its app name (config.go, validateAppName). */
const oneLine = (expected: string) => pattern(/^[^\s\x00-\x1f\x7f](?:[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f])?$/, expected)
  .max(100, { error: `expected ${expected} of at most 100 characters` });

/** @internal The schema of a theme name. */
export const themeName = lazy(() => oneLine("a theme name such as 'Dark' or 'Headlamp Classic' (one line, no surrounding spaces)"));

/** @internal The schema of HeadlampThemes. */
export const themesSchema = lazy(() => z.strictObject({
  defaultLight: themeName().optional(),
  defaultDark: themeName().optional(),
  force: themeName().optional(),
}).refine((t) => !(t.force && (t.defaultLight || t.defaultDark)), {
  error: 'expected force alone: Headlamp ignores defaultLight and defaultDark while a theme is forced; drop them, or drop force',
}));

/** @internal The schema of HeadlampLogLevel. */
export const logLevelSchema = lazy(() => oneOf(HeadlampLogLevel, 'HeadlampLogLevel'));

/** @internal The schema of the app name (`-app-name`: the UI's title, and the User-Agent Headlamp sends to Kubernetes). */
export const appNameSchema = lazy(() => oneLine("an application name such as 'Platform Console' (one line, no surrounding spaces)"));

/**
 * An image reference: `[registry[:port]/]repository[:tag][@sha256:<64 hex>]` (the distribution reference grammar,
 * lower-case repository path).
 */
const IMAGE_REFERENCE = /^(?:(?:[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)+|localhost)(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(@sha256:[a-f0-9]{64})?$/;

/** A tag that names a version: digits with at least one dot (`1.37.0`, `v0.13`, `3.20.3-r0`), not a floating name. */
const VERSION_TAG = /^v?\d+(\.\d+)+([-+_.][A-Za-z0-9._-]+)?$/;

/**
 * @internal A pinned image: a digest, or a tag that names a version. `latest`, `stable`, a bare major (`1`) or no tag
 * at all change under you: what runs on a node in a privileged shell must be the image you reviewed.
 */
export const pinnedImage = lazy(() => {
  const expected = "a pinned image: a tag naming a version such as 'docker.io/library/busybox:1.37.0', or a digest " +
    "'...@sha256:<64 hex digits>' (a floating tag such as 'latest', or none, changes under you)";
  return str(expected).refine((ref) => {
    const [, tag, digest] = IMAGE_REFERENCE.exec(ref) ?? [];
    return !!digest || (!!tag && VERSION_TAG.test(tag));
  }, { error: `expected ${expected}` });
});

/**
 * A proxy URL pattern: `http(s)://host[:port]`, then nothing or a path. Headlamp matches the whole URL against it as a
 * glob (backend/cmd/headlamp.go, proxyURLAllowed, gobwas/glob: `*` also matches `/` and `.`), so glob characters are
 * allowed in the path only: `https://*` or `https://example.com*` would let Headlamp fetch from any host. Commas split
 * the flag's list.
 */
const PROXY_URL = /^(https?):\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[-A-Za-z0-9.]*[A-Za-z0-9])?)(?::(\d{1,5}))?(\/[^\s,]*)?$/;

/** @internal The schema of proxyUrls. */
export const proxyUrlsSchema = lazy(() => {
  const expected = "a URL pattern 'http(s)://<host>[:<port>]/<path>' such as 'https://prometheus.example.com/*': host and port " +
    "written out (glob characters only in the path; a '*' in the host would let Headlamp fetch from any host), no commas";
  const url = pattern(PROXY_URL, expected).refine((u) => {
    const port = PROXY_URL.exec(u)?.[3];
    return port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
  }, { error: `expected ${expected} (a port from 1 to 65535)` });
  return uniqueList(url, 'URL patterns').refine((xs) => xs.length > 0, { error: 'expected at least one URL pattern' });
});

/** @internal The host and TCP port a proxy URL pattern reaches (the scheme's port when none is written). */
export function proxyUrlTarget(url: string): { host: string; port: number } {
  const [, scheme, host, port] = PROXY_URL.exec(url)!;
  return { host, port: port ? Number(port) : scheme === 'https' ? 443 : 80 };
}

/**
 * @internal The flags of the UI and operator settings, each with its prop, and the egress the proxy URLs need: one
 * rule per host and port, as narrow as a NetworkPolicy can name it.
 */
export function uiSettings(p: UiSettingsProps): PodContribution {
  const flags: OwnedFlag[] = [];
  const add = (flag: OwnedFlag['flag'], value: string | undefined, prop: string) => {
    if (value !== undefined) flags.push({ flag, value, prop });
  };
  add('log-level', p.logLevel, 'props.logLevel');
  add('default-light-theme', p.themes?.defaultLight, 'props.themes.defaultLight');
  add('default-dark-theme', p.themes?.defaultDark, 'props.themes.defaultDark');
  add('force-theme', p.themes?.force, 'props.themes.force');
  add('pod-debug-image', p.podDebugImage, 'props.podDebugImage');
  add('node-shell-image', p.nodeShellImage, 'props.nodeShellImage');
  add('node-shell-namespace', p.nodeShellNamespace, 'props.nodeShellNamespace');
  add('app-name', p.appName, 'props.appName');
  add('proxy-urls', p.proxyUrls?.join(','), 'props.proxyUrls');
  const egress = new Map<string, k8s.NetworkPolicyEgressRule>();
  for (const url of p.proxyUrls ?? []) {
    const { host, port } = proxyUrlTarget(url);
    egress.set(`${host.toLowerCase()} ${port}`, egressToHost(host.toLowerCase(), port));
  }
  return { flags, egress: [...egress.values()] };
}
