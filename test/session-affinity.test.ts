// Headlamp's own OIDC login with 2+ replicas: every route the library renders keeps a browser on one pod for the whole
// session (ingress-nginx cookie affinity, Traefik's sticky cookie on the Service), Gateway API is refused unless the
// Gateway says it keeps affinity, and nothing a user adds can undo it. The values file and the chart migration too.
import { App, Duration } from 'cdk8s';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import {
  BasicAuthCredentials,
  BasicAuthIngress,
  ChartMigrationRefusal,
  HeadlampAuth,
  HeadlampDeployment,
  HeadlampDeploymentProps,
  HeadlampHttpRoute,
  HeadlampIngress,
  HeadlampIngressProps,
  headlampChartFromValues,
  IngressController,
  IngressTls,
  migrateChartValues,
  OAuth2ProxyFrontend,
  OAuth2ProxyMode,
  OAuth2ProxyProvider,
  OidcConfig,
  ServiceType,
} from '../lib';
import { expectRefused } from './helpers/adversarial';
import { validateAll } from './helpers/k8s-schema';
import { only, parseYaml, synth, synthExample, testChart } from './helpers/synth';

const HTPASSWD = 'alice:$2y$05$abcdefghijklmnopqrstuuJSU9y6sVrFjpk6l1.XL7DlVw0U0qQp6';
const oidc = () =>
  HeadlampAuth.oidc(
    OidcConfig.dex({
      issuerUrl: 'https://dex.example.com',
      clientId: 'headlamp',
      publicUrl: 'https://headlamp.example.com',
    }),
  );
const tls = IngressTls.fromSecret('tls');

/** The ingress-nginx annotations for the cookie `headlamp-affinity` with `maxAge` seconds. */
const nginxAffinity = (maxAge: string) => ({
  'nginx.ingress.kubernetes.io/affinity': 'cookie',
  'nginx.ingress.kubernetes.io/affinity-mode': 'persistent',
  'nginx.ingress.kubernetes.io/session-cookie-name': 'headlamp-affinity',
  'nginx.ingress.kubernetes.io/session-cookie-secure': 'true',
  'nginx.ingress.kubernetes.io/session-cookie-samesite': 'Lax',
  'nginx.ingress.kubernetes.io/session-cookie-max-age': maxAge,
  // Pinned (issue 25): true would send every request to the ClusterIP, where no cookie pins a pod.
  'nginx.ingress.kubernetes.io/service-upstream': 'false',
});
/**
 * Traefik's sticky-cookie annotations of the Service: no `.path` (issue 25: Traefik v3.0-v3.2 do not know it and would
 * drop the Service; Traefik's cookie path is `/`, under any base URL).
 */
const traefikSticky = (maxAge: string) => ({
  'traefik.ingress.kubernetes.io/service.sticky.cookie': 'true',
  'traefik.ingress.kubernetes.io/service.sticky.cookie.name': 'headlamp-affinity',
  'traefik.ingress.kubernetes.io/service.sticky.cookie.secure': 'true',
  'traefik.ingress.kubernetes.io/service.sticky.cookie.httponly': 'true',
  'traefik.ingress.kubernetes.io/service.sticky.cookie.samesite': 'lax',
  'traefik.ingress.kubernetes.io/service.sticky.cookie.maxage': maxAge,
  // Pinned per Service (issue 25): the provider's nativeLBByDefault would send every request to the ClusterIP.
  'traefik.ingress.kubernetes.io/service.nativelb': 'false',
});

function setup(props: HeadlampDeploymentProps = {}) {
  const chart = testChart();
  const headlamp = new HeadlampDeployment(chart, 'headlamp', { replicas: 3, auth: oidc(), ...props });
  const ingress = (id: string, extra: Partial<HeadlampIngressProps> = {}) =>
    new HeadlampIngress(chart, id, { headlamp, name: id, hosts: [`${id}.example.com`], tls, ...extra });
  return { chart, headlamp, ingress };
}

describe("Headlamp's own OIDC login with 2+ replicas: every route keeps a browser on one pod", () => {
  test('ingress-nginx: cookie affinity on the Ingress, persistent, Secure, SameSite Lax, twice the session TTL', () => {
    const { chart, ingress } = setup({ sessionTtl: Duration.hours(8) });
    ingress('nginx', { controller: IngressController.INGRESS_NGINX });
    const objects = synth(chart);
    expect(only(objects, 'Ingress').metadata.annotations).toStrictEqual({
      'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true',
      ...nginxAffinity('57600'),
    });
    expect(validateAll(objects)).toEqual([]);
  });

  test('Traefik: the sticky cookie on the Service (the Kubernetes Ingress provider reads it there); the Ingress is unchanged', () => {
    const { chart, ingress } = setup();
    ingress('traefik');
    const objects = synth(chart);
    expect(only(objects, 'Service').metadata.annotations).toStrictEqual(traefikSticky('172800'));
    expect(only(objects, 'Ingress').metadata.annotations).toStrictEqual({
      'traefik.ingress.kubernetes.io/router.tls': 'true',
      'traefik.ingress.kubernetes.io/router.middlewares': 'headlamp-traefik-hsts@kubernetescrd',
    });
    expect(validateAll(objects)).toEqual([]);
  });

  test(
    "under a base URL: Traefik's cookie keeps its path / (ingress-nginx uses the Ingress path itself); " +
      'with pod TLS both Service annotations',
    () => {
      const { chart, ingress } = setup({ baseUrl: '/headlamp', podTlsSecret: 'pod-tls' });
      ingress('nginx', { controller: IngressController.INGRESS_NGINX });
      const objects = synth(chart);
      expect(only(objects, 'Service').metadata.annotations).toStrictEqual({
        'traefik.ingress.kubernetes.io/service.serversscheme': 'https',
        ...traefikSticky('172800'),
      });
      expect(
        Object.keys(only(objects, 'Ingress').metadata.annotations).filter((k) => k.includes('session-cookie-path')),
      ).toEqual([]);
      expect(only(objects, 'Ingress').spec.rules[0].http.paths[0].path).toBe('/headlamp');
    },
  );

  test('every route gets it: two Ingresses, and a BasicAuthIngress beside its auth annotations', () => {
    const { chart, headlamp, ingress } = setup();
    ingress('a', { controller: IngressController.INGRESS_NGINX });
    new BasicAuthIngress(chart, 'b', {
      headlamp,
      name: 'b',
      hosts: ['b.example.com'],
      tls,
      controller: IngressController.INGRESS_NGINX,
      credentials: BasicAuthCredentials.fromHtpasswdLines([HTPASSWD]),
    });
    const objects = synth(chart);
    expect(only(objects, 'Ingress', 'a').metadata.annotations).toMatchObject(nginxAffinity('172800'));
    expect(only(objects, 'Ingress', 'b').metadata.annotations).toMatchObject({
      ...nginxAffinity('172800'),
      'nginx.ingress.kubernetes.io/auth-type': 'basic',
    });
  });

  test("a NodePort or LoadBalancer Service reached directly: ClientIP affinity for the cookie's Max-Age, capped at the API's day", () => {
    const serviceOf = (props: HeadlampDeploymentProps) => {
      const objects = synth(setup(props).chart);
      expect(validateAll(objects)).toEqual([]);
      return only(objects, 'Service');
    };
    const exposed = (type: ServiceType) => ({ service: { type, unsafeAllowPlainHttpExposure: true } });
    const clientIp = (timeoutSeconds: number) => ({
      sessionAffinity: 'ClientIP',
      sessionAffinityConfig: { clientIP: { timeoutSeconds } },
    });
    // The default session TTL is a day: the cookie's two days are capped at 86400, the most the API accepts.
    expect(serviceOf(exposed(ServiceType.NODE_PORT)).spec).toMatchObject({ type: 'NodePort', ...clientIp(86400) });
    expect(serviceOf({ ...exposed(ServiceType.LOAD_BALANCER), sessionTtl: Duration.hours(8) }).spec).toMatchObject({
      type: 'LoadBalancer',
      ...clientIp(57600),
    });
    // A ClusterIP Service is reached through a route, which keeps the cookie; one replica or token login needs nothing.
    for (const props of [
      {},
      { ...exposed(ServiceType.NODE_PORT), replicas: 1 },
      { ...exposed(ServiceType.NODE_PORT), auth: HeadlampAuth.serviceAccountToken() },
    ]) {
      const spec = serviceOf(props).spec;
      expect([spec.sessionAffinity, spec.sessionAffinityConfig]).toStrictEqual([undefined, undefined]);
    }
  });

  test('none where any pod serves any request: one replica, token login, or the identity-aware proxy (oauth2-proxy forward auth)', () => {
    const annotationsOf = (props: HeadlampDeploymentProps) => {
      const { chart, ingress } = setup(props);
      ingress('nginx', { controller: IngressController.INGRESS_NGINX });
      const objects = synth(chart);
      return [only(objects, 'Service').metadata.annotations, only(objects, 'Ingress').metadata.annotations];
    };
    const tlsOnly = { 'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true' };
    expect(annotationsOf({ replicas: 1 })).toStrictEqual([undefined, tlsOnly]);
    expect(annotationsOf({ auth: HeadlampAuth.serviceAccountToken() })).toStrictEqual([undefined, tlsOnly]);
    const chart = testChart();
    const headlamp = new HeadlampDeployment(chart, 'headlamp', {
      replicas: 3,
      auth: HeadlampAuth.identityAwareProxy(),
    });
    new OAuth2ProxyFrontend(chart, 'proxy', {
      headlamp,
      mode: OAuth2ProxyMode.FORWARD_AUTH,
      provider: OAuth2ProxyProvider.oidc('https://idp.example.com'),
      credentialsSecret: 'o',
      emailDomains: ['*'],
      hosts: ['headlamp.example.com'],
      tls,
      controller: IngressController.INGRESS_NGINX,
    });
    const objects = synth(chart);
    expect(only(objects, 'Service', 'headlamp').metadata.annotations).toBeUndefined();
    for (const ing of objects.filter((o) => o.kind === 'Ingress'))
      expect(Object.keys(ing.metadata.annotations).filter((k) => /affinity|session-cookie/.test(k))).toEqual([]);
  });

  test("oauth2-proxy never reaches Headlamp's own login: an OAuth2ProxyFrontend in front of OIDC login is refused", () => {
    const { chart, headlamp } = setup();
    expectRefused(
      () =>
        new OAuth2ProxyFrontend(chart, 'proxy', {
          headlamp,
          mode: OAuth2ProxyMode.REVERSE_PROXY,
          provider: OAuth2ProxyProvider.oidc('https://idp.example.com'),
          credentialsSecret: 'o',
          emailDomains: ['*'],
          hosts: ['headlamp.example.com'],
          tls,
        }),
      {
        type: 'OAuth2ProxyFrontend',
        path: 'test/proxy',
        prop: 'props.mode',
        says: "reverse-proxy mode needs the HeadlampDeployment's auth to be service-account-token, got oidc; leave auth at HeadlampAuth.serviceAccountToken()",
      },
    );
  });

  test('examples/production.ts (3 replicas, Keycloak, Traefik): the Service carries the sticky cookie, 16 h for an 8 h session', () => {
    const objects = synthExample('production').objects;
    expect(only(objects, 'Service').metadata.annotations).toStrictEqual(traefikSticky('57600'));
  });
});

describe('Gateway API: no session persistence in the standard channel', () => {
  const route = (replicas: number, gateway: object = {}) => {
    const { chart, headlamp } = setup({ replicas });
    new HeadlampHttpRoute(chart, 'route', {
      headlamp,
      hostnames: ['headlamp.example.com'],
      gateway: { name: 'public', sectionName: 'websecure', ...gateway },
    });
    return synth(chart);
  };

  test("HA with Headlamp's own OIDC login is refused, naming the ways out", () => {
    expect(() => route(3)).toThrow(
      "HeadlampHttpRoute 'test/route': props.gateway: Gateway API has no session persistence in its standard channel " +
        "(HTTPRoute sessionPersistence is experimental in v1.6), got a route to HeadlampDeployment 'test/headlamp', which runs 3 replicas with " +
        "Headlamp's own OIDC login (a login's state and refresh token stay in the pod that started it): a login whose callback reaches another pod " +
        'fails (400 "invalid request", about 2 in 3 logins); set replicas: 1 on HeadlampDeployment \'test/headlamp\', or ' +
        'props.gateway.providesSessionAffinity: true once your Gateway keeps each browser on one pod (a session-persistence policy of your ' +
        'implementation), or route with HeadlampIngress (ingress-nginx or Traefik: the library adds cookie affinity)',
    );
  });

  test('providesSessionAffinity: true lets it through and renders nothing for it; one replica needs nothing', () => {
    const objects = route(3, { providesSessionAffinity: true });
    expect(only(objects, 'HTTPRoute').spec.parentRefs).toStrictEqual([{ name: 'public', sectionName: 'websecure' }]);
    expect(validateAll(objects)).toEqual([]);
    expect(() => route(1)).not.toThrow();
  });

  test('providesSessionAffinity takes a boolean', () => {
    expect(() => route(1, { providesSessionAffinity: 'yes' })).toThrow(
      'HeadlampHttpRoute \'test/route\': props.gateway.providesSessionAffinity: expected true or false, got "yes"',
    );
  });
});

describe('nothing a user adds undoes it', () => {
  const nginx = (annotations: Record<string, string>) => {
    const { ingress } = setup();
    return () => ingress('nginx', { controller: IngressController.INGRESS_NGINX, annotations });
  };
  const WHY =
    "HeadlampDeployment 'test/headlamp' runs 3 replicas with Headlamp's own OIDC login (a login's state and refresh token stay in the " +
    'pod that started it): drop the annotation, or set its replicas to 1';

  test('an Ingress annotation with another value (affinity-mode balanced, SameSite Strict) is refused', () => {
    expect(nginx({ 'nginx.ingress.kubernetes.io/affinity-mode': 'balanced' })).toThrow(
      "HeadlampIngress 'test/nginx': props.annotations['nginx.ingress.kubernetes.io/affinity-mode']: keeps each browser on one Headlamp pod " +
        `for its whole session, expected "persistent" (the library sets it) or none, got "balanced"; ${WHY}`,
    );
    expectRefused(nginx({ 'nginx.ingress.kubernetes.io/session-cookie-samesite': 'Strict' }), {
      type: 'HeadlampIngress',
      path: 'test/nginx',
      prop: "props.annotations['nginx.ingress.kubernetes.io/session-cookie-samesite']",
      says: 'expected "Lax" (the library sets it) or none, got "Strict"',
    });
  });

  test("an affinity annotation the library does not set is refused; the library's own value is accepted", () => {
    expect(nginx({ 'nginx.ingress.kubernetes.io/session-cookie-path': '/other' })).toThrow(
      "HeadlampIngress 'test/nginx': props.annotations['nginx.ingress.kubernetes.io/session-cookie-path']: keeps each browser on one Headlamp " +
        `pod for its whole session, expected no such annotation (the library owns the affinity cookie), got "/other"; ${WHY}`,
    );
    expect(
      nginx({
        'nginx.ingress.kubernetes.io/affinity-mode': 'persistent',
        'nginx.ingress.kubernetes.io/proxy-body-size': '8m',
      }),
    ).not.toThrow();
  });

  test('service-upstream (the ClusterIP as the only endpoint) is refused', () => {
    expect(nginx({ 'nginx.ingress.kubernetes.io/service-upstream': 'true' })).toThrow(
      "HeadlampIngress 'test/nginx': props.annotations['nginx.ingress.kubernetes.io/service-upstream']: sends every request to the Service's " +
        `ClusterIP, where kube-proxy picks a pod per connection and no cookie can pin one, got "true"; ${WHY}`,
    );
    expect(nginx({ 'nginx.ingress.kubernetes.io/service-upstream': 'false' })).not.toThrow();
  });

  test("a Service annotation that changes Traefik's sticky cookie, or nativelb, is refused", () => {
    expect(() =>
      setup({ service: { annotations: { 'traefik.ingress.kubernetes.io/service.sticky.cookie.samesite': 'strict' } } }),
    ).toThrow(
      "HeadlampDeployment 'test/headlamp': props.service.annotations['traefik.ingress.kubernetes.io/service.sticky.cookie.samesite']: keeps each " +
        `browser on one Headlamp pod for its whole session, expected "lax" (the library sets it) or none, got "strict"; ${WHY}`,
    );
    expectRefused(
      () => setup({ service: { annotations: { 'traefik.ingress.kubernetes.io/service.nativelb': 'true' } } }),
      {
        type: 'HeadlampDeployment',
        path: 'test/headlamp',
        prop: "props.service.annotations['traefik.ingress.kubernetes.io/service.nativelb']",
        says: "sends every request to the Service's ClusterIP",
      },
    );
  });

  test("with one replica these annotations are the user's to set", () => {
    const { ingress } = setup({
      replicas: 1,
      service: { annotations: { 'traefik.ingress.kubernetes.io/service.nativelb': 'true' } },
    });
    expect(() =>
      ingress('nginx', {
        controller: IngressController.INGRESS_NGINX,
        annotations: { 'nginx.ingress.kubernetes.io/affinity-mode': 'balanced' },
      }),
    ).not.toThrow();
  });
});

describe('values file', () => {
  const values = (extra: object) => ({
    namespace: 'headlamp',
    host: 'headlamp.example.com',
    auth: {
      type: 'oidc',
      provider: 'dex',
      options: {
        issuerUrl: 'https://dex.example.com',
        clientId: 'headlamp',
        publicUrl: 'https://headlamp.example.com',
      },
    },
    headlamp: { replicas: 2, sessionTtlSeconds: 3600 },
    ...extra,
  });

  test('an Ingress: the sticky cookie on the Service (examples/values/keycloak.yaml: 2 replicas, 8 h)', () => {
    const objects = synth(headlampChartFromValues(new App(), 'headlamp', values({ tls: { secretName: 't' } })));
    expect(only(objects, 'Service').metadata.annotations).toStrictEqual(traefikSticky('7200'));
    const keycloak = parse(fs.readFileSync(path.join(__dirname, '..', 'examples', 'values', 'keycloak.yaml'), 'utf8'));
    expect(
      only(synth(headlampChartFromValues(new App(), 'headlamp', keycloak)), 'Service').metadata.annotations,
    ).toStrictEqual(traefikSticky('57600'));
  });

  test('gateway: refused in values terms, or let through by gateway.providesSessionAffinity', () => {
    expect(() =>
      headlampChartFromValues(new App(), 'headlamp', values({ gateway: { name: 'public', sectionName: 'websecure' } })),
    ).toThrow(
      'values: gateway: Gateway API has no session persistence in its standard channel (HTTPRoute sessionPersistence is experimental in v1.6), ' +
        "got a route to HeadlampDeployment 'headlamp/headlamp', which runs 2 replicas with Headlamp's own OIDC login (a login's state and refresh " +
        'token stay in the pod that started it): a login whose callback reaches another pod fails (400 "invalid request", about 1 in 2 logins); ' +
        'set headlamp.replicas: 1, or gateway.providesSessionAffinity: true once your Gateway keeps each browser on one pod (a session-persistence ' +
        'policy of your implementation), or use an Ingress (tls instead of gateway; ingress-nginx or Traefik: the library adds cookie affinity)',
    );
    const objects = synth(
      headlampChartFromValues(
        new App(),
        'headlamp',
        values({ gateway: { name: 'public', sectionName: 'websecure', providesSessionAffinity: true } }),
      ),
    );
    expect(only(objects, 'HTTPRoute').spec.parentRefs).toStrictEqual([{ name: 'public', sectionName: 'websecure' }]);
  });
});

describe('chart migration: replicaCount 2+ with OIDC', () => {
  const chartValues = (extra: object) => ({
    replicaCount: 2,
    config: {
      oidc: {
        clientID: 'headlamp',
        issuerURL: 'https://sso.example.com/realms/lab',
        scopes: 'openid,profile,email',
        externalSecret: { enabled: false },
      },
    },
    ...extra,
  });
  const migrate = (extra: object, options = {}) =>
    migrateChartValues(new App(), chartValues(extra), { publicUrl: 'https://headlamp.example.com', ...options });
  const INGRESS = {
    ingress: {
      enabled: true,
      ingressClassName: 'nginx',
      hosts: [{ host: 'headlamp.example.com', paths: [{ path: '/', type: 'Prefix' }] }],
      tls: [{ secretName: 't', hosts: ['headlamp.example.com'] }],
    },
  };
  const HTTP_ROUTE = {
    httpRoute: {
      enabled: true,
      parentRefs: [{ name: 'public', sectionName: 'websecure' }],
      hostnames: ['headlamp.example.com'],
    },
  };

  test('an ingress gets the affinity from the constructs, and a note says why', () => {
    const result = migrate(INGRESS);
    expect(only(synth(result.chart), 'Ingress').metadata.annotations).toMatchObject(nginxAffinity('172800'));
    expect(result.notes.filter((n) => n.key === 'replicaCount')).toStrictEqual([
      {
        key: 'replicaCount',
        flags: [],
        message:
          'with OIDC login and 2 replicas, the Ingress keeps each browser on one pod for the session (cookie ' +
          'headlamp-affinity: ingress-nginx affinity annotations); Headlamp keeps a login in the memory of the pod that started it (upstream ' +
          'issues 4019, 5401), so without it most logins failed',
      },
    ]);
  });

  test('an httpRoute is refused, naming the ways out; --gateway-provides-session-affinity carries it over', () => {
    let err: unknown;
    try {
      migrate(HTTP_ROUTE);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ChartMigrationRefusal);
    expect((err as Error).message).toBe(
      'httpRoute.enabled: with OIDC login and replicaCount 2, every login must come back to the pod that started ' +
        "it (Headlamp keeps it in memory: upstream issues 4019, 5401), and Gateway API's standard channel cannot keep a browser on one pod; set " +
        'replicaCount: 1, or use ingress instead (it gets cookie affinity), or pass --gateway-provides-session-affinity if your Gateway keeps ' +
        'each browser on one pod (a session-persistence policy you configure)',
    );
    const result = migrate(HTTP_ROUTE, { gatewayProvidesSessionAffinity: true });
    expect(result.typescript).toContain('providesSessionAffinity: true');
    expect(result.notes.map((n) => n.key)).toContain('httpRoute.enabled');
  });

  test('no route at all: a note that the route of your own needs affinity; one replica: no note', () => {
    expect(
      migrate({})
        .notes.filter((n) => n.key === 'replicaCount')
        .map((n) => n.message),
    ).toStrictEqual([
      'with OIDC login and 2 replicas, the route in front of Headlamp must keep each browser on one pod for the session (Headlamp keeps a ' +
        'login in the memory of the pod that started it: upstream issues 4019, 5401); these values render no route, so give yours cookie ' +
        'affinity (docs/topologies.md, OIDC: more than one replica), or set replicaCount: 1',
    ]);
    expect(migrate({ replicaCount: 1, ...INGRESS }).notes.filter((n) => n.key === 'replicaCount')).toEqual([]);
  });

  test('cdk8s-headlamp --chart-values: exit 2 without the flag, the flag carries it over', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'affinity-'));
    const file = path.join(dir, 'values.yaml');
    fs.writeFileSync(file, JSON.stringify(chartValues(HTTP_ROUTE)));
    const cli = path.resolve(__dirname, '..', 'bin', 'cdk8s-headlamp.js');
    const run = (...args: string[]) =>
      spawnSync(
        process.execPath,
        [cli, '--chart-values', file, '--public-url', 'https://headlamp.example.com', ...args],
        { encoding: 'utf8' },
      );
    const refused = run('--out', path.join(dir, 'a'));
    expect([refused.status, refused.stderr]).toEqual([
      2,
      expect.stringMatching(
        /^cdk8s-headlamp: httpRoute\.enabled: with OIDC login and replicaCount 2, .*--gateway-provides-session-affinity/,
      ),
    ]);
    const done = run('--out', path.join(dir, 'b'), '--gateway-provides-session-affinity');
    expect(done.status).toBe(0);
    expect(done.stdout).toContain(
      'note: httpRoute.enabled: with OIDC login and 2 replicas, your Gateway must keep each browser on one pod',
    );
    expect(validateAll(parseYaml(fs.readFileSync(path.join(dir, 'b', 'headlamp.k8s.yaml'), 'utf8')))).toEqual([]);
  });
});

describe('issue 25: only what the targeted Traefik knows (an annotation it cannot read drops the Service)', () => {
  const v2 = () => ({
    hosts: ['b.example.com'],
    tls,
    legacyTraefikV2ApiGroup: true,
    credentials: BasicAuthCredentials.fromHtpasswdLines([HTPASSWD]),
  });

  test('Traefik v2 (legacyTraefikV2ApiGroup) with affinity is refused: v2 knows no sticky cookie max age', () => {
    const { chart, headlamp } = setup();
    expect(() => new BasicAuthIngress(chart, 'b', { headlamp, ...v2() })).toThrow(
      "BasicAuthIngress 'test/b': " +
        'props.legacyTraefikV2ApiGroup: is Traefik v2, which knows no sticky cookie max age ' +
        "(service.sticky.cookie.maxage, from Traefik v3.0), got it for a route to HeadlampDeployment 'test/headlamp', " +
        "which runs 3 replicas with Headlamp's own OIDC login (a login's state and refresh token stay in the pod that " +
        'started it): Traefik v2 drops a Service whose annotations it cannot read, so Headlamp would be unreachable; ' +
        'move to Traefik v3 (drop the prop), or set ' +
        "replicas: 1 on HeadlampDeployment 'test/headlamp'",
    );
  });

  test("one replica: Traefik v2 is the user's choice, and the Service carries no sticky annotation", () => {
    const { chart, headlamp } = setup({ replicas: 1 });
    new BasicAuthIngress(chart, 'b', { headlamp, ...v2() });
    expect(only(synth(chart), 'Service').metadata.annotations).toBeUndefined();
  });
});
