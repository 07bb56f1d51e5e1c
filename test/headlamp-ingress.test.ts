import {
  HeadlampDeployment,
  HeadlampIngress,
  HeadlampValidationError,
  IngressController,
  IngressControllerPeer,
  IngressTls,
} from '../lib';
import { validateAll } from './helpers/k8s-schema';
import { only, synth, testChart } from './helpers/synth';

function render(extra: Partial<ConstructorParameters<typeof HeadlampIngress>[2]> = {}, baseUrl?: string) {
  const chart = testChart();
  const headlamp = new HeadlampDeployment(chart, 'headlamp', { baseUrl });
  const ing = new HeadlampIngress(chart, 'ingress', {
    headlamp,
    hosts: ['headlamp.example.com'],
    tls: IngressTls.fromSecret('h-tls'),
    ...extra,
  });
  const objects = synth(chart);
  return { ing, objects, ingress: only(objects, 'Ingress') };
}

describe('HeadlampIngress', () => {
  test('routes the host to the Headlamp Service port, with TLS', () => {
    const { ingress, ing, objects } = render();
    expect(ingress.spec).toStrictEqual({
      ingressClassName: 'traefik',
      tls: [{ hosts: ['headlamp.example.com'], secretName: 'h-tls' }],
      rules: [
        {
          host: 'headlamp.example.com',
          http: {
            paths: [
              { path: '/', pathType: 'Prefix', backend: { service: { name: 'headlamp', port: { number: 80 } } } },
            ],
          },
        },
      ],
    });
    expect(ingress.metadata.annotations).toStrictEqual({
      'traefik.ingress.kubernetes.io/router.tls': 'true',
      'traefik.ingress.kubernetes.io/router.middlewares': 'headlamp-headlamp-hsts@kubernetescrd',
    });
    expect(only(objects, 'Middleware', 'headlamp-hsts').spec).toStrictEqual({
      headers: { stsSeconds: 31536000, stsIncludeSubdomains: true },
    });
    expect(ing.url).toBe('https://headlamp.example.com');
    expect(validateAll(objects)).toEqual([]);
  });

  test('base URL becomes the path; cert-manager issuer annotation and default secret name', () => {
    const { ingress, ing } = render({ tls: IngressTls.certManager('letsencrypt') }, '/headlamp');
    expect(ingress.spec.rules[0].http.paths[0].path).toBe('/headlamp');
    expect(ingress.spec.tls).toStrictEqual([{ hosts: ['headlamp.example.com'], secretName: 'headlamp-tls' }]);
    expect(ingress.metadata.annotations['cert-manager.io/cluster-issuer']).toBe('letsencrypt');
    expect(
      render({ tls: IngressTls.certManager('ca', { namespaced: true, secretName: 'x' }) }).ingress.metadata.annotations[
        'cert-manager.io/issuer'
      ],
    ).toBe('ca');
    expect(ing.url).toBe('https://headlamp.example.com/headlamp');
  });

  test('ingress-nginx: class nginx and HTTPS redirect; no HSTS annotation (the controller ConfigMap sends HSTS)', () => {
    const { ingress } = render({ controller: IngressController.INGRESS_NGINX });
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(ingress.metadata.annotations).toStrictEqual({ 'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true' });
  });

  test('ingress-nginx: hsts false is refused (there is no per-Ingress HSTS to turn off); hsts true is the default', () => {
    expect(() => render({ controller: IngressController.INGRESS_NGINX, hsts: false })).toThrow(
      "HeadlampIngress 'test/ingress': props.hsts: applies to Traefik only, got false with controller ingress-nginx; ingress-nginx sends HSTS " +
        'from its controller ConfigMap (`hsts`, on by default: one year, subdomains); set it there (`hsts: "false"`) and drop the prop',
    );
    expect(
      render({ controller: IngressController.INGRESS_NGINX, hsts: true }).ingress.metadata.annotations,
    ).toStrictEqual({ 'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true' });
  });

  test('admits the ingress controller (preset or custom) to Headlamp in its NetworkPolicy', () => {
    const traefikPeer = only(render().objects, 'NetworkPolicy').spec.ingress[0].from;
    expect(traefikPeer).toStrictEqual([
      {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'traefik' } },
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } },
      },
    ]);
    const custom = only(
      render({ ingressControllerPeer: IngressControllerPeer.custom('edge', { app: 'envoy' }) }).objects,
      'NetworkPolicy',
    );
    expect(custom.spec.ingress).toStrictEqual([
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'edge' } },
            podSelector: { matchLabels: { app: 'envoy' } },
          },
        ],
        ports: [{ port: 4466, protocol: 'TCP' }],
      },
    ]);
  });

  test('ingress-nginx talks HTTPS to a Headlamp that serves TLS itself', () => {
    const chart = testChart();
    const headlamp = new HeadlampDeployment(chart, 'headlamp', { podTlsSecret: 'pod-tls' });
    new HeadlampIngress(chart, 'ingress', {
      headlamp,
      hosts: ['h.example.com'],
      tls: IngressTls.fromSecret('t'),
      controller: IngressController.INGRESS_NGINX,
    });
    expect(only(synth(chart), 'Ingress').metadata.annotations['nginx.ingress.kubernetes.io/backend-protocol']).toBe(
      'HTTPS',
    );
  });

  test('HSTS can be turned off', () => {
    const { objects, ingress } = render({ hsts: false });
    expect(objects.some((o) => o.kind === 'Middleware')).toBe(false);
    expect(ingress.metadata.annotations['traefik.ingress.kubernetes.io/router.middlewares']).toBeUndefined();
  });

  test('no TLS only by the unsafe name', () => {
    const { ingress, ing } = render({ tls: IngressTls.unsafeTerminatedElsewhere() });
    expect(ingress.spec.tls).toBeUndefined();
    expect(ing.url).toBe('http://headlamp.example.com');
  });

  test.each<[string, any, string]>([
    ['hosts are empty', { hosts: [] }, 'props.hosts: expected at least one host, got an array of 0'],
    [
      'a host has a scheme',
      { hosts: ['https://h.example.com'] },
      'props.hosts[0]: expected a host name such as \'headlamp.example.com\', got "https://h.example.com"',
    ],
    [
      'tls is missing',
      { tls: undefined },
      'props.tls: expected an IngressTls from IngressTls.fromSecret(...), IngressTls.certManager(...) or IngressTls.terminatedUpstream(...), got undefined',
    ],
    [
      'tls is a string',
      { tls: 'h-tls' },
      'props.tls: expected an IngressTls from IngressTls.fromSecret(...), IngressTls.certManager(...) or IngressTls.terminatedUpstream(...), got "h-tls"',
    ],
  ])('fails when %s', (_case, extra, message) => {
    expect(() => render(extra)).toThrow(HeadlampValidationError);
    expect(() => render(extra)).toThrow(`HeadlampIngress 'test/ingress': ${message}`);
  });
});

describe("HeadlampIngress extraPaths (the chart's several paths, ports and backends)", () => {
  test('a path to a sidecar port of the Headlamp Service (admitted by the NetworkPolicy) and one to another Service', () => {
    const chart = testChart();
    const headlamp = new HeadlampDeployment(chart, 'headlamp', {
      service: { extraPorts: [{ name: 'extra', port: 9090 }] },
    });
    new HeadlampIngress(chart, 'ingress', {
      headlamp,
      hosts: ['headlamp.example.com'],
      tls: IngressTls.fromSecret('tls'),
      extraPaths: [
        { path: '/extra-by-name', port: 'extra' },
        { path: '/custom-svc', serviceName: 'headlamp-other', port: 8080, pathType: 'Exact' },
      ],
    });
    const objects = synth(chart);
    expect(only(objects, 'Ingress').spec.rules[0].http.paths).toStrictEqual([
      { path: '/', pathType: 'Prefix', backend: { service: { name: 'headlamp', port: { number: 80 } } } },
      {
        path: '/extra-by-name',
        pathType: 'Prefix',
        backend: { service: { name: 'headlamp', port: { name: 'extra' } } },
      },
      {
        path: '/custom-svc',
        pathType: 'Exact',
        backend: { service: { name: 'headlamp-other', port: { number: 8080 } } },
      },
    ]);
    const rules = only(objects, 'NetworkPolicy').spec.ingress;
    expect(rules.map((r: any) => r.ports[0].port)).toStrictEqual([4466, 9090]);
    expect(validateAll(objects)).toEqual([]);
  });

  test.each<[string, object, string]>([
    [
      'a port the Headlamp Service does not have',
      { path: '/x', port: 9999 },
      "props.extraPaths[0].port: expected a port of the Headlamp Service's extraPorts",
    ],
    ["Headlamp's own path again", { path: '/', port: 'extra' }, "props.extraPaths[0].path: is Headlamp's own path"],
  ])('refuses %s', (_case, extra, message) => {
    const chart = testChart();
    const headlamp = new HeadlampDeployment(chart, 'headlamp', {
      service: { extraPorts: [{ name: 'extra', port: 9090 }] },
    });
    expect(
      () =>
        new HeadlampIngress(chart, 'ingress', {
          headlamp,
          hosts: ['h.example.com'],
          tls: IngressTls.fromSecret('t'),
          extraPaths: [extra as any],
        }),
    ).toThrow(message);
  });
});
