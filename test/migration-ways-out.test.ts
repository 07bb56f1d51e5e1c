// Issue 28: every refusal of the chart migration names a key the values file has (or the CLI option at fault) and a way out
// that works when followed. Each case is refused, names its way out, and migrates once that way out is followed (a values
// key set or removed, or a CLI option passed); every CLI option a refusal of lib/chart/migration/ suggests is followed here.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdk8s';
import { ChartMigrationOptions, ChartMigrationRefusal, HeadlampValidationError, migrateChartValues } from '../lib';

type Values = Record<string, any>;
interface WayOut {
  /** Words of the refusal that name this way out. */
  readonly named: string;
  readonly options?: ChartMigrationOptions;
  readonly values?: (v: Values) => Values;
}
interface Case {
  readonly values: Values;
  readonly options?: ChartMigrationOptions;
  /** The key refused. */
  readonly key: string;
  readonly ways: WayOut[];
}

/** The refusal (key and message), or undefined when the values migrate. */
function refusal(values: Values, options: ChartMigrationOptions = {}): { key: string; message: string } | undefined {
  const app = new App();
  try {
    migrateChartValues(app, values, { publicUrl: 'https://headlamp.example.com', ...options });
    app.synthYaml();
    return undefined;
  } catch (err) {
    if (err instanceof ChartMigrationRefusal) return { key: err.key, message: err.message };
    if (err instanceof HeadlampValidationError) return { key: err.issues[0].propPath, message: err.message };
    throw err;
  }
}

/** Whether `values` has the key (`a.b[0]['c.d']`). */
function hasKey(values: Values, key: string): boolean {
  const parts = [...key.matchAll(/([^.[\]']+)|\[(\d+)\]|\['([^']*)'\]/g)].map((x) => x[1] ?? x[2] ?? x[3]);
  let cur: any = values;
  for (const part of parts) {
    if (cur === null || typeof cur !== 'object' || !(part in cur)) return false;
    cur = cur[part];
  }
  return true;
}

const PATHS = [{ path: '/', type: 'Prefix' }];
const OIDC = { clientID: 'headlamp', issuerURL: 'https://idp.example.com' };
const INGRESS = (extra: Values = {}) => ({
  enabled: true,
  ingressClassName: 'nginx',
  hosts: [{ host: 'headlamp.example.com', paths: PATHS }],
  ...extra,
});
const TLS = { tls: [{ secretName: 'tls' }] };
const PLUGINS =
  'plugins:\n  - name: flux\n    source: ' +
  'https://artifacthub.io/packages/headlamp/headlamp-plugins/headlamp_flux\n    version: 0.5.0\n';
const without = (v: Values, dotted: string) => {
  const copy = structuredClone(v);
  const parts = dotted.split('.');
  delete parts.slice(0, -1).reduce((cur, k) => cur[k], copy)[parts[parts.length - 1]];
  return copy;
};
const ROUTE = {
  enabled: true,
  parentRefs: [{ name: 'gw', namespace: 'gateway' }],
  hostnames: ['headlamp.example.com'],
};

const CASES: Record<string, Case> = {
  'a plaintext client secret': {
    values: { config: { oidc: { ...OIDC, clientSecret: 's3cret' } } },
    key: 'config.oidc.clientSecret',
    ways: [
      { named: 'pass --unsafe-plaintext-secrets', options: { unsafePlaintextSecrets: true } },
      {
        named: 'set config.oidc.externalSecret.enabled and .name',
        values: () => ({ config: { oidc: { externalSecret: { enabled: true, name: 'oidc' } } } }),
      },
    ],
  },
  'the shared ServiceAccount token': {
    values: { config: { unsafeUseServiceAccountToken: true } },
    key: 'config.unsafeUseServiceAccountToken',
    ways: [
      { named: 'pass --unsafe-shared-service-account-token', options: { unsafeSharedServiceAccountToken: true } },
      { named: 'remove it', values: (v) => without(v, 'config.unsafeUseServiceAccountToken') },
    ],
  },
  'the shared token on an existing ServiceAccount': {
    values: { config: { unsafeUseServiceAccountToken: true }, serviceAccount: { create: false, name: 'sa' } },
    key: 'serviceAccount.create',
    options: { unsafeSharedServiceAccountToken: true },
    ways: [{ named: 'set serviceAccount.create: true', values: (v) => ({ ...v, serviceAccount: { create: true } }) }],
  },
  'a NodePort Service': {
    values: { service: { type: 'NodePort' } },
    key: 'service.type',
    ways: [
      { named: 'pass --unsafe-plain-http-service', options: { unsafePlainHttpService: true } },
      { named: 'keep ClusterIP', values: () => ({ service: { type: 'ClusterIP' } }) },
    ],
  },
  'a plugin manager with plugins to download': {
    values: { pluginsManager: { enabled: true, configContent: PLUGINS } },
    key: 'pluginsManager.enabled',
    ways: [
      { named: 'pass --unsafe-plugin-downloads-from-any-host', options: { unsafePluginDownloadsFromAnyHost: true } },
    ],
  },
  'an Ingress without TLS': {
    values: { ingress: INGRESS() },
    key: 'ingress.tls',
    ways: [
      {
        named: '--tls-terminated-upstream load-balancer|tunnel|edge-proxy',
        options: { tlsTerminatedUpstream: 'load-balancer' },
      },
      { named: 'add ingress.tls', values: () => ({ ingress: INGRESS(TLS) }) },
      {
        named: 'cert-manager.io/cluster-issuer annotation',
        values: () => ({ ingress: INGRESS({ annotations: { 'cert-manager.io/cluster-issuer': 'le' } }) }),
      },
    ],
  },
  'a wrong --tls-terminated-upstream': {
    values: { ingress: INGRESS() },
    options: { tlsTerminatedUpstream: 'cdn' },
    key: '--tls-terminated-upstream',
    ways: [{ named: 'expected load-balancer', options: { tlsTerminatedUpstream: 'load-balancer' } }],
  },
  'an Ingress without hosts': {
    values: { ingress: { enabled: true } },
    key: 'ingress.hosts',
    ways: [
      { named: 'set ingress.enabled: false', values: () => ({ ingress: { enabled: false } }) },
      { named: 'add hosts: [{ host: headlamp.example.com }]', values: () => ({ ingress: INGRESS(TLS) }) },
    ],
  },
  'a parentRef without a listener': {
    values: { httpRoute: ROUTE },
    key: 'httpRoute.parentRefs[0].sectionName',
    ways: [
      { named: 'pass --gateway-listener NAME', options: { gatewayListener: 'https' } },
      {
        named: 'add sectionName',
        values: () => ({
          httpRoute: { ...ROUTE, parentRefs: [{ name: 'gw', namespace: 'gateway', sectionName: 'https' }] },
        }),
      },
    ],
  },
  'an HTTPRoute to two pods with OIDC login': {
    values: { replicaCount: 2, config: { oidc: OIDC }, httpRoute: ROUTE },
    options: { gatewayListener: 'https' },
    key: 'httpRoute.enabled',
    ways: [
      { named: 'set replicaCount: 1', values: (v) => ({ ...v, replicaCount: 1 }) },
      { named: 'pass --gateway-provides-session-affinity', options: { gatewayProvidesSessionAffinity: true } },
    ],
  },
  '-oidc-skip-tls-verify': {
    values: { config: { oidc: OIDC, extraArgs: ['-oidc-skip-tls-verify'] } },
    key: 'config.extraArgs[0]',
    ways: [{ named: 'pass --unsafe-oidc-skip-tls-verify', options: { unsafeOidcSkipTlsVerify: true } }],
  },
  'runAsUser 0': {
    values: { securityContext: { runAsUser: 0 } },
    key: 'securityContext.runAsUser',
    ways: [
      { named: 'pass --unsafe-run-as-root', options: { unsafeRunAsRoot: true } },
      { named: 'remove securityContext.runAsUser', values: (v) => without(v, 'securityContext.runAsUser') },
    ],
  },
  '-proxy-auth behind an oauth2-proxy gate': {
    values: {
      config: { extraArgs: ['-proxy-auth'] },
      ingress: INGRESS({
        ...TLS,
        annotations: {
          'nginx.ingress.kubernetes.io/auth-url': 'http://oauth2-proxy.auth.svc.cluster.local/oauth2/auth',
          'nginx.ingress.kubernetes.io/auth-response-headers':
            'X-Forwarded-User,X-Forwarded-Group,X-Forwarded-Email,X-Forwarded-Id-Token',
        },
      }),
    },
    key: 'config.extraArgs[0]',
    ways: [
      { named: 'pass --unsafe-external-identity-proxy', options: { unsafeExternalIdentityProxy: true } },
      { named: 'in TypeScript use an OAuth2ProxyFrontend' },
    ],
  },
  '-proxy-auth without a gate': {
    values: { config: { extraArgs: ['-proxy-auth'] } },
    key: 'config.extraArgs[0]',
    ways: [{ named: 'remove the -proxy-auth args', values: () => ({ config: { extraArgs: [] } }) }],
  },
  'an unresolved Flux variable': {
    values: { podAnnotations: { team: '${TEAM}' } },
    options: { substitute: {} },
    key: 'podAnnotations.team',
    ways: [
      { named: 'pass --substitute TEAM=VALUE', options: { substitute: { TEAM: 'ops' } } },
      { named: 'leave out every --substitute', options: { substitute: undefined } },
    ],
  },
  'an env var over a key of the external Secret': {
    values: {
      config: { oidc: { externalSecret: { enabled: true, name: 'oidc' } } },
      env: [{ name: 'OIDC_ISSUER_URL', value: 'https://idp.example.com' }],
    },
    key: 'env[0]',
    ways: [{ named: 'remove env[0]', values: (v) => ({ ...v, env: [] }) }],
  },
  'an env var for a flag the chart has a value for': {
    values: { env: [{ name: 'HEADLAMP_CONFIG_BASE_URL', value: '/headlamp' }] },
    key: 'env[0]',
    ways: [{ named: 'use config.baseURL and remove env[0]', values: () => ({ config: { baseURL: '/headlamp' } }) }],
  },
  'an extra arg for a flag the chart has a value for': {
    values: { config: { extraArgs: ['-service-account-token-path=/t/token'] } },
    key: 'config.extraArgs[0]',
    ways: [
      {
        named: 'use config.serviceAccountTokenPath and remove config.extraArgs[0]',
        values: () => ({ config: { serviceAccountTokenPath: '/t/token' } }),
      },
    ],
  },
  'settings under secret.name without a client ID': {
    values: {
      config: { oidc: { issuerURL: OIDC.issuerURL, secret: { create: false, name: 'oidc' } } },
      ingress: INGRESS(TLS),
    },
    key: 'config.oidc.secret.name',
    ways: [
      {
        named: 'set config.oidc.externalSecret.enabled and .name',
        values: (v) => ({ ...v, config: { oidc: { externalSecret: { enabled: true, name: 'oidc' } } } }),
      },
      {
        named: 'or set config.oidc.clientID',
        values: (v) => ({ ...v, config: { oidc: { ...OIDC, secret: { create: false } } } }),
      },
    ],
  },
  'a container with images for image': {
    values: { initContainers: [{ name: 'copy', images: 'busybox:1.37.0', command: ['true'] }] },
    key: 'initContainers[0].images',
    ways: [
      {
        named: 'rename it to image',
        values: () => ({ initContainers: [{ name: 'copy', image: 'busybox:1.37.0', command: ['true'] }] }),
      },
    ],
  },
  'out-of-cluster mode': {
    values: { config: { inCluster: false } },
    key: 'config.inCluster',
    ways: [{ named: 'or keep in-cluster mode', values: () => ({ config: { inCluster: true } }) }],
  },
  'a configuration snippet': {
    values: {
      ingress: INGRESS({
        ...TLS,
        annotations: { 'nginx.ingress.kubernetes.io/configuration-snippet': 'more_set_headers "X: y";' },
      }),
    },
    key: "ingress.annotations['nginx.ingress.kubernetes.io/configuration-snippet']",
    ways: [{ named: 'remove it', values: () => ({ ingress: INGRESS(TLS) }) }],
  },
  'a Secret with its values in extraManifests': {
    values: { extraManifests: ['apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  a: b\n'] },
    key: 'extraManifests[0]',
    ways: [{ named: 'pass --unsafe-plaintext-secrets', options: { unsafePlaintextSecrets: true } }],
  },
  'labels without =': {
    values: { ingress: INGRESS(TLS) },
    options: { ingressControllerLabels: 'traefik' },
    key: '--ingress-controller-labels',
    ways: [
      {
        named: "such as 'app.kubernetes.io/name=traefik'",
        options: { ingressControllerLabels: 'app.kubernetes.io/name=traefik' },
      },
    ],
  },
  'a session TTL that is no number': {
    values: { config: { extraArgs: ['-session-ttl=1d'] } },
    key: 'config.extraArgs[0]',
    ways: [{ named: 'fix the value', values: () => ({ config: { extraArgs: ['-session-ttl=86400'] } }) }],
  },
};

describe.each(Object.entries(CASES))('%s', (_name, c) => {
  const given = refusal(c.values, c.options);

  test('refused at a key the file has (or the CLI option at fault), naming each way out', () => {
    expect(given?.key).toBe(c.key);
    // A key the file has; or, for a value missing, the key to add under a section the file has, which the message says to add.
    const parent = c.key.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    expect(
      c.key.startsWith('--') || hasKey(c.values, c.key) || (hasKey(c.values, parent) && /\badd\b/.test(given!.message)),
    ).toBe(true);
    for (const way of c.ways) expect(given!.message).toContain(way.named);
  });

  const followed = c.ways.filter((w) => w.options || w.values);
  if (followed.length) {
    test.each(followed.map((w) => [w.named, w]))('followed (%s), the values migrate', (_named, way) => {
      const values = way.values ? way.values(c.values) : c.values;
      expect(refusal(values, { ...c.options, ...way.options })).toBeUndefined();
    });
  }
});

test('every CLI option a refusal of the migration suggests is followed by a case above', () => {
  const dir = path.join(__dirname, '..', 'lib', 'chart', 'migration');
  const source = fs
    .readdirSync(dir)
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
  // The text of each refuse(...) call (a note's suggestion is no way out of a refusal).
  const calls = source
    .split(/\brefuse\(/)
    .slice(1)
    .map((rest) => {
      let depth = 1;
      let i = 0;
      for (; i < rest.length && depth > 0; i++) {
        if (rest[i] === '(') depth++;
        else if (rest[i] === ')') depth--;
      }
      return rest.slice(0, i);
    });
  const suggested = new Set(calls.flatMap((text) => [...text.matchAll(/pass (--[a-z-]+)/g)].map((x) => x[1])));
  expect(suggested.size).toBeGreaterThan(5);
  const kebab = (k: string) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  const followed = new Set(
    Object.values(CASES).flatMap((c) => c.ways.flatMap((w) => Object.keys(w.options ?? {}).map(kebab))),
  );
  expect([...suggested].filter((o) => !followed.has(o))).toEqual([]);
});
