// Flags a prop owns, or that change whom Headlamp trusts, tried through every other door: two dashes, env var
// spellings koanf still reads, an envFrom prefix that turns a Secret's keys into flags; by the API, a values file
// and the chart migration.
import { HeadlampDeploymentProps } from '../../lib';
import { expectRefused, Refusal } from '../helpers/adversarial';
import { migrationError, valuesError, valuesWith } from '../helpers/doors';
import { testChart } from '../helpers/synth';
import { HeadlampDeployment } from '../../lib';

const build = (props: HeadlampDeploymentProps) => () => new HeadlampDeployment(testChart(), 'headlamp', props);
const at = (prop: string, says: string, secrets?: string[]): Refusal => ({
  type: 'HeadlampDeployment',
  path: 'test/headlamp',
  prop,
  says,
  secrets,
});
const INSECURE_SSL =
  '-insecure-ssl changes whom Headlamp trusts (it turns off TLS verification of the identity provider in the OIDC login ' +
  '(v0.45: the /oidc handler), so the token exchange could be intercepted), got it in extraArgs (value not shown); ' +
  "drop it; to trust a private identity provider's CA, give the OidcConfig a caCertificate (props.auth)";

describe('owned and trust-changing flags, by every spelling Headlamp reads', () => {
  test.each<[string, HeadlampDeploymentProps, Refusal]>([
    // Go's flag package reads -flag and --flag alike.
    ['--insecure-ssl', { extraArgs: ['--insecure-ssl'] }, at('props.extraArgs[0]', INSECURE_SSL)],
    [
      '-insecure-ssl=true',
      { extraArgs: ['-skipped-kube-contexts=old', '-insecure-ssl=true'] },
      at('props.extraArgs[1]', INSECURE_SSL),
    ],
    [
      '--dev (CORS for every origin)',
      { extraArgs: ['--dev'] },
      at('props.extraArgs[0]', '-dev changes whom Headlamp trusts (it lets every web origin call Headlamp'),
    ],
    ['--proxy-auth', { extraArgs: ['--proxy-auth'] }, at('props.extraArgs[0]', '-proxy-auth is set by the library')],
    [
      '--oidc-client-secret=..., never echoed',
      { extraArgs: ['--oidc-client-secret=dash-dash-secret-42'] },
      at('props.extraArgs[0]', '-oidc-client-secret is set by the library', ['dash-dash-secret-42']),
    ],
    ['--base-url', { extraArgs: ['--base-url=/x'] }, at('props.extraArgs[0]', 'use props.baseUrl')],
    [
      'an arg that is no flag, never echoed',
      { extraArgs: ['oidc-client-secret=bare-secret-42'] },
      at('props.extraArgs[0]', "expected a flag such as '-enable-helm'", ['bare-secret-42']),
    ],
    // koanf matches the prefix exactly, lower-cases the rest and turns '_' into '-': every spelling is the same flag.
    [
      'HEADLAMP_CONFIG_INSECURE_SSL',
      { extraEnv: { HEADLAMP_CONFIG_INSECURE_SSL: 'true' } },
      at(
        'props.extraEnv.HEADLAMP_CONFIG_INSECURE_SSL',
        'sets -insecure-ssl (Headlamp reads HEADLAMP_CONFIG_* as its flags), which changes whom Headlamp trusts',
      ),
    ],
    [
      'a lower-case flag part',
      { extraEnv: { HEADLAMP_CONFIG_insecure_ssl: 'true' } },
      at('props.extraEnv.HEADLAMP_CONFIG_insecure_ssl', 'sets -insecure-ssl'),
    ],
    [
      'a mixed-case flag part',
      { extraEnv: { HEADLAMP_CONFIG_Proxy_Auth: 'true' } },
      at('props.extraEnv.HEADLAMP_CONFIG_Proxy_Auth', 'sets -proxy-auth'),
    ],
    [
      'dashes instead of underscores',
      { extraEnv: { 'HEADLAMP_CONFIG_OIDC-CLIENT-ID': 'x' } },
      at('props.extraEnv.HEADLAMP_CONFIG_OIDC-CLIENT-ID', 'sets -oidc-client-id'),
    ],
    // -kubeconfig-dir (v0.45) loads kubeconfigs around props.kubeconfigs.
    [
      '--kubeconfig-dir',
      { extraArgs: ['--kubeconfig-dir=/kc'] },
      at(
        'props.extraArgs[0]',
        '-kubeconfig-dir is set by the library, got it in extraArgs (value not shown); use props.kubeconfigs',
      ),
    ],
    [
      'HEADLAMP_CONFIG_KUBECONFIG_DIR',
      { extraEnv: { HEADLAMP_CONFIG_KUBECONFIG_DIR: '/kc' } },
      at(
        'props.extraEnv.HEADLAMP_CONFIG_KUBECONFIG_DIR',
        'sets -kubeconfig-dir (Headlamp reads HEADLAMP_CONFIG_* as its flags), got it in extraEnv (value not shown); use props.kubeconfigs',
      ),
    ],
    [
      'HEADLAMP_CONFIG_DEV from a Secret',
      { extraEnvVars: [{ name: 'HEADLAMP_CONFIG_DEV', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] },
      at('props.extraEnvVars.HEADLAMP_CONFIG_DEV', 'sets -dev'),
    ],
  ])('%s', (_case, props, refusal) => {
    expectRefused(build(props), refusal);
  });

  test.each(['HEADLAMP_CONFIG_', 'HEADLAMP_CONFIG_OIDC_', 'HEADLAMP_CONFIG', 'HEADLAMP_', 'H'])(
    "an envFrom prefix %j turns a Secret's keys into flags",
    (prefix) => {
      expectRefused(
        build({ extraEnvFrom: [{ configMapRef: { name: 'settings' } }, { prefix, secretRef: { name: 'flags' } }] }),
        at(
          'props.extraEnvFrom[1].prefix',
          `turns every key of the Secret 'flags' into a Headlamp flag (HEADLAMP_CONFIG_<KEY> sets -<key>, whatever the key: -proxy-auth and -oidc-* too, ` +
            `unchecked), got prefix ${JSON.stringify(prefix)}; pass flags one by one in props.extraArgs or props.extraEnv, where each is checked, or use a prefix ` +
            'that does not start HEADLAMP_CONFIG_',
        ),
      );
    },
  );

  test('what Headlamp does not read as a flag stays open', () => {
    expect(() =>
      build({
        extraArgs: ['--cache-enabled', '-skipped-kube-contexts=old'],
        // koanf's prefix is case-sensitive; another prefix, or none (the keys decide, which only the cluster knows).
        extraEnv: { headlamp_config_proxy_auth: 'x', XHEADLAMP_CONFIG_DEV: 'x' },
        extraEnvFrom: [
          { configMapRef: { name: 'a' } },
          { prefix: 'APP_', secretRef: { name: 'b' } },
          { prefix: 'headlamp_config_', configMapRef: { name: 'c' } },
        ],
      })(),
    ).not.toThrow();
  });
});

describe('the same refusals read in values-file and chart terms', () => {
  test.each<[string, Record<string, unknown>, string]>([
    [
      '--insecure-ssl',
      { extraArgs: ['--insecure-ssl'] },
      `values: headlamp.extraArgs[0]: ${INSECURE_SSL.replace('(props.auth)', '(auth)')}`,
    ],
    [
      'HEADLAMP_CONFIG_Dev',
      { extraEnv: { HEADLAMP_CONFIG_Dev: '1' } },
      'values: headlamp.extraEnv.HEADLAMP_CONFIG_Dev: sets -dev (Headlamp reads HEADLAMP_CONFIG_* as its flags), which changes',
    ],
    [
      'an envFrom prefix',
      { extraEnvFrom: [{ prefix: 'HEADLAMP_', secretRef: { name: 'flags' } }] },
      "values: headlamp.extraEnvFrom[0].prefix: turns every key of the Secret 'flags' into a Headlamp flag",
    ],
  ])('values file: %s', (_case, headlamp, says) => {
    const message = valuesError(valuesWith(headlamp));
    expect(message).toContain(says);
    expect(message).toContain(
      says.includes('extraEnvFrom') ? 'pass flags one by one in headlamp.extraArgs or headlamp.extraEnv' : 'got it in',
    );
  });

  test.each<[string, Record<string, unknown>, string]>([
    [
      '--insecure-ssl',
      { config: { extraArgs: ['--insecure-ssl'] } },
      `chart values: config.extraArgs[0]: ${INSECURE_SSL.replace(
        '(props.auth)',
        "(TypeScript's HeadlampDeployment props.auth)",
      )} (HeadlampDeployment props.extraArgs[0])`,
    ],
    // The migration reads -proxy-auth itself: carried behind the values' own gate, else refused naming the way.
    [
      '--proxy-auth',
      { config: { extraArgs: ['-cache-enabled', '--proxy-auth'] } },
      'config.extraArgs[1]: -proxy-auth makes Headlamp believe the identity headers',
    ],
    [
      'HEADLAMP_CONFIG_insecure_ssl in env',
      { env: [{ name: 'HEADLAMP_CONFIG_insecure_ssl', value: 'true' }] },
      'chart values: env[0]: sets -insecure-ssl (Headlamp reads HEADLAMP_CONFIG_* as its flags), which changes whom Headlamp trusts',
    ],
  ])('chart migration: %s', (_case, values, says) => {
    expect(migrationError(values)).toContain(says);
  });
});
