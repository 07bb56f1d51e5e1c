// The keys of the official chart's values, and the check that a values file uses no other.
import { HeadlampValidationError } from '../../core/errors';
import { CHART_VALUE_TYPES, NULL_REFUSED } from './chart-value-types';
import { Values } from './context';
import { readValueTypes } from './value-types';

/**
 * Every key of the chart's 0.45 values (values.yaml and values.schema.json): `true` for a leaf, `'*'` for a
 * free-form map or list, a nested object for a section.
 */
const KNOWN: Record<string, unknown> = {
  replicaCount: true,
  image: { registry: true, repository: true, pullPolicy: true, tag: true },
  imagePullSecrets: '*',
  nameOverride: true,
  fullnameOverride: true,
  namespaceOverride: true,
  initContainers: '*',
  extraContainers: '*',
  config: {
    inCluster: true,
    inClusterContextName: true,
    baseURL: true,
    sessionTTL: true,
    unsafeUseServiceAccountToken: true,
    serviceAccountTokenPath: true,
    oidc: {
      secret: { create: true, name: true },
      clientID: true,
      clientSecret: true,
      issuerURL: true,
      scopes: true,
      callbackURL: true,
      validatorClientID: true,
      validatorIssuerURL: true,
      useAccessToken: true,
      usePKCE: true,
      useCookie: true,
      externalSecret: { enabled: true, name: true, hasScopes: true },
      meUserInfoURL: true,
    },
    pluginsDir: true,
    staticPlugins: { enabled: true },
    enableHelm: true,
    watchPlugins: true,
    podDebugImage: true,
    nodeShellImage: true,
    nodeShellNamespace: true,
    tlsCertPath: true,
    tlsKeyPath: true,
    clusterInventory: {
      enabled: true,
      accessProvidersConfig: '*',
      plugins: '*',
      labelSelector: true,
      namespaces: '*',
      rootReconcileInterval: true,
      noCRDCacheTTL: true,
    },
    extraArgs: '*',
  },
  env: '*',
  automountServiceAccountToken: true,
  serviceAccount: { create: true, annotations: '*', name: true },
  clusterRoleBinding: { create: true, clusterRoleName: true, annotations: '*' },
  deploymentAnnotations: '*',
  podAnnotations: '*',
  podLabels: '*',
  hostUsers: true,
  podSecurityContext: '*',
  securityContext: '*',
  service: {
    annotations: '*',
    type: true,
    port: true,
    appProtocol: true,
    clusterIP: true,
    loadBalancerIP: true,
    loadBalancerSourceRanges: '*',
    nodePort: true,
    extraServicePorts: '*',
  },
  volumeMounts: '*',
  volumes: '*',
  persistentVolumeClaim: {
    enabled: true,
    annotations: '*',
    accessModes: '*',
    size: true,
    storageClassName: true,
    selector: '*',
    volumeMode: true,
  },
  ingress: { enabled: true, annotations: '*', labels: '*', ingressClassName: true, hosts: '*', tls: '*' },
  httpRoute: { enabled: true, annotations: '*', labels: '*', parentRefs: '*', hostnames: '*', rules: '*' },
  resources: '*',
  nodeSelector: '*',
  tolerations: '*',
  affinity: '*',
  hostAliases: '*',
  topologySpreadConstraints: '*',
  priorityClassName: true,
  probes: {
    scheme: true,
    livenessProbe: {
      initialDelaySeconds: true,
      periodSeconds: true,
      timeoutSeconds: true,
      successThreshold: true,
      failureThreshold: true,
    },
    readinessProbe: {
      initialDelaySeconds: true,
      periodSeconds: true,
      timeoutSeconds: true,
      successThreshold: true,
      failureThreshold: true,
    },
  },
  pluginsManager: {
    enabled: true,
    configFile: true,
    configContent: true,
    baseImage: true,
    version: true,
    volumeMounts: '*',
    securityContext: '*',
  },
  podDisruptionBudget: { enabled: true, minAvailable: true, maxUnavailable: true, unhealthyPodEvictionPolicy: true },
  extraManifests: '*',
};

/** Paths of keys the chart does not know. */
function unknownKeys(value: unknown, known: unknown, at: string): string[] {
  if (known === '*' || known === true || value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
    const path = at ? `${at}.${k}` : k;
    const next = (known as Record<string, unknown>)[k];
    return next === undefined ? [path] : unknownKeys(v, next, path);
  });
}

/** Every key of {@link KNOWN}, dotted (sections too). */
export const KNOWN_KEYS: readonly string[] = (function walk(known: Record<string, unknown>, at: string): string[] {
  return Object.entries(known).flatMap(([k, v]) => {
    const path = at ? `${at}.${k}` : k;
    return [path, ...(typeof v === 'object' ? walk(v as Record<string, unknown>, path) : [])];
  });
})(KNOWN, '');

/**
 * The values as a map of the chart's keys (none for no values), each read the way the chart reads it (a copy:
 * the caller's object is never changed), the keys given as `null`, and the keys the chart does not know but ignores
 * (`ignored`: helm renders without them). A value of the wrong type, or an unknown key in a map the chart's
 * values.schema.json closes, is an error naming each bad key, as helm's check of the schema would be.
 */
export function chartValues(raw: unknown): { values: Values; nulls: string[]; ignored: string[] } {
  if (raw !== null && raw !== undefined && (typeof raw !== 'object' || Array.isArray(raw))) {
    throw new HeadlampValidationError('chart values', '', [
      { propPath: '(top level)', message: 'expected a map of chart values' },
    ]);
  }
  const given: Values = (raw as Values) ?? {};
  const unknown = unknownKeys(given, KNOWN, '');
  const { values, issues, nulls } = readValueTypes(CHART_VALUE_TYPES, given, NULL_REFUSED);
  if (issues.length) throw new HeadlampValidationError('chart values', '', issues);
  return { values: withoutKeys(values, unknown), nulls, ignored: unknown };
}

/** The values without the keys at `paths` (dotted), as the chart reads them: unknown keys change nothing. */
function withoutKeys(values: Values, paths: readonly string[]): Values {
  for (const path of paths) {
    const parts = path.split('.');
    const parent = parts.slice(0, -1).reduce<Values | undefined>((cur, k) => cur?.[k], values);
    if (parent && typeof parent === 'object') delete parent[parts[parts.length - 1]];
  }
  return values;
}
