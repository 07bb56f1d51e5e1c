/**
 * The programs the real-component suites start on loopback: the Headlamp stand-in (test/real/headlamp-standin, Go,
 * gorilla/mux as Headlamp v0.45.0 routes) and Traefik built from its Go module, each stopped by the suite that
 * started it; and a raw HTTP client that sends a request target byte for byte (no normalization) and follows
 * redirects the way a browser does.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

const goTools = require('../../../scripts/real/go-tools');

/** A started program: its port and how to stop it. */
export interface Running {
  readonly port: number;
  readonly log: () => string;
  stop(): Promise<void>;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

/** Starts the Headlamp stand-in at `baseUrl` (metrics on); resolves once it listens. */
export function startHeadlampStandIn(baseUrl: string): Promise<Running> {
  const srcDir = path.join(__dirname, '..', 'headlamp-standin');
  const bin = goTools.ensureGoProgram({ name: 'headlamp-standin', srcDir });
  const child = spawn(bin, ['-base-url', baseUrl], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (c) => {
      out += c;
      const m = /listening (\d+)/.exec(out);
      if (m) resolve({ port: Number(m[1]), log: () => out, stop: stopper(child) });
    });
    child.stderr!.on('data', (c) => {
      out += c;
    });
    child.once('exit', (code) => reject(new Error(`headlamp stand-in exited (${code}): ${out}`)));
  });
}

/** A free loopback port (closed again before it is used: good enough on one machine's loopback). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts `bin` (Traefik) with `args` plus one entry point `web` on `port` and its API on a free port; resolves
 * when its API answers.
 */
export async function startTraefik(bin: string, args: string[], port: number): Promise<Running & { apiPort: number }> {
  const apiPort = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'traefik-'));
  const logFile = path.join(dir, 'traefik.log');
  const child = spawn(
    bin,
    [
      `--entryPoints.web.address=127.0.0.1:${port}`,
      `--entryPoints.traefik.address=127.0.0.1:${apiPort}`,
      '--api.insecure=true',
      '--log.level=DEBUG',
      `--log.filePath=${logFile}`,
      '--global.checkNewVersion=false',
      '--global.sendAnonymousUsage=false',
      ...args,
    ],
    { stdio: 'ignore' },
  );
  const log = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');
  const running = { port, apiPort, log, stop: stopper(child) };
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`traefik exited (${child.exitCode}): ${log().slice(-2000)}`);
    if ((await request('http', apiPort, '/api/version').catch(() => undefined))?.status === 200) return running;
    await new Promise((r) => setTimeout(r, 100));
  }
  await running.stop();
  throw new Error(`traefik did not start: ${log().slice(-2000)}`);
}

/** One response. */
export interface Reply {
  readonly status: number;
  readonly body: string;
  readonly headers: http.IncomingHttpHeaders;
}

/** Sends `GET <target>` exactly as written (no normalization) to 127.0.0.1:`port`, Host `host`, over `scheme`. */
export function request(
  scheme: 'http' | 'https',
  port: number,
  target: string,
  host = 'localhost',
  headers: Record<string, string> = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const mod = scheme === 'https' ? https : http;
    const req = mod.request(
      {
        host: '127.0.0.1',
        port,
        path: target,
        method: 'GET',
        headers: { Host: host, ...headers },
        servername: host,
        rejectUnauthorized: false,
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`timeout on ${target}`)));
    req.end();
  });
}

/** `request`, following up to 5 redirects to the same host (a browser would), returning the last reply. */
export async function follow(
  scheme: 'http' | 'https',
  port: number,
  target: string,
  host: string,
  headers: Record<string, string> = {},
): Promise<Reply> {
  let reply = await request(scheme, port, target, host, headers);
  for (let i = 0; i < 5 && reply.status >= 300 && reply.status < 400 && reply.headers.location; i++) {
    const next = new URL(reply.headers.location, `${scheme}://${host}/`);
    reply = await request(scheme, port, `${next.pathname}${next.search}`, host, headers);
  }
  return reply;
}
