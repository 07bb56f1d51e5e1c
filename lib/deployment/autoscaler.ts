// HorizontalPodAutoscalers in the app that scale Headlamp's Deployment: with Headlamp's own OIDC login, more than
// one pod needs the session affinity the library adds at 2 or more replicas (a login's state stays in the pod that
// began it).
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

/**
 * @internal The HorizontalPodAutoscalers anywhere in the app of `scope` that scale Deployment `name` in `namespace`
 * beyond one pod, as `HorizontalPodAutoscaler <ns>/<name> ('<path>') with maxReplicas <n>`.
 */
export function autoscalersBeyondOne(scope: Construct, name: string, namespace: string): string[] {
  return scope.node.root.node
    .findAll()
    .filter((c): c is ApiObject => c instanceof ApiObject && c.kind === 'HorizontalPodAutoscaler')
    .map((c) => ({ c, json: c.toJson() }))
    .filter(
      ({ json }) =>
        json.metadata?.namespace === namespace &&
        json.spec?.scaleTargetRef?.kind === 'Deployment' &&
        json.spec.scaleTargetRef.name === name &&
        Number(json.spec.maxReplicas) > 1,
    )
    .map(
      ({ c, json }) =>
        `HorizontalPodAutoscaler ${namespace}/${json.metadata.name} ('${c.node.path}') ` +
        `with maxReplicas ${json.spec.maxReplicas}`,
    );
}
