// HeadlampIngress without TLS of its own when TLS ends in front (named where), and managed annotations written with the value the library sets anyway.
import { App, Testing } from 'cdk8s';
import {
  HeadlampDeployment,
  HeadlampIngress,
  HeadlampValidationError,
  headlampChartFromValues,
  IngressController,
  IngressTls,
  TlsTerminatedAt,
} from '../lib';
import { validateAll } from './helpers/k8s-schema';
import { only, synth, testChart } from './helpers/synth';

function render(extra: Partial<ConstructorParameters<typeof HeadlampIngress>[2]> = {}) {
  const chart = testChart();
  const headlamp = new HeadlampDeployment(chart, 'headlamp');
  const ing = new HeadlampIngress(chart, 'ingress', {
    headlamp,
    hosts: ['headlamp.example.com'],
    tls: IngressTls.fromSecret('h-tls'),
    ...extra,
  });
  const objects = synth(chart);
  return { ing, objects, ingress: only(objects, 'Ingress') };
}

describe('IngressTls.terminatedUpstream', () => {
  test.each([IngressController.TRAEFIK, IngressController.INGRESS_NGINX])(
    '%s: no tls section, no redirect or HSTS of ours; users still reach https',
    (controller) => {
      const { ingress, ing, objects } = render({
        tls: IngressTls.terminatedUpstream(TlsTerminatedAt.LOAD_BALANCER),
        controller,
      });
      expect(ingress.spec.tls).toBeUndefined();
      expect(ingress.metadata.annotations).toBeUndefined();
      expect(objects.some((o) => o.kind === 'Middleware')).toBe(false);
      expect(ing.url).toBe('https://headlamp.example.com');
      expect(validateAll(objects)).toEqual([]);
    },
  );

  test('a value that is not a TlsTerminatedAt is refused where it is used', () => {
    expect(() => render({ tls: IngressTls.terminatedUpstream('cloudflare' as TlsTerminatedAt) })).toThrow(
      new HeadlampValidationError('HeadlampIngress', 'test/ingress', [
        {
          propPath: 'props.tls.at',
          message: "expected a TlsTerminatedAt (one of 'load-balancer', 'tunnel', 'edge-proxy'), got \"cloudflare\"",
        },
      ]),
    );
  });

  test('a values file names it as tls.terminatedUpstream', () => {
    const objects = Testing.synth(
      headlampChartFromValues(new App(), 'headlamp', {
        namespace: 'headlamp',
        host: 'headlamp.example.com',
        tls: { terminatedUpstream: 'tunnel' },
      }),
    );
    expect(only(objects, 'Ingress').spec.tls).toBeUndefined();
    expect(() =>
      headlampChartFromValues(new App(), 'headlamp', {
        namespace: 'headlamp',
        host: 'headlamp.example.com',
        tls: { terminatedUpstream: 'cdn' },
      }),
    ).toThrow(
      "values: tls: expected { secretName: '...' }, { certManagerClusterIssuer: '...' }, { controllerDefaultCertificate: true } or { terminatedUpstream: load-balancer | tunnel | edge-proxy }, got an object",
    );
  });
});

describe('managed annotations that say what the library sets anyway', () => {
  test.each<[IngressController, Record<string, string>]>([
    [IngressController.INGRESS_NGINX, { 'nginx.ingress.kubernetes.io/ssl-redirect': 'true' }],
    [IngressController.INGRESS_NGINX, { 'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true' }],
    [
      IngressController.TRAEFIK,
      {
        'traefik.ingress.kubernetes.io/router.entrypoints': 'websecure',
        'traefik.ingress.kubernetes.io/router.tls': 'true',
      },
    ],
  ])('%s: %j is accepted and kept as written', (controller, annotations) => {
    const { ingress } = render({ controller, annotations });
    expect(ingress.metadata.annotations).toEqual(expect.objectContaining(annotations));
  });

  test.each<[string, IngressController, Record<string, string> | undefined, IngressTls, string]>([
    [
      'ssl-redirect off',
      IngressController.INGRESS_NGINX,
      { 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' },
      IngressTls.fromSecret('t'),
      "props.annotations['nginx.ingress.kubernetes.io/ssl-redirect']: is managed by the library, got a value for it; TLS redirect and the backend " +
        "protocol follow props.tls and the HeadlampDeployment's podTlsSecret",
    ],
    [
      'a plain-HTTP entry point',
      IngressController.TRAEFIK,
      { 'traefik.ingress.kubernetes.io/router.entrypoints': 'web' },
      IngressTls.fromSecret('t'),
      "props.annotations['traefik.ingress.kubernetes.io/router.entrypoints']: is managed by the library, got a value for it; TLS and entry points follow " +
        'props.tls; a plain-HTTP entry point would serve tokens in clear text',
    ],
    [
      'websecure without TLS of ours',
      IngressController.TRAEFIK,
      { 'traefik.ingress.kubernetes.io/router.entrypoints': 'websecure' },
      IngressTls.terminatedUpstream(TlsTerminatedAt.TUNNEL),
      "props.annotations['traefik.ingress.kubernetes.io/router.entrypoints']: is managed by the library, got a value for it; TLS and entry points follow " +
        'props.tls; a plain-HTTP entry point would serve tokens in clear text',
    ],
  ])('refused: %s', (_what, controller, annotations, tls, message) => {
    expect(() => render({ controller, annotations, tls })).toThrow(`HeadlampIngress 'test/ingress': ${message}`);
  });
});

describe('IngressTls.controllerDefaultCertificate', () => {
  test.each([IngressController.TRAEFIK, IngressController.INGRESS_NGINX])(
    '%s: the hosts under tls without a Secret, with the redirect (and on Traefik HSTS) as for any TLS source',
    (controller) => {
      const { ingress, ing, objects } = render({ tls: IngressTls.controllerDefaultCertificate(), controller });
      expect(ingress.spec.tls).toStrictEqual([{ hosts: ['headlamp.example.com'] }]);
      expect(Object.keys(ingress.metadata.annotations).sort()).toEqual(
        controller === IngressController.TRAEFIK
          ? ['traefik.ingress.kubernetes.io/router.middlewares', 'traefik.ingress.kubernetes.io/router.tls']
          : ['nginx.ingress.kubernetes.io/force-ssl-redirect'],
      );
      expect(ing.url).toBe('https://headlamp.example.com');
      expect(validateAll(objects)).toEqual([]);
    },
  );
});
