/**
 * Migration from the official Headlamp Helm chart (0.45 values schema): reads a `values.yaml` of the chart and
 * builds the equivalent hardened constructs, with one note per value carried over differently (and why). A value
 * that cannot be carried over without an unsafe choice is refused with {@link ChartMigrationRefusal}, naming the
 * values key and the way out; so is a value the library does not support. Unknown keys are errors.
 */
import { Chart, Duration } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { HeadlampValidationError, rewritePropPath } from '../core/errors';
import { HeadlampAuth } from '../auth/headlamp-auth';
import { HeadlampDeployment, HeadlampDeploymentProps, ImagePullPolicy, ServiceType } from '../deployment/headlamp-deployment';
import { HeadlampHttpRoute } from '../routes/headlamp-http-route';
import { HeadlampIngress, IngressController, IngressTls } from '../routes/headlamp-ingress';
import { HeadlampPlugins } from '../deployment/headlamp-plugins';
import { LoginRole } from '../auth/login-role';
import { OidcConfig, OidcConfigProps } from '../auth/oidc-config';
import { OidcClientSecret } from '../auth/oidc-references';
import { ChartMigrationOptions, DeploymentProps, MigrationNote, nonEmpty, refuse, ValuesKeys } from './migration/context';
import { chartValues } from './migration/known-keys';
import { coded, codedContainer, codedServicePort, codedVolume, deploymentSource, enumMember, mainTs, quote, toTs } from './migration/starting-point';
import { refuseUnsupported } from './migration/unsupported';

export { ChartMigrationOptions, ChartMigrationRefusal, MigrationNote } from './migration/context';

/** The result of {@link migrateChartValues}. */
export interface ChartMigration {
  /** The Chart with the Headlamp (and its Ingress or HTTPRoute). */
  readonly chart: Chart;
  /** The Headlamp. */
  readonly headlamp: HeadlampDeployment;
  /** One note per value carried over differently. */
  readonly notes: MigrationNote[];
  /**
   * A TypeScript app (`main.ts`) equivalent to the values, written with the typed API: a starting point to copy.
   * A plaintext client secret is never in it: it references the Secret the migration wrote (create it yourself).
   */
  readonly typescript: string;
}

/** Where a construct's prop came from in the chart values, for errors: the first matching prefix wins. */
const VALUES_KEYS: ValuesKeys = [
  ['props.auth.oidc.issuerUrl', 'config.oidc.issuerURL'], ['props.auth.oidc.clientId', 'config.oidc.clientID'],
  ['props.auth.oidc.scopes', 'config.oidc.scopes'], ['props.auth.oidc.callbackUrl', 'config.oidc.callbackURL'],
  ['props.auth.oidc.userInfoUrl', 'config.oidc.meUserInfoURL'], ['props.auth.oidc.validatorIssuerUrl', 'config.oidc.validatorIssuerURL'],
  ['props.auth.oidc.validatorClientId', 'config.oidc.validatorClientID'], ['props.auth.oidc.publicUrl', '--public-url'],
  ['props.auth.oidc', 'config.oidc'], ['props.extraArgs', 'config.extraArgs'], ['props.extraEnv', 'env'], ['props.extraEnvVars', 'env'],
  ['props.image', 'image'], ['props.replicas', 'replicaCount'], ['props.name', 'fullnameOverride'], ['props.baseUrl', 'config.baseURL'],
  ['props.pluginsDir', 'config.pluginsDir'], ['props.inClusterContextName', 'config.inClusterContextName'], ['props.sessionTtl', 'config.sessionTTL'],
  ['props.service.extraPorts', 'service.extraServicePorts'], ['props.service', 'service'], ['props.security', 'securityContext'],
  ['props.extraVolumes', 'volumes'], ['props.extraVolumeMounts', 'volumeMounts'], ['props.labels', 'podLabels'],
  ['props.hosts', 'ingress.hosts'], ['props.annotations', 'ingress.annotations'], ['props.tls', 'ingress.tls'],
  ['props.plugins', 'pluginsManager'], ['props.clusterInventory.providers', 'config.clusterInventory.accessProvidersConfig.providers'],
  ['props.clusterInventory', 'config.clusterInventory'], ['chart.namespace', 'namespaceOverride'], ['props', ''],
];

/** Re-states a construct's error with the values keys it came from. */
function inValuesTerms(err: unknown): unknown {
  if (!(err instanceof HeadlampValidationError) || err.constructType === 'chart values') return err;
  return new HeadlampValidationError('chart values', '', err.issues.map((issue) => {
    const key = rewritePropPath(issue.propPath, VALUES_KEYS) || issue.propPath;
    return { propPath: key, message: `${issue.message} (${err.constructType} ${issue.propPath})` };
  }));
}

/** Builds Headlamp from a values file of the official chart into `scope` (an App). */
export function migrateChartValues(scope: Construct, raw: unknown, options: ChartMigrationOptions = {}): ChartMigration {
  try {
    return migrate(scope, raw, options);
  } catch (err) {
    throw inValuesTerms(err);
  }
}

function migrate(scope: Construct, raw: unknown, options: ChartMigrationOptions): ChartMigration {
  const v = chartValues(raw);
  const notes: MigrationNote[] = [];
  const note = (key: string, message: string, flags: string[] = []) => notes.push({ key, flags, message });
  refuseUnsupported(v);

  const namespace = v.namespaceOverride || options.namespace || 'headlamp';
  const release = options.releaseName ?? 'headlamp';
  const chartName = v.nameOverride || 'headlamp';
  const name = (v.fullnameOverride || (release.includes(chartName) ? release : `${release}-${chartName}`)).slice(0, 50);
  const chart = new Chart(scope, release, { namespace, disableResourceNameHashes: true });
  const props: DeploymentProps = { name };

  // Image.
  if (v.replicaCount !== undefined) props.replicas = v.replicaCount;
  const image = v.image ?? {};
  props.image = {
    registry: image.registry || undefined,
    repository: image.repository || undefined,
    tag: image.tag || undefined,
    pullPolicy: enumMember(ImagePullPolicy, 'ImagePullPolicy', image.pullPolicy).value,
    pullSecrets: (v.imagePullSecrets ?? []).map((s: { name: string }) => s.name).filter(Boolean),
  };
  if (!props.image.pullSecrets!.length) props.image = { ...props.image, pullSecrets: undefined };

  // Server settings.
  const config = v.config ?? {};
  props.inClusterContextName = config.inClusterContextName ?? 'main';
  if (config.baseURL) props.baseUrl = config.baseURL;
  props.sessionTtl = coded(Duration.seconds(config.sessionTTL ?? 86400), `Duration.seconds(${config.sessionTTL ?? 86400})`);
  props.pluginsDir = config.pluginsDir || '/headlamp/plugins';
  if (config.enableHelm) props.enableHelm = true;
  const extraArgs: string[] = [...(config.extraArgs ?? [])];
  if (config.watchPlugins) extraArgs.push('-watch-plugins-changes');
  for (const [key, flag] of [['podDebugImage', 'pod-debug-image'], ['nodeShellImage', 'node-shell-image'], ['nodeShellNamespace', 'node-shell-namespace']]) {
    if (config[key]) extraArgs.push(`-${flag}=${config[key]}`);
  }
  if (extraArgs.length) props.extraArgs = extraArgs;

  // Environment: the chart's "OIDC directly from env" values, plain values and valueFrom references.
  const extraEnv: Record<string, string> = {};
  const extraEnvVars: k8s.EnvVar[] = [];
  const oidcFromEnv: Record<string, string> = {};
  (v.env ?? []).forEach((e: { name: string; value?: string; valueFrom?: unknown }, i: number) => {
    if (/^(OIDC_|ME_USER_INFO_URL$)/.test(e.name) && e.value !== undefined) {
      if (e.name === 'OIDC_CLIENT_SECRET' && !options.unsafePlaintextSecrets) {
        refuse(`env[${i}]`, 'OIDC_CLIENT_SECRET as a plain value writes the client secret into the manifests; keep it in a Secret you ' +
          'create and use config.oidc.externalSecret (or an env valueFrom secretKeyRef), or pass --unsafe-plaintext-secrets');
      }
      oidcFromEnv[e.name] = String(e.value);
    } else if (e.valueFrom !== undefined) {
      extraEnvVars.push(e as k8s.EnvVar);
    } else {
      extraEnv[e.name] = String(e.value ?? '');
    }
  });
  if (config.staticPlugins?.enabled === false) extraEnv.HEADLAMP_STATIC_PLUGINS_DIR = '';
  if (Object.keys(extraEnv).length) props.extraEnv = extraEnv;
  if (extraEnvVars.length) props.extraEnvVars = extraEnvVars;

  // Login mode.
  const oidc = config.oidc ?? {};
  const ingressHost: string | undefined = v.ingress?.enabled ? v.ingress?.hosts?.[0]?.host : undefined;
  const publicUrl = options.publicUrl ?? (ingressHost ? `https://${ingressHost}` : undefined);
  const setting = (key: string, envName: string): string | undefined => (oidc[key] ? String(oidc[key]) : oidcFromEnv[envName]);
  const oidcShared = (): Partial<OidcConfigProps> => {
    const callbackUrl = setting('callbackURL', 'OIDC_CALLBACK_URL');
    if (!callbackUrl && !publicUrl) {
      refuse('config.oidc.callbackURL', 'cdk8s-headlamp passes the OIDC callback URL explicitly; set config.oidc.callbackURL, an ingress ' +
        'host, or --public-url https://<host>');
    }
    if (!callbackUrl) {
      note('config.oidc.callbackURL', `set to ${publicUrl}${config.baseURL ?? ''}/oidc-callback: passed explicitly, so it never depends on ` +
        'the ingress forwarding X-Forwarded-Proto', ['oidc-callback-url']);
    }
    if (oidc.usePKCE !== true && setting('usePKCE', 'OIDC_USE_PKCE') !== 'true') {
      note('config.oidc.usePKCE', 'PKCE on (the library default: it protects the authorization code; Headlamp v0.37+)', ['oidc-use-pkce']);
    }
    if (!oidc.externalSecret?.enabled) {
      note('config.oidc', 'Headlamp\'s -me-username-path/-me-groups-path follow the claim mapping the API server uses (email, groups)',
        ['me-username-path', 'me-groups-path']);
    }
    return { ...(callbackUrl ? { callbackUrl } : { publicUrl }), usePkce: true, useCookie: oidc.useCookie || undefined };
  };
  if (oidc.externalSecret?.enabled) {
    const settings = { secretName: oidc.externalSecret.name, ...oidcShared() };
    props.auth = coded(HeadlampAuth.oidc(OidcConfig.fromSettingsSecret(settings)), `HeadlampAuth.oidc(OidcConfig.fromSettingsSecret(${toTs(settings)}))`);
    note('config.oidc.externalSecret', `Secret ${oidc.externalSecret.name} is read key by key into Headlamp's HEADLAMP_CONFIG_OIDC_* env ` +
      `vars; OIDC_SCOPES is optional (read when present${oidc.externalSecret.hasScopes ? '; the chart requires it with hasScopes' : ''}), ` +
      'and no other key of the Secret becomes an env var', ['oidc-scopes']);
  } else if (setting('clientID', 'OIDC_CLIENT_ID') || setting('issuerURL', 'OIDC_ISSUER_URL')) {
    const secret = setting('clientSecret', 'OIDC_CLIENT_SECRET');
    if (secret && !options.unsafePlaintextSecrets) {
      refuse('config.oidc.clientSecret', 'a client secret in values ends up in plain text in the manifests; keep it in a Secret you create ' +
        '(External Secrets, SealedSecrets) and set config.oidc.externalSecret.enabled and .name, or pass --unsafe-plaintext-secrets');
    }
    const given = setting('scopes', 'OIDC_SCOPES');
    const scopes = given?.split(/[\s,]+/).filter(Boolean);
    if (given && scopes!.join(',') !== given) {
      note(oidc.scopes ? 'config.oidc.scopes' : 'env', `'${given}' passed as '${scopes!.join(',')}': Headlamp splits -oidc-scopes on commas`, ['oidc-scopes']);
    }
    const userInfo = setting('meUserInfoURL', 'ME_USER_INFO_URL');
    const oidcProps = {
      clientId: setting('clientID', 'OIDC_CLIENT_ID') ?? '',
      issuerUrl: setting('issuerURL', 'OIDC_ISSUER_URL') ?? '',
      ...(secret ? { clientSecret: coded(OidcClientSecret.unsafePlaintextInManifests(secret),
        `OidcClientSecret.fromSecret(${quote(`${name}-oidc`)}, 'client-secret') /* create this Secret; never put the value here */`) } : {}),
      ...(scopes?.length ? { scopes } : {}),
      useAccessToken: (oidc.useAccessToken === true || setting('useAccessToken', 'OIDC_USE_ACCESS_TOKEN') === 'true') || undefined,
      validatorClientId: setting('validatorClientID', 'OIDC_VALIDATOR_CLIENT_ID'),
      validatorIssuerUrl: setting('validatorIssuerURL', 'OIDC_VALIDATOR_ISSUER_URL'),
      userInfoUrl: userInfo,
      ...oidcShared(),
    } as OidcConfigProps;
    props.auth = coded(HeadlampAuth.oidc(new OidcConfig(oidcProps)), `HeadlampAuth.oidc(new OidcConfig(${toTs(oidcProps)}))`);
    if (secret) {
      note('config.oidc.clientSecret', `written into Secret ${name}-oidc (--unsafe-plaintext-secrets) and read as HEADLAMP_CONFIG_OIDC_CLIENT_SECRET, ` +
        'never on the command line');
    }
  } else {
    const userInfo = setting('meUserInfoURL', 'ME_USER_INFO_URL');
    if (userInfo) note(oidc.meUserInfoURL ? 'config.oidc.meUserInfoURL' : 'env', 'dropped: -me-user-info-url applies to OIDC login, which these values do not configure', ['me-user-info-url']);
  }
  if (oidc.secret?.create !== false && (oidc.clientID || oidc.issuerURL)) {
    note('config.oidc.secret.create', 'no chart-style Secret of OIDC settings: non-secret settings are flags, the client secret a Secret reference');
  }
  if (config.unsafeUseServiceAccountToken) {
    if (!options.unsafeSharedServiceAccountToken) {
      refuse('config.unsafeUseServiceAccountToken', 'everyone who reaches the UI would act as Headlamp\'s ServiceAccount; remove it (users log in ' +
        'with their own token or OIDC), or pass --unsafe-shared-service-account-token');
    }
    if (props.auth) refuse('config.unsafeUseServiceAccountToken', 'cannot be combined with OIDC login; pick one');
    props.auth = coded(HeadlampAuth.unsafeSharedServiceAccountToken({ role: LoginRole.view() }),
      'HeadlampAuth.unsafeSharedServiceAccountToken({ role: LoginRole.view() })');
    note('config.unsafeUseServiceAccountToken', `the shared ServiceAccount is bound to view, not ${v.clusterRoleBinding?.clusterRoleName ?? 'cluster-admin'} ` +
      '(least privilege; LoginRole.clusterAdmin() by name in TypeScript)');
    if (config.serviceAccountTokenPath) {
      note('config.serviceAccountTokenPath', 'dropped: Headlamp reads the mounted ServiceAccount token', ['service-account-token-path']);
    }
  }
  if (!config.unsafeUseServiceAccountToken && v.clusterRoleBinding?.create !== false) {
    note('clusterRoleBinding.create', `dropped: Headlamp's own ServiceAccount gets no ${v.clusterRoleBinding?.clusterRoleName ?? 'cluster-admin'} binding; ` +
      'every API call carries the logged-in user\'s credentials');
  }
  if (v.automountServiceAccountToken === false) note('automountServiceAccountToken', 'kept true: -in-cluster reads the API server CA and token from it');

  // TLS inside the pod: the chart's paths must come from a Secret volume the values mount.
  if (config.tlsCertPath || config.tlsKeyPath) {
    const dir = String(config.tlsCertPath ?? config.tlsKeyPath).replace(/\/[^/]*$/, '');
    const mount = (v.volumeMounts ?? []).find((m: { mountPath: string }) => m.mountPath.replace(/\/$/, '') === dir);
    const volume = mount && (v.volumes ?? []).find((x: { name: string; secret?: { secretName: string } }) => x.name === mount.name && x.secret);
    if (!volume) refuse('config.tlsCertPath', 'expected the certificate and key from a Secret volume mounted at their directory');
    props.podTlsSecret = volume.secret.secretName;
    note('config.tlsCertPath', `the Secret ${volume.secret.secretName} (keys tls.crt, tls.key) is mounted at /etc/headlamp/tls: podTlsSecret`,
      ['tls-cert-path', 'tls-key-path']);
    v.volumes = (v.volumes ?? []).filter((x: { name: string }) => x.name !== mount.name);
    v.volumeMounts = (v.volumeMounts ?? []).filter((m: { name: string }) => m.name !== mount.name);
  }

  // Pod and Service.
  const psc = v.podSecurityContext ?? {};
  const sc = v.securityContext ?? {};
  props.security = {
    runAsUser: sc.runAsUser ?? psc.runAsUser, runAsGroup: sc.runAsGroup ?? psc.runAsGroup, fsGroup: psc.fsGroup,
    ...(v.hostUsers === false ? { userNamespace: true } : {}),
  };
  note('securityContext', 'hardened: non-root, read-only root filesystem with a /tmp emptyDir, no privilege escalation, drop ALL, ' +
    'RuntimeDefault seccomp, whatever the values say (unsafe* props of security weaken one by name)');
  if (v.podAnnotations && Object.keys(v.podAnnotations).length) props.podAnnotations = v.podAnnotations;
  if (v.podLabels && Object.keys(v.podLabels).length) {
    props.labels = v.podLabels;
    note('podLabels', 'also on the Deployment, Service and other objects (labels prop)');
  }
  if (nonEmpty(v.serviceAccount?.annotations)) props.serviceAccountAnnotations = v.serviceAccount.annotations;
  const service = v.service ?? {};
  const type = service.type as ServiceType | undefined;
  if ((type === ServiceType.NODE_PORT || type === ServiceType.LOAD_BALANCER) && !options.unsafePlainHttpService) {
    refuse('service.type', `a ${type} Service exposes Headlamp over plain HTTP outside the cluster; keep ClusterIP behind an Ingress with TLS, ` +
      'or pass --unsafe-plain-http-service when TLS terminates in front of it');
  }
  props.service = {
    type: enumMember(ServiceType, 'ServiceType', type).value,
    port: service.port,
    annotations: nonEmpty(service.annotations) ? service.annotations : undefined,
    appProtocol: service.appProtocol || undefined,
    unsafeAllowPlainHttpExposure: type === ServiceType.NODE_PORT || type === ServiceType.LOAD_BALANCER || undefined,
    extraPorts: nonEmpty(service.extraServicePorts) ? service.extraServicePorts.map(codedServicePort) : undefined,
  };
  if (nonEmpty(v.volumes)) props.extraVolumes = v.volumes.map(codedVolume);
  if (nonEmpty(v.volumeMounts)) props.extraVolumeMounts = v.volumeMounts;
  if (nonEmpty(v.initContainers)) props.initContainers = v.initContainers.map(codedContainer);
  if (nonEmpty(v.extraContainers)) props.extraContainers = v.extraContainers.map(codedContainer);
  if (nonEmpty(v.resources)) props.resources = v.resources;
  for (const key of ['nodeSelector', 'tolerations', 'affinity', 'hostAliases', 'topologySpreadConstraints', 'priorityClassName'] as const) {
    if (nonEmpty(v[key])) (props as Record<string, unknown>)[key] = v[key];
  }
  const probe = (p: Record<string, number> | undefined) => p && {
    initialDelaySeconds: p.initialDelaySeconds, periodSeconds: p.periodSeconds, timeoutSeconds: p.timeoutSeconds, failureThreshold: p.failureThreshold,
  };
  props.livenessProbe = probe(v.probes?.livenessProbe ?? { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 });
  props.readinessProbe = probe(v.probes?.readinessProbe ?? { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 });
  if (v.podDisruptionBudget?.enabled) {
    const pdb = v.podDisruptionBudget;
    props.podDisruptionBudget = {
      always: true,
      ...(pdb.maxUnavailable !== null && pdb.maxUnavailable !== undefined ? { maxUnavailable: pdb.maxUnavailable }
        : pdb.minAvailable !== null && pdb.minAvailable !== undefined ? { minAvailable: pdb.minAvailable } : {}),
      unhealthyPodEvictionPolicy: pdb.unhealthyPodEvictionPolicy ?? undefined,
    };
  }

  const inventory = config.clusterInventory ?? {};
  if (inventory.enabled) {
    if (nonEmpty(inventory.plugins)) {
      refuse('config.clusterInventory.plugins', 'access plugins are mounted as image volumes, a Kubernetes 1.33+ API outside the 1.28 API ' +
        'this library targets; use providers without execConfig, or mount the plugins yourself with volumes');
    }
    const goDuration = (key: string, s: string | undefined) => {
      if (!s) return undefined;
      const m = /^(\d+)(s|m|h)$/.exec(s);
      if (!m) refuse(`config.clusterInventory.${key}`, `expected a duration such as '30s', '5m' or '1h', got ${JSON.stringify(s)}`);
      const seconds = Number(m![1]) * { s: 1, m: 60, h: 3600 }[m![2] as 's' | 'm' | 'h'];
      return coded(Duration.seconds(seconds), `Duration.seconds(${seconds})`);
    };
    props.clusterInventory = {
      providers: inventory.accessProvidersConfig?.providers ?? [],
      labelSelector: inventory.labelSelector || undefined,
      namespaces: nonEmpty(inventory.namespaces) ? inventory.namespaces : undefined,
      rootReconcileInterval: goDuration('rootReconcileInterval', inventory.rootReconcileInterval),
      noCrdCacheTtl: goDuration('noCRDCacheTTL', inventory.noCRDCacheTTL),
    };
    note('config.clusterInventory', 'Headlamp\'s ServiceAccount has no RBAC here: grant it read access to ClusterProfiles (the chart\'s ' +
      'cluster-admin binding did) with a ClusterRole and binding of your own');
  }
  const pm = v.pluginsManager ?? {};
  if (pm.enabled) {
    if (!pm.configContent) refuse('pluginsManager.configContent', 'expected the plugins to install (pluginctl YAML); without it the sidecar installs nothing');
    if (!pm.version || pm.version === 'latest') {
      refuse('pluginsManager.version', `expected a pinned pluginctl version such as '0.1.2', got ${JSON.stringify(pm.version ?? 'latest')} (it changes under you)`);
    }
    if (!options.unsafePluginDownloadsFromAnyHost) {
      refuse('pluginsManager.enabled', 'the plugin manager downloads plugins at run time from hosts chart values cannot name; pass ' +
        '--unsafe-plugin-downloads-from-any-host, or use HeadlampPlugins.fromPluginManager({ downloadCidrs }) or .fromImage(...) in TypeScript');
    }
    if (nonEmpty(pm.volumeMounts)) refuse('pluginsManager.volumeMounts', 'the plugin manager mounts only the plugins directory, its config and /tmp');
    const manager = { config: pm.configContent, image: pm.baseImage ?? 'node:lts-alpine', pluginctlVersion: pm.version, unsafeAllowAnyDownloadHost: true };
    props.plugins = coded(HeadlampPlugins.fromPluginManager(manager), `HeadlampPlugins.fromPluginManager(${toTs(manager)})`);
    note('pluginsManager', 'a hardened sidecar (read-only root filesystem, writable plugins directory and /tmp only); Headlamp mounts the ' +
      'plugins read-only; downloads allowed on 443 to any address (--unsafe-plugin-downloads-from-any-host)');
  }

  const headlamp = new HeadlampDeployment(chart, 'headlamp', props as HeadlampDeploymentProps);
  const source: string[] = [deploymentSource(props)];

  // Routes.
  if (v.ingress?.enabled) {
    const ing = v.ingress;
    const hosts: string[] = (ing.hosts ?? []).map((h: { host: string }) => h.host);
    type ChartPath = { path: string; type?: string; backend?: { service?: { name?: string; port?: { name?: string; number?: number } } } };
    const own = config.baseURL || '/';
    const pathsOf = (i: number) => (ing.hosts[i].paths ?? []) as ChartPath[];
    const extraPaths = pathsOf(0).filter((p) => p.path !== own || p.backend).map((p, j) => {
      const at = `ingress.hosts[0].paths[${j}]`;
      const svc = p.backend?.service;
      const serviceName = svc?.name?.replace(/\{\{\s*\.Release\.Name\s*\}\}/g, release);
      if (serviceName?.includes('{{')) refuse(`${at}.backend.service.name`, 'only {{ .Release.Name }} is understood in a service name; write the name');
      const port = svc?.port?.number ?? svc?.port?.name;
      if (port === undefined) refuse(at, 'a second path to Headlamp itself is not supported (Headlamp is served at its base URL)');
      return { path: p.path, pathType: (p.type as 'Prefix' | 'Exact' | undefined) ?? 'Prefix', serviceName: serviceName === name ? undefined : serviceName, port: port! };
    });
    (ing.hosts ?? []).forEach((_: unknown, i: number) => {
      if (JSON.stringify(pathsOf(i)) !== JSON.stringify(pathsOf(0))) refuse(`ingress.hosts[${i}].paths`, 'every host gets the same paths here; give hosts with other paths an Ingress of their own');
    });
    const secretName = ing.tls?.[0]?.secretName;
    const issuer = ing.annotations?.['cert-manager.io/cluster-issuer'];
    if (!secretName && !issuer) {
      refuse('ingress.tls', 'an Ingress without TLS would carry tokens in clear text; add ingress.tls with a secretName, or a ' +
        'cert-manager.io/cluster-issuer annotation');
    }
    const annotations = { ...ing.annotations };
    delete annotations['cert-manager.io/cluster-issuer'];
    const nginx = ing.ingressClassName === 'nginx';
    const ingressProps = {
      headlamp, hosts,
      tls: issuer ? coded(IngressTls.certManager(issuer, { secretName }), `IngressTls.certManager(${quote(issuer)}${secretName ? `, { secretName: ${quote(secretName)} }` : ''})`)
        : coded(IngressTls.fromSecret(secretName), `IngressTls.fromSecret(${quote(secretName)})`),
      controller: nginx ? IngressController.INGRESS_NGINX : IngressController.TRAEFIK,
      ingressClassName: ing.ingressClassName || undefined,
      annotations: Object.keys(annotations).length ? annotations : undefined,
      labels: nonEmpty(ing.labels) ? ing.labels : undefined,
      extraPaths: extraPaths.length ? extraPaths : undefined,
    };
    new HeadlampIngress(chart, 'ingress', ingressProps);
    // The enum member by name, the Headlamp by its variable.
    const controllerTs = coded({}, nginx ? 'IngressController.INGRESS_NGINX' : 'IngressController.TRAEFIK');
    source.push(`new HeadlampIngress(chart, 'ingress', ${toTs({ ...ingressProps, headlamp: coded({}, 'headlamp'), controller: controllerTs })});`);
    note('ingress', 'HTTPS redirect and HSTS added (ingress-nginx annotations, or a Traefik headers Middleware)');
  }
  if (v.httpRoute?.enabled) {
    const ref = v.httpRoute.parentRefs?.[0];
    if (!ref?.sectionName) {
      refuse('httpRoute.parentRefs[0].sectionName', 'name the Gateway\'s HTTPS listener, so the route is never served on plain HTTP');
    }
    if (nonEmpty(v.httpRoute.rules)) refuse('httpRoute.rules', 'custom rules are not supported; the route sends the base URL to Headlamp');
    const routeProps = {
      hostnames: v.httpRoute.hostnames, gateway: { name: ref.name, namespace: ref.namespace, sectionName: ref.sectionName },
      labels: nonEmpty(v.httpRoute.labels) ? v.httpRoute.labels : undefined,
    };
    new HeadlampHttpRoute(chart, 'route', { headlamp, ...routeProps });
    source.push(`new HeadlampHttpRoute(chart, 'route', { headlamp, ...${toTs(routeProps)} });`);
  }
  return { chart, headlamp, notes, typescript: mainTs(release, namespace, source, notes) };
}
