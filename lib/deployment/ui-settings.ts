// Headlamp's UI and operator settings (log level, themes, pod-debug and node-shell images, node shell namespace, app
// name, proxy URLs): their types and schemas, their flags, and the egress each proxy URL opens.
import { isIPv4 } from 'node:net';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { fail } from '../core/errors';
import { HEADLAMP_PORT, isOlder } from '../core/headlamp-flags';
import { OwnedFlag, PodContribution } from '../core/pod-contribution';
import { lazy, oneOf, pattern, str, uniqueList } from '../core/schema';
import { addressProblem, reservedAddress } from './addresses';
import { namesFullVersion, ResolvedImage } from './image';
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

/**
 * One line of printable text, at most 100 characters: no control character (C0, DEL, C1 such as U+0085) and no Unicode
 * line or paragraph separator (U+2028, U+2029), no surrounding spaces. Headlamp refuses C0 controls but tab and DEL in
 * its app name (config.go, validateAppName); the rest would break a log line or a header.
 */
const oneLine = (expected: string) =>
  str(expected)
    .refine((v) => !/[\p{Cc}\p{Zl}\p{Zp}]/u.test(v) && v.trim() === v, { error: `expected ${expected}` })
    .max(100, { error: `expected ${expected} of at most 100 characters` });

/**
 * Theme names built into Headlamp v0.45.0 (frontend/src/components/App/defaultAppThemes.ts), spelled as it matches
 * them.
 */
const BUILT_IN_THEMES = ['Light', 'Dark', 'Headlamp Classic', 'Lights Out', 'Monochrome Light'];

/**
 * A theme name: a built-in one spelled exactly (Headlamp compares names as written, so `headlamp classic` falls back to
 * its default), or a plugin's theme, which matches no built-in name in any spelling.
 */
const theme = (expected: string) =>
  oneLine(expected).superRefine((name, ctx) => {
    const squash = (s: string) => s.toLowerCase().replace(/\s+/g, '');
    const near = BUILT_IN_THEMES.find((b) => b !== name && squash(b) === squash(name));
    if (near) {
      const message =
        `expected the built-in theme spelled as Headlamp names it, ${JSON.stringify(near)} (it ` +
        `compares names exactly)`;
      ctx.addIssue({ code: 'custom', message });
    }
  });

/** @internal The schema of a theme name. */
export const themeName = lazy(() =>
  theme("a theme name such as 'Dark' or 'Headlamp Classic' (one line, no surrounding spaces)"),
);

/** @internal The schema of HeadlampThemes. */
export const themesSchema = lazy(() =>
  z
    .strictObject({
      defaultLight: themeName().optional(),
      defaultDark: themeName().optional(),
      force: themeName().optional(),
    })
    .refine((t) => !(t.force && (t.defaultLight || t.defaultDark)), {
      error:
        'expected force alone: Headlamp ignores defaultLight and defaultDark while a theme is forced; drop them, ' +
        'or drop force',
    }),
);

/** @internal The schema of HeadlampLogLevel. */
export const logLevelSchema = lazy(() => oneOf(HeadlampLogLevel, 'HeadlampLogLevel'));

/**
 * @internal The schema of the app name (`-app-name`: v0.45 uses it in its version output and the User-Agent it sends to
 * Kubernetes).
 */
export const appNameSchema = lazy(() =>
  oneLine("an application name such as 'Platform Console' (one line, no surrounding spaces)"),
);

/**
 * An image reference: `[registry[:port]/]repository[:tag][@sha256:<64 hex>]` (the distribution reference grammar,
 * lower-case repository path).
 */
const IMAGE_REFERENCE = new RegExp(
  String.raw`^(?:(?:[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)+|localhost)(?::\d+)?\/)?[a-z0-9]+` +
    String.raw`(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*` +
    String.raw`(?::([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(@sha256:[a-f0-9]{64})?$`,
);

/**
 * @internal A pinned image: a digest, or a tag that names a version. `latest`, `stable`, a bare major (`1`) or no tag
 * at all change under you: what runs on a node in a privileged shell must be the image you reviewed.
 */
export const pinnedImage = lazy(() => {
  const expected =
    "a pinned image: a tag naming a full version such as 'docker.io/library/busybox:1.37.0', or a digest " +
    "'...@sha256:<64 hex digits>' (a floating tag such as 'latest', a major or minor such as '3.20', or none, " +
    'changes under you)';
  return str(expected).refine(
    (ref) => {
      const [, tag, digest] = IMAGE_REFERENCE.exec(ref) ?? [];
      return !!digest || (!!tag && namesFullVersion(tag));
    },
    { error: `expected ${expected}` },
  );
});

/**
 * A proxy URL pattern: `http(s)://host[:port]`, then nothing or a path. Headlamp matches the whole URL against it as a
 * glob (backend/cmd/headlamp.go, proxyURLAllowed, gobwas/glob: `*` also matches `/` and `.`), so glob characters are
 * allowed in the path only: `https://*` or `https://example.com*` would let Headlamp fetch from any host. Commas split
 * the flag's list.
 */
const PROXY_URL =
  /^(https?):\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[-A-Za-z0-9.]*[A-Za-z0-9])?)(?::(\d{1,5}))?(\/[^\s,]*)?$/;

/**
 * Why a proxy URL pattern is refused, or undefined (one PROXY_URL does not match is refused by the pattern). Headlamp
 * fetches whatever a signed-in user's browser names under an allowed pattern, from inside the pod
 * (backend/cmd/headlamp.go, externalProxyHandler): a pattern for the pod itself, the node's metadata service or the API
 * server would hand them to anyone who can sign in. Headlamp compiles each pattern with gobwas/glob (v0.2.3), which
 * reads `[`, `]`, `{`, `}` and `\` as syntax: a pattern that does not compile (an unclosed `[`) fails every proxy
 * request, so they are refused in the path.
 */
function proxyUrlProblem(url: string): string | undefined {
  const [, , host, , path] = PROXY_URL.exec(url) ?? [];
  if (host === undefined) return undefined;
  const invalid = addressProblem(host);
  if (invalid) return `expected a URL pattern whose host is a DNS name or an IP address, not ${invalid}`;
  const reserved = reservedAddress(host);
  if (reserved) {
    return (
      `expected a URL pattern for a plugin's back end, not one that reaches ${reserved}: Headlamp would fetch ` +
      'it for anyone who can sign in (server-side request forgery)'
    );
  }
  if (/[[\]{}\\]/.test(path ?? '')) {
    return (
      "expected a path glob of '*' and '?' only: Headlamp compiles the pattern with gobwas/glob, which reads " +
      "'[', ']', '{', '}' and '\\' as syntax (an unclosed '[' does not compile, and then every proxy request fails)"
    );
  }
  return undefined;
}

/** @internal The schema of proxyUrls. */
export const proxyUrlsSchema = lazy(() => {
  const expected =
    "a URL pattern 'http(s)://<host>[:<port>]/<path>' such as 'https://prometheus.example.com/*': host and port " +
    "written out (glob characters only in the path; a '*' in the host would let Headlamp fetch from any host), " +
    'no commas';
  const url = pattern(PROXY_URL, expected)
    .refine(
      (u) => {
        const port = PROXY_URL.exec(u)?.[3];
        return port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
      },
      { error: `expected ${expected} (a port from 1 to 65535)`, abort: true },
    )
    .superRefine((u, ctx) => {
      const problem = proxyUrlProblem(u);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
  return uniqueList(url, 'URL patterns').refine((xs) => xs.length > 0, { error: 'expected at least one URL pattern' });
});

/**
 * @internal A proxy URL pattern as Headlamp's glob must read it: the brackets of an IPv6 host escaped (`\[fd00::1\]`),
 * since unescaped they are a character class and the pattern would match no URL.
 */
export function proxyUrlGlob(url: string): string {
  return url.replace(/^(https?:\/\/)\[([0-9a-fA-F:.]+)\]/, '$1\\[$2\\]');
}

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
  add('proxy-urls', p.proxyUrls?.map(proxyUrlGlob).join(','), 'props.proxyUrls');
  const egress = new Map<string, k8s.NetworkPolicyEgressRule>();
  for (const url of p.proxyUrls ?? []) {
    const { host, port } = proxyUrlTarget(url);
    egress.set(`${host.toLowerCase()} ${port}`, egressToHost(host.toLowerCase(), port));
  }
  return { flags, egress: [...egress.values()] };
}

/**
 * First release that enforces the proxy-URL list: before v0.22.0 Headlamp wrote a 400 for a URL outside it and then
 * proxied the request anyway (backend/cmd/headlamp.go, v0.21.0: no `return` after `http.Error`).
 */
export const PROXY_URLS_ENFORCED_SINCE = '0.22.0';

/** @internal What the proxy URLs are checked against: Headlamp's own Service, its image, the API server's addresses. */
export interface ProxyUrlContext {
  readonly serviceName: string;
  readonly namespace: string;
  readonly image: ResolvedImage;
  readonly apiServerCidrs?: readonly string[];
}

/** Whether IPv4 address `ip` lies in IPv4 CIDR `cidr`. */
function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const n = (a: string) => a.split('.').reduce((x, o) => x * 256 + Number(o), 0);
  const size = 2 ** (32 - Number(bits ?? 32));
  return isIPv4(ip) && isIPv4(base) && Math.floor(n(ip) / size) === Math.floor(n(base) / size);
}

/**
 * @internal Refuses proxy URLs that reach this Headlamp itself (its Service by any in-cluster name, or Headlamp's
 * port 4466 on any host: a signed-in user could read `/metrics` through it), an API server address named in
 * `networkPolicy.apiServerCidrs`, and an image older than {@link PROXY_URLS_ENFORCED_SINCE}.
 */
export function refuseProxyUrlsAround(
  scope: Construct,
  constructType: string,
  urls: readonly string[] | undefined,
  c: ProxyUrlContext,
): void {
  if (!urls) return;
  if (isOlder(c.image.version, PROXY_URLS_ENFORCED_SINCE)) {
    fail(
      scope,
      constructType,
      'props.proxyUrls',
      `needs Headlamp v${PROXY_URLS_ENFORCED_SINCE} or later (older releases ` +
        'answer 400 to a URL outside the list and then proxy it anyway), got image tag ' +
        `${c.image.tag}; raise props.image.tag or drop proxyUrls`,
    );
  }
  const own = new RegExp(`^${c.serviceName}(\\.${c.namespace}(\\.svc(\\.cluster\\.local)?)?)?\\.?$`, 'i');
  urls.forEach((url, i) => {
    const { host, port } = proxyUrlTarget(url);
    const what = own.test(host)
      ? `this HeadlampDeployment's own Service (${c.serviceName}.${c.namespace})`
      : port === HEADLAMP_PORT
        ? `Headlamp's own port ${HEADLAMP_PORT}`
        : c.apiServerCidrs?.some((cidr) => inCidr(host, cidr))
          ? "the cluster's API server (props.networkPolicy.apiServerCidrs)"
          : undefined;
    if (what) {
      fail(
        scope,
        constructType,
        `props.proxyUrls[${i}]`,
        "expected a URL pattern for a plugin's back end, not one that " +
          `reaches ${what}: Headlamp would fetch it for anyone who can sign in, got ${JSON.stringify(url)}`,
      );
    }
  });
}
