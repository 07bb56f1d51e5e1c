// The user's own additions to the pod (extraArgs, extraEnv, extraEnvVars, extraEnvFrom, extraVolumes, extraVolumeMounts, initContainers, extraContainers), and the refusal of flags a prop owns.
import { Construct } from 'constructs';
import { fail } from '../core/errors';
import { PodContribution } from '../core/pod-contribution';
import { HeadlampDeploymentProps } from './headlamp-deployment-props';
import { plainVolume } from './plain-values';

/**
 * @internal The user's arguments and env of the Headlamp container (before the login's env). Refuses an argument or a
 * `HEADLAMP_CONFIG_*` env var that sets a flag a prop owns.
 */
export function extraSettings(scope: Construct, constructType: string, p: HeadlampDeploymentProps): PodContribution {
  (p.extraArgs ?? []).forEach((arg, i) => {
    // Only the flag name is echoed: its value may be a secret (-oidc-client-secret=...).
    const name = arg.replace(/^--?/, '').split('=')[0];
    const prop = ownerOfFlag(name);
    if (prop) fail(scope, constructType, `props.extraArgs[${i}]`, `-${name} is set by the library, got it in extraArgs (value not shown); use ${prop}`);
  });
  const extraEnv = Object.entries(p.extraEnv ?? {});
  const extraEnvVars = p.extraEnvVars ?? [];
  refuseOwnedFlagEnv(scope, constructType, extraEnv.map(([name]) => name), 'props.extraEnv');
  refuseOwnedFlagEnv(scope, constructType, extraEnvVars.map((e) => e.name), 'props.extraEnvVars');
  return {
    args: p.extraArgs,
    env: [
      ...extraEnv.map(([name, value]) => ({ prop: `props.extraEnv.${name}`, value: { name, value } })),
      ...extraEnvVars.map((value, i) => ({ prop: `props.extraEnvVars[${i}]`, value })),
    ],
    envFrom: p.extraEnvFrom,
  };
}

/** @internal The user's volumes, Headlamp mounts, init containers and sidecars (after everything the library adds). */
export function extraPodParts(p: HeadlampDeploymentProps): PodContribution {
  const owned = <T>(items: T[] | undefined, prop: string) => (items ?? []).map((value, i) => ({ prop: `${prop}[${i}]`, value }));
  return {
    volumes: owned((p.extraVolumes ?? []).map((v) => plainVolume(v)), 'props.extraVolumes'),
    volumeMounts: owned(p.extraVolumeMounts, 'props.extraVolumeMounts'),
    initContainers: owned(p.initContainers, 'props.initContainers'),
    sidecars: owned(p.extraContainers, 'props.extraContainers'),
  };
}

/**
 * Flags a prop owns, or that change who Headlamp trusts: never accepted in `extraArgs` or as `HEADLAMP_CONFIG_*`
 * in `extraEnv`, whatever the login mode. Each maps to the prop to use.
 */
const OWNED_FLAGS: Array<[RegExp, string]> = [
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
  [/^kubeconfig$/, 'props.kubeconfigs'],
  [/^(enable-cluster-inventory|cluster-inventory-.*)$/, 'props.clusterInventory'],
  [/^(port|listen-addr)$/, 'nothing: the construct listens on 4466, where probes, Service and NetworkPolicy point'],
];

/** The prop that owns a Headlamp flag, or undefined when `extraArgs` may set it. */
/** The prop that owns a Headlamp flag, or undefined when `extraArgs` may set it. */
function ownerOfFlag(name: string): string | undefined {
  return OWNED_FLAGS.find(([re]) => re.test(name))?.[1];
}

/** Refuses `HEADLAMP_CONFIG_*` env vars (Headlamp's env form of its flags) for flags a prop owns. */
function refuseOwnedFlagEnv(scope: Construct, constructType: string, names: string[], at: string): void {
  for (const key of names) {
    if (!key.startsWith('HEADLAMP_CONFIG_')) continue;
    const flag = key.slice('HEADLAMP_CONFIG_'.length).toLowerCase().replace(/_/g, '-');
    const prop = ownerOfFlag(flag);
    if (prop) {
      fail(scope, constructType, `${at}.${key}`, `sets -${flag} (Headlamp reads HEADLAMP_CONFIG_* as its flags), got it in ${at.replace('props.', '')} ` +
        `(value not shown); use ${prop}`);
    }
  }
}
