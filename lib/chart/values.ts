/**
 * A values file (JSON or YAML parsed to plain data) for teams that do not write TypeScript: it maps onto
 * {@link HeadlampChart} props, and every field is validated by the same schemas the constructs use. Errors
 * name the field as it is written in the file: `headlamp.replicas: expected an integer >= 1, got 0`.
 * The format is documented key by key in docs/values.md.
 */
import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { HeadlampValidationError, parseProps, rewritePropPath } from '../core/errors';
import { HeadlampAuth } from '../auth/headlamp-auth';
import { HeadlampChart } from './headlamp-chart';
import { HeadlampDeploymentProps } from '../deployment/headlamp-deployment';
import { IngressController, IngressTls } from '../routes/headlamp-ingress';
import { OidcConfig, OidcSettingsSecretOptions } from '../auth/oidc-config';
import { OidcClientSecret } from '../auth/oidc-references';
import { dnsSubdomain, int, lazy, oneOf, sameShape, secretKey, str } from '../core/schema';

/** OIDC providers a values file can name, each an {@link OidcConfig} preset. */
export type HeadlampValuesOidcProvider = 'generic' | 'dex' | 'keycloak' | 'entra-id' | 'cognito' | 'google' | 'openunison';

/** The shape of a values file (docs/values.md describes each key). */
export interface HeadlampValues {
  /** Namespace of every object. */
  readonly namespace: string;
  /** Public host name of the Ingress. */
  readonly host: string;
  /**
   * TLS certificate of the Ingress: an existing Secret, or a cert-manager ClusterIssuer.
   * @default - required without `gateway`
   */
  readonly tls?: { readonly secretName: string } | { readonly certManagerClusterIssuer: string };
  /**
   * An HTTPRoute on this Gateway's HTTPS listener instead of an Ingress.
   * @default - an Ingress
   */
  readonly gateway?: { readonly name: string; readonly namespace?: string; readonly sectionName: string };
  /**
   * The ingress controller.
   * @default 'traefik'
   */
  readonly controller?: 'traefik' | 'ingress-nginx';
  /**
   * How users log in.
   * @default { type: 'token' }
   */
  readonly auth?: { readonly type: 'token' } | {
    /** OIDC settings read key by key from an existing Secret (the official chart's externalSecret keys). */
    readonly type: 'oidc-settings-secret';
    readonly secretName: string;
    /** `publicUrl` or `callbackUrl`, and the other non-secret OidcConfig options. */
    readonly options?: Record<string, unknown>;
  } | {
    /** Everyone who reaches the UI acts as Headlamp's ServiceAccount, bound to view (a named unsafe choice). */
    readonly type: 'unsafe-shared-token';
  } | {
    readonly type: 'oidc';
    /** The preset. */
    readonly provider: HeadlampValuesOidcProvider;
    /** The preset's options (`OidcConfig.<preset>({...})`), without `clientSecret`. */
    readonly options: Record<string, unknown>;
    /** Existing Secret with the client secret (key `client-secret` unless given). */
    readonly clientSecret?: { readonly secretName: string; readonly key?: string };
  };
  /**
   * HeadlampDeployment props (plain data); `sessionTtlSeconds` stands in for the `sessionTtl` Duration.
   * @default - the HeadlampDeployment defaults
   */
  readonly headlamp?: Record<string, unknown>;
}

const PRESETS: Record<HeadlampValuesOidcProvider, (o: any) => OidcConfig> = {
  'generic': (o) => new OidcConfig(o),
  'dex': (o) => OidcConfig.dex(o),
  'keycloak': (o) => OidcConfig.keycloak(o),
  'entra-id': (o) => OidcConfig.entraId(o),
  'cognito': (o) => OidcConfig.cognito(o),
  'google': (o) => OidcConfig.google(o),
  'openunison': (o) => OidcConfig.openUnison(o),
};
const PROVIDER_NAMES = Object.fromEntries(Object.keys(PRESETS).map((k) => [k, k])) as { [K in HeadlampValuesOidcProvider]: K };

const valuesSchema = lazy(() => z.strictObject({
  namespace: str('a namespace'),
  host: str('a host name'),
  tls: z.union([
    z.strictObject({ secretName: dnsSubdomain }),
    z.strictObject({ certManagerClusterIssuer: dnsSubdomain }),
  ], { error: "expected { secretName: '...' } or { certManagerClusterIssuer: '...' }" }).optional(),
  gateway: z.strictObject({ name: z.string(), namespace: z.string().optional(), sectionName: z.string() },
    { error: "expected { name: '...', sectionName: '...' } (the Gateway's HTTPS listener)" }).optional(),
  controller: oneOf(IngressController, 'controller').optional(),
  auth: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('token') }),
    z.strictObject({ type: z.literal('oidc-settings-secret'), secretName: dnsSubdomain, options: z.record(z.string(), z.unknown()).optional() }),
    z.strictObject({ type: z.literal('unsafe-shared-token') }),
    z.strictObject({
      type: z.literal('oidc'),
      provider: oneOf(PROVIDER_NAMES, 'provider'),
      // Provider options are checked by OidcConfig's own schema when the chart binds them.
      options: z.record(z.string(), z.unknown(), { error: 'expected the provider options as a map' }),
      clientSecret: z.strictObject({ secretName: dnsSubdomain, key: secretKey.optional() }).optional(),
    }),
  ], { error: "expected auth.type 'token', 'oidc', 'oidc-settings-secret' or 'unsafe-shared-token'" }).optional(),
  headlamp: z.record(z.string(), z.unknown(), { error: 'expected HeadlampDeployment props as a map' })
    .refine((h) => !('auth' in h), { error: 'expected no auth here (it is the top-level auth key)', abort: true })
    .refine((h) => !('sessionTtl' in h), { error: 'expected sessionTtlSeconds (a number of seconds) instead of sessionTtl' })
    .optional(),
}));
type Parsed = z.output<ReturnType<typeof valuesSchema>>;
sameShape<Parsed['tls'], HeadlampValues['tls']>(true);
sameShape<Parsed['gateway'], HeadlampValues['gateway']>(true);
sameShape<Parsed['controller'], IngressController | undefined>(true);
sameShape<Parsed['headlamp'], HeadlampValues['headlamp']>(true);
sameShape<Extract<Parsed['auth'], { type: 'oidc' }>['provider'], HeadlampValuesOidcProvider>(true);

const sessionTtlSeconds = lazy(() => int(1, 31536000));

/**
 * Where a construct's prop lands in the values file: the first matching prefix is replaced. The
 * constructs built from values are fixed, so each prop path has exactly one values path.
 */
const VALUES_PATHS: Record<string, Array<[string, string]>> = {
  HeadlampDeployment: [
    ['props.auth.oidc.clientSecret', 'auth.clientSecret'],
    ['props.auth.oidc', 'auth.options'],
    ['props.sessionTtl', 'headlamp.sessionTtlSeconds'],
    ['props', 'headlamp'],
  ],
  HeadlampIngress: [['props.hosts[0]', 'host'], ['props.hosts', 'host'], ['props', '']],
  HeadlampChart: [['props', '']],
  HeadlampHttpRoute: [['props.hostnames[0]', 'host'], ['props.hostnames', 'host'], ['props', '']],
  LoginServiceAccount: [['props', 'headlamp']],
};

/** Re-states an error thrown while building the chart with the paths of the values file. */
function inValuesTerms(err: unknown): unknown {
  if (!(err instanceof HeadlampValidationError)) return err;
  const rules = VALUES_PATHS[err.constructType];
  if (!rules) return err;
  const issues = err.issues.map((issue) => {
    const path = rewritePropPath(issue.propPath, rules);
    if (path === undefined) return issue;
    return { propPath: path || '(top level)', message: issue.message.replace('the props interface', 'the values format (docs/values.md)') };
  });
  return new HeadlampValidationError('values', '', issues);
}

/**
 * Builds a {@link HeadlampChart} from parsed values. `headlamp.sessionTtlSeconds` stands in for the
 * `sessionTtl` Duration; everything else under `headlamp` is a HeadlampDeployment prop as is.
 * Throws {@link HeadlampValidationError} with paths as written in the values file.
 */
export function headlampChartFromValues(scope: Construct, id: string, values: unknown): HeadlampChart {
  try {
    return buildChart(scope, id, values);
  } catch (err) {
    throw inValuesTerms(err);
  }
}

function buildChart(scope: Construct, id: string, values: unknown): HeadlampChart {
  const v = parseProps(scope, 'values', valuesSchema(), values, '');
  const tls = !v.tls ? undefined : 'secretName' in v.tls ? IngressTls.fromSecret(v.tls.secretName) : IngressTls.certManager(v.tls.certManagerClusterIssuer);
  let auth: HeadlampAuth | undefined;
  if (v.auth?.type === 'oidc-settings-secret') {
    auth = HeadlampAuth.oidc(OidcConfig.fromSettingsSecret({ ...v.auth.options, secretName: v.auth.secretName } as OidcSettingsSecretOptions));
  } else if (v.auth?.type === 'unsafe-shared-token') {
    auth = HeadlampAuth.unsafeSharedServiceAccountToken();
  }
  if (v.auth?.type === 'oidc') {
    const secret = v.auth.clientSecret;
    if ('clientSecret' in v.auth.options) {
      throw new HeadlampValidationError('values', '', [{ propPath: 'auth.options.clientSecret',
        message: 'a client secret is never written in a values file; use auth.clientSecret: { secretName, key } (an existing Secret)' }]);
    }
    auth = HeadlampAuth.oidc(PRESETS[v.auth.provider]({
      ...v.auth.options,
      ...(secret ? { clientSecret: OidcClientSecret.fromSecret(secret.secretName, secret.key) } : {}),
    }));
  }
  const { sessionTtlSeconds: ttl, ...rest } = v.headlamp ?? {};
  if (ttl !== undefined) parseProps(scope, 'values', sessionTtlSeconds(), ttl, 'headlamp.sessionTtlSeconds');
  const headlamp = {
    ...rest,
    ...(ttl !== undefined ? { sessionTtl: Duration.seconds(ttl as number) } : {}),
  } as Omit<HeadlampDeploymentProps, 'auth'>;
  return new HeadlampChart(scope, id, {
    namespace: v.namespace, host: v.host, tls, gateway: v.gateway, controller: v.controller as IngressController | undefined, auth, headlamp,
  });
}
