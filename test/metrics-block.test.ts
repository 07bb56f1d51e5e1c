// With metrics on, <base-url>/metrics is refused on every route the library renders (issue 21 §1): the objects, and
// the controllers' rules read from their sources. ingress-nginx is also proven on a real NGINX (metrics-nginx-e2e.test.ts).
// Traefik v3.7.9: pkg/provider/kubernetes/ingress/kubernetes.go (loadRouter, buildRule), pkg/muxer/http/mux.go
// (GetRulePriority), pkg/server/router/router.go (maxUserPriority), pkg/middlewares/ipallowlist/ip_allowlist.go,
// pkg/provider/kubernetes/gateway/httproute.go (buildPathRule, loadWRRService), pkg/server/service/loadbalancer/wrr/wrr.go.
// Gateway API v1.6.0: apis/v1/httproute_types.go (Matches precedence, BackendRefs), conformance/tests/httproute-omitted-backendrefs.go.
import { parse } from 'yaml';
import {
  BasicAuthCredentials,
  BasicAuthIngress,
  ForwardAuthIngress,
  HeadlampAuth,
  HeadlampDeployment,
  HeadlampHttpRoute,
  HeadlampIngress,
  HeadlampMetrics,
  IngressController,
  IngressTls,
  OAuth2ProxyFrontend,
  OAuth2ProxyMode,
  OAuth2ProxyProvider,
  PrometheusPeer,
} from '../lib';
import { TRAEFIK_ADMITS_NO_ADDRESS, TRAEFIK_BLOCK_PRIORITY } from '../lib/routes/metrics-block';
import { validateAll } from './helpers/k8s-schema';
import { only, synth, testChart } from './helpers/synth';

const metrics = HeadlampMetrics.podMonitor({ prometheus: PrometheusPeer.operator('monitoring', 'k8s') });
const LABELS = {
  'app.kubernetes.io/name': 'headlamp',
  'app.kubernetes.io/instance': 'headlamp',
  'app.kubernetes.io/version': '0.45.0',
  'app.kubernetes.io/managed-by': 'cdk8s-headlamp',
};
const HOST = 'headlamp.example.com';
const LINE = 'alice:$2b$08$c5xTiWEgEdpOL3au.rHA1efPMtpRqE7GqcVCxiab3GqV4BXOQuZR6';

/** A chart with a Headlamp (metrics on unless said) and whatever `front` routes to it; its objects. */
function render(front: (chart: any, headlamp: HeadlampDeployment) => void, props: any = { metrics }) {
  const chart = testChart();
  front(chart, new HeadlampDeployment(chart, 'headlamp', props));
  return synth(chart);
}

const ingress =
  (controller: IngressController, tls = IngressTls.fromSecret('tls')) =>
  (chart: any, headlamp: HeadlampDeployment) =>
    new HeadlampIngress(chart, 'ingress', { headlamp, hosts: [HOST], tls, controller });

describe('the /metrics block on Ingresses', () => {
  test(
    'ingress-nginx: one more Ingress, <base-url>/metrics Exact, to a Service with no endpoints, no annotation ' +
      '(annotations-risk-level cannot drop it)',
    () => {
      const objects = render(ingress(IngressController.INGRESS_NGINX), { metrics, baseUrl: '/headlamp' });
      expect(only(objects, 'Ingress', 'headlamp-metrics')).toStrictEqual({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'headlamp-metrics', namespace: 'headlamp', labels: LABELS },
        spec: {
          ingressClassName: 'nginx',
          tls: [{ hosts: [HOST], secretName: 'tls' }],
          rules: [
            {
              host: HOST,
              http: {
                paths: [
                  {
                    path: '/headlamp/metrics',
                    pathType: 'Exact',
                    backend: { service: { name: 'headlamp-metrics-refused', port: { number: 80 } } },
                  },
                ],
              },
            },
          ],
        },
      });
      // No selector: the endpoint controllers never give it an endpoint, so ingress-nginx answers the path itself.
      expect(only(objects, 'Service', 'headlamp-metrics-refused')).toStrictEqual({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'headlamp-metrics-refused', namespace: 'headlamp', labels: LABELS },
        spec: { ports: [{ name: 'refused', port: 80, protocol: 'TCP' }] },
      });
      // The route itself is unchanged.
      expect(only(objects, 'Ingress', 'headlamp').spec.rules[0].http.paths.map((p: any) => p.path)).toStrictEqual([
        '/headlamp',
      ]);
      expect(validateAll(objects)).toEqual([]);
    },
  );

  test('Traefik: the block admits no address (an ipAllowList Middleware), outranks the route, and serves TLS like it; no second certificate', () => {
    const objects = render(ingress(IngressController.TRAEFIK, IngressTls.certManager('letsencrypt')));
    expect(only(objects, 'Middleware', 'headlamp-metrics').spec).toStrictEqual({
      ipAllowList: { sourceRange: ['255.255.255.255/32'] },
    });
    const block = only(objects, 'Ingress', 'headlamp-metrics');
    expect(block.metadata.annotations).toStrictEqual({
      'traefik.ingress.kubernetes.io/router.middlewares': 'headlamp-headlamp-metrics@kubernetescrd',
      'traefik.ingress.kubernetes.io/router.priority': '1000000',
      'traefik.ingress.kubernetes.io/router.tls': 'true',
    });
    // Same certificate Secret, but cert-manager only watches the annotated route: one Certificate.
    expect(block.spec.tls).toStrictEqual([{ hosts: [HOST], secretName: 'headlamp-tls' }]);
    expect(only(objects, 'Ingress', 'headlamp').metadata.annotations['cert-manager.io/cluster-issuer']).toBe(
      'letsencrypt',
    );
    expect(block.spec.rules[0].http.paths).toStrictEqual([
      { path: '/metrics', pathType: 'Exact', backend: { service: { name: 'headlamp', port: { number: 80 } } } },
    ]);
    expect(validateAll(objects)).toEqual([]);
  });

  test('TLS terminated elsewhere: the block is plain HTTP like the route (a TLS-only router would miss plain requests)', () => {
    const objects = render(ingress(IngressController.TRAEFIK, IngressTls.unsafeTerminatedElsewhere()));
    const block = only(objects, 'Ingress', 'headlamp-metrics');
    expect(block.spec.tls).toBeUndefined();
    expect(block.metadata.annotations['traefik.ingress.kubernetes.io/router.tls']).toBeUndefined();
  });

  test.each([IngressController.INGRESS_NGINX, IngressController.TRAEFIK])(
    'BasicAuthIngress on %s: the block carries no auth, and no password opens it',
    (controller) => {
      const objects = render(
        (chart, headlamp) =>
          new BasicAuthIngress(chart, 'ingress', {
            headlamp,
            hosts: [HOST],
            tls: IngressTls.fromSecret('tls'),
            controller,
            credentials: BasicAuthCredentials.fromHtpasswdLines([LINE]),
          }),
      );
      const block = only(objects, 'Ingress', 'headlamp-metrics');
      expect(Object.keys(block.metadata.annotations ?? {}).filter((k) => /auth/.test(k))).toEqual([]);
      expect(block.spec.rules[0].http.paths[0].path).toBe('/metrics');
      expect(validateAll(objects)).toEqual([]);
    },
  );

  test("Traefik v2 (BasicAuthIngress legacyTraefikV2ApiGroup): the Middleware is v2's ipWhiteList, which every v2 release knows", () => {
    const objects = render(
      (chart, headlamp) =>
        new BasicAuthIngress(chart, 'ingress', {
          headlamp,
          hosts: [HOST],
          tls: IngressTls.fromSecret('tls'),
          legacyTraefikV2ApiGroup: true,
          credentials: BasicAuthCredentials.fromHtpasswdLines([LINE]),
        }),
    );
    const mw = objects.find((o) => o.kind === 'Middleware' && o.metadata.name === 'headlamp-metrics');
    expect([mw.apiVersion, mw.spec]).toStrictEqual([
      'traefik.containo.us/v1alpha1',
      { ipWhiteList: { sourceRange: ['255.255.255.255/32'] } },
    ]);
  });

  test.each([IngressController.INGRESS_NGINX, IngressController.TRAEFIK])(
    'ForwardAuthIngress on %s: the block asks no auth service, and refuses',
    (controller) => {
      const objects = render(
        (chart, headlamp) =>
          new ForwardAuthIngress(chart, 'ingress', {
            headlamp,
            hosts: [HOST],
            tls: IngressTls.fromSecret('tls'),
            controller,
            authUrl: 'http://authelia.auth.svc.cluster.local:9091/api/verify',
          }),
      );
      const block = only(objects, 'Ingress', 'headlamp-metrics');
      expect(Object.keys(block.metadata.annotations ?? {}).filter((k) => /auth/.test(k))).toEqual([]);
      if (controller === IngressController.TRAEFIK) {
        expect(block.metadata.annotations['traefik.ingress.kubernetes.io/router.middlewares']).toBe(
          'headlamp-headlamp-metrics@kubernetescrd',
        );
      } else {
        expect(block.spec.rules[0].http.paths[0].backend.service.name).toBe('headlamp-metrics-refused');
      }
      expect(validateAll(objects)).toEqual([]);
    },
  );

  test("the controller's default certificate: the block serves TLS the same way (hosts, no Secret)", () => {
    const objects = render(ingress(IngressController.TRAEFIK, IngressTls.controllerDefaultCertificate()));
    const block = only(objects, 'Ingress', 'headlamp-metrics');
    expect(block.spec.tls).toStrictEqual(only(objects, 'Ingress', 'headlamp').spec.tls);
    expect(block.spec.tls).toStrictEqual([{ hosts: [HOST] }]);
    expect(block.metadata.annotations['traefik.ingress.kubernetes.io/router.tls']).toBe('true');
  });

  test("OAuth2ProxyFrontend: reverse proxy blocks in front of oauth2-proxy; forward auth once, on Headlamp's own route (not /oauth2)", () => {
    const frontend = (mode: OAuth2ProxyMode) => (chart: any, headlamp: HeadlampDeployment) =>
      new OAuth2ProxyFrontend(chart, 'proxy', {
        headlamp,
        mode,
        provider: OAuth2ProxyProvider.oidc('https://idp.example.com'),
        credentialsSecret: 'oauth2-proxy',
        emailDomains: ['example.com'],
        hosts: [HOST],
        tls: IngressTls.fromSecret('tls'),
        controller: IngressController.INGRESS_NGINX,
      });
    const reverse = render(frontend(OAuth2ProxyMode.REVERSE_PROXY));
    expect(only(reverse, 'Ingress', 'headlamp-metrics').spec.rules[0].http.paths[0].backend).toStrictEqual({
      service: { name: 'headlamp-metrics-refused', port: { number: 80 } },
    });
    // Behind the block, oauth2-proxy itself answers <base-url>/metrics with a 404 and never forwards it (oauth2-proxy
    // v7.15.6: pkg/upstream/proxy.go registerSimpleHandler and sortByPathLongest, an exact path tried before '/';
    // pkg/upstream/file.go, http.FileServer on a directory that does not exist). Run: test/real/oauth2-proxy.test.ts.
    const alpha = parse(only(reverse, 'ConfigMap', 'headlamp-oauth2-proxy').data['alpha-config.yaml']);
    expect(alpha.upstreamConfig.upstreams).toStrictEqual([
      { id: 'headlamp', path: '/', uri: 'http://headlamp.headlamp.svc.cluster.local:80/' },
      { id: 'metrics-refused', path: '/metrics', uri: 'file:///etc/oauth2-proxy/metrics-refused' },
    ]);
    const proxyArgs: string[] = only(reverse, 'Deployment', 'headlamp-oauth2-proxy').spec.template.spec.containers[0]
      .args;
    expect(proxyArgs.filter((a) => /skip-auth/.test(a))).toEqual([]);
    const forward = render(frontend(OAuth2ProxyMode.FORWARD_AUTH), {
      metrics,
      auth: HeadlampAuth.identityAwareProxy(),
    });
    expect(forward.filter((o) => o.kind === 'Ingress').map((o) => o.metadata.name)).toStrictEqual([
      'headlamp',
      'headlamp-metrics',
      'headlamp-oauth2',
    ]);
    expect(only(forward, 'Ingress', 'headlamp-metrics').metadata.annotations).toBeUndefined();
    // Forward auth proxies nothing: its only upstream is the static 202 of /oauth2/auth.
    expect(only(forward, 'ConfigMap', 'headlamp-oauth2-proxy').data['alpha-config.yaml']).toContain('staticCode: 202');
    expect(validateAll([...reverse, ...forward])).toEqual([]);
  });

  test('fails when an extra path is the metrics path (it would compete with the block for one location)', () => {
    expect(() =>
      render(
        (chart, headlamp) =>
          new HeadlampIngress(chart, 'ingress', {
            headlamp,
            hosts: [HOST],
            tls: IngressTls.fromSecret('tls'),
            extraPaths: [{ path: '/Headlamp/Metrics/', pathType: 'Exact', serviceName: 'exporter', port: 9100 }],
          }),
        { metrics, baseUrl: '/headlamp' },
      ),
    ).toThrow(
      "HeadlampIngress 'test/ingress': props.extraPaths[0].path: is where Headlamp serves its metrics, which every route " +
        'refuses, got "/Headlamp/Metrics/"; pick another (two Ingresses with one path leave ingress-nginx to pick either)',
    );
  });

  test('fails when a Traefik router priority on the route could outrank the block', () => {
    expect(() =>
      render(
        (chart, headlamp) =>
          new HeadlampIngress(chart, 'ingress', {
            headlamp,
            hosts: [HOST],
            tls: IngressTls.fromSecret('tls'),
            annotations: { 'traefik.ingress.kubernetes.io/router.priority': '2000000' },
          }),
      ),
    ).toThrow(
      "HeadlampIngress 'test/ingress': props.annotations['traefik.ingress.kubernetes.io/router.priority']: could rank this route above " +
        'the block of /metrics (Traefik serves the higher priority, and the route would then serve the metrics), got a value for it with metrics on; drop it',
    );
    // Without metrics it is the user's to set.
    expect(() =>
      render(
        (chart, headlamp) =>
          new HeadlampIngress(chart, 'ingress', {
            headlamp,
            hosts: [HOST],
            tls: IngressTls.fromSecret('tls'),
            annotations: { 'traefik.ingress.kubernetes.io/router.priority': '10' },
          }),
        {},
      ),
    ).not.toThrow();
  });

  test('metrics off: no block, nothing changes', () => {
    const objects = render(ingress(IngressController.TRAEFIK), {});
    expect(objects.filter((o) => o.kind === 'Ingress').map((o) => o.metadata.name)).toStrictEqual(['headlamp']);
    expect(objects.filter((o) => o.kind === 'Middleware').map((o) => o.metadata.name)).toStrictEqual(['headlamp-hsts']);
  });

  test('only the Prometheus peer and the controller reach port 4466; nothing else is opened', () => {
    const policy = only(render(ingress(IngressController.INGRESS_NGINX)), 'NetworkPolicy');
    expect(policy.spec.ingress).toStrictEqual([
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
            podSelector: {
              matchLabels: { 'app.kubernetes.io/name': 'prometheus', 'operator.prometheus.io/name': 'k8s' },
            },
          },
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
            podSelector: {
              matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' },
            },
          },
        ],
        ports: [{ port: 4466, protocol: 'TCP' }],
      },
    ]);
  });
});

describe('Traefik v3.7.9, read from its source: the block router wins for <base-url>/metrics', () => {
  /** Traefik's Ingress router rule (kubernetes.go loadRouter + buildRule): Host, then Path / PathPrefix, or strict prefix matching. */
  const rule = (host: string, path: string, pathType: 'Exact' | 'Prefix', strict: boolean) => {
    const quoted = (s: string) => JSON.stringify(s); // Go's %q for these ASCII strings
    let p = pathType === 'Exact' ? `Path(${quoted(path)})` : `PathPrefix(${quoted(path)})`;
    if (strict && pathType === 'Prefix' && path !== '/')
      p = `(Path(${quoted(path.replace(/\/$/, ''))}) || PathPrefix(${quoted(`${path.replace(/\/$/, '')}/`)}))`;
    return `Host(${quoted(host)}) && ${p}`;
  };
  const MAX_USER_PRIORITY = 2 ** 63 - 1 - 1000; // math.MaxInt - 1000 on 64-bit

  test.each([
    ['at the root', '', HOST],
    ['under a base URL', '/headlamp', HOST],
    [
      'a long host and base URL',
      `/${'a'.repeat(200)}`,
      `${'h'.repeat(63)}.${'e'.repeat(63)}.${'x'.repeat(63)}.example.com`,
    ],
  ])('%s, with and without strictPrefixMatching', (_case, base, host) => {
    for (const strict of [false, true]) {
      // Default priority is the rule's length (mux.go GetRulePriority): the route's, with its Prefix path.
      const route = rule(host, base || '/', 'Prefix', strict).length;
      expect([strict, TRAEFIK_BLOCK_PRIORITY > route]).toEqual([strict, true]);
    }
    // The block's own rule matches exactly <base-url>/metrics: Path(), whatever the strict setting.
    expect(rule(host, `${base}/metrics`, 'Exact', true)).toBe(
      `Host(${JSON.stringify(host)}) && Path(${JSON.stringify(`${base}/metrics`)})`,
    );
    expect(TRAEFIK_BLOCK_PRIORITY).toBeLessThan(MAX_USER_PRIORITY);
  });

  test('the Middleware admits no source: the limited broadcast address never opens a TCP connection', () => {
    expect(TRAEFIK_ADMITS_NO_ADDRESS).toBe('255.255.255.255/32');
  });
});

describe('Gateway API (HeadlampHttpRoute)', () => {
  const route = (baseUrl?: string) =>
    only(
      render(
        (chart, headlamp) =>
          new HeadlampHttpRoute(chart, 'route', {
            headlamp,
            hostnames: [HOST],
            gateway: { name: 'public', namespace: 'gateways', sectionName: 'websecure' },
            traefikMiddlewares: ['auth'],
          }),
        { metrics, baseUrl },
      ),
      'HTTPRoute',
    );

  test("a first rule matches <base-url>/metrics Exact with no backendRefs and no filters; the route's own rule is unchanged", () => {
    const r = route('/headlamp');
    expect(r.spec.rules).toStrictEqual([
      { matches: [{ path: { type: 'Exact', value: '/headlamp/metrics' } }] },
      {
        matches: [{ path: { type: 'PathPrefix', value: '/headlamp' } }],
        filters: [{ type: 'ExtensionRef', extensionRef: { group: 'traefik.io', kind: 'Middleware', name: 'auth' } }],
        backendRefs: [{ name: 'headlamp', port: 80 }],
      },
    ]);
    expect(validateAll([r])).toEqual([]);
  });

  test("read from the spec and Traefik's Gateway provider: Exact outranks every PathPrefix, and the empty rule never forwards", () => {
    // httproute.go buildPathRule: Exact 100000; PathPrefix "/" 1, others 10000 + 100 per character.
    const priority = (type: string, value: string) =>
      type === 'Exact' ? 100000 : value === '/' ? 1 : 10000 + value.length * 100;
    for (const base of ['', '/headlamp', `/${'a'.repeat(80)}`]) {
      expect(priority('Exact', `${base}/metrics`)).toBeGreaterThan(priority('PathPrefix', base || '/'));
    }
    // No backendRefs: the spec (BackendRefs) and conformance test HTTPRouteNoBackendRefs say 500; Traefik builds a weighted
    // round robin with no server, which answers 503 "no available server" (wrr.go ServeHTTP). Neither forwards to Headlamp.
    expect(route().spec.rules[0].backendRefs).toBeUndefined();
    expect(route().spec.rules[0].filters).toBeUndefined();
  });
});
