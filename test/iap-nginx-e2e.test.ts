// Spoofing, for real: NGINX's auth_request wired the way ingress-nginx renders the synthesized
// annotations (auth-url, auth-response-headers), a loopback stand-in for oauth2-proxy's /oauth2/auth,
// and a client that forges every identity header Headlamp trusts.
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import {
  HeadlampAuth,
  HeadlampDeployment,
  IngressController,
  IngressTls,
  OAuth2ProxyFrontend,
  OAuth2ProxyMode,
  OAuth2ProxyProvider,
} from '../lib';
import { ingressNginxServer } from './helpers/ingress-nginx';
import { describeWithTools, get, RunningNginx, startNginx } from './helpers/nginx';
import { only, synth, testChart } from './helpers/synth';

/** The Headlamp Ingress of a synthesized forward-auth frontend (auth-url, auth-signin, auth-response-headers). */
function synthesizedIngress(): any {
  const chart = testChart();
  const headlamp = new HeadlampDeployment(chart, 'headlamp', { auth: HeadlampAuth.identityAwareProxy() });
  new OAuth2ProxyFrontend(chart, 'proxy', {
    headlamp,
    mode: OAuth2ProxyMode.FORWARD_AUTH,
    provider: OAuth2ProxyProvider.oidc('https://idp.example.com'),
    credentialsSecret: 'oauth2-proxy',
    emailDomains: ['example.com'],
    hosts: ['headlamp.example.com'],
    controller: IngressController.INGRESS_NGINX,
    tls: IngressTls.fromSecret('tls'),
  });
  return only(synth(chart), 'Ingress', 'headlamp');
}

function listen(handler: http.RequestListener): Promise<http.Server> {
  return new Promise((resolve) => {
    const server = http.createServer(handler);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

const port = (s: http.Server) => (s.address() as AddressInfo).port;

const MODULES = ['ndk_http_module', 'ngx_http_set_misc_module'];

describeWithTools(
  ['nginx'],
  'forward auth through real NGINX auth_request: forged identity headers never reach Headlamp',
  () => {
    let nginx: RunningNginx;
    let auth: http.Server;
    let backend: http.Server;
    let forwarded: string[];

    beforeAll(async () => {
      const ingress = synthesizedIngress();
      const annotations = ingress.metadata.annotations;
      forwarded = annotations['nginx.ingress.kubernetes.io/auth-response-headers'].split(',');
      // oauth2-proxy stand-in: 202 with identity headers for a session cookie, 401 otherwise. No group header for bob.
      // A session due for refresh gets a new cookie on the auth response, as oauth2-proxy's /oauth2/auth does.
      auth = await listen((req, res) => {
        const cookie = req.headers.cookie ?? '';
        if (cookie.includes('session=carol-due')) {
          res.writeHead(202, {
            'X-Forwarded-User': 'carol',
            'X-Forwarded-Email': 'carol@example.com',
            'X-Forwarded-Id-Token': 'fresh.carol.jwt',
            'Set-Cookie': '_oauth2_proxy=refreshed-carol; Path=/; HttpOnly; Secure; SameSite=Lax',
          });
        } else if (cookie.includes('session=alice')) {
          res.writeHead(202, {
            'X-Forwarded-User': 'alice',
            'X-Forwarded-Group': 'devs',
            'X-Forwarded-Email': 'alice@example.com',
            'X-Forwarded-Id-Token': 'real.alice.jwt',
          });
        } else if (cookie.includes('session=bob')) {
          res.writeHead(202, {
            'X-Forwarded-User': 'bob',
            'X-Forwarded-Email': 'bob@example.com',
            'X-Forwarded-Id-Token': 'real.bob.jwt',
          });
        } else {
          res.writeHead(401);
        }
        res.end();
      });
      // Headlamp stand-in: echoes the headers it receives; /forbidden answers 403 like an API call a view user may not make.
      backend = await listen((req, res) => {
        res.writeHead(req.url === '/forbidden' ? 403 : 200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(req.headers));
      });
      nginx = await startNginx(
        ingressNginxServer([ingress], {
          service: () => `http://127.0.0.1:${port(backend)}`,
          authUrl: () => `http://127.0.0.1:${port(auth)}/oauth2/auth`,
        }),
        {},
        MODULES,
      );
    });

    afterAll(async () => {
      await nginx?.stop();
      auth?.close();
      backend?.close();
    });

    const forged = {
      'X-Forwarded-User': 'admin',
      'X-Forwarded-Group': 'system:masters',
      'X-Forwarded-Email': 'admin@evil.example',
      'X-Forwarded-Id-Token': 'forged.jwt',
      Authorization: 'Bearer forged.jwt',
      'Impersonate-User': 'admin',
    };

    test('the forwarded list: every header Headlamp trusts, and the credentials it passes to the API server', () => {
      expect(forwarded).toStrictEqual([
        'X-Forwarded-User',
        'X-Forwarded-Group',
        'X-Forwarded-Email',
        'X-Forwarded-Id-Token',
        'Authorization',
        'Impersonate-User',
        'Impersonate-Group',
        'Impersonate-Uid',
      ]);
    });

    test('forged headers are replaced by the auth response', async () => {
      const reply = await get(nginx.port, '/api', { ...forged, Cookie: 'session=alice' });
      expect(reply.status).toBe(200);
      const seen = JSON.parse(reply.body);
      expect([
        seen['x-forwarded-user'],
        seen['x-forwarded-group'],
        seen['x-forwarded-email'],
        seen['x-forwarded-id-token'],
      ]).toStrictEqual(['alice', 'devs', 'alice@example.com', 'real.alice.jwt']);
    });

    test('a forged header the auth response lacks is removed, not passed through', async () => {
      const seen = JSON.parse((await get(nginx.port, '/api', { ...forged, Cookie: 'session=bob' })).body);
      expect(seen['x-forwarded-group']).toBeUndefined();
      expect(seen['x-forwarded-user']).toBe('bob');
      // A client's own credentials never reach Headlamp beside the proxy's identity (it passes them to the API server).
      expect([seen.authorization, seen['impersonate-user']]).toStrictEqual([undefined, undefined]);
    });

    test('without a session the request never reaches Headlamp: 302 to oauth2-proxy sign-in with the escaped request URI', async () => {
      const reply = await get(nginx.port, '/api/v1/pods?watch=1', forged);
      expect(reply.status).toBe(302);
      expect(reply.headers.location).toBe(
        'https://headlamp.example.com/oauth2/start?rd=%2Fapi%2Fv1%2Fpods%3Fwatch%3D1',
      );
      expect(reply.body).not.toContain('x-forwarded');
    });

    test("a refreshed session cookie from the auth subrequest reaches the browser, on Headlamp's 200 and its 403", async () => {
      for (const [path, status] of [
        ['/api', 200],
        ['/forbidden', 403],
      ] as const) {
        const reply = await get(nginx.port, path, { Cookie: 'session=carol-due' });
        expect([path, reply.status]).toEqual([path, status]);
        expect([path, reply.headers['set-cookie']]).toEqual([
          path,
          ['_oauth2_proxy=refreshed-carol; Path=/; HttpOnly; Secure; SameSite=Lax'],
        ]);
      }
      // No refresh due: no Set-Cookie at all (an empty $auth_cookie adds no header).
      expect((await get(nginx.port, '/api', { Cookie: 'session=alice' })).headers['set-cookie']).toBeUndefined();
    });

    test('control: a header NOT in the list passes through untouched (why every trusted header must be listed)', async () => {
      const seen = JSON.parse(
        (await get(nginx.port, '/api', { 'X-Remote-User': 'admin', Cookie: 'session=alice' })).body,
      );
      expect(seen['x-remote-user']).toBe('admin');
    });
  },
  MODULES,
);
