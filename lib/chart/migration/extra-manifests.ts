// Migration of extraManifests: each manifest carried into the Chart as written (the chart's few template values filled
// in), with a note that the library has not reviewed it; one that would undo what the library guarantees is refused by
// name.
import { ApiObject, Chart } from 'cdk8s';
import { parseDocument } from 'yaml';
import { clusterScoped } from '../../core/metadata';
import { routesToService } from '../../deployment/foreign-routes';
import { Migration, nonEmpty, refuse, Values } from './context';
import { toTs } from './starting-point';

/** Kinds that live in no namespace (cdk8s would stamp the Chart's on them). */
const CLUSTER_SCOPED = new Set([
  'ClusterRole',
  'ClusterRoleBinding',
  'Namespace',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'IngressClass',
  'PriorityClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'APIService',
  'ClusterIssuer',
  'GatewayClass',
  'RuntimeClass',
  'CSIDriver',
  'VolumeSnapshotClass',
]);

/** The template values the chart's manifests use most, by the text between `{{ }}`: anything else is refused. */
function templateValues(m: Migration, namespace: string): Record<string, string> {
  const serviceAccount = m.props.existingServiceAccount ?? m.name;
  return {
    '.Release.Name': m.release,
    '.Release.Namespace': namespace,
    'include "headlamp.fullname" .': m.name,
    'include "headlamp.namespace" .': namespace,
    'include "headlamp.serviceAccountName" .': serviceAccount,
  };
}

/** The manifest as an object: its `{{ }}` values filled in, parsed, and checked to be one Kubernetes object. */
function manifestOf(m: Migration, given: unknown, at: string, namespace: string): Values {
  const values = templateValues(m, namespace);
  const text =
    typeof given === 'string'
      ? given.replace(/\{\{-?\s*([^}]*?)\s*-?\}\}/g, (whole, inner: string) => {
          const value = values[inner.replace(/\s+/g, ' ')];
          if (value === undefined) {
            refuse(
              at,
              `${whole} is a Helm template the migration does not render (it knows ${Object.keys(values)
                .map((k) => `{{ ${k} }}`)
                .join(', ')}); ` + 'write its value',
            );
          }
          return value!;
        })
      : undefined;
  const doc = text === undefined ? undefined : parseDocument(text);
  const obj = doc ? (doc.errors.length ? undefined : doc.toJS()) : given;
  if (!obj || typeof obj !== 'object' || Array.isArray(obj) || !obj.apiVersion || !obj.kind || !obj.metadata?.name) {
    refuse(
      at,
      'expected one Kubernetes object (apiVersion, kind, metadata.name) as YAML; split several into entries of ' +
        'their own',
    );
  }
  return obj as Values;
}

/**
 * Why a manifest would undo one of the library's guarantees, with the way out; undefined when it is the user's to add.
 */
function undoes(m: Migration, obj: Values, podLabels: Record<string, string>, namespace: string): string | undefined {
  if (/List$/.test(obj.kind)) {
    return (
      `a ${obj.kind}, whose items the migration would carry unchecked (an Ingress to Headlamp or a Secret with ` +
      'its values among them); write each item as an entry of its own in extraManifests'
    );
  }
  const selector = obj.kind === 'Service' ? (obj.spec?.selector as Record<string, unknown> | undefined) : undefined;
  const sameNamespace = (obj.metadata.namespace ?? namespace) === namespace;
  if (
    selector &&
    nonEmpty(selector) &&
    sameNamespace &&
    Object.entries(selector).every(([k, x]) => podLabels[k] === String(x))
  ) {
    return (
      `Service ${obj.metadata.name} selects Headlamp's pods (its spec.selector ${JSON.stringify(selector)} ` +
      `matches their labels): a way in beside Headlamp's Service ${m.name} that skips the library's routes (their ` +
      'TLS and auth gate), which the NetworkPolicy admits all the same; remove it, and reach Headlamp through ' +
      'ingress.* or httpRoute.*'
    );
  }
  if (obj.kind === 'Secret' && obj.type === 'kubernetes.io/service-account-token') {
    return (
      `a long-lived token of ServiceAccount ` +
      `${obj.metadata.annotations?.['kubernetes.io/service-account.name'] ?? '(unnamed)'} (the chart's is ` +
      "cluster-admin; Headlamp's has no RBAC here, so the token would grant nothing); mint short-lived tokens " +
      'with kubectl create token, or give people a LoginServiceAccount in TypeScript'
    );
  }
  if (obj.kind === 'Secret' && (nonEmpty(obj.data) || nonEmpty(obj.stringData)) && !m.options.unsafePlaintextSecrets) {
    return (
      'a Secret with its values in the manifests; create it outside them (External Secrets, SealedSecrets), ' +
      'or pass --unsafe-plaintext-secrets'
    );
  }
  const placed = { ...obj, metadata: { ...obj.metadata, namespace: obj.metadata.namespace ?? namespace } };
  if (routesToService(placed, m.name, namespace)) {
    return (
      `${/^[AEIOU]/.test(obj.kind) ? 'an' : 'a'} ${obj.kind} to Headlamp's Service ${m.name} around the library's ` +
      'routes (their TLS and auth gate, and the NetworkPolicy that admits only the routes it knows, so this one ' +
      'would get no answer); write it as ingress.* or httpRoute.*'
    );
  }
  return undefined;
}

/** What a carried manifest grants, for its note: a binding's role and subjects. */
function grants(obj: Values): string {
  if (!/RoleBinding$/.test(obj.kind)) return '';
  const subjects = (obj.subjects ?? [])
    .map((s: Values) => `${s.kind} ${s.namespace ? `${s.namespace}/` : ''}${s.name}`)
    .join(', ');
  return (
    `; it binds ${obj.roleRef?.kind} ${obj.roleRef?.name} to ${subjects || 'no one'} (UserAccess in TypeScript ` +
    "checks such subjects against the API server's claim mapping)"
  );
}

/**
 * extraManifests: each carried as an ApiObject of the Chart, unreviewed; refused when it undoes a guarantee
 * (`podLabels`: the labels of Headlamp's pods, which no other Service may select). Returns their statements in the
 * starting point. */
export function extraManifests(m: Migration, chart: Chart, podLabels: Record<string, string>): string[] {
  const list = (m.v.extraManifests ?? []) as unknown[];
  return list.map((given, i) => {
    const at = `extraManifests[${i}]`;
    const obj = manifestOf(m, given, at, chart.namespace!);
    const why = undoes(m, obj, podLabels, chart.namespace!);
    if (why) refuse(at, why);
    const object = new ApiObject(chart, `extra-manifest-${i}`, obj as any);
    const cluster = CLUSTER_SCOPED.has(obj.kind) && !obj.metadata.namespace;
    if (cluster) clusterScoped(object);
    m.note(at, `${obj.kind} ${obj.metadata.name} carried as written, not reviewed by the library${grants(obj)}`);
    return (
      `new ApiObject(chart, 'extra-manifest-${i}', ${toTs(obj)}` +
      `)${cluster ? ".addJsonPatch(JsonPatch.remove('/metadata/namespace'))" : ''};`
    );
  });
}
