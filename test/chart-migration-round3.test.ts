// Issue 28: real users' values, round 3. Each gap the measurement found (Flux placeholders, TLS stated by Traefik, single-label
// hosts, registry mirrors, an empty plugin manager, -proxy-auth behind oauth2-proxy, OIDC_CLIENT_ID beside externalSecret,
// notes that name what they mean, messages that lead somewhere) with its exact note or refusal.
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

type Outcome =
  | {
      objects: any[];
      notes: Record<string, string>;
      flags: Record<string, string[]>;
      typescript: string;
      error?: undefined;
    }
  | { error: string; key: string };

/** The migration's objects, notes (by key) and starting point, or the refusal. */
function migrate(values: object, options: ChartMigrationOptions = {}): Outcome {
  const app = new App();
  try {
    const { notes, typescript } = migrateChartValues(app, values, options);
    const by = (f: (n: MigrationNote) => unknown) => Object.fromEntries(notes.map((n) => [n.key, f(n)]));
    return {
      objects: parseYaml(app.synthYaml()),
      notes: by((n) => n.message) as any,
      flags: by((n) => n.flags) as any,
      typescript,
    };
  } catch (err) {
    if (err instanceof ChartMigrationRefusal) return { error: err.message, key: err.key };
    if (err instanceof HeadlampValidationError) return { error: err.message, key: err.issues[0].propPath };
    throw err;
  }
}
function ok(values: object, options: ChartMigrationOptions = {}) {
  const r = migrate(values, options);
  if (r.error !== undefined) throw new Error(r.error);
  expect(validateAll(r.objects)).toEqual([]);
  return r;
}
const refused = (values: object, options: ChartMigrationOptions = {}) =>
  (migrate(values, options) as { error: string }).error;
const pod = (objects: any[]) => objects.find((o) => o.kind === 'Deployment').spec.template.spec;
const args = (objects: any[]): string[] => pod(objects).containers[0].args;
const ingressOf = (objects: any[]) => objects.find((o) => o.kind === 'Ingress');
const PATHS = [{ path: '/', type: 'Prefix' }];
const TLS_INGRESS = (extra: object = {}) => ({
  enabled: true,
  ingressClassName: 'nginx',
  hosts: [{ host: 'headlamp.example.com', paths: PATHS }],
  tls: [{ secretName: 'tls' }],
  ...extra,
});

describe('Flux post-build substitution', () => {
  const FLUX = {
    ingress: {
      enabled: true,
      ingressClassName: '${INGRESS_CLASS:=traefik}',
      annotations: { 'cert-manager.io/cluster-issuer': '${ISSUER}' },
      hosts: [{ host: 'headlamp.${SECRET_DOMAIN}', paths: PATHS }],
    },
    config: { oidc: { clientID: 'headlamp', issuerURL: 'https://auth.${SECRET_DOMAIN}/application/o/headlamp/' } },
  };

  test('carried as written where Flux substitutes them, the rest of each value checked, a note each', () => {
    const { objects, notes, typescript } = ok(FLUX);
    const ingress = ingressOf(objects);
    expect(ingress.spec.ingressClassName).toBe('${INGRESS_CLASS:=traefik}');
    expect(ingress.spec.rules[0].host).toBe('headlamp.${SECRET_DOMAIN}');
    expect(ingress.metadata.annotations['cert-manager.io/cluster-issuer']).toBe('${ISSUER}');
    expect(args(objects)).toEqual(
      expect.arrayContaining([
        '-oidc-idp-issuer-url=https://auth.${SECRET_DOMAIN}/application/o/headlamp/',
        '-oidc-callback-url=https://headlamp.${SECRET_DOMAIN}/oidc-callback',
      ]),
    );
    expect(notes['ingress.hosts[0].host']).toBe(
      "${SECRET_DOMAIN} carried as written for Flux's post-build " +
        'substitution (the rest of the value ' +
        'was checked): apply the output with the Kustomization whose postBuild substitutes it, or resolve it here ' +
        'with --substitute SECRET_DOMAIN=VALUE',
    );
    expect(notes['ingress.ingressClassName']).toMatch(/^\$\{INGRESS_CLASS\} carried as written/);
    expect(notes['config.oidc.callbackURL']).toBe(
      'set to https://headlamp.${SECRET_DOMAIN}/oidc-callback: passed ' +
        'explicitly, so it never ' +
        'depends on the ingress forwarding X-Forwarded-Proto',
    );
    expect(typescript).toContain("hosts: ['headlamp.${SECRET_DOMAIN}']");
    expect(JSON.stringify([objects, notes, typescript])).not.toMatch(/fluxvar\d+x/);
  });

  test("a class given as a placeholder with a default is that controller's: ${CLASS:=nginx} is ingress-nginx", () => {
    const { objects, notes } = ok({ ingress: { ...FLUX.ingress, ingressClassName: '${INGRESS_CLASS:=nginx}' } });
    const ingress = ingressOf(objects);
    expect(ingress.spec.ingressClassName).toBe('${INGRESS_CLASS:=nginx}');
    expect(ingress.metadata.annotations['nginx.ingress.kubernetes.io/force-ssl-redirect']).toBe('true');
    expect(objects.filter((o) => o.kind === 'Middleware')).toEqual([]);
    expect(notes.ingress).toMatch(/^HTTPS redirect added \(force-ssl-redirect\); HSTS comes from the ingress-nginx/);
    expect(JSON.stringify(objects.find((o) => o.kind === 'NetworkPolicy').spec.ingress)).toContain('ingress-nginx');
  });

  test("the rest of a value is still checked: a bad host around a placeholder is refused, in the values' words", () => {
    expect(
      refused({ ingress: { ...FLUX.ingress, hosts: [{ host: 'Headlamp_${SECRET_DOMAIN}', paths: PATHS }] } }),
    ).toBe(
      'chart values: ' +
        'ingress.hosts[0]: expected a host name such as \'headlamp.example.com\', got "Headlamp_${SECRET_DOMAIN}" ' +
        '(HeadlampIngress props.hosts[0]) ' +
        '(Flux substitutes ${...} after the build: pass --substitute NAME=VALUE to resolve it here)',
    );
  });

  test('--substitute resolves them (a default where no value is given, said); one with neither is refused by name', () => {
    const { objects, notes } = ok(FLUX, { substitute: { SECRET_DOMAIN: 'example.org', ISSUER: 'letsencrypt' } });
    expect(ingressOf(objects).spec).toMatchObject({
      ingressClassName: 'traefik',
      rules: [{ host: 'headlamp.example.org' }],
    });
    expect(notes['ingress.ingressClassName']).toBe(
      '${INGRESS_CLASS} resolved to its default (not among the ' + '--substitute variables), as Flux would',
    );
    expect(notes['ingress.hosts[0].host']).toBeUndefined();
    expect(refused(FLUX, { substitute: { SECRET_DOMAIN: 'example.org' } })).toBe(
      "ingress.annotations['cert-manager.io/cluster-issuer']: " +
        '${ISSUER} has no value: --substitute names other variables and it has no default; pass --substitute ' +
        'ISSUER=VALUE, or leave out every ' +
        '--substitute to carry the placeholders for Flux',
    );
    expect(refused({}, { substitute: { '1X': 'a' } })).toBe(
      '--substitute: expected NAME=VALUE with a Flux variable ' +
        'name (letters, digits, _; ' +
        'not starting with a digit), got "1X"',
    );
    // Flux's escape: $${NAME} is the literal ${NAME}.
    expect(
      ok({ podAnnotations: { a: '$${KEEP}' } }, { substitute: {} }).objects.find((o) => o.kind === 'Deployment').spec
        .template.metadata.annotations.a,
    ).toBe('${KEEP}');
  });
});

describe('TLS stated by the controller, hosts, images, plugins', () => {
  const TRAEFIK = (annotations: Record<string, string>) => ({
    ingress: {
      enabled: true,
      ingressClassName: 'traefik',
      annotations,
      hosts: [{ host: 'headlamp.example.com', paths: PATHS }],
    },
  });

  test.each([
    ['router.tls', { 'traefik.ingress.kubernetes.io/router.tls': 'true' }, 'router.tls: "true"'],
    [
      'router.entrypoints',
      { 'traefik.ingress.kubernetes.io/router.entrypoints': 'websecure' },
      "the websecure entrypoint, which has TLS on in Traefik's Helm chart",
    ],
  ])("Traefik %s without tls: the controller's default certificate, said", (name, annotations, why) => {
    const { objects, notes } = ok(TRAEFIK(annotations));
    expect(ingressOf(objects).spec.tls).toEqual([{ hosts: ['headlamp.example.com'] }]);
    expect(notes[`ingress.annotations['traefik.ingress.kubernetes.io/${name}']`]).toBe(
      `TLS at Traefik with its default certificate (${why}), ` +
        "as the chart's Ingress without tls gets it: carried as IngressTls.controllerDefaultCertificate(), which " +
        'lists the hosts under tls without ' +
        'a Secret; the HTTPS redirect and HSTS are added',
    );
  });

  test('web,websecure or router.tls on an ingress-nginx Ingress states nothing: still refused', () => {
    expect(refused(TRAEFIK({ 'traefik.ingress.kubernetes.io/router.entrypoints': 'web,websecure' }))).toMatch(
      /^ingress\.tls: an Ingress without TLS/,
    );
    expect(
      refused({
        ingress: {
          ...TRAEFIK({ 'traefik.ingress.kubernetes.io/router.tls': 'true' }).ingress,
          ingressClassName: 'nginx',
        },
      }),
    ).toMatch(/^ingress\.tls: /);
  });

  test('a single-label host: accepted, said; ignored host keys (http:) said', () => {
    const { objects, notes } = ok({
      ingress: TLS_INGRESS({ hosts: [{ host: 'bwing', paths: PATHS, http: { paths: [] } }] }),
    });
    expect(ingressOf(objects).spec.rules[0].host).toBe('bwing');
    expect(notes['ingress.hosts[0].host']).toBe(
      'bwing is a single label: the Ingress API takes it, and browsers ' +
        'reach it through split-horizon ' +
        'DNS or a search domain; public certificate authorities issue no certificate for it, so its TLS comes from ' +
        "your own CA or the controller's default",
    );
    expect(notes['ingress.hosts[0].http']).toBe(
      'ignored, as by the chart, which reads only host and paths of each ' +
        'host (http.paths is the ' +
        "Ingress object's own spelling: write the paths as ingress.hosts[].paths)",
    );
  });

  test("a registry mirror's path prefix: the same image reference as the chart renders", () => {
    const { objects } = ok({
      image: { registry: 'harbor.example.com/dockerhub-proxy', repository: 'headlamp-k8s/headlamp', tag: 'v0.45.0' },
    });
    expect(pod(objects).containers[0].image).toBe('harbor.example.com/dockerhub-proxy/headlamp-k8s/headlamp:v0.45.0');
  });

  test.each([
    ['no configContent', undefined, 'it has no configContent'],
    ['plugins: []', 'plugins: []\n', 'its configContent lists no plugins'],
    ['blank', '  \n', 'it has no configContent'],
  ])('a plugin manager with %s: dropped, said, with no opt-in needed', (_n, configContent, why) => {
    const { objects, notes } = ok({
      pluginsManager: { enabled: true, ...(configContent === undefined ? {} : { configContent }) },
    });
    expect(pod(objects).containers.map((c: any) => c.name)).toEqual(['headlamp']);
    expect(notes.pluginsManager).toBe(
      `dropped: ${why}, so the chart's sidecar installs nothing (its pluginctl watches an empty list); give ` +
        'pluginsManager.configContent its plugins to carry it',
    );
  });
});

describe('-proxy-auth behind oauth2-proxy', () => {
  const GATE = {
    'nginx.ingress.kubernetes.io/auth-url': 'http://oauth2-proxy.oauth2-proxy.svc.cluster.local/oauth2/auth',
    'nginx.ingress.kubernetes.io/auth-response-headers':
      'X-Auth-Request-User,X-Auth-Request-Groups,X-Auth-Request-Email,X-Auth-Request-Id-Token',
  };
  const ARGS = [
    '-proxy-auth',
    '-proxy-auth-username-header=X-Auth-Request-User',
    '-proxy-auth-group-header=X-Auth-Request-Groups',
    '-proxy-auth-email-header=X-Auth-Request-Email',
    '-proxy-auth-token-header=X-Auth-Request-Id-Token',
  ];
  const values = (annotations: object = GATE, extraArgs = ARGS) => ({
    config: { extraArgs },
    ingress: TLS_INGRESS({ annotations }),
  });
  const OPT_IN = { unsafeExternalIdentityProxy: true };

  test('the values show the proxy: identity-aware-proxy mode behind their forward-auth gate, with the opt-in', () => {
    const { objects, notes } = ok(values(), OPT_IN);
    expect(args(objects).filter((a) => a.startsWith('-proxy-auth'))).toEqual(ARGS);
    expect(ingressOf(objects).metadata.annotations).toMatchObject(GATE);
    expect(notes['config.extraArgs[0]']).toBe(
      '-proxy-auth carried as HeadlampAuth.identityAwareProxy({ ' +
        'unsafeExternalProxy: true }) behind the ' +
        'forward-auth gate of ingress.annotations (--unsafe-external-identity-proxy): Headlamp believes ' +
        'X-Auth-Request-User, X-Auth-Request-Groups, ' +
        "X-Auth-Request-Email, X-Auth-Request-Id-Token, each of which the gate's auth-response-headers set; the " +
        'header flags are passed explicitly',
    );
    expect(notes['ingress.annotations']).toBe(
      'the forward-auth gate ' +
        '(http://oauth2-proxy.oauth2-proxy.svc.cluster.local/oauth2/auth) as a ' +
        'ForwardAuthIngress; Headlamp believes the identity headers it sets (-proxy-auth), and the controller sets ' +
        'each only from its answer',
    );
  });

  test('without the opt-in, without a gate, or with a header the gate does not set: refused, naming the way', () => {
    expect(refused(values())).toBe(
      'config.extraArgs[0]: -proxy-auth makes Headlamp believe the identity headers ' +
        'that the forward-auth gate of ' +
        'ingress.annotations sets (http://oauth2-proxy.oauth2-proxy.svc.cluster.local/oauth2/auth), a proxy the ' +
        'migration cannot check ' +
        'authenticates anyone; pass --unsafe-external-identity-proxy if it is your identity proxy (oauth2-proxy), or ' +
        'in TypeScript use an ' +
        'OAuth2ProxyFrontend of the library (examples/iap-nginx.ts)',
    );
    expect(refused(values({}), OPT_IN)).toBe(
      'config.extraArgs[0]: -proxy-auth makes Headlamp believe the identity ' +
        'headers (X-Auth-Request-User, ' +
        'X-Auth-Request-Groups, X-Auth-Request-Email, X-Auth-Request-Id-Token) of every request, and these values ' +
        'show no proxy that sets them; add ' +
        "the forward-auth gate to ingress.annotations (nginx.ingress.kubernetes.io/auth-url, such as oauth2-proxy's " +
        '/oauth2/auth, with ' +
        'auth-response-headers listing those headers), or remove the -proxy-auth args (token login), or in TypeScript ' +
        'use ' +
        'HeadlampAuth.identityAwareProxy() with an OAuth2ProxyFrontend (examples/iap-nginx.ts)',
    );
    expect(refused(values(GATE, ['-proxy-auth']), OPT_IN)).toBe(
      "ingress.annotations['nginx.ingress.kubernetes.io/auth-response-headers']: " +
        'lists none of X-Forwarded-User, X-Forwarded-Group, X-Forwarded-Email, X-Forwarded-Id-Token, which ' +
        '-proxy-auth makes Headlamp believe: a ' +
        "client's copy would pass the gate; add them (ingress-nginx then sets each only from the gate's answer), or " +
        'set config.extraArgs ' +
        '-proxy-auth-*-header to headers it lists',
    );
    expect(
      refused(
        { ...values(), config: { extraArgs: ARGS, oidc: { clientID: 'h', issuerURL: 'https://idp.example.com' } } },
        OPT_IN,
      ),
    ).toMatch(/^config\.extraArgs\[0\]: -proxy-auth cannot be combined with another login/);
  });

  test('-proxy-auth=false and header flags without it: dropped, said', () => {
    const { notes } = ok({ config: { extraArgs: ['-proxy-auth=false', '-proxy-auth-username-header=X-User'] } });
    expect(notes['config.extraArgs[0]']).toBe("dropped: -proxy-auth=false is Headlamp's default");
    expect(notes['config.extraArgs[1]']).toBe('dropped: it applies to -proxy-auth, which these values do not turn on');
  });
});

describe('OIDC_CLIENT_ID beside config.oidc.externalSecret', () => {
  const EXTERNAL = { config: { oidc: { externalSecret: { enabled: true, name: 'oidc' } } }, ingress: TLS_INGRESS() };

  test('the env value is the client ID, as in the chart (env wins over envFrom); the rest from the Secret', () => {
    const { objects, notes } = ok({ ...EXTERNAL, env: [{ name: 'OIDC_CLIENT_ID', value: 'headlamp' }] });
    const container = pod(objects).containers[0];
    expect(container.args).toContain('-oidc-client-id=headlamp');
    expect(container.env.map((e: any) => e.name)).not.toContain('HEADLAMP_CONFIG_OIDC_CLIENT_ID');
    expect(container.env).toContainEqual({
      name: 'HEADLAMP_CONFIG_OIDC_IDP_ISSUER_URL',
      valueFrom: { secretKeyRef: { name: 'oidc', key: 'OIDC_ISSUER_URL' } },
    });
    expect(notes['env[0]']).toBe(
      'env OIDC_CLIENT_ID (headlamp) is the client ID, as in the chart: Kubernetes gives ' +
        'env precedence over the ' +
        "envFrom of Secret oidc, so the chart's -oidc-client-id=$(OIDC_CLIENT_ID) reads it; carried as clientId, the " +
        "Secret's key OIDC_CLIENT_ID unused",
    );
  });

  test("Headlamp's own HEADLAMP_CONFIG_OIDC_CLIENT_ID loses to the chart's flag: still refused, naming the way", () => {
    expect(refused({ ...EXTERNAL, env: [{ name: 'HEADLAMP_CONFIG_OIDC_CLIENT_ID', value: 'x' }] })).toMatch(
      /remove env\[0\]$/,
    );
  });
});

describe('notes name what they mean', () => {
  test('a note at env[i] names the variable', () => {
    const { notes } = ok({ env: [{ name: 'HEADLAMP_CONFIG_OTLP_ENDPOINT', value: 'otel:4317' }] });
    expect(notes['env[0]']).toBe(
      'env HEADLAMP_CONFIG_OTLP_ENDPOINT: dropped: tracing is off, so Headlamp does not ' + 'read it',
    );
  });

  test(
    'a key Kubernetes does not have in a container, volume or mount: dropped, said; a container left without an ' +
      'image: refused',
    () => {
      const { notes, objects } = ok({
        volumes: [{ name: 'ca', configMap: { name: 'ca', defaultMod: 420 } }],
        volumeMounts: [{ name: 'ca', mountPath: '/ca', readonly: true }],
        extraContainers: [{ name: 'side', image: 'busybox:1.37.0', comand: ['sleep'] }],
      });
      expect(notes['volumeMounts[0].readonly']).toBe(
        'dropped: not a field of a Kubernetes VolumeMount (the API ' +
          'server drops it too, and kubectl ' +
          '--validate=strict refuses it); fix the spelling or remove it',
      );
      expect(notes['volumes[0].configMap.defaultMod']).toMatch(/^dropped: not a field of a Kubernetes Volume /);
      expect(notes['extraContainers[0].comand']).toMatch(/^dropped: not a field of a Kubernetes Container /);
      expect(pod(objects).containers[0].volumeMounts).toContainEqual({ name: 'ca', mountPath: '/ca' });
      expect(refused({ initContainers: [{ name: 'kubeconfig', images: 'rancher/shell:v0.6.0' }] })).toBe(
        'initContainers[0].images: not a ' +
          'field of a Kubernetes Container, and the container has no image, which the API server refuses; rename it to ' +
          'image',
      );
    },
  );
});

describe('messages that lead somewhere', () => {
  test('runAsUser 0: refused with an opt-in that works, not a key the migration refuses again', () => {
    expect(refused({ securityContext: { runAsUser: 0 } })).toBe(
      'securityContext.runAsUser: runs Headlamp as root ' +
        '(uid 0): whoever breaks ' +
        'into it owns the container, and a container escape starts as root; remove securityContext.runAsUser (the ' +
        'library runs Headlamp as uid ' +
        '100), or pass --unsafe-run-as-root',
    );
    expect(refused({ podSecurityContext: { runAsUser: 0 } })).toMatch(/^podSecurityContext\.runAsUser: /);
    const { objects, notes } = ok({ securityContext: { runAsUser: 0 } }, { unsafeRunAsRoot: true });
    expect(pod(objects).containers[0].securityContext).toMatchObject({
      runAsUser: 0,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
    });
    expect(notes['securityContext.runAsUser']).toBe(
      'uid 0 kept (--unsafe-run-as-root: ' + 'security.unsafeAllowRunAsRoot); the rest of the hardening stays',
    );
  });

  test('a way out that is TypeScript says so, and is not written as a values key', () => {
    expect(refused({ config: { extraArgs: ['-kubeconfig-dir=/k'] } })).toBe(
      'chart values: config.extraArgs[0]: ' +
        '-kubeconfig-dir is set by the ' +
        "library, got it in extraArgs (value not shown); use TypeScript's HeadlampDeployment props.kubeconfigs " +
        '(HeadlampDeployment props.extraArgs[0])',
    );
  });
});
