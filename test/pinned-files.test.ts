// First use on a fresh clone: the suite fetches the pinned schema files it lacks, once, checks their hashes,
// and fails with one line naming the URL and the env var when nothing serves them. Proven against a loopback
// HTTP server serving the real pinned files (CI reaches no other host).
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

const {
  CHART_SOURCES,
  ensurePinned,
  findChart,
  findPinned,
  SCHEMA_SOURCES,
  schemaDirs,
} = require('../scripts/pinned-files');

const NAMES = ['traefik.io_middlewares.yaml', 'gateway.networking.k8s.io_httproutes.yaml'];

/** Serves the local copies of NAMES (and a tampered one) on 127.0.0.1, counting requests. */
async function loopback(): Promise<{ base: string; hits: string[]; close: () => Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url!);
    const name = req.url!.slice(1);
    const file = NAMES.includes(name) ? findPinned(name) : undefined;
    if (name === 'tampered.yaml') res.end('not the pinned bytes');
    else if (file) res.end(fs.readFileSync(file));
    else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, hits, close: () => new Promise((r) => server.close(() => r())) };
}

const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

describe('pinned schema files', () => {
  test('every source is pinned to a tag or commit, never a branch, with a sha256', () => {
    for (const [name, source] of Object.entries<any>({ ...SCHEMA_SOURCES, ...CHART_SOURCES })) {
      expect([name, source.url]).toEqual([
        name,
        expect.stringMatching(/^https:\/\/raw\.githubusercontent\.com\/[^/]+\/[^/]+\/(v\d+\.\d+\.\d+|[0-9a-f]{40})\//),
      ]);
      expect([name, source.sha256]).toEqual([name, expect.stringMatching(/^[0-9a-f]{64}$/)]);
    }
  });

  test('a fresh clone fetches what it lacks once, checks the hash, then reads the cache', async () => {
    const server = await loopback();
    try {
      const sources = Object.fromEntries(
        NAMES.map((n) => [n, { url: `${server.base}/${n}`, sha256: SCHEMA_SOURCES[n].sha256 }]),
      );
      const cacheDir = path.join(tmp('pinned-'), 'cache');
      const first = await ensurePinned({ sources, dirs: [], cacheDir });
      expect(Object.keys(first).sort()).toEqual([...NAMES].sort());
      for (const n of NAMES) {
        expect(first[n]).toBe(path.join(cacheDir, n));
        const sha = crypto.createHash('sha256').update(fs.readFileSync(first[n])).digest('hex');
        expect(sha).toBe(SCHEMA_SOURCES[n].sha256);
      }
      expect(server.hits.sort()).toEqual(NAMES.map((n) => `/${n}`).sort());
      await ensurePinned({ sources, dirs: [], cacheDir });
      expect(server.hits).toHaveLength(NAMES.length);
    } finally {
      await server.close();
    }
  });

  test('the official chart is pinned file by file to one upstream commit, and found complete here', () => {
    const urls = Object.values<any>(CHART_SOURCES).map((s) => s.url);
    expect(new Set(urls.map((u) => u.split('/charts/headlamp/')[0])).size).toBe(1);
    expect(Object.keys(CHART_SOURCES)).toEqual(
      expect.arrayContaining([
        'Chart.yaml',
        'values.yaml',
        'templates/deployment.yaml',
        'tests/test_cases/oidc-external-secret.yaml',
      ]),
    );
    expect(findChart()).toBeDefined();
  });

  test('a directory that has the file wins over the download', async () => {
    const dir = tmp('pinned-dir-');
    fs.writeFileSync(path.join(dir, 'a.yaml'), 'x');
    const files = await ensurePinned({
      sources: { 'a.yaml': { url: 'http://127.0.0.1:1/a.yaml', sha256: '0'.repeat(64) } },
      dirs: [dir],
      cacheDir: tmp('c-'),
    });
    expect(files['a.yaml']).toBe(path.join(dir, 'a.yaml'));
  });

  test('nothing reachable: one line with the file, the URL, the cause and the env var', async () => {
    const server = await loopback();
    try {
      const url = `${server.base}/missing.yaml`;
      const err = await ensurePinned({
        sources: { 'missing.yaml': { url, sha256: '0'.repeat(64) } },
        dirs: [],
        cacheDir: tmp('c-'),
      }).catch((e: Error) => e);
      expect(err.message).toBe(
        `cannot get missing.yaml: ${url}: HTTP 404; set HEADLAMP_SHARED_DIR to the shared folder (schemas/, crds/, charts/headlamp/) ` +
          'or HEADLAMP_SCHEMAS_DIR to a directory holding it (or run where that URL is reachable)',
      );
    } finally {
      await server.close();
    }
    // The server is gone (a closed port): the connection error code, still one line.
    const url = `${server.base}/a.yaml`;
    const err = await ensurePinned({
      sources: { 'a.yaml': { url, sha256: '0'.repeat(64) } },
      dirs: [],
      cacheDir: tmp('c-'),
    }).catch((e: Error) => e);
    expect(err.message).toBe(
      `cannot get a.yaml: ${url}: ECONNREFUSED; set HEADLAMP_SHARED_DIR to the shared folder (schemas/, crds/, charts/headlamp/) ` +
        'or HEADLAMP_SCHEMAS_DIR to a directory holding it (or run where that URL is reachable)',
    );
  });

  test('bytes that do not match the pinned hash are refused and not cached', async () => {
    const server = await loopback();
    const cacheDir = tmp('c-');
    try {
      const err = await ensurePinned({
        sources: { 'tampered.yaml': { url: `${server.base}/tampered.yaml`, sha256: '0'.repeat(64) } },
        dirs: [],
        cacheDir,
      }).catch((e: Error) => e);
      expect(err.message).toMatch(
        /^cannot get tampered\.yaml: .*: sha256 [0-9a-f]{64}, expected 0{64}; set HEADLAMP_SHARED_DIR .* or HEADLAMP_SCHEMAS_DIR/,
      );
      expect(fs.readdirSync(cacheDir)).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

test('one variable, HEADLAMP_SHARED_DIR, names the shared folder as laid out: schemas/ and crds/ (and charts/headlamp/)', () => {
  const dirs: string[] = schemaDirs({ HEADLAMP_SHARED_DIR: '/srv/shared' });
  expect(dirs.slice(0, 2)).toStrictEqual(['/srv/shared/schemas', '/srv/shared/crds']);
  // A schemas directory of its own still comes first.
  expect(schemaDirs({ HEADLAMP_SHARED_DIR: '/srv/shared', HEADLAMP_SCHEMAS_DIR: '/mine' })[0]).toBe('/mine');
});
