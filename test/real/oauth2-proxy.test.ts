// oauth2-proxy for real (built from its Go module: the version the library's image pins, and v7.15.6), with the
// exact args, env and alpha config the library renders for OAuth2ProxyFrontend, behind a real NGINX configured as
// ingress-nginx renders the library's Ingresses
// (test/helpers/ingress-nginx.ts), an OIDC issuer on loopback (the oauth2-proxy project's mockoidc,
// test/real/oidc-issuer) and a Headlamp stand-in that records the headers it receives. A browser-shaped client
// signs in, reaches Headlamp, gets its session cookie refreshed, signs out; forged identity headers never arrive
// as sent; in reverse-proxy mode the file:// upstream answers 404 for <base-url>/metrics after sign-in.
//
// Substituted in what the library renders, and nothing else (see `substituteArgs`, `substituteEnv`, `alphaConfig`):
// - in-cluster addresses: --http-address / alpha `server.bindAddress` -> 127.0.0.1:<free port>; --upstream
//   http://headlamp.headlamp.svc.cluster.local:80/ -> the stand-in on loopback; --alpha-config's mount path -> a
//   temp file; the Ingresses' Service backends and auth-url -> loopback (test/helpers/ingress-nginx.ts);
// - the identity provider: --oidc-issuer-url / alpha `oidcConfig.issuerURL` -> the loopback issuer;
// - test secrets for the Secret's client-secret and cookie-secret (env valueFrom.secretKeyRef);
// - --cookie-refresh (48 min / 1 h as rendered) -> 2s, so the refresh can be seen without waiting an hour;
// - TLS: NGINX listens on plain loopback http and passes X-Forwarded-Proto https (ingress-nginx behind TLS); the
//   client keeps https://headlamp.example.com as the page's origin, so Secure cookies behave as in a browser.
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import {
  HeadlampDeployment,
  HeadlampMetrics,
  IngressController,
  IngressTls,
  OAuth2ProxyFrontend,
  OAuth2ProxyMode,
  OAuth2ProxyProvider,
  PrometheusPeer,
} from '../../lib';
import { OAUTH2_PROXY_VERSION } from '../../lib/routes/oauth2-proxy/props';
import { ingressNginxServer } from '../helpers/ingress-nginx';
import { get, missingTools, RunningNginx, startNginx, toolsVerdict } from '../helpers/nginx';
import { only, synth, synthExample, testChart } from '../helpers/synth';
import { Browser } from './helpers/browser';

const { ensureGoInstall, ensureGoProgram, reportReal } = require('../../scripts/real/go-tools.js');

/** The version the library's image pins (OAUTH2_PROXY_VERSION) and the newest the module proxy serves. */
const VERSIONS = [...new Set([`v${OAUTH2_PROXY_VERSION}`, 'v7.15.6'])];
const build = (version: string) => ({
  name: 'oauth2-proxy',
  pkg: 'github.com/oauth2-proxy/oauth2-proxy/v7',
  version,
  binary: 'oauth2-proxy',
});
const HOST = 'headlamp.example.com';
const ORIGIN = `https://${HOST}`;
const CLIENT_SECRET = 'test-client-secret-not-real';
const COOKIE_SECRET = Buffer.alloc(32, 7).toString('base64url');
const METRICS_BODY = 'headlamp_http_requests_total 7\n';
const MODULES = ['ndk_http_module', 'ngx_http_set_misc_module'];

/** Every identity header a client could forge, with the forged value. */
const FORGED: Record<string, string> = {
  'X-Forwarded-User': 'admin',
  'X-Forwarded-Email': 'admin@evil.example',
  'X-Forwarded-Groups': 'system:masters',
  'X-Forwarded-Group': 'system:masters',
  'X-Forwarded-Preferred-Username': 'admin',
  'X-Forwarded-Id-Token': 'forged.id.token',
  'X-Forwarded-Access-Token': 'forged.access.token',
  'X-Auth-Request-User': 'admin',
  'X-Auth-Request-Email': 'admin@evil.example',
  'X-Auth-Request-Groups': 'system:masters',
  'X-Auth-Request-Preferred-Username': 'admin',
  'X-Auth-Request-Access-Token': 'forged',
  Authorization: 'Bearer forged.jwt.token',
  'Impersonate-User': 'admin',
  'Impersonate-Group': 'system:masters',
  'Impersonate-Uid': '0',
  'Impersonate-Extra-Scopes': 'all',
  'X-Remote-User': 'admin',
  'X-Remote-Group': 'system:masters',
};

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** A process of ours; its output is kept for the failure message. */
class Proc {
  readonly log: string[] = [];
  private readonly child: ChildProcess;
  constructor(bin: string, args: string[], env: Record<string, string>) {
    this.child = spawn(bin, args, { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (d) => this.log.push(String(d)));
    this.child.stderr!.on('data', (d) => this.log.push(String(d)));
  }
  async firstLine(): Promise<string> {
    for (let i = 0; i < 500; i++) {
      const text = this.log.join('');
      if (text.includes('\n')) return text.split('\n')[0];
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no output: ${this.log.join('')}`);
  }
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
  }
}

async function waitFor(url: string, proc: Proc): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      http
        .get(url, (res) => {
          res.resume();
          resolve(res.statusCode === 200);
        })
        .on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${url} never answered 200: ${proc.log.join('').slice(-2000)}`);
}

/** Headlamp stand-in: `<base>/metrics` serves metrics (Headlamp's router: decoded path); the rest records headers. */
function headlampStandIn(base: string, seen: http.IncomingHttpHeaders[], paths: string[]): Promise<http.Server> {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      const p = decodeURIComponent(new URL(req.url!, 'http://x').pathname);
      paths.push(p);
      seen.push(req.headers);
      res.writeHead(200, { 'Content-Type': p === `${base}/metrics` ? 'text/plain' : 'text/html' });
      res.end(p === `${base}/metrics` ? METRICS_BODY : '<html>headlamp-ui</html>');
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** The container args with in-cluster addresses, the issuer and the refresh period substituted (nothing else). */
function substituteArgs(args: string[], s: { port: number; issuer: string; alphaConfig: string }): string[] {
  return args.map((a) => {
    if (a.startsWith('--http-address=')) return `--http-address=127.0.0.1:${s.port}`;
    if (a.startsWith('--oidc-issuer-url=')) return `--oidc-issuer-url=${s.issuer}`;
    if (a.startsWith('--alpha-config=')) return `--alpha-config=${s.alphaConfig}`;
    if (a.startsWith('--cookie-refresh=')) return '--cookie-refresh=2s';
    return a;
  });
}

/** The container env: values as rendered, the Secret's keys as test secrets. */
function substituteEnv(env: any[]): Record<string, string> {
  const secrets: Record<string, string> = { 'client-secret': CLIENT_SECRET, 'cookie-secret': COOKIE_SECRET };
  return Object.fromEntries(env.map((e) => [e.name, e.value ?? secrets[e.valueFrom.secretKeyRef.key]]));
}

/** The alpha config as rendered, with bindAddress, issuerURL and Headlamp's Service upstream on loopback. */
function alphaConfig(yaml: string, s: { port: number; issuer: string; headlamp: string }): string {
  const c = parse(yaml);
  c.server.bindAddress = `127.0.0.1:${s.port}`;
  for (const p of c.providers) if (p.oidcConfig) p.oidcConfig.issuerURL = s.issuer;
  for (const u of c.upstreamConfig.upstreams) {
    if (u.uri === 'http://headlamp.headlamp.svc.cluster.local:80/') u.uri = `${s.headlamp}/`;
  }
  return stringify(c);
}

/** The reverse-proxy frontend of examples/oauth2-proxy-frontend.ts, on ingress-nginx, with metrics on. */
function reverseProxyOnNginx(): any[] {
  const chart = testChart();
  const headlamp = new HeadlampDeployment(chart, 'headlamp', {
    metrics: HeadlampMetrics.podMonitor({ prometheus: PrometheusPeer.operator('monitoring', 'k8s') }),
  });
  new OAuth2ProxyFrontend(chart, 'oauth2-proxy', {
    headlamp,
    mode: OAuth2ProxyMode.REVERSE_PROXY,
    provider: OAuth2ProxyProvider.entraId('11111111-2222-3333-4444-555555555555'),
    credentialsSecret: 'headlamp-oauth2-proxy',
    clientId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
    emailDomains: ['example.com'],
    hosts: [HOST],
    controller: IngressController.INGRESS_NGINX,
    tls: IngressTls.certManager('letsencrypt'),
    replicas: 2,
  });
  return synth(chart);
}

const container = (objects: any[]) =>
  only(objects, 'Deployment', 'headlamp-oauth2-proxy').spec.template.spec.containers[0];

interface Topology {
  readonly name: string;
  /** The synthesized objects oauth2-proxy and NGINX are started from. */
  objects(): any[];
  /** The signed-in user's ID token claims at the issuer. */
  readonly claims: Record<string, unknown>;
  /** What Headlamp must receive for that user (header -> value, or a predicate). */
  readonly identity: Record<string, string | RegExp>;
  readonly metrics: boolean;
  /** Forged headers Headlamp (in this topology's mode) or the API server behind it acts on: none may arrive as sent. */
  readonly actedOn: string[];
  /**
   * Forged headers that still arrive as sent: Headlamp in this mode reads none of them. Listed so a change is seen.
   */
  readonly passThrough: string[];
}

/** Headers no Headlamp mode reads (its -proxy-auth-* flags name others) and the API server ignores from Headlamp. */
const INERT = [
  'X-Forwarded-Access-Token',
  'X-Auth-Request-User',
  'X-Auth-Request-Email',
  'X-Auth-Request-Groups',
  'X-Auth-Request-Preferred-Username',
  'X-Auth-Request-Access-Token',
  'X-Remote-User',
  'X-Remote-Group',
  // Meaningless without Impersonate-User (k8s.io/apiserver pkg/endpoints/filters/impersonation.go refuses it alone).
  'Impersonate-Extra-Scopes',
];

const TOPOLOGIES: Topology[] = [
  {
    name: 'reverse proxy (examples/oauth2-proxy-frontend.ts args, on ingress-nginx, metrics on)',
    objects: reverseProxyOnNginx,
    claims: {
      sub: 'alice-sub',
      oid: '0a0a0a0a-0000-0000-0000-000000000001',
      tid: '11111111-2222-3333-4444-555555555555',
      email: 'alice@example.com',
      email_verified: true,
      preferred_username: 'alice@example.com',
      groups: ['99999999-8888-7777-6666-555555555555'],
    },
    identity: { authorization: /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/, 'x-forwarded-email': 'alice@example.com' },
    metrics: true,
    // Headlamp in token mode: the Authorization oauth2-proxy sets; the user headers it sets replace the client's too;
    // the impersonation headers Headlamp passes on to the API server, stripped by the alpha config's request headers.
    actedOn: [
      'Authorization',
      'X-Forwarded-User',
      'X-Forwarded-Email',
      'X-Forwarded-Groups',
      'X-Forwarded-Preferred-Username',
      'Impersonate-User',
      'Impersonate-Group',
      'Impersonate-Uid',
    ],
    passThrough: [...INERT, 'X-Forwarded-Group', 'X-Forwarded-Id-Token'],
  },
  {
    name: 'forward auth (examples/iap-nginx.ts)',
    objects: () => synthExample('iap-nginx').objects,
    claims: {
      sub: 'dev-sub',
      email: 'dev@example.com',
      email_verified: true,
      preferred_username: 'dev',
      groups: ['developers'],
    },
    identity: {
      'x-forwarded-user': 'dev',
      'x-forwarded-group': 'developers',
      'x-forwarded-email': 'dev@example.com',
      'x-forwarded-id-token': /^[\w-]+\.[\w-]+\.[\w-]+$/,
    },
    metrics: false,
    // Headlamp -proxy-auth: its four headers; and the credentials it passes on to the API server.
    actedOn: [
      'X-Forwarded-User',
      'X-Forwarded-Group',
      'X-Forwarded-Email',
      'X-Forwarded-Id-Token',
      'Authorization',
      'Impersonate-User',
      'Impersonate-Group',
      'Impersonate-Uid',
    ],
    passThrough: [...INERT, 'X-Forwarded-Groups', 'X-Forwarded-Preferred-Username'],
  },
];

const verdict = toolsVerdict(missingTools(['nginx'], MODULES));

describe.each(VERSIONS.flatMap((version) => TOPOLOGIES.map((topology) => ({ version, topology }))))(
  'oauth2-proxy $version for real: $topology.name',
  ({ version, topology }) => {
    if (verdict.kind !== 'run') {
      test(verdict.title, () => {
        throw new Error(verdict.message);
      });
      return;
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'o2p-'));
    const seen: http.IncomingHttpHeaders[] = [];
    const paths: string[] = [];
    let issuer: Proc;
    let proxy: Proc;
    let headlamp: http.Server;
    let nginx: RunningNginx;
    let browser: Browser;
    let objects: any[];
    let proxyPort: number;

    beforeAll(async () => {
      const bin = ensureGoInstall(build(version));
      const issuerBin = ensureGoProgram({ name: 'oidc-issuer', srcDir: path.join(__dirname, 'oidc-issuer') });
      reportReal('oauth2-proxy', version);
      reportReal('github.com/oauth2-proxy/mockoidc', 'v0.0.0-20261103160011-e06ed0b7cb7f');
      objects = topology.objects();
      const c = container(objects);
      const env = substituteEnv(c.env);
      issuer = new Proc(
        issuerBin,
        [
          '-client-id',
          env.OAUTH2_PROXY_CLIENT_ID,
          '-client-secret',
          CLIENT_SECRET,
          '-claims',
          JSON.stringify(topology.claims),
        ],
        {},
      );
      const issuerUrl = JSON.parse(await issuer.firstLine()).issuer;
      headlamp = await headlampStandIn('', seen, paths);
      proxyPort = await freePort();
      const cm = only(objects, 'ConfigMap', 'headlamp-oauth2-proxy');
      const alphaFile = path.join(dir, 'alpha-config.yaml');
      const headlampUrl = `http://127.0.0.1:${(headlamp.address() as net.AddressInfo).port}`;
      const loopback = { port: proxyPort, issuer: issuerUrl, headlamp: headlampUrl };
      fs.writeFileSync(alphaFile, alphaConfig(cm.data['alpha-config.yaml'], loopback));
      const args = substituteArgs(c.args, { port: proxyPort, issuer: issuerUrl, alphaConfig: alphaFile });
      proxy = new Proc(bin, args, env);
      await waitFor(`http://127.0.0.1:${proxyPort}/ping`, proxy);
      const proxyUrl = `http://127.0.0.1:${proxyPort}`;
      const ingresses = objects.filter((o) => o.kind === 'Ingress');
      nginx = await startNginx(
        ingressNginxServer(ingresses, {
          // Any other Service (the metrics block's) has no endpoints: 503, as ingress-nginx's balancer.lua answers.
          service: (name) => ({ 'headlamp-oauth2-proxy': proxyUrl, headlamp: headlampUrl })[name],
          authUrl: (url) => `${proxyUrl}${new URL(url).pathname}`,
        }),
        {},
        MODULES,
      );
      browser = new Browser({ [HOST]: nginx.port });
    });

    afterAll(async () => {
      await nginx?.stop();
      await proxy?.stop();
      await issuer?.stop();
      headlamp?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const logs = () => `oauth2-proxy:\n${proxy.log.join('').slice(-3000)}`;

    test('signs in through the identity provider and reaches Headlamp with the identity', async () => {
      const page = await browser.get(`${ORIGIN}/`);
      expect([page.status, page.body, page.trail.length > 2]).toStrictEqual([200, '<html>headlamp-ui</html>', true]);
      expect(browser.cookies(HOST)).toHaveProperty('_oauth2_proxy');
      const got = seen[seen.length - 1];
      for (const [h, want] of Object.entries(topology.identity)) {
        expect([h, got[h]]).toStrictEqual([h, typeof want === 'string' ? want : expect.stringMatching(want)]);
      }
    });

    test('forged headers Headlamp or the API server acts on never arrive as sent; the rest are inert here', async () => {
      const before = seen.length;
      const page = await browser.get(`${ORIGIN}/api`, FORGED);
      expect([page.status, logs()]).toStrictEqual([200, expect.any(String)]);
      const got = seen.slice(before).pop()!;
      const arrived = Object.entries(FORGED)
        .filter(([h, v]) => got[h.toLowerCase()] === v)
        .map(([h]) => h);
      expect(arrived.filter((h) => topology.actedOn.includes(h))).toStrictEqual([]);
      expect(arrived.sort()).toStrictEqual([...topology.passThrough].sort());
      expect([...topology.actedOn, ...topology.passThrough].sort()).toStrictEqual(Object.keys(FORGED).sort());
      // Stripped, not replaced: Headlamp passes any Impersonate-* on to the API server.
      const impersonation = ['Impersonate-User', 'Impersonate-Group', 'Impersonate-Uid'];
      expect(impersonation.filter((h) => got[h.toLowerCase()] !== undefined)).toStrictEqual([]);
    });

    if (topology.metrics) {
      test('<base-url>/metrics signed in: 503 at the block (no endpoints), 404 from the file:// upstream', async () => {
        const cookie = Object.entries(browser.cookies(HOST))
          .map(([k, v]) => `${k}=${v}`)
          .join('; ');
        for (const spelling of ['/metrics', '/metrics?x=1', '/%6detrics']) {
          const page = await browser.get(`${ORIGIN}${spelling}`);
          expect([spelling, page.status, page.body.includes(METRICS_BODY)]).toStrictEqual([spelling, 503, false]);
          // Without the block (deleted, or another controller serving the class), oauth2-proxy itself refuses.
          const direct = await get(proxyPort, spelling, { Host: HOST, Cookie: cookie });
          expect([spelling, direct.status, direct.body.includes(METRICS_BODY)]).toStrictEqual([spelling, 404, false]);
        }
        // Control: the same session reaches Headlamp's UI straight through oauth2-proxy.
        expect((await get(proxyPort, '/', { Host: HOST, Cookie: cookie })).status).toBe(200);
        expect(paths.filter((p) => p.endsWith('/metrics'))).toStrictEqual([]);
      });
    }

    test('the session cookie is refreshed once older than --cookie-refresh, and the user stays signed in', async () => {
      const before = browser.cookies(HOST)._oauth2_proxy;
      const grants = () =>
        issuer.log
          .join('')
          .split('\n')
          .filter((l) => l.startsWith('{"grant"'));
      expect(grants()).not.toContain('{"grant":"refresh_token"}');
      await new Promise((r) => setTimeout(r, 3000));
      const page = await browser.get(`${ORIGIN}/`, {}, false);
      expect([page.status, logs()]).toStrictEqual([200, expect.any(String)]);
      // oauth2-proxy redeemed its refresh token at the identity provider (pkg/middleware/stored_session.go).
      expect(grants()).toContain('{"grant":"refresh_token"}');
      expect(page.headers['set-cookie']?.some((c) => c.startsWith('_oauth2_proxy='))).toBe(true);
      expect(browser.cookies(HOST)._oauth2_proxy).not.toBe(before);
    });

    test('signs out: the cookie is cleared and Headlamp is out of reach until the next sign-in', async () => {
      await browser.get(`${ORIGIN}/oauth2/sign_out`, {}, false);
      expect(browser.cookies(HOST)).not.toHaveProperty('_oauth2_proxy');
      const before = seen.length;
      const page = await browser.get(`${ORIGIN}/`, {}, false);
      expect(page.status).toBe(302);
      expect(seen.length).toBe(before);
    });
  },
);

test("the reverse-proxy run is examples/oauth2-proxy-frontend.ts's container and alpha config, plus the metrics upstream", () => {
  const example = synthExample('oauth2-proxy-frontend').objects;
  const run = reverseProxyOnNginx();
  expect([container(run).env, container(run).args]).toStrictEqual([container(example).env, container(example).args]);
  const alpha = (objects: any[]) =>
    parse(only(objects, 'ConfigMap', 'headlamp-oauth2-proxy').data['alpha-config.yaml']);
  const [want, got] = [alpha(example), alpha(run)];
  expect(got.upstreamConfig.upstreams).toStrictEqual([
    ...want.upstreamConfig.upstreams,
    { id: 'metrics-refused', path: '/metrics', uri: 'file:///etc/oauth2-proxy/metrics-refused' },
  ]);
  expect({ ...got, upstreamConfig: undefined }).toStrictEqual({ ...want, upstreamConfig: undefined });
});
