// The Deployment object: Headlamp's pod built from the merged contributions (Headlamp's container first, every other
// container hardened like it), with scheduling and rollout.
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { ObjectNames } from '../core/metadata';
import { MergedPod, Owned } from '../core/pod-contribution';
import { rolloutStrategy, topologySpread } from './availability';
import { HeadlampDeploymentProps } from './headlamp-deployment-props';
import { hardenContainer, PodSecurity } from './pod-security';

/** @internal What the Deployment runs, besides the merged pod. */
export interface PodTemplateOptions {
  /** The Headlamp container. */
  readonly container: k8s.Container;
  readonly security: PodSecurity;
  readonly serviceAccountName: string;
}

/** @internal The Deployment of the merged pod, with the scheduling props passed through. */
export function headlampDeploymentObject(
  scope: Construct,
  names: ObjectNames,
  p: HeadlampDeploymentProps,
  pod: MergedPod,
  o: PodTemplateOptions,
): k8s.KubeDeployment {
  const replicas = p.replicas ?? 1;
  const harden = (c: Owned<k8s.Container>) => hardenContainer(c.value, o.security);
  return new k8s.KubeDeployment(scope, 'Deployment', {
    metadata: { name: names.name, labels: names.labels, annotations: p.deploymentAnnotations },
    spec: {
      replicas,
      strategy: rolloutStrategy(replicas),
      selector: { matchLabels: names.selectorLabels },
      template: {
        metadata: {
          labels: { ...names.labels },
          annotations: pod.podAnnotations.length
            ? Object.fromEntries(pod.podAnnotations.map((a) => a.value))
            : undefined,
        },
        spec: {
          serviceAccountName: o.serviceAccountName,
          // `-in-cluster` reads the API server CA and token from the mounted ServiceAccount volume.
          // The ServiceAccount has no RBAC (except with the unsafe shared-token mode), so the token grants nothing
          // beyond discovery.
          automountServiceAccountToken: p.inCluster ?? true,
          imagePullSecrets: p.image?.pullSecrets?.map((name) => ({ name })),
          securityContext: o.security.pod,
          hostUsers: o.security.hostUsers,
          initContainers: pod.initContainers.length > 0 ? pod.initContainers.map(harden) : undefined,
          containers: [o.container, ...pod.sidecars.map(harden)],
          volumes: pod.volumes.map((v) => v.value),
          hostAliases: p.hostAliases,
          nodeSelector: p.nodeSelector,
          tolerations: p.tolerations,
          affinity: p.affinity,
          topologySpreadConstraints: topologySpread(p.topologySpreadConstraints, replicas, names.selectorLabels),
          priorityClassName: p.priorityClassName,
        },
      },
    },
  });
}
