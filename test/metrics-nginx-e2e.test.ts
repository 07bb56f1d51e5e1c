// /metrics never public, for real: the Ingresses the library synthesizes with metrics on (HeadlampIngress and
// BasicAuthIngress on ingress-nginx), rendered the way ingress-nginx controller-v1.15.1 renders them, served by a real
// NGINX in front of a stand-in Headlamp that serves <base-url>/metrics like Headlamp v0.45.0's router. Through the
// Ingress every spelling of the path is refused and the UI still loads; straight to the pod (the path the NetworkPolicy
// opens to the Prometheus peer only, metrics-block.test.ts) the metrics answer.
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as path from 'node:path';
import {
  BasicAuthCredentials,
  BasicAuthIngress,
  HeadlampDeployment,
  HeadlampIngress,
  HeadlampMetrics,
  IngressController,
  IngressTls,
  PrometheusPeer,
  SynthTimeSecret,
} from '../lib';
import { ingressNginxServer } from './helpers/ingress-nginx';
import { basic, describeWithTools, get, RunningNginx, startNginx } from './helpers/nginx';
import { synth, testChart } from './helpers/synth';

const HOST = 'headlamp.example.com';
const PASSWORD = 'correct horse battery staple';
const METRICS_BODY = '# TYPE headlamp_http_requests_total counter\nheadlamp_http_requests_total 7\n';

/** The Ingresses (and the ingress-nginx auth file, for basic auth) of a Headlamp with metrics on and a route in front. */
function synthesized(baseUrl: string | undefined, basicAuth: boolean): { ingresses: any[]; authFile?: string } {
  Object.assign(process.env, { METRICS_E2E_PW: PASSWORD, METRICS_E2E_KEY: 'k'.repeat(48) });
  try {
    const chart = testChart();
    const headlamp = new HeadlampDeployment(chart, 'headlamp', {
      baseUrl,
      metrics: HeadlampMetrics.podMonitor({ prometheus: PrometheusPeer.operator('monitoring', 'k8s') }),
    });
    const common = {
      headlamp,
      hosts: [HOST],
      tls: IngressTls.fromSecret('tls'),
      controller: IngressController.INGRESS_NGINX,
    };
    if (basicAuth) {
      new BasicAuthIngress(chart, 'ingress', {
        ...common,
        credentials: BasicAuthCredentials.hashAtSynth({
          users: [{ username: 'alice', password: SynthTimeSecret.fromEnv('METRICS_E2E_PW') }],
          hashKey: SynthTimeSecret.fromEnv('METRICS_E2E_KEY'),
        }),
      });
    } else {
      new HeadlampIngress(chart, 'ingress', common);
    }
    const objects = synth(chart);
    const secret = objects.find((o) => o.kind === 'Secret');
    return {
      ingresses: objects.filter((o) => o.kind === 'Ingress'),
      authFile: secret && Buffer.from(secret.data.auth, 'base64').toString('utf8'),
    };
  } finally {
    delete process.env.METRICS_E2E_PW;
    delete process.env.METRICS_E2E_KEY;
  }
}

/**
 * Headlamp's router as far as /metrics goes (backend/cmd/headlamp.go v0.45.0, gorilla/mux): the decoded path is
 * matched; an unclean path (`//x`, `/./x`) is redirected to its clean form; `<base-url>/metrics` exactly serves
 * the metrics (`r.Handle("/metrics", ...)` under the base URL's subrouter); everything else is the UI.
 */
function headlampStandIn(baseUrl: string): Promise<http.Server> {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      const raw = decodeURIComponent(new URL(req.url!, 'http://x').pathname);
      const clean = path.posix.normalize(raw.replace(/\/+/g, '/'));
      const target = raw.endsWith('/') && clean !== '/' && !clean.endsWith('/') ? `${clean}/` : clean;
      if (target !== raw) {
        res.writeHead(301, { Location: target });
      } else if (raw === `${baseUrl}/metrics`) {
        res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
        res.write(METRICS_BODY);
      } else {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.write('<html>headlamp-ui</html>');
      }
      res.end();
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

describe.each([
  ['HeadlampIngress at the root', undefined, false],
  ['HeadlampIngress under a base URL', '/headlamp', false],
  ['BasicAuthIngress (a password opens the UI, never the metrics)', '/headlamp', true],
])('%s', (_name, baseUrl, basicAuth) => {
  describeWithTools(['nginx'], 'on a real NGINX', () => {
    const base = baseUrl ?? '';
    const auth = basicAuth ? basic('alice', PASSWORD) : {};
    let nginx: RunningNginx;
    let unblocked: RunningNginx;
    let headlamp: http.Server;
    let direct: number;

    beforeAll(async () => {
      const { ingresses, authFile } = synthesized(baseUrl, basicAuth);
      expect(ingresses.map((i) => i.metadata.name)).toStrictEqual(['headlamp', 'headlamp-metrics']);
      headlamp = await headlampStandIn(base);
      direct = (headlamp.address() as AddressInfo).port;
      const files: Record<string, string> = authFile ? { auth: authFile } : {};
      const upstreams = { service: (name: string) => (name === 'headlamp' ? `http://127.0.0.1:${direct}` : undefined) };
      nginx = await startNginx(ingressNginxServer(ingresses, upstreams), files);
      // Control: the route alone, as with -metrics-enabled in extraArgs before this library typed it.
      unblocked = await startNginx(ingressNginxServer(ingresses.slice(0, 1), upstreams), files);
    });

    afterAll(async () => {
      await nginx?.stop();
      await unblocked?.stop();
      headlamp?.close();
    });

    test('control: the route alone serves the metrics to anyone who reaches it (what the block prevents)', async () => {
      const reply = await get(unblocked.port, `${base}/metrics`, auth);
      expect([reply.status, reply.body]).toStrictEqual([200, METRICS_BODY]);
      expect((await get(unblocked.port, `${base}/%6d%65trics`, auth)).body).toBe(METRICS_BODY);
    });

    test('the UI still loads through the Ingress', async () => {
      const reply = await get(nginx.port, `${base}/`, auth);
      expect([reply.status, reply.body]).toStrictEqual([200, '<html>headlamp-ui</html>']);
      if (base) expect((await get(nginx.port, base, auth)).status).toBe(200);
      if (basicAuth) expect((await get(nginx.port, `${base}/`)).status).toBe(401);
    });

    test.each([
      ['the path', '/metrics'],
      ['with a query', '/metrics?name[]=headlamp_http_requests_total'],
      ['percent-encoded (Headlamp would decode it)', '/%6d%65trics'],
      ['a doubled slash', '//metrics'],
      ['a dot segment', '/./metrics'],
    ])("%s is refused (503: the block's Service has no endpoints), never reaching Headlamp", async (_case, suffix) => {
      const reply = await get(nginx.port, `${base}${suffix}`, auth);
      expect(reply.status).toBe(503);
      expect(reply.body).not.toContain('headlamp_http_requests_total');
    });

    test('a trailing slash is no metrics path to Headlamp either: the UI answers', async () => {
      const reply = await get(nginx.port, `${base}/metrics/`, auth);
      expect(reply.body).not.toContain('headlamp_http_requests_total');
    });

    test("straight to the pod (Prometheus's path, the only one the NetworkPolicy opens for it), the metrics answer", async () => {
      const reply = await get(direct, `${base}/metrics`);
      expect([reply.status, reply.body]).toStrictEqual([200, METRICS_BODY]);
    });
  });
});
