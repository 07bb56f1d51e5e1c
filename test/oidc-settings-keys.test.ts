// OidcConfig.fromSettingsSecret with the key names of a Secret made for other tools (clientID, clientSecret, issuerURL).
import { HeadlampAuth, HeadlampDeployment, OidcConfig } from '../lib';
import { only, synth, testChart } from './helpers/synth';

const render = (keys: any, includesClientSecret?: boolean) => {
  const chart = testChart();
  new HeadlampDeployment(chart, 'headlamp', {
    auth: HeadlampAuth.oidc(
      OidcConfig.fromSettingsSecret({
        secretName: 'headlamp-oidc',
        publicUrl: 'https://headlamp.example.com',
        keys,
        includesClientSecret,
      }),
    ),
  });
  return only(synth(chart), 'Deployment').spec.template.spec.containers[0].env;
};

test('each setting read from the key named, the scopes key still optional', () => {
  expect(render({ clientId: 'clientID', clientSecret: 'clientSecret', issuerUrl: 'issuerURL' })).toStrictEqual([
    { name: 'HEADLAMP_CONFIG_OIDC_CLIENT_ID', valueFrom: { secretKeyRef: { name: 'headlamp-oidc', key: 'clientID' } } },
    {
      name: 'HEADLAMP_CONFIG_OIDC_CLIENT_SECRET',
      valueFrom: { secretKeyRef: { name: 'headlamp-oidc', key: 'clientSecret' } },
    },
    {
      name: 'HEADLAMP_CONFIG_OIDC_IDP_ISSUER_URL',
      valueFrom: { secretKeyRef: { name: 'headlamp-oidc', key: 'issuerURL' } },
    },
    {
      name: 'HEADLAMP_CONFIG_OIDC_SCOPES',
      valueFrom: { secretKeyRef: { name: 'headlamp-oidc', key: 'OIDC_SCOPES', optional: true } },
    },
  ]);
  expect(render({ clientId: 'id' }, false).map((e: any) => e.valueFrom.secretKeyRef.key)).toStrictEqual([
    'id',
    'OIDC_ISSUER_URL',
    'OIDC_SCOPES',
  ]);
});

test.each([
  [
    { clientId: 'a b' },
    "props.auth.oidc.keys.clientId: expected a Secret key (letters, digits, '-', '_', '.'), got \"a b\"",
  ],
  [{ clientId: 'x', issuerUrl: 'x' }, 'props.auth.oidc.keys: expected a different key for each setting, got an object'],
  [{ clientID: 'x' }, "props.auth.oidc.keys: unknown prop 'clientID': check the spelling against the props interface"],
])('refused: %j', (keys, message) => {
  expect(() => render(keys)).toThrow(`HeadlampDeployment 'test/headlamp': ${message}`);
});

test("the callback URL read from the Secret too (the chart's externalSecret with callbackURL): no publicUrl, none known at synth", () => {
  const chart = testChart();
  const headlamp = new HeadlampDeployment(chart, 'headlamp', {
    auth: HeadlampAuth.oidc(
      OidcConfig.fromSettingsSecret({ secretName: 'oidc', keys: { callbackUrl: 'OIDC_CALLBACK_URL' } }),
    ),
  });
  const container = only(synth(chart), 'Deployment').spec.template.spec.containers[0];
  expect(container.env).toContainEqual({
    name: 'HEADLAMP_CONFIG_OIDC_CALLBACK_URL',
    valueFrom: { secretKeyRef: { name: 'oidc', key: 'OIDC_CALLBACK_URL' } },
  });
  expect(container.args.filter((a: string) => a.startsWith('-oidc-callback-url'))).toEqual([]);
  expect(headlamp.oidcCallbackUrl).toBeUndefined();
  expect(
    () =>
      new HeadlampDeployment(testChart(), 'headlamp', {
        auth: HeadlampAuth.oidc(
          OidcConfig.fromSettingsSecret({
            secretName: 'oidc',
            publicUrl: 'https://h.example.com',
            keys: { callbackUrl: 'OIDC_CALLBACK_URL' },
          }),
        ),
      }),
  ).toThrow(
    "HeadlampDeployment 'test/headlamp': props.auth.oidc.publicUrl: conflicts with keys.callbackUrl (the callback URL read from the settings Secret), got both; keep one",
  );
});

test('a key given as undefined keeps its default', () => {
  expect(
    render({ clientId: 'id', scopes: undefined }, false).map((e: any) => e.valueFrom.secretKeyRef.key),
  ).toStrictEqual(['id', 'OIDC_ISSUER_URL', 'OIDC_SCOPES']);
});
