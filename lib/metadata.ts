/** Object metadata shared by every construct: namespace, app.kubernetes.io labels, cluster scope. */
import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { fail } from './errors';

/** Value of `app.kubernetes.io/managed-by` on every object. */
export const MANAGED_BY = 'cdk8s-headlamp';

/** The Chart's namespace; a library object without one would land wherever kubectl points. */
export function chartNamespace(scope: Construct, constructType: string): string {
  const ns = Chart.of(scope).namespace;
  if (!ns) {
    fail(scope, constructType, 'chart.namespace', "expected the enclosing Chart to set a namespace, got undefined; " +
      "create it with new Chart(app, 'id', { namespace: 'headlamp' })");
  }
  return ns;
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

/** NetworkPolicy egress to the cluster DNS (kube-dns / CoreDNS pods in kube-system), UDP and TCP 53. */
export function dnsEgress(): k8s.NetworkPolicyEgressRule {
  return {
    to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
    ports: [{ port: k8s.IntOrString.fromNumber(53), protocol: 'UDP' }, { port: k8s.IntOrString.fromNumber(53), protocol: 'TCP' }],
  };
}
