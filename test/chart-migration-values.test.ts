// Chart values as a hurried user writes them (issue 22 §9): every slip becomes an error or refusal naming the values key, never a TypeError
// or a raw cdk8s message; a slip the chart takes the migration takes the same way, and what helm refuses is refused. helm template of the
// pinned chart is run on each case to pin what the chart does with it.
import { App } from 'cdk8s';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChartMigrationOptions, ChartMigrationRefusal, HeadlampValidationError, migrateChartValues } from '../lib';
import { CHART_VALUE_TYPES, NULL_REFUSED } from '../lib/chart/migration/chart-value-types';
import { effectiveFlags } from './helpers/effective-flags';
import { parseYaml } from './helpers/synth';
import { parse } from 'yaml';

const { findChart } = require('../scripts/pinned-files');
/** helm of scripts/helm-binary.js, with execFileSync options (stdio: 'pipe' keeps the errors this file expects off the console). */
const helm: (args: string[], options: object) => string = require('../scripts/helm-binary').helm;
const CHART: string = findChart();
const OPTIONS: ChartMigrationOptions = { publicUrl: 'https://headlamp.example.com' };

/** What `helm template` of the chart does with the values (an object, or YAML text as the user wrote it): its objects, or its error. */
function helmTemplate(values: object | string): { objects?: any[]; error?: string } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'values-')), 'values.yaml');
  fs.writeFileSync(file, typeof values === 'string' ? values : JSON.stringify(values));
  try {
    return {
      objects: parseYaml(
        helm(['template', 'headlamp', CHART, '--namespace', 'headlamp', '-f', file], { stdio: 'pipe' }),
      ),
    };
  } catch (err) {
    return { error: String((err as { stderr?: string }).stderr ?? err).trim() };
  }
}

/** The migration's objects and notes, or its error (a TypeError would fail the test that called it); YAML text is read as the CLI reads it. */
function migrate(values: object | string) {
  const app = new App();
  try {
    const { notes } = migrateChartValues(app, typeof values === 'string' ? parse(values) : values, OPTIONS);
    return { objects: parseYaml(app.synthYaml()), notes, error: undefined };
  } catch (err) {
    if (err instanceof ChartMigrationRefusal || err instanceof HeadlampValidationError)
      return { objects: [], notes: [], error: err };
    throw err;
  }
}

describe("the value types are the chart's values.schema.json", () => {
  const schema = JSON.parse(fs.readFileSync(path.join(CHART, 'values.schema.json'), 'utf8'));
  const SIMPLE = new Set([
    'type',
    'minimum',
    'maximum',
    'enum',
    'required',
    'additionalProperties',
    'const',
    'properties',
    'items',
    'description',
    'default',
    'title',
    '$schema',
  ]);
  /** The schema's constraint in the form of ValueType.chart; `custom:` for the keywords a hand-written check stands for. */
  function constraint(node: any): string | undefined {
    if (Object.keys(node).some((k) => !SIMPLE.has(k))) return 'custom:';
    if (node.type === undefined) return undefined;
    let d = [node.type].flat().join('|');
    if (node.minimum !== undefined) d += `>=${node.minimum}`;
    if (node.maximum !== undefined) d += `<=${node.maximum}`;
    if (node.enum) d += `:${node.enum.join('|')}`;
    if (node.required) d += ` required=${[...node.required].sort().join(',')}`;
    if (node.additionalProperties === false) d += ' closed';
    return d;
  }
  const typed: Record<string, string> = {};
  (function walk(node: any, at: string) {
    const c = at ? constraint(node) : undefined;
    if (c) typed[at] = c;
    for (const [k, child] of Object.entries(node.properties ?? {})) walk(child, at ? `${at}.${k}` : k);
    if (node.items && typeof node.items === 'object' && !Array.isArray(node.items)) walk(node.items, `${at}[]`);
  })(schema, '');

  test('every key the schema types has the same type here (a check of its own where the schema uses oneOf, anyOf or a pattern)', () => {
    const ours = Object.fromEntries(
      Object.keys(typed).map((k) => [k, CHART_VALUE_TYPES[k]?.chart?.replace(/^custom:.*/, 'custom:')]),
    );
    expect(ours).toStrictEqual(typed);
    expect(Object.keys(typed).length).toBeGreaterThan(190);
  });

  test('a key typed here but not by the schema is one the schema leaves untyped (typed the way the templates read it)', () => {
    const extra = Object.entries(CHART_VALUE_TYPES).filter(([k]) => !(k in typed));
    expect(extra.filter(([, t]) => t.chart !== undefined).map(([k]) => k)).toEqual([]);
  });
});

describe("a hurried user's values: the message names the key, what is expected and the fix", () => {
  // [what, values, the exact message, what helm template does with it]. 'renders' = helm takes it; the note says
  // why the migration refuses it anyway (the chart's output would be refused by Kubernetes, or mean the opposite).
  test.each<[string, object, string, 'refuses' | string]>([
    [
      'a number in quotes',
      { replicaCount: '2' },
      'chart values: replicaCount: expected an integer >= 1, got "2" (a string: write 2 without quotes)',
      'refuses',
    ],
    ['a fraction', { replicaCount: 2.5 }, 'chart values: replicaCount: expected an integer >= 1, got 2.5', 'refuses'],
    [
      'a session TTL below 1',
      { config: { sessionTTL: -5 } },
      'chart values: config.sessionTTL: expected an integer from 1 to 31536000, got -5',
      'refuses',
    ],
    [
      'a session TTL in quotes',
      { config: { sessionTTL: '3600' } },
      'chart values: config.sessionTTL: expected an integer from 1 to 31536000, got "3600" (a string: write 3600 without quotes)',
      'refuses',
    ],
    [
      'a session TTL that is not whole',
      { config: { sessionTTL: 1.5 } },
      'chart values: config.sessionTTL: expected an integer from 1 to 31536000, got 1.5',
      'refuses',
    ],
    [
      'a probe period of 0',
      { probes: { livenessProbe: { periodSeconds: 0 } } },
      'chart values: probes.livenessProbe.periodSeconds: expected an integer >= 1, got 0',
      'refuses',
    ],
    [
      'a probe period in quotes',
      { probes: { readinessProbe: { timeoutSeconds: '5' } } },
      'chart values: probes.readinessProbe.timeoutSeconds: expected an integer >= 1, got "5" (a string: write 5 without quotes)',
      'refuses',
    ],
    [
      'a map where the chart has a list',
      { env: { FOO: 'bar' } },
      'chart values: env: expected a list (- item lines), got a map',
      'refuses',
    ],
    [
      'a list where the chart has a map',
      { config: [] },
      'chart values: config: expected a map (key: value lines), got a list of 0',
      'refuses',
    ],
    // NAME=value may hold a secret: never shown.
    [
      'an env entry as NAME=value',
      { env: ['FOO=bar'] },
      'chart values: env[0]: expected a map with a name and one of value and valueFrom, got a string (value not shown)',
      'refuses',
    ],
    [
      'an env entry without a value',
      { env: [{ name: 'FOO' }] },
      'chart values: env[0]: expected a map with a name and one of value and valueFrom, got a map (it has neither)',
      'refuses',
    ],
    [
      'an env value that is a number (never shown: it may be a secret)',
      { env: [{ name: 'OIDC_CLIENT_SECRET', value: 12345 }] },
      'chart values: env[0].value: expected a string, got a number (value not shown)',
      'refuses',
    ],
    [
      'a misspelled key of an env entry',
      { env: [{ name: 'FOO', valeu: 'x' }] },
      'chart values: env[0]: expected a map with a name and one of value and valueFrom, got a map (it has neither)\n' +
        'chart values: env[0].valeu: unknown key: not a value of the official Headlamp chart 0.45 (check the spelling)',
      'refuses',
    ],
    [
      'a client ID that YAML reads as a number',
      { config: { oidc: { clientID: 1234567890 } } },
      "chart values: config.oidc.clientID: expected a string, got 1234567890 (quote it: '1234567890')",
      'refuses',
    ],
    [
      'a client secret that is a number (never shown)',
      { config: { oidc: { clientSecret: 12345 } } },
      'chart values: config.oidc.clientSecret: expected a string, got a number (value not shown)',
      'refuses',
    ],
    [
      'an image tag YAML reads as a number',
      { image: { tag: 0.45 } },
      "chart values: image.tag: expected a string, got 0.45 (quote it: '0.45')",
      'refuses',
    ],
    [
      'an ingress host as a string',
      { ingress: { enabled: true, hosts: ['headlamp.example.com'] } },
      'chart values: ingress.hosts[0]: expected a map (key: value lines), got "headlamp.example.com"',
      'refuses',
    ],
    [
      'a pull secret as a string',
      { imagePullSecrets: ['regcred'] },
      'chart values: imagePullSecrets[0]: expected a map (key: value lines), got "regcred"',
      'refuses',
    ],
    [
      'extra args as one string (an arg may hold a secret: never shown)',
      { config: { extraArgs: '-enable-helm' } },
      'chart values: config.extraArgs: expected a list (- item lines), got a string (value not shown)',
      'refuses',
    ],
    [
      'a quoted boolean',
      { ingress: { enabled: 'true' } },
      'chart values: ingress.enabled: expected true or false, got "true" (a string: write true without quotes)',
      'refuses',
    ],
    [
      'hostnames as a string',
      { hostAliases: [{ ip: '10.0.0.5', hostnames: 'sso.internal' }] },
      'chart values: hostAliases[0].hostnames: expected a list (- item lines), got "sso.internal"',
      'refuses',
    ],
    [
      'a null section the templates read into',
      { probes: { livenessProbe: null } },
      "chart values: probes.livenessProbe: expected a map (key: value lines), got null (helm fails on it: the chart's templates read the keys under it); " +
        "remove the line to keep the chart's default",
      'refuses',
    ],
    [
      'no env at all as null',
      { env: null },
      'chart values: env: expected a list (- item lines), got null (helm refuses it: env has no default for a null ' +
        "to fall back on); remove the line to keep the chart's default",
      'refuses',
    ],
    [
      'volumes as a map (the chart renders an object Kubernetes refuses)',
      { volumes: { certs: { secret: { secretName: 'c' } } } },
      'chart values: volumes: expected a list (- item lines), got a map',
      'renders',
    ],
    [
      'annotations as a list (the chart renders an object Kubernetes refuses)',
      { podAnnotations: ['a=b'] },
      'chart values: podAnnotations: expected a map (key: value lines), got a list of 1',
      'renders',
    ],
    [
      '"false" in quotes for a switch (the chart\'s `with` reads it as true: Helm on)',
      { config: { enableHelm: 'false' } },
      'chart values: config.enableHelm: expected true or false, got "false" (a string, which the chart\'s template reads as true: write true or false without quotes)',
      'renders',
    ],
    [
      'a runAsUser in quotes (the chart renders a string Kubernetes refuses)',
      { securityContext: { runAsUser: '1000' } },
      'chart values: securityContext.runAsUser: expected an integer, got "1000" (a string: write 1000 without quotes)',
      'renders',
    ],
    [
      'an annotation that YAML reads as a boolean (the chart renders an object Kubernetes refuses)',
      { podAnnotations: { 'tailscale.com/expose': true } },
      "chart values: podAnnotations['tailscale.com/expose']: expected a string, got true (quote it: 'true')",
      'renders',
    ],
    [
      'a volume mount without a path',
      { volumes: [{ name: 'certs', emptyDir: {} }], volumeMounts: [{ name: 'certs' }] },
      'chart values: volumeMounts[0].mountPath: missing: add mountPath (a string)',
      'renders',
    ],
    [
      'a map where the Kubernetes API has a list, deep in an affinity (the chart renders it; Kubernetes refuses it)',
      {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: { matchExpressions: [] } },
          },
        },
      },
      'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: expected a list (- item lines), as the Kubernetes API ' +
        'has it; write the value as a list',
      'renders',
    ],
    [
      'an ingress without hosts (the chart renders an Ingress without rules, which Kubernetes refuses)',
      { ingress: { enabled: true, tls: [{ secretName: 'headlamp-tls' }] } },
      'ingress.hosts: expected at least one host with ingress.enabled (the chart would render an Ingress without rules, which Kubernetes refuses); ' +
        'add hosts: [{ host: headlamp.example.com }], or set ingress.enabled: false',
      'renders',
    ],
    [
      'an ingress host without a name (the chart routes every host name)',
      {
        ingress: {
          enabled: true,
          hosts: [{ paths: [{ path: '/', type: 'Prefix' }] }],
          tls: [{ secretName: 'headlamp-tls' }],
        },
      },
      'ingress.hosts[0].host: expected the host name users reach Headlamp at (the chart would route every host name to it); add host: headlamp.example.com',
      'renders',
    ],
    [
      'a second path to Headlamp, reported at its own index among the paths',
      {
        ingress: {
          enabled: true,
          hosts: [
            {
              host: 'h.example.com',
              paths: [
                { path: '/', type: 'Prefix' },
                { path: '/other', type: 'Prefix' },
              ],
            },
          ],
          tls: [{ secretName: 't' }],
        },
      },
      'ingress.hosts[0].paths[1]: a second path to Headlamp itself is not supported (Headlamp is served at its base URL /); remove it, or give it a backend.service',
      'renders',
    ],
    [
      'an extra arg for a flag the chart has a value for (and the migration does not carry)',
      { config: { extraArgs: ['-tls-cert-path=/tls/tls.crt'] } },
      'config.extraArgs[0]: -tls-cert-path is set from config.tlsCertPath here; use config.tlsCertPath and remove config.extraArgs[0]',
      'renders',
    ],
    [
      "Headlamp's env var for such a flag",
      {
        env: [
          { name: 'FOO', value: 'x' },
          { name: 'HEADLAMP_CONFIG_BASE_URL', value: '/headlamp' },
        ],
      },
      "env[1]: HEADLAMP_CONFIG_BASE_URL sets Headlamp's -base-url, which is set from config.baseURL here; use config.baseURL and remove env[1]",
      'renders',
    ],
    [
      'a trust-changing Headlamp env var, named by its index',
      {
        env: [
          { name: 'A', value: 'x' },
          { name: 'HEADLAMP_CONFIG_PROXY_AUTH', value: 'true' },
        ],
      },
      "chart values: env[1]: sets -proxy-auth (Headlamp reads HEADLAMP_CONFIG_* as its flags), got it in extraEnv (value not shown); use TypeScript's " +
        'HeadlampDeployment props.auth: HeadlampAuth.identityAwareProxy() (with an OAuth2ProxyFrontend in front) (HeadlampDeployment props.extraEnv.HEADLAMP_CONFIG_PROXY_AUTH)',
      'renders',
    ],
  ])('%s', (_what, values, message, chart) => {
    const result = migrate(values);
    expect(result.error?.message).toBe(message);
    const { error } = helmTemplate(values);
    expect(error === undefined ? 'renders' : 'refuses').toBe(chart);
  });
});

describe('a slip the chart reads one way is read the same way, and Headlamp gets the same flags', () => {
  test.each<[string, object | string, (objects: any[]) => unknown, unknown]>([
    [
      'YAML 1.1 booleans (helm reads an unquoted yes, on, off as booleans; YAML 1.2 as strings)',
      'config: { enableHelm: yes, watchPlugins: off }\nhostUsers: no\n',
      (o) => o.find((x: any) => x.kind === 'Deployment').spec.template.spec.hostUsers,
      false,
    ],
    [
      'hostUsers: "false" in quotes (the chart prints it bare)',
      { hostUsers: 'false' },
      (o) => o.find((x: any) => x.kind === 'Deployment').spec.template.spec.hostUsers,
      false,
    ],
    [
      'a context name YAML reads as a number (the chart prints it)',
      { config: { inClusterContextName: 5 } },
      (o) =>
        o
          .find((x: any) => x.kind === 'Deployment')
          .spec.template.spec.containers[0].args.includes('-in-cluster-context-name=5'),
      true,
    ],
    [
      'a disruption budget count in quotes (the chart prints it bare)',
      { replicaCount: 2, podDisruptionBudget: { enabled: true, minAvailable: '1' } },
      (o) => o.find((x: any) => x.kind === 'PodDisruptionBudget').spec.minAvailable,
      1,
    ],
    [
      'CPU as a number (Kubernetes reads it as a quantity)',
      { resources: { limits: { cpu: 1, memory: '256Mi' }, requests: { cpu: 0.1, memory: '64Mi' } } },
      (o) => o.find((x: any) => x.kind === 'Deployment').spec.template.spec.containers[0].resources,
      { limits: { cpu: '1', memory: '256Mi' }, requests: { cpu: '0.1', memory: '64Mi' } },
    ],
    [
      'a null value the chart has a default for (helm deletes it; the default applies here)',
      { replicaCount: null, config: { enableHelm: null } },
      (o) => o.find((x: any) => x.kind === 'Deployment').spec.replicas,
      1,
    ],
  ])('%s', (_what, values, read, expected) => {
    const result = migrate(values);
    expect(result.error).toBeUndefined();
    expect(read(result.objects)).toStrictEqual(expected);
    const theirs = effectiveFlags(helmTemplate(values).objects!);
    const ours = effectiveFlags(result.objects);
    const noted = new Set(result.notes.flatMap((n) => n.flags));
    expect(Object.keys(theirs).filter((f) => theirs[f] !== ours[f] && !noted.has(f))).toEqual([]);
  });
});

test('a null under a section the templates read into fails helm template, as NULL_REFUSED says', () => {
  for (const key of Object.keys(NULL_REFUSED)) {
    const values = key.split('.').reduceRight<unknown>((inner, k) => ({ [k]: inner }), null) as object;
    expect([key, helmTemplate(values).error === undefined]).toEqual([key, false]);
    expect([key, (migrate(values).error as HeadlampValidationError).issues[0].propPath]).toEqual([key, key]);
  }
});

test("the caller's values are never changed (config.tlsCertPath takes its volume out of the migration's own copy)", () => {
  const values = {
    config: { tlsCertPath: '/tls/tls.crt', tlsKeyPath: '/tls/tls.key', sessionTTL: null },
    volumes: [
      { name: 'tls', secret: { secretName: 'headlamp-tls' } },
      { name: 'other', emptyDir: {} },
    ],
    volumeMounts: [
      { name: 'tls', mountPath: '/tls' },
      { name: 'other', mountPath: '/other' },
    ],
    env: [{ name: 'OIDC_USE_PKCE', value: 'true' }],
  };
  const before = JSON.parse(JSON.stringify(values));
  const result = migrate(values);
  expect(result.error).toBeUndefined();
  expect(values).toStrictEqual(before);
  const pod = result.objects.find((o) => o.kind === 'Deployment').spec.template.spec;
  expect(pod.volumes.map((v: any) => v.name)).toContain('other');
  // Once, as podTlsSecret's volume (mounted at /etc/headlamp/tls), not also as the values' own.
  expect(pod.volumes.filter((v: any) => v.secret?.secretName === 'headlamp-tls')).toHaveLength(1);
});

test("any key of the chart's values.yaml or test cases set to a value of the wrong shape gives a values error, a refusal or a migration, never anything else", () => {
  const cases = path.join(CHART, 'tests', 'test_cases');
  const files = [
    path.join(CHART, 'values.yaml'),
    ...fs
      .readdirSync(cases)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => path.join(cases, f)),
  ];
  const ODD = [null, '2', 2, 1.5, 'false', '', [], [null], [{}], {}, { a: [1] }];
  /** Every path to a value in `v`, and the values with one of them replaced. */
  const paths = (v: unknown, at: Array<string | number> = []): Array<Array<string | number>> =>
    v === null || typeof v !== 'object'
      ? [at]
      : [at, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...at, Array.isArray(v) ? Number(k) : k]))];
  const replaced = (root: object, at: Array<string | number>, odd: unknown) => {
    const copy = structuredClone(root) as any;
    at.slice(0, -1).reduce((cur, k) => cur[k], copy)[at[at.length - 1]] = odd;
    return copy;
  };
  const unexpected: string[] = [];
  for (const file of files) {
    const values = parse(fs.readFileSync(file, 'utf8')) ?? {};
    for (const at of paths(values).filter((p) => p.length)) {
      for (const odd of ODD) {
        const app = new App();
        try {
          migrateChartValues(app, replaced(values, at, odd), {
            ...OPTIONS,
            unsafePlaintextSecrets: true,
            unsafeSharedServiceAccountToken: true,
            unsafePlainHttpService: true,
            unsafePluginDownloadsFromAnyHost: true,
          });
          app.synthYaml();
        } catch (err) {
          const named =
            err instanceof ChartMigrationRefusal ||
            (err instanceof HeadlampValidationError &&
              err.constructType === 'chart values' &&
              err.issues.every((i) => !/^(props|chart)\b|^$/.test(i.propPath)));
          if (!named)
            unexpected.push(
              `${path.basename(file)} ${at.join('.')} = ${JSON.stringify(odd)}: ${String(err).split('\n')[0]}`,
            );
        }
      }
    }
  }
  expect(unexpected).toEqual([]);
}, 60_000);
