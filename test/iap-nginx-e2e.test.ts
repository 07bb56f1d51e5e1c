// Spoofing, for real: NGINX's auth_request wired the way ingress-nginx renders the synthesized
// annotations (auth-url, auth-response-headers), a loopback stand-in for oauth2-proxy's /oauth2/auth,
// and a client that forges every identity header Headlamp trusts.
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { HeadlampAuth, HeadlampDeployment, IngressController, IngressTls, OAuth2ProxyFrontend, OAuth2ProxyMode, OAuth2ProxyProvider } from '../lib';
import { describeWithTools, get, RunningNginx, startNginx } from './helpers/nginx';
import { only, synth, testChart } from './helpers/synth';

/** The auth-response-headers annotation of a synthesized forward-auth frontend. */
function synthesizedAnnotations(): Record<string, string> {
  const chart = testChart();
  const headlamp = new HeadlampDeployment(chart, 'headlamp', { auth: HeadlampAuth.identityAwareProxy() });
  new OAuth2ProxyFrontend(chart, 'proxy', {
    headlamp, mode: OAuth2ProxyMode.FORWARD_AUTH, provider: OAuth2ProxyProvider.oidc('https://idp.example.com'),
    credentialsSecret: 'oauth2-proxy', emailDomains: ['example.com'], hosts: ['headlamp.example.com'],
    controller: IngressController.INGRESS_NGINX, tls: IngressTls.fromSecret('tls'),
  });
  return only(synth(chart), 'Ingress', 'headlamp').metadata.annotations;
}

function listen(handler: http.RequestListener): Promise<http.Server> {
  return new Promise((resolve) => {
    const server = http.createServer(handler);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

const port = (s: http.Server) => (s.address() as AddressInfo).port;

describeWithTools(['nginx'], 'forward auth through real NGINX auth_request: forged identity headers never reach Headlamp', () => {
  let nginx: RunningNginx;
  let auth: http.Server;
  let backend: http.Server;
  let forwarded: string[];

  beforeAll(async () => {
    const annotations = synthesizedAnnotations();
    forwarded = annotations['nginx.ingress.kubernetes.io/auth-response-headers'].split(',');
    // oauth2-proxy stand-in: 202 with identity headers for a session cookie, 401 otherwise. No group header for bob.
    auth = await listen((req, res) => {
      const cookie = req.headers.cookie ?? '';
      if (cookie.includes('session=alice')) {
        res.writeHead(202, {
          'X-Forwarded-User': 'alice', 'X-Forwarded-Group': 'devs', 'X-Forwarded-Email': 'alice@example.com', 'X-Forwarded-Id-Token': 'real.alice.jwt',
        });
      } else if (cookie.includes('session=bob')) {
        res.writeHead(202, { 'X-Forwarded-User': 'bob', 'X-Forwarded-Email': 'bob@example.com', 'X-Forwarded-Id-Token': 'real.bob.jwt' });
      } else {
        res.writeHead(401);
      }
      res.end();
    });
    // Headlamp stand-in: echoes the headers it receives.
    backend = await listen((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(req.headers));
    });
    // What ingress-nginx renders for auth-url + auth-response-headers (one auth_request_set/proxy_set_header pair per header).
    const perHeader = forwarded.map((h, i) =>
      `auth_request_set $authHeader${i} $upstream_http_${h.toLowerCase().replace(/-/g, '_')};\n        proxy_set_header '${h}' $authHeader${i};`).join('\n        ');
    nginx = await startNginx(`
      location = /_external-auth {
        internal;
        proxy_pass http://127.0.0.1:${port(auth)}/oauth2/auth;
        proxy_pass_request_body off;
        proxy_set_header Content-Length "";
      }
      location / {
        auth_request /_external-auth;
        ${perHeader}
        proxy_pass http://127.0.0.1:${port(backend)};
      }`, {});
  });

  afterAll(async () => {
    await nginx?.stop();
    auth?.close();
    backend?.close();
  });

  const forged = {
    'X-Forwarded-User': 'admin', 'X-Forwarded-Group': 'system:masters', 'X-Forwarded-Email': 'admin@evil.example',
    'X-Forwarded-Id-Token': 'forged.jwt',
  };

  test('the forwarded list is every header Headlamp trusts', () => {
    expect(forwarded).toStrictEqual(['X-Forwarded-User', 'X-Forwarded-Group', 'X-Forwarded-Email', 'X-Forwarded-Id-Token']);
  });

  test('forged headers are replaced by the auth response', async () => {
    const reply = await get(nginx.port, '/api', { ...forged, Cookie: 'session=alice' });
    expect(reply.status).toBe(200);
    const seen = JSON.parse(reply.body);
    expect([seen['x-forwarded-user'], seen['x-forwarded-group'], seen['x-forwarded-email'], seen['x-forwarded-id-token']])
      .toStrictEqual(['alice', 'devs', 'alice@example.com', 'real.alice.jwt']);
  });

  test('a forged header the auth response lacks is removed, not passed through', async () => {
    const seen = JSON.parse((await get(nginx.port, '/api', { ...forged, Cookie: 'session=bob' })).body);
    expect(seen['x-forwarded-group']).toBeUndefined();
    expect(seen['x-forwarded-user']).toBe('bob');
  });

  test('without a session the request never reaches Headlamp', async () => {
    expect((await get(nginx.port, '/api', forged)).status).toBe(401);
  });

  test('control: a header NOT in the list passes through untouched (why every trusted header must be listed)', async () => {
    const seen = JSON.parse((await get(nginx.port, '/api', { 'X-Remote-User': 'admin', Cookie: 'session=alice' })).body);
    expect(seen['x-remote-user']).toBe('admin');
  });
});
