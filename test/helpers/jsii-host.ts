// A minimal jsii host, as every language runtime is one (Python's jsii package, jsii-runtime-go...): it starts the
// jsii runtime (@jsii/runtime's bundle, its own kernel inside), loads package tarballs into it and sends it the
// kernel's requests (create, sinvoke, invoke...) as JSON lines. Protocol: @jsii/runtime lib/host.js and
// @jsii/kernel lib/api.d.ts at 1.140.0.
import { ChildProcess, spawn } from 'node:child_process';
import * as readline from 'node:readline';

/** An object reference in the kernel, as the kernel returns it. */
export interface ObjRef {
  readonly '$jsii.byref': string;
}

/** The kernel's error for a request: its message and kind (the JavaScript error's name). */
export class KernelError extends Error {
  constructor(
    message: string,
    readonly kind: string | undefined,
  ) {
    super(message);
  }
}

export class JsiiHost {
  /** Starts the runtime and waits for its hello. */
  public static async start(): Promise<JsiiHost> {
    const runtime = require.resolve('@jsii/runtime/webpack/bin/jsii-runtime.js');
    const proc = spawn(process.execPath, [runtime], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' },
    });
    const host = new JsiiHost(proc);
    const hello = await host.next();
    if (!('hello' in hello)) throw new Error(`jsii runtime: expected hello, got ${JSON.stringify(hello)}`);
    return host;
  }

  private readonly queue: string[] = [];
  private readonly waiting: Array<{ resolve: (line: string) => void; reject: (err: Error) => void }> = [];
  private stderr = '';
  private exited?: Error;

  private constructor(private readonly proc: ChildProcess) {
    readline.createInterface({ input: proc.stdout! }).on('line', (line) => {
      const w = this.waiting.shift();
      if (w) w.resolve(line);
      else this.queue.push(line);
    });
    proc.once('exit', (code) => {
      this.exited = new Error(`jsii runtime exited ${code}\n${this.stderr}`);
      for (const w of this.waiting.splice(0)) w.reject(this.exited);
    });
    // The runtime wraps its program's console output as {"stderr": base64} lines: kept for failure messages.
    proc.stderr!.on('data', (d) => {
      this.stderr += d;
    });
  }

  /** Loads a package tarball (`npm pack` layout) into the kernel. */
  public load(name: string, version: string, tarball: string): Promise<unknown> {
    return this.request({ api: 'load', name, version, tarball });
  }

  /** Sends one request and returns its `ok` value; a kernel error rejects with {@link KernelError}. */
  public async request(req: Record<string, unknown>): Promise<any> {
    this.proc.stdin!.write(`${JSON.stringify(req)}\n`);
    const res = await this.next();
    if ('ok' in res) return res.ok;
    if ('error' in res) throw new KernelError(res.error, res.name);
    throw new Error(`jsii runtime: unexpected answer ${JSON.stringify(res)}\n${this.stderr}`);
  }

  public close(): void {
    this.proc.stdin!.end();
    this.proc.kill();
  }

  private async next(): Promise<any> {
    const line =
      this.queue.shift() ??
      (await new Promise<string>((resolve, reject) => {
        if (this.exited) reject(this.exited);
        else this.waiting.push({ resolve, reject });
      }));
    return JSON.parse(line);
  }
}

/** A map argument as the language runtimes send one (nested maps too). */
export function jsiiMap(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(jsiiMap);
  if (value === null || typeof value !== 'object') return value;
  return { '$jsii.map': Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsiiMap(v)])) };
}
