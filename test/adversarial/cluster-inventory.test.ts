// Cluster-inventory access providers, tried the way Go reads them: encoding/json matches keys case-insensitively,
// so `ExecConfig` is execConfig; a key it does not know is ignored. By the API, a values file and the chart migration.
import { HeadlampDeployment } from '../../lib';
import { expectRefused } from '../helpers/adversarial';
import { migrationError, valuesError, valuesWith } from '../helpers/doors';
import { testChart } from '../helpers/synth';

const withProviders =
  (...providers: Array<Record<string, unknown>>) =>
  () =>
    new HeadlampDeployment(testChart(), 'headlamp', { clusterInventory: { providers } });
const refusal = (prop: string, says: string) => ({
  type: 'HeadlampDeployment',
  path: 'test/headlamp',
  prop: `props.clusterInventory.providers${prop}`,
  says,
});
const EXEC = (key: string) =>
  `expected a provider without execConfig (Go's encoding/json reads '${key}' as execConfig: it matches keys case-insensitively): ` +
  'access plugins are mounted as image volumes (Kubernetes 1.33+), outside the 1.28 API this library targets, got an object';

describe('cluster-inventory providers refuse what Go would read differently', () => {
  test.each(['ExecConfig', 'EXECCONFIG', 'execconfig', 'eXeCcOnFiG'])('%s (execConfig by another spelling)', (key) => {
    expectRefused(withProviders({ name: 'p', [key]: { command: '/x' } }), refusal(`[0].${key}`, EXEC(key)));
  });

  test('execConfig spelled exactly, in the second provider', () => {
    expectRefused(
      withProviders({ name: 'a' }, { name: 'b', execConfig: { command: '/x' } }),
      refusal('[1].execConfig', 'expected a provider without execConfig: access plugins'),
    );
  });

  test.each<[string, Record<string, unknown>, string, string]>([
    ['a name that Go reads as name', { Name: 'p' }, '[0].name', 'expected a provider with a name, got undefined'],
    [
      'a second name by another spelling (the later one wins in Go)',
      { name: 'a', NAME: 'b' },
      '[0].NAME',
      "expected the field spelled 'name', got key 'NAME' (Go's encoding/json reads it as name: it matches keys case-insensitively)",
    ],
    [
      'the long s that Go folds to S',
      { name: 'p', profileSourcedEnvVarſPolicy: 'Replace' },
      '[0].profileSourcedEnvVar\u017fPolicy',
      "expected the field spelled 'profileSourcedEnvVarsPolicy', got key 'profileSourcedEnvVar\u017fPolicy'",
    ],
    [
      'a field Go ignores (a typo)',
      { name: 'p', profileSourcedCliArgs: 'Append' },
      '[0].profileSourcedCliArgs',
      "expected a provider field (name, execConfig, profileSourcedCLIArgsPolicy, profileSourcedEnvVarsPolicy), got key 'profileSourcedCliArgs', which Headlamp ignores",
    ],
    [
      'a policy that does not exist',
      { name: 'p', profileSourcedCLIArgsPolicy: 'Prepend' },
      '[0].profileSourcedCLIArgsPolicy',
      "expected one of 'Append', 'Ignore', got \"Prepend\"",
    ],
  ])('%s', (_case, provider, prop, says) => {
    expectRefused(withProviders(provider), refusal(prop, says));
  });

  test('a provider with only the fields spelled exactly is written as given', () => {
    expect(() => withProviders({ name: 'static', profileSourcedCLIArgsPolicy: 'Ignore' })()).not.toThrow();
  });

  test('a values file names the key as written', () => {
    expect(valuesError(valuesWith({ clusterInventory: { providers: [{ name: 'p', ExecConfig: {} }] } }))).toBe(
      `values: headlamp.clusterInventory.providers[0].ExecConfig: ${EXEC('ExecConfig')}`,
    );
  });

  test('the chart migration names the values key', () => {
    const chart = {
      config: {
        clusterInventory: {
          enabled: true,
          accessProvidersConfig: { providers: [{ name: 'p', ExecConfig: { command: '/x' } }] },
        },
      },
    };
    expect(migrationError(chart)).toBe(
      `chart values: config.clusterInventory.accessProvidersConfig.providers[0].ExecConfig: ${EXEC('ExecConfig')} ` +
        '(HeadlampDeployment props.clusterInventory.providers[0].ExecConfig)',
    );
  });
});
