/**
 * A browser-shaped HTTP client for the real-component suites: a cookie jar per host (Secure cookies go only to
 * https origins; Max-Age/Expires in the past delete), redirects followed (up to 20, as GET), and `hosts` mapping
 * public names to loopback: `https://headlamp.example.com/x` is sent to `http://127.0.0.1:<port>/x` with
 * `Host: headlamp.example.com` (TLS is terminated before the loopback NGINX, see test/helpers/ingress-nginx.ts).
 */
import * as http from 'node:http';

export interface Page {
  readonly url: string;
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  /** Every URL visited, the first request's included. */
  readonly trail: string[];
}

interface Cookie {
  value: string;
  secure: boolean;
}

export class Browser {
  /** host -> cookie name -> cookie. */
  private readonly jar = new Map<string, Map<string, Cookie>>();

  constructor(private readonly hosts: Record<string, number>) {}

  /** The cookies the jar holds for `host`, by name. */
  cookies(host: string): Record<string, string> {
    return Object.fromEntries([...(this.jar.get(host) ?? new Map()).entries()].map(([k, c]) => [k, c.value]));
  }

  /** GET `url` with extra request `headers` (sent on every hop), following redirects. */
  async get(url: string, headers: Record<string, string> = {}, follow = true): Promise<Page> {
    const trail: string[] = [];
    let current = url;
    for (let hop = 0; hop < 20; hop++) {
      trail.push(current);
      const reply = await this.request(current, headers);
      const location = reply.headers.location;
      const redirect = [301, 302, 303, 307, 308].includes(reply.status) && !!location;
      if (!follow || !redirect) return { ...reply, url: current, trail };
      current = new URL(location!, current).toString();
    }
    throw new Error(`more than 20 redirects from ${url}: ${trail.join(' -> ')}`);
  }

  private request(url: string, extra: Record<string, string>): Promise<Omit<Page, 'url' | 'trail'>> {
    const u = new URL(url);
    const mapped = this.hosts[u.hostname];
    if (mapped === undefined && u.hostname !== '127.0.0.1') throw new Error(`not a loopback origin: ${url}`);
    const https = u.protocol === 'https:';
    const cookie = [...(this.jar.get(u.host) ?? new Map()).entries()]
      .filter(([, c]) => https || !c.secure)
      .map(([k, c]) => `${k}=${c.value}`);
    const headers: Record<string, string> = { ...extra, Host: u.host };
    if (cookie.length) headers.Cookie = cookie.join('; ');
    return new Promise((resolve, reject) => {
      const port = mapped ?? Number(u.port);
      const target = { host: '127.0.0.1', port, path: `${u.pathname}${u.search}`, headers, agent: false };
      const req = http.get(target, (res) => {
        this.store(u.host, res.headers['set-cookie'] ?? []);
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

  private store(host: string, setCookies: string[]): void {
    const jar = this.jar.get(host) ?? new Map<string, Cookie>();
    this.jar.set(host, jar);
    for (const line of setCookies) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const attr = (n: string) => attrs.find((a) => a.toLowerCase().startsWith(`${n}=`))?.slice(n.length + 1);
      const maxAge = attr('max-age');
      const expires = attr('expires');
      const gone =
        (maxAge !== undefined && Number(maxAge) <= 0) ||
        (expires !== undefined && Date.parse(expires) <= Date.now()) ||
        value === '';
      if (gone) jar.delete(name);
      else jar.set(name, { value, secure: attrs.some((a) => a.toLowerCase() === 'secure') });
    }
  }
}
