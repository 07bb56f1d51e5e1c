// OidcConfig presets: cross-field rules the identity provider enforces, and secrets never echoed.
import { HeadlampAuth, HeadlampDeployment, OidcCaCertificate, OidcClientSecret, OidcConfig } from '../../lib';
import { expectRefused } from '../helpers/adversarial';
import { testChart } from '../helpers/synth';

const SECRET = OidcClientSecret.fromSecret('headlamp-oidc');
const build = (config: OidcConfig) => () =>
  new HeadlampDeployment(testChart(), 'headlamp', { auth: HeadlampAuth.oidc(config) });
const at = (prop: string, says: string, secrets?: string[]) => ({
  type: 'HeadlampDeployment',
  path: 'test/headlamp',
  prop,
  says,
  secrets,
});
const common = { clientId: 'headlamp', clientSecret: SECRET, publicUrl: 'https://headlamp.example.com' };

describe('OidcConfig refuses', () => {
  test.each<[string, OidcConfig, ReturnType<typeof at>]>([
    [
      'a Cognito pool of another region (an issuer that does not exist)',
      OidcConfig.cognito({ ...common, region: 'eu-west-1', userPoolId: 'us-east-1_AbC123' }),
      at('props.auth.oidc.userPoolId', 'expected a user pool ID of the same region'),
    ],
    [
      'a Cognito pool id without its region',
      OidcConfig.cognito({ ...common, region: 'eu-west-1', userPoolId: undefined as unknown as string }),
      at('props.auth.oidc.userPoolId', "expected a user pool ID such as 'eu-west-1_AbCdEf123'"),
    ],
    [
      'a publicUrl without a scheme (no TypeError from inside a refinement)',
      OidcConfig.google({ ...common, publicUrl: 'headlamp.example.com' }),
      at(
        'props.auth.oidc.publicUrl',
        'expected an https origin such as \'https://headlamp.example.com\', got "headlamp.example.com"',
      ),
    ],
    [
      'a publicUrl with a path',
      OidcConfig.google({ ...common, publicUrl: 'https://headlamp.example.com/ui' }),
      at('props.auth.oidc.publicUrl', "without a path or trailing '/'"),
    ],
    [
      'an Entra tenant that is not a GUID',
      OidcConfig.entraId({ ...common, tenantId: 'contoso' }),
      at('props.auth.oidc.tenantId', 'a tenant ID (a GUID)'),
    ],
    [
      'a CA ConfigMap with a bad name',
      new OidcConfig({
        ...common,
        issuerUrl: 'https://idp.example.com',
        caCertificate: OidcCaCertificate.fromConfigMap('CA Bundle'),
      }),
      at('props.auth.oidc.caCertificate.sourceName', 'DNS-1123 subdomain'),
    ],
    [
      'a CA key with a slash',
      new OidcConfig({
        ...common,
        issuerUrl: 'https://idp.example.com',
        caCertificate: OidcCaCertificate.fromSecret('ca', 'certs/ca.crt'),
      }),
      at('props.auth.oidc.caCertificate.key', 'expected a Secret key'),
    ],
    [
      'a client secret Secret name with a namespace',
      new OidcConfig({
        ...common,
        issuerUrl: 'https://idp.example.com',
        clientSecret: OidcClientSecret.fromSecret('other/headlamp-oidc'),
      }),
      at('props.auth.oidc.clientSecret.secretName', 'DNS-1123 subdomain'),
    ],
    [
      'a literal string as the client secret, never echoed',
      new OidcConfig({
        ...common,
        issuerUrl: 'https://idp.example.com',
        clientSecret: 'literal-client-secret-42' as unknown as OidcClientSecret,
      }),
      at('props.auth.oidc.clientSecret', 'OidcClientSecret.unsafePlaintextInManifests', ['literal-client-secret-42']),
    ],
  ])('%s', (_case, config, refusal) => {
    expectRefused(build(config), refusal);
  });
});

describe('a preset called from JavaScript without its options object (no zod wording, the factory named)', () => {
  const call = (factory: string, arg: unknown) =>
    (OidcConfig as unknown as Record<string, (o: unknown) => OidcConfig>)[factory](arg);
  test.each<[string, unknown, string]>([
    [
      'keycloak',
      undefined,
      'expected the options object of OidcConfig.keycloak({ host, realm, clientId, clientSecret, publicUrl }), got undefined; pass the options as one object',
    ],
    [
      'entraId',
      '00000000-0000-0000-0000-000000000000',
      'expected the options object of OidcConfig.entraId({ tenantId, clientId, publicUrl }), got a string; pass the options as one object',
    ],
    [
      'cognito',
      null,
      'expected the options object of OidcConfig.cognito({ region, userPoolId, clientId, publicUrl }), got null; pass the options as one object',
    ],
    [
      'dex',
      ['https://dex.example.com'],
      'expected the options object of OidcConfig.dex({ issuerUrl, clientId, publicUrl }), got an array; pass the options as one object',
    ],
  ])('OidcConfig.%s(%j)', (factory, arg, says) => {
    expectRefused(build(call(factory, arg)), at('props.auth.oidc', says));
  });
});
