// Headlamp's metrics (and Headlamp itself) reached another way than through the library's routes (issue 27, class 1):
// an IngressClass served by the other controller, which ignores the block's annotations; ingress-nginx rewriting a
// path onto <base-url>/metrics after the block matched the browser's path (ingress-nginx docs, "Rewrite": the
// rewritten URI is what the upstream receives); a PrometheusPeer that selects no pod; a route object added by hand.
import { ApiObject, App, Chart } from 'cdk8s';
import {
  HeadlampDeployment,
  HeadlampDeploymentProps,
  HeadlampHttpRoute,
  HeadlampIngress,
  HeadlampMetrics,
  IngressController,
  IngressTls,
  PrometheusPeer,
} from '../../lib';
import { errorOf, migrationError, valuesError, valuesWith } from '../helpers/doors';
import { only, synth, testChart } from '../helpers/synth';

const METRICS = { metrics: HeadlampMetrics.podMonitor({ prometheus: PrometheusPeer.operator('monitoring', 'k8s') }) };
const ingress =
  (extra: object, props: HeadlampDeploymentProps = METRICS) =>
  () => {
    const chart = testChart();
    const headlamp = new HeadlampDeployment(chart, 'headlamp', props);
    new HeadlampIngress(chart, 'ingress', {
      headlamp,
      hosts: ['h.example.com'],
      tls: IngressTls.fromSecret('t'),
      ...extra,
    });
    return chart;
  };

describe('an IngressClass of the other controller is refused (its controller ignores the annotations)', () => {
  test('nginx with the Traefik controller', () => {
    expect(errorOf(ingress({ ingressClassName: 'nginx' })).message).toBe(
      "HeadlampIngress 'test/ingress': props.ingressClassName: names an " +
        'ingress-nginx class, got "nginx" with controller traefik: the library renders traefik\'s annotations and Middlewares (TLS redirect, ' +
        'auth gates, the /metrics block), which ingress-nginx ignores; set controller: IngressController.INGRESS_NGINX, or name a traefik class',
    );
  });

  test('a Traefik class with the ingress-nginx controller, whatever it is called around the name', () => {
    expect(
      errorOf(ingress({ controller: IngressController.INGRESS_NGINX, ingressClassName: 'traefik-public' })).message,
    ).toContain('props.ingressClassName: names a traefik class, got "traefik-public" with controller ingress-nginx');
  });

  test('a class that names its own controller, or none, passes', () => {
    expect(ingress({ controller: IngressController.INGRESS_NGINX, ingressClassName: 'nginx-internal' })).not.toThrow();
    expect(ingress({ ingressClassName: 'public' })).not.toThrow();
  });

  test('the chart migration reads the controller from the class the same way: an nginx-internal class gets the ingress-nginx block', () => {
    // Before, only a class spelled exactly 'nginx' chose ingress-nginx: 'nginx-internal' got Traefik's Middleware block.
    const app = new App();
    const { migrateChartValues } = require('../../lib');
    const result = migrateChartValues(app, {
      ingress: {
        enabled: true,
        ingressClassName: 'nginx-internal',
        hosts: [{ host: 'h.example.com' }],
        tls: [{ secretName: 't', hosts: ['h.example.com'] }],
      },
    });
    const objects = synth(result.chart);
    const route = objects.find((o: any) => o.kind === 'Ingress');
    expect(route.spec.ingressClassName).toBe('nginx-internal');
    expect(route.metadata.annotations['nginx.ingress.kubernetes.io/force-ssl-redirect']).toBe('true');
    expect(objects.some((o: any) => o.kind === 'Middleware')).toBe(false);
  });
});

describe('ingress-nginx path rewriting is refused with metrics on', () => {
  test.each(['rewrite-target', 'use-regex'])('%s', (annotation) => {
    const key = `nginx.ingress.kubernetes.io/${annotation}`;
    expect(
      errorOf(
        ingress({
          controller: IngressController.INGRESS_NGINX,
          annotations: { [key]: annotation === 'use-regex' ? 'true' : '/metrics' },
        }),
      ).message,
    ).toBe(
      `HeadlampIngress 'test/ingress': props.annotations['${key}']: rewrites the path sent to Headlamp after the block of /metrics has ` +
        "matched the browser's path, so any path could be rewritten onto the metrics, got it with metrics on; drop it (Headlamp serves every " +
        'page under its base URL as is)',
    );
  });

  test('without metrics there is nothing to rewrite onto', () => {
    expect(
      ingress(
        {
          controller: IngressController.INGRESS_NGINX,
          annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/' },
        },
        {},
      ),
    ).not.toThrow();
  });
});

describe('a PrometheusPeer that selects no pod is refused', () => {
  const build = (prometheus: PrometheusPeer) => () =>
    new HeadlampDeployment(testChart(), 'headlamp', { metrics: HeadlampMetrics.podMonitor({ prometheus }) });

  test('an operator Prometheus with an empty name', () => {
    expect(errorOf(build(PrometheusPeer.operator('monitoring', ''))).message).toBe(
      "HeadlampDeployment 'test/headlamp': " +
        'props.metrics.prometheus.podLabels.operator.prometheus.io/name: expected the Prometheus\'s name (kubectl get prometheus -A), got "": ' +
        'no Prometheus pod carries an empty name, so none could scrape',
    );
  });

  test('a custom label with an empty value', () => {
    expect(errorOf(build(PrometheusPeer.custom('monitoring', { app: '' }))).message).toBe(
      "HeadlampDeployment 'test/headlamp': " +
        'props.metrics.prometheus.podLabels.app: expected a label value, got "" for "app": it selects only pods that carry the label empty, most likely none',
    );
  });

  test('the values file: the same rule at its key', () => {
    expect(
      valuesError(
        valuesWith({
          metrics: { scrapeBy: 'podMonitor', prometheus: { namespace: 'monitoring', podLabels: { app: '' } } },
        }),
      ),
    ).toContain('values: headlamp.metrics.prometheus.podLabels.app: expected a label value, got "" for "app"');
    expect(
      valuesError(
        valuesWith({ metrics: { scrapeBy: 'podMonitor', prometheus: { namespace: 'monitoring', name: '' } } }),
      ),
    ).toContain("headlamp.metrics.prometheus.name: expected the Prometheus's name");
  });
});

describe("a route object written by hand to Headlamp's Service is refused at synth", () => {
  const MESSAGE = (what: string) =>
    `HeadlampDeployment 'test/headlamp': ${what} sends traffic to Headlamp's Service headlamp around the ` +
    "library's routes (their TLS, auth gate and /metrics block do not apply to it, and the NetworkPolicy admits the controller's pods all " +
    'the same); build it with HeadlampIngress, HeadlampHttpRoute, BasicAuthIngress, ForwardAuthIngress or an OAuth2ProxyFrontend, or set ' +
    'unsafeAllowHandWrittenRoutes: true';
  const withRoute =
    (add: (chart: Chart) => void, props: HeadlampDeploymentProps = METRICS) =>
    () => {
      const chart = testChart();
      new HeadlampDeployment(chart, 'headlamp', props);
      add(chart);
      return synth(chart);
    };
  const handIngress = (chart: Chart, namespace?: string) =>
    new ApiObject(chart, 'extra', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'extra', namespace },
      spec: {
        rules: [
          {
            host: 'other.example.com',
            http: {
              paths: [
                { path: '/', pathType: 'Prefix', backend: { service: { name: 'headlamp', port: { number: 80 } } } },
              ],
            },
          },
        ],
      },
    });

  test('an Ingress on another host', () => {
    expect(errorOf(withRoute((c) => handIngress(c))).message).toContain(
      MESSAGE("Ingress headlamp/extra ('test/extra')"),
    );
  });

  test('an HTTPRoute, and a Traefik IngressRoute', () => {
    expect(
      errorOf(
        withRoute(
          (c) =>
            new ApiObject(c, 'route', {
              apiVersion: 'gateway.networking.k8s.io/v1',
              kind: 'HTTPRoute',
              metadata: { name: 'r' },
              spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'headlamp', port: 80 }] }] },
            }),
        ),
      ).message,
    ).toContain(MESSAGE("HTTPRoute headlamp/r ('test/route')"));
    expect(
      errorOf(
        withRoute(
          (c) =>
            new ApiObject(c, 'ir', {
              apiVersion: 'traefik.io/v1alpha1',
              kind: 'IngressRoute',
              metadata: { name: 'ir' },
              spec: {
                routes: [{ match: 'Host(`x.example.com`)', kind: 'Rule', services: [{ name: 'headlamp', port: 80 }] }],
              },
            }),
        ),
      ).message,
    ).toContain(MESSAGE("IngressRoute headlamp/ir ('test/ir')"));
  });

  test('in another chart of the same app, naming the namespace', () => {
    const build = () => {
      const chart = testChart();
      new HeadlampDeployment(chart, 'headlamp');
      handIngress(new Chart(chart.node.scope as App, 'other', { namespace: 'elsewhere' }), 'headlamp');
      return synth(chart);
    };
    expect(errorOf(build).message).toContain(MESSAGE("Ingress headlamp/extra ('other/extra')"));
  });

  test("the library's own routes, a route to another namespace's Service, and the opt-in pass", () => {
    expect(ingress({})).not.toThrow();
    expect(() => synth(ingress({})())).not.toThrow();
    expect(() => {
      const chart = testChart();
      const headlamp = new HeadlampDeployment(chart, 'headlamp', METRICS);
      new HeadlampHttpRoute(chart, 'route', {
        headlamp,
        hostnames: ['h.example.com'],
        gateway: { name: 'gw', namespace: 'gw', sectionName: 'https' },
      } as never);
      synth(chart);
    }).not.toThrow();
    expect(withRoute((c) => handIngress(c, 'other'))).not.toThrow();
    expect(withRoute((c) => handIngress(c), { unsafeAllowHandWrittenRoutes: true })).not.toThrow();
  });

  test('the chart migration refuses the same route in extraManifests (one reading of routes)', () => {
    const manifest =
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: extra }\nspec:\n  rules:\n  - host: other.example.com\n' +
      '    http: { paths: [{ path: /, pathType: Prefix, backend: { service: { name: headlamp, port: { number: 80 } } } }] }\n';
    expect(migrationError({ extraManifests: [manifest] })).toContain(
      "an Ingress to Headlamp's Service headlamp around the library's routes",
    );
  });
});

test('a route object the library renders is never counted as written by hand (its own Ingresses, the /metrics block)', () => {
  const objects = synth(ingress({})());
  expect(objects.filter((o: any) => o.kind === 'Ingress').length).toBe(2);
  expect(only(objects, 'Deployment')).toBeDefined();
});
