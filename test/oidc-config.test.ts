import { Duration } from 'cdk8s';
import {
  HeadlampAuth,
  HeadlampDeployment,
  HeadlampDeploymentProps,
  HeadlampValidationError,
  OidcCaCertificate,
  OidcClientSecret,
  OidcConfig,
  OidcConfigProps,
  OidcProvider,
} from '../lib';
import { validateAll } from './helpers/k8s-schema';
import { only, synth, testChart } from './helpers/synth';

const SECRET = OidcClientSecret.fromSecret('headlamp-oidc', 'client-secret');
const BASE: OidcConfigProps = {
  issuerUrl: 'https://idp.example.com',
  clientId: 'headlamp',
  clientSecret: SECRET,
  publicUrl: 'https://headlamp.example.com',
};

function render(config: OidcConfig, props: HeadlampDeploymentProps = {}) {
  const chart = testChart();
  const headlamp = new HeadlampDeployment(chart, 'headlamp', { ...props, auth: HeadlampAuth.oidc(config) });
  const objects = synth(chart);
  const container = only(objects, 'Deployment').spec.template.spec.containers[0];
  const oidcArgs = (container.args as string[]).filter(
    (a) => !['-in-cluster', '-plugins-dir=/headlamp/plugins'].includes(a),
  );
  return { headlamp, objects, container, args: oidcArgs, pod: only(objects, 'Deployment').spec.template.spec };
}

const fails =
  (config: OidcConfig, props: HeadlampDeploymentProps = {}) =>
  () =>
    new HeadlampDeployment(testChart(), 'headlamp', { ...props, auth: HeadlampAuth.oidc(config) });

describe("OidcConfig flags (the server's names, one dash)", () => {
  test('minimal confidential client: id, secret from a Secret, issuer, default scopes, derived callback, PKCE on', () => {
    const { args, container, headlamp, objects } = render(new OidcConfig(BASE));
    expect(args).toStrictEqual([
      '-oidc-client-id=headlamp',
      '-oidc-idp-issuer-url=https://idp.example.com',
      '-oidc-scopes=profile,email',
      '-oidc-callback-url=https://headlamp.example.com/oidc-callback',
      '-oidc-use-pkce',
      // Headlamp shows the user from the same claims the API server maps (ClaimMappingOptions defaults).
      '-me-username-path=email',
      '-me-groups-path=groups',
    ]);
    // The secret is Headlamp's own env form of -oidc-client-secret (headlamp v0.45.0 backend/pkg/config/config.go,
    // loadConfigFromEnv: HEADLAMP_CONFIG_<FLAG>), from the Secret: never on the process command line.
    expect(container.env).toStrictEqual([
      {
        name: 'HEADLAMP_CONFIG_OIDC_CLIENT_SECRET',
        valueFrom: { secretKeyRef: { name: 'headlamp-oidc', key: 'client-secret' } },
      },
    ]);
    expect(args.join(' ')).not.toMatch(/client-secret/);
    expect(headlamp.oidcCallbackUrl).toBe('https://headlamp.example.com/oidc-callback');
    expect(objects.some((o) => o.kind === 'Secret')).toBe(false);
    expect(args.join(' ')).not.toMatch(/-oidc-issuer-url/);
  });

  test('every option maps to its flag', () => {
    const { args, pod, container } = render(
      new OidcConfig({
        ...BASE,
        scopes: ['email', 'groups', 'offline_access'],
        callbackUrl: 'https://login.example.com/cb',
        useAccessToken: true,
        useCookie: true,
        validatorClientId: 'api://headlamp',
        validatorIssuerUrl: 'https://sts.example.com/',
        caCertificate: OidcCaCertificate.fromConfigMap('corp-ca', 'bundle.pem'),
        userInfoUrl: 'https://idp.example.com/userinfo',
        usernameClaimPaths: ['preferred_username', 'upn'],
        emailClaimPaths: ['email'],
        groupsClaimPaths: ['groups', 'realm_access.roles'],
      }),
    );
    expect(args).toStrictEqual([
      '-oidc-client-id=headlamp',
      '-oidc-idp-issuer-url=https://idp.example.com',
      '-oidc-scopes=email,groups,offline_access',
      '-oidc-callback-url=https://login.example.com/cb',
      '-oidc-use-pkce',
      '-oidc-use-access-token',
      '-oidc-use-cookie',
      '-oidc-validator-client-id=api://headlamp',
      '-oidc-validator-idp-issuer-url=https://sts.example.com/',
      '-oidc-ca-file=/etc/headlamp/oidc-ca/ca.crt',
      '-me-user-info-url=https://idp.example.com/userinfo',
      '-me-username-path=preferred_username,upn',
      '-me-email-path=email',
      '-me-groups-path=groups,realm_access.roles',
    ]);
    expect(pod.volumes).toContainEqual({
      name: 'oidc-ca',
      configMap: { name: 'corp-ca', items: [{ key: 'bundle.pem', path: 'ca.crt' }] },
    });
    expect(container.volumeMounts).toContainEqual({
      name: 'oidc-ca',
      mountPath: '/etc/headlamp/oidc-ca',
      readOnly: true,
    });
  });

  test('CA from a Secret; skip-TLS-verify only by its unsafe name; PKCE off only when said', () => {
    expect(
      render(new OidcConfig({ ...BASE, caCertificate: OidcCaCertificate.fromSecret('idp-tls') })).pod.volumes,
    ).toContainEqual({
      name: 'oidc-ca',
      secret: { secretName: 'idp-tls', items: [{ key: 'ca.crt', path: 'ca.crt' }] },
    });
    expect(render(new OidcConfig({ ...BASE, unsafeSkipTlsVerify: true })).args).toContain('-oidc-skip-tls-verify');
    const noPkce = render(new OidcConfig({ ...BASE, usePkce: false })).args;
    expect(noPkce.some((a) => a.startsWith('-oidc-use-pkce'))).toBe(false);
  });

  test('public client: no secret flag, no env, PKCE', () => {
    const { args, container } = render(new OidcConfig({ ...BASE, clientSecret: undefined }));
    expect(args.some((a) => a.startsWith('-oidc-client-secret'))).toBe(false);
    expect(args).toContain('-oidc-use-pkce');
    expect(container.env).toBeUndefined();
  });

  test('callback URL follows the base URL, and so do the probes', () => {
    const { headlamp, args } = render(new OidcConfig(BASE), { baseUrl: '/headlamp' });
    expect(headlamp.oidcCallbackUrl).toBe('https://headlamp.example.com/headlamp/oidc-callback');
    expect(args).toContain('-oidc-callback-url=https://headlamp.example.com/headlamp/oidc-callback');
  });

  test('the NetworkPolicy lets Headlamp reach the identity provider on 443', () => {
    const np = only(
      render(new OidcConfig(BASE), {
        networkPolicy: { apiServerCidrs: ['10.0.0.1/32'], identityProviderCidrs: ['203.0.113.0/24'] },
      }).objects,
      'NetworkPolicy',
    );
    expect(np.spec.egress[2]).toStrictEqual({
      to: [{ ipBlock: { cidr: '203.0.113.0/24' } }],
      ports: [{ port: 443, protocol: 'TCP' }],
    });
  });

  test('session TTL is -session-ttl in seconds', () => {
    expect(render(new OidcConfig(BASE), { sessionTtl: Duration.hours(12) }).container.args).toContain(
      '-session-ttl=43200',
    );
  });

  test('a plaintext secret needs the opt-in by name, and then lands in a created Secret, not in args', () => {
    const { objects, container, args } = render(
      new OidcConfig({ ...BASE, clientSecret: OidcClientSecret.unsafePlaintextInManifests('s3cr3t-value') }),
    );
    const secret = only(objects, 'Secret');
    expect(secret).toMatchObject({
      metadata: { name: 'headlamp-oidc' },
      type: 'Opaque',
      stringData: { 'client-secret': 's3cr3t-value' },
    });
    expect(container.env).toStrictEqual([
      {
        name: 'HEADLAMP_CONFIG_OIDC_CLIENT_SECRET',
        valueFrom: { secretKeyRef: { name: 'headlamp-oidc', key: 'client-secret' } },
      },
    ]);
    expect(JSON.stringify(container)).not.toContain('s3cr3t-value');
    expect(args.join(' ')).not.toMatch(/client-secret/);
    expect(validateAll(objects)).toEqual([]);
  });

  test("all settings from one existing Secret (the chart's externalSecret convention)", () => {
    const { args, container } = render(
      OidcConfig.fromSettingsSecret({ secretName: 'headlamp-oidc-settings', publicUrl: 'https://h.example.com' }),
    );
    // Each key feeds Headlamp's HEADLAMP_CONFIG_* env var directly: no `$(VAR)` flags, which the kubelet would leave
    // unexpanded when an optional key is absent. OIDC_SCOPES is optional, as in the official chart.
    expect(args).toStrictEqual(['-oidc-callback-url=https://h.example.com/oidc-callback', '-oidc-use-pkce']);
    expect(
      container.env.map((e: any) => [
        e.name,
        e.valueFrom.secretKeyRef.name,
        e.valueFrom.secretKeyRef.key,
        e.valueFrom.secretKeyRef.optional,
      ]),
    ).toStrictEqual([
      ['HEADLAMP_CONFIG_OIDC_CLIENT_ID', 'headlamp-oidc-settings', 'OIDC_CLIENT_ID', undefined],
      ['HEADLAMP_CONFIG_OIDC_CLIENT_SECRET', 'headlamp-oidc-settings', 'OIDC_CLIENT_SECRET', undefined],
      ['HEADLAMP_CONFIG_OIDC_IDP_ISSUER_URL', 'headlamp-oidc-settings', 'OIDC_ISSUER_URL', undefined],
      ['HEADLAMP_CONFIG_OIDC_SCOPES', 'headlamp-oidc-settings', 'OIDC_SCOPES', true],
    ]);
    const pub = render(
      OidcConfig.fromSettingsSecret({
        secretName: 's',
        includesClientSecret: false,
        publicUrl: 'https://h.example.com',
      }),
    );
    expect(pub.container.env.some((e: any) => e.name === 'HEADLAMP_CONFIG_OIDC_CLIENT_SECRET')).toBe(false);
    expect(pub.container.env.map((e: any) => e.name)).toStrictEqual([
      'HEADLAMP_CONFIG_OIDC_CLIENT_ID',
      'HEADLAMP_CONFIG_OIDC_IDP_ISSUER_URL',
      'HEADLAMP_CONFIG_OIDC_SCOPES',
    ]);
  });
});

describe('OidcConfig provider presets', () => {
  const common = { clientId: 'headlamp', clientSecret: SECRET, publicUrl: 'https://headlamp.example.com' };
  const flag = (args: string[], name: string) =>
    args
      .find((a) => a.startsWith(`-${name}=`))
      ?.split('=')
      .slice(1)
      .join('=');

  test.each<[string, OidcConfig, OidcProvider, string, string]>([
    [
      'Keycloak',
      OidcConfig.keycloak({ ...common, host: 'sso.example.com', realm: 'platform' }),
      OidcProvider.KEYCLOAK,
      'https://sso.example.com/realms/platform',
      'email,profile',
    ],
    [
      'Dex',
      OidcConfig.dex({ ...common, issuerUrl: 'https://dex.example.com' }),
      OidcProvider.DEX,
      'https://dex.example.com',
      'profile,email,groups',
    ],
    [
      'Entra ID',
      OidcConfig.entraId({ ...common, tenantId: '11111111-2222-3333-4444-555555555555' }),
      OidcProvider.ENTRA_ID,
      'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0',
      '6dae42f8-4368-4678-94ff-3960e28e3630/user.read,email,profile',
    ], // openid: Headlamp adds it
    [
      'Cognito',
      OidcConfig.cognito({ ...common, region: 'eu-west-1', userPoolId: 'eu-west-1_AbC123' }),
      OidcProvider.COGNITO,
      'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123',
      'profile,email',
    ],
    ['Google', OidcConfig.google(common), OidcProvider.GOOGLE, 'https://accounts.google.com', 'profile,email'],
    [
      'OpenUnison',
      OidcConfig.openUnison({ ...common, host: 'k8sou.example.com' }),
      OidcProvider.OPENUNISON,
      'https://k8sou.example.com/auth/idp/k8sIdp',
      'profile,email',
    ],
  ])('%s: issuer and scopes', (_name, config, provider, issuer, scopes) => {
    const { args } = render(config);
    expect(config.provider).toBe(provider);
    expect(flag(args, 'oidc-idp-issuer-url')).toBe(issuer);
    expect(flag(args, 'oidc-scopes')).toBe(scopes);
    expect(args).toContain('-oidc-use-pkce');
  });

  test('Entra ID: access token, Graph audience and sts.windows.net issuer for validation', () => {
    const { args } = render(OidcConfig.entraId({ ...common, tenantId: '11111111-2222-3333-4444-555555555555' }));
    expect(args).toContain('-oidc-use-access-token');
    expect(flag(args, 'oidc-validator-client-id')).toBe('6dae42f8-4368-4678-94ff-3960e28e3630');
    expect(flag(args, 'oidc-validator-idp-issuer-url')).toBe(
      'https://sts.windows.net/11111111-2222-3333-4444-555555555555/',
    );
  });

  test('user settings override preset defaults', () => {
    const { args } = render(
      OidcConfig.keycloak({ ...common, host: 'sso.example.com', realm: 'r', scopes: ['email', 'groups'] }),
    );
    expect(flag(args, 'oidc-scopes')).toBe('email,groups');
  });
});

describe("OidcConfig parity with the official chart's OIDC values", () => {
  // Each case: what a chart user sets, and the same effective Headlamp settings from the library.
  test('clientSecret written to a chart-created Secret -> explicit plaintext opt-in, same flags via env', () => {
    const { args, objects } = render(
      new OidcConfig({ ...BASE, clientSecret: OidcClientSecret.unsafePlaintextInManifests('x-secret-value') }),
    );
    expect(args.slice(0, 3)).toStrictEqual([
      '-oidc-client-id=headlamp',
      '-oidc-idp-issuer-url=https://idp.example.com',
      '-oidc-scopes=profile,email',
    ]);
    expect(only(objects, 'Secret').stringData).toStrictEqual({ 'client-secret': 'x-secret-value' });
  });

  test('externalSecret.name -> fromSettingsSecret reads the same OIDC_* keys', () => {
    const { container } = render(
      OidcConfig.fromSettingsSecret({ secretName: 'oidc', publicUrl: 'https://h.example.com' }),
    );
    expect(container.env.map((e: any) => e.valueFrom.secretKeyRef.key)).toStrictEqual([
      'OIDC_CLIENT_ID',
      'OIDC_CLIENT_SECRET',
      'OIDC_ISSUER_URL',
      'OIDC_SCOPES',
    ]);
  });

  test('usePKCE, useAccessToken, meUserInfoURL, validatorClientID/IssuerURL -> the same flags', () => {
    const { args } = render(
      new OidcConfig({
        ...BASE,
        useAccessToken: true,
        userInfoUrl: 'https://idp.example.com/userinfo',
        validatorClientId: 'aud',
        validatorIssuerUrl: 'https://iss.example.com/',
      }),
    );
    expect(args).toEqual(
      expect.arrayContaining([
        '-oidc-use-pkce',
        '-oidc-use-access-token',
        '-me-user-info-url=https://idp.example.com/userinfo',
        '-oidc-validator-client-id=aud',
        '-oidc-validator-idp-issuer-url=https://iss.example.com/',
      ]),
    );
  });
});

describe('OidcConfig validation', () => {
  const prefix = "HeadlampDeployment 'test/headlamp': ";
  test.each<[string, OidcConfig, string]>([
    [
      'the issuer is http',
      new OidcConfig({ ...BASE, issuerUrl: 'http://idp.example.com' }),
      'props.auth.oidc.issuerUrl: expected an https issuer, got "http://idp.example.com"; tokens would travel in clear text (set unsafeAllowHttpIssuer: true for local development only)',
    ],
    [
      'the issuer is not a URL',
      new OidcConfig({ ...BASE, issuerUrl: 'idp.example.com' }),
      'props.auth.oidc.issuerUrl: expected an absolute https or http URL, got "idp.example.com"',
    ],
    [
      'the client ID is empty',
      new OidcConfig({ ...BASE, clientId: '' }),
      'props.auth.oidc.clientId: expected a client ID as the identity provider issued it (not blank, no surrounding spaces), got ""',
    ],
    [
      'the client secret is a literal string',
      new OidcConfig({ ...BASE, clientSecret: 'hunter22' as any }),
      "props.auth.oidc.clientSecret: expected OidcClientSecret.fromSecret('secret-name', 'key'): a literal secret would be written into the manifests (OidcClientSecret.unsafePlaintextInManifests(...) says so by name), got <redacted>",
    ],
    [
      'scopes are empty',
      new OidcConfig({ ...BASE, scopes: [] }),
      'props.auth.oidc.scopes: expected at least one scope, got an array of 0',
    ],
    [
      'a scope has a comma',
      new OidcConfig({ ...BASE, scopes: ['email,profile'] }),
      'props.auth.oidc.scopes[0]: expected a scope without spaces or commas, got "email,profile"',
    ],
    [
      'scopes repeat',
      new OidcConfig({ ...BASE, scopes: ['email', 'email'] }),
      'props.auth.oidc.scopes: expected distinct scopes, got an array of 2',
    ],
    [
      'a public client turns PKCE off',
      new OidcConfig({ ...BASE, clientSecret: undefined, usePkce: false }),
      "props.auth.oidc.usePkce: a public client (no clientSecret) must use PKCE, got false; set usePkce: true or give clientSecret: OidcClientSecret.fromSecret('name', 'key')",
    ],
    [
      'neither public URL nor callback is given',
      new OidcConfig({ ...BASE, publicUrl: undefined }),
      "props.auth.oidc.publicUrl: expected the https origin users reach Headlamp at (or an explicit callbackUrl), got undefined; e.g. publicUrl: 'https://headlamp.example.com'",
    ],
    [
      'the public URL has a path',
      new OidcConfig({ ...BASE, publicUrl: 'https://h.example.com/headlamp' }),
      'props.auth.oidc.publicUrl: expected an https origin without a path or trailing \'/\' (the base URL is appended), got "https://h.example.com/headlamp"',
    ],
    [
      'the public URL is http',
      new OidcConfig({ ...BASE, publicUrl: 'http://h.example.com' }),
      'props.auth.oidc.publicUrl: expected an https origin such as \'https://headlamp.example.com\', got "http://h.example.com"',
    ],
    [
      'CA and skip-verify are both set',
      new OidcConfig({ ...BASE, caCertificate: OidcCaCertificate.fromConfigMap('ca'), unsafeSkipTlsVerify: true }),
      'props.auth.oidc.unsafeSkipTlsVerify: conflicts with caCertificate, got true; trust the CA instead of skipping verification',
    ],
    [
      'Keycloak has no secret',
      OidcConfig.keycloak({ clientId: 'h', host: 'sso.example.com', realm: 'r', publicUrl: 'https://h.example.com' }),
      "props.auth.oidc.clientSecret: the keycloak preset needs a confidential client, got undefined; give clientSecret: OidcClientSecret.fromSecret('name', 'key')",
    ],
    [
      'the Keycloak host has a scheme',
      OidcConfig.keycloak({ ...BASE, host: 'https://sso.example.com', realm: 'r' } as any),
      "props.auth.oidc: unknown prop 'issuerUrl': check the spelling against the props interface",
    ],
    [
      'the Entra tenant is not a GUID',
      OidcConfig.entraId({ clientId: 'h', publicUrl: 'https://h.example.com', tenantId: 'contoso' }),
      'props.auth.oidc.tenantId: expected a tenant ID (a GUID), got "contoso"',
    ],
    [
      'the Cognito pool does not match a region',
      OidcConfig.cognito({
        clientId: 'h',
        publicUrl: 'https://h.example.com',
        region: 'eu-west-1',
        userPoolId: 'pool',
      }),
      'props.auth.oidc.userPoolId: expected a user pool ID such as \'eu-west-1_AbCdEf123\', got "pool"',
    ],
    [
      'the client secret Secret name is invalid',
      new OidcConfig({ ...BASE, clientSecret: OidcClientSecret.fromSecret('Bad_Name') }),
      "props.auth.oidc.clientSecret.secretName: expected a DNS-1123 subdomain (lower-case letters, digits, '-' and '.'), got \"Bad_Name\"",
    ],
  ])('fails when %s', (_case, config, message) => {
    expect(fails(config)).toThrow(HeadlampValidationError);
    expect(fails(config)).toThrow(prefix + message);
  });

  test('fails when the image is too old for PKCE', () => {
    expect(fails(new OidcConfig(BASE), { image: { tag: 'v0.36.0' } })).toThrow(
      `${prefix}props.auth.oidc.usePkce: -oidc-use-pkce needs Headlamp v0.37.0 or later, got image tag v0.36.0; raise props.image.tag or drop the option`,
    );
  });

  test('fails when an extra arg repeats an OIDC flag', () => {
    expect(fails(new OidcConfig(BASE), { extraArgs: ['-oidc-scopes=openid'] })).toThrow(
      `${prefix}props.extraArgs[0]: -oidc-scopes is set by the library, got it in extraArgs (value not shown); use props.auth: HeadlampAuth.oidc(OidcConfig...)`,
    );
  });

  test('the Keycloak host error names the host', () => {
    expect(
      fails(
        OidcConfig.keycloak({
          clientId: 'h',
          clientSecret: SECRET,
          publicUrl: 'https://h.example.com',
          host: 'https://sso',
          realm: 'r',
        }),
      ),
    ).toThrow(
      `${prefix}props.auth.oidc.host: expected a host name such as 'sso.example.com' (no scheme, no path), got "https://sso"`,
    );
  });
});
