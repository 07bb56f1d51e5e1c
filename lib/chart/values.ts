/**
 * A values file (JSON or YAML parsed to plain data) for teams that do not write TypeScript: it maps onto
 * {@link HeadlampChart} props, and every field is validated by the same schemas the constructs use. Errors
 * name the field as it is written in the file: `headlamp.replicas: expected an integer >= 1, got 0`, with fixes in
 * values terms (VALUES_TERMS), and every problem comes in one run: each part is also checked on its own
 * (IssueCollector in core/errors.ts). The format is documented key by key in docs/values.md.
 */
import { App, Chart, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { HeadlampValidationError, IssueCollector, parseProps, Restatement, restateIssue } from '../core/errors';
import { HeadlampAuth } from '../auth/headlamp-auth';
import { HeadlampChart, HeadlampChartProps } from './headlamp-chart';
import { HeadlampDeployment } from '../deployment/headlamp-deployment';
import { HeadlampDeploymentProps } from '../deployment/headlamp-deployment-props';
import { IngressController, IngressControllerPeer, IngressTls, TlsTerminatedAt } from '../routes/ingress-options';
import { OidcConfig } from '../auth/oidc-config';
import { OidcSettingsSecretOptions } from '../auth/oidc-options';
import { OidcClientSecret } from '../auth/oidc-references';
import {
  bool,
  dnsLabel,
  dnsSubdomain,
  hostnames,
  int,
  labels,
  lazy,
  oneOf,
  sameShape,
  secretKey,
} from '../core/schema';
import { HeadlampValues, HeadlampValuesOidcProvider } from './values-file';
import { metricsFromValues, tracingFromValues } from './values-telemetry';

const PRESETS: Record<HeadlampValuesOidcProvider, (o: any) => OidcConfig> = {
  generic: (o) => new OidcConfig(o),
  dex: (o) => OidcConfig.dex(o),
  keycloak: (o) => OidcConfig.keycloak(o),
  'entra-id': (o) => OidcConfig.entraId(o),
  cognito: (o) => OidcConfig.cognito(o),
  google: (o) => OidcConfig.google(o),
  openunison: (o) => OidcConfig.openUnison(o),
};
const PROVIDER_NAMES = Object.fromEntries(Object.keys(PRESETS).map((k) => [k, k])) as {
  [K in HeadlampValuesOidcProvider]: K;
};

/** Keys of `headlamp` that take TypeScript objects, with the way to the same thing in a values file. */
const TYPESCRIPT_ONLY: Record<string, string> = {
  auth: 'is the top-level auth key, not a Headlamp setting; move it to the top level',
  sessionTtl: 'is a TypeScript Duration; write sessionTtlSeconds (a number of seconds) instead',
  plugins:
    'takes TypeScript objects (HeadlampPlugins) and is not available in a values file; mount plugins with ' +
    'extraVolumes and extraVolumeMounts',
  kubeconfigs:
    'takes TypeScript objects (SecretKeyRef) and is not available in a values file; mount kubeconfigs with ' +
    'extraVolumes and extraVolumeMounts',
};

const valuesSchema = lazy(() =>
  z.strictObject({
    namespace: dnsLabel,
    host: hostnames.element,
    tls: z
      .union(
        [
          z.strictObject({ secretName: dnsSubdomain }),
          z.strictObject({ certManagerClusterIssuer: dnsSubdomain }),
          z.strictObject({ controllerDefaultCertificate: z.literal(true, { error: 'expected true' }) }),
          z.strictObject({
            terminatedUpstream: z.enum(['load-balancer', 'tunnel', 'edge-proxy'], {
              error: 'expected load-balancer, tunnel or edge-proxy',
            }),
          }),
        ],
        {
          error:
            "expected { secretName: '...' }, { certManagerClusterIssuer: '...' }, { controllerDefaultCertificate: " +
            'true } or { terminatedUpstream: load-balancer | tunnel | edge-proxy }',
        },
      )
      .optional(),
    gateway: z
      .strictObject(
        {
          name: z.string(),
          namespace: z.string().optional(),
          sectionName: z.string(),
          providesSessionAffinity: bool.optional(),
        },
        { error: "expected { name: '...', sectionName: '...' } (the Gateway's HTTPS listener)" },
      )
      .optional(),
    controller: oneOf(IngressController, 'controller').optional(),
    ingressControllerPeer: z
      .strictObject(
        { namespace: dnsLabel, podLabels: labels.optional() },
        { error: "expected { namespace: '...' } and optionally podLabels (the ingress controller's pods)" },
      )
      .optional(),
    auth: z
      .discriminatedUnion(
        'type',
        [
          z.strictObject({ type: z.literal('token') }),
          z.strictObject({
            type: z.literal('oidc-settings-secret'),
            secretName: dnsSubdomain,
            options: z
              .record(z.string(), z.unknown(), { error: 'expected the OidcConfig options as a map' })
              .optional(),
          }),
          z.strictObject({ type: z.literal('unsafe-shared-token') }),
          z.strictObject({
            type: z.literal('oidc'),
            provider: oneOf(PROVIDER_NAMES, 'provider'),
            // Provider options are checked by OidcConfig's own schema when the chart binds them.
            options: z.record(z.string(), z.unknown(), { error: 'expected the provider options as a map' }),
            clientSecret: z
              .strictObject(
                { secretName: dnsSubdomain, key: secretKey.optional() },
                {
                  error:
                    'expected { secretName, key }: a reference to an existing Secret (a client secret is never ' +
                    'written in a values file)',
                },
              )
              .optional(),
          }),
        ],
        { error: "expected auth.type 'token', 'oidc', 'oidc-settings-secret' or 'unsafe-shared-token'" },
      )
      .optional(),
    headlamp: z
      .record(z.string(), z.unknown(), { error: 'expected a map of Headlamp settings (docs/values.md, headlamp)' })
      .superRefine((h, ctx) => {
        for (const [key, why] of Object.entries(TYPESCRIPT_ONLY)) {
          if (key in h) ctx.addIssue({ code: 'custom', path: [key], message: why, params: { complete: true } });
        }
      })
      .optional(),
  }),
);
type Parsed = z.output<ReturnType<typeof valuesSchema>>;
sameShape<Parsed['tls'], HeadlampValues['tls']>(true);
// The values spell TlsTerminatedAt's members as their values.
sameShape<`${TlsTerminatedAt}`, Extract<HeadlampValues['tls'], { terminatedUpstream: string }>['terminatedUpstream']>(
  true,
);
sameShape<Parsed['gateway'], HeadlampValues['gateway']>(true);
sameShape<Parsed['controller'], IngressController | undefined>(true);
sameShape<Parsed['ingressControllerPeer'], HeadlampValues['ingressControllerPeer']>(true);
sameShape<Parsed['headlamp'], HeadlampValues['headlamp']>(true);
sameShape<Extract<Parsed['auth'], { type: 'oidc' }>['provider'], HeadlampValuesOidcProvider>(true);

const sessionTtlSeconds = lazy(() => int(1, 31536000));

/**
 * How the constructs built from values name things, in the values file's terms: where each construct's prop lands
 * (the first matching prefix is replaced; the constructs are fixed, so each prop path has exactly one key), and the
 * TypeScript factories and type names their messages suggest, with what a values file writes instead.
 */
const VALUES_TERMS: Restatement = {
  paths: {
    HeadlampDeployment: [
      ['props.auth.oidc.clientSecret', 'auth.clientSecret'],
      ['props.auth.oidc', 'auth.options'],
      ['props.auth', 'auth'],
      ['props.sessionTtl', 'headlamp.sessionTtlSeconds'],
      ['props.metrics.interval', 'headlamp.metrics.intervalSeconds'],
      ['props.metrics.prometheus.podLabels.operator.prometheus.io/name', 'headlamp.metrics.prometheus.name'],
      ['props', 'headlamp'],
    ],
    HeadlampIngress: [
      ['props.hosts[0]', 'host'],
      ['props.hosts', 'host'],
      ['props', ''],
    ],
    HeadlampChart: [['props', '']],
    HeadlampHttpRoute: [
      ['props.hostnames[0]', 'host'],
      ['props.hostnames', 'host'],
      ['props.gatewayPeer', 'ingressControllerPeer'],
      ['props', ''],
    ],
    LoginServiceAccount: [['props', 'headlamp']],
  },
  terms: [
    [/\bunknown prop\b/g, 'unknown key'],
    [/\bthe props interface\b/g, 'the values format (docs/values.md)'],
    [/\bexpected an? [A-Z]\w* \(one of ([^)]*)\)/g, 'expected one of $1'],
    [
      /\bclientSecret: OidcClientSecret\.fromSecret\([^)]*\)/g,
      'auth.clientSecret: { secretName, key } (an existing Secret)',
    ],
    [/\busePkce: true\b/g, 'auth.options.usePkce: true'],
    [
      /IngressTls\.fromSecret\(\.\.\.\) or \.certManager\(\.\.\.\)/g,
      'tls: { secretName } or tls: { certManagerClusterIssuer }',
    ],
    [/HeadlampAuth\.oidc\(OidcConfig\.\.\.\)/g, '{ type: oidc, provider, options }'],
    [/HeadlampAuth\.unsafeSharedServiceAccountToken\(\)/g, '{ type: unsafe-shared-token }'],
    [
      /HeadlampAuth\.identityAwareProxy\([^)]*\)( \(with an OAuth2ProxyFrontend in front\))?/g,
      'an identity-aware proxy in front (TypeScript only: OAuth2ProxyFrontend)',
    ],
    [
      /\ba Duration( of whole seconds, at least 1 second)?, e\.g\. Duration\.\w+\(\d+\)/g,
      'a Duration$1 (TypeScript only: not available in a values file)',
    ],
    [/\badd SecretKeyRef\.fromName\(\.\.\.\) entries/g, 'add kubeconfigs (TypeScript only: SecretKeyRef)'],
    [/\bIngressControllerPeer\.\w+\([^)]*\)/g, 'ingressControllerPeer: { namespace, podLabels }'],
    [/\bset replicas: 1 on HeadlampDeployment '[^']*'/g, 'set headlamp.replicas: 1'],
    [/\broute with HeadlampIngress \(/g, 'use an Ingress (tls instead of gateway; '],
  ],
};

const restate = (err: HeadlampValidationError) =>
  err.issues.map((issue) => restateIssue(err.constructType, issue, VALUES_TERMS));

/** The keys the chart reads; the route's keys. */
const CHART_KEYS = ['namespace', 'host', 'tls', 'gateway', 'controller', 'ingressControllerPeer', 'auth', 'headlamp'];
const ROUTE_KEYS = ['namespace', 'host', 'tls', 'gateway', 'controller', 'ingressControllerPeer'];

/**
 * Builds a {@link HeadlampChart} from parsed values. `headlamp.sessionTtlSeconds` stands in for the
 * `sessionTtl` Duration; everything else under `headlamp` is a HeadlampDeployment prop as is.
 * Throws one {@link HeadlampValidationError} with every problem, with keys as written in the values file.
 */
export function headlampChartFromValues(scope: Construct, id: string, values: unknown): HeadlampChart {
  const issues = new IssueCollector(restate);
  const parts = valueParts(scope, values, issues);
  let chart: HeadlampChart | undefined;
  if (parts && !issues.failed(...CHART_KEYS)) {
    // Into the caller's scope only when nothing failed so far (an unknown top-level key fails nothing it reads).
    chart = issues.check(() => new HeadlampChart(issues.issues.length ? new App() : scope, id, chartProps(parts)));
  }
  if (parts && !chart) checkParts(id, parts, issues);
  issues.throwIfAny('values', '');
  return chart!;
}

/**
 * Values files from every language: a map (a Python dict, a Go map...) in the values format of docs/values.md,
 * checked by the same schema as in TypeScript ({@link headlampChartFromValues}).
 */
export class HeadlampValuesFile {
  /** Builds a {@link HeadlampChart} from parsed values; one error lists every problem, keys as written in the file. */
  public static chart(scope: Construct, id: string, values: any): HeadlampChart {
    return headlampChartFromValues(scope, id, values);
  }

  private constructor() {}
}

/**
 * The chart stops at its first failing construct, and does not run when a key it reads failed: check the login,
 * the Deployment and the route on their own too, each with only keys that passed, keeping what it says about its
 * own keys. A problem found twice, or inside a key already reported, is reported once.
 */
function checkParts(id: string, parts: ValueParts, issues: IssueCollector): void {
  const scratch = () => new Chart(new App(), 'check', { namespace: 'headlamp' });
  if (parts.auth && !issues.failed('auth'))
    issues.check(() => new HeadlampDeployment(scratch(), 'headlamp', { auth: parts.auth }), ['auth']);
  const auth = issues.failed('auth') ? undefined : parts.auth;
  checkDropping(
    issues,
    'headlamp',
    (dropped) =>
      new HeadlampDeployment(scratch(), 'headlamp', {
        ...without(
          parts.headlamp,
          [...dropped].map((k) => (k === 'sessionTtlSeconds' ? 'sessionTtl' : k)),
        ),
        auth,
      }),
  );
  if (issues.failed('tls', 'gateway', 'controller', 'ingressControllerPeer')) return;
  const route = { ...chartProps(parts), auth: undefined, headlamp: {} };
  checkDropping(
    issues,
    '',
    (dropped) =>
      new HeadlampChart(new App(), id, {
        ...without(route, [...dropped]),
        namespace: issues.failed('namespace') ? 'headlamp' : (route.namespace ?? 'headlamp'),
        host: issues.failed('host') ? 'headlamp.example.com' : route.host,
      }),
    ROUTE_KEYS,
  );
}

/**
 * Runs a check of the keys under `prefix` (or `owns`) until it passes, dropping after each round the keys it found a
 * problem at: a construct stops at its first failing rule, and this way one problem does not hide the next. Each
 * round drops at least one more key, so it ends.
 */
function checkDropping(
  issues: IssueCollector,
  prefix: string,
  check: (dropped: ReadonlySet<string>) => unknown,
  owns = [prefix],
): void {
  const dropped = new Set<string>();
  const keyOf = (p: string) => (prefix ? p.slice(prefix.length + 1) : p).split(/[.[]/)[0];
  for (;;) {
    if (issues.check(() => check(dropped), owns) !== undefined) return;
    const fresh = issues.issues
      .map((i) => i.propPath)
      .filter((p) => owns.some((k) => p.startsWith(`${k}.`) || p.startsWith(`${k}[`) || (!prefix && p === k)))
      .map(keyOf)
      .filter((k) => k && !dropped.has(k));
    if (!fresh.length) return;
    fresh.forEach((k) => dropped.add(k));
  }
}

function without<T extends object>(o: T, keys: readonly string[]): T {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k))) as T;
}

/** What the chart is built from, each key only when it is right on its own. */
interface ValueParts {
  readonly namespace?: string;
  readonly host?: string;
  readonly tls?: IngressTls;
  readonly gateway?: Parsed['gateway'];
  readonly controller?: IngressController;
  readonly ingressControllerPeer?: IngressControllerPeer;
  readonly auth?: HeadlampAuth;
  readonly headlamp: Omit<HeadlampDeploymentProps, 'auth'>;
}

function chartProps(parts: ValueParts): HeadlampChartProps {
  const { namespace, host, tls, gateway, controller, ingressControllerPeer, auth, headlamp } = parts;
  return { namespace: namespace!, host: host!, tls, gateway, controller, ingressControllerPeer, auth, headlamp };
}

/** Parses the values key by key; undefined when they are not even a map. */
function valueParts(scope: Construct, values: unknown, issues: IssueCollector): ValueParts | undefined {
  const v = parseValues(scope, values, issues);
  if (!v) return undefined;
  const tls = !v.tls
    ? undefined
    : 'secretName' in v.tls
      ? IngressTls.fromSecret(v.tls.secretName)
      : 'controllerDefaultCertificate' in v.tls
        ? IngressTls.controllerDefaultCertificate()
        : 'terminatedUpstream' in v.tls
          ? IngressTls.terminatedUpstream(v.tls.terminatedUpstream as TlsTerminatedAt)
          : IngressTls.certManager(v.tls.certManagerClusterIssuer);
  const { sessionTtlSeconds: ttl, metrics: rawMetrics, tracing: rawTracing, ...rest } = v.headlamp ?? {};
  const seconds =
    ttl === undefined
      ? undefined
      : issues.check(() => parseProps(scope, 'values', sessionTtlSeconds(), ttl, 'headlamp.sessionTtlSeconds'));
  const metrics = rawMetrics === undefined ? undefined : issues.check(() => metricsFromValues(scope, rawMetrics));
  const tracing = rawTracing === undefined ? undefined : issues.check(() => tracingFromValues(scope, rawTracing));
  const headlamp = {
    ...rest,
    ...(seconds !== undefined ? { sessionTtl: Duration.seconds(seconds) } : {}),
    ...(metrics ? { metrics } : {}),
    ...(tracing ? { tracing } : {}),
  } as Omit<HeadlampDeploymentProps, 'auth'>;
  const controller = v.controller as IngressController | undefined;
  return {
    namespace: v.namespace,
    host: v.host,
    tls,
    gateway: v.gateway,
    controller,
    ingressControllerPeer: v.ingressControllerPeer && peerOf(v.ingressControllerPeer, controller, !!v.gateway),
    auth: v.auth && issues.check(() => authOf(v.auth!)),
    headlamp,
  };
}

/**
 * The whole values parse, or else every key that is right on its own: a key with a problem inside a map (one bad
 * `headlamp` setting) keeps its other entries; the problems go to `issues`. Undefined when the values are not a map.
 */
function parseValues(scope: Construct, values: unknown, issues: IssueCollector): Partial<Parsed> | undefined {
  const schema = valuesSchema();
  const whole = issues.check(() => parseProps(scope, 'values', schema, values, ''));
  if (whole) return whole;
  if (!isMap(values)) return undefined;
  const parts: Record<string, unknown> = {};
  for (const [key, part] of Object.entries(schema.shape)) {
    let value = values[key];
    const inside = issues.issues
      .map((i) => i.propPath)
      .filter((p) => p.startsWith(`${key}.`))
      .map((p) => p.slice(key.length + 1).split(/[.[]/)[0]);
    if (issues.issues.some((i) => i.propPath === key)) continue;
    if (inside.length && isMap(value))
      value = Object.fromEntries(Object.entries(value).filter(([k]) => !inside.includes(k)));
    const result = (part as z.ZodType).safeParse(value, { jitless: true });
    if (result.success && result.data !== undefined) parts[key] = result.data;
  }
  return parts as Partial<Parsed>;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The NetworkPolicy peer: the controller's preset in another namespace, or custom pod labels. */
function peerOf(
  peer: NonNullable<Parsed['ingressControllerPeer']>,
  controller: IngressController | undefined,
  gateway: boolean,
): IngressControllerPeer {
  if (peer.podLabels) return IngressControllerPeer.custom(peer.namespace, peer.podLabels);
  return controller === IngressController.INGRESS_NGINX && !gateway
    ? IngressControllerPeer.ingressNginx(peer.namespace)
    : IngressControllerPeer.traefik(peer.namespace);
}

function authOf(a: NonNullable<Parsed['auth']>): HeadlampAuth | undefined {
  if (a.type === 'oidc-settings-secret') {
    return HeadlampAuth.oidc(
      OidcConfig.fromSettingsSecret({ ...a.options, secretName: a.secretName } as OidcSettingsSecretOptions),
    );
  }
  if (a.type === 'unsafe-shared-token') return HeadlampAuth.unsafeSharedServiceAccountToken();
  if (a.type !== 'oidc') return undefined;
  if ('clientSecret' in a.options) {
    throw new HeadlampValidationError('values', '', [
      {
        propPath: 'auth.options.clientSecret',
        message:
          'a client secret is never written in a values file; use auth.clientSecret: { secretName, key } (an ' +
          'existing Secret)',
      },
    ]);
  }
  const secret = a.clientSecret;
  return HeadlampAuth.oidc(
    PRESETS[a.provider]({
      ...a.options,
      ...(secret ? { clientSecret: OidcClientSecret.fromSecret(secret.secretName, secret.key) } : {}),
    }),
  );
}

/**
 * @internal Every key a values file can hold, dotted (`tls.secretName`, `auth.clientSecret.key`), from the schema
 * itself: what docs/values.md must document (`headlamp` holds HeadlampDeployment props, documented on their own).
 */
export function valuesKeys(): string[] {
  const keys = new Set<string>();
  const walk = (schema: z.ZodType, at: string): void => {
    const def = (schema as unknown as { def: { type: string; innerType?: z.ZodType; options?: z.ZodType[] } }).def;
    if (def.type === 'optional') return walk(def.innerType!, at);
    if (def.type === 'union') return def.options!.forEach((o) => walk(o, at));
    if (def.type === 'object') {
      for (const [k, v] of Object.entries((schema as unknown as z.ZodObject).shape))
        walk(v as z.ZodType, at ? `${at}.${k}` : k);
      return;
    }
    keys.add(at);
  };
  walk(valuesSchema(), '');
  return [...keys];
}
