import {
  HeadlampDeployment,
  HeadlampHttpRoute,
  HeadlampHttpRouteProps,
  HeadlampValidationError,
  IngressControllerPeer,
} from '../lib';
import { validateAll } from './helpers/k8s-schema';
import { only, synth, testChart } from './helpers/synth';

function render(extra: Partial<HeadlampHttpRouteProps> = {}, baseUrl?: string) {
  const chart = testChart();
  const headlamp = new HeadlampDeployment(chart, 'headlamp', { baseUrl });
  new HeadlampHttpRoute(chart, 'route', {
    headlamp,
    hostnames: ['headlamp.example.com'],
    gateway: { name: 'public', namespace: 'gateways', sectionName: 'websecure' },
    ...extra,
  });
  const objects = synth(chart);
  return { objects, route: only(objects, 'HTTPRoute') };
}

describe('HeadlampHttpRoute', () => {
  test('attaches to the HTTPS listener and routes to the Headlamp Service', () => {
    const { route, objects } = render();
    expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(route.spec).toStrictEqual({
      parentRefs: [{ name: 'public', namespace: 'gateways', sectionName: 'websecure' }],
      hostnames: ['headlamp.example.com'],
      rules: [
        { matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'headlamp', port: 80 }] },
      ],
    });
    expect(validateAll(objects)).toEqual([]);
  });

  test('Traefik Middlewares as ExtensionRef filters; base URL as the path prefix', () => {
    const { route, objects } = render({ traefikMiddlewares: ['headlamp-hsts', 'auth'] }, '/headlamp');
    expect(route.spec.rules[0].matches[0].path.value).toBe('/headlamp');
    expect(route.spec.rules[0].filters).toStrictEqual([
      { type: 'ExtensionRef', extensionRef: { group: 'traefik.io', kind: 'Middleware', name: 'headlamp-hsts' } },
      { type: 'ExtensionRef', extensionRef: { group: 'traefik.io', kind: 'Middleware', name: 'auth' } },
    ]);
    expect(validateAll(objects)).toEqual([]);
  });

  test('admits the Gateway pods in the NetworkPolicy', () => {
    const { objects } = render({ gatewayPeer: IngressControllerPeer.custom('gateways', { app: 'envoy' }) });
    expect(only(objects, 'NetworkPolicy').spec.ingress[0].from).toStrictEqual([
      {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'gateways' } },
        podSelector: { matchLabels: { app: 'envoy' } },
      },
    ]);
  });

  test('fails when no listener is named', () => {
    expect(() => render({ gateway: { name: 'public' } as any })).toThrow(HeadlampValidationError);
    expect(() => render({ gateway: { name: 'public' } as any })).toThrow(
      "HeadlampHttpRoute 'test/route': props.gateway.sectionName: expected the HTTPS listener's name, such as 'websecure', got undefined",
    );
  });
});
