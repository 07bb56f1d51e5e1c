// PodContribution: what one feature adds to Headlamp's pod, and the one merge that refuses two owners of a flag, env
// var, volume, mount path, container name or pod annotation.
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { fail } from './errors';
import { FlagValue, HEADLAMP_PORT } from './headlamp-flags';

/** Name of Headlamp's own container: no other container of the pod may take it. */
export const HEADLAMP_CONTAINER = 'headlamp';

/** @internal A part of the pod and the prop path that asked for it (a collision error names both owners). */
export interface Owned<T> {
  readonly prop: string;
  readonly value: T;
}

/** @internal A Headlamp flag and the prop path that asked for it. */
export type OwnedFlag = FlagValue & { readonly prop: string };

/** @internal A peer the NetworkPolicy admits to one port of the pod. */
export interface IngressPeer {
  readonly peer: k8s.NetworkPolicyPeer;
  /**
   * The port: a number, or a container port's name (a sidecar's).
   * @default HEADLAMP_PORT
   */
  readonly port?: number | string;
}

/**
 * @internal What one feature adds to Headlamp's pod: the Headlamp container's flags, arguments, env and mounts, the
 * pod's volumes and other containers, and its NetworkPolicy's peers and egress. Every list is optional.
 */
export interface PodContribution {
  /** Headlamp's flags (rendered as arguments, or read from env when `viaEnv`). */
  readonly flags?: readonly OwnedFlag[];
  /** Arguments after the flags, as given (`extraArgs`). */
  readonly args?: readonly string[];
  /** Env vars of the Headlamp container. */
  readonly env?: readonly Owned<k8s.EnvVar>[];
  /** Env sources of the Headlamp container. */
  readonly envFrom?: readonly k8s.EnvFromSource[];
  /** Volumes of the pod. */
  readonly volumes?: readonly Owned<k8s.Volume>[];
  /** Mounts of the Headlamp container. */
  readonly volumeMounts?: readonly Owned<k8s.VolumeMount>[];
  /** Init containers, run before Headlamp starts. */
  readonly initContainers?: readonly Owned<k8s.Container>[];
  /** Containers beside Headlamp's. */
  readonly sidecars?: readonly Owned<k8s.Container>[];
  /** Who the NetworkPolicy admits, to which port. */
  readonly ingress?: readonly IngressPeer[];
  /** Where the NetworkPolicy lets the pod connect, beyond DNS and the API server. */
  readonly egress?: readonly k8s.NetworkPolicyEgressRule[];
  /** Annotations of the pod (key, value). */
  readonly podAnnotations?: readonly Owned<readonly [string, string]>[];
}

/**
 * @internal Contributions merged: every list, in the order of the contributions, then of their items; every peer with
 * its port.
 */
export type MergedPod = {
  readonly [K in Exclude<keyof PodContribution, 'ingress'>]-?: NonNullable<PodContribution[K]>;
} & {
  readonly ingress: readonly Required<IngressPeer>[];
};

/**
 * @internal Merges contributions in order, and refuses (naming both owners' prop paths) two owners of one flag, two
 * env vars of one name, two volumes of one name, two mounts at one path, two containers of one name (Headlamp's own
 * container included), or two values of one pod annotation. A peer admitted twice to one port is kept once.
 */
export function mergePodContributions(
  scope: Construct,
  constructType: string,
  contributions: readonly PodContribution[],
): MergedPod {
  const all = <K extends keyof PodContribution>(key: K) =>
    contributions.flatMap((c): readonly unknown[] => c[key] ?? []) as unknown as NonNullable<PodContribution[K]>;
  const pod: MergedPod = {
    flags: all('flags'),
    args: all('args'),
    env: all('env'),
    envFrom: all('envFrom'),
    volumes: all('volumes'),
    volumeMounts: all('volumeMounts'),
    initContainers: all('initContainers'),
    sidecars: all('sidecars'),
    ingress: distinctPeers(all('ingress')),
    egress: all('egress'),
    podAnnotations: all('podAnnotations'),
  };
  const once = <T extends { prop: string }>(
    items: readonly T[],
    keyOf: (item: T) => string,
    says: (key: string, first: string) => string,
    reserved: ReadonlyArray<[string, string]> = [],
  ) => {
    const owners = new Map<string, string>(reserved);
    for (const item of items) {
      const key = keyOf(item);
      const first = owners.get(key);
      if (first !== undefined) fail(scope, constructType, item.prop, says(key, first));
      owners.set(key, item.prop);
    }
  };
  once(
    pod.flags,
    (f) => f.flag,
    (flag, first) => `sets -${flag}, as ${first} does, got two owners of one flag; set it in one place`,
  );
  once(
    pod.env,
    (e) => e.value.name,
    (name, first) =>
      `sets env var ${name}, as ${first} does, got two values of one variable ` +
      '(one would silently win); set it in one place',
  );
  once(
    pod.volumes,
    (v) => v.value.name,
    (name, first) =>
      `adds a volume named '${name}', as ${first} does, got two volumes of one name ` +
      '(the API server refuses the pod); rename one of them',
  );
  once(
    pod.volumeMounts,
    (m) => m.value.mountPath.replace(/\/+$/, ''),
    (path, first) =>
      `mounts at ${path || '/'}, as ${first} does, ` +
      'got two mounts at one path (the API server refuses the pod); mount one of them elsewhere',
  );
  once(
    [...pod.initContainers, ...pod.sidecars],
    (c) => c.value.name,
    (name, first) =>
      `adds a container named '${name}', as ${first} does, ` +
      'got two containers of one name (the API server refuses the pod); rename one of them',
    [[HEADLAMP_CONTAINER, "Headlamp's own container"]],
  );
  once(
    pod.podAnnotations,
    (a) => a.value[0],
    (key, first) =>
      `sets pod annotation ${key}, as ${first} does, got two values of one annotation ` +
      '(one would silently win); set it in one place',
  );
  return pod;
}

/** Peers with their ports, without repeats (the same peer to the same port), first one first. */
function distinctPeers(peers: readonly IngressPeer[]): Required<IngressPeer>[] {
  const seen = new Set<string>();
  return peers
    .map(({ peer, port }) => ({ peer, port: port ?? HEADLAMP_PORT }))
    .filter(({ peer, port }) => {
      const key = `${port} ${JSON.stringify(peer)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
