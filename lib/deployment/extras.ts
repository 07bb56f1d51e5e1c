// The user's own additions to the pod (extraArgs, extraEnv, extraEnvVars, extraEnvFrom, extraVolumes,
// extraVolumeMounts, initContainers, extraContainers), and the refusal of flags a prop owns or that change whom
// Headlamp trusts.
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { fail } from '../core/errors';
import {
  envPrefixReachesFlags,
  FLAG_ENV_PREFIX,
  flagOfEnvName,
  flagVersionProblem,
  HEADLAMP_VERSION,
  HeadlampFlag,
} from '../core/headlamp-flags';
import { settingOf } from '../core/headlamp-settings';
import { PodContribution } from '../core/pod-contribution';
import { HeadlampDeploymentProps } from './headlamp-deployment-props';
import { ResolvedImage } from './image';
import { plainVolume } from './plain-values';

/**
 * @internal The user's arguments and env of the Headlamp container (before the login's env). Refuses an argument
 * (`-flag` or `--flag`: Go's flag package reads both), a `HEADLAMP_CONFIG_*` env var, or an `envFrom` prefix that
 * sets a flag a prop owns or that changes whom Headlamp trusts, or one the pinned image does not know.
 */
export function extraSettings(
  scope: Construct,
  constructType: string,
  p: HeadlampDeploymentProps,
  image: ResolvedImage,
): PodContribution {
  (p.extraArgs ?? []).forEach((arg, i) => {
    // Only the flag name is echoed: its value may be a secret (-oidc-client-secret=...).
    const name = arg.replace(/^--?/, '').split('=')[0];
    const problem = ownedFlagProblem(name, 'extraArgs', image);
    if (problem) fail(scope, constructType, `props.extraArgs[${i}]`, problem);
  });
  const extraEnv = Object.entries(p.extraEnv ?? {});
  const extraEnvVars = p.extraEnvVars ?? [];
  refuseOwnedFlagEnv(
    scope,
    constructType,
    extraEnv.map(([name]) => name),
    'props.extraEnv',
    image,
  );
  refuseOwnedFlagEnv(
    scope,
    constructType,
    extraEnvVars.map((e) => e.name),
    'props.extraEnvVars',
    image,
  );
  (p.extraEnvFrom ?? []).forEach((source, i) =>
    refuseFlagEnvPrefix(scope, constructType, source, `props.extraEnvFrom[${i}]`),
  );
  return {
    args: p.extraArgs,
    env: [
      ...extraEnv.map(([name, value]) => ({ prop: `props.extraEnv.${name}`, value: { name, value } })),
      ...extraEnvVars.map((value, i) => ({ prop: `props.extraEnvVars[${i}]`, value })),
    ],
    envFrom: p.extraEnvFrom,
  };
}

/**
 * @internal The user's volumes, Headlamp mounts, init containers, sidecars and pod annotations (after everything the
 * library adds).
 */
export function extraPodParts(p: HeadlampDeploymentProps): PodContribution {
  const owned = <T>(items: T[] | undefined, prop: string) =>
    (items ?? []).map((value, i) => ({ prop: `${prop}[${i}]`, value }));
  return {
    podAnnotations: Object.entries(p.podAnnotations ?? {}).map(([key, value]) => ({
      prop: `props.podAnnotations['${key}']`,
      value: [key, value] as const,
    })),
    volumes: owned(
      (p.extraVolumes ?? []).map((v) => plainVolume(v)),
      'props.extraVolumes',
    ),
    volumeMounts: owned(p.extraVolumeMounts, 'props.extraVolumeMounts'),
    initContainers: owned(p.initContainers, 'props.initContainers'),
    sidecars: owned(p.extraContainers, 'props.extraContainers'),
  };
}

/**
 * Why `-<flag>` may not be set in `where` (`extraArgs`, `extraEnv`, ...), or undefined when it may; `viaEnv` when it
 * comes as an env var. A flag a prop owns, or that changes whom Headlamp trusts (its registry entry has `use`), is
 * never accepted, whatever the login mode; nor a flag the pinned release does not define, or the image is too old
 * for (it would exit at start). The message never holds the value.
 */
function ownedFlagProblem(flag: string, where: string, image: ResolvedImage, viaEnv = false): string | undefined {
  const entry = settingOf(flag);
  if (!entry) {
    return `${viaEnv ? `sets -${flag}, which` : `-${flag}`} is not a flag of Headlamp v${HEADLAMP_VERSION} (${
      viaEnv ? 'Headlamp ignores it' : 'an unknown flag stops the server at start'
    }), got it in ${where} (value not shown); check the name against docs/flags.md`;
  }
  const { use, why } = entry;
  if (!use) return flagVersionProblem({ flag: flag as HeadlampFlag, value: true, viaEnv }, image.version, image.tag);
  const lead = viaEnv
    ? `sets -${flag} (Headlamp reads ${FLAG_ENV_PREFIX}* as its flags)` +
      `${why ? `, which changes whom Headlamp trusts (${why})` : ''}`
    : why
      ? `-${flag} changes whom Headlamp trusts (${why})`
      : `-${flag} is set by the library`;
  return `${lead}, got it in ${where} (value not shown); ${why ? use : `use ${use}`}`;
}

/** Refuses `HEADLAMP_CONFIG_*` env vars (Headlamp's env form of its flags) for flags a prop owns. */
function refuseOwnedFlagEnv(
  scope: Construct,
  constructType: string,
  names: string[],
  at: string,
  image: ResolvedImage,
): void {
  for (const key of names) {
    const flag = flagOfEnvName(key);
    const problem = flag !== undefined && ownedFlagProblem(flag, at.replace('props.', ''), image, true);
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
  const from = source.secretRef
    ? `Secret '${source.secretRef.name}'`
    : source.configMapRef
      ? `ConfigMap '${source.configMapRef.name}'`
      : 'source';
  fail(
    scope,
    constructType,
    `${at}.prefix`,
    `turns every key of the ${from} into a Headlamp flag (${FLAG_ENV_PREFIX}<KEY> sets -<key>, ` +
      `whatever the key: -proxy-auth and -oidc-* too, unchecked), got prefix ${JSON.stringify(prefix)}; pass ` +
      `flags one by one in props.extraArgs or props.extraEnv, where each is checked, or use a prefix that does not ` +
      `start ${FLAG_ENV_PREFIX}`,
  );
}
