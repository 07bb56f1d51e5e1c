/**
 * A values file (JSON or YAML parsed to plain data) for teams that do not write TypeScript: it maps onto
 * {@link HeadlampChart} props, and every field is validated by the same zod schemas the constructs use,
 * so an error names the field: `HeadlampDeployment 'headlamp/headlamp': props.replicas: expected ...`.
 */
import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { parseProps } from './errors';
import { HeadlampAuth } from './headlamp-auth';
import { HeadlampChart } from './headlamp-chart';
import { HeadlampDeploymentProps } from './headlamp-deployment';
import { IngressController, IngressTls } from './headlamp-ingress';
import { OidcClientSecret, OidcConfig } from './oidc-config';

const oidcSecret = z.strictObject({ secretName: z.string(), key: z.string().optional() });

const valuesSchema = z.strictObject({
  namespace: z.string({ error: 'expected a namespace' }),
  host: z.string({ error: 'expected a host name' }),
  tls: z.union([
    z.strictObject({ secretName: z.string() }),
    z.strictObject({ certManagerClusterIssuer: z.string() }),
  ], { error: "expected { secretName: '...' } or { certManagerClusterIssuer: '...' }" }),
  controller: z.enum(IngressController, { error: "expected 'traefik' or 'ingress-nginx'" }).optional(),
  auth: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('token') }),
    z.strictObject({
      type: z.literal('oidc'),
      provider: z.enum(['generic', 'dex', 'keycloak', 'entra-id', 'cognito', 'google', 'openunison'], { error: 'expected a provider name' }),
      // Provider options are checked by OidcConfig's own schema when the chart binds them.
      options: z.record(z.string(), z.unknown(), { error: 'expected the provider options as a map' }),
      clientSecret: oidcSecret.optional(),
    }),
  ], { error: "expected auth.type 'token' or 'oidc'" }).optional(),
  headlamp: z.record(z.string(), z.unknown(), { error: 'expected HeadlampDeployment props as a map' }).optional(),
});

/** The shape of a values file. */
export type HeadlampValues = z.input<typeof valuesSchema>;

const PRESETS: Record<string, (o: any) => OidcConfig> = {
  'generic': (o) => new OidcConfig(o),
  'dex': (o) => OidcConfig.dex(o),
  'keycloak': (o) => OidcConfig.keycloak(o),
  'entra-id': (o) => OidcConfig.entraId(o),
  'cognito': (o) => OidcConfig.cognito(o),
  'google': (o) => OidcConfig.google(o),
  'openunison': (o) => OidcConfig.openUnison(o),
};

/**
 * Builds a {@link HeadlampChart} from parsed values. `headlamp.sessionTtlSeconds` stands in for the
 * `sessionTtl` Duration; everything else under `headlamp` is a HeadlampDeployment prop as is.
 */
export function headlampChartFromValues(scope: Construct, id: string, values: unknown): HeadlampChart {
  const v = parseProps(scope, 'values', valuesSchema, values, 'values');
  const tls = 'secretName' in v.tls ? IngressTls.fromSecret(v.tls.secretName) : IngressTls.certManager(v.tls.certManagerClusterIssuer);
  let auth: HeadlampAuth | undefined;
  if (v.auth?.type === 'oidc') {
    const secret = v.auth.clientSecret;
    auth = HeadlampAuth.oidc(PRESETS[v.auth.provider]({
      ...v.auth.options,
      ...(secret ? { clientSecret: OidcClientSecret.fromSecret(secret.secretName, secret.key) } : {}),
    }));
  }
  const { sessionTtlSeconds, ...rest } = (v.headlamp ?? {}) as Record<string, unknown>;
  const headlamp = {
    ...rest,
    ...(sessionTtlSeconds !== undefined ? { sessionTtl: Duration.seconds(sessionTtlSeconds as number) } : {}),
  } as Omit<HeadlampDeploymentProps, 'auth'>;
  return new HeadlampChart(scope, id, { namespace: v.namespace, host: v.host, tls, controller: v.controller, auth, headlamp });
}
