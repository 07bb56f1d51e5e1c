// ForwardAuthIngress: an external forward-auth gate (Authelia, Authentik) typed for ingress-nginx and Traefik, in front of token or OIDC login.
import {
  ForwardAuthIngress,
  ForwardAuthIngressProps,
  HeadlampAuth,
  HeadlampDeployment,
  HeadlampDeploymentProps,
  IngressController,
  IngressTls,
  OAuth2ProxyFrontend,
  OAuth2ProxyMode,
  OAuth2ProxyProvider,
} from '../lib';
import { validateAll } from './helpers/k8s-schema';
import { only, synth, testChart } from './helpers/synth';

function render(extra: Partial<ForwardAuthIngressProps>, headlampProps: HeadlampDeploymentProps = {}) {
  const chart = testChart();
  const headlamp = new HeadlampDeployment(chart, 'headlamp', headlampProps);
  const gate = new ForwardAuthIngress(chart, 'ingress', {
    headlamp,
    hosts: ['headlamp.example.com'],
    tls: IngressTls.fromSecret('tls'),
    authUrl: 'https://auth.example.com/api/authz/auth-request',
    ...extra,
  });
  const objects = synth(chart);
  return { gate, objects, ingress: only(objects, 'Ingress') };
}

describe('ForwardAuthIngress on ingress-nginx', () => {
  test('auth-url, auth-signin, auth-response-headers and auth-method beside the TLS redirect; no snippet', () => {
    const { objects, ingress } = render({
      controller: IngressController.INGRESS_NGINX,
      authUrl: 'http://authelia.authelia.svc.cluster.local/api/authz/auth-request',
      signInUrl: 'https://auth.example.com/?rm=$request_method',
      responseHeaders: ['Remote-User', 'Remote-Groups'],
      authMethod: 'GET',
    });
    expect(ingress.metadata.annotations).toStrictEqual({
      'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true',
      'nginx.ingress.kubernetes.io/auth-url': 'http://authelia.authelia.svc.cluster.local/api/authz/auth-request',
      'nginx.ingress.kubernetes.io/auth-signin': 'https://auth.example.com/?rm=$request_method',
      'nginx.ingress.kubernetes.io/auth-response-headers': 'Remote-User,Remote-Groups',
      'nginx.ingress.kubernetes.io/auth-method': 'GET',
    });
    expect(validateAll(objects)).toEqual([]);
  });

  test("only the auth URL is required; an annotation equal to the gate's is accepted", () => {
    const { ingress } = render({
      controller: IngressController.INGRESS_NGINX,
      annotations: { 'nginx.ingress.kubernetes.io/auth-url': 'https://auth.example.com/api/authz/auth-request' },
    });
    expect(Object.keys(ingress.metadata.annotations).filter((k) => k.includes('/auth-'))).toEqual([
      'nginx.ingress.kubernetes.io/auth-url',
    ]);
  });
});

describe('ForwardAuthIngress on Traefik', () => {
  test('a forwardAuth Middleware (client headers not trusted) chained after HSTS', () => {
    const { objects, ingress, gate } = render({
      responseHeaders: ['X-authentik-username'],
      signInUrl: 'https://auth.example.com/',
    });
    expect(only(objects, 'Middleware', 'headlamp-forward-auth').spec).toStrictEqual({
      forwardAuth: {
        address: 'https://auth.example.com/api/authz/auth-request',
        trustForwardHeader: false,
        authResponseHeaders: ['X-authentik-username'],
        authSigninURL: 'https://auth.example.com/',
      },
    });
    expect(ingress.metadata.annotations['traefik.ingress.kubernetes.io/router.middlewares']).toBe(
      'headlamp-headlamp-hsts@kubernetescrd,headlamp-headlamp-forward-auth@kubernetescrd',
    );
    expect(gate.middleware?.name).toBe('headlamp-forward-auth');
    expect(validateAll(objects)).toEqual([]);
  });

  test('in front of the shared-token login, which needs such a gate', () => {
    const { objects } = render({}, { auth: HeadlampAuth.unsafeSharedServiceAccountToken() });
    expect(only(objects, 'Middleware', 'headlamp-forward-auth').spec.forwardAuth.address).toBe(
      'https://auth.example.com/api/authz/auth-request',
    );
  });
});

describe('ForwardAuthIngress refusals', () => {
  test.each<[string, Partial<ForwardAuthIngressProps>, string]>([
    [
      'plain http to a public host',
      { authUrl: 'http://auth.example.com/api/verify' },
      'props.authUrl: expected https, or http only to a cluster-internal address (a Service name, *.svc, *.svc.cluster.local, a private IPv4 address): the check carries the user\'s cookies, got "http://auth.example.com/api/verify"',
    ],
    [
      'a relative auth URL',
      { authUrl: '/oauth2/auth' },
      'props.authUrl: expected an absolute http(s) URL such as \'https://auth.example.com/api/authz/auth-request\', got "/oauth2/auth"',
    ],
    [
      'an http sign-in page',
      { signInUrl: 'http://auth.example.com/' },
      'props.signInUrl: expected an https URL such as \'https://auth.example.com/?rd=$escaped_request_uri\', got "http://auth.example.com/"',
    ],
    [
      'Authorization from the gate',
      { responseHeaders: ['Remote-User', 'Authorization'] },
      "props.responseHeaders[1]: Authorization would reach Headlamp as the user's Kubernetes credentials, got it from the gate; log in to Kubernetes " +
        'behind the gate (token or OIDC), or put oauth2-proxy in front with OAuth2ProxyFrontend, got "Authorization"',
    ],
    [
      'a header name with a space',
      { responseHeaders: ['Remote User'] },
      'props.responseHeaders[0]: expected a header name such as \'Remote-User\', got "Remote User"',
    ],
    [
      'a method on Traefik',
      { authMethod: 'POST' },
      "props.authMethod: applies to ingress-nginx only, got POST with controller traefik; Traefik's forwardAuth always sends GET, with the original method in X-Forwarded-Method",
    ],
    [
      'an NGINX variable on Traefik',
      { signInUrl: 'https://auth.example.com/?rd=$escaped_request_uri' },
      'props.signInUrl: NGINX variables apply to ingress-nginx only, got one with controller traefik (authSigninURL is used as given); write the URL without them',
    ],
    [
      'the Traefik v2 group on ingress-nginx',
      { controller: IngressController.INGRESS_NGINX, legacyTraefikV2ApiGroup: true },
      'props.legacyTraefikV2ApiGroup: applies to Traefik only, got true with controller ingress-nginx',
    ],
    [
      'a snippet beside the gate',
      {
        controller: IngressController.INGRESS_NGINX,
        annotations: { 'nginx.ingress.kubernetes.io/auth-snippet': 'proxy_set_header X 1;' },
      },
      "props.annotations['nginx.ingress.kubernetes.io/auth-snippet']: is managed by the library, got a value for it; a snippet is raw NGINX configuration that can rewrite or skip the gate, TLS and HSTS (ingress-nginx turns snippet annotations off by default and rates them Critical); remove it",
    ],
  ])('%s', (_what, extra, message) => {
    expect(() => render(extra)).toThrow(`ForwardAuthIngress 'test/ingress': ${message}`);
  });

  test('identity-aware-proxy mode: Headlamp would trust the headers of anyone who reaches it', () => {
    expect(() => render({}, { auth: HeadlampAuth.identityAwareProxy() })).toThrow(
      "ForwardAuthIngress 'test/ingress': props.headlamp: " +
        "an external gate's headers are not trusted by Headlamp, got HeadlampDeployment 'test/headlamp' in identity-aware-proxy mode with an " +
        'OAuth2ProxyFrontend expected; log in with tokens or OIDC behind the gate, use OAuth2ProxyFrontend (forward-auth mode), or, when this gate ' +
        'is your own identity proxy, set HeadlampAuth.identityAwareProxy({ unsafeExternalProxy: true }) and list its identity headers in responseHeaders',
    );
  });

  test.each([IngressController.INGRESS_NGINX, IngressController.TRAEFIK])(
    '%s: your own identity proxy, unless its answer sets every header Headlamp believes',
    (controller) => {
      const auth = () =>
        HeadlampAuth.identityAwareProxy({
          unsafeExternalProxy: true,
          headers: { username: 'X-Auth-Request-User', groups: 'X-Auth-Request-Groups' },
        });
      expect(() =>
        render({ controller, responseHeaders: ['X-Auth-Request-User', 'X-Auth-Request-Groups'] }, { auth: auth() }),
      ).toThrow(
        "ForwardAuthIngress 'test/ingress': props.responseHeaders: expected every identity header HeadlampDeployment 'test/headlamp' " +
          "trusts, got none of X-Forwarded-Email, X-Forwarded-Id-Token: a client's copy would reach Headlamp, which would believe it; add them to " +
          "responseHeaders (the controller then sets each only from the gate's answer)",
      );
      // Listed (in any case), the controller sets each only from the gate's answer: the route is the forward-auth chain.
      const all = ['x-auth-request-user', 'X-Auth-Request-Groups', 'X-Forwarded-Email', 'X-Forwarded-Id-Token'];
      const { objects } = render({ controller, responseHeaders: all }, { auth: auth() });
      expect(validateAll(objects)).toEqual([]);
      const listed =
        controller === IngressController.TRAEFIK
          ? objects.find((o) => o.kind === 'Middleware' && o.spec.forwardAuth).spec.forwardAuth.authResponseHeaders
          : only(objects, 'Ingress').metadata.annotations['nginx.ingress.kubernetes.io/auth-response-headers'].split(
              ',',
            );
      expect(listed).toEqual(all);
    },
  );

  test('a route around a reverse-proxy OAuth2ProxyFrontend is refused, as for any route', () => {
    const chart = testChart();
    const headlamp = new HeadlampDeployment(chart, 'headlamp');
    new OAuth2ProxyFrontend(chart, 'proxy', {
      headlamp,
      mode: OAuth2ProxyMode.REVERSE_PROXY,
      provider: OAuth2ProxyProvider.oidc('https://idp.example.com'),
      credentialsSecret: 'o2p',
      emailDomains: ['example.com'],
      hosts: ['headlamp.example.com'],
      tls: IngressTls.fromSecret('tls'),
    });
    expect(
      () =>
        new ForwardAuthIngress(chart, 'gate', {
          headlamp,
          hosts: ['other.example.com'],
          tls: IngressTls.fromSecret('t'),
          authUrl: 'https://auth.example.com/',
        }),
    ).toThrow(
      "ForwardAuthIngress 'test/gate': props.headlamp: routes straight to HeadlampDeployment 'test/headlamp', around OAuth2ProxyFrontend 'test/proxy'",
    );
  });
});

describe('ForwardAuthIngress requestHeaders (what an auth-snippet of proxy_set_header lines does, without the snippet)', () => {
  test('ingress-nginx: a ConfigMap named by auth-proxy-set-headers', () => {
    const { objects, ingress, gate } = render({
      controller: IngressController.INGRESS_NGINX,
      requestHeaders: { 'X-Forwarded-Method': '$request_method' },
    });
    expect(only(objects, 'ConfigMap', 'headlamp-auth-request-headers').data).toStrictEqual({
      'X-Forwarded-Method': '$request_method',
    });
    expect(ingress.metadata.annotations['nginx.ingress.kubernetes.io/auth-proxy-set-headers']).toBe(
      'headlamp-auth-request-headers',
    );
    expect(gate.requestHeadersConfigMap?.name).toBe('headlamp-auth-request-headers');
    expect(validateAll(objects)).toEqual([]);
  });

  test.each<[string, Partial<ForwardAuthIngressProps>, string]>([
    [
      'on Traefik',
      { requestHeaders: { 'X-Forwarded-Method': '$request_method' } },
      "props.requestHeaders: applies to ingress-nginx only, got it with controller traefik; Traefik's forwardAuth sends X-Forwarded-Method, -Proto, -Host, -Uri and -For itself: drop it",
    ],
    [
      'a value over two lines',
      { controller: IngressController.INGRESS_NGINX, requestHeaders: { 'X-A': 'a\nb' } },
      'props.requestHeaders.X-A: expected a header value on one line, got "a\\nb"',
    ],
  ])('refused: %s', (_what, extra, message) => {
    expect(() => render(extra)).toThrow(`ForwardAuthIngress 'test/ingress': ${message}`);
  });
});
