// The strict schema validator is itself tested: a validator that accepts everything proves nothing.
import { K8S_VERSIONS, validateAll, validateObject } from './helpers/k8s-schema';
import { schemaFile } from './helpers/schema-files';

const service = () => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'headlamp', namespace: 'headlamp' },
  spec: { ports: [{ port: 80, targetPort: 'http' }], selector: { app: 'headlamp' } },
});

describe('strict Kubernetes schema validation', () => {
  test('accepts a valid object on every supported version', () => {
    expect(validateAll([service()])).toEqual([]);
    expect(K8S_VERSIONS).toEqual(['1.28.0', '1.35.0']);
  });

  test('fails on an unknown field (the API server would drop it silently)', () => {
    const svc: any = service();
    svc.spec.ports[0].targetPrt = 4466;
    expect(validateObject(svc)).toEqual([
      "Service headlamp/headlamp (k8s 1.28.0): /spec/ports/0 must NOT have additional properties 'targetPrt'",
    ]);
  });

  test('fails on a wrong type', () => {
    const svc: any = service();
    svc.spec.ports[0].port = '80';
    expect(validateObject(svc).join('\n')).toMatch(/\/spec\/ports\/0\/port must be integer/);
  });

  test('fails on a missing required field and a missing name', () => {
    const svc: any = service();
    delete svc.spec.ports[0].port;
    expect(validateObject(svc).join('\n')).toMatch(/must have required property 'port'/);
    expect(validateObject({ apiVersion: 'v1', kind: 'Service', metadata: {} })).toEqual([
      'Service /<no name>: metadata.name is missing',
    ]);
  });

  test('fails on a kind the version does not serve', () => {
    const ing = { apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: { name: 'x' } };
    expect(validateObject(ing)).toEqual([
      'Ingress /x: extensions/v1beta1 Ingress is not a kind of Kubernetes 1.28.0 or a known CRD',
    ]);
  });

  test('validates Traefik CRDs, unknown fields included', () => {
    const mw: any = {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'Middleware',
      metadata: { name: 'auth', namespace: 'headlamp' },
      spec: { basicAuth: { secret: 'users', removeHeader: true } },
    };
    expect(validateObject(mw)).toEqual([]);
    mw.spec.basicAuth.removeHeaders = true;
    expect(validateObject(mw).join('\n')).toMatch(
      /\/spec\/basicAuth must NOT have additional properties 'removeHeaders'/,
    );
    // Traefik v2's group is not Traefik v3's.
    expect(validateObject({ ...mw, apiVersion: 'traefik.containo.us/v1alpha1' })[0]).toMatch(/not a kind/);
  });

  test('validates Prometheus Operator v0.93.0 CRDs (PodMonitor, ServiceMonitor), unknown fields and bad enums included', () => {
    const pm: any = {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: { name: 'headlamp', namespace: 'headlamp' },
      spec: {
        selector: { matchLabels: { app: 'headlamp' } },
        podMetricsEndpoints: [{ port: 'http', path: '/metrics', scheme: 'http' }],
      },
    };
    expect(validateObject(pm)).toEqual([]);
    pm.spec.podMetricsEndpoints[0].pth = '/metrics';
    expect(validateObject(pm).join('\n')).toMatch(
      /\/spec\/podMetricsEndpoints\/0 must NOT have additional properties 'pth'/,
    );
    const sm: any = {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name: 'headlamp', namespace: 'headlamp' },
      spec: { selector: { matchLabels: { app: 'headlamp' } }, endpoints: [{ port: 'http', scheme: 'ftp' }] },
    };
    expect(validateObject(sm).join('\n')).toMatch(
      /\/spec\/endpoints\/0\/scheme must be equal to one of the allowed values/,
    );
  });

  test('an unknown schema file is refused by name', () => {
    expect(() => schemaFile('nope.json')).toThrow('unknown pinned file nope.json');
  });
});
