/** Object metadata shared by every construct: namespace, app.kubernetes.io labels, cluster scope. */
import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { fail } from './errors';
import { checkValue, dnsLabel, labels, ValueIssue } from './schema';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Value of `app.kubernetes.io/managed-by` on every object. */
export const MANAGED_BY = 'cdk8s-headlamp';

/** The Chart's namespace; a library object without one would land wherever kubectl points. */
export function chartNamespace(scope: Construct, constructType: string): string {
  const ns = Chart.of(scope).namespace;
  if (!ns) {
    fail(
      scope,
      constructType,
      'chart.namespace',
      'expected the enclosing Chart to set a namespace, got undefined; ' +
        "create it with new Chart(app, 'id', { namespace: 'headlamp' })",
    );
  }
  if (!DNS1123_LABEL.test(ns) || ns.length > 63) {
    fail(
      scope,
      constructType,
      'chart.namespace',
      `expected a namespace name (a DNS-1123 label: lower-case letters, digits and '-', ` +
        `at most 63), got ${JSON.stringify(ns)}`,
    );
  }
  return ns;
}

/** kind, group, namespace and name: what must be unique in a cluster. */
function objectKey(o: ApiObject): string {
  const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
  return `${o.kind}.${group} ${o.metadata.namespace ?? ''}/${o.name}`;
}

/**
 * Refuses objects of `scope` whose kind, namespace and name are already taken by another object in the app:
 * two installs in one namespace would overwrite each other at apply time.
 */
export function assertUniqueNames(scope: Construct, constructType: string): void {
  const isObject = (c: Construct): c is ApiObject => c instanceof ApiObject;
  const mine = scope.node.findAll().filter(isObject);
  const mineSet = new Set(mine);
  const others = new Map(
    scope.node.root.node
      .findAll()
      .filter((c): c is ApiObject => isObject(c) && !mineSet.has(c))
      .map((o) => [objectKey(o), o]),
  );
  for (const obj of mine) {
    const other = others.get(objectKey(obj));
    if (other) {
      fail(
        scope,
        constructType,
        'props.name',
        `its ${obj.kind} '${obj.metadata.namespace ? `${obj.metadata.namespace}/` : ''}${obj.name}' ` +
          `collides with '${other.node.path}' (the same kind, namespace and name: one would overwrite the other); ` +
          `give one of them another name`,
      );
    }
  }
}

/** @internal How a component names and labels its objects: what its features need to create theirs. */
export interface ObjectNames {
  /** Base name of the objects. */
  readonly name: string;
  /** Labels on every object. */
  readonly labels: Record<string, string>;
  /** Labels that select the component's pods. */
  readonly selectorLabels: Record<string, string>;
}

/** Labels that select one component's pods. */
export function selectorLabels(instance: string, name = 'headlamp'): Record<string, string> {
  return { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': instance };
}

/** Recommended labels for one component's objects. */
export function instanceLabels(instance: string, name: string, version?: string): Record<string, string> {
  return {
    ...selectorLabels(instance, name),
    ...(version ? { 'app.kubernetes.io/version': version } : {}),
    'app.kubernetes.io/managed-by': MANAGED_BY,
  };
}

/** Removes the namespace cdk8s stamps on every object of a namespaced Chart, for cluster-scoped kinds. */
export function clusterScoped<T extends ApiObject>(obj: T): T {
  if (Chart.of(obj).namespace) obj.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  return obj;
}

/** A NetworkPolicy peer selecting the pods labelled `podLabels` in `namespace` (by its metadata.name label). */
export function podsInNamespace(namespace: string, podLabels: Record<string, string>): k8s.NetworkPolicyPeer {
  return {
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } },
    podSelector: { matchLabels: podLabels },
  };
}

/**
 * What is wrong with a peer given as pods labelled `podLabels` in `namespace`: the names, and an empty selector
 * (it would admit every pod of the namespace).
 */
export function podPeerIssues(namespace: string, podLabels: Record<string, string>): ValueIssue[] {
  const empty =
    Object.keys(podLabels ?? {}).length === 0
      ? [
          {
            path: ['podLabels'],
            message: 'expected at least one pod label (an empty selector admits every pod of the namespace), got {}',
          },
        ]
      : [];
  return [
    ...checkValue(dnsLabel, namespace, 'namespace', ' (a namespace name)'),
    ...checkValue(labels, podLabels, 'podLabels'),
    ...empty,
  ];
}

/** NetworkPolicy egress to the cluster DNS (kube-dns / CoreDNS pods in kube-system), UDP and TCP 53. */
export function dnsEgress(): k8s.NetworkPolicyEgressRule {
  return {
    to: [podsInNamespace('kube-system', { 'k8s-app': 'kube-dns' })],
    ports: [
      { port: k8s.IntOrString.fromNumber(53), protocol: 'UDP' },
      { port: k8s.IntOrString.fromNumber(53), protocol: 'TCP' },
    ],
  };
}

/** Who a pod runs as, and which of the restricted-profile settings the user weakened by name. */
export interface HardeningOptions {
  readonly runAsUser: number;
  readonly runAsGroup: number;
  readonly fsGroup: number;
  /** A node-local seccomp profile instead of RuntimeDefault. */
  readonly seccompLocalhostProfile?: string;
  readonly unsafeAllowRunAsRoot?: boolean;
  readonly unsafeWritableRootFilesystem?: boolean;
  readonly unsafeAllowPrivilegeEscalation?: boolean;
  readonly unsafeAddCapabilities?: string[];
}

/**
 * Pod and container security contexts of Pod Security "restricted": non-root, read-only root filesystem, no
 * privilege escalation, drop ALL, RuntimeDefault (or Localhost) seccomp. One source for every pod the library renders.
 */
export function hardenedSecurityContexts(o: HardeningOptions): {
  pod: k8s.PodSecurityContext;
  container: k8s.SecurityContext;
} {
  const seccompProfile: k8s.SeccompProfile = o.seccompLocalhostProfile
    ? { type: 'Localhost', localhostProfile: o.seccompLocalhostProfile }
    : { type: 'RuntimeDefault' };
  const runAsNonRoot = o.unsafeAllowRunAsRoot ? undefined : true;
  return {
    pod: { runAsNonRoot, runAsUser: o.runAsUser, runAsGroup: o.runAsGroup, fsGroup: o.fsGroup, seccompProfile },
    container: {
      runAsNonRoot,
      runAsUser: o.runAsUser,
      runAsGroup: o.runAsGroup,
      readOnlyRootFilesystem: !o.unsafeWritableRootFilesystem,
      allowPrivilegeEscalation: o.unsafeAllowPrivilegeEscalation ?? false,
      privileged: false,
      capabilities: { drop: ['ALL'], add: o.unsafeAddCapabilities },
      seccompProfile,
    },
  };
}
