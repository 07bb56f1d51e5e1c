// proxyUrls attacked through every door (issue 27, classes 1 and 2). Headlamp v0.45.0 fetches whatever a signed-in
// browser names in its `proxy-to` header when the URL matches a pattern (backend/cmd/headlamp.go, externalProxyHandler),
// from inside the pod, and copies every request header to the proxied request; it compiles each pattern with
// gobwas/glob v0.2.3 (backend/go.mod), where `[` opens a character class. Before v0.22.0 the handler wrote a 400 for a
// URL outside the list and proxied it anyway (backend/cmd/headlamp.go at v0.21.0: no return after http.Error).
import { App } from 'cdk8s';
import {
  BasicAuthCredentials,
  BasicAuthIngress,
  ForwardAuthIngress,
  HeadlampDeployment,
  HeadlampDeploymentProps,
  headlampChartFromValues,
  IngressController,
  IngressTls,
  OAuth2ProxyFrontend,
  OAuth2ProxyMode,
  OAuth2ProxyProvider,
} from '../../lib';
import { errorOf, migrationError, valuesError, valuesWith } from '../helpers/doors';
import { only, synth, testChart } from '../helpers/synth';

const HEAD = "HeadlampDeployment 'test/headlamp': props.proxyUrls[0]: ";
const SSRF = ': Headlamp would fetch it for anyone who can sign in (server-side request forgery), got ';
const SELF = ': Headlamp would fetch it for anyone who can sign in, got ';
const reaches = (what: string, url: string, tail = SSRF) =>
  `expected a URL pattern for a plugin's back end, not one that reaches ${what}${tail}${JSON.stringify(url)}`;
const LOOPBACK = 'the pod itself (loopback or the unspecified address)';
const GLOB =
  "expected a path glob of '*' and '?' only: Headlamp compiles the pattern with gobwas/glob, which reads '[', ']', " +
  "'{', '}' and '\\' as syntax (an unclosed '[' does not compile, and then every proxy request fails), got ";
const BAD_IPV4 =
  'expected a URL pattern whose host is a DNS name or an IP address, not an IPv4 address that does not parse ' +
  '(four decimal numbers from 0 to 255, no leading zeros), got ';
const build = (props: HeadlampDeploymentProps) => () => new HeadlampDeployment(testChart(), 'headlamp', props);

describe('the TypeScript API refuses a proxy URL that reaches what no plugin may reach', () => {
  test.each<[string, string, string]>([
    ['loopback', 'http://127.0.0.1:9090/*', reaches(LOOPBACK, 'http://127.0.0.1:9090/*')],
    ['loopback written short', 'http://127.1/*', `${BAD_IPV4}"http://127.1/*"`],
    ['loopback as one number', 'http://2130706433/*', `${BAD_IPV4}"http://2130706433/*"`],
    ['an IPv4 address that is none', 'http://10.96.0.300/*', `${BAD_IPV4}"http://10.96.0.300/*"`],
    ['localhost', 'http://localhost:8080/*', reaches('the pod itself (loopback)', 'http://localhost:8080/*')],
    ['IPv6 loopback', 'http://[::1]:9090/*', reaches(LOOPBACK, 'http://[::1]:9090/*')],
    ['IPv4-mapped IPv6 loopback', 'http://[::ffff:127.0.0.1]/*', reaches(LOOPBACK, 'http://[::ffff:127.0.0.1]/*')],
    ['the unspecified address', 'http://0.0.0.0:4000/*', reaches(LOOPBACK, 'http://0.0.0.0:4000/*')],
    [
      'the metadata service',
      'http://169.254.169.254/latest/*',
      reaches(
        "a link-local address (the node's cloud metadata service, 169.254.169.254)",
        'http://169.254.169.254/latest/*',
      ),
    ],
    [
      'the metadata service over IPv6 (EC2)',
      'http://[fd00:ec2::254]/*',
      reaches("the node's cloud metadata service (fd00:ec2::254)", 'http://[fd00:ec2::254]/*'),
    ],
    [
      'the metadata service by name (GCE)',
      'http://metadata.google.internal/*',
      reaches("the node's cloud metadata service", 'http://metadata.google.internal/*'),
    ],
    [
      'the API server by name',
      'https://kubernetes.default.svc/*',
      reaches("the cluster's API server", 'https://kubernetes.default.svc/*'),
    ],
    [
      'its own Service',
      'http://headlamp.headlamp.svc/*',
      reaches("this HeadlampDeployment's own Service (headlamp.headlamp)", 'http://headlamp.headlamp.svc/*', SELF),
    ],
    [
      'its own Service by its short name',
      'http://headlamp/*',
      reaches("this HeadlampDeployment's own Service (headlamp.headlamp)", 'http://headlamp/*', SELF),
    ],
    [
      "Headlamp's port on a pod address (its /metrics)",
      'http://10.1.2.3:4466/*',
      reaches("Headlamp's own port 4466", 'http://10.1.2.3:4466/*', SELF),
    ],
    ['an unclosed character class (does not compile)', 'https://a.example.com/x[', `${GLOB}"https://a.example.com/x["`],
    ['a brace', 'https://a.example.com/{a', `${GLOB}"https://a.example.com/{a"`],
    ['a backslash', 'https://a.example.com/a\\', `${GLOB}"https://a.example.com/a\\\\"`],
  ])('%s', (_case, url, message) => {
    expect(errorOf(build({ proxyUrls: [url] })).message).toBe(`${HEAD}${message}`);
  });

  test("an address in networkPolicy.apiServerCidrs is the API server's", () => {
    expect(
      errorOf(build({ proxyUrls: ['https://10.0.0.1/*'], networkPolicy: { apiServerCidrs: ['10.0.0.0/24'] } })).message,
    ).toBe(
      `${HEAD}` + reaches("the cluster's API server (props.networkPolicy.apiServerCidrs)", 'https://10.0.0.1/*', SELF),
    );
  });

  test('an image older than v0.22.0 does not enforce the list: refused', () => {
    expect(errorOf(build({ proxyUrls: ['https://a.example.com/*'], image: { tag: 'v0.21.0' } })).message).toBe(
      "HeadlampDeployment 'test/headlamp': props.proxyUrls: needs Headlamp v0.22.0 or later (older releases answer 400 to a URL outside " +
        'the list and then proxy it anyway), got image tag v0.21.0; raise props.image.tag or drop proxyUrls',
    );
    expect(build({ proxyUrls: ['https://a.example.com/*'], image: { tag: 'v0.22.0' } })).not.toThrow();
  });

  test('an IPv6 host is written with escaped brackets (unescaped, gobwas/glob reads a character class that matches no URL)', () => {
    const chart = testChart();
    new HeadlampDeployment(chart, 'headlamp', {
      proxyUrls: ['http://[fd12::1]:9090/*', 'https://prometheus.example.com/api/*'],
    });
    const args: string[] = only(synth(chart), 'Deployment').spec.template.spec.containers[0].args;
    expect(args).toContain('-proxy-urls=http://\\[fd12::1\\]:9090/*,https://prometheus.example.com/api/*');
  });

  test('a private address and a name of another Service pass', () => {
    expect(
      build({ proxyUrls: ['http://10.0.0.9:9090/*', 'http://loki.logging.svc:3100/*', 'http://[2001:db8::1]/*'] }),
    ).not.toThrow();
  });
});

describe('the values file and the chart migration refuse the same', () => {
  test('values file: the metadata service, its own Service', () => {
    expect(valuesError(valuesWith({ proxyUrls: ['http://169.254.169.254/latest/*'] }))).toBe(
      'values: headlamp.proxyUrls[0]: ' +
        reaches(
          "a link-local address (the node's cloud metadata service, 169.254.169.254)",
          'http://169.254.169.254/latest/*',
        ),
    );
    expect(valuesError(valuesWith({ proxyUrls: ['http://headlamp.headlamp.svc.cluster.local/*'] }))).toBe(
      'values: headlamp.proxyUrls[0]: ' +
        reaches(
          "this HeadlampDeployment's own Service (headlamp.headlamp)",
          'http://headlamp.headlamp.svc.cluster.local/*',
          SELF,
        ),
    );
  });

  test('chart migration: the metadata service over IPv6, its own Service, an image that does not enforce the list', () => {
    expect(
      migrationError({ config: { extraArgs: ['-proxy-urls=https://a.example.com/*,http://[fd00:ec2::254]/*'] } }),
    ).toBe(
      'chart values: config.extraArgs[0]: ' +
        `${reaches("the node's cloud metadata service (fd00:ec2::254)", 'https://a.example.com/*,http://[fd00:ec2::254]/*')} (-proxy-urls)`,
    );
    expect(migrationError({ config: { extraArgs: ['-proxy-urls=http://headlamp:80/*'] } })).toContain(
      reaches("this HeadlampDeployment's own Service (headlamp.headlamp)", 'http://headlamp:80/*', SELF),
    );
    expect(
      migrationError({ image: { tag: 'v0.20.1' }, config: { extraArgs: ['-proxy-urls=https://a.example.com/*'] } }),
    ).toBe(
      'chart values: config.extraArgs[0]: needs Headlamp v0.22.0 or later (older releases answer 400 to a URL outside the list and then ' +
        'proxy it anyway), got image tag v0.20.1; raise image.tag or drop proxyUrls (HeadlampDeployment props.proxyUrls)',
    );
  });

  test('escape hatches: the flag and its env var stay refused (the prop is the only way in)', () => {
    expect(errorOf(build({ extraArgs: ['-proxy-urls=http://127.0.0.1/*'] })).message).toContain('props.proxyUrls');
    expect(errorOf(build({ extraEnv: { HEADLAMP_CONFIG_PROXY_URLS: 'http://127.0.0.1/*' } })).message).toContain(
      'props.proxyUrls',
    );
  });
});

describe('a token-forwarding front end and proxyUrls', () => {
  const frontend = (props: HeadlampDeploymentProps, mode: OAuth2ProxyMode) => () => {
    const chart = testChart();
    const headlamp = new HeadlampDeployment(chart, 'headlamp', props);
    new OAuth2ProxyFrontend(chart, 'proxy', {
      headlamp,
      mode,
      provider: OAuth2ProxyProvider.oidc('https://idp.example.com'),
      credentialsSecret: 'o',
      emailDomains: ['example.com'],
      hosts: ['headlamp.example.com'],
      tls: IngressTls.fromSecret('tls'),
    } as never);
  };
  const refused = (construct: string, credentials: string) =>
    `${construct}: props.headlamp: puts ${credentials} on every request to ` +
    "HeadlampDeployment 'test/headlamp', whose proxyUrls would receive them (Headlamp copies every request header to the proxied request); " +
    'drop proxyUrls, or set unsafeForwardCredentialsToProxyUrls: true on the HeadlampDeployment if every proxy target may act as its users';
  const REFUSED = refused(
    "OAuth2ProxyFrontend 'test/proxy'",
    "the user's ID token (Authorization, X-Forwarded-Id-Token: the API server " + 'accepts it) and session cookie',
  );

  test('reverse-proxy mode: refused', () => {
    expect(errorOf(frontend({ proxyUrls: ['https://a.example.com/*'] }, OAuth2ProxyMode.REVERSE_PROXY)).message).toBe(
      REFUSED,
    );
  });

  test('the opt-in names what it does, and lets it through; without proxyUrls there is nothing to refuse', () => {
    expect(
      frontend(
        { proxyUrls: ['https://a.example.com/*'], unsafeForwardCredentialsToProxyUrls: true },
        OAuth2ProxyMode.REVERSE_PROXY,
      ),
    ).not.toThrow();
    expect(frontend({}, OAuth2ProxyMode.REVERSE_PROXY)).not.toThrow();
  });

  test('an auth gate that passes its credential on: basic auth on ingress-nginx, a forward-auth gate on either controller', () => {
    const gate =
      (
        build: (chart: any, headlamp: HeadlampDeployment) => void,
        props: HeadlampDeploymentProps = { proxyUrls: ['https://a.example.com/*'] },
      ) =>
      () => {
        const chart = testChart();
        build(chart, new HeadlampDeployment(chart, 'headlamp', props));
      };
    const basic = (controller: IngressController) =>
      gate(
        (chart, headlamp) =>
          new BasicAuthIngress(chart, 'gate', {
            headlamp,
            controller,
            hosts: ['h.example.com'],
            tls: IngressTls.fromSecret('tls'),
            credentials: BasicAuthCredentials.fromExistingSecret('users'),
          } as never),
      );
    expect(errorOf(basic(IngressController.INGRESS_NGINX)).message).toBe(
      refused("BasicAuthIngress 'test/gate'", "the user's basic-auth password (Authorization: Basic)"),
    );
    expect(basic(IngressController.TRAEFIK)).not.toThrow(); // Traefik's basicAuth Middleware removes the header (removeHeader: true)
    const forward = gate(
      (chart, headlamp) =>
        new ForwardAuthIngress(chart, 'gate', {
          headlamp,
          hosts: ['h.example.com'],
          tls: IngressTls.fromSecret('tls'),
          authUrl: 'https://auth.example.com/api/authz/auth-request',
        } as never),
    );
    expect(errorOf(forward).message).toBe(
      refused(
        "ForwardAuthIngress 'test/gate'",
        "the gate's session cookie (Cookie), which the gate accepts as the user",
      ),
    );
  });

  test('the opt-in is a plain value in a values file', () => {
    expect(() =>
      headlampChartFromValues(
        new App(),
        'h',
        valuesWith({ proxyUrls: ['https://a.example.com/*'], unsafeForwardCredentialsToProxyUrls: true }),
      ),
    ).not.toThrow();
  });
});
