// The patterns of real users' values (issue 20) the migration carries, each with its note, and those it still refuses, each with its key, reason and fix.
import { App } from 'cdk8s';
import {
  ChartMigrationOptions,
  ChartMigrationRefusal,
  HeadlampValidationError,
  migrateChartValues,
  MigrationNote,
} from '../lib';
import { validateAll } from './helpers/k8s-schema';
import { parseYaml } from './helpers/synth';

const URL = { publicUrl: 'https://headlamp.example.com' };
const TLS_INGRESS = {
  enabled: true,
  ingressClassName: 'nginx',
  hosts: [{ host: 'headlamp.example.com', paths: [{ path: '/', type: 'Prefix' }] }],
  tls: [{ secretName: 'tls' }],
};

/** The migration's objects and notes (by key), or the message it refuses with. */
function migrate(
  values: object,
  options: ChartMigrationOptions = {},
): { objects: any[]; notes: Record<string, string>; error?: undefined } | { error: string } {
  const app = new App();
  try {
    const { notes } = migrateChartValues(app, values, options);
    return {
      objects: parseYaml(app.synthYaml()),
      notes: Object.fromEntries(notes.map((n: MigrationNote) => [n.key, n.message])),
    };
  } catch (err) {
    if (err instanceof ChartMigrationRefusal || err instanceof HeadlampValidationError) return { error: err.message };
    throw err;
  }
}
function ok(values: object, options: ChartMigrationOptions = {}) {
  const r = migrate(values, options);
  if (r.error !== undefined) throw new Error(r.error);
  expect(validateAll(r.objects)).toEqual([]);
  return r as { objects: any[]; notes: Record<string, string> };
}
const kinds = (objects: any[]) => objects.map((o) => `${o.kind}/${o.metadata.name}`);
const pod = (objects: any[]) => objects.find((o) => o.kind === 'Deployment').spec.template.spec;

describe('serviceAccount.create: false with an existing ServiceAccount', () => {
  test('the pod runs as it, none is created, and the note says it gets no RBAC from us', () => {
    const { objects, notes } = ok({
      serviceAccount: { create: false, name: 'headlamp-admin', annotations: { a: 'b' } },
    });
    expect(pod(objects).serviceAccountName).toBe('headlamp-admin');
    expect(kinds(objects).filter((k) => k.startsWith('ServiceAccount/'))).toEqual([]);
    expect(notes['serviceAccount.create']).toBe(
      'runs as your ServiceAccount headlamp-admin: the library creates none and binds nothing to it. Whatever ' +
        'RBAC it holds is yours, and reaches anyone who can run code in the pod (its token is mounted: -in-cluster reads it); Headlamp needs none, so keep it unbound',
    );
    expect(notes['serviceAccount.annotations']).toBe(
      'dropped, as in the chart: with serviceAccount.create: false no ServiceAccount is made to annotate',
    );
  });

  test("without a name, the namespace's default, as the chart picks", () => {
    expect(pod(ok({ serviceAccount: { create: false } }).objects).serviceAccountName).toBe('default');
  });

  test('refused with the shared-token login, which would hand out whatever it holds', () => {
    expect(
      migrate(
        { serviceAccount: { create: false, name: 'sa' }, config: { unsafeUseServiceAccountToken: true } },
        { unsafeSharedServiceAccountToken: true },
      ).error,
    ).toBe(
      'serviceAccount.create: config.unsafeUseServiceAccountToken binds its role to a ServiceAccount the migration creates; with sa, everyone who ' +
        'reaches the UI would also get whatever RBAC it holds, which the migration cannot see; set serviceAccount.create: true',
    );
  });
});

describe('persistentVolumeClaim', () => {
  test("the claim, named like the chart's, and the values' own mounts of it", () => {
    const { objects } = ok({
      persistentVolumeClaim: {
        enabled: true,
        accessModes: ['ReadWriteOnce'],
        size: '1Gi',
        storageClassName: 'longhorn',
        volumeMode: 'Filesystem',
      },
      volumes: [{ name: 'plugins', persistentVolumeClaim: { claimName: 'headlamp' } }],
      volumeMounts: [{ name: 'plugins', mountPath: '/build/plugins' }],
    });
    expect(objects.find((o) => o.kind === 'PersistentVolumeClaim').spec).toStrictEqual({
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '1Gi' } },
      storageClassName: 'longhorn',
      volumeMode: 'Filesystem',
    });
    expect(pod(objects).containers[0].volumeMounts).toContainEqual({ name: 'plugins', mountPath: '/build/plugins' });
  });

  test('a claim nothing mounts is made all the same, and said so', () => {
    expect(ok({ persistentVolumeClaim: { enabled: true, size: '1Gi' } }).notes.persistentVolumeClaim).toBe(
      'the claim headlamp is made, as by the chart, but no volume of the values mounts it',
    );
  });
});

describe('an Ingress without TLS of its own', () => {
  const { tls: _tls, ...withoutTls } = TLS_INGRESS;
  const noTls = { ingress: withoutTls };

  test('refused without saying where TLS ends, with the ways out', () => {
    expect(migrate(noTls).error).toBe(
      'ingress.tls: an Ingress without TLS carries tokens in clear text; add ingress.tls (a secretName, or hosts only for ' +
        "the controller's default certificate) or a cert-manager.io/cluster-issuer annotation, or pass --tls-terminated-upstream load-balancer|tunnel|edge-proxy " +
        'when TLS ends in front of the ingress controller',
    );
  });

  test('--tls-terminated-upstream names the hop: no tls on the Ingress, and the note says what is then unprotected', () => {
    const { objects, notes } = ok(noTls, { tlsTerminatedUpstream: 'tunnel' });
    expect(objects.find((o) => o.kind === 'Ingress').spec.tls).toBeUndefined();
    expect(notes['ingress.tls']).toBe(
      'none on the Ingress: TLS ends at the tunnel in front (--tls-terminated-upstream). From there to the ingress ' +
        "controller tokens and cookies travel in clear text, and the HTTPS redirect and HSTS are that hop's job; the library cannot check it",
    );
    expect(migrate(noTls, { tlsTerminatedUpstream: 'cloudflare' }).error).toBe(
      '--tls-terminated-upstream: expected load-balancer, tunnel or edge-proxy, got "cloudflare"',
    );
  });

  test("tls hosts without a secretName: the controller's default certificate, as the chart renders it", () => {
    const { objects } = ok({ ingress: { ...TLS_INGRESS, tls: [{ hosts: ['headlamp.example.com'] }] } });
    expect(objects.find((o) => o.kind === 'Ingress').spec.tls).toStrictEqual([{ hosts: ['headlamp.example.com'] }]);
  });
});

describe('ingress annotations the library manages', () => {
  const withAnnotations = (annotations: object, extra: object = {}) => ({
    ingress: { ...TLS_INGRESS, annotations, ...extra },
  });

  test("the library's own value in the values' words is kept silently", () => {
    const { objects, notes } = ok(
      withAnnotations({
        'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
        'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true',
      }),
    );
    expect(
      objects.find((o) => o.kind === 'Ingress').metadata.annotations['nginx.ingress.kubernetes.io/ssl-redirect'],
    ).toBe('true');
    expect(Object.keys(notes).filter((k) => k.startsWith('ingress.annotations'))).toEqual([]);
  });

  test('a conflicting value is dropped, and the note names what wins and why', () => {
    expect(
      ok(withAnnotations({ 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' })).notes[
        "ingress.annotations['nginx.ingress.kubernetes.io/ssl-redirect']"
      ],
    ).toBe(
      'dropped: with TLS on the Ingress the library redirects to HTTPS (and on Traefik sends HSTS) itself, so tokens never cross plain HTTP; "false" would weaken that or do nothing',
    );
  });

  test("Traefik's router.middlewares: the user's Middlewares, after the library's", () => {
    const { objects } = ok(
      withAnnotations(
        { 'traefik.ingress.kubernetes.io/router.middlewares': 'auth-chain@kubernetescrd' },
        { ingressClassName: 'traefik' },
      ),
    );
    expect(
      objects.find((o) => o.kind === 'Ingress').metadata.annotations[
        'traefik.ingress.kubernetes.io/router.middlewares'
      ],
    ).toBe('headlamp-headlamp-hsts@kubernetescrd,auth-chain@kubernetescrd');
  });

  test('a snippet is refused by name, with why', () => {
    expect(
      migrate(withAnnotations({ 'nginx.ingress.kubernetes.io/configuration-snippet': 'more_set_headers "X: y";' }))
        .error,
    ).toBe(
      "ingress.annotations['nginx.ingress.kubernetes.io/configuration-snippet']: a snippet is raw NGINX configuration the library cannot check (it can " +
        'rewrite or skip the auth gate, TLS and HSTS; ingress-nginx turns snippet annotations off by default and rates them Critical); remove it, or ' +
        'keep this Ingress outside the migration',
    );
  });
});

describe('an auth gate written as ingress annotations', () => {
  const authelia = {
    'nginx.ingress.kubernetes.io/auth-url': 'http://authelia.auth.svc.cluster.local/api/verify',
    'nginx.ingress.kubernetes.io/auth-signin': 'https://auth.example.com/?rm=$request_method',
    'nginx.ingress.kubernetes.io/auth-response-headers': 'Remote-User,Remote-Groups',
    'nginx.ingress.kubernetes.io/auth-method': 'GET',
    'nginx.ingress.kubernetes.io/auth-snippet': 'proxy_set_header X-Forwarded-Method $request_method;',
  };

  test("forward auth (Authelia): a ForwardAuthIngress; the snippet's proxy_set_header lines become its requestHeaders", () => {
    const { objects, notes } = ok({ ingress: { ...TLS_INGRESS, annotations: authelia } });
    const annotations = objects.find((o) => o.kind === 'Ingress').metadata.annotations;
    expect(annotations['nginx.ingress.kubernetes.io/auth-url']).toBe(
      'http://authelia.auth.svc.cluster.local/api/verify',
    );
    expect(annotations['nginx.ingress.kubernetes.io/auth-snippet']).toBeUndefined();
    expect(
      objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'headlamp-auth-request-headers').data,
    ).toStrictEqual({ 'X-Forwarded-Method': '$request_method' });
    expect(notes['ingress.annotations']).toBe(
      'the forward-auth gate (http://authelia.auth.svc.cluster.local/api/verify) as a ForwardAuthIngress; Headlamp does not act on the headers it passes',
    );
  });

  test('any other line in the auth-snippet is refused by name', () => {
    expect(
      migrate({
        ingress: {
          ...TLS_INGRESS,
          annotations: { ...authelia, 'nginx.ingress.kubernetes.io/auth-snippet': 'if ($x) { return 200; }' },
        },
      }).error,
    ).toMatch(
      /^ingress\.annotations\['nginx\.ingress\.kubernetes\.io\/auth-snippet'\]: a snippet is raw NGINX configuration/,
    );
  });

  test('basic auth: a BasicAuthIngress of the existing Secret', () => {
    const { objects } = ok({
      ingress: {
        ...TLS_INGRESS,
        annotations: {
          'nginx.ingress.kubernetes.io/auth-type': 'basic',
          'nginx.ingress.kubernetes.io/auth-secret': 'htpasswd',
          'nginx.ingress.kubernetes.io/auth-realm': 'Ops',
        },
      },
    });
    const annotations = objects.find((o) => o.kind === 'Ingress').metadata.annotations;
    expect([
      annotations['nginx.ingress.kubernetes.io/auth-secret'],
      annotations['nginx.ingress.kubernetes.io/auth-realm'],
    ]).toEqual(['htpasswd', 'Ops']);
    expect(objects.some((o) => o.kind === 'Secret')).toBe(false);
  });
});

describe('flags the library types, given as config.extraArgs or env', () => {
  test('a server flag in extraArgs (either dash) is carried onto its option: the chart passes it last, and Headlamp keeps the last', () => {
    const { objects, notes } = ok({ config: { extraArgs: ['--session-ttl=3600', '-enable-helm'] } });
    expect(pod(objects).containers[0].args).toEqual(expect.arrayContaining(['-session-ttl=3600', '-enable-helm']));
    expect(notes['config.extraArgs[0]']).toBe(
      '-session-ttl carried onto the typed option (the chart passes it after its own flags, and Headlamp keeps the last)',
    );
  });

  test('-oidc-skip-tls-verify only with its opt-in (and dropped without an OIDC login)', () => {
    const values = {
      config: {
        oidc: { clientID: 'headlamp', issuerURL: 'https://idp.example.com' },
        extraArgs: ['--oidc-skip-tls-verify'],
      },
    };
    expect(migrate(values, URL).error).toBe(
      'config.extraArgs[0]: -oidc-skip-tls-verify makes Headlamp trust any certificate for the identity provider ' +
        "(the login's code exchange can be intercepted); trust the provider's CA instead (OidcCaCertificate in TypeScript), or pass --unsafe-oidc-skip-tls-verify",
    );
    expect(pod(ok(values, { ...URL, unsafeOidcSkipTlsVerify: true }).objects).containers[0].args).toContain(
      '-oidc-skip-tls-verify',
    );
    const env = { env: [{ name: 'HEADLAMP_CONFIG_OIDC_SKIP_TLS_VERIFY', value: 'true' }] };
    expect(ok(env).notes['env[0]']).toBe(
      'env HEADLAMP_CONFIG_OIDC_SKIP_TLS_VERIFY: dropped: -oidc-skip-tls-verify applies to OIDC login, which ' +
        'these values do not configure',
    );
  });

  test('-kubeconfig of a Secret mounted by the values: kubeconfigs, the volume and mount taken over', () => {
    const { objects, notes } = ok({
      config: { extraArgs: ['-kubeconfig=/home/headlamp/.kube/config'] },
      volumes: [{ name: 'kc', secret: { secretName: 'headlamp-kubeconfig' } }],
      volumeMounts: [{ name: 'kc', mountPath: '/home/headlamp/.kube/config', subPath: 'config', readOnly: true }],
    });
    expect(pod(objects).containers[0].args).toContain('-kubeconfig=/etc/headlamp/kubeconfigs/0/config');
    expect(pod(objects).volumes).toContainEqual({
      name: 'kubeconfig-0',
      secret: { secretName: 'headlamp-kubeconfig', items: [{ key: 'config', path: 'config' }] },
    });
    expect(notes['config.extraArgs[0]']).toBe(
      'the kubeconfig (Secret headlamp-kubeconfig key config) mounted read-only at /etc/headlamp/kubeconfigs/<n>/config ' +
        '(kubeconfigs), and -kubeconfig set to those paths',
    );
    expect(migrate({ config: { extraArgs: ['-kubeconfig=/tmp/kc'] } }).error).toBe(
      'config.extraArgs[0]: -kubeconfig=/tmp/kc is not a key of a Secret ' +
        'volume the values mount (volumes + volumeMounts); mount the kubeconfig from a Secret, or use the kubeconfigs prop in TypeScript',
    );
  });
});

describe('OIDC settings the chart reads one way', () => {
  test('secret.create: false with secret.name and no client ID: refused, saying why and which form works', () => {
    expect(
      migrate(
        { config: { oidc: { secret: { create: false, name: 'oidc' }, issuerURL: 'https://idp.example.com' } } },
        URL,
      ).error,
    ).toBe(
      "config.oidc.secret.name: read by the chart only with secret.create: true, so with these values it renders no client ID and Headlamp's OIDC " +
        'login is silently off (token login instead); to read the settings from Secret oidc, set config.oidc.externalSecret.enabled and .name (keys ' +
        'OIDC_CLIENT_ID, OIDC_ISSUER_URL, OIDC_CLIENT_SECRET), or set config.oidc.clientID',
    );
  });

  test("env OIDC_* from one Secret's keys (Headlamp issue 2022): that Secret read key by key", () => {
    const ref = (key: string) => ({ valueFrom: { secretKeyRef: { name: 'headlamp-oidc', key } } });
    const { objects } = ok(
      {
        env: [
          { name: 'OIDC_CLIENT_ID', ...ref('clientID') },
          { name: 'OIDC_ISSUER_URL', ...ref('issuerURL') },
        ],
      },
      URL,
    );
    expect(pod(objects).containers[0].env.slice(0, 2)).toStrictEqual([
      { name: 'HEADLAMP_CONFIG_OIDC_CLIENT_ID', ...ref('clientID') },
      { name: 'HEADLAMP_CONFIG_OIDC_IDP_ISSUER_URL', ...ref('issuerURL') },
    ]);
  });

  test("externalSecret with callbackURL: the Secret's OIDC_CALLBACK_URL, as the chart reads it", () => {
    const { objects, notes } = ok({
      config: {
        oidc: { externalSecret: { enabled: true, name: 'oidc' }, callbackURL: 'https://x.example.com/oidc-callback' },
      },
      ingress: TLS_INGRESS,
    });
    expect(pod(objects).containers[0].env).toContainEqual({
      name: 'HEADLAMP_CONFIG_OIDC_CALLBACK_URL',
      valueFrom: { secretKeyRef: { name: 'oidc', key: 'OIDC_CALLBACK_URL' } },
    });
    expect(notes['config.oidc.callbackURL']).toBe(
      "read from key OIDC_CALLBACK_URL of Secret oidc, as the chart's -oidc-callback-url=$(OIDC_CALLBACK_URL) " +
        'does (the value in the values is not used); the ingress host gives https://headlamp.example.com/oidc-callback: if the Secret holds another URL, ' +
        'that is the one the identity provider must list',
    );
  });
});

describe("the chart's other objects and settings", () => {
  test('deploymentAnnotations on the Deployment', () => {
    expect(
      ok({ deploymentAnnotations: { 'reloader.stakater.com/auto': 'true' } }).objects.find(
        (o) => o.kind === 'Deployment',
      ).metadata.annotations,
    ).toStrictEqual({ 'reloader.stakater.com/auto': 'true' });
  });

  test('service.nodePort with a NodePort Service (its opt-in); ignored with ClusterIP, as by the chart', () => {
    const { objects } = ok({ service: { type: 'NodePort', nodePort: 30080 } }, { unsafePlainHttpService: true });
    expect(objects.find((o) => o.kind === 'Service').spec.ports[0].nodePort).toBe(30080);
    expect(ok({ service: { nodePort: 30080 } }).notes['service.nodePort']).toBe(
      'ignored, as by the chart: a ClusterIP Service has no node port',
    );
  });

  test('a digest pinned through image.tag, or through repository@sha256 and the hex as the tag', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(pod(ok({ image: { tag: `v0.44.0@${digest}` } }).objects).containers[0].image).toBe(
      `ghcr.io/headlamp-k8s/headlamp:v0.44.0@${digest}`,
    );
    expect(
      pod(ok({ image: { registry: 'r.example.com', repository: 'lab/headlamp@sha256', tag: 'a'.repeat(64) } }).objects)
        .containers[0].image,
    ).toBe(`r.example.com/lab/headlamp@${digest}`);
  });

  test('an older image: the flags the migration passes on its own are left out, with a note', () => {
    const { objects, notes } = ok({ image: { tag: 'v0.39.0' } });
    expect(pod(objects).containers[0].args.filter((a: string) => /session-ttl|context-name/.test(a))).toEqual([]);
    expect(notes['config.sessionTTL']).toBe(
      'not passed: image v0.39.0 has no -session-ttl (v0.41.0+), and its sessions last 24 hours, the same as the ' +
        'default; the chart passes its default, which stops that image at start (an unknown flag)',
    );
    expect(migrate({ image: { tag: 'v0.39.0' }, config: { sessionTTL: 3600 } }).error).toMatch(
      /^chart values: config\.sessionTTL: -session-ttl needs Headlamp v0\.41\.0/,
    );
  });

  test('pluginsManager without a pinned version: pinctl and Node.js pinned, each said', () => {
    const configContent =
      'plugins:\n  - name: flux\n    source: https://artifacthub.io/packages/headlamp/headlamp-plugins/headlamp_flux\n    version: 0.5.0\n';
    const { notes } = ok(
      { pluginsManager: { enabled: true, configContent } },
      { unsafePluginDownloadsFromAnyHost: true },
    );
    expect(notes['pluginsManager.version']).toBe(
      "pluginctl pinned to 0.1.1 (the version published with Headlamp v0.45.0), not the chart's default latest: " +
        'a floating version would install whatever npm serves at each start (a supply-chain risk); set pluginsManager.version to choose another',
    );
    expect(notes['pluginsManager.baseImage']).toBe(
      "pinned to node:22.11.0-alpine, not the moving tag node:lts-alpine (the chart's default); set " +
        'pluginsManager.baseImage to a newer pinned tag (or a digest) as Node.js releases come',
    );
  });
});

describe('extraManifests', () => {
  test("carried as written (the chart's template values filled in), each with a note that it is not reviewed", () => {
    const binding =
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: oidc-admins\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n' +
      '  kind: ClusterRole\n  name: cluster-admin\nsubjects:\n  - apiGroup: rbac.authorization.k8s.io\n    kind: Group\n    name: oidc:admins\n';
    const config =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include "headlamp.fullname" . }}-extra\ndata:\n  ns: {{ .Release.Namespace }}\n';
    const { objects, notes } = ok({ extraManifests: [binding, config] });
    expect(objects.find((o) => o.kind === 'ClusterRoleBinding').metadata).toStrictEqual({ name: 'oidc-admins' });
    expect(objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'headlamp-extra').data).toStrictEqual({
      ns: 'headlamp',
    });
    expect(notes['extraManifests[0]']).toBe(
      'ClusterRoleBinding oidc-admins carried as written, not reviewed by the library; it binds ClusterRole cluster-admin ' +
        "to Group oidc:admins (UserAccess in TypeScript checks such subjects against the API server's claim mapping)",
    );
  });

  test.each([
    [
      'a template it does not render',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.x }}\n',
      'extraManifests[0]: {{ .Values.x }} is a Helm template the migration does not render (it knows {{ .Release.Name }}, {{ .Release.Namespace }}, ' +
        '{{ include "headlamp.fullname" . }}, {{ include "headlamp.namespace" . }}, {{ include "headlamp.serviceAccountName" . }}); write its value',
    ],
    [
      'a long-lived ServiceAccount token',
      'apiVersion: v1\nkind: Secret\ntype: kubernetes.io/service-account-token\nmetadata:\n  name: t\n  annotations:\n' +
        '    kubernetes.io/service-account.name: headlamp\n',
      "extraManifests[0]: a long-lived token of ServiceAccount headlamp (the chart's is cluster-admin; Headlamp's has no RBAC here, so the token would " +
        'grant nothing); mint short-lived tokens with kubectl create token, or give people a LoginServiceAccount in TypeScript',
    ],
    [
      "an Ingress to Headlamp around the library's routes",
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: h\nspec:\n  rules:\n' +
        '    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: headlamp\n' +
        '                port:\n                  number: 80\n',
      "extraManifests[0]: an Ingress to Headlamp's Service headlamp around the library's routes (their TLS and auth gate, and the NetworkPolicy that admits " +
        'only the routes it knows, so this one would get no answer); write it as ingress.* or httpRoute.*',
    ],
    [
      'a Secret with its values',
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  k: v\n',
      'extraManifests[0]: a Secret with its values in the manifests; create it outside them (External Secrets, SealedSecrets), or pass --unsafe-plaintext-secrets',
    ],
  ])('refused: %s', (_what, manifest, message) => {
    expect(migrate({ extraManifests: [manifest] }).error).toBe(message);
  });
});

describe('httpRoute', () => {
  const route = {
    enabled: true,
    hostnames: ['headlamp.example.com'],
    parentRefs: [{ name: 'gw', namespace: 'gateways' }],
  };

  test('no sectionName: refused with the way out; --gateway-listener names the HTTPS listener', () => {
    expect(migrate({ httpRoute: route }).error).toBe(
      "httpRoute.parentRefs[0].sectionName: name the Gateway's HTTPS listener, so the route is never " +
        'served on plain HTTP; add sectionName, or pass --gateway-listener NAME',
    );
    const { objects } = ok({ httpRoute: route }, { gatewayListener: 'websecure' });
    expect(objects.find((o) => o.kind === 'HTTPRoute').spec.parentRefs).toStrictEqual([
      { name: 'gw', namespace: 'gateways', sectionName: 'websecure' },
    ]);
  });

  test("rules that send every request to Headlamp's Service are what the library renders; rules to another backend are refused", () => {
    expect(
      ok(
        { httpRoute: { ...route, rules: [{ backendRefs: [{ name: 'headlamp', port: 80 }] }] } },
        { gatewayListener: 'https' },
      ).notes['httpRoute.rules'],
    ).toBe("the same as the library's route (Headlamp's Service headlamp:80 at /): rendered by the library");
    expect(
      migrate(
        { httpRoute: { ...route, rules: [{ backendRefs: [{ name: 'proxy', namespace: 'auth', port: 80 }] }] } },
        { gatewayListener: 'https' },
      ).error,
    ).toBe(
      "httpRoute.rules[0]: sends requests to Service proxy in namespace auth, not to Headlamp's Service headlamp:80: the library routes only to " +
        'Headlamp (its NetworkPolicy admits only the routes it knows); remove httpRoute.rules, or keep that route outside the migration',
    );
  });
});
