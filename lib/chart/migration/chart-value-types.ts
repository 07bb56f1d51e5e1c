// The type of each key of the chart's values: every key its values.schema.json types (the suite keeps the two equal),
// and the untyped keys the migration reads.
import {
  ANY_LIST,
  ANY_MAP,
  BOOLEAN,
  custom,
  DOES_NOT_FIT,
  int,
  INTEGER,
  LIST,
  map,
  MAP,
  nullable,
  oneOf,
  STRING,
  SWITCH,
  TEXT,
  ValueType,
} from './value-types';

const isMap = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);
const exactlyOne = (x: unknown, keys: string[]) => isMap(x) && keys.filter((k) => k in x).length === 1;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const PERCENT_OR_COUNT = /^([0-9]+%?|[0-9]*\.[0-9]+%)$/;

/** A value the chart renders into the object with toYaml: Kubernetes takes a string only. */
const K8S_STRING: ValueType = { expected: 'a string', read: (x) => (typeof x === 'string' ? x : DOES_NOT_FIT) };
/** A number the chart renders into the object with toYaml: Kubernetes takes an integer only. */
const K8S_INTEGER: ValueType = { ...INTEGER, chart: undefined };
/** A boolean the chart renders bare (`hostUsers: {{ .Values.hostUsers }}`): a quoted 'false' still renders false. */
const BARE_BOOLEAN: ValueType = {
  ...BOOLEAN,
  chart: undefined,
  read: (x) => (x === 'true' || x === 'false' ? x === 'true' : BOOLEAN.read(x)),
};
/** A boolean the chart renders with toYaml: Kubernetes takes a boolean only. */
const K8S_BOOLEAN: ValueType = { ...BOOLEAN, chart: undefined };
/**
 * A resource quantity under `resources` (untyped): the chart renders `cpu: 1` as is, and Kubernetes reads a number as a
 * quantity.
 */
const QUANTITY: ValueType = {
  expected: "a quantity such as '100m' or '128Mi'",
  read: (x) => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : DOES_NOT_FIT),
};

/** `{prefix}{key}` for each key. */
const under = (prefix: string, types: Record<string, ValueType>) =>
  Object.fromEntries(Object.entries(types).map(([k, t]) => [`${prefix}${k}`, t]));

const PROBE = (successThreshold: ValueType) => ({
  '': MAP,
  '.initialDelaySeconds': int(0),
  '.periodSeconds': int(1),
  '.timeoutSeconds': int(1),
  '.successThreshold': successThreshold,
  '.failureThreshold': int(1),
});
const CONTAINER_RESOURCES = {
  '': MAP,
  '.limits': MAP,
  '.limits.cpu': STRING,
  '.limits.memory': STRING,
  '.requests': MAP,
  '.requests.cpu': STRING,
  '.requests.memory': STRING,
};
/** A count or percentage of pods; the chart prints it bare, so '2' is the number 2. */
const PDB_COUNT = custom('oneOf', "an integer >= 0 or a percentage such as '50%'", (x) =>
  Number.isInteger(x) && (x as number) >= 0
    ? x
    : typeof x === 'string' && PERCENT_OR_COUNT.test(x)
      ? /^[0-9]+$/.test(x)
        ? Number(x)
        : x
      : DOES_NOT_FIT,
);
const ENV_REFS = ['secretKeyRef', 'configMapKeyRef', 'fieldRef', 'resourceFieldRef'];
/**
 * A value of annotations, labels, a node selector: the chart renders it with toYaml, and Kubernetes takes a string only
 * (`expose: true` unquoted is refused).
 */
const K8S_TEXT: ValueType = { ...STRING, chart: undefined };
/** A map of strings: `{ '': <the map's type>, '.*': a string }` under its key. */
const textMap = (base: ValueType) => ({ '': base, '.*': K8S_TEXT });

/** Keys of the chart's values.schema.json (chart 0.45.0), by path (`[]` for the items of a list). */
const SCHEMA_TYPES: Record<string, ValueType> = {
  replicaCount: int(1),
  ...under('image', {
    '': MAP,
    '.registry': STRING,
    '.repository': STRING,
    '.pullPolicy': oneOf('Always', 'IfNotPresent', 'Never'),
    '.tag': STRING,
  }),
  ...under('imagePullSecrets', { '': LIST, '[]': MAP, '[].name': STRING }),
  nameOverride: STRING,
  fullnameOverride: STRING,
  namespaceOverride: STRING,
  ...under('initContainers', {
    '': LIST,
    '[]': MAP,
    '[].name': STRING,
    '[].image': STRING,
    '[].imagePullPolicy': oneOf('Always', 'IfNotPresent', 'Never'),
    '[].command': LIST,
    '[].command[]': STRING,
    '[].args': LIST,
    '[].args[]': STRING,
    ...under('[].resources', CONTAINER_RESOURCES),
    '[].env': LIST,
    '[].env[]': MAP,
    '[].env[].name': STRING,
    '[].env[].value': STRING,
    '[].volumeMounts': LIST,
    '[].volumeMounts[]': MAP,
    '[].volumeMounts[].name': STRING,
    '[].volumeMounts[].mountPath': STRING,
    '[].volumeMounts[].readOnly': BOOLEAN,
  }),
  ...under('config', {
    '': MAP,
    '.baseURL': STRING,
    '.sessionTTL': int(1, 31536000),
    '.podDebugImage': STRING,
    '.nodeShellImage': STRING,
    '.nodeShellNamespace': STRING,
    '.unsafeUseServiceAccountToken': BOOLEAN,
    '.serviceAccountTokenPath': STRING,
    '.pluginsDir': STRING,
    '.staticPlugins': map({ closed: true }),
    '.staticPlugins.enabled': BOOLEAN,
    '.tlsCertPath': STRING,
    '.tlsKeyPath': STRING,
    '.extraArgs': LIST,
    '.extraArgs[]': STRING,
  }),
  ...under('config.oidc', {
    '': MAP,
    '.secret': MAP,
    '.secret.name': STRING,
    '.secret.create': BOOLEAN,
    '.clientID': STRING,
    '.clientSecret': STRING,
    '.issuerURL': STRING,
    '.scopes': STRING,
    '.usePKCE': BOOLEAN,
    '.externalSecret': MAP,
    '.externalSecret.name': STRING,
    '.externalSecret.enabled': BOOLEAN,
    '.externalSecret.hasScopes': BOOLEAN,
  }),
  ...under('config.clusterInventory', {
    '': MAP,
    '.enabled': BOOLEAN,
    '.accessProvidersConfig': MAP,
    '.plugins': LIST,
    '.plugins[]': map({ required: ['name', 'image', 'mountPath'], closed: true }),
    '.plugins[].name': custom('pattern', 'a DNS label (lower case, digits, -; at most 63)', (x) =>
      typeof x === 'string' && x.length <= 63 && DNS_LABEL.test(x) ? x : DOES_NOT_FIT,
    ),
    '.plugins[].image': STRING,
    '.plugins[].mountPath': custom('pattern', "an absolute path (starting with '/')", (x) =>
      typeof x === 'string' && x.startsWith('/') ? x : DOES_NOT_FIT,
    ),
    '.labelSelector': STRING,
    '.rootReconcileInterval': STRING,
    '.noCRDCacheTTL': STRING,
    '.namespaces': custom('anyOf', "a list of distinct namespace names, or ['*'] alone", (x) =>
      Array.isArray(x) &&
      new Set(x).size === x.length &&
      ((x.length === 1 && x[0] === '*') || x.every((n) => typeof n === 'string' && n.length <= 63 && DNS_LABEL.test(n)))
        ? x
        : DOES_NOT_FIT,
    ),
  }),
  ...under('env', {
    '': LIST,
    '[]': custom(
      'oneOf',
      'a map with a name and one of value and valueFrom',
      (x) => (exactlyOne(x, ['value', 'valueFrom']) ? x : DOES_NOT_FIT),
      {
        required: ['name'],
        closed: true,
        hint: (x) => (isMap(x) ? `(it has ${'value' in x ? 'both' : 'neither'})` : undefined),
      },
    ),
    '[].name': STRING,
    '[].value': STRING,
    '[].valueFrom': custom(
      'oneOf',
      `a map with one of ${ENV_REFS.join(', ')}`,
      (x) => (exactlyOne(x, ENV_REFS) ? x : DOES_NOT_FIT),
      { closed: true },
    ),
    ...under('[].valueFrom.secretKeyRef', {
      '': map({ required: ['key'], closed: true }),
      '.name': STRING,
      '.key': STRING,
      '.optional': BOOLEAN,
    }),
    ...under('[].valueFrom.configMapKeyRef', {
      '': map({ required: ['key'], closed: true }),
      '.name': STRING,
      '.key': STRING,
      '.optional': BOOLEAN,
    }),
    ...under('[].valueFrom.fieldRef', {
      '': map({ required: ['fieldPath'], closed: true }),
      '.apiVersion': STRING,
      '.fieldPath': STRING,
    }),
    ...under('[].valueFrom.resourceFieldRef', {
      '': map({ required: ['resource'], closed: true }),
      '.containerName': STRING,
      '.resource': STRING,
      '.divisor': STRING,
    }),
  }),
  automountServiceAccountToken: BOOLEAN,
  ...under('serviceAccount', { '': MAP, '.create': BOOLEAN, ...under('.annotations', textMap(MAP)), '.name': STRING }),
  ...under('clusterRoleBinding', {
    '': MAP,
    '.create': BOOLEAN,
    '.clusterRoleName': STRING,
    ...under('.annotations', textMap(MAP)),
  }),
  ...under('service', {
    '': MAP,
    '.type': oneOf('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'),
    '.port': INTEGER,
    '.appProtocol': nullable(STRING),
    '.clusterIP': STRING,
    '.loadBalancerIP': STRING,
    '.loadBalancerSourceRanges': LIST,
    '.loadBalancerSourceRanges[]': STRING,
    '.nodePort': nullable(INTEGER),
    '.extraServicePorts': LIST,
    '.extraServicePorts[]': map({ required: ['name', 'port'] }),
    '.extraServicePorts[].name': STRING,
    '.extraServicePorts[].port': INTEGER,
    '.extraServicePorts[].targetPort': {
      chart: 'integer|string',
      expected: 'a port number or name',
      read: (x) => (Number.isInteger(x) || typeof x === 'string' ? x : DOES_NOT_FIT),
    },
    '.extraServicePorts[].protocol': oneOf('TCP', 'UDP', 'SCTP'),
    '.extraServicePorts[].nodePort': nullable(INTEGER),
  }),
  ...under('persistentVolumeClaim', {
    '': MAP,
    '.enabled': BOOLEAN,
    ...under('.annotations', textMap(MAP)),
    '.accessModes': LIST,
    '.accessModes[]': STRING,
    '.size': STRING,
    '.storageClassName': STRING,
    '.selector': MAP,
    '.selector.matchLabels': MAP,
    '.selector.matchExpressions': LIST,
    '.selector.matchExpressions[]': MAP,
    '.selector.matchExpressions[].key': STRING,
    '.selector.matchExpressions[].operator': STRING,
    '.selector.matchExpressions[].values': LIST,
    '.selector.matchExpressions[].values[]': STRING,
    '.volumeMode': STRING,
  }),
  ...under('ingress', {
    '': MAP,
    '.enabled': BOOLEAN,
    ...under('.annotations', textMap(MAP)),
    '.ingressClassName': STRING,
    '.hosts': LIST,
    '.hosts[]': MAP,
    '.hosts[].host': STRING,
    '.hosts[].paths': LIST,
    '.hosts[].paths[]': map({ required: ['path', 'type'] }),
    '.hosts[].paths[].path': STRING,
    '.hosts[].paths[].type': STRING,
    '.hosts[].paths[].backend': MAP,
    '.hosts[].paths[].backend.service': MAP,
    '.hosts[].paths[].backend.service.name': STRING,
    '.hosts[].paths[].backend.service.port': custom('oneOf', 'a map with one of number and name', (x) =>
      exactlyOne(x, ['number', 'name']) ? x : DOES_NOT_FIT,
    ),
    '.hosts[].paths[].backend.service.port.number': INTEGER,
    '.hosts[].paths[].backend.service.port.name': STRING,
    '.tls': LIST,
    '.tls[]': MAP,
    '.tls[].secretName': STRING,
    '.tls[].hosts': LIST,
    '.tls[].hosts[]': STRING,
  }),
  ...under('httpRoute', {
    '': MAP,
    '.enabled': BOOLEAN,
    ...under('.annotations', textMap(MAP)),
    ...under('.labels', textMap(MAP)),
    '.parentRefs': LIST,
    '.parentRefs[]': map({ required: ['name'] }),
    '.parentRefs[].name': STRING,
    '.parentRefs[].namespace': STRING,
    '.parentRefs[].sectionName': STRING,
    '.hostnames': LIST,
    '.hostnames[]': STRING,
    '.rules': LIST,
    '.rules[]': MAP,
  }),
  ...under('podDisruptionBudget', {
    '': MAP,
    '.enabled': BOOLEAN,
    '.minAvailable': PDB_COUNT,
    '.maxUnavailable': PDB_COUNT,
    '.unhealthyPodEvictionPolicy': custom('oneOf', 'IfHealthyBudget or AlwaysAllow', (x) =>
      x === 'IfHealthyBudget' || x === 'AlwaysAllow' ? x : DOES_NOT_FIT,
    ),
  }),
  ...under('extraManifests', { '': LIST, '[]': STRING }),
  ...under('probes', {
    '': MAP,
    '.scheme': oneOf('HTTP', 'HTTPS'),
    ...under('.livenessProbe', PROBE(int(1, 1))),
    ...under('.readinessProbe', PROBE(int(1))),
  }),
  ...under('hostAliases', {
    '': LIST,
    '[]': map({ required: ['ip', 'hostnames'], closed: true }),
    '[].ip': STRING,
    '[].hostnames': LIST,
    '[].hostnames[]': STRING,
  }),
};

/**
 * Keys the schema leaves untyped that the migration reads, typed the way the chart's templates read them: a
 * switch its template tests with `if`, text it prints, or a map or list it renders into an object with toYaml
 * (where Kubernetes would refuse anything else).
 */
const UNTYPED_KEYS: Record<string, ValueType> = {
  ...under('config', {
    '.inCluster': SWITCH,
    '.inClusterContextName': TEXT,
    '.enableHelm': SWITCH,
    '.watchPlugins': SWITCH,
    '.oidc.callbackURL': TEXT,
    '.oidc.validatorClientID': TEXT,
    '.oidc.validatorIssuerURL': TEXT,
    '.oidc.meUserInfoURL': TEXT,
    '.oidc.useAccessToken': SWITCH,
    '.oidc.useCookie': SWITCH,
    '.clusterInventory.accessProvidersConfig.providers': ANY_LIST,
  }),
  hostUsers: BARE_BOOLEAN,
  ...under('deploymentAnnotations', textMap(ANY_MAP)),
  ...under('podAnnotations', textMap(ANY_MAP)),
  ...under('podLabels', textMap(ANY_MAP)),
  ...under('service.annotations', textMap(ANY_MAP)),
  ...under('ingress.labels', textMap(ANY_MAP)),
  ...under('nodeSelector', textMap(ANY_MAP)),
  ...under('podSecurityContext', {
    '': ANY_MAP,
    '.runAsUser': K8S_INTEGER,
    '.runAsGroup': K8S_INTEGER,
    '.fsGroup': K8S_INTEGER,
  }),
  ...under('securityContext', {
    '': ANY_MAP,
    '.runAsUser': K8S_INTEGER,
    '.runAsGroup': K8S_INTEGER,
    '.privileged': K8S_BOOLEAN,
  }),
  ...under('resources', {
    '': ANY_MAP,
    '.limits': ANY_MAP,
    '.limits.cpu': QUANTITY,
    '.limits.memory': QUANTITY,
    '.requests': ANY_MAP,
    '.requests.cpu': QUANTITY,
    '.requests.memory': QUANTITY,
  }),
  affinity: ANY_MAP,
  tolerations: ANY_LIST,
  'tolerations[]': ANY_MAP,
  topologySpreadConstraints: ANY_LIST,
  'topologySpreadConstraints[]': ANY_MAP,
  extraContainers: ANY_LIST,
  'extraContainers[]': ANY_MAP,
  priorityClassName: TEXT,
  ...under('volumes', {
    '': ANY_LIST,
    '[]': { ...map({ required: ['name'] }), chart: undefined },
    '[].name': K8S_STRING,
    '[].secret': ANY_MAP,
    '[].secret.secretName': K8S_STRING,
  }),
  ...under('volumeMounts', {
    '': ANY_LIST,
    '[]': { ...map({ required: ['name', 'mountPath'] }), chart: undefined },
    '[].name': K8S_STRING,
    '[].mountPath': K8S_STRING,
  }),
  ...under('pluginsManager', {
    '': ANY_MAP,
    '.enabled': SWITCH,
    '.configFile': TEXT,
    '.configContent': TEXT,
    '.baseImage': TEXT,
    '.version': TEXT,
    '.volumeMounts': ANY_LIST,
    '.securityContext': ANY_MAP,
  }),
};

/** The type of every values key the migration checks. */
export const CHART_VALUE_TYPES: Readonly<Record<string, ValueType>> = { ...SCHEMA_TYPES, ...UNTYPED_KEYS };

const TEMPLATES_FAIL = "helm fails on it: the chart's templates read the keys under it";
/**
 * Keys helm does not take as `null` (checked with helm template of chart 0.45.0): sections its templates read
 * into, and env, which has no default for a null to delete.
 */
export const NULL_REFUSED: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    [
      'image',
      'config',
      'config.oidc',
      'config.oidc.secret',
      'config.oidc.externalSecret',
      'serviceAccount',
      'clusterRoleBinding',
      'service',
      'persistentVolumeClaim',
      'ingress',
      'httpRoute',
      'probes',
      'probes.livenessProbe',
      'probes.readinessProbe',
      'pluginsManager',
      'podDisruptionBudget',
    ].map((k) => [k, TEMPLATES_FAIL]),
  ),
  env: 'helm refuses it: env has no default for a null to fall back on',
};
