// Settings that synthesize and apply, then hurt later: a disruption budget no drain gets past, numbers the API
// server refuses (int32), an appProtocol that names a wire the pod does not speak. By the API, a values file and the chart migration.
import { HeadlampDeployment, HeadlampDeploymentProps, OAuth2ProxyFrontend } from '../../lib';
import { expectRefused, Refusal } from '../helpers/adversarial';
import { migrationError, valuesError, valuesWith } from '../helpers/doors';
import { testChart } from '../helpers/synth';

const build = (props: HeadlampDeploymentProps) => () => new HeadlampDeployment(testChart(), 'headlamp', props);
const at = (prop: string, says: string): Refusal => ({ type: 'HeadlampDeployment', path: 'test/headlamp', prop, says });
const INT32 = "expected an integer of at most 2147483647 (the Kubernetes API's int32 limit)";

describe('a PodDisruptionBudget that allows no eviction (every node drain would wait forever)', () => {
  test.each<[string, HeadlampDeploymentProps, Refusal]>([
    [
      'minAvailable equal to replicas',
      { replicas: 2, podDisruptionBudget: { minAvailable: 2 } },
      at(
        'props.podDisruptionBudget.minAvailable',
        'allows no eviction with 2 replicas (every node drain would wait on this pod forever), got 2; set minAvailable to at most 1 ' +
          '(or a percentage that leaves a pod to evict), or maxUnavailable: 1',
      ),
    ],
    [
      'minAvailable above replicas',
      { replicas: 3, podDisruptionBudget: { minAvailable: 5 } },
      at('props.podDisruptionBudget.minAvailable', 'got 5; set minAvailable to at most 2'),
    ],
    [
      'minAvailable 100%',
      { replicas: 2, podDisruptionBudget: { minAvailable: '100%' } },
      at('props.podDisruptionBudget.minAvailable', 'allows no eviction with 2 replicas'),
    ],
    [
      'minAvailable 90% of 3 (rounded up: 3)',
      { replicas: 3, podDisruptionBudget: { minAvailable: '90%' } },
      at('props.podDisruptionBudget.minAvailable', 'got "90%"'),
    ],
    [
      'maxUnavailable 0',
      { replicas: 2, podDisruptionBudget: { maxUnavailable: 0 } },
      at(
        'props.podDisruptionBudget.maxUnavailable',
        'allows no eviction with 2 replicas (every node drain would wait on this pod forever), got 0; set maxUnavailable: 1',
      ),
    ],
    [
      'maxUnavailable 0%',
      { replicas: 4, podDisruptionBudget: { maxUnavailable: '0%' } },
      at('props.podDisruptionBudget.maxUnavailable', 'got "0%"'),
    ],
    [
      'always, one replica, minAvailable 1',
      { podDisruptionBudget: { always: true, minAvailable: 1 } },
      at(
        'props.podDisruptionBudget.minAvailable',
        'allows no eviction with 1 replica (every node drain would wait on this pod forever), got 1; set maxUnavailable: 1, raise props.replicas, or drop always',
      ),
    ],
  ])('%s', (_case, props, refusal) => {
    expectRefused(build(props), refusal);
  });

  test.each<[string, HeadlampDeploymentProps]>([
    ['minAvailable one below replicas', { replicas: 3, podDisruptionBudget: { minAvailable: 2 } }],
    ['minAvailable 50% of 2', { replicas: 2, podDisruptionBudget: { minAvailable: '50%' } }],
    ['maxUnavailable 10% of 2 (rounded up: 1)', { replicas: 2, podDisruptionBudget: { maxUnavailable: '10%' } }],
    ['always with one replica and the default', { podDisruptionBudget: { always: true } }],
    ['a budget that is not created (one replica)', { podDisruptionBudget: { maxUnavailable: 0 } }],
  ])('allows %s', (_case, props) => {
    expect(build(props)).not.toThrow();
  });

  test('the values file and the chart migration say it in their keys', () => {
    expect(valuesError(valuesWith({ replicas: 2, podDisruptionBudget: { minAvailable: '100%' } }))).toBe(
      'values: headlamp.podDisruptionBudget.minAvailable: allows no eviction with 2 replicas (every node drain would wait on this pod forever), ' +
        'got "100%"; set minAvailable to at most 1 (or a percentage that leaves a pod to evict), or maxUnavailable: 1',
    );
    expect(migrationError({ replicaCount: 1, podDisruptionBudget: { enabled: true, minAvailable: 1 } })).toBe(
      'chart values: podDisruptionBudget.minAvailable: allows no eviction with 1 replica (every node drain would wait on this pod forever), got 1; ' +
        'set maxUnavailable: 1, raise replicaCount, or drop always (one pod is evicted and rescheduled) (HeadlampDeployment props.podDisruptionBudget.minAvailable)',
    );
  });
});

describe("integers past the API's int32 bound", () => {
  test.each<[string, HeadlampDeploymentProps, string]>([
    ['replicas', { replicas: 2147483648 }, 'props.replicas'],
    ['a probe period', { livenessProbe: { periodSeconds: 1e10 } }, 'props.livenessProbe.periodSeconds'],
    ['a probe delay', { readinessProbe: { initialDelaySeconds: 2 ** 31 } }, 'props.readinessProbe.initialDelaySeconds'],
    [
      'a disruption budget count',
      { replicas: 2, podDisruptionBudget: { maxUnavailable: 2 ** 40 } },
      'props.podDisruptionBudget.maxUnavailable',
    ],
  ])('%s', (_case, props, prop) => {
    expectRefused(build(props), at(prop, `${INT32}, got `));
  });

  test("another construct's integer prop, through the same helper", () => {
    expect(() => new OAuth2ProxyFrontend(testChart(), 'p', { replicas: 2 ** 31 } as never)).toThrow(
      `props.replicas: ${INT32}, got 2147483648`,
    );
  });

  test('the values file and the chart migration', () => {
    expect(valuesError(valuesWith({ replicas: 1e10 }))).toBe(`values: headlamp.replicas: ${INT32}, got 10000000000`);
    expect(migrationError({ replicaCount: 3e9 })).toBe(
      `chart values: replicaCount: ${INT32}, got 3000000000 (HeadlampDeployment props.replicas)`,
    );
  });
});

describe('an appProtocol that names another wire than the pod serves', () => {
  test.each<[string, HeadlampDeploymentProps, string]>([
    [
      'https on plain HTTP',
      { service: { appProtocol: 'https' } },
      'says TLS, but the pod serves plain HTTP/1.1 (no podTlsSecret), got "https"; ' +
        "drop it (the default is 'http'), or set props.podTlsSecret so the pod serves TLS",
    ],
    [
      'kubernetes.io/wss on plain HTTP',
      { service: { appProtocol: 'kubernetes.io/wss' } },
      'says TLS, but the pod serves plain HTTP/1.1',
    ],
    [
      'kubernetes.io/h2c (Go speaks HTTP/2 only over TLS)',
      { service: { appProtocol: 'kubernetes.io/h2c' } },
      'says cleartext HTTP/2, but the pod serves plain HTTP/1.1 (no podTlsSecret), got "kubernetes.io/h2c"; drop it (the default is \'http\')',
    ],
    ['grpc', { service: { appProtocol: 'grpc' } }, 'says cleartext HTTP/2'],
    [
      'http with podTlsSecret',
      { podTlsSecret: 'headlamp-tls', service: { appProtocol: 'http' } },
      'says plain HTTP, but the pod serves TLS (props.podTlsSecret), got "http"; drop it (the default is \'https\')',
    ],
    [
      'kubernetes.io/ws with podTlsSecret',
      { podTlsSecret: 'headlamp-tls', service: { appProtocol: 'kubernetes.io/ws' } },
      'says plain HTTP, but the pod serves TLS',
    ],
  ])('%s', (_case, props, says) => {
    expectRefused(build(props), at('props.service.appProtocol', says));
  });

  test.each<[string, HeadlampDeploymentProps]>([
    ['kubernetes.io/ws on plain HTTP', { service: { appProtocol: 'kubernetes.io/ws' } }],
    ['https with podTlsSecret', { podTlsSecret: 'headlamp-tls', service: { appProtocol: 'https' } }],
    ['a name that says nothing about HTTP', { service: { appProtocol: 'tcp' } }],
    ['a domain-prefixed name', { service: { appProtocol: 'example.com/custom' } }],
  ])('keeps %s', (_case, props) => {
    expect(build(props)).not.toThrow();
  });

  test('the values file and the chart migration', () => {
    expect(valuesError(valuesWith({ service: { appProtocol: 'https' } }))).toBe(
      'values: headlamp.service.appProtocol: says TLS, but the pod serves plain HTTP/1.1 (no podTlsSecret), got "https"; drop it (the default is \'http\'), ' +
        'or set headlamp.podTlsSecret so the pod serves TLS',
    );
    expect(migrationError({ service: { appProtocol: 'kubernetes.io/h2c' } })).toMatch(
      /^chart values: service\.appProtocol: says cleartext HTTP\/2/,
    );
  });
});
