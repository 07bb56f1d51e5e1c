// ApiServerAuthentication: files the API server would refuse are refused at synth, and app.synth() writes them beside, never among, the manifests.
import { App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ApiServerAuthentication,
  HeadlampAuth,
  HeadlampDeployment,
  HeadlampValidationError,
  OidcClientSecret,
  OidcConfig,
  OidcConfigProps,
  UserAccess,
} from '../lib';
import { readOutputs, writeOutputs } from '../lib/core/output-dir';

const SECRET = OidcClientSecret.fromSecret('headlamp-oidc');
const generic = (extra: Partial<OidcConfigProps> = {}) =>
  new OidcConfig({
    issuerUrl: 'https://idp.example.com',
    clientId: 'headlamp',
    clientSecret: SECRET,
    publicUrl: 'https://h.example.com',
    ...extra,
  });
const tmp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));

/** An App with a chart `prod` and a Headlamp logging in through `config`. */
function setup(config = generic(), outdir = path.join(tmp('asa'), 'dist')) {
  const app = new App({ outdir });
  const chart = new Chart(app, 'prod', { namespace: 'headlamp', disableResourceNameHashes: true });
  const headlamp = new HeadlampDeployment(chart, 'headlamp', { auth: HeadlampAuth.oidc(config) });
  return { app, chart, headlamp };
}

function messageOf(build: () => unknown): string {
  try {
    build();
  } catch (e) {
    if (e instanceof HeadlampValidationError) return e.message;
    throw e;
  }
  throw new Error('expected a HeadlampValidationError, got none');
}

describe('an issuer or audience no API server accepts never reaches the control plane', () => {
  const HTTP =
    'the issuer "http://localhost:5556/dex" is plain http: OidcConfig\'s unsafeAllowHttpIssuer (props.auth.oidc.unsafeAllowHttpIssuer of ' +
    "HeadlampDeployment 'prod/headlamp') lets Headlamp's own login use it for local development only, and kube-apiserver accepts only https " +
    'issuers ("URL scheme must be https"); ';
  const FIX = '. Serve the identity provider over https (the opt-in must not reach the control plane)';

  test('the dev-only http opt-in: ApiServerAuthentication and UserAccess refuse it, naming the opt-in', () => {
    const dev = () => setup(generic({ issuerUrl: 'http://localhost:5556/dex', unsafeAllowHttpIssuer: true }));
    const a = dev();
    expect(messageOf(() => new ApiServerAuthentication(a.chart, 'api', { headlamp: a.headlamp }))).toBe(
      `ApiServerAuthentication 'prod/api': props.headlamp: ${HTTP}the API server would refuse these files or match no token with them${FIX}`,
    );
    const b = dev();
    expect(
      messageOf(
        () => new UserAccess(b.chart, 'access', { headlamp: b.headlamp, grants: [{ users: ['alice@example.com'] }] }),
      ),
    ).toBe(
      `UserAccess 'prod/access': props.headlamp: ${HTTP}no API server can trust these tokens, so the bindings would match nobody${FIX}`,
    );
  });

  test.each<[string, string, string]>([
    ['a query', 'https://idp.example.com/?tenant=a', '"https://idp.example.com/?tenant=a" carries a query'],
    ['a fragment', 'https://idp.example.com/#a', '"https://idp.example.com/#a" carries a fragment'],
  ])('an https issuer with %s', (_case, issuerUrl, says) => {
    const { chart, headlamp } = setup(generic({ issuerUrl }));
    expect(messageOf(() => new ApiServerAuthentication(chart, 'api', { headlamp }))).toBe(
      `ApiServerAuthentication 'prod/api': props.headlamp: the issuer ${says}, ` +
        'which kube-apiserver refuses (an https URL without user info, query or fragment); the API server would refuse these files or match no token with ' +
        "them. Use the issuer exactly as the provider's discovery document names it",
    );
  });

  // Credentials in the issuer and blank or padded client IDs are refused where they are given (the OidcConfig's
  // schema, issue 27), before any API server file is written: the same words through every construct.
  test('an https issuer with credentials never gets this far (refused by the OidcConfig, never echoed)', () => {
    expect(messageOf(() => setup(generic({ issuerUrl: 'https://admin:hunter2@idp.example.com' })))).toBe(
      "HeadlampDeployment 'prod/headlamp': " +
        "props.auth.oidc.issuerUrl: expected an absolute https or http URL without user info ('user:password@' would be written into the " +
        'manifests and the pod\'s arguments, readable by whoever reads them), got "https://<redacted>@idp.example.com"',
    );
  });

  test.each<[string, Partial<OidcConfigProps>, string, string]>([
    ['a blank client ID', { clientId: ' ' }, 'clientId', '" "'],
    ['a client ID padded with a space', { clientId: 'headlamp ' }, 'clientId', '"headlamp "'],
    [
      'a blank validator audience with access tokens',
      { useAccessToken: true, validatorClientId: '\t' },
      'validatorClientId',
      '"\\t"',
    ],
  ])("%s never becomes the API server's audience (refused by the OidcConfig)", (_case, extra, prop, shown) => {
    expect(messageOf(() => setup(generic(extra)))).toBe(
      `HeadlampDeployment 'prod/headlamp': props.auth.oidc.${prop}: expected a client ID ` +
        `as the identity provider issued it (not blank, no surrounding spaces), got ${shown}`,
    );
  });
});

describe('first contact: app.synth() writes the API server files, beside the manifests', () => {
  test('with no call but app.synth(), the files land in cluster-config/ next to the outdir, the manifests stay YAML only', () => {
    const root = tmp('first');
    const { app, chart, headlamp } = setup(generic(), path.join(root, 'dist'));
    new UserAccess(chart, 'access', { headlamp, grants: [{ users: ['alice@example.com'] }] });
    new ApiServerAuthentication(chart, 'api', { headlamp });
    app.synth();
    expect(Object.keys(readOutputs(path.join(root, 'dist')))).toStrictEqual(['prod.k8s.yaml']);
    expect(Object.keys(readOutputs(path.join(root, 'cluster-config'))).sort()).toStrictEqual([
      'prod-api/README.md',
      'prod-api/authentication-config.yaml',
      'prod-api/eks-identity-provider-config.json',
      'prod-api/kube-apiserver-flags.txt',
    ]);
    // A second synth replaces its own files only.
    fs.writeFileSync(path.join(root, 'cluster-config', 'notes.txt'), 'mine');
    app.synth();
    expect(fs.readFileSync(path.join(root, 'cluster-config', 'notes.txt'), 'utf8')).toBe('mine');
  });

  test('an App writing .yaml manifests synthesizes twice: its own authentication-config.yaml is no manifest, a listed manifest still is', () => {
    const root = tmp('yaml');
    const app = new App({ outdir: path.join(root, 'dist'), outputFileExtension: '.yaml' });
    const chart = new Chart(app, 'prod', { namespace: 'headlamp', disableResourceNameHashes: true });
    const headlamp = new HeadlampDeployment(chart, 'headlamp', { auth: HeadlampAuth.oidc(generic()) });
    new ApiServerAuthentication(chart, 'api', { headlamp });
    app.synth();
    app.synth();
    expect(Object.keys(readOutputs(path.join(root, 'cluster-config')))).toContain(
      'prod-api/authentication-config.yaml',
    );
    // A directory of manifests written with a marker (a CLI --out) is still refused: only the API server files are passed over.
    const cli = path.join(root, 'cli');
    writeOutputs(cli, { 'headlamp.yaml': 'kind: List\n' });
    const other = new ApiServerAuthentication(chart, 'other', { headlamp, outdir: cli, eksConfigName: 'other' });
    expect(messageOf(() => app.synth())).toBe(
      "ApiServerAuthentication 'prod/other': props.outdir: the API server's files are for the cluster operator and " +
        `must not sit among the manifests a GitOps tool applies, got ${JSON.stringify(other.outdir)}, which holds headlamp.yaml; give props.outdir ` +
        "(or $HEADLAMP_CLUSTER_CONFIG_OUTDIR) beside the manifests, such as 'cluster-config' next to 'dist'",
    );
  });

  test('props.outdir moves them; Testing.synth and chart.toJson() write nothing', () => {
    const root = tmp('moved');
    const { app, chart, headlamp } = setup(generic(), path.join(root, 'dist'));
    const api = new ApiServerAuthentication(chart, 'api', { headlamp, outdir: path.join(root, 'ops', 'apiserver') });
    Testing.synth(chart);
    expect(fs.existsSync(path.join(root, 'ops'))).toBe(false);
    app.synth();
    expect(Object.keys(readOutputs(api.outdir))).toContain('prod-api/kube-apiserver-flags.txt');
  });

  test('two constructs, two directories: a refusal in one leaves the other unwritten', () => {
    const root = tmp('two');
    const { app, chart, headlamp } = setup(generic(), path.join(root, 'dist'));
    fs.mkdirSync(path.join(root, 'b'));
    fs.writeFileSync(path.join(root, 'b', 'notes.txt'), 'mine');
    new ApiServerAuthentication(chart, 'a', { headlamp, outdir: path.join(root, 'a') });
    new ApiServerAuthentication(chart, 'b', { headlamp, outdir: path.join(root, 'b'), eksConfigName: 'b' });
    expect(() => app.synth()).toThrow(
      `refusing to write into ${path.join(root, 'b')}: it holds 1 entry that cdk8s-headlamp did not write`,
    );
    expect(fs.existsSync(path.join(root, 'a'))).toBe(false);
    expect(fs.existsSync(path.join(root, 'dist'))).toBe(false);
  });

  test('two constructs whose paths map to one subdirectory (a-b/c and a/b-c) are refused, naming both', () => {
    const root = tmp('clash');
    const { app, chart, headlamp } = setup(generic(), path.join(root, 'dist'));
    new ApiServerAuthentication(new Construct(chart, 'a-b'), 'c', { headlamp });
    new ApiServerAuthentication(new Construct(chart, 'a'), 'b-c', { headlamp, eksConfigName: 'other' });
    const cc = path.join(root, 'cluster-config');
    expect(messageOf(() => app.synth())).toBe(
      "ApiServerAuthentication 'prod/a/b-c': props.outdir: each construct writes into its own subdirectory " +
        `(its path, '/' as '-'), got ${JSON.stringify(path.join(cc, 'prod-a-b-c'))}, which ApiServerAuthentication 'prod/a-b/c' writes too (its files ` +
        'would be overwritten); rename one of them (its id or a scope on its path), or give one another props.outdir',
    );
    expect(messageOf(() => ApiServerAuthentication.writeAll(app, path.join(root, 'ops')))).toContain(
      "ApiServerAuthentication 'prod/a-b/c' writes too (its files would be overwritten); rename one of them (its id or a scope on its path)",
    );
    expect(fs.existsSync(cc)).toBe(false);
    // Checked before the manifests are written: none without their API server files.
    expect(fs.existsSync(path.join(root, 'dist'))).toBe(false);
  });

  const AMONG =
    "ApiServerAuthentication 'prod/api': props.outdir: the API server's files are for the cluster operator and must not sit among the " +
    'manifests a GitOps tool applies, got ';
  const BESIDE =
    "; give props.outdir (or $HEADLAMP_CLUSTER_CONFIG_OUTDIR) beside the manifests, such as 'cluster-config' next to 'dist'";

  test.each<[string, (dist: string) => string, string]>([
    ['the manifests directory itself', (dist) => dist, 'the'],
    ['a directory inside it', (dist) => path.join(dist, 'cluster-config'), 'inside the'],
    ['the same directory spelled another way', (dist) => `${dist}/./`, 'the'],
  ])('an outdir that is %s', (_case, dirOf, which) => {
    const dist = path.join(tmp('among'), 'dist');
    const { chart, headlamp } = setup(generic(), dist);
    const outdir = dirOf(dist);
    expect(messageOf(() => new ApiServerAuthentication(chart, 'api', { headlamp, outdir }))).toBe(
      `${AMONG}${JSON.stringify(outdir)}, ${which} App's manifests directory ${JSON.stringify(dist)}${BESIDE}`,
    );
  });

  test('the environment variable pointing at the manifests, and the default for an App synthesizing into "."', () => {
    const dist = path.join(tmp('env'), 'dist');
    const { chart, headlamp } = setup(generic(), dist);
    process.env.HEADLAMP_CLUSTER_CONFIG_OUTDIR = dist;
    try {
      expect(messageOf(() => new ApiServerAuthentication(chart, 'api', { headlamp }))).toBe(
        `${AMONG}${JSON.stringify(dist)} (from $HEADLAMP_CLUSTER_CONFIG_OUTDIR), the App's manifests directory ${JSON.stringify(dist)}${BESIDE}`,
      );
    } finally {
      delete process.env.HEADLAMP_CLUSTER_CONFIG_OUTDIR;
    }
    const here = setup(generic(), '.');
    expect(messageOf(() => new ApiServerAuthentication(here.chart, 'api', { headlamp: here.headlamp }))).toBe(
      `${AMONG}"cluster-config" (the default: 'cluster-config' beside the App's outdir), inside the App's manifests directory "."${BESIDE}`,
    );
  });

  test("a directory that holds manifests (another app's, or written with a marker) is refused at write time", () => {
    const root = tmp('holds');
    const other = path.join(root, 'gitops');
    fs.mkdirSync(path.join(other, 'apps'), { recursive: true });
    fs.writeFileSync(path.join(other, 'apps', 'headlamp.k8s.yaml'), 'kind: List\n');
    const { app, chart, headlamp } = setup(generic(), path.join(root, 'dist'));
    new ApiServerAuthentication(chart, 'api', { headlamp, outdir: other });
    expect(messageOf(() => app.synth())).toBe(
      `${AMONG}${JSON.stringify(other)}, which holds apps/headlamp.k8s.yaml${BESIDE}`,
    );
    expect(messageOf(() => ApiServerAuthentication.writeAll(app, other))).toBe(
      "ApiServerAuthentication 'prod/api': ApiServerAuthentication.writeAll(app, dir): the API server's files are for the cluster operator and must " +
        `not sit among the manifests a GitOps tool applies, got ${JSON.stringify(other)}, which holds apps/headlamp.k8s.yaml; give writeAll a directory ` +
        "(or $HEADLAMP_CLUSTER_CONFIG_OUTDIR) beside the manifests, such as 'cluster-config' next to 'dist'",
    );
  });
});

describe("no prefix (AKS-managed Entra ID): Kubernetes' own names in a claim are refused by the file", () => {
  const files = (config: OidcConfig) => {
    const root = tmp('noprefix');
    const { app, chart, headlamp } = setup(config, path.join(root, 'dist'));
    new ApiServerAuthentication(chart, 'api', { headlamp });
    app.synth();
    return readOutputs(path.join(root, 'cluster-config'));
  };

  // k8s.io/apiserver v0.35.10 maps an unprefixed system:masters as is (ran: test/real/apiserver-identity.test.ts).
  test('userValidationRules refuse system: usernames and groups', () => {
    const out = files(
      OidcConfig.entraId({
        tenantId: '11111111-2222-3333-4444-555555555555',
        clientId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
        clientSecret: SECRET,
        publicUrl: 'https://h.example.com',
      }),
    );
    expect(out['prod-api/authentication-config.yaml']).toContain(
      [
        '    userValidationRules:',
        '      - expression: "!user.username.startsWith(\'system:\')"',
        '        message: "the username claim names a Kubernetes identity (system:*): refused"',
        "      - expression: user.groups.all(group, !group.startsWith('system:'))",
        '        message: "a group claim names a Kubernetes group (system:*): refused"',
      ].join('\n'),
    );
    expect(out['prod-api/README.md']).toContain('the legacy flags and EKS cannot');
  });

  test('with a prefix nothing can start with system:, and no rule is written', () => {
    const out = files(generic());
    expect(out['prod-api/authentication-config.yaml']).not.toContain('userValidationRules');
    expect(out['prod-api/README.md']).not.toContain('the legacy flags and EKS cannot');
  });
});
