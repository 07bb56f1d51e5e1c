// Issue 25: the Traefik bypass (`GET <base>%2Fmetrics`) closed at the route, and both blocks fail closed; the
// review's other findings (ssl-passthrough, an exposed Service with metrics, the pinned affinity switches). What the
// real Traefik and NGINX do with these objects: test/real/traefik-metrics.test.ts, test/real/nginx-metrics.test.ts.
import {
  BasicAuthCredentials,
  BasicAuthIngress,
  HeadlampDeployment,
  HeadlampIngress,
  HeadlampMetrics,
  IngressController,
  IngressTls,
  PrometheusPeer,
  ServiceType,
  TlsTerminatedAt,
} from '../lib';
import { migrationError, valuesError, valuesWith } from './helpers/doors';
import { validateAll } from './helpers/k8s-schema';
import { only, synth, testChart } from './helpers/synth';

const metrics = HeadlampMetrics.podMonitor({ prometheus: PrometheusPeer.operator('monitoring', 'k8s') });
const HOST = 'headlamp.example.com';
const LINE = 'alice:$2b$08$c5xTiWEgEdpOL3au.rHA1efPMtpRqE7GqcVCxiab3GqV4BXOQuZR6';
const upstream = IngressTls.terminatedUpstream(TlsTerminatedAt.LOAD_BALANCER);
const credentials = () => BasicAuthCredentials.fromHtpasswdLines([LINE]);

function render(front: (chart: any, headlamp: HeadlampDeployment) => void, props: any = { metrics }) {
  const chart = testChart();
  front(chart, new HeadlampDeployment(chart, 'headlamp', props));
  return synth(chart);
}
const ingress =
  (controller: IngressController, tls: IngressTls = IngressTls.fromSecret('tls'), more: any = {}) =>
  (chart: any, headlamp: HeadlampDeployment) =>
    new HeadlampIngress(chart, 'ingress', { headlamp, hosts: [HOST], tls, controller, ...more });
const route = (objects: any[]) => only(objects, 'Ingress', 'headlamp');
const paths = (objects: any[]) => route(objects).spec.rules[0].http.paths.map((p: any) => [p.path, p.pathType]);
const MIDDLEWARES = 'traefik.ingress.kubernetes.io/router.middlewares';
const chain = (objects: any[]) => route(objects).metadata.annotations?.[MIDDLEWARES];

describe('Traefik: the route under a base URL is Exact <base> and Prefix <base>/ with metrics on', () => {
  test('HeadlampIngress: <base>%2Fmetrics matches neither (Traefik matches the path with %2F still encoded)', () => {
    const objects = render(ingress(IngressController.TRAEFIK), { metrics, baseUrl: '/headlamp' });
    expect(paths(objects)).toStrictEqual([
      ['/headlamp', 'Exact'],
      ['/headlamp/', 'Prefix'],
    ]);
    expect(validateAll(objects)).toEqual([]);
  });

  test(
    'BasicAuthIngress too; at the root, with metrics off, and on ingress-nginx (which decodes before matching) ' +
      'the path is unchanged',
    () => {
      const basic = render(
        (chart, headlamp) =>
          new BasicAuthIngress(chart, 'ingress', {
            headlamp,
            hosts: [HOST],
            tls: IngressTls.fromSecret('tls'),
            credentials: credentials(),
          }),
        { metrics, baseUrl: '/headlamp' },
      );
      expect(paths(basic)).toStrictEqual([
        ['/headlamp', 'Exact'],
        ['/headlamp/', 'Prefix'],
      ]);
      expect(paths(render(ingress(IngressController.TRAEFIK)))).toStrictEqual([['/', 'Prefix']]);
      const off = render(ingress(IngressController.TRAEFIK), { baseUrl: '/headlamp' });
      expect(paths(off)).toStrictEqual([['/headlamp', 'Prefix']]);
      const nginx = render(ingress(IngressController.INGRESS_NGINX), { metrics, baseUrl: '/headlamp' });
      expect(paths(nginx)).toStrictEqual([['/headlamp', 'Prefix']]);
    },
  );
});

describe('Traefik: with metrics on the route always carries a library Middleware (one missing drops both)', () => {
  test("no HSTS, no auth (TLS upstream): a metrics-guard headers Middleware, chained before the user's", () => {
    const extraTraefikMiddlewares = ['headlamp-ratelimit@kubernetescrd'];
    const objects = render(ingress(IngressController.TRAEFIK, upstream, { extraTraefikMiddlewares }));
    expect(chain(objects)).toBe('headlamp-headlamp-metrics-guard@kubernetescrd,headlamp-ratelimit@kubernetescrd');
    const guard = only(objects, 'Middleware', 'headlamp-metrics-guard');
    expect([guard.apiVersion, guard.spec]).toStrictEqual([
      'traefik.io/v1alpha1',
      { headers: { customResponseHeaders: { 'X-Content-Type-Options': 'nosniff' } } },
    ]);
    expect(validateAll(objects)).toEqual([]);
  });

  test("hsts: false gets the guard; HSTS or an auth Middleware is already the library's: no guard", () => {
    expect(chain(render(ingress(IngressController.TRAEFIK, IngressTls.fromSecret('tls'), { hsts: false })))).toBe(
      'headlamp-headlamp-metrics-guard@kubernetescrd',
    );
    expect(chain(render(ingress(IngressController.TRAEFIK)))).toBe('headlamp-headlamp-hsts@kubernetescrd');
    const basic = render(
      (chart, headlamp) =>
        new BasicAuthIngress(chart, 'ingress', {
          headlamp,
          hosts: [HOST],
          tls: upstream,
          credentials: credentials(),
        }),
    );
    expect(chain(basic)).not.toContain('metrics-guard');
    expect(chain(basic)).toMatch(/^headlamp-headlamp-basic-auth/);
  });

  test("Traefik v2 (legacyTraefikV2ApiGroup): the guard is in v2's group; metrics off: no guard", () => {
    const legacy = render(
      (chart, headlamp) =>
        new BasicAuthIngress(chart, 'ingress', {
          headlamp,
          hosts: [HOST],
          tls: upstream,
          legacyTraefikV2ApiGroup: true,
          credentials: credentials(),
        }),
    );
    const groups = legacy.filter((o) => o.kind === 'Middleware').map((o) => o.apiVersion);
    expect(groups).toEqual(expect.arrayContaining(['traefik.containo.us/v1alpha1']));
    const off = render(ingress(IngressController.TRAEFIK, upstream), {});
    expect(off.filter((o) => o.kind === 'Middleware')).toEqual([]);
    expect(chain(off)).toBeUndefined();
  });
});

const PASSTHROUGH_KEY = "['nginx.ingress.kubernetes.io/ssl-passthrough']";
const PASSTHROUGH =
  'is managed by the library, got a value for it; it hands the TLS connection to the backend ' +
  "unread, so ingress-nginx applies none of the Ingress's rules (the auth gate, the metrics block, the HTTPS " +
  'redirect); remove it';

describe('ingress-nginx: nginx.ingress.kubernetes.io/ssl-passthrough is managed (it skips every annotation)', () => {
  test.each(['true', 'false'])('refused with %s', (value) => {
    expect(() =>
      render(
        ingress(IngressController.INGRESS_NGINX, IngressTls.fromSecret('tls'), {
          annotations: { 'nginx.ingress.kubernetes.io/ssl-passthrough': value },
        }),
        {},
      ),
    ).toThrow(`HeadlampIngress 'test/ingress': props.annotations${PASSTHROUGH_KEY}: ${PASSTHROUGH}`);
  });
  // A values file has no door to Ingress annotations (docs/values.md): the props are the only way in there.

  test('the chart migration (--chart-values) stops on it in ingress.annotations, naming it', () => {
    const ingressValues = {
      enabled: true,
      ingressClassName: 'nginx',
      hosts: [{ host: HOST, paths: [{ path: '/', type: 'Prefix' }] }],
      tls: [{ secretName: 'tls' }],
      annotations: { 'nginx.ingress.kubernetes.io/ssl-passthrough': 'true' },
    };
    expect(migrationError({ ingress: ingressValues }, { publicUrl: `https://${HOST}` })).toBe(
      `chart values: ingress.annotations${PASSTHROUGH_KEY}: ${PASSTHROUGH} ` +
        `(HeadlampIngress props.annotations${PASSTHROUGH_KEY})`,
    );
  });
});

describe('an exposed Service (NodePort, LoadBalancer) with metrics on is refused: nothing in front refuses it', () => {
  test.each([ServiceType.NODE_PORT, ServiceType.LOAD_BALANCER])('%s', (type) => {
    const service = { type, unsafeAllowPlainHttpExposure: true };
    expect(() => render(() => undefined, { metrics, baseUrl: '/headlamp', service })).toThrow(
      `HeadlampDeployment 'test/headlamp': props.metrics: serves /headlamp/metrics on Headlamp's port, which the ` +
        `${type} Service (props.service.type) exposes with no route in front to refuse it, got both; keep the Service ` +
        'ClusterIP behind an Ingress or HTTPRoute, or turn metrics off',
    );
    expect(() => render(() => undefined, { service })).not.toThrow();
  });

  test('through a values file too', () => {
    expect(
      valuesError(
        valuesWith({
          metrics: { scrapeBy: 'podMonitor', prometheus: { namespace: 'monitoring', name: 'k8s' } },
          service: { type: 'NodePort', unsafeAllowPlainHttpExposure: true },
        }),
      ),
    ).toBe(
      "values: headlamp.metrics: serves /metrics on Headlamp's port, which the NodePort Service " +
        '(headlamp.service.type) exposes with no route in front to refuse it, got both; keep the Service ClusterIP ' +
        'behind an Ingress or HTTPRoute, or turn metrics off',
    );
  });
});

describe("an extra path on Headlamp's own paths", () => {
  test("Traefik under a base URL with metrics on: <base>/ is the route's own Prefix path, refused as extra", () => {
    expect(() =>
      render(
        ingress(IngressController.TRAEFIK, IngressTls.fromSecret('tls'), {
          extraPaths: [{ path: '/headlamp/', serviceName: 'exporter', port: 9100 }],
        }),
        { metrics, baseUrl: '/headlamp' },
      ),
    ).toThrow(
      "HeadlampIngress 'test/ingress': props.extraPaths[0].path: is Headlamp's own path, got \"/headlamp/\"; " +
        'pick another',
    );
  });
});
