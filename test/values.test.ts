// Values files: the same schemas and error messages as the TypeScript API, through the library
// function and through the CLI a pipeline runs.
import { App, Testing } from 'cdk8s';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { HeadlampDeployment, headlampChartFromValues, HeadlampValidationError } from '../lib';
import { valuesKeys } from '../lib/chart/values';
import { validateAll } from './helpers/k8s-schema';
import { only, parseYaml } from './helpers/synth';

const ROOT = path.resolve(__dirname, '..');
const VALUES = path.join(ROOT, 'examples', 'values', 'keycloak.yaml');
const base = () => parse(fs.readFileSync(VALUES, 'utf8'));

describe('headlampChartFromValues', () => {
  test('the example values give an OIDC Headlamp with HA, size and session TTL', () => {
    const objects = Testing.synth(headlampChartFromValues(new App(), 'headlamp', base()));
    const container = only(objects, 'Deployment').spec.template.spec.containers[0];
    expect(container.args).toEqual(
      expect.arrayContaining(['-oidc-idp-issuer-url=https://sso.example.com/realms/platform', '-session-ttl=28800']),
    );
    expect(container.resources.requests).toStrictEqual({ cpu: '50m', memory: '96Mi' });
    expect(only(objects, 'PodDisruptionBudget').spec.maxUnavailable).toBe(1);
    expect(only(objects, 'Ingress').metadata.annotations['cert-manager.io/cluster-issuer']).toBe('letsencrypt');
    expect(validateAll(objects)).toEqual([]);
  });

  test.each<[string, (v: any) => void, string]>([
    [
      'a HeadlampDeployment field is wrong',
      (v) => {
        v.headlamp.replicas = 0;
      },
      'values: headlamp.replicas: expected an integer >= 1, got 0',
    ],
    [
      'a HeadlampDeployment field is misspelled',
      (v) => {
        v.headlamp.replica = 2;
      },
      "values: headlamp: unknown key 'replica': check the spelling against the values format (docs/values.md)",
    ],
    [
      'an enum value is unknown, listing the allowed ones',
      (v) => {
        v.headlamp.size = 'huge';
      },
      "values: headlamp.size: expected one of 'small', 'medium', 'large', got \"huge\"",
    ],
    [
      'an OIDC option is wrong',
      (v) => {
        v.auth.options.realm = 'a/b';
      },
      'values: auth.options.realm: expected a realm name without spaces or slashes, got "a/b"',
    ],
    [
      'publicUrl is not a URL (no TypeError from inside a refinement)',
      (v) => {
        v.auth.options.publicUrl = 'headlamp.example.com';
      },
      'values: auth.options.publicUrl: expected an https origin such as \'https://headlamp.example.com\', got "headlamp.example.com"',
    ],
    [
      'the client secret is written in the file',
      (v) => {
        v.auth.options.clientSecret = 's3cr3t-value';
      },
      'values: auth.options.clientSecret: a client secret is never written in a values file',
    ],
    [
      'the auth type is unknown',
      (v) => {
        v.auth.type = 'saml';
      },
      "values: auth.type: expected auth.type 'token', 'oidc', 'oidc-settings-secret' or 'unsafe-shared-token', got \"saml\"",
    ],
    [
      'the provider is unknown, listing the allowed ones',
      (v) => {
        v.auth.provider = 'okta';
      },
      "values: auth.provider: expected a provider (one of 'generic', 'dex', 'keycloak', 'entra-id', 'cognito', 'google', 'openunison'), got \"okta\"",
    ],
    [
      'tls is missing',
      (v) => {
        delete v.tls;
      },
      'values: tls: expected a TLS source for the Ingress, got undefined; tls: { secretName } or tls: { certManagerClusterIssuer }, or gateway',
    ],
    [
      'tls is malformed',
      (v) => {
        v.tls = { secret: 'x' };
      },
      "values: tls: expected { secretName: '...' }, { certManagerClusterIssuer: '...' }, { controllerDefaultCertificate: true } or { terminatedUpstream: load-balancer | tunnel | edge-proxy }, got an object",
    ],
    [
      'the controller is unknown',
      (v) => {
        v.controller = 'haproxy';
      },
      "values: controller: expected a controller (one of 'traefik', 'ingress-nginx'), got \"haproxy\"",
    ],
    [
      'the host is invalid',
      (v) => {
        v.host = 'not a host';
      },
      'values: host: expected a host name such as \'headlamp.example.com\', got "not a host"',
    ],
    [
      'the session TTL is not a number of seconds',
      (v) => {
        v.headlamp.sessionTtlSeconds = '8h';
      },
      'values: headlamp.sessionTtlSeconds: expected an integer from 1 to 31536000, got "8h"',
    ],
    [
      'the session TTL is a fraction',
      (v) => {
        v.headlamp.sessionTtlSeconds = 1.5;
      },
      'values: headlamp.sessionTtlSeconds: expected an integer from 1 to 31536000, got 1.5',
    ],
    [
      'auth is nested under headlamp',
      (v) => {
        v.headlamp.auth = {};
      },
      'values: headlamp.auth: is the top-level auth key, not a Headlamp setting; move it to the top level',
    ],
    [
      'the session TTL is a Duration',
      (v) => {
        v.headlamp.sessionTtl = 5;
      },
      'values: headlamp.sessionTtl: is a TypeScript Duration; write sessionTtlSeconds (a number of seconds) instead',
    ],
    [
      'plugins are TypeScript objects',
      (v) => {
        v.headlamp.plugins = {};
      },
      'values: headlamp.plugins: takes TypeScript objects (HeadlampPlugins) and is not available in a values file; mount plugins with extraVolumes and extraVolumeMounts',
    ],
    [
      'the client secret is missing for a confidential preset',
      (v) => {
        delete v.auth.clientSecret;
      },
      'values: auth.clientSecret: the keycloak preset needs a confidential client, got undefined; give auth.clientSecret: { secretName, key } (an existing Secret)',
    ],
    [
      'a NodePort Service',
      (v) => {
        v.headlamp.service = { type: 'NodePort' };
      },
      'or set headlamp.service.unsafeAllowPlainHttpExposure: true when TLS terminates in front of it',
    ],
    [
      'an OIDC flag in extraEnv',
      (v) => {
        v.headlamp.extraEnv = { HEADLAMP_CONFIG_OIDC_CLIENT_ID: 'x' };
      },
      'got it in extraEnv (value not shown); use auth: { type: oidc, provider, options } (its options cover every -oidc-* and -me-* flag)',
    ],
    [
      'the peer namespace is not a namespace name',
      (v) => {
        v.ingressControllerPeer = { namespace: 'Kube_System' };
      },
      'values: ingressControllerPeer.namespace: expected a DNS-1123 label',
    ],
    [
      'the peer has an empty label selector',
      (v) => {
        v.ingressControllerPeer = { namespace: 'kube-system', podLabels: {} };
      },
      'values: ingressControllerPeer.podLabels: expected at least one pod label (an empty selector admits every pod of the namespace), got {}',
    ],
  ])('fails when %s, naming the field', (_case, mutate, message) => {
    const v = base();
    mutate(v);
    expect(() => headlampChartFromValues(new App(), 'headlamp', v)).toThrow(HeadlampValidationError);
    expect(() => headlampChartFromValues(new App(), 'headlamp', v)).toThrow(message);
  });
});

describe('every problem of a values file in one run, in values terms', () => {
  const lines = (v: unknown) => {
    try {
      headlampChartFromValues(new App(), 'headlamp', v);
      return [];
    } catch (err) {
      expect(err).toBeInstanceOf(HeadlampValidationError);
      return (err as Error).message.split('\n');
    }
  };

  test('a schema error does not hide a cross-field error, nor one construct another', () => {
    const v = base();
    v.tls = null; // values schema
    v.controller = 'haproxy'; // values schema
    v.extra = 1; // unknown top-level key
    v.auth.options.realm = 'a/b'; // OidcConfig, bound by the Deployment
    v.headlamp = { replicas: 0, sessionTtlSeconds: '8h', plugins: {}, service: { type: 'NodePort' } }; // schema, then cross-field
    expect(lines(v)).toEqual([
      "values: tls: expected { secretName: '...' }, { certManagerClusterIssuer: '...' }, { controllerDefaultCertificate: true } or { terminatedUpstream: load-balancer | tunnel | edge-proxy }, got null",
      "values: controller: expected a controller (one of 'traefik', 'ingress-nginx'), got \"haproxy\"",
      'values: headlamp.plugins: takes TypeScript objects (HeadlampPlugins) and is not available in a values file; mount plugins with extraVolumes and extraVolumeMounts',
      "values: (top level): unknown key 'extra': check the spelling against the values format (docs/values.md)",
      'values: headlamp.sessionTtlSeconds: expected an integer from 1 to 31536000, got "8h"',
      'values: auth.options.realm: expected a realm name without spaces or slashes, got "a/b"',
      'values: headlamp.replicas: expected an integer >= 1, got 0',
      'values: headlamp.service.type: a NodePort Service exposes Headlamp over plain HTTP, got NodePort; keep ClusterIP behind an Ingress or HTTPRoute ' +
        'with TLS, or set headlamp.service.unsafeAllowPlainHttpExposure: true when TLS terminates in front of it',
    ]);
  });

  test("a Deployment error does not hide the chart's own (tls missing), nor a bad namespace", () => {
    const v = base();
    delete v.tls;
    v.namespace = 'Bad_NS';
    v.headlamp = { replicas: 0, image: { tag: 'latest' } };
    expect(lines(v)).toEqual([
      'values: namespace: expected a DNS-1123 label (lower-case letters, digits and \'-\', starting and ending with a letter or digit), got "Bad_NS"',
      "values: headlamp.image.tag: expected a pinned tag such as 'v0.45.0', not 'latest' (it changes under you), got \"latest\"",
      'values: headlamp.replicas: expected an integer >= 1, got 0',
      'values: tls: expected a TLS source for the Ingress, got undefined; tls: { secretName } or tls: { certManagerClusterIssuer }, or gateway: { name, sectionName } for an HTTPRoute',
    ]);
  });

  test('a problem that follows from another is not repeated: a bad client Secret name is not also a missing client secret', () => {
    const v = base();
    v.auth.clientSecret.secretName = 'Bad_Name';
    expect(lines(v)).toEqual([
      "values: auth.clientSecret.secretName: expected a DNS-1123 subdomain (lower-case letters, digits, '-' and '.'), got <redacted>",
    ]);
  });

  // What each mutation breaks, across every construct a values file builds; no message may speak TypeScript.
  const MUTATIONS: Array<(v: any) => void> = [
    (v) => {
      v.headlamp.replica = 2;
    },
    (v) => {
      v.headlamp.size = 'huge';
    },
    (v) => {
      v.headlamp.sessionTtl = 5;
    },
    (v) => {
      v.headlamp.plugins = {};
    },
    (v) => {
      v.headlamp.kubeconfigs = [];
    },
    (v) => {
      v.headlamp.inCluster = false;
    },
    (v) => {
      v.headlamp.clusterInventory = { providers: [{ name: 'a' }], rootReconcileInterval: 5 };
    },
    (v) => {
      v.headlamp.service = { type: 'NodePort' };
    },
    (v) => {
      v.headlamp.security = { runAsUser: 0 };
    },
    (v) => {
      v.headlamp.extraArgs = [
        '-oidc-client-id=x',
        '-base-url=/x',
        '-session-ttl=5',
        '-plugins-dir=/p',
        '-kubeconfig=/k',
      ];
    },
    (v) => {
      v.headlamp.extraEnv = { HEADLAMP_CONFIG_PROXY_AUTH: 'true' };
    },
    (v) => {
      v.headlamp.extraEnv = { HEADLAMP_CONFIG_UNSAFE_USE_SERVICE_ACCOUNT_TOKEN: 'true' };
    },
    (v) => {
      v.headlamp.resources = { requests: { cpu: '2' } };
    },
    (v) => {
      v.headlamp.podDisruptionBudget = { maxUnavailable: 1, minAvailable: 1 };
    },
    (v) => {
      v.headlamp.image = { tag: 'v0.20.0' };
      v.headlamp.clusterInventory = { providers: [{ name: 'a' }] };
    },
    (v) => {
      delete v.auth.clientSecret;
    },
    (v) => {
      v.auth.options.usePkce = false;
      delete v.auth.clientSecret;
    },
    (v) => {
      v.auth.options.bogus = 1;
    },
    (v) => {
      v.auth.provider = 'generic';
    },
    (v) => {
      v.auth = { type: 'oidc-settings-secret', secretName: 's' };
    },
    (v) => {
      delete v.tls;
    },
    (v) => {
      v.gateway = { name: 'g', sectionName: 's' };
    },
    (v) => {
      v.gateway = { name: 'g', sectionName: 's' };
      delete v.tls;
      v.controller = 'traefik';
    },
    (v) => {
      v.ingressControllerPeer = { namespace: 'kube-system', podLabels: {} };
    },
    (v) => {
      v.ingressControllerPeer = { ns: 'x' };
    },
    (v) => {
      v.headlamp = 'x';
    },
    (v) => {
      v.auth = 5;
    },
    (v) => {
      v.tls = { secretName: 'Bad' };
    },
  ];

  test.each(MUTATIONS.map((m, i) => [i, m]))(
    'mutation %i: every line names a values key and speaks values, not TypeScript',
    (_i, mutate) => {
      const v = base();
      mutate(v);
      const found = lines(v);
      expect(found.length).toBeGreaterThan(0);
      for (const line of found) {
        expect(line).toMatch(/^values: (\(top level\)|[a-zA-Z][\w.[\]' -]*): \S/);
        expect([
          line,
          /\bprops\.|\b[A-Z][A-Za-z]+\.[a-z]\w*\(|HeadlampDeployment|unknown prop|props interface|\ba Headlamp[A-Z]\w* \(one of/.test(
            line,
          ),
        ]).toEqual([line, false]);
      }
    },
  );
});

describe('values: ingressControllerPeer, the pods the NetworkPolicy admits', () => {
  const minimal = { namespace: 'headlamp', host: 'headlamp.example.com', tls: { secretName: 't' } };
  const peers = (v: object) =>
    only(
      Testing.synth(headlampChartFromValues(new App(), 'headlamp', { ...minimal, ...v })),
      'NetworkPolicy',
    ).spec.ingress.flatMap((rule: any) => rule.from);

  test.each<[string, object, string, Record<string, string>]>([
    [
      'k3s: Traefik in kube-system',
      { controller: 'traefik', ingressControllerPeer: { namespace: 'kube-system' } },
      'kube-system',
      { 'app.kubernetes.io/name': 'traefik' },
    ],
    [
      'ingress-nginx in kube-system, its usual labels',
      { controller: 'ingress-nginx', ingressControllerPeer: { namespace: 'kube-system' } },
      'kube-system',
      { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' },
    ],
    [
      'RKE2: ingress-nginx with labels of its own',
      {
        controller: 'ingress-nginx',
        ingressControllerPeer: {
          namespace: 'kube-system',
          podLabels: { 'app.kubernetes.io/name': 'rke2-ingress-nginx' },
        },
      },
      'kube-system',
      { 'app.kubernetes.io/name': 'rke2-ingress-nginx' },
    ],
    [
      "a Gateway's data plane",
      {
        tls: undefined,
        gateway: { name: 'public', namespace: 'gw', sectionName: 'websecure' },
        ingressControllerPeer: { namespace: 'gw', podLabels: { gateway: 'public' } },
      },
      'gw',
      { gateway: 'public' },
    ],
    ['the default: Traefik in traefik', {}, 'traefik', { 'app.kubernetes.io/name': 'traefik' }],
  ])('%s', (_case, v, namespace, podLabels) => {
    expect(peers(v)).toStrictEqual([
      {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } },
        podSelector: { matchLabels: podLabels },
      },
    ]);
  });
});

describe('cdk8s-headlamp CLI (compiled; npm test builds first)', () => {
  const cli = path.join(ROOT, 'bin', 'cdk8s-headlamp.js');
  const out = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));

  test('renders manifests from a values file', () => {
    const dir = path.join(out(), 'h');
    execFileSync(process.execPath, [cli, '--values', VALUES, '--out', dir], { cwd: ROOT });
    const objects = parseYaml(fs.readFileSync(path.join(dir, 'headlamp.k8s.yaml'), 'utf8'));
    expect(objects.map((o) => o.kind)).toContain('Deployment');
    expect(validateAll(objects)).toEqual([]);
  });

  test('renders a Helm chart with --helm', () => {
    const dir = path.join(out(), 'h');
    execFileSync(process.execPath, [cli, '--values', VALUES, '--out', dir, '--helm'], { cwd: ROOT });
    expect(fs.readFileSync(path.join(dir, 'Chart.yaml'), 'utf8')).toContain('name: headlamp');
    expect(fs.existsSync(path.join(dir, 'templates', 'headlamp.k8s.yaml'))).toBe(true);
  });

  test('a bad field exits 1 with the field named, no stack trace', () => {
    const bad = path.join(out(), 'bad.yaml');
    fs.writeFileSync(bad, fs.readFileSync(VALUES, 'utf8').replace('replicas: 2', 'replicas: 0'));
    let stderr = '';
    let status = 0;
    try {
      execFileSync(process.execPath, [cli, '--values', bad, '--out', path.join(out(), 'x')], {
        cwd: ROOT,
        stdio: 'pipe',
      });
    } catch (err: any) {
      stderr = String(err.stderr);
      status = err.status;
    }
    expect(status).toBe(1);
    expect(stderr.trim()).toBe('values: headlamp.replicas: expected an integer >= 1, got 0');
  });

  /** Runs the CLI; never throws. */
  const run = (args: string[], cwd = ROOT) => {
    const res = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
    return { status: res.status, stdout: res.stdout, stderr: res.stderr };
  };

  test('--help and -h print every flag and exit 0; --version names both versions', () => {
    for (const flag of ['--help', '-h']) {
      const res = run([flag]);
      expect(res.status).toBe(0);
      for (const f of ['--values', '--out', '--helm', '--name', '--help', '--version']) expect(res.stdout).toContain(f);
    }
    expect(run(['--version'])).toEqual({
      status: 0,
      stdout: `cdk8s-headlamp 0.1.0 (Headlamp v${HeadlampDeployment.HEADLAMP_VERSION})\n`,
      stderr: '',
    });
  });

  test.each<[string, string[], string]>([
    ['an unknown flag', ['--values', VALUES, '--output', 'x'], "cdk8s-headlamp: Unknown option '--output'; see --help"],
    [
      'a flag without its value',
      ['--values'],
      "cdk8s-headlamp: Option '--values <value>' argument missing; see --help",
    ],
    ['no values file', [], 'cdk8s-headlamp: give --values FILE or --chart-values FILE (one of them); see --help'],
    [
      'a migration flag without --chart-values',
      ['--values', VALUES, '--public-url', 'https://x'],
      'cdk8s-headlamp: --public-url applies to --chart-values only; see --help',
    ],
    [
      'a missing values file',
      ['--values', 'nope.yaml'],
      'cdk8s-headlamp: cannot read values file nope.yaml: no such file',
    ],
    [
      'a bad release name',
      ['--values', VALUES, '--name', 'Head_lamp'],
      'cdk8s-headlamp: --name: expected a DNS-1035 label such as \'headlamp\', got "Head_lamp"',
    ],
  ])('%s exits 2 with one line', (_case, args, line) => {
    const res = run(args);
    expect([res.status, res.stderr]).toEqual([2, `${line}\n`]);
  });

  test('a YAML syntax error exits 1 with file, line and column', () => {
    const bad = path.join(out(), 'bad.yaml');
    fs.writeFileSync(bad, 'namespace: x\nhost: [\n');
    const res = run(['--values', bad]);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(
      new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:1: not valid YAML: [^\n]+\n$`),
    );
  });

  test('--out never deletes what it did not write: a foreign non-empty directory is refused, untouched', () => {
    const dir = out();
    fs.copyFileSync(VALUES, path.join(dir, 'values.yaml'));
    fs.writeFileSync(path.join(dir, 'main.ts'), '// mine');
    for (const extra of [[], ['--helm']]) {
      const res = run(['--values', 'values.yaml', '--out', '.', ...extra], dir);
      expect(res.status).toBe(2);
      expect(res.stderr).toBe(
        `cdk8s-headlamp: refusing to write into ${fs.realpathSync(dir)}: it holds 2 entries that cdk8s-headlamp did not write (no .cdk8s-headlamp file); choose a new or empty directory\n`,
      );
      expect(fs.readdirSync(dir).sort()).toEqual(['main.ts', 'values.yaml']);
    }
  });

  test('a directory it wrote: only its own files are replaced, a user file beside them survives', () => {
    const dir = path.join(out(), 'h');
    expect(run(['--values', VALUES, '--out', dir, '--helm']).status).toBe(0);
    fs.writeFileSync(path.join(dir, 'NOTES.md'), 'mine');
    expect(run(['--values', VALUES, '--out', dir]).status).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(['.cdk8s-headlamp', 'NOTES.md', 'headlamp.k8s.yaml']);
    expect(JSON.parse(fs.readFileSync(path.join(dir, '.cdk8s-headlamp'), 'utf8'))).toEqual({
      files: ['headlamp.k8s.yaml'],
    });
  });
});

describe('docs/values.md', () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'values.md'), 'utf8');
  const examples = [...doc.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => parse(m[1]));

  test.each(examples.map((v, i) => [i + 1, v]))('example %i renders valid objects', (_i, values) => {
    const objects = Testing.synth(headlampChartFromValues(new App(), 'headlamp', values));
    expect(validateAll(objects)).toEqual([]);
  });

  test('documents every key the schema accepts (read from the schema) and every HeadlampDeployment prop', () => {
    expect(valuesKeys()).toEqual(
      expect.arrayContaining([
        'namespace',
        'tls.secretName',
        'ingressControllerPeer.namespace',
        'ingressControllerPeer.podLabels',
        'auth.clientSecret.key',
        'headlamp',
      ]),
    );
    expect(valuesKeys().filter((key) => !doc.includes(`\`${key}\``))).toEqual([]);
    // Every HeadlampDeployment prop is named in the `headlamp` table (sessionTtl as sessionTtlSeconds; auth lives at the top).
    const props = fs
      .readFileSync(path.join(ROOT, 'lib', 'deployment', 'headlamp-deployment-props.ts'), 'utf8')
      .split('export interface HeadlampDeploymentOptions {')[1]
      .split('\n}\n')[0]
      .match(/^ {2}readonly (\w+)\?/gm)!
      .map((l) => l.replace(/^ {2}readonly /, '').replace('?', ''));
    for (const prop of props.filter(
      (p) => p !== 'auth' && p !== 'sessionTtl' && p !== 'plugins' && p !== 'kubeconfigs',
    )) {
      expect([prop, doc.includes(`\`${prop}`)]).toEqual([prop, true]);
    }
  });
});

describe('values: the rest of what the official chart users need', () => {
  const minimal = { namespace: 'headlamp', host: 'headlamp.example.com' };
  const synthValues = (v: unknown) => Testing.synth(headlampChartFromValues(new App(), 'headlamp', v));

  test('an HTTPRoute on a Gateway HTTPS listener instead of an Ingress', () => {
    const objects = synthValues({
      ...minimal,
      gateway: { name: 'public', namespace: 'gateways', sectionName: 'websecure' },
    });
    expect(only(objects, 'HTTPRoute').spec.parentRefs).toStrictEqual([
      { name: 'public', namespace: 'gateways', sectionName: 'websecure' },
    ]);
    expect(objects.some((o) => o.kind === 'Ingress')).toBe(false);
    expect(validateAll(objects)).toEqual([]);
  });

  test('neither tls nor gateway is refused with both ways out', () => {
    expect(() => synthValues(minimal)).toThrow(
      'values: tls: expected a TLS source for the Ingress, got undefined; tls: { secretName } or tls: { certManagerClusterIssuer }, or gateway',
    );
  });

  test('OIDC settings from an existing Secret, and the shared-token login by its unsafe name', () => {
    const settings = synthValues({
      ...minimal,
      tls: { secretName: 't' },
      auth: {
        type: 'oidc-settings-secret',
        secretName: 'oidc',
        options: { publicUrl: 'https://headlamp.example.com' },
      },
    });
    const env = only(settings, 'Deployment').spec.template.spec.containers[0].env;
    expect(env.map((e: any) => e.valueFrom.secretKeyRef.name)).toStrictEqual(['oidc', 'oidc', 'oidc', 'oidc']);
    const shared = synthValues({ ...minimal, tls: { secretName: 't' }, auth: { type: 'unsafe-shared-token' } });
    expect(only(shared, 'ClusterRoleBinding').roleRef.name).toBe('view');
  });

  test('UI and operator settings are plain values; a floating image is named by its key', () => {
    const objects = synthValues({
      ...minimal,
      tls: { secretName: 't' },
      headlamp: {
        logLevel: 'warn',
        themes: { force: 'Dark' },
        nodeShellImage: 'docker.io/library/busybox:1.37.0',
        nodeShellNamespace: 'shells',
        appName: 'Console',
        proxyUrls: ['https://prometheus.example.com/*'],
      },
    });
    expect(only(objects, 'Deployment').spec.template.spec.containers[0].args.slice(2)).toStrictEqual([
      '-log-level=warn',
      '-force-theme=Dark',
      '-node-shell-image=docker.io/library/busybox:1.37.0',
      '-node-shell-namespace=shells',
      '-app-name=Console',
      '-proxy-urls=https://prometheus.example.com/*',
    ]);
    expect(() =>
      synthValues({
        ...minimal,
        tls: { secretName: 't' },
        headlamp: { podDebugImage: 'busybox', logLevel: 'verbose' },
      }),
    ).toThrow(
      [
        "values: headlamp.logLevel: expected one of 'trace', 'debug', 'info', 'warn', 'error', 'fatal', 'panic', 'disabled', got \"verbose\"",
        "values: headlamp.podDebugImage: expected a pinned image: a tag naming a full version such as 'docker.io/library/busybox:1.37.0', or a digest " +
          "'...@sha256:<64 hex digits>' (a floating tag such as 'latest', a major or minor such as '3.20', or none, changes under you), got \"busybox\"",
      ].join('\n'),
    );
  });

  test('metrics and tracing in their plain forms; a bad one is named by its key as written', () => {
    const objects = synthValues({
      ...minimal,
      tls: { secretName: 't' },
      headlamp: {
        metrics: {
          scrapeBy: 'serviceMonitor',
          prometheus: { namespace: 'monitoring', name: 'k8s' },
          labels: { release: 'kps' },
          intervalSeconds: 30,
        },
        tracing: { endpoint: 'otel-collector.observability.svc:4318', protocol: 'http' },
      },
    });
    expect(only(objects, 'ServiceMonitor').spec.endpoints).toStrictEqual([
      { port: 'http', path: '/metrics', interval: '30s', scheme: 'http' },
    ]);
    expect(only(objects, 'Deployment').spec.template.spec.containers[0].args.slice(2)).toStrictEqual([
      '-metrics-enabled',
      '-tracing-enabled',
      '-otlp-endpoint=otel-collector.observability.svc:4318',
      '-use-otlp-http',
    ]);
    expect(validateAll(objects)).toEqual([]);
    const annotations = synthValues({
      ...minimal,
      tls: { secretName: 't' },
      headlamp: {
        metrics: { scrapeBy: 'annotations', prometheus: { namespace: 'monitoring', podLabels: { app: 'prometheus' } } },
      },
    });
    expect(only(annotations, 'Deployment').spec.template.metadata.annotations['prometheus.io/scrape']).toBe('true');
    expect(() =>
      synthValues({
        ...minimal,
        tls: { secretName: 't' },
        headlamp: {
          metrics: {
            scrapeBy: 'podMonitor',
            prometheus: { namespace: 'monitoring', name: 'k8s prom' },
            intervalSeconds: 0,
          },
          tracing: { endpoint: 'http://c:4317' },
        },
      }),
    ).toThrow(
      [
        'values: headlamp.metrics.intervalSeconds: expected an integer >= 1, got 0',
        "values: headlamp.tracing.endpoint: expected a collector address 'host:port' such as 'otel-collector.observability.svc:4317' (no scheme or path: " +
          'Headlamp dials it as given, in plain text), got "http://c:4317"',
      ].join('\n'),
    );
    expect(() =>
      synthValues({
        ...minimal,
        tls: { secretName: 't' },
        headlamp: {
          metrics: { scrapeBy: 'podMonitor', prometheus: { namespace: 'monitoring', name: 'k8s prom' } },
        },
      }),
    ).toThrow(
      "values: headlamp.metrics.prometheus.name: expected a label value (alphanumerics, '-', '_', '.', starting and ending alphanumeric), got \"k8s prom\"",
    );
    expect(() =>
      synthValues({
        ...minimal,
        tls: { secretName: 't' },
        headlamp: { metrics: { scrapeBy: 'podMonitor', prometheus: { namespace: 'monitoring' } } },
      }),
    ).toThrow(
      'values: headlamp.metrics.prometheus: expected either name (a Prometheus Operator Prometheus) or podLabels (any Prometheus pods), not both or neither, got an object',
    );
  });

  test('an extra Service port whose targetPort is a name keeps it (it used to vanish)', () => {
    const objects = synthValues({
      ...minimal,
      tls: { secretName: 't' },
      headlamp: {
        service: {
          extraPorts: [
            { name: 'metrics', port: 9090, targetPort: 'metrics' },
            { name: 'grpc', port: 9091, targetPort: 9091 },
          ],
        },
      },
    });
    const ports = only(objects, 'Service').spec.ports;
    expect(ports.slice(1).map((p: any) => p.targetPort)).toStrictEqual(['metrics', 9091]);
  });
});

test('plain quantities and ports in passthrough volumes and containers survive (they used to be dropped without a word)', () => {
  const objects = Testing.synth(
    headlampChartFromValues(new App(), 'headlamp', {
      namespace: 'headlamp',
      host: 'headlamp.example.com',
      tls: { secretName: 't' },
      headlamp: {
        extraVolumes: [{ name: 'scratch', emptyDir: { sizeLimit: '100Mi' } }],
        extraContainers: [
          {
            name: 'side',
            image: 'busybox:1.36',
            resources: { limits: { cpu: '100m', memory: '64Mi' } },
            readinessProbe: { httpGet: { path: '/', port: 8080 } },
          },
        ],
      },
    }),
  );
  const pod = only(objects, 'Deployment').spec.template.spec;
  expect(pod.volumes.find((v: any) => v.name === 'scratch').emptyDir).toStrictEqual({ sizeLimit: '100Mi' });
  const side = pod.containers.find((c: any) => c.name === 'side');
  expect(side.resources.limits).toStrictEqual({ cpu: '100m', memory: '64Mi' });
  expect(side.readinessProbe.httpGet.port).toBe(8080);
  expect(validateAll(objects)).toEqual([]);
});
