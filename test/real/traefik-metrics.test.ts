// Issue 25, on the real Traefik: its own Kubernetes providers (kubernetesIngress, kubernetesCRD, kubernetesGateway)
// read the objects the library synthesizes from a fake API server on loopback (helpers/fake-api-server.ts) and build
// the routers with Traefik's own translation code, in front of the Headlamp stand-in (gorilla/mux as Headlamp v0.45.0
// routes). Traefik is built from github.com/traefik/traefik/v3 at TRAEFIK_VERSION (scripts/real/traefik.js: v3.6.12,
// the newest the module proxy can build; it has the raw-path matching of v3.6.7+).
// Every spelling of <base-url>/metrics is refused on every route kind, the UI loads, and a control proves the bypass
// the route fixed: the route as rendered before (Prefix <base>) serves <base>%2Fmetrics on this Traefik.
import {
  HeadlampDeployment,
  HeadlampHttpRoute,
  HeadlampIngress,
  HeadlampMetrics,
  IngressController,
  IngressTls,
  PrometheusPeer,
  TlsTerminatedAt,
} from '../../lib';
import { synth, testChart } from '../helpers/synth';
import { FakeApiServer, startFakeApiServer } from './helpers/fake-api-server';
import { cluster, configLoaded, traefikArgs } from './helpers/traefik-cluster';
import { follow, freePort, request, Running, startHeadlampStandIn, startTraefik } from './helpers/processes';
import { METRICS_MARK, metricsSpellings, UI_BODY } from './helpers/spellings';

const { ensureTraefik, TRAEFIK_VERSION } = require('../../scripts/real/traefik');
const { reportReal } = require('../../scripts/real/go-tools');

const HOST = 'headlamp.example.com';
/** A second host serving the route as the library rendered it before issue 25 (the control). */
const OLD_HOST = 'old.example.com';
const metrics = () => HeadlampMetrics.podMonitor({ prometheus: PrometheusPeer.operator('monitoring', 'k8s') });

type Scheme = 'http' | 'https';
interface RouteKind {
  readonly name: string;
  readonly scheme: Scheme;
  readonly build: (chart: any, headlamp: HeadlampDeployment) => void;
}

const ROUTES: RouteKind[] = [
  {
    name: "HeadlampIngress, TLS with the controller's default certificate (HSTS Middleware)",
    scheme: 'https',
    build: (chart, headlamp) =>
      new HeadlampIngress(chart, 'ingress', {
        headlamp,
        hosts: [HOST],
        tls: IngressTls.controllerDefaultCertificate(),
        controller: IngressController.TRAEFIK,
      }),
  },
  {
    name: 'HeadlampIngress, TLS terminated upstream (the metrics-guard Middleware)',
    scheme: 'http',
    build: (chart, headlamp) =>
      new HeadlampIngress(chart, 'ingress', {
        headlamp,
        hosts: [HOST],
        tls: IngressTls.terminatedUpstream(TlsTerminatedAt.LOAD_BALANCER),
        controller: IngressController.TRAEFIK,
      }),
  },
  {
    name: "HeadlampHttpRoute through Traefik's Gateway provider",
    scheme: 'http',
    build: (chart, headlamp) =>
      new HeadlampHttpRoute(chart, 'route', {
        headlamp,
        hostnames: [HOST],
        gateway: { name: 'public', namespace: 'gateways', sectionName: 'websecure' },
      }),
  },
];

/** The route as rendered before issue 25, on OLD_HOST: the Ingress's path Prefix <base>, the block unchanged. */
function beforeIssue25(objects: any[], base: string): any[] {
  return objects
    .filter((o) => o.kind === 'Ingress')
    .map((o) => {
      const copy = JSON.parse(JSON.stringify(o));
      copy.metadata.name = `${o.metadata.name}-old`;
      for (const rule of copy.spec.rules) {
        rule.host = OLD_HOST;
        if (o.metadata.name !== 'headlamp') continue;
        rule.http.paths = [{ ...rule.http.paths[0], path: base || '/', pathType: 'Prefix' }];
      }
      if (copy.spec.tls) copy.spec.tls = [{ hosts: [OLD_HOST] }];
      return copy;
    });
}

let bin: string;
beforeAll(() => {
  bin = ensureTraefik(TRAEFIK_VERSION);
  reportReal('traefik', TRAEFIK_VERSION);
});

describe.each(['', '/headlamp'])('base URL %j', (base) => {
  describe.each(ROUTES)('$name', (route) => {
    const gateway = route.name.startsWith('HeadlampHttpRoute');
    let standIn: Running;
    let api: FakeApiServer;
    let traefik: Running & { apiPort: number };
    const get = (target: string, host = HOST) => follow(route.scheme, traefik.port, target, host);

    beforeAll(async () => {
      standIn = await startHeadlampStandIn(base);
      const chart = testChart();
      route.build(chart, new HeadlampDeployment(chart, 'headlamp', { baseUrl: base || undefined, metrics: metrics() }));
      const objects = synth(chart);
      const port = await freePort();
      const controls = gateway ? [] : beforeIssue25(objects, base);
      api = await startFakeApiServer([...objects, ...controls, ...cluster(port, standIn.port)]);
      traefik = await startTraefik(bin, traefikArgs(api), port);
      // The route and the block (and for Ingresses their copies on OLD_HOST).
      await configLoaded(traefik, gateway ? 2 : base ? 5 : 4, objects.filter((o) => o.kind === 'Middleware').length);
    });

    afterAll(async () => {
      await traefik?.stop();
      await api?.stop();
      await standIn?.stop();
    });

    test('control: straight to the stand-in, <base>/metrics and its decoded spellings serve the metrics', async () => {
      expect((await request('http', standIn.port, `${base}/metrics`)).body).toContain(METRICS_MARK);
      expect((await request('http', standIn.port, `${base}/%6detrics`)).body).toContain(METRICS_MARK);
      if (base) expect((await request('http', standIn.port, `${base}%2Fmetrics`)).body).toContain(METRICS_MARK);
    });

    if (!gateway && base) {
      test('control: the route as rendered before (Prefix <base>) passes <base>%2Fmetrics: the bypass', async () => {
        expect((await get(`${base}%2Fmetrics`, OLD_HOST)).body).toContain(METRICS_MARK);
        expect((await get(`${base}/metrics`, OLD_HOST)).body).not.toContain(METRICS_MARK);
      });
    }

    test("the UI loads, through the library's Middleware", async () => {
      const ui = await get(`${base}/`);
      expect([ui.status, ui.body]).toStrictEqual([200, UI_BODY]);
      if (route.name.includes('metrics-guard')) expect(ui.headers['x-content-type-options']).toBe('nosniff');
      if (route.name.includes('HSTS')) {
        expect(ui.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      }
      expect(await get(`${base}/c/main/pods`).then((r) => [r.status, r.body])).toStrictEqual([200, UI_BODY]);
      // <base> without its slash: the route forwards it and Headlamp answers as it does straight (its UI route is
      // PathPrefix("/") under the base URL's subrouter, so `<base>` itself is a 404 of gorilla/mux).
      if (base) {
        const direct = await request('http', standIn.port, base);
        expect(await get(base).then((r) => [r.status, r.body])).toStrictEqual([direct.status, direct.body]);
      }
    });

    test.each(metricsSpellings(base))('%s (%s) never serves the metrics', async (_name, target) => {
      const reply = await get(target);
      expect(reply.body).not.toContain(METRICS_MARK);
    });
  });
});

describe.each(['', '/headlamp'])(
  'fails closed, base URL %j: without the Middlewares (no CRD, the provider off), ' +
    'no router serves; ' +
    'control: a route with no Middleware of the library then serves the metrics',
  (base) => {
    test.each(ROUTES.filter((r) => !r.name.startsWith('HeadlampHttpRoute')))('$name', async (route) => {
      const standIn = await startHeadlampStandIn(base);
      const chart = testChart();
      route.build(chart, new HeadlampDeployment(chart, 'headlamp', { baseUrl: base || undefined, metrics: metrics() }));
      const objects = synth(chart).filter((o) => o.kind !== 'Middleware');
      // Control on OLD_HOST: the route as before, with no Middleware of the library (what the guard changes).
      const unguarded = beforeIssue25(objects, base).map((o) => {
        if (o.metadata.name !== 'headlamp-old') return o;
        delete o.metadata.annotations?.['traefik.ingress.kubernetes.io/router.middlewares'];
        return o;
      });
      const port = await freePort();
      const api = await startFakeApiServer([...objects, ...unguarded, ...cluster(port, standIn.port)]);
      const traefik = await startTraefik(bin, traefikArgs(api), port);
      try {
        // The block and the route (Exact <base>, Prefix <base>/ under a base URL): each disabled, its Middleware missing.
        const routers = (await configLoaded(traefik, base ? 5 : 4, 0)).filter((r) => r.rule.includes(HOST));
        expect(routers.length).toBe(base ? 3 : 2);
        const disabled = routers.map((r) => ['disabled', [`middleware "${r.middlewares[0]}" does not exist`]]);
        expect(routers.map((r) => [r.status, r.error])).toStrictEqual(disabled);
        expect((await follow(route.scheme, traefik.port, `${base}/metrics`, OLD_HOST)).body).toContain(METRICS_MARK);
        for (const target of [`${base}/metrics`, `${base}/`, base ? `${base}%2Fmetrics` : '/%2Fmetrics']) {
          const reply = await follow(route.scheme, traefik.port, target, HOST);
          expect([target, reply.status, reply.body.includes(METRICS_MARK)]).toStrictEqual([target, 404, false]);
        }
      } finally {
        await traefik.stop();
        await api.stop();
        await standIn.stop();
      }
    });
  },
);
