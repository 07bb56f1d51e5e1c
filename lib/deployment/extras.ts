// The user's own additions to the pod (extraArgs, extraEnv, extraEnvVars, extraEnvFrom, extraVolumes, extraVolumeMounts, initContainers, extraContainers), and the refusal of flags a prop owns or that change whom Headlamp trusts.
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { fail } from '../core/errors';
import { envPrefixReachesFlags, FLAG_ENV_PREFIX, flagOfEnvName } from '../core/headlamp-flags';
import { PodContribution } from '../core/pod-contribution';
import { HeadlampDeploymentProps } from './headlamp-deployment-props';
import { plainVolume } from './plain-values';

/**
 * @internal The user's arguments and env of the Headlamp container (before the login's env). Refuses an argument
 * (`-flag` or `--flag`: Go's flag package reads both), a `HEADLAMP_CONFIG_*` env var, or an `envFrom` prefix that
 * sets a flag a prop owns or that changes whom Headlamp trusts.
 */
export function extraSettings(scope: Construct, constructType: string, p: HeadlampDeploymentProps): PodContribution {
  (p.extraArgs ?? []).forEach((arg, i) => {
    // Only the flag name is echoed: its value may be a secret (-oidc-client-secret=...).
    const name = arg.replace(/^--?/, '').split('=')[0];
    const problem = ownedFlagProblem(name, 'extraArgs');
    if (problem) fail(scope, constructType, `props.extraArgs[${i}]`, problem);
  });
  const extraEnv = Object.entries(p.extraEnv ?? {});
  const extraEnvVars = p.extraEnvVars ?? [];
  refuseOwnedFlagEnv(scope, constructType, extraEnv.map(([name]) => name), 'props.extraEnv');
  refuseOwnedFlagEnv(scope, constructType, extraEnvVars.map((e) => e.name), 'props.extraEnvVars');
  (p.extraEnvFrom ?? []).forEach((source, i) => refuseFlagEnvPrefix(scope, constructType, source, `props.extraEnvFrom[${i}]`));
  return {
    args: p.extraArgs,
    env: [
      ...extraEnv.map(([name, value]) => ({ prop: `props.extraEnv.${name}`, value: { name, value } })),
      ...extraEnvVars.map((value, i) => ({ prop: `props.extraEnvVars[${i}]`, value })),
    ],
    envFrom: p.extraEnvFrom,
  };
}

/** @internal The user's volumes, Headlamp mounts, init containers, sidecars and pod annotations (after everything the library adds). */
export function extraPodParts(p: HeadlampDeploymentProps): PodContribution {
  const owned = <T>(items: T[] | undefined, prop: string) => (items ?? []).map((value, i) => ({ prop: `${prop}[${i}]`, value }));
  return {
    podAnnotations: Object.entries(p.podAnnotations ?? {}).map(([key, value]) => ({ prop: `props.podAnnotations['${key}']`, value: [key, value] as const })),
    volumes: owned((p.extraVolumes ?? []).map((v) => plainVolume(v)), 'props.extraVolumes'),
    volumeMounts: owned(p.extraVolumeMounts, 'props.extraVolumeMounts'),
    initContainers: owned(p.initContainers, 'props.initContainers'),
    sidecars: owned(p.extraContainers, 'props.extraContainers'),
  };
}

/**
 * Flags a prop owns, or that change whom Headlamp trusts: never accepted in `extraArgs`, as `HEADLAMP_CONFIG_*` in
 * `extraEnv`/`extraEnvVars`, or through an `extraEnvFrom` prefix, whatever the login mode. Each maps to the prop to use;
 * a flag no prop owns says what to do instead, and why it is refused.
 */
const OWNED_FLAGS: Array<[RegExp, string, string?]> = [
  [/^proxy-auth/, 'props.auth: HeadlampAuth.identityAwareProxy() (with an OAuth2ProxyFrontend in front)'],
  [/^(oidc-|me-)/, 'props.auth: HeadlampAuth.oidc(OidcConfig...) (its options cover every -oidc-* and -me-* flag)'],
  [/^(unsafe-use-service-account-token|service-account-token-path)$/, 'props.auth: HeadlampAuth.unsafeSharedServiceAccountToken()'],
  [/^in-cluster$/, 'nothing: the construct always runs Headlamp in-cluster'],
  [/^in-cluster-context-name$/, 'props.inClusterContextName'],
  [/^base-url$/, 'props.baseUrl (probes, routes and the OIDC callback follow it)'],
  [/^plugins-dir$/, 'props.pluginsDir or props.plugins'],
  [/^(tls-cert-path|tls-key-path)$/, 'props.podTlsSecret (probes and backends switch to HTTPS with it)'],
  [/^session-ttl$/, 'props.sessionTtl'],
  [/^enable-helm$/, 'props.enableHelm'],
  // -kubeconfig-dir (v0.45) loads kubeconfigs around props.kubeconfigs.
  [/^kubeconfig(-dir)?$/, 'props.kubeconfigs'],
  [/^(enable-cluster-inventory|cluster-inventory-.*)$/, 'props.clusterInventory'],
  [/^(port|listen-addr)$/, 'nothing: the construct listens on 4466, where probes, Service and NetworkPolicy point'],
  [/^metrics-enabled$/, 'props.metrics (it also keeps <base-url>/metrics off every route and admits only your Prometheus)'],
  [/^(tracing-enabled|otlp-endpoint|use-otlp-http|stdout-trace-enabled)$/, 'props.tracing (it also opens egress to the collector)'],
  [/^log-level$/, 'props.logLevel'],
  [/^(default-light-theme|default-dark-theme|force-theme)$/, 'props.themes'],
  [/^pod-debug-image$/, 'props.podDebugImage (pinned)'],
  [/^node-shell-image$/, 'props.nodeShellImage (pinned)'],
  [/^node-shell-namespace$/, 'props.nodeShellNamespace'],
  [/^app-name$/, 'props.appName'],
  [/^proxy-urls$/, 'props.proxyUrls (each URL also opens its egress in the NetworkPolicy)'],
  [/^insecure-ssl$/, 'drop it; to trust a private identity provider\'s CA, give the OidcConfig a caCertificate (props.auth)',
    'it turns off TLS verification of the identity provider in the OIDC login (v0.45: the /oidc handler), so the token exchange could be intercepted'],
  [/^dev$/, 'drop it (it is for developing Headlamp itself)',
    'it lets every web origin call Headlamp with the user\'s cookies (CORS with credentials) and sends OIDC logins to http://localhost:3000'],
];

/**
 * Why `-<flag>` may not be set in `where` (`extraArgs`, `extraEnv`, ...), or undefined when it may; `viaEnv` when it
 * comes as an env var. The message never holds the value.
 */
function ownedFlagProblem(flag: string, where: string, viaEnv = false): string | undefined {
  const row = OWNED_FLAGS.find(([re]) => re.test(flag));
  if (!row) return undefined;
  const [, use, why] = row;
  const lead = viaEnv ? `sets -${flag} (Headlamp reads ${FLAG_ENV_PREFIX}* as its flags)${why ? `, which changes whom Headlamp trusts (${why})` : ''}`
    : why ? `-${flag} changes whom Headlamp trusts (${why})` : `-${flag} is set by the library`;
  return `${lead}, got it in ${where} (value not shown); ${why ? use : `use ${use}`}`;
}

/** Refuses `HEADLAMP_CONFIG_*` env vars (Headlamp's env form of its flags) for flags a prop owns. */
function refuseOwnedFlagEnv(scope: Construct, constructType: string, names: string[], at: string): void {
  for (const key of names) {
    const flag = flagOfEnvName(key);
    const problem = flag && ownedFlagProblem(flag, at.replace('props.', ''), true);
    if (problem) fail(scope, constructType, `${at}.${key}`, problem);
  }
}

/**
 * Refuses an `envFrom` prefix that turns the keys of a ConfigMap or Secret into `HEADLAMP_CONFIG_*` variables: every
 * key would set a flag, owned ones too, and no key can be checked at synth time.
 */
function refuseFlagEnvPrefix(scope: Construct, constructType: string, source: k8s.EnvFromSource, at: string): void {
  const prefix = source.prefix ?? '';
  if (!envPrefixReachesFlags(prefix)) return;
  const from = source.secretRef ? `Secret '${source.secretRef.name}'` : source.configMapRef ? `ConfigMap '${source.configMapRef.name}'` : 'source';
  fail(scope, constructType, `${at}.prefix`, `turns every key of the ${from} into a Headlamp flag (${FLAG_ENV_PREFIX}<KEY> sets -<key>, ` +
    `whatever the key: -proxy-auth and -oidc-* too, unchecked), got prefix ${JSON.stringify(prefix)}; pass flags one by one in ` +
    `props.extraArgs or props.extraEnv, where each is checked, or use a prefix that does not start ${FLAG_ENV_PREFIX}`);
}
