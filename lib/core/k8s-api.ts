// The few facts of the Kubernetes 1.28 API that the objects passed through as is (tolerations, affinity, containers,
// volumes...) are checked against at synth: required fields, documented enum values, which field holds which
// definition.
/*
 * Source: the io.k8s.api.core.v1 and io.k8s.apimachinery.pkg.apis.meta.v1 definitions of the Kubernetes 1.28 OpenAPI
 * (the descriptions name the enum values; `goType` marks the two whose description does not, with the Go constants of
 * k8s.io/api/core/v1 types.go). A user's install has no schema files, so the facts are written out here;
 * test/k8s-api-table.test.ts holds this table against the pinned 1.28 and 1.35 definitions.
 */
import { INT32_MAX } from './schema';

/** What a required field holds. */
export type K8sFieldType = 'string' | 'integer' | 'map' | 'list' | 'int-or-string';

/** The facts about one definition. */
export interface K8sDefinition {
  /** Fields the API requires, and what each holds. */
  readonly required?: Readonly<Record<string, K8sFieldType>>;
  /** String fields with documented values. */
  readonly enums?: Readonly<Record<string, readonly string[]>>;
  /** Enum fields whose values the description leaves to the Go type: the type, for the table's test. */
  readonly goType?: Readonly<Record<string, string>>;
  /** Fields that hold another definition of the table (a map, or a list of them). */
  readonly refs?: Readonly<Record<string, string>>;
  /**
   * Fields that hold a list: any other value there is refused (a map would be walked as one item, then crash the
   * synth).
   */
  readonly lists?: readonly string[];
}

const AFFINITY_TERMS = {
  requiredDuringSchedulingIgnoredDuringExecution: 'PodAffinityTerm',
  preferredDuringSchedulingIgnoredDuringExecution: 'WeightedPodAffinityTerm',
};
const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const PROBES = { httpGet: 'HTTPGetAction', tcpSocket: 'TCPSocketAction', grpc: 'GRPCAction', exec: 'ExecAction' };

/** The definitions, by name (io.k8s.api.core.v1, but for {@link META_DEFINITIONS}). */
export const K8S_API: Readonly<Record<string, K8sDefinition>> = {
  Toleration: { enums: { effect: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'], operator: ['Exists', 'Equal'] } },
  Affinity: { refs: { nodeAffinity: 'NodeAffinity', podAffinity: 'PodAffinity', podAntiAffinity: 'PodAntiAffinity' } },
  NodeAffinity: {
    refs: {
      requiredDuringSchedulingIgnoredDuringExecution: 'NodeSelector',
      preferredDuringSchedulingIgnoredDuringExecution: 'PreferredSchedulingTerm',
    },
  },
  NodeSelector: { required: { nodeSelectorTerms: 'list' }, refs: { nodeSelectorTerms: 'NodeSelectorTerm' } },
  PreferredSchedulingTerm: {
    required: { weight: 'integer', preference: 'map' },
    refs: { preference: 'NodeSelectorTerm' },
  },
  NodeSelectorTerm: { refs: { matchExpressions: 'NodeSelectorRequirement', matchFields: 'NodeSelectorRequirement' } },
  NodeSelectorRequirement: {
    required: { key: 'string', operator: 'string' },
    enums: { operator: [...OPERATORS, 'Gt', 'Lt'] },
  },
  PodAffinity: { refs: AFFINITY_TERMS },
  PodAntiAffinity: { refs: AFFINITY_TERMS },
  PodAffinityTerm: {
    required: { topologyKey: 'string' },
    refs: { labelSelector: 'LabelSelector', namespaceSelector: 'LabelSelector' },
  },
  WeightedPodAffinityTerm: {
    required: { weight: 'integer', podAffinityTerm: 'map' },
    refs: { podAffinityTerm: 'PodAffinityTerm' },
  },
  LabelSelector: { refs: { matchExpressions: 'LabelSelectorRequirement' } },
  LabelSelectorRequirement: { required: { key: 'string', operator: 'string' }, enums: { operator: OPERATORS } },
  TopologySpreadConstraint: {
    required: { maxSkew: 'integer', topologyKey: 'string', whenUnsatisfiable: 'string' },
    enums: {
      whenUnsatisfiable: ['DoNotSchedule', 'ScheduleAnyway'],
      nodeAffinityPolicy: ['Honor', 'Ignore'],
      nodeTaintsPolicy: ['Honor', 'Ignore'],
    },
    refs: { labelSelector: 'LabelSelector' },
  },
  Container: {
    required: { name: 'string' },
    enums: {
      imagePullPolicy: ['Always', 'Never', 'IfNotPresent'],
      terminationMessagePolicy: ['File', 'FallbackToLogsOnError'],
    },
    refs: {
      ports: 'ContainerPort',
      env: 'EnvVar',
      envFrom: 'EnvFromSource',
      volumeMounts: 'VolumeMount',
      livenessProbe: 'Probe',
      readinessProbe: 'Probe',
      startupProbe: 'Probe',
      lifecycle: 'Lifecycle',
      securityContext: 'SecurityContext',
    },
    lists: ['command', 'args', 'env', 'envFrom', 'ports', 'volumeMounts'],
  },
  ContainerPort: { required: { containerPort: 'integer' }, enums: { protocol: PROTOCOLS } },
  EnvVar: { required: { name: 'string' }, refs: { valueFrom: 'EnvVarSource' } },
  EnvVarSource: {
    refs: {
      secretKeyRef: 'SecretKeySelector',
      configMapKeyRef: 'ConfigMapKeySelector',
      fieldRef: 'ObjectFieldSelector',
      resourceFieldRef: 'ResourceFieldSelector',
    },
  },
  SecretKeySelector: { required: { key: 'string' } },
  ConfigMapKeySelector: { required: { key: 'string' } },
  ObjectFieldSelector: { required: { fieldPath: 'string' } },
  ResourceFieldSelector: { required: { resource: 'string' } },
  EnvFromSource: {},
  VolumeMount: {
    required: { name: 'string', mountPath: 'string' },
    enums: { mountPropagation: ['None', 'HostToContainer', 'Bidirectional'] },
    goType: {
      mountPropagation:
        'MountPropagationMode (MountPropagationNone, MountPropagationHostToContainer, MountPropagationBidirectional)',
    },
  },
  Probe: { refs: PROBES },
  Lifecycle: { refs: { postStart: 'LifecycleHandler', preStop: 'LifecycleHandler' } },
  LifecycleHandler: { refs: { httpGet: 'HTTPGetAction', tcpSocket: 'TCPSocketAction', exec: 'ExecAction' } },
  ExecAction: { lists: ['command'] },
  HTTPGetAction: {
    required: { port: 'int-or-string' },
    enums: { scheme: ['HTTP', 'HTTPS'] },
    goType: { scheme: 'URIScheme (URISchemeHTTP, URISchemeHTTPS)' },
  },
  TCPSocketAction: { required: { port: 'int-or-string' } },
  GRPCAction: { required: { port: 'integer' } },
  SecurityContext: { refs: { seccompProfile: 'SeccompProfile' } },
  SeccompProfile: { required: { type: 'string' }, enums: { type: ['Localhost', 'RuntimeDefault', 'Unconfined'] } },
  Volume: {
    required: { name: 'string' },
    refs: { secret: 'SecretVolumeSource', configMap: 'ConfigMapVolumeSource', downwardAPI: 'DownwardAPIVolumeSource' },
  },
  SecretVolumeSource: { lists: ['items'] },
  ConfigMapVolumeSource: { lists: ['items'] },
  DownwardAPIVolumeSource: { lists: ['items'] },
  HostAlias: {},
  ServicePort: { required: { port: 'integer' }, enums: { protocol: PROTOCOLS } },
};

/** The definitions of io.k8s.apimachinery.pkg.apis.meta.v1; every other one is io.k8s.api.core.v1's. */
export const META_DEFINITIONS: readonly string[] = ['LabelSelector', 'LabelSelectorRequirement'];

/** One problem in a passed-through object, at its path inside it. */
export interface K8sObjectIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

const isPlainMap = (x: unknown): x is Record<string, unknown> =>
  x !== null &&
  typeof x === 'object' &&
  !Array.isArray(x) &&
  [Object.prototype, null].includes(Object.getPrototypeOf(x));

/**
 * Whether `x` holds what a required field of `type` holds (a generated class's value, such as an IntOrString, counts).
 */
function holds(type: K8sFieldType, x: unknown): boolean {
  const int32 = typeof x === 'number' && Number.isInteger(x) && Math.abs(x) <= INT32_MAX;
  switch (type) {
    case 'string':
      return typeof x === 'string';
    case 'integer':
      return int32;
    case 'list':
      return Array.isArray(x);
    case 'map':
      return isPlainMap(x);
    default:
      return (
        int32 || typeof x === 'string' || (x !== null && typeof x === 'object' && !isPlainMap(x) && !Array.isArray(x))
      );
  }
}

const EXPECTED: Record<K8sFieldType, string> = {
  string: 'a string',
  integer: `an integer (at most ${INT32_MAX})`,
  list: 'a list',
  map: 'a map',
  'int-or-string': 'a port number or name',
};

/**
 * Every problem of `value` as a `definition` of the Kubernetes 1.28 API: a required field missing or of the wrong kind,
 * an enum field with another value, a list field holding something else; through the fields that hold other
 * definitions. Values the generated classes make (IntOrString, Quantity) are taken as they are.
 */
export function k8sObjectIssues(
  definition: string,
  value: unknown,
  path: readonly (string | number)[] = [],
): K8sObjectIssue[] {
  const def = K8S_API[definition];
  if (!isPlainMap(value))
    return path.length && !(value !== null && typeof value === 'object')
      ? [{ path, message: `expected a ${definition} (a map)` }]
      : [];
  const issues: K8sObjectIssue[] = [];
  for (const [field, type] of Object.entries(def.required ?? {})) {
    if (!holds(type, value[field]))
      issues.push({
        path: [...path, field],
        message: `expected ${EXPECTED[type]} (${definition}.${field}: the Kubernetes API requires it)`,
      });
  }
  for (const [field, allowed] of Object.entries(def.enums ?? {})) {
    const x = value[field];
    if (x !== undefined && x !== null && !allowed.includes(x as string)) {
      issues.push({
        path: [...path, field],
        message: `expected one of ${allowed.map((a) => `'${a}'`).join(', ')} (${definition}.${field}, Kubernetes 1.28)`,
      });
    }
  }
  const notLists = (def.lists ?? []).filter(
    (field) => value[field] !== undefined && value[field] !== null && !Array.isArray(value[field]),
  );
  for (const field of notLists)
    issues.push({ path: [...path, field], message: `expected a list (${definition}.${field})` });
  for (const [field, ref] of Object.entries(def.refs ?? {})) {
    const x = value[field];
    if (notLists.includes(field)) continue;
    if (Array.isArray(x)) x.forEach((item, i) => issues.push(...k8sObjectIssues(ref, item, [...path, field, i])));
    else if (x !== undefined && x !== null) issues.push(...k8sObjectIssues(ref, x, [...path, field]));
  }
  return issues;
}
