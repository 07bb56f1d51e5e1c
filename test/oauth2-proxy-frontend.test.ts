import { App, Chart, Duration, Testing } from 'cdk8s';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import {
  HeadlampAuth,
  HeadlampDeployment,
  HeadlampValidationError,
  IngressController,
  IngressControllerPeer,
  IngressTls,
  OAuth2ProxyFrontend,
  OAuth2ProxyFrontendProps,
  OAuth2ProxyMode,
  OAuth2ProxyProvider,
  SecretKeyRef,
  SynthTimeSecret,
  TraefikSignIn,
} from '../lib';
import { defaultCookieRefresh, deriveCookieSecret } from '../lib/routes/oauth2-proxy/cookie';
import { validateAll } from './helpers/k8s-schema';
import { only, synth, testChart } from './helpers/synth';

/**
 * Client headers Headlamp passes to the API server as credentials or impersonation: the ingress must drop the
 * client's copy, so they are listed among the auth response headers (oauth2-proxy never sends them there).
 */
const CLIENT_CREDENTIAL_HEADERS = ['Authorization', 'Impersonate-User', 'Impersonate-Group', 'Impersonate-Uid'];

type Extra = Partial<OAuth2ProxyFrontendProps>;

function render(mode: OAuth2ProxyMode, extra: Extra = {}, headlampAuth?: HeadlampAuth) {
  const chart = testChart();
  const auth = headlampAuth ?? (mode === OAuth2ProxyMode.FORWARD_AUTH ? HeadlampAuth.identityAwareProxy() : undefined);
  const headlamp = new HeadlampDeployment(chart, 'headlamp', { auth });
  const frontend = new OAuth2ProxyFrontend(chart, 'proxy', {
    headlamp,
    mode,
    provider: OAuth2ProxyProvider.oidc('https://idp.example.com'),
    credentialsSecret: 'oauth2-proxy',
    emailDomains: ['example.com'],
    hosts: ['headlamp.example.com'],
    tls: IngressTls.fromSecret('tls'),
    ...extra,
  });
  const objects = synth(chart);
  const deployments = objects.filter((o) => o.kind === 'Deployment');
  const proxy = deployments.find((d) => d.metadata.name === 'headlamp-oauth2-proxy').spec.template.spec.containers[0];
  const headlampContainer = deployments.find((d) => d.metadata.name === 'headlamp').spec.template.spec.containers[0];
  return { frontend, headlamp, objects, proxy, headlampContainer };
}

const headlampFlags = (c: any) =>
  Object.fromEntries(
    (c.args as string[])
      .filter((a) => a.startsWith('-proxy-auth-'))
      .map((a) => a.slice(1).split('=') as [string, string]),
  );

describe('OAuth2ProxyFrontend, reverse-proxy mode', () => {
  test('flags: the alpha config file, then the cookie and session flags both modes share', () => {
    const { proxy } = render(OAuth2ProxyMode.REVERSE_PROXY);
    expect(proxy.args).toStrictEqual([
      '--alpha-config=/etc/oauth2-proxy/config/alpha-config.yaml',
      '--reverse-proxy',
      '--email-domain=example.com',
      '--whitelist-domain=headlamp.example.com',
      '--redirect-url=https://headlamp.example.com/oauth2/callback',
      '--cookie-secure=true',
      '--cookie-samesite=lax',
      '--cookie-expire=28800s',
      // 80 % of the generic OIDC preset's conservative 5-minute ID-token lifetime.
      '--cookie-refresh=240s',
      '--skip-provider-button',
    ]);
    expect(proxy.volumeMounts).toContainEqual({
      name: 'alpha-config',
      mountPath: '/etc/oauth2-proxy/config',
      readOnly: true,
    });
  });

  // oauth2-proxy v7.15.6 --convert-config-to-alpha prints these upstreams and headers for the legacy flags the
  // library rendered before (--upstream, --pass-authorization-header, --set-xauthrequest, --pass-user-headers by
  // default); the three Impersonate-* headers have no value: oauth2-proxy strips the client's copy and injects nothing
  // (pkg/middleware/headers.go newStripHeaders; pkg/header/injector.go NewInjector). Run: test/real/oauth2-proxy.test.ts.
  test('alpha config: listen on all interfaces, upstream is the Headlamp Service, ID token forwarded, Impersonate-* stripped', () => {
    const { objects, headlamp } = render(OAuth2ProxyMode.REVERSE_PROXY);
    const claim = (name: string, c: string, prefix?: string) => ({
      name,
      values: [{ claimSource: prefix ? { claim: c, prefix } : { claim: c } }],
    });
    expect(parse(only(objects, 'ConfigMap', 'headlamp-oauth2-proxy').data['alpha-config.yaml'])).toStrictEqual({
      server: { bindAddress: '0.0.0.0:4180' },
      providers: [
        {
          id: 'oidc',
          provider: 'oidc',
          clientID: '${OAUTH2_PROXY_CLIENT_ID}',
          clientSecret: '${OAUTH2_PROXY_CLIENT_SECRET}',
          scope: 'openid email profile',
          code_challenge_method: 'S256',
          oidcConfig: {
            issuerURL: 'https://idp.example.com',
            emailClaim: 'email',
            groupsClaim: 'groups',
            audienceClaims: ['aud'],
          },
        },
      ],
      upstreamConfig: {
        upstreams: [{ id: 'headlamp', path: '/', uri: 'http://headlamp.headlamp.svc.cluster.local:80/' }],
      },
      injectRequestHeaders: [
        claim('X-Forwarded-Groups', 'groups'),
        claim('X-Forwarded-User', 'user'),
        claim('X-Forwarded-Email', 'email'),
        claim('X-Forwarded-Preferred-Username', 'preferred_username'),
        claim('Authorization', 'id_token', 'Bearer '),
        { name: 'Impersonate-User' },
        { name: 'Impersonate-Group' },
        { name: 'Impersonate-Uid' },
      ],
      injectResponseHeaders: [
        claim('X-Auth-Request-User', 'user'),
        claim('X-Auth-Request-Email', 'email'),
        claim('X-Auth-Request-Preferred-Username', 'preferred_username'),
        claim('X-Auth-Request-Groups', 'groups'),
      ],
    });
    expect(headlamp.serviceUrl).toBe('http://headlamp.headlamp.svc.cluster.local:80/');
  });

  test('client ID, client secret and cookie secret come from the Secret, never inline', () => {
    const { proxy, objects } = render(OAuth2ProxyMode.REVERSE_PROXY);
    expect(proxy.env).toStrictEqual([
      { name: 'OAUTH2_PROXY_CLIENT_ID', valueFrom: { secretKeyRef: { name: 'oauth2-proxy', key: 'client-id' } } },
      {
        name: 'OAUTH2_PROXY_CLIENT_SECRET',
        valueFrom: { secretKeyRef: { name: 'oauth2-proxy', key: 'client-secret' } },
      },
      {
        name: 'OAUTH2_PROXY_COOKIE_SECRET',
        valueFrom: { secretKeyRef: { name: 'oauth2-proxy', key: 'cookie-secret' } },
      },
    ]);
    expect(objects.some((o) => o.kind === 'Secret')).toBe(false);
  });

  test('the Ingress routes to oauth2-proxy only; only oauth2-proxy pods reach Headlamp', () => {
    const { objects } = render(OAuth2ProxyMode.REVERSE_PROXY);
    const ingress = only(objects, 'Ingress');
    expect(ingress.spec.rules[0].http.paths).toStrictEqual([
      {
        path: '/',
        pathType: 'Prefix',
        backend: { service: { name: 'headlamp-oauth2-proxy', port: { number: 4180 } } },
      },
    ]);
    const np = only(objects, 'NetworkPolicy', 'headlamp');
    expect(np.spec.podSelector).toStrictEqual({
      matchLabels: { 'app.kubernetes.io/name': 'headlamp', 'app.kubernetes.io/instance': 'headlamp' },
    });
    expect(np.spec.ingress).toStrictEqual([
      {
        from: [
          {
            podSelector: {
              matchLabels: {
                'app.kubernetes.io/name': 'oauth2-proxy',
                'app.kubernetes.io/instance': 'headlamp-oauth2-proxy',
              },
            },
          },
        ],
        ports: [{ port: 4466, protocol: 'TCP' }],
      },
    ]);
    expect(validateAll(objects)).toEqual([]);
  });

  test("oauth2-proxy's own egress: DNS, the IdP on 443, Headlamp's pods on 4466, Redis when configured", () => {
    const { objects } = render(OAuth2ProxyMode.REVERSE_PROXY, {
      identityProviderCidrs: ['203.0.113.0/24'],
      redisConnectionUrl: SecretKeyRef.fromName('redis', 'url'),
      redisPort: 6380,
    });
    const egress = only(objects, 'NetworkPolicy', 'headlamp-oauth2-proxy').spec.egress;
    expect(egress.slice(1)).toStrictEqual([
      { to: [{ ipBlock: { cidr: '203.0.113.0/24' } }], ports: [{ port: 443, protocol: 'TCP' }] },
      {
        to: [
          {
            podSelector: {
              matchLabels: { 'app.kubernetes.io/name': 'headlamp', 'app.kubernetes.io/instance': 'headlamp' },
            },
          },
        ],
        ports: [{ port: 4466, protocol: 'TCP' }],
      },
      { ports: [{ port: 6380, protocol: 'TCP' }] },
    ]);
    expect(egress[0].ports).toStrictEqual([
      { port: 53, protocol: 'UDP' },
      { port: 53, protocol: 'TCP' },
    ]);
    expect(validateAll(objects)).toEqual([]);
  });

  test('hardened pod: probes /ping and /ready, non-root, read-only, drop ALL, no token', () => {
    const { objects, proxy } = render(OAuth2ProxyMode.REVERSE_PROXY);
    expect(proxy.image).toBe('quay.io/oauth2-proxy/oauth2-proxy:v7.15.6');
    expect(proxy.livenessProbe.httpGet.path).toBe('/ping');
    expect(proxy.readinessProbe.httpGet.path).toBe('/ready');
    expect(proxy.securityContext).toMatchObject({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(only(objects, 'Deployment', 'headlamp-oauth2-proxy').spec.template.spec.automountServiceAccountToken).toBe(
      false,
    );
  });

  test('options: groups, cookie, redis, trusted proxies, client secret file, replicas with PDB', () => {
    const { proxy, objects } = render(OAuth2ProxyMode.REVERSE_PROXY, {
      allowedGroups: ['ops'],
      cookie: { domain: '.example.com', sameSite: 'strict' },
      redisConnectionUrl: SecretKeyRef.fromName('redis', 'url'),
      trustedProxyIps: ['10.0.0.0/8'],
      clientSecretAsFile: true,
      replicas: 2,
    });
    expect(proxy.args).toEqual(
      expect.arrayContaining([
        '--cookie-domain=.example.com',
        '--cookie-samesite=strict',
        '--session-store-type=redis',
        '--trusted-proxy-ip=10.0.0.0/8',
      ]),
    );
    const provider = parse(only(objects, 'ConfigMap', 'headlamp-oauth2-proxy').data['alpha-config.yaml']).providers[0];
    expect([provider.scope, provider.allowedGroups, provider.clientSecretFile, provider.clientSecret]).toStrictEqual([
      'openid email profile groups',
      ['ops'],
      '/etc/oauth2-proxy/secret/client-secret',
      undefined,
    ]);
    expect(proxy.env.map((e: any) => e.name)).toStrictEqual([
      'OAUTH2_PROXY_CLIENT_ID',
      'OAUTH2_PROXY_COOKIE_SECRET',
      'OAUTH2_PROXY_REDIS_CONNECTION_URL',
    ]);
    expect(only(objects, 'PodDisruptionBudget').spec.minAvailable).toBe(1);
    expect(validateAll(objects)).toEqual([]);
  });
});

describe('OAuth2ProxyFrontend, forward-auth mode (Headlamp -proxy-auth)', () => {
  test('Traefik: header names agree on all three sides, every trusted header is forwarded', () => {
    const { objects, headlampContainer } = render(OAuth2ProxyMode.FORWARD_AUTH);
    const alpha = parse(only(objects, 'ConfigMap').data['alpha-config.yaml']);
    const injected = alpha.injectResponseHeaders.map((h: any) => h.name);
    const forwardAuth = objects.find((o) => o.kind === 'Middleware' && o.spec.forwardAuth).spec.forwardAuth;
    const flags = headlampFlags(headlampContainer);
    expect(headlampContainer.args).toContain('-proxy-auth');
    expect(flags).toStrictEqual({
      'proxy-auth-username-header': 'X-Forwarded-User',
      'proxy-auth-group-header': 'X-Forwarded-Group',
      'proxy-auth-email-header': 'X-Forwarded-Email',
      'proxy-auth-token-header': 'X-Forwarded-Id-Token',
    });
    expect(injected).toStrictEqual(Object.values(flags));
    expect(forwardAuth.authResponseHeaders).toStrictEqual([...Object.values(flags), ...CLIENT_CREDENTIAL_HEADERS]);
    expect(forwardAuth.trustForwardHeader).toBe(false);
    expect(forwardAuth.address).toBe('http://headlamp-oauth2-proxy.headlamp.svc.cluster.local:4180/oauth2/auth');
  });

  test('alpha config: nested claimSource (v7.14+), raw id_token, env substitution for the provider', () => {
    const { objects, proxy } = render(OAuth2ProxyMode.FORWARD_AUTH);
    const alpha = parse(only(objects, 'ConfigMap').data['alpha-config.yaml']);
    expect(alpha.injectResponseHeaders[3]).toStrictEqual({
      name: 'X-Forwarded-Id-Token',
      values: [{ claimSource: { claim: 'id_token' } }],
    });
    for (const h of alpha.injectResponseHeaders) expect(h.values[0].claim).toBeUndefined();
    expect(alpha.providers[0]).toMatchObject({
      clientID: '${OAUTH2_PROXY_CLIENT_ID}',
      clientSecret: '${OAUTH2_PROXY_CLIENT_SECRET}',
      code_challenge_method: 'S256',
      oidcConfig: { issuerURL: 'https://idp.example.com' },
    });
    // The YAML key is `bindAddress` (oauth2-proxy v7.15.3 pkg/apis/options/server.go, yaml tag).
    expect(alpha.server).toStrictEqual({ bindAddress: '0.0.0.0:4180' });
    // With alpha config the legacy provider/upstream/header flags would be errors.
    expect(
      proxy.args.filter((a: string) =>
        /^--(provider|upstream|pass-authorization-header|set-xauthrequest|oidc-issuer-url|http-address)/.test(a),
      ),
    ).toEqual([]);
    expect(proxy.args[0]).toBe('--alpha-config=/etc/oauth2-proxy/config/alpha-config.yaml');
  });

  test('Traefik v3.7+: strip, then forwardAuth with authSigninURL; no errors middleware, provider button skipped', () => {
    const { objects, frontend, proxy } = render(OAuth2ProxyMode.FORWARD_AUTH);
    const ingress = objects.find((o) => o.kind === 'Ingress' && o.metadata.name === 'headlamp');
    const chain = ingress.metadata.annotations['traefik.ingress.kubernetes.io/router.middlewares'].split(',');
    expect(chain).toStrictEqual([
      'headlamp-headlamp-hsts@kubernetescrd',
      'headlamp-headlamp-oauth2-proxy-strip-identity@kubernetescrd',
      'headlamp-headlamp-oauth2-proxy-forward-auth@kubernetescrd',
    ]);
    expect(frontend.middlewares.map((m) => m.name)).toStrictEqual(
      chain.slice(1).map((c: string) => c.replace(/^headlamp-|@kubernetescrd$/g, '')),
    );
    const strip = only(objects, 'Middleware', 'headlamp-oauth2-proxy-strip-identity');
    expect(strip.spec.headers.customRequestHeaders).toStrictEqual({
      'X-Forwarded-User': '',
      'X-Forwarded-Group': '',
      'X-Forwarded-Email': '',
      'X-Forwarded-Id-Token': '',
      Authorization: '',
      'Impersonate-User': '',
      'Impersonate-Group': '',
      'Impersonate-Uid': '',
    });
    // Traefik v3.7.9 pkg/middlewares/auth/forward.go: a 401 from the auth server becomes a 302 to authSigninURL,
    // only for the auth response; Headlamp's own 401/403 pass through untouched. A static URL (no placeholders).
    const forwardAuth = only(objects, 'Middleware', 'headlamp-oauth2-proxy-forward-auth').spec.forwardAuth;
    expect(forwardAuth.authSigninURL).toBe('https://headlamp.example.com/oauth2/start?rd=%2F');
    expect(objects.some((o) => o.kind === 'Middleware' && o.spec.errors)).toBe(false);
    // oauth2-proxy v7.15.3 oauthproxy.go: /oauth2/start begins the OAuth flow; the sign-in page is never needed.
    expect(proxy.args).toContain('--skip-provider-button');
    const oauth2Route = only(objects, 'Ingress', 'headlamp-oauth2');
    expect(oauth2Route.spec.rules[0].http.paths[0]).toMatchObject({
      path: '/oauth2',
      backend: { service: { name: 'headlamp-oauth2-proxy' } },
    });
    expect(oauth2Route.metadata.annotations['traefik.ingress.kubernetes.io/router.middlewares']).toBe(
      'headlamp-headlamp-hsts@kubernetescrd',
    );
    expect(validateAll(objects)).toEqual([]);
  });

  test('the sign-in redirect returns to the base URL', () => {
    const chart = testChart();
    const headlamp = new HeadlampDeployment(chart, 'headlamp', {
      auth: HeadlampAuth.identityAwareProxy(),
      baseUrl: '/headlamp',
    });
    new OAuth2ProxyFrontend(chart, 'proxy', {
      headlamp,
      mode: OAuth2ProxyMode.FORWARD_AUTH,
      provider: OAuth2ProxyProvider.oidc('https://idp.example.com'),
      credentialsSecret: 'o',
      emailDomains: ['*'],
      hosts: ['headlamp.example.com'],
      tls: IngressTls.fromSecret('tls'),
    });
    expect(only(synth(chart), 'Middleware', 'headlamp-oauth2-proxy-forward-auth').spec.forwardAuth.authSigninURL).toBe(
      'https://headlamp.example.com/oauth2/start?rd=%2Fheadlamp%2F',
    );
  });

  test('deep links: lost with authSigninURL (a static URL), kept by the errors page and by ingress-nginx; the guide says which', () => {
    // Traefik v3.7.9 pkg/middlewares/auth/forward.go (~274-280): http.Redirect(rw, req, fa.authSigninURL, 302), the
    // URL as configured; pkg/middlewares/customerrors/custom_errors.go replaces {url} in the errors query by the
    // escaped absolute request URL (since v3.5.2). ingress-nginx v1.15.1 expands $escaped_request_uri in auth-signin.
    const forwardAuth = only(
      render(OAuth2ProxyMode.FORWARD_AUTH).objects,
      'Middleware',
      'headlamp-oauth2-proxy-forward-auth',
    ).spec.forwardAuth;
    expect(forwardAuth.authSigninURL).not.toMatch(/[{$]/);
    const errors = only(
      render(OAuth2ProxyMode.FORWARD_AUTH, { traefikSignIn: TraefikSignIn.ERRORS_PAGE }).objects,
      'Middleware',
      'headlamp-oauth2-proxy-sign-in',
    );
    expect(errors.spec.errors.query).toContain('rd={url}');
    const nginxIngress = only(
      render(OAuth2ProxyMode.FORWARD_AUTH, { controller: IngressController.INGRESS_NGINX }).objects,
      'Ingress',
      'headlamp',
    );
    expect(nginxIngress.metadata.annotations['nginx.ingress.kubernetes.io/auth-signin']).toContain(
      'rd=$escaped_request_uri',
    );
    const readme = fs.readFileSync(path.join(__dirname, '..', 'docs', 'topologies.md'), 'utf8').replace(/\s+/g, ' ');
    expect(readme).toContain('**What you lose: deep links.** Traefik uses `authSigninURL` exactly as given');
    expect(readme).toContain(
      '`TraefikSignIn.ERRORS_PAGE` (below) and ingress-nginx return the user to the page they asked for',
    );
  });

  test('refreshed session cookies (whole or split) are copied from the auth response to the browser', () => {
    // Traefik v3.7.9 pkg/middlewares/auth/forward.go (buildModifier): only auth-response cookies named in
    // addAuthCookiesToResponse reach the client. oauth2-proxy v7.15.3 refreshes the session on /oauth2/auth and
    // splits cookies over 4000 bytes as <name>_0, <name>_1, ... (pkg/sessions/cookie/session_store.go, splitCookieName).
    const parts = (n: string) => [n, `${n}_0`, `${n}_1`, `${n}_2`, `${n}_3`, `${n}_4`];
    const forwardAuth = (o: any[]) => only(o, 'Middleware', 'headlamp-oauth2-proxy-forward-auth').spec.forwardAuth;
    expect(forwardAuth(render(OAuth2ProxyMode.FORWARD_AUTH).objects).addAuthCookiesToResponse).toStrictEqual(
      parts('_oauth2_proxy'),
    );
    const named = render(OAuth2ProxyMode.FORWARD_AUTH, { cookie: { name: '__Host-headlamp' } });
    expect(forwardAuth(named.objects).addAuthCookiesToResponse).toStrictEqual(parts('__Host-headlamp'));
    expect(named.proxy.args).toContain('--cookie-name=__Host-headlamp');
  });

  test('older Traefik v3 (TraefikSignIn.ERRORS_PAGE): errors middleware for 401 only, and the provider button stays', () => {
    const { objects, proxy } = render(OAuth2ProxyMode.FORWARD_AUTH, { traefikSignIn: TraefikSignIn.ERRORS_PAGE });
    // Traefik v3.7.9's errors middleware keeps the caught status (pkg/middlewares/customerrors/custom_errors.go,
    // codeModifier): a 302 from /oauth2/sign_in (--skip-provider-button, oauth2-proxy v7.15.3 oauthproxy.go SignIn) would arrive as a
    // 401 with a Location header, a dead end. Without the flag /oauth2/sign_in renders the sign-in page.
    expect(proxy.args).not.toContain('--skip-provider-button');
    expect(only(objects, 'Middleware', 'headlamp-oauth2-proxy-sign-in').spec.errors).toStrictEqual({
      status: ['401'],
      service: { name: 'headlamp-oauth2-proxy', port: 4180 },
      query: '/oauth2/sign_in?rd={url}',
    });
    const forwardAuth = only(objects, 'Middleware', 'headlamp-oauth2-proxy-forward-auth').spec.forwardAuth;
    expect(forwardAuth.authSigninURL).toBeUndefined();
    expect(
      only(objects, 'Ingress', 'headlamp')
        .metadata.annotations['traefik.ingress.kubernetes.io/router.middlewares'].split(',')
        .map((m: string) => m.split('@')[0]),
    ).toStrictEqual([
      'headlamp-headlamp-hsts',
      'headlamp-headlamp-oauth2-proxy-strip-identity',
      'headlamp-headlamp-oauth2-proxy-sign-in',
      'headlamp-headlamp-oauth2-proxy-forward-auth',
    ]);
    expect(validateAll(objects)).toEqual([]);
  });

  test('traefikSignIn is refused where it does nothing', () => {
    expect(() =>
      render(OAuth2ProxyMode.FORWARD_AUTH, {
        traefikSignIn: TraefikSignIn.ERRORS_PAGE,
        controller: IngressController.INGRESS_NGINX,
      }),
    ).toThrow(
      "OAuth2ProxyFrontend 'test/proxy': props.traefikSignIn: applies to forward-auth mode on Traefik, got forward-auth mode on ingress-nginx; drop it",
    );
  });

  test('NetworkPolicies: Headlamp and oauth2-proxy admit only the ingress controller', () => {
    const { objects } = render(OAuth2ProxyMode.FORWARD_AUTH, {
      ingressControllerPeer: IngressControllerPeer.traefik('kube-system'),
    });
    const peer = {
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } },
    };
    const toHeadlamp = only(objects, 'NetworkPolicy', 'headlamp');
    expect(toHeadlamp.spec.podSelector.matchLabels).toStrictEqual({
      'app.kubernetes.io/name': 'headlamp',
      'app.kubernetes.io/instance': 'headlamp',
    });
    expect(toHeadlamp.spec.ingress).toStrictEqual([{ from: [peer], ports: [{ port: 4466, protocol: 'TCP' }] }]);
    expect(only(objects, 'NetworkPolicy', 'headlamp-oauth2-proxy').spec.ingress).toStrictEqual([
      { from: [peer], ports: [{ port: 4180, protocol: 'TCP' }] },
    ]);
  });

  test('ingress-nginx: auth-url, auth-signin, every trusted header in auth-response-headers, buffer size', () => {
    const { objects } = render(OAuth2ProxyMode.FORWARD_AUTH, { controller: IngressController.INGRESS_NGINX });
    const a = only(objects, 'Ingress', 'headlamp').metadata.annotations;
    expect(a['nginx.ingress.kubernetes.io/auth-url']).toBe(
      'http://headlamp-oauth2-proxy.headlamp.svc.cluster.local:4180/oauth2/auth',
    );
    expect(a['nginx.ingress.kubernetes.io/auth-signin']).toBe(
      'https://headlamp.example.com/oauth2/start?rd=$escaped_request_uri',
    );
    expect(a['nginx.ingress.kubernetes.io/auth-response-headers']).toBe(
      [
        'X-Forwarded-User',
        'X-Forwarded-Group',
        'X-Forwarded-Email',
        'X-Forwarded-Id-Token',
        ...CLIENT_CREDENTIAL_HEADERS,
      ].join(','),
    );
    expect(a['nginx.ingress.kubernetes.io/proxy-buffer-size']).toBe('16k');
    // ingress-nginx controller-v1.15.1 nginx.tmpl: `add_header Set-Cookie $auth_cookie always` only with this annotation;
    // without it a refreshed session cookie is dropped whenever Headlamp answers 401/403.
    expect(a['nginx.ingress.kubernetes.io/auth-always-set-cookie']).toBe('true');
    expect(only(objects, 'NetworkPolicy', 'headlamp').spec.ingress[0].from[0].podSelector.matchLabels).toStrictEqual({
      'app.kubernetes.io/name': 'ingress-nginx',
      'app.kubernetes.io/component': 'controller',
    });
  });

  test('custom header names flow to all three sides', () => {
    const auth = HeadlampAuth.identityAwareProxy({ headers: { username: 'X-Auth-User', groups: 'X-Auth-Groups' } });
    const { objects, headlampContainer } = render(
      OAuth2ProxyMode.FORWARD_AUTH,
      { controller: IngressController.INGRESS_NGINX },
      auth,
    );
    const names = ['X-Auth-User', 'X-Auth-Groups', 'X-Forwarded-Email', 'X-Forwarded-Id-Token'];
    expect(Object.values(headlampFlags(headlampContainer))).toStrictEqual(names);
    expect(
      parse(only(objects, 'ConfigMap').data['alpha-config.yaml']).injectResponseHeaders.map((h: any) => h.name),
    ).toStrictEqual(names);
    const annotations = only(objects, 'Ingress', 'headlamp').metadata.annotations;
    expect(annotations['nginx.ingress.kubernetes.io/auth-response-headers']).toBe(
      [...names, ...CLIENT_CREDENTIAL_HEADERS].join(','),
    );
  });

  test('derived cookie secret only by the unsafe name: deterministic, URL-safe base64 of 32 bytes', () => {
    process.env.T_COOKIE_KEY = 'c'.repeat(40);
    try {
      const { objects, proxy } = render(OAuth2ProxyMode.FORWARD_AUTH, {
        unsafeCookieSecretInManifestsFrom: SynthTimeSecret.fromEnv('T_COOKIE_KEY'),
      });
      const value = Buffer.from(only(objects, 'Secret').data['cookie-secret'], 'base64').toString();
      expect(value).toBe(deriveCookieSecret('c'.repeat(40), 'headlamp/headlamp-oauth2-proxy'));
      expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(value, 'base64url')).toHaveLength(32);
      expect(proxy.env[2]).toStrictEqual({
        name: 'OAUTH2_PROXY_COOKIE_SECRET',
        valueFrom: { secretKeyRef: { name: 'headlamp-oauth2-proxy-cookie', key: 'cookie-secret' } },
      });
    } finally {
      delete process.env.T_COOKIE_KEY;
    }
  });
});

describe('OAuth2ProxyFrontend validation', () => {
  const prefix = "OAuth2ProxyFrontend 'test/proxy': ";
  test.each<[string, OAuth2ProxyMode, Extra, HeadlampAuth | undefined, string]>([
    [
      'forward-auth meets a token-login Headlamp',
      OAuth2ProxyMode.FORWARD_AUTH,
      {},
      HeadlampAuth.serviceAccountToken(),
      "props.mode: forward-auth mode needs the HeadlampDeployment's auth to be identity-aware-proxy, got service-account-token; use auth: HeadlampAuth.identityAwareProxy()",
    ],
    [
      'reverse proxy meets a proxy-auth Headlamp',
      OAuth2ProxyMode.REVERSE_PROXY,
      {},
      HeadlampAuth.identityAwareProxy(),
      "props.mode: reverse-proxy mode needs the HeadlampDeployment's auth to be service-account-token, got identity-aware-proxy; leave auth at HeadlampAuth.serviceAccountToken() (the Authorization header carries the token)",
    ],
    [
      'reverse proxy uses GitHub (no ID token)',
      OAuth2ProxyMode.REVERSE_PROXY,
      { provider: OAuth2ProxyProvider.github() },
      undefined,
      'props.provider: reverse-proxy mode forwards an ID token to Kubernetes, got provider github which has none; use an OIDC provider',
    ],
    [
      'the issuer is http',
      OAuth2ProxyMode.REVERSE_PROXY,
      { provider: OAuth2ProxyProvider.oidc('http://idp') },
      undefined,
      'props.provider.issuerUrl: expected an https issuer URL, got "http://idp"',
    ],
    [
      'no email domain is given',
      OAuth2ProxyMode.REVERSE_PROXY,
      { emailDomains: [] },
      undefined,
      "props.emailDomains: expected at least one email domain (['*'] allows any, say so explicitly), got an array of 0",
    ],
    [
      'the image predates the auth-bypass fixes',
      OAuth2ProxyMode.REVERSE_PROXY,
      { imageTag: 'v7.15.2' },
      undefined,
      'props.imageTag: expected an oauth2-proxy tag v7.15.3 or later',
    ],
    [
      'the image is v7.6',
      OAuth2ProxyMode.REVERSE_PROXY,
      { imageTag: 'v7.6.0' },
      undefined,
      'props.imageTag: expected an oauth2-proxy tag v7.15.3 or later (7.15.2 fixed critical auth bypasses), got "v7.6.0"',
    ],
    [
      'the cookie key is unset',
      OAuth2ProxyMode.REVERSE_PROXY,
      { unsafeCookieSecretInManifestsFrom: SynthTimeSecret.fromEnv('T_UNSET_KEY') },
      undefined,
      'props.unsafeCookieSecretInManifestsFrom: expected environment variable T_UNSET_KEY to hold a key of at least 32 characters, got nothing (unset or missing)',
    ],
  ])('fails when %s', (_case, mode, extra, auth, message) => {
    expect(() => render(mode, extra, auth)).toThrow(HeadlampValidationError);
    expect(() => render(mode, extra, auth)).toThrow(prefix + message);
  });

  test('fails at synth when Headlamp trusts proxy headers but nothing is in front', () => {
    const chart = new Chart(new App(), 'prod', { namespace: 'headlamp' });
    new HeadlampDeployment(chart, 'headlamp', { auth: HeadlampAuth.identityAwareProxy() });
    expect(() => Testing.synth(chart)).toThrow(
      "[prod/headlamp] HeadlampDeployment 'prod/headlamp': props.auth: identity-aware-proxy mode trusts identity headers, got no proxy in front; " +
        'add an OAuth2ProxyFrontend in forward-auth mode for this HeadlampDeployment, or set HeadlampAuth.identityAwareProxy({ unsafeExternalProxy: true }) ' +
        'if your own proxy strips client copies of the headers',
    );
  });

  test('fails when reverse-proxy mode meets a Headlamp serving TLS itself', () => {
    const chart = testChart();
    const headlamp = new HeadlampDeployment(chart, 'headlamp', { podTlsSecret: 'pod-tls' });
    expect(
      () =>
        new OAuth2ProxyFrontend(chart, 'proxy', {
          headlamp,
          mode: OAuth2ProxyMode.REVERSE_PROXY,
          provider: OAuth2ProxyProvider.oidc('https://idp.example.com'),
          credentialsSecret: 's',
          emailDomains: ['example.com'],
          hosts: ['h.example.com'],
          tls: IngressTls.fromSecret('t'),
        }),
    ).toThrow(
      `${prefix}props.headlamp: reverse-proxy mode does not support a Headlamp serving TLS itself (podTlsSecret) yet, ` +
        'got a HeadlampDeployment with podTlsSecret; drop podTlsSecret (the NetworkPolicy admits only oauth2-proxy) or use forward-auth mode',
    );
  });

  test('an external proxy is allowed by its unsafe name', () => {
    const chart = testChart();
    new HeadlampDeployment(chart, 'headlamp', { auth: HeadlampAuth.identityAwareProxy({ unsafeExternalProxy: true }) });
    expect(() => synth(chart)).not.toThrow();
  });

  test('fails when header names repeat or contain underscores', () => {
    const make = (headers: any) => () =>
      new HeadlampDeployment(testChart(), 'headlamp', {
        auth: HeadlampAuth.identityAwareProxy({ headers, unsafeExternalProxy: true }),
      });
    expect(make({ username: 'X_User' })).toThrow(
      "HeadlampDeployment 'test/headlamp': props.auth.headers.username: expected an HTTP header name of letters, digits and '-', got \"X_User\"",
    );
    expect(make({ username: 'X-Forwarded-Email' })).toThrow(
      "HeadlampDeployment 'test/headlamp': props.auth.headers: expected four distinct header names, got x-forwarded-email twice",
    );
  });
});

describe('OAuth2ProxyFrontend: session refresh before the ID token expires', () => {
  // oauth2-proxy checks the ID token's expiry only when it refreshes the session; Headlamp forwards that token
  // as Bearer to the API server, which answers 401 once it has expired. So --cookie-refresh < token lifetime.
  const refreshOf = (provider: OAuth2ProxyProvider, extra: Extra = {}) =>
    render(OAuth2ProxyMode.REVERSE_PROXY, { provider, ...extra }).proxy.args.find((a: string) =>
      a.startsWith('--cookie-refresh='),
    );

  test.each<[string, OAuth2ProxyProvider, string]>([
    ['Keycloak (5 min)', OAuth2ProxyProvider.keycloakOidc('https://sso.example.com/realms/r'), '--cookie-refresh=240s'],
    ['Entra ID (1 h)', OAuth2ProxyProvider.entraId('11111111-2222-3333-4444-555555555555'), '--cookie-refresh=2880s'],
    ['Google (1 h)', OAuth2ProxyProvider.google(), '--cookie-refresh=2880s'],
    ['Dex (24 h): at most 1 h', OAuth2ProxyProvider.dex('https://dex.example.com'), '--cookie-refresh=3600s'],
    [
      'generic OIDC with its lifetime said',
      OAuth2ProxyProvider.oidc('https://idp.example.com', { idTokenLifetime: Duration.minutes(30) }),
      '--cookie-refresh=1440s',
    ],
  ])('%s: derived from the preset lifetime', (_name, provider, flag) => {
    expect(refreshOf(provider)).toBe(flag);
  });

  test('the derivation: 80 % of the lifetime, whole seconds, capped at 1 hour', () => {
    expect(defaultCookieRefresh(Duration.seconds(301)).toSeconds()).toBe(240);
    expect(defaultCookieRefresh(Duration.hours(2)).toSeconds()).toBe(3600);
  });

  test.each<[string, Extra, string]>([
    [
      'a refresh not shorter than the ID-token lifetime',
      { cookie: { refresh: Duration.minutes(5) } },
      "OAuth2ProxyFrontend 'test/proxy': props.cookie.refresh: expected a refresh interval shorter than the provider's ID-token lifetime (300 s), got 300 s",
    ],
    [
      'a refresh not shorter than cookie.expire (oauth2-proxy refuses to start)',
      {
        provider: OAuth2ProxyProvider.dex('https://dex.example.com'),
        cookie: { expire: Duration.minutes(30), refresh: Duration.minutes(30) },
      },
      "OAuth2ProxyFrontend 'test/proxy': props.cookie.refresh: expected a refresh interval shorter than cookie.expire (1800 s), got 1800 s; oauth2-proxy refuses to start otherwise",
    ],
    [
      'a derived refresh over a short expire',
      { provider: OAuth2ProxyProvider.dex('https://dex.example.com'), cookie: { expire: Duration.minutes(30) } },
      'expected a refresh interval shorter than cookie.expire (1800 s), got 3600 s',
    ],
    [
      'a Duration that is not whole seconds',
      { cookie: { refresh: Duration.millis(1500) } },
      "OAuth2ProxyFrontend 'test/proxy': props.cookie.refresh: expected a Duration of whole seconds, at least 1 second, e.g. Duration.minutes(50), got a Duration",
    ],
    [
      'a cookie domain that does not cover the host (a login loop)',
      { cookie: { domain: '.example.org' } },
      'OAuth2ProxyFrontend \'test/proxy\': props.cookie.domain: expected a domain that covers every host, got ".example.org" which does not cover headlamp.example.com',
    ],
  ])('refuses %s', (_case, extra, message) => {
    expect(() => render(OAuth2ProxyMode.REVERSE_PROXY, extra)).toThrow(HeadlampValidationError);
    expect(() => render(OAuth2ProxyMode.REVERSE_PROXY, extra)).toThrow(message);
  });

  test('a parent cookie domain that covers the host is accepted', () => {
    expect(render(OAuth2ProxyMode.REVERSE_PROXY, { cookie: { domain: '.example.com' } }).proxy.args).toContain(
      '--cookie-domain=.example.com',
    );
    expect(render(OAuth2ProxyMode.REVERSE_PROXY, { cookie: { domain: 'headlamp.example.com' } }).proxy.args).toContain(
      '--cookie-domain=headlamp.example.com',
    );
  });
});

describe('OAuth2ProxyFrontend: scopes the groups claim needs', () => {
  const scopeOf = (mode: OAuth2ProxyMode, provider: OAuth2ProxyProvider, extra: Extra = {}) => {
    const { objects } = render(mode, { provider, ...extra });
    return parse(only(objects, 'ConfigMap').data['alpha-config.yaml']).providers[0].scope;
  };

  test('Dex sends groups only for the groups scope: always requested, in both modes (Headlamp and the API server need them)', () => {
    for (const mode of [OAuth2ProxyMode.REVERSE_PROXY, OAuth2ProxyMode.FORWARD_AUTH]) {
      expect(scopeOf(mode, OAuth2ProxyProvider.dex('https://dex.example.com'))).toBe(
        'openid email profile groups offline_access',
      );
    }
  });

  test('Keycloak: no groups scope (a mapper sends full paths like /platform-team); generic OIDC: with allowedGroups, as oauth2-proxy does', () => {
    // oauth2-proxy v7.15.3 providers/oidc.go adds " groups" to its default scope only when allowedGroups are set.
    expect(
      scopeOf(OAuth2ProxyMode.FORWARD_AUTH, OAuth2ProxyProvider.keycloakOidc('https://sso.example.com/realms/r')),
    ).toBe('openid email profile');
    expect(scopeOf(OAuth2ProxyMode.REVERSE_PROXY, OAuth2ProxyProvider.oidc('https://idp.example.com'))).toBe(
      'openid email profile',
    );
    expect(
      scopeOf(OAuth2ProxyMode.REVERSE_PROXY, OAuth2ProxyProvider.oidc('https://idp.example.com'), {
        allowedGroups: ['ops'],
      }),
    ).toBe('openid email profile groups');
  });
});

describe('OAuth2ProxyFrontend: Keycloak group paths', () => {
  const keycloak = (options = {}) => OAuth2ProxyProvider.keycloakOidc('https://sso.example.com/realms/r', options);

  test("a bare group name is refused: Keycloak's mapper sends '/platform-team' by default", () => {
    expect(() =>
      render(OAuth2ProxyMode.FORWARD_AUTH, { provider: keycloak(), allowedGroups: ['/admins', 'platform-team'] }),
    ).toThrow(
      "OAuth2ProxyFrontend 'test/proxy': props.allowedGroups[1]: Keycloak's group mapper sends full paths, got \"platform-team\"; write '/platform-team'",
    );
  });

  test('full paths pass; bare names pass when the mapper says so', () => {
    const alpha = (extra: Extra) =>
      parse(only(render(OAuth2ProxyMode.FORWARD_AUTH, extra).objects, 'ConfigMap').data['alpha-config.yaml']);
    expect(alpha({ provider: keycloak(), allowedGroups: ['/platform-team'] }).providers[0].allowedGroups).toStrictEqual(
      ['/platform-team'],
    );
    expect(
      alpha({ provider: keycloak({ fullGroupPath: false }), allowedGroups: ['platform-team'] }).providers[0]
        .allowedGroups,
    ).toStrictEqual(['platform-team']);
  });
});

describe("OAuth2ProxyProvider: the options-object form reads like OidcConfig's presets and is the positional form", () => {
  const TENANT = '11111111-2222-3333-4444-555555555555';
  const claims = { usernamePrefix: 'sso:' };
  test.each<[string, OAuth2ProxyProvider, OAuth2ProxyProvider]>([
    [
      'oidc',
      OAuth2ProxyProvider.oidc({ issuerUrl: 'https://idp.example.com', idTokenLifetime: Duration.minutes(10), claims }),
      OAuth2ProxyProvider.oidc('https://idp.example.com', { idTokenLifetime: Duration.minutes(10), claims }),
    ],
    [
      'dex',
      OAuth2ProxyProvider.dex({ issuerUrl: 'https://dex.example.com' }),
      OAuth2ProxyProvider.dex('https://dex.example.com'),
    ],
    [
      'keycloakOidc',
      OAuth2ProxyProvider.keycloakOidc({ issuerUrl: 'https://sso.example.com/realms/r', fullGroupPath: false }),
      OAuth2ProxyProvider.keycloakOidc('https://sso.example.com/realms/r', { fullGroupPath: false }),
    ],
    [
      'entraId',
      OAuth2ProxyProvider.entraId({ tenantId: TENANT, claims }),
      OAuth2ProxyProvider.entraId(TENANT, { claims }),
    ],
    [
      'gitlab (own instance)',
      OAuth2ProxyProvider.gitlab({ issuerUrl: 'https://gitlab.example.com' }),
      OAuth2ProxyProvider.gitlab('https://gitlab.example.com'),
    ],
    [
      'gitlab (gitlab.com)',
      OAuth2ProxyProvider.gitlab({ idTokenLifetime: Duration.hours(2) }),
      OAuth2ProxyProvider.gitlab(undefined, { idTokenLifetime: Duration.hours(2) }),
    ],
  ])('%s: same manifests either way', (_case, objectForm, positional) => {
    const yaml = (provider: OAuth2ProxyProvider) => {
      const chart = testChart();
      const headlamp = new HeadlampDeployment(chart, 'headlamp', { auth: HeadlampAuth.identityAwareProxy() });
      new OAuth2ProxyFrontend(chart, 'proxy', {
        headlamp,
        mode: OAuth2ProxyMode.FORWARD_AUTH,
        provider,
        credentialsSecret: 'o',
        clientId: 'headlamp',
        emailDomains: ['*'],
        hosts: ['headlamp.example.com'],
        tls: IngressTls.fromSecret('tls'),
      });
      return synth(chart);
    };
    expect(yaml(objectForm)).toStrictEqual(yaml(positional));
    expect(objectForm.issuerUrl).toBe(positional.issuerUrl);
  });
});
