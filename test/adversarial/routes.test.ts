// Routes to Headlamp (HeadlampIngress, HeadlampHttpRoute, BasicAuthIngress) next to the proxies that are
// supposed to be the only way in, and annotations that would silently remove the library's protection.
import { App, Chart } from 'cdk8s';
import {
  BasicAuthCredentials,
  BasicAuthIngress,
  HeadlampAuth,
  HeadlampDeployment,
  HeadlampHttpRoute,
  HeadlampIngress,
  IngressController,
  IngressControllerPeer,
  IngressTls,
  OAuth2ProxyFrontend,
  OAuth2ProxyMode,
  OAuth2ProxyProvider,
  ServiceType,
} from '../../lib';
import { expectRefused } from '../helpers/adversarial';
import { only, synth, testChart } from '../helpers/synth';

const HTPASSWD = 'alice:$2y$05$abcdefghijklmnopqrstuuJSU9y6sVrFjpk6l1.XL7DlVw0U0qQp6';
const tls = IngressTls.fromSecret('tls');

function setup(mode?: OAuth2ProxyMode) {
  const chart = testChart();
  const headlamp = new HeadlampDeployment(chart, 'headlamp', {
    auth: mode === OAuth2ProxyMode.FORWARD_AUTH ? HeadlampAuth.identityAwareProxy() : undefined,
  });
  const frontend = () =>
    new OAuth2ProxyFrontend(chart, 'proxy', {
      headlamp,
      mode: mode!,
      provider: OAuth2ProxyProvider.oidc('https://idp.example.com'),
      credentialsSecret: 'o',
      emailDomains: ['example.com'],
      hosts: ['headlamp.example.com'],
      tls,
    });
  return { chart, headlamp, frontend };
}

const secondDoors = {
  HeadlampIngress: (c: Chart, h: HeadlampDeployment, extra = {}) =>
    new HeadlampIngress(c, 'door', { headlamp: h, name: 'door', hosts: ['door.example.com'], tls, ...extra }),
  HeadlampHttpRoute: (c: Chart, h: HeadlampDeployment, extra = {}) =>
    new HeadlampHttpRoute(c, 'door', {
      headlamp: h,
      name: 'door',
      hostnames: ['door.example.com'],
      gateway: { name: 'gw', sectionName: 'https' },
      ...extra,
    }),
  BasicAuthIngress: (c: Chart, h: HeadlampDeployment, extra = {}) =>
    new BasicAuthIngress(c, 'door', {
      headlamp: h,
      name: 'door',
      hosts: ['door.example.com'],
      tls,
      credentials: BasicAuthCredentials.fromHtpasswdLines([HTPASSWD]),
      ...extra,
    }),
};

describe.each(Object.entries(secondDoors))('a second door (%s)', (type, door) => {
  test('next to an identity-aware-proxy frontend: refused, naming both constructs', () => {
    for (const says of [
      "routes straight to HeadlampDeployment 'test/headlamp', which trusts identity headers",
      "OAuth2ProxyFrontend 'test/proxy'",
    ]) {
      const { chart, headlamp, frontend } = setup(OAuth2ProxyMode.FORWARD_AUTH);
      frontend();
      expectRefused(() => door(chart, headlamp), { type, path: 'test/door', prop: 'props.headlamp', says });
    }
  });

  test('in identity-aware-proxy mode before the frontend exists: refused as well', () => {
    const { chart, headlamp } = setup(OAuth2ProxyMode.FORWARD_AUTH);
    expectRefused(() => door(chart, headlamp), {
      type,
      path: 'test/door',
      prop: 'props.headlamp',
      says: 'identity-aware-proxy mode',
    });
  });

  test('next to a reverse-proxy frontend: refused whichever comes first', () => {
    const after = setup(OAuth2ProxyMode.REVERSE_PROXY);
    after.frontend();
    expectRefused(() => door(after.chart, after.headlamp), {
      type,
      path: 'test/door',
      prop: 'props.headlamp',
      says: "around OAuth2ProxyFrontend 'test/proxy' (reverse proxy",
    });
    const before = setup(OAuth2ProxyMode.REVERSE_PROXY);
    door(before.chart, before.headlamp);
    expectRefused(before.frontend, {
      type: 'OAuth2ProxyFrontend',
      path: 'test/proxy',
      prop: 'props.headlamp',
      says: `${type} 'test/door' already routes straight to HeadlampDeployment 'test/headlamp'`,
    });
  });

  test('the named exception lets it through', () => {
    const { chart, headlamp, frontend } = setup(OAuth2ProxyMode.REVERSE_PROXY);
    frontend();
    expect(() => door(chart, headlamp, { unsafeBypassAuthProxy: true })).not.toThrow();
  });
});

describe('exposure rule, other doors', () => {
  test('a LoadBalancer Service next to a reverse-proxy frontend', () => {
    const chart = testChart();
    const headlamp = new HeadlampDeployment(chart, 'headlamp', {
      service: { type: ServiceType.LOAD_BALANCER, unsafeAllowPlainHttpExposure: true },
    });
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
        prop: 'props.headlamp',
        says: 'the LoadBalancer Service of HeadlampDeployment',
      },
    );
  });

  test('unsafeBypassAuthProxy on the frontend itself is refused (it is the proxy)', () => {
    const { frontend, headlamp, chart } = setup(OAuth2ProxyMode.REVERSE_PROXY);
    void frontend;
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
          unsafeBypassAuthProxy: true,
        }),
      {
        type: 'OAuth2ProxyFrontend',
        path: 'test/proxy',
        prop: 'props.unsafeBypassAuthProxy',
        says: 'not to the frontend itself',
      },
    );
  });

  test("a second Ingress with the frontend's name collides instead of silently replacing it", () => {
    const { chart, headlamp, frontend } = setup(OAuth2ProxyMode.REVERSE_PROXY);
    frontend();
    expectRefused(
      () =>
        new HeadlampIngress(chart, 'door', { headlamp, hosts: ['door.example.com'], tls, unsafeBypassAuthProxy: true }),
      { type: 'HeadlampIngress', path: 'test/door', prop: 'props.name', says: "collides with 'test/proxy/" },
    );
  });
});

describe('managed annotations cannot be overridden', () => {
  const cases: Array<[string, string, string]> = [
    ['traefik.ingress.kubernetes.io/router.middlewares', 'x@file', 'props.extraTraefikMiddlewares'],
    ['traefik.ingress.kubernetes.io/router.entrypoints', 'web', 'plain-HTTP entry point'],
    ['traefik.ingress.kubernetes.io/router.tls', 'false', 'TLS and entry points follow props.tls'],
    ['nginx.ingress.kubernetes.io/auth-type', 'none', 'it is the auth gate'],
    ['nginx.ingress.kubernetes.io/auth-url', 'http://evil', 'it is the auth gate'],
    ['nginx.ingress.kubernetes.io/satisfy', 'any', 'it is the auth gate'],
    ['nginx.ingress.kubernetes.io/force-ssl-redirect', 'false', 'TLS redirect'],
    [
      'nginx.ingress.kubernetes.io/hsts',
      'false',
      'is not an ingress-nginx annotation (the controller ignores it), got a value for it; ingress-nginx sends HSTS from its controller ConfigMap',
    ],
    ['nginx.ingress.kubernetes.io/hsts-max-age', '0', 'is not an ingress-nginx annotation'],
    ['nginx.ingress.kubernetes.io/backend-protocol', 'HTTP', 'the backend protocol'],
    ['nginx.ingress.kubernetes.io/configuration-snippet', 'more_clear_input_headers X-Forwarded-User;', 'a snippet'],
  ];
  test.each(cases)("%s on BasicAuthIngress and on the frontend's Ingress", (key, value, says) => {
    const basic = testChart();
    const h = new HeadlampDeployment(basic, 'headlamp');
    expectRefused(
      () =>
        new BasicAuthIngress(basic, 'gate', {
          headlamp: h,
          hosts: ['h.example.com'],
          tls,
          credentials: BasicAuthCredentials.fromHtpasswdLines([HTPASSWD]),
          annotations: { [key]: value },
        }),
      { type: 'BasicAuthIngress', path: 'test/gate', prop: `props.annotations['${key}']`, says },
    );
    const { chart, headlamp } = setup(OAuth2ProxyMode.FORWARD_AUTH);
    expectRefused(
      () =>
        new OAuth2ProxyFrontend(chart, 'proxy', {
          headlamp,
          mode: OAuth2ProxyMode.FORWARD_AUTH,
          provider: OAuth2ProxyProvider.oidc('https://idp.example.com'),
          credentialsSecret: 'o',
          emailDomains: ['*'],
          hosts: ['headlamp.example.com'],
          tls,
          annotations: { [key]: value },
        }),
      { type: 'OAuth2ProxyFrontend', path: 'test/proxy', prop: `props.annotations['${key}']`, says },
    );
  });

  test("your own Traefik Middlewares run after the library's chain, never instead of it", () => {
    const chart = testChart();
    const h = new HeadlampDeployment(chart, 'headlamp');
    new BasicAuthIngress(chart, 'gate', {
      headlamp: h,
      hosts: ['h.example.com'],
      tls,
      credentials: BasicAuthCredentials.fromHtpasswdLines([HTPASSWD]),
      extraTraefikMiddlewares: ['headlamp-ratelimit@kubernetescrd'],
    });
    expect(only(synth(chart), 'Ingress').metadata.annotations['traefik.ingress.kubernetes.io/router.middlewares']).toBe(
      'headlamp-headlamp-hsts@kubernetescrd,headlamp-headlamp-basic-auth@kubernetescrd,headlamp-ratelimit@kubernetescrd',
    );
  });

  test('extraTraefikMiddlewares on ingress-nginx is refused', () => {
    const chart = testChart();
    const h = new HeadlampDeployment(chart, 'headlamp');
    expectRefused(
      () =>
        new HeadlampIngress(chart, 'i', {
          headlamp: h,
          hosts: ['h.example.com'],
          tls,
          controller: IngressController.INGRESS_NGINX,
          extraTraefikMiddlewares: ['a@file'],
        }),
      {
        type: 'HeadlampIngress',
        path: 'test/i',
        prop: 'props.extraTraefikMiddlewares',
        says: 'applies to Traefik only',
      },
    );
  });

  test('annotations the library does not manage stay open', () => {
    const chart = testChart();
    const h = new HeadlampDeployment(chart, 'headlamp');
    new HeadlampIngress(chart, 'i', {
      headlamp: h,
      hosts: ['h.example.com'],
      tls,
      annotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': '8m', 'example.com/team': 'x' },
    });
    expect(only(synth(chart), 'Ingress').metadata.annotations['example.com/team']).toBe('x');
  });
});

describe('factory values are checked where they are used', () => {
  const ingress = (extra: object) => () => {
    const chart = testChart();
    new HeadlampIngress(chart, 'i', {
      headlamp: new HeadlampDeployment(chart, 'headlamp'),
      hosts: ['h.example.com'],
      tls,
      ...extra,
    });
  };
  test.each<[string, object, string, string]>([
    [
      'a TLS Secret name',
      { tls: IngressTls.fromSecret('My Cert') },
      'props.tls.secretName',
      'expected a DNS-1123 subdomain',
    ],
    [
      'a cert-manager issuer',
      { tls: IngressTls.certManager('lets encrypt') },
      'props.tls.issuer',
      'a cert-manager issuer name',
    ],
    [
      'a controller namespace',
      { ingressControllerPeer: IngressControllerPeer.traefik('Kube_System') },
      'props.ingressControllerPeer.namespace',
      'a namespace name',
    ],
    [
      'an empty pod selector (every pod of the namespace)',
      { ingressControllerPeer: IngressControllerPeer.custom('ingress', {}) },
      'props.ingressControllerPeer.podLabels',
      'expected at least one pod label',
    ],
  ])('%s', (_case, extra, prop, says) => {
    expectRefused(ingress(extra), { type: 'HeadlampIngress', path: 'test/i', prop, says });
  });

  test('a gateway route in a bad Chart namespace', () => {
    const chart = new Chart(new App(), 'c', { namespace: 'ns' });
    const h = new HeadlampDeployment(chart, 'headlamp');
    expectRefused(
      () =>
        new HeadlampHttpRoute(chart, 'r', {
          headlamp: h,
          hostnames: ['h.example.com'],
          gateway: { name: 'gw', sectionName: 'https' },
          gatewayPeer: IngressControllerPeer.custom('gw', { 'bad key!': 'x' }),
        }),
      { type: 'HeadlampHttpRoute', path: 'c/r', prop: 'props.gatewayPeer.podLabels', says: 'expected a label key' },
    );
  });
});

describe("extra paths that take over the sign-in paths (Headlamp's <base-url>/oidc, /oidc-callback; oauth2-proxy's /oauth2)", () => {
  // How the controllers read a path (see lib/routes/reserved-paths.ts): Traefik v3.7.9 Prefix is a character-wise
  // PathPrefix (pkg/provider/kubernetes/ingress/kubernetes.go buildRule); ingress-nginx v1.15.1 turns every location of a
  // host into `~* "^<path>"` once one Ingress of it uses a regex (internal/ingress/controller/template/template.go
  // buildLocation): case-insensitive, '.' any character; nginx redirects `/x` to a proxied `/x/` location.
  type Extra = { path: string; pathType?: 'Prefix' | 'Exact' };
  const takenOver: Array<[string, string, Extra, string]> = [
    ["oauth2-proxy's path, exact", '', { path: '/oauth2', pathType: 'Exact' }, '/oauth2 and everything under it'],
    ["oauth2-proxy's path, prefix", '', { path: '/oauth2' }, '/oauth2 and everything under it'],
    ["oauth2-proxy's path with a trailing slash", '', { path: '/oauth2/' }, '/oauth2 and everything under it'],
    ['a path under /oauth2', '', { path: '/oauth2/callback', pathType: 'Exact' }, '/oauth2 and everything under it'],
    ['another case', '', { path: '/OAuth2/Start' }, '/oauth2 and everything under it'],
    ['a doubled slash', '/headlamp', { path: '//oauth2' }, '/oauth2 and everything under it'],
    ['a shorter prefix (Traefik matches characters)', '/headlamp', { path: '/oa' }, '/oauth2 and everything under it'],
    [
      "'.' (any character in ingress-nginx's regex mode)",
      '/headlamp',
      { path: '/oauth.' },
      '/oauth2 and everything under it',
    ],
    ['/ in front of a base URL (covers every path)', '/headlamp', { path: '/' }, '/headlamp/oidc'],
    ["Headlamp's login start", '', { path: '/oidc' }, '/oidc'],
    ["Headlamp's callback, exact", '', { path: '/oidc-callback', pathType: 'Exact' }, '/oidc-callback'],
    ["Headlamp's callback in another case", '', { path: '/OIDC-Callback', pathType: 'Exact' }, '/oidc-callback'],
    ["Headlamp's login with a trailing slash", '', { path: '/oidc/' }, '/oidc'],
    ['the login under a base URL', '/headlamp', { path: '/headlamp/oidc-callback' }, '/headlamp/oidc-callback'],
    ['the base URL with a trailing slash', '/headlamp', { path: '/headlamp/' }, '/headlamp/oidc'],
    [
      'a prefix of the callback (Traefik matches characters)',
      '/headlamp',
      { path: '/headlamp/oidc-' },
      '/headlamp/oidc-callback',
    ],
  ];
  const doors = {
    HeadlampIngress: (c: Chart, h: HeadlampDeployment, extra: object) =>
      new HeadlampIngress(c, 'door', { headlamp: h, hosts: ['headlamp.example.com'], tls, ...extra }),
    BasicAuthIngress: (c: Chart, h: HeadlampDeployment, extra: object) =>
      new BasicAuthIngress(c, 'door', {
        headlamp: h,
        hosts: ['headlamp.example.com'],
        tls,
        credentials: BasicAuthCredentials.fromHtpasswdLines([HTPASSWD]),
        ...extra,
      }),
  };

  describe.each(Object.entries(doors))('%s', (type, door) => {
    test.each(takenOver)('%s: refused', (_case, baseUrl, extra, what) => {
      for (const controller of [IngressController.TRAEFIK, IngressController.INGRESS_NGINX]) {
        const chart = testChart();
        const headlamp = new HeadlampDeployment(chart, 'headlamp', { baseUrl: baseUrl || undefined });
        expectRefused(
          () => door(chart, headlamp, { controller, extraPaths: [{ ...extra, serviceName: 'other', port: 80 }] }),
          {
            type,
            path: 'test/door',
            prop: 'props.extraPaths[0].path',
            says: `would take over ${what} (`,
          },
        );
      }
    });

    test('even with unsafeBypassAuthProxy next to an oauth2-proxy frontend on the same host', () => {
      const { chart, headlamp, frontend } = setup(OAuth2ProxyMode.REVERSE_PROXY);
      frontend();
      expect(() =>
        door(chart, headlamp, {
          name: 'door',
          unsafeBypassAuthProxy: true,
          extraPaths: [{ path: '/oauth2/', serviceName: 'other', port: 80 }],
        }),
      ).toThrow(
        `${type} 'test/door': props.extraPaths[0].path: would take over /oauth2 and everything under it (oauth2-proxy's own paths), ` +
          'got "/oauth2/" (Prefix); the sign-in flow needs them: pick a path that neither covers nor lies under /oauth2 (paths compare as ' +
          "ingress-nginx and Traefik may read them: case-insensitively, trailing slash ignored, '.' as any character); unsafeBypassAuthProxy does not lift this",
      );
    });

    test("the exact message for Headlamp's login", () => {
      const chart = testChart();
      const headlamp = new HeadlampDeployment(chart, 'headlamp', { baseUrl: '/headlamp' });
      expect(() =>
        door(chart, headlamp, {
          extraPaths: [{ path: '/headlamp/oidc-callback', pathType: 'Exact', serviceName: 'other', port: 80 }],
        }),
      ).toThrow(
        `${type} 'test/door': props.extraPaths[0].path: would take over /headlamp/oidc-callback (Headlamp's OIDC login), ` +
          'got "/headlamp/oidc-callback" (Exact); the sign-in flow needs it: pick a path that neither covers nor lies under /headlamp/oidc-callback ' +
          "(paths compare as ingress-nginx and Traefik may read them: case-insensitively, trailing slash ignored, '.' as any character); " +
          'unsafeBypassAuthProxy does not lift this',
      );
    });

    test('ImplementationSpecific paths stay refused (Traefik reads them with router.pathmatcher, possibly a regex)', () => {
      const chart = testChart();
      const headlamp = new HeadlampDeployment(chart, 'headlamp');
      expectRefused(
        () =>
          door(chart, headlamp, {
            extraPaths: [{ path: '/oauth2', pathType: 'ImplementationSpecific', serviceName: 'other', port: 80 }],
          }),
        {
          type,
          path: 'test/door',
          prop: 'props.extraPaths[0].pathType',
          says: "expected 'Prefix' or 'Exact'",
        },
      );
    });

    test.each<[string, string]>([
      ['/metrics', ''],
      ['/oauth3', ''],
      ['/oidcx', ''],
      ['/x/oauth2', ''],
      ['/headlamp-metrics', '/headlamp'],
      ['/headlamp/oidcx', '/headlamp'],
    ])('%s (base URL %j) is not a sign-in path: accepted', (path, baseUrl) => {
      const chart = testChart();
      const headlamp = new HeadlampDeployment(chart, 'headlamp', { baseUrl: baseUrl || undefined });
      door(chart, headlamp, { extraPaths: [{ path, serviceName: 'other', port: 80 }] });
      expect(only(synth(chart), 'Ingress').spec.rules[0].http.paths[1].path).toBe(path);
    });
  });

  test.each(takenOver.filter(([, base]) => base === ''))(
    'OAuth2ProxyFrontend: %s is refused (no extra paths around the proxy at all)',
    (_case, _base, extra) => {
      for (const mode of [OAuth2ProxyMode.REVERSE_PROXY, OAuth2ProxyMode.FORWARD_AUTH]) {
        const { chart, headlamp } = setup(mode);
        expectRefused(
          () =>
            new OAuth2ProxyFrontend(chart, 'proxy', {
              headlamp,
              mode,
              provider: OAuth2ProxyProvider.oidc('https://idp.example.com'),
              credentialsSecret: 'o',
              emailDomains: ['*'],
              hosts: ['headlamp.example.com'],
              tls,
              extraPaths: [{ ...extra, serviceName: 'other', port: 80 }],
            }),
          {
            type: 'OAuth2ProxyFrontend',
            path: 'test/proxy',
            prop: 'props.extraPaths',
            says: 'would route around oauth2-proxy',
          },
        );
      }
    },
  );
});
