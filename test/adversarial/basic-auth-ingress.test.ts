// BasicAuthIngress: passwords and the hash key never appear in an error, whatever went wrong.
import { BasicAuthCredentials, BasicAuthIngress, HeadlampDeployment, IngressTls, SynthTimeSecret } from '../../lib';
import { expectRefused } from '../helpers/adversarial';
import { testChart } from '../helpers/synth';

const env = { T_ADV_PW: 'short-pw-9', T_ADV_KEY: 'a-hash-key-that-is-long-enough-123456' };
beforeAll(() => Object.assign(process.env, env));
afterAll(() => {
  for (const k of Object.keys(env)) delete process.env[k];
});

function build(credentials: BasicAuthCredentials) {
  return () => {
    const chart = testChart();
    new BasicAuthIngress(chart, 'gate', {
      headlamp: new HeadlampDeployment(chart, 'headlamp'),
      hosts: ['h.example.com'],
      tls: IngressTls.fromSecret('t'),
      credentials,
    });
  };
}
const at = (prop: string, says: string) => ({
  type: 'BasicAuthIngress',
  path: 'test/gate',
  prop,
  says,
  secrets: Object.values(env),
});

describe('BasicAuthIngress refuses, without echoing a secret', () => {
  test.each<[string, BasicAuthCredentials, ReturnType<typeof at>]>([
    [
      'a short password',
      BasicAuthCredentials.hashAtSynth({
        users: [{ username: 'alice', password: SynthTimeSecret.fromEnv('T_ADV_PW') }],
        hashKey: SynthTimeSecret.fromEnv('T_ADV_KEY'),
      }),
      at('props.credentials.users[0].password', "at least 12 characters for 'alice', got 10 characters"),
    ],
    [
      'the password used as a too-short hash key',
      BasicAuthCredentials.hashAtSynth({
        users: [{ username: 'alice', password: SynthTimeSecret.fromEnv('T_ADV_KEY') }],
        hashKey: SynthTimeSecret.fromEnv('T_ADV_PW'),
      }),
      at('props.credentials.hashKey', 'got 10 characters'),
    ],
    [
      'a variable name that is not one',
      BasicAuthCredentials.hashAtSynth({
        users: [{ username: 'alice', password: SynthTimeSecret.fromEnv('my password') }],
        hashKey: SynthTimeSecret.fromEnv('T_ADV_KEY'),
      }),
      at('props.credentials.users[0].password.source', 'an environment variable name'),
    ],
    [
      'an htpasswd line with a plaintext password',
      BasicAuthCredentials.fromHtpasswdLines(['alice:short-pw-9']),
      at('props.credentials.lines[0]', 'an htpasswd line'),
    ],
    [
      'a Secret in another namespace',
      BasicAuthCredentials.fromExistingSecret('other/htpasswd'),
      at('props.credentials.secretName', "expected a Secret in the Ingress's namespace"),
    ],
  ])('%s', (_case, credentials, refusal) => {
    expectRefused(build(credentials), refusal);
  });
});
