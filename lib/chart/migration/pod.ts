// Migration of the pod values: image, env, security context, labels and annotations, volumes and containers,
// scheduling, probes, disruption budget.
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { ImagePullPolicy } from '../../deployment/image';
import { valuesKeyOfFlag } from './cluster';
import { DeploymentProps, Migration, nonEmpty, refuse, Values, ValuesKeys } from './context';
import { isOidcEnv } from './oidc-settings';
import { codedContainer, codedVolume, enumMember } from './starting-point';
import { typedEnv } from './typed-flags';

/**
 * Values HeadlampDeployment takes as they are when set (volumes and containers with their quantities and ports
 * typed), in the order of the starting point: the values key, the prop, how the value converts.
 */
const COPIED: ReadonlyArray<readonly [key: string, prop: keyof DeploymentProps, convert?: (value: any) => unknown]> = [
  ['volumes', 'extraVolumes', (xs: k8s.Volume[]) => xs.map(codedVolume)],
  ['volumeMounts', 'extraVolumeMounts'],
  ['initContainers', 'initContainers', (xs: k8s.Container[]) => xs.map(codedContainer)],
  ['extraContainers', 'extraContainers', (xs: k8s.Container[]) => xs.map(codedContainer)],
  ['resources', 'resources'],
  ['nodeSelector', 'nodeSelector'],
  [
    'tolerations',
    'tolerations',
    (xs: k8s.Toleration[]) => kubernetesShape('tolerations', xs, (x) => xs.map(k8s.toJson_Toleration) && x),
  ],
  ['affinity', 'affinity', (x: k8s.Affinity) => kubernetesShape('affinity', x, k8s.toJson_Affinity)],
  ['hostAliases', 'hostAliases'],
  [
    'topologySpreadConstraints',
    'topologySpreadConstraints',
    (xs: k8s.TopologySpreadConstraint[]) =>
      kubernetesShape('topologySpreadConstraints', xs, (x) => xs.map(k8s.toJson_TopologySpreadConstraint) && x),
  ],
  ['priorityClassName', 'priorityClassName'],
];

/** The path under `value` of the first key `field` whose value is not a list, or undefined. */
function notAList(value: unknown, field: string, at: string): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  for (const [k, x] of Object.entries(value)) {
    const here = Array.isArray(value) ? `${at}[${k}]` : `${at}.${k}`;
    if (k === field && !Array.isArray(value) && x !== undefined && x !== null && !Array.isArray(x)) return here;
    const deeper = notAList(x, field, here);
    if (deeper) return deeper;
  }
  return undefined;
}

/**
 * A Kubernetes object without its nulls (the API reads a null field as an absent one; the generated converters do not).
 */
const withoutNulls = (x: unknown): any =>
  Array.isArray(x)
    ? x.filter((i) => i !== null).map(withoutNulls)
    : x !== null && typeof x === 'object'
      ? Object.fromEntries(
          Object.entries(x)
            .filter(([, v]) => v !== null)
            .map(([k, v]) => [k, withoutNulls(v)]),
        )
      : x;

/**
 * A Kubernetes object the chart renders as it is (affinity, tolerations...), without its nulls: Kubernetes'
 * generated converter would fail at synth on a value of the wrong shape; that is refused here, naming the key.
 */
function kubernetesShape<T>(key: string, given: T, toJson: (x: T) => unknown): T {
  const value = withoutNulls(given) as T;
  try {
    toJson(value);
  } catch (err) {
    const field = /obj\.(\w+)\?\.map is not a function/.exec((err as Error).message)?.[1];
    const at = field && notAList(value, field, key);
    if (at) refuse(at, 'expected a list (- item lines), as the Kubernetes API has it; write the value as a list');
    refuse(
      key,
      'a value in it does not have the shape the Kubernetes API gives it (a list where a map belongs, or the ' +
        'reverse); compare it with the same field of a Pod spec',
    );
  }
  return value;
}

export const POD_KEYS: ValuesKeys = [
  ['props.extraEnv', 'env'],
  ['props.extraEnvVars', 'env'],
  ['props.image', 'image'],
  ['props.replicas', 'replicaCount'],
  ['props.security', 'securityContext'],
  ['props.labels', 'podLabels'],
  ['props.livenessProbe', 'probes.livenessProbe'],
  ['props.readinessProbe', 'probes.readinessProbe'],
  ...COPIED.map(([key, prop]) => [`props.${prop}`, key] as const),
];

/** The chart's probe timing when the values give none. */
const CHART_PROBE = { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 };

/** replicaCount, image, imagePullSecrets. */
export function image(m: Migration): void {
  const { v, props } = m;
  if (v.replicaCount !== undefined) props.replicas = v.replicaCount;
  const given = v.image ?? {};
  const pullSecrets: string[] = (v.imagePullSecrets ?? []).map((s: { name: string }) => s.name).filter(Boolean);
  // A registry mirror's path prefix (`harbor.example.com/dockerhub-proxy`) belongs to the repository: the chart joins
  // them with '/' all the same.
  const [registry, ...prefix] = String(given.registry || '').split('/');
  const repository = prefix.length && given.repository ? `${prefix.join('/')}/${given.repository}` : given.repository;
  props.image = {
    registry: registry || undefined,
    ...digestPinned(repository || undefined, given.tag || undefined),
    pullPolicy: enumMember(ImagePullPolicy, 'ImagePullPolicy', given.pullPolicy).value,
    pullSecrets: pullSecrets.length ? pullSecrets : undefined,
  };
}

/**
 * A digest pinned through the chart's `repository:tag` (`tag: v0.43.0@sha256:...`, or `repository: x@sha256` with
 * the hex as the tag) as the image's digest; the chart renders the same reference.
 */
function digestPinned(
  repository: string | undefined,
  tag: string | undefined,
): { repository?: string; tag?: string; digest?: string } {
  const inTag = /^([^@]+)@(sha256:[a-f0-9]{64})$/.exec(tag ?? '');
  if (inTag) return { repository, tag: inTag[1], digest: inTag[2] };
  if (repository?.endsWith('@sha256') && /^[a-f0-9]{64}$/.test(tag ?? ''))
    return { repository: repository.slice(0, -'@sha256'.length), digest: `sha256:${tag}` };
  return { repository, tag };
}

/**
 * env: plain values and valueFrom references, each traced back to its index for errors; OIDC settings (the
 * chart's `OIDC_*` names and Headlamp's `HEADLAMP_CONFIG_OIDC_*`) are the login section's. Another
 * `HEADLAMP_CONFIG_*` for a flag the chart has a value for is refused, naming the value. config.staticPlugins.enabled:
 * false is an env var too.
 */
export function env(m: Migration): void {
  const extraEnv: Record<string, string> = {};
  const extraEnvVars: k8s.EnvVar[] = [];
  (m.v.env ?? []).forEach((e: k8s.EnvVar, i: number) => {
    if (isOidcEnv(e.name) || typedEnv(m, e, `env[${i}]`)) return;
    const flag = e.name.startsWith('HEADLAMP_CONFIG_')
      ? e.name.slice('HEADLAMP_CONFIG_'.length).toLowerCase().replace(/_/g, '-')
      : undefined;
    const key = flag && valuesKeyOfFlag(flag);
    if (key)
      refuse(
        `env[${i}]`,
        `${e.name} sets Headlamp's -${flag}, which is set from ${key} here; use ${key} and remove env[${i}]`,
      );
    if (e.valueFrom !== undefined) {
      m.valuesKeys.push(
        [`props.extraEnvVars[${extraEnvVars.length}]`, `env[${i}]`],
        [`props.extraEnvVars.${e.name}`, `env[${i}]`],
      );
      extraEnvVars.push(e);
    } else {
      m.valuesKeys.push([`props.extraEnv.${e.name}`, `env[${i}]`]);
      extraEnv[e.name] = e.value ?? '';
    }
  });
  if (m.config.staticPlugins?.enabled === false) extraEnv.HEADLAMP_STATIC_PLUGINS_DIR = '';
  if (Object.keys(extraEnv).length) m.props.extraEnv = extraEnv;
  if (extraEnvVars.length) m.props.extraEnvVars = extraEnvVars;
}

/** podSecurityContext, securityContext, hostUsers, podAnnotations, podLabels, serviceAccount.annotations. */
export function podSecurity(m: Migration): void {
  const { v, props } = m;
  const psc = v.podSecurityContext ?? {};
  const sc = v.securityContext ?? {};
  const runAsUser = sc.runAsUser ?? psc.runAsUser;
  const root =
    runAsUser !== 0 ? undefined : sc.runAsUser === 0 ? 'securityContext.runAsUser' : 'podSecurityContext.runAsUser';
  if (root && !m.options.unsafeRunAsRoot) {
    refuse(
      root,
      'runs Headlamp as root (uid 0): whoever breaks into it owns the container, and a container escape ' +
        `starts as root; remove ${root} (the library runs Headlamp as uid 100), or pass --unsafe-run-as-root`,
    );
  }
  if (root) {
    m.note(root, 'uid 0 kept (--unsafe-run-as-root: security.unsafeAllowRunAsRoot); the rest of the hardening stays');
  }
  props.security = {
    runAsUser,
    runAsGroup: sc.runAsGroup ?? psc.runAsGroup,
    fsGroup: psc.fsGroup,
    ...(v.hostUsers === false ? { userNamespace: true } : {}),
    ...(root ? { unsafeAllowRunAsRoot: true } : {}),
  };
  m.note(
    'securityContext',
    'hardened: non-root, read-only root filesystem with a /tmp emptyDir, no privilege escalation, drop ALL, ' +
      'RuntimeDefault seccomp, whatever the values say (unsafe* props of security weaken one by name)',
  );
  if (v.podAnnotations && Object.keys(v.podAnnotations).length) props.podAnnotations = v.podAnnotations;
  if (v.podLabels && Object.keys(v.podLabels).length) {
    props.labels = v.podLabels;
    m.note('podLabels', 'also on the Deployment, Service and other objects (labels prop)');
  }
  if (nonEmpty(v.serviceAccount?.annotations)) props.serviceAccountAnnotations = v.serviceAccount.annotations;
}

/** Paths under `given` (named from `at`) that `json`, Kubernetes' rendering of it, leaves out: unknown fields. */
function droppedFields(given: unknown, json: unknown, at: string): string[] {
  if (given === null || typeof given !== 'object') return [];
  return Object.entries(given).flatMap(([k, x]) => {
    const here = Array.isArray(given) ? `${at}[${k}]` : `${at}.${k}`;
    if (x === undefined || x === null) return [];
    const rendered = (json as Record<string, unknown> | undefined)?.[k];
    return rendered === undefined ? [here] : droppedFields(x, rendered, here);
  });
}

/** Kubernetes' rendering of each list the chart passes through, by values key: as the API server reads it. */
const RENDERED: ReadonlyArray<readonly [key: string, what: string, render: (x: any) => unknown]> = [
  ['initContainers', 'Container', (x) => k8s.toJson_Container(codedContainer(x))],
  ['extraContainers', 'Container', (x) => k8s.toJson_Container(codedContainer(x))],
  ['volumes', 'Volume', (x) => k8s.toJson_Volume(codedVolume(x))],
  ['volumeMounts', 'VolumeMount', (x) => k8s.toJson_VolumeMount(x)],
];

/**
 * A key of a container, volume or mount that Kubernetes does not have (a typo such as `images:`): the API server drops
 * it, so it is dropped with a note; a container left without an image (the API server refuses it) is refused.
 */
function passThroughTypos(m: Migration): void {
  for (const [key, what, render] of RENDERED) {
    ((m.v[key] ?? []) as Values[]).forEach((given, i) => {
      const item = withoutNulls(given);
      let rendered: unknown;
      try {
        rendered = render(item);
      } catch {
        return; // A value of the wrong shape: refused by name where the value is read.
      }
      for (const path of droppedFields(item, rendered, `${key}[${i}]`)) {
        if (what === 'Container' && !item.image && path === `${key}[${i}].${path.split('.').pop()}`) {
          refuse(
            path,
            'not a field of a Kubernetes Container, and the container has no image, which the API server ' +
              'refuses; ' +
              `${/^image/i.test(path.split('.').pop()!) ? 'rename it to image' : 'give the container its image'}`,
          );
        }
        m.note(
          path,
          `dropped: not a field of a Kubernetes ${what} (the API server drops it too, and kubectl ` +
            '--validate=strict refuses it); fix the spelling or remove it',
        );
      }
    });
  }
}

/** Volumes, containers, resources and scheduling ({@link COPIED}), probes, podDisruptionBudget. */
export function workload(m: Migration): void {
  const { v, props } = m;
  passThroughTypos(m);
  for (const [key, prop, convert] of COPIED) {
    if (nonEmpty(v[key])) (props as Record<string, unknown>)[prop] = convert ? convert(v[key]) : v[key];
  }
  const probe = (p: Record<string, number> | undefined) =>
    p && {
      initialDelaySeconds: p.initialDelaySeconds,
      periodSeconds: p.periodSeconds,
      timeoutSeconds: p.timeoutSeconds,
      failureThreshold: p.failureThreshold,
    };
  props.livenessProbe = probe(v.probes?.livenessProbe ?? CHART_PROBE);
  props.readinessProbe = probe(v.probes?.readinessProbe ?? CHART_PROBE);
  if (v.podDisruptionBudget?.enabled) {
    const pdb = v.podDisruptionBudget;
    props.podDisruptionBudget = {
      always: true,
      ...(pdb.maxUnavailable !== null && pdb.maxUnavailable !== undefined
        ? { maxUnavailable: pdb.maxUnavailable }
        : pdb.minAvailable !== null && pdb.minAvailable !== undefined
          ? { minAvailable: pdb.minAvailable }
          : {}),
      unhealthyPodEvictionPolicy: pdb.unhealthyPodEvictionPolicy ?? undefined,
    };
  }
}
