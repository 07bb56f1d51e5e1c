// Issue 25, on the real Traefik (TRAEFIK_VERSION, scripts/real/traefik.js), through its Kubernetes Ingress provider:
// the sticky cookie of Headlamp's Service (Headlamp's own OIDC login with 2+ replicas) is read and set as the library
// means it, and the Service's `service.nativelb: "false"` keeps the pods as servers even when the provider sends
// every Service to its ClusterIP by default (`nativeLBByDefault`). Controls: an annotation this Traefik cannot decode
// drops the whole Service (what `service.sticky.cookie.path` does on Traefik v3.0-v3.2, and `.maxage` on v2: read from
// pkg/config/dynamic/http_config.go, Cookie, at v3.2.0 and v2.11.0 - those releases are not on the module proxy), and
// without the pin the ClusterIP is the only server, where no cookie can pin a pod.
import {
  HeadlampAuth,
  HeadlampDeployment,
  HeadlampIngress,
  IngressController,
  IngressTls,
  OidcConfig,
} from '../../lib';
import { synth, testChart } from '../helpers/synth';
import { startFakeApiServer } from './helpers/fake-api-server';
import { follow, freePort, request, Running, startHeadlampStandIn, startTraefik } from './helpers/processes';
import { UI_BODY } from './helpers/spellings';
import { cluster, configLoaded, traefikArgs } from './helpers/traefik-cluster';

const { ensureTraefik, TRAEFIK_VERSION } = require('../../scripts/real/traefik');
const { reportReal } = require('../../scripts/real/go-tools');

const HOST = 'headlamp.example.com';
const CLUSTER_IP = '10.96.0.10';

/** The library's objects: Headlamp's own OIDC login, 2 replicas, a Traefik Ingress; `edit` changes the Service. */
function objects(edit: (annotations: Record<string, string>) => void = () => undefined): any[] {
  const chart = testChart();
  const issuerUrl = 'https://dex.example.com';
  const oidc = OidcConfig.dex({ issuerUrl, clientId: 'headlamp', publicUrl: `https://${HOST}` });
  const auth = HeadlampAuth.oidc(oidc);
  const headlamp = new HeadlampDeployment(chart, 'headlamp', { replicas: 2, baseUrl: '/headlamp', auth });
  const tls = IngressTls.controllerDefaultCertificate();
  new HeadlampIngress(chart, 'ingress', { headlamp, hosts: [HOST], tls, controller: IngressController.TRAEFIK });
  const out = synth(chart);
  const service = out.find((o) => o.kind === 'Service' && o.metadata.name === 'headlamp');
  service.spec.clusterIP = CLUSTER_IP;
  edit(service.metadata.annotations);
  return out;
}

describe('sticky cookie and nativeLB on the real Traefik', () => {
  let standIn: Running;
  let bin: string;
  beforeAll(async () => {
    bin = ensureTraefik(TRAEFIK_VERSION);
    reportReal('traefik', TRAEFIK_VERSION);
    standIn = await startHeadlampStandIn('/headlamp');
  });
  afterAll(() => standIn?.stop());

  /** What one Traefik run saw: the UI reply, the Service's servers, its routers' errors, Traefik's log. */
  interface Run {
    readonly reply: { status: number; body: string; cookie?: string };
    readonly servers: string[];
    readonly errors: string[];
    readonly log: string;
  }

  /** Runs Traefik (nativeLBByDefault on) over `objs`, waiting for `routerCount` routers (and `waitForLog`). */
  async function run(objs: any[], routerCount = 1, waitForLog?: RegExp): Promise<Run> {
    const port = await freePort();
    const api = await startFakeApiServer([...objs, ...cluster(port, standIn.port)]);
    const args = [...traefikArgs(api), '--providers.kubernetesIngress.nativeLBByDefault=true'];
    const traefik = await startTraefik(bin, args, port);
    try {
      const routers = await configLoaded(traefik, routerCount, objs.filter((o) => o.kind === 'Middleware').length);
      for (let i = 0; waitForLog && !waitForLog.test(traefik.log()) && i < 100; i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      const reply = await follow('https', traefik.port, '/headlamp/', HOST);
      const services = JSON.parse((await request('http', traefik.apiPort, '/api/http/services')).body);
      const servers = services
        .filter((s: any) => s.provider === 'kubernetes')
        .flatMap((s: any) => s.loadBalancer.servers.map((x: any) => x.url));
      const cookies = ([] as string[]).concat(reply.headers['set-cookie'] ?? []);
      const cookie = cookies.find((c) => c.startsWith('headlamp-affinity='));
      const errors = routers.flatMap((r) => r.error ?? []);
      return { reply: { status: reply.status, body: reply.body, cookie }, servers, errors, log: traefik.log() };
    } finally {
      await traefik.stop();
      await api.stop();
    }
  }

  test("as synthesized: the UI loads from the pod, and the cookie has the library's attributes (path /)", async () => {
    const { reply, servers, errors } = await run(objects());
    // Twice the default session TTL (24 h): the library's max age.
    expect([reply.status, reply.body, errors]).toStrictEqual([200, UI_BODY, []]);
    expect(servers).toStrictEqual([`http://127.0.0.1:${standIn.port}`]);
    expect(reply.cookie?.replace(/=[^;]*/, '=<hash>')).toBe(
      'headlamp-affinity=<hash>; Path=/; Max-Age=172800; HttpOnly; Secure; SameSite=Lax',
    );
  });

  test('control: without the nativelb pin, nativeLBByDefault makes the ClusterIP the only server', async () => {
    const { servers } = await run(objects((a) => delete a['traefik.ingress.kubernetes.io/service.nativelb']));
    expect(servers).toStrictEqual([`http://${CLUSTER_IP}:80`]);
  });

  test('control: a sticky annotation this Traefik cannot decode drops the Service: Headlamp unreachable', async () => {
    const dropped = /Cannot create service error="field not found, node: nosuchattribute"/;
    const unknown = objects((a) => {
      a['traefik.ingress.kubernetes.io/service.sticky.cookie.nosuchattribute'] = 'x';
    });
    const { reply, servers, log } = await run(unknown, 0, dropped);
    expect(log).toMatch(dropped);
    expect([reply.status, servers]).toStrictEqual([404, []]);
  });
});
