/**
 * The library as other languages run it: the `.jsii` assembly (`npm run jsii`; npm test refreshes it when a source
 * is newer) and the package tarball (`npm pack`), with constructs, cdk8s and cdk8s-plus-28 packed from
 * node_modules, loaded into the jsii kernel through @jsii/runtime and driven by the requests a Python or Go program
 * makes. Each app's YAML must equal the TypeScript path's byte for byte, and a bad prop must come back as the
 * library's message. Offline: tarballs are made locally. Python itself: `npm run test:languages`.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Chart } from 'cdk8s';
import {
  ApiServerAuthentication,
  BasicAuthCredentials,
  BasicAuthIngress,
  HeadlampAuth,
  HeadlampChart,
  HeadlampDeployment,
  headlampChartFromValues,
  IngressController,
  IngressTls,
  OidcClientSecret,
  OidcConfig,
} from '../lib';
import { errorMessageOf } from './helpers/adversarial';
import { JsiiHost, jsiiMap, KernelError, ObjRef } from './helpers/jsii-host';

const ROOT = path.resolve(__dirname, '..');
const { staleness } = require('../scripts/jsii');

const HTPASSWD = [
  'alice:$2b$08$c5xTiWEgEdpOL3au.rHA1efPMtpRqE7GqcVCxiab3GqV4BXOQuZR6',
  'bob:$2b$08$.DDoOXhR.vr0ptjVmAxBkOp594X8ODxmhXgdPavluepReExTaTzBy',
];
const VALUES = {
  namespace: 'headlamp',
  host: 'headlamp.example.com',
  tls: { certManagerClusterIssuer: 'letsencrypt' },
  auth: {
    type: 'oidc',
    provider: 'keycloak',
    options: {
      host: 'sso.example.com',
      realm: 'platform',
      clientId: 'headlamp',
      publicUrl: 'https://headlamp.example.com',
    },
    clientSecret: { secretName: 'headlamp-oidc' },
  },
  headlamp: { replicas: 2, size: 'small', sessionTtlSeconds: 28800 },
};

let host: JsiiHost;
let work: string;

/** A package directory of node_modules as a tarball in the `npm pack` layout (`package/...`). */
function tarball(name: string): string {
  const file = path.join(work, `${name}.tgz`);
  execFileSync('tar', ['-czf', file, '-C', path.join(ROOT, 'node_modules'), `--transform=s,^${name},package,`, name]);
  return file;
}

const version = (name: string): string => require(`${name}/package.json`).version;
const create = (fqn: string, ...args: unknown[]): Promise<ObjRef> => host.request({ api: 'create', fqn, args });
const sinvoke = (fqn: string, method: string, ...args: unknown[]) =>
  host.request({ api: 'sinvoke', fqn, method, args });
const synthYaml = async (app: ObjRef): Promise<string> =>
  (await host.request({ api: 'invoke', objref: app, method: 'synthYaml' })).result;

beforeAll(async () => {
  const stale = staleness();
  if (stale) throw new Error(`${stale}: run npm run jsii (npm test does)`);
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'jsii-kernel-'));
  execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  const pkg = require('../package.json');
  host = await JsiiHost.start();
  for (const dep of ['constructs', 'cdk8s', 'cdk8s-plus-28']) await host.load(dep, version(dep), tarball(dep));
  await host.load(pkg.name, pkg.version, path.join(work, `${pkg.name}-${pkg.version}.tgz`));
}, 60_000);

afterAll(() => {
  host?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test('quickstart: HeadlampChart through the kernel writes the TypeScript YAML', async () => {
  const app = await create('cdk8s.App');
  const tls = await sinvoke('cdk8s-headlamp.IngressTls', 'certManager', 'letsencrypt');
  await create('cdk8s-headlamp.HeadlampChart', app, 'quickstart', {
    namespace: 'headlamp',
    host: 'headlamp.example.com',
    tls: tls.result,
  });

  const ts = new App();
  new HeadlampChart(ts, 'quickstart', {
    namespace: 'headlamp',
    host: 'headlamp.example.com',
    tls: IngressTls.certManager('letsencrypt'),
  });
  const yaml = await synthYaml(app);
  expect(yaml).toContain('kind: Deployment');
  expect(yaml).toBe(ts.synthYaml());
});

test('basic auth at ingress-nginx: a struct, an enum and a static factory through the kernel', async () => {
  const app = await create('cdk8s.App');
  const chart = await create('cdk8s.Chart', app, 'basic-auth-nginx', {
    namespace: 'headlamp',
    disableResourceNameHashes: true,
  });
  const headlamp = await create('cdk8s-headlamp.HeadlampDeployment', chart, 'headlamp');
  const credentials = await sinvoke('cdk8s-headlamp.BasicAuthCredentials', 'fromHtpasswdLines', HTPASSWD);
  const tls = await sinvoke('cdk8s-headlamp.IngressTls', 'certManager', 'letsencrypt');
  await create('cdk8s-headlamp.BasicAuthIngress', chart, 'ingress', {
    headlamp,
    controller: { '$jsii.enum': 'cdk8s-headlamp.IngressController/INGRESS_NGINX' },
    hosts: ['headlamp.example.com'],
    tls: tls.result,
    realm: 'Headlamp',
    credentials: credentials.result,
  });

  const ts = new App();
  const tsChart = new Chart(ts, 'basic-auth-nginx', { namespace: 'headlamp', disableResourceNameHashes: true });
  new BasicAuthIngress(tsChart, 'ingress', {
    headlamp: new HeadlampDeployment(tsChart, 'headlamp'),
    controller: IngressController.INGRESS_NGINX,
    hosts: ['headlamp.example.com'],
    tls: IngressTls.certManager('letsencrypt'),
    realm: 'Headlamp',
    credentials: BasicAuthCredentials.fromHtpasswdLines(HTPASSWD),
  });
  expect(await synthYaml(app)).toBe(ts.synthYaml());
});

test('a values map (as a Python dict arrives) through HeadlampValuesFile.chart', async () => {
  const app = await create('cdk8s.App');
  await sinvoke('cdk8s-headlamp.HeadlampValuesFile', 'chart', app, 'headlamp', jsiiMap(VALUES));

  const ts = new App();
  headlampChartFromValues(ts, 'headlamp', VALUES);
  expect(await synthYaml(app)).toBe(ts.synthYaml());
});

test('a bad prop comes back with the library message and error name (Python raises it as RuntimeError)', async () => {
  const app = await create('cdk8s.App');
  const tls = await sinvoke('cdk8s-headlamp.IngressTls', 'certManager', 'letsencrypt');
  const props = { namespace: 'headlamp', host: 'headlamp.example.com', tls: tls.result, headlamp: { replicas: 0 } };
  const err = await create('cdk8s-headlamp.HeadlampChart', app, 'bad', props).catch((e: unknown) => e);

  const expected = errorMessageOf(
    () =>
      new HeadlampChart(new App(), 'bad', {
        namespace: 'headlamp',
        host: 'headlamp.example.com',
        tls: IngressTls.certManager('letsencrypt'),
        headlamp: { replicas: 0 },
      }),
  );
  expect(expected).toBe("HeadlampDeployment 'bad/headlamp': props.replicas: expected an integer >= 1, got 0");
  expect(err).toBeInstanceOf(KernelError);
  expect((err as KernelError).message).toBe(expected);
  expect((err as KernelError).kind).toBe('HeadlampValidationError');
});

/** Every file under `dir`, relative path -> text. */
function filesUnder(dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  return Object.fromEntries(
    fs
      .readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .sort()
      .filter((f) => fs.statSync(path.join(dir, f)).isFile())
      .map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]),
  );
}

test('kernel: app.synth() skips the wrapper writing the API server files; writeAll writes them', async () => {
  // @jsii/kernel _findInvokeTarget calls instance.constructor.prototype[method]: App.prototype.synth, not the
  // wrapper ApiServerAuthentication puts on the app. Other languages call ApiServerAuthentication.writeAll (the
  // Python README snippets do); if this starts to fail, the hook works in every language and the docs can say so.
  const oidc = {
    host: 'sso.example.com',
    realm: 'platform',
    clientId: 'headlamp',
    publicUrl: 'https://headlamp.example.com',
  };
  const dirs = (side: string) => ({
    manifests: path.join(work, side, 'manifests'),
    files: path.join(work, side, 'cluster-config'),
  });
  const k = dirs('kernel');
  const app = await create('cdk8s.App', { outdir: k.manifests });
  const chart = await create('cdk8s.Chart', app, 'headlamp', {
    namespace: 'headlamp',
    disableResourceNameHashes: true,
  });
  const secret = await sinvoke('cdk8s-headlamp.OidcClientSecret', 'fromSecret', 'headlamp-oidc');
  const config = await sinvoke('cdk8s-headlamp.OidcConfig', 'keycloak', { ...oidc, clientSecret: secret.result });
  const auth = await sinvoke('cdk8s-headlamp.HeadlampAuth', 'oidc', config.result);
  const headlamp = await create('cdk8s-headlamp.HeadlampDeployment', chart, 'headlamp', { auth: auth.result });
  await create('cdk8s-headlamp.ApiServerAuthentication', chart, 'api-server', { headlamp, outdir: k.files });
  await host.request({ api: 'invoke', objref: app, method: 'synth' });
  expect(Object.keys(filesUnder(k.manifests))).toEqual(['headlamp.k8s.yaml']);
  expect(filesUnder(k.files)).toEqual({});
  await sinvoke('cdk8s-headlamp.ApiServerAuthentication', 'writeAll', app);

  const t = dirs('typescript');
  const ts = new App({ outdir: t.manifests });
  const tsChart = new Chart(ts, 'headlamp', { namespace: 'headlamp', disableResourceNameHashes: true });
  const tsHeadlamp = new HeadlampDeployment(tsChart, 'headlamp', {
    auth: HeadlampAuth.oidc(
      OidcConfig.keycloak({
        ...oidc,
        clientSecret: OidcClientSecret.fromSecret('headlamp-oidc'),
      }),
    ),
  });
  new ApiServerAuthentication(tsChart, 'api-server', { headlamp: tsHeadlamp, outdir: t.files });
  ts.synth();
  expect(Object.keys(filesUnder(t.files))).toContain('headlamp-api-server/authentication-config.yaml');
  expect(filesUnder(k.files)).toEqual(filesUnder(t.files));
  expect(filesUnder(k.manifests)).toEqual(filesUnder(t.manifests));
});
