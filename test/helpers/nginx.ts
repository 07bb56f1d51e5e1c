/**
 * A real NGINX on 127.0.0.1 for end-to-end tests. `.ci/run` installs Debian's nginx; locally, a missing
 * nginx (or htpasswd, or the set-misc module) skips with a test named SKIPPED and a warning; in CI it fails.
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

/** The Debian packages that give every end-to-end suite what it needs (`.ci/run` installs them). */
export const E2E_PACKAGES = ['nginx', 'apache2-utils', 'libnginx-mod-http-set-misc'];

/** Whether `env` says this is CI: `CI` set to anything but '', '0' or 'false'. */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return !!env.CI && !/^(0|false)$/i.test(env.CI.trim());
}

/** What to do with a suite whose prerequisites are `missing`: run it, fail it (CI), or skip it visibly. */
export type ToolsVerdict =
  { readonly kind: 'run' } | { readonly kind: 'fail' | 'skip'; readonly title: string; readonly message: string };

/** The verdict for a suite (pure, for tests): in CI a missing prerequisite fails, elsewhere it skips, saying so in the test's name. */
export function toolsVerdict(missing: readonly string[], env: NodeJS.ProcessEnv = process.env): ToolsVerdict {
  if (missing.length === 0) return { kind: 'run' };
  const install = `install ${E2E_PACKAGES.join(', ')} (apt-get install ${E2E_PACKAGES.join(' ')})`;
  if (isCi(env)) {
    return {
      kind: 'fail',
      title: `needs ${missing.join(', ')}`,
      message: `${missing.join(', ')} not installed, and CI=${env.CI}: end-to-end suites never skip in CI; ${install}`,
    };
  }
  return {
    kind: 'skip',
    title: `SKIPPED: ${missing.join(', ')} not installed — install ${E2E_PACKAGES.join(', ')}`,
    message: `${missing.join(', ')} not installed: ${install}; CI runs these`,
  };
}

/** Prerequisites of `commands` and dynamic nginx `modules` that are not installed here. */
export function missingTools(commands: readonly string[], modules: readonly string[] = []): string[] {
  return [
    ...commands.filter((c) => !which(c)),
    ...modules.filter((m) => !fs.existsSync(path.join(MODULE_DIR, `${m}.so`))).map((m) => `${m}.so`),
  ];
}

/**
 * `describe` when all `commands` (and dynamic nginx `modules`) exist. Otherwise, in CI (`CI=true`) one failing test
 * says what is missing; locally one passing test named `SKIPPED: ... not installed — install ...` stands in for the
 * suite, with a console warning, so a skip is never silent.
 */
export function describeWithTools(commands: string[], name: string, fn: () => void, modules: string[] = []): void {
  const verdict = toolsVerdict(missingTools(commands, modules));
  if (verdict.kind === 'run') {
    describe(name, fn);
    return;
  }
  describe(name, () => {
    test(verdict.title, () => {
      if (verdict.kind === 'fail') throw new Error(verdict.message);
      console.warn(`SKIPPED "${name}": ${verdict.message}`);
    });
  });
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
export async function startNginx(
  serverBlock: string,
  files: Record<string, string>,
  modules: string[] = [],
): Promise<RunningNginx> {
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
  const proc: ChildProcess = spawn(nginx, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
    stdio: 'ignore',
  });
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
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
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
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
}

/** `Authorization: Basic ...` for user and password. */
export function basic(user: string, password: string): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
}
