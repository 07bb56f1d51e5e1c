// Issue 25, on a real NGINX: the Ingresses the library synthesizes for ingress-nginx (HeadlampIngress,
// BasicAuthIngress) rendered as controller-v1.15.1 renders them (test/helpers/ingress-nginx.ts) in front of the
// Headlamp stand-in (test/real/headlamp-standin: gorilla/mux as Headlamp v0.45.0 routes). Every spelling of
// <base-url>/metrics is refused, the UI loads. The block carries no annotation at all (it routes to a Service with no
// endpoints, which ingress-nginx answers 503 itself), so no `annotations-risk-level` can drop it. NGINX is Debian's
// (.ci/run installs it).
import { spawnSync } from 'node:child_process';
import {
  BasicAuthCredentials,
  BasicAuthIngress,
  HeadlampDeployment,
  HeadlampIngress,
  HeadlampMetrics,
  IngressController,
  IngressTls,
  PrometheusPeer,
} from '../../lib';
import { ingressNginxServer } from '../helpers/ingress-nginx';
import { basic, describeWithTools, RunningNginx, startNginx, which } from '../helpers/nginx';
import { synth, testChart } from '../helpers/synth';
import { follow, request, Running, startHeadlampStandIn } from './helpers/processes';
import { METRICS_MARK, metricsSpellings, UI_BODY } from './helpers/spellings';

const { reportReal } = require('../../scripts/real/go-tools');

const HOST = 'headlamp.example.com';
const bcrypt = require('bcryptjs');
const PASSWORD = 'correct horse battery staple';

const ROUTES = [
  { name: 'HeadlampIngress', basicAuth: false },
  { name: 'BasicAuthIngress (a password opens the UI, never the metrics)', basicAuth: true },
];

describeWithTools(['nginx'], 'on a real NGINX', () => {
  beforeAll(() => {
    // `nginx -v` prints its version on stderr.
    const version = /nginx\/(\S+)/.exec(spawnSync(which('nginx')!, ['-v'], { encoding: 'utf8' }).stderr)?.[1];
    reportReal('nginx', version ?? 'unknown');
  });

  describe.each(['', '/headlamp'])('base URL %j', (base) => {
    describe.each(ROUTES)('$name', ({ basicAuth }) => {
      let standIn: Running;
      let nginx: RunningNginx;
      const auth = basicAuth ? basic('alice', PASSWORD) : {};
      const get = (target: string) => follow('http', nginx.port, target, HOST, auth);

      beforeAll(async () => {
        standIn = await startHeadlampStandIn(base);
        const chart = testChart();
        const headlamp = new HeadlampDeployment(chart, 'headlamp', {
          baseUrl: base || undefined,
          metrics: HeadlampMetrics.podMonitor({ prometheus: PrometheusPeer.operator('monitoring', 'k8s') }),
        });
        const tls = IngressTls.fromSecret('tls');
        const common = { headlamp, hosts: [HOST], tls, controller: IngressController.INGRESS_NGINX };
        if (basicAuth) {
          const line = `alice:${bcrypt.hashSync(PASSWORD, 8)}`;
          const credentials = BasicAuthCredentials.fromHtpasswdLines([line]);
          new BasicAuthIngress(chart, 'ingress', { ...common, credentials });
        } else {
          new HeadlampIngress(chart, 'ingress', common);
        }
        const objects = synth(chart);
        const ingresses = objects.filter((o) => o.kind === 'Ingress');
        const unannotated = ingresses.map((i) => [i.metadata.name, i.metadata.annotations === undefined]);
        expect(unannotated).toEqual(expect.arrayContaining([['headlamp-metrics', true]]));
        const secret = objects.find((o) => o.kind === 'Secret');
        const files: Record<string, string> = {};
        if (secret) files.auth = Buffer.from(secret.data.auth, 'base64').toString('utf8');
        const server = ingressNginxServer(ingresses, {
          service: (name: string) => (name === 'headlamp' ? `http://127.0.0.1:${standIn.port}` : undefined),
        });
        nginx = await startNginx(server, files);
      });

      afterAll(async () => {
        await nginx?.stop();
        await standIn?.stop();
      });

      test('the UI loads (and without the password, on basic auth, does not)', async () => {
        expect(await get(`${base}/`).then((r) => [r.status, r.body])).toStrictEqual([200, UI_BODY]);
        expect(await get(`${base}/c/main/pods`).then((r) => [r.status, r.body])).toStrictEqual([200, UI_BODY]);
        if (basicAuth) expect((await request('http', nginx.port, `${base}/`, HOST)).status).toBe(401);
      });

      test('control: straight to the stand-in the metrics answer', async () => {
        expect((await request('http', standIn.port, `${base}/metrics`)).body).toContain(METRICS_MARK);
      });

      test.each(metricsSpellings(base))('%s (%s) never serves the metrics', async (_name, target) => {
        expect((await get(target)).body).not.toContain(METRICS_MARK);
      });
    });
  });
});
