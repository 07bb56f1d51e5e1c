/**
 * A real NGINX on 127.0.0.1 for end-to-end tests. `.ci/run` installs Debian's nginx; locally, a missing
 * nginx skips with a visible message, in CI it fails.
 */
import { execFileSync, spawn, ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** Path of a command on PATH (or /usr/sbin), or undefined. */
export function which(cmd: string): string | undefined {
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/sbin']) {
    const file = path.join(dir, cmd);
    if (dir && fs.existsSync(file)) return file;
  }
  return undefined;
}

/**
 * `describe` when all `commands` exist; otherwise fails in CI and skips locally, saying why.
 */
export function describeWithTools(commands: string[], name: string, fn: () => void): void {
  const missing = commands.filter((c) => !which(c));
  if (missing.length === 0) {
    describe(name, fn);
  } else if (process.env.CI) {
    describe(name, () => {
      test(`needs ${missing.join(', ')}`, () => {
        throw new Error(`${missing.join(', ')} not installed: .ci/run must install them (apt-get install nginx apache2-utils)`);
      });
    });
  } else {
    // eslint-disable-next-line no-console
    console.warn(`SKIPPED "${name}": ${missing.join(', ')} not installed (apt-get install nginx apache2-utils). CI runs it.`);
    describe.skip(name, fn);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** A running nginx; `stop()` ends it and removes its files. */
export interface RunningNginx {
  readonly port: number;
  readonly dir: string;
  stop(): Promise<void>;
}

/**
 * Starts nginx in the foreground with `serverBlock` inside `http { server { listen ...; <serverBlock> } }`.
 * `files` are written to its directory first (readable by the worker user); `{{dir}}` in the block is that directory.
 */
export async function startNginx(serverBlock: string, files: Record<string, string>, modules: string[] = []): Promise<RunningNginx> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nginx-'));
  fs.chmodSync(dir, 0o755);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
    fs.writeFileSync(file, content, { mode: 0o644 });
  }
  const port = await freePort();
  const conf = `
${modules.map((m) => `load_module ${dynamicModule(m)};`).join('\n')}
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp-body;
  proxy_temp_path ${dir}/tmp-proxy;
  fastcgi_temp_path ${dir}/tmp-fcgi;
  uwsgi_temp_path ${dir}/tmp-uwsgi;
  scgi_temp_path ${dir}/tmp-scgi;
  server {
    listen 127.0.0.1:${port};
    ${serverBlock.split('{{dir}}').join(dir)}
  }
}`;
  fs.writeFileSync(path.join(dir, 'nginx.conf'), conf);
  const nginx = which('nginx')!;
  execFileSync(nginx, ['-t', '-q', '-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'pipe' });
  const proc: ChildProcess = spawn(nginx, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if (await canConnect(port)) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    port,
    dir,
    stop: async () => {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGQUIT');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Debian's dynamic nginx modules (e.g. `ngx_http_set_misc_module`, from libnginx-mod-http-set-misc). */
const MODULE_DIR = '/usr/lib/nginx/modules';

/** Path of a dynamic module; a missing one fails with the package that provides it. */
function dynamicModule(name: string): string {
  const file = path.join(MODULE_DIR, `${name}.so`);
  if (!fs.existsSync(file)) {
    throw new Error(`${file} missing: .ci/run must install it (apt-get install libnginx-mod-http-set-misc)`);
  }
  return file;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

/** Response status, headers and body of a GET on loopback. */
export interface Reply {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** GET `path` on 127.0.0.1:`port` with `headers`. */
export function get(port: number, urlPath: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
}

/** `Authorization: Basic ...` for user and password. */
export function basic(user: string, password: string): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
}
