// Metrics and tracing (issue 21 §1-2) on the Headlamp side: the flags, the PodMonitor / ServiceMonitor (Prometheus
// Operator v0.93.0 monitoring.coreos.com/v1, validated against its CRDs) or scrape annotations, the one NetworkPolicy peer
// that may scrape, and the egress to the OTLP collector. Headlamp v0.45.0: metrics at <base-url>/metrics on port 4466
// (backend/cmd/headlamp.go ~746); the OTLP exporter dials -otlp-endpoint in plain text, gRPC or with -use-otlp-http HTTP
// (backend/pkg/telemetry/telemetry.go, createOTLPExporter).
import { Duration } from 'cdk8s';
import { HeadlampDeployment, HeadlampMetrics, HeadlampTracing, PrometheusPeer } from '../lib';
import { errorMessageOf } from './helpers/adversarial';
import { validateAll } from './helpers/k8s-schema';
import { only, synth, testChart } from './helpers/synth';

function render(props: any) {
  const chart = testChart();
  const headlamp = new HeadlampDeployment(chart, 'headlamp', props);
  const objects = synth(chart);
  const template = only(objects, 'Deployment').spec.template;
  return {
    headlamp,
    objects,
    template,
    args: template.spec.containers[0].args as string[],
    policy: only(objects, 'NetworkPolicy'),
  };
}

/** The message of the HeadlampValidationError building a HeadlampDeployment with `props` throws. */
const errorOf = (props: any): string => errorMessageOf(() => new HeadlampDeployment(testChart(), 'headlamp', props));

const PROMETHEUS = PrometheusPeer.operator('monitoring', 'k8s');
const PROMETHEUS_PEER = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
  podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus', 'operator.prometheus.io/name': 'k8s' } },
};
const SELECTOR = { matchLabels: { 'app.kubernetes.io/name': 'headlamp', 'app.kubernetes.io/instance': 'headlamp' } };

describe('metrics', () => {
  test('off by default: no flag, no monitor, no peer', () => {
    const { args, objects, policy, headlamp } = render({});
    expect(args).not.toContain('-metrics-enabled');
    expect(objects.map((o) => o.kind)).not.toContain('PodMonitor');
    expect(policy.spec.ingress).toStrictEqual([]);
    expect(headlamp.metricsPath).toBeUndefined();
  });

  test("a PodMonitor scrapes each pod's http port at /metrics; only the named Prometheus may reach port 4466", () => {
    const { args, objects, policy, headlamp } = render({
      metrics: HeadlampMetrics.podMonitor({
        prometheus: PROMETHEUS,
        labels: { release: 'kube-prometheus-stack' },
        interval: Duration.seconds(30),
      }),
    });
    expect(args).toContain('-metrics-enabled');
    expect(headlamp.metricsPath).toBe('/metrics');
    const monitor = only(objects, 'PodMonitor');
    expect(monitor).toStrictEqual({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: {
        name: 'headlamp',
        namespace: 'headlamp',
        labels: {
          ...SELECTOR.matchLabels,
          'app.kubernetes.io/version': '0.45.0',
          'app.kubernetes.io/managed-by': 'cdk8s-headlamp',
          release: 'kube-prometheus-stack',
        },
      },
      spec: {
        selector: SELECTOR,
        podMetricsEndpoints: [{ port: 'http', path: '/metrics', interval: '30s', scheme: 'http' }],
      },
    });
    expect(headlamp.monitor).toBeDefined();
    // Nothing routes to Headlamp here: the one ingress rule is Prometheus's, to Headlamp's port and nothing more.
    expect(policy.spec.ingress).toStrictEqual([{ from: [PROMETHEUS_PEER], ports: [{ port: 4466, protocol: 'TCP' }] }]);
    expect(validateAll(objects)).toEqual([]);
  });

  test("a ServiceMonitor follows the base URL; the pod serving TLS is scraped over HTTPS, trusting its Secret's ca.crt", () => {
    const { objects, headlamp } = render({
      baseUrl: '/headlamp',
      podTlsSecret: 'headlamp-tls',
      metrics: HeadlampMetrics.serviceMonitor({ prometheus: PROMETHEUS }),
    });
    expect(headlamp.metricsPath).toBe('/headlamp/metrics');
    expect(only(objects, 'ServiceMonitor').spec).toStrictEqual({
      selector: SELECTOR,
      endpoints: [
        {
          port: 'http',
          path: '/headlamp/metrics',
          scheme: 'https',
          tlsConfig: { ca: { secret: { name: 'headlamp-tls', key: 'ca.crt' } }, serverName: 'headlamp.headlamp.svc' },
        },
      ],
    });
    // The Service port the ServiceMonitor names is Headlamp's.
    expect(only(objects, 'Service').spec.ports[0].name).toBe('http');
    expect(validateAll(objects)).toEqual([]);
  });

  test('scrape annotations without the Prometheus Operator, with the same NetworkPolicy peer', () => {
    const { template, objects, policy } = render({
      baseUrl: '/headlamp',
      podAnnotations: { 'example.com/team': 'platform' },
      metrics: HeadlampMetrics.scrapeAnnotations({ prometheus: PROMETHEUS }),
    });
    expect(template.metadata.annotations).toStrictEqual({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': '4466',
      'prometheus.io/path': '/headlamp/metrics',
      'example.com/team': 'platform',
    });
    expect(objects.some((o) => /Monitor$/.test(o.kind))).toBe(false);
    expect(policy.spec.ingress).toStrictEqual([{ from: [PROMETHEUS_PEER], ports: [{ port: 4466, protocol: 'TCP' }] }]);
    expect(
      render({ podTlsSecret: 't', metrics: HeadlampMetrics.scrapeAnnotations({ prometheus: PROMETHEUS }) }).template
        .metadata.annotations['prometheus.io/scheme'],
    ).toBe('https');
  });

  test('a custom Prometheus peer (no operator) is admitted by its labels', () => {
    const { policy } = render({
      metrics: HeadlampMetrics.scrapeAnnotations({
        prometheus: PrometheusPeer.custom('observability', { app: 'prometheus-server' }),
      }),
    });
    expect(policy.spec.ingress[0].from).toStrictEqual([
      {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'observability' } },
        podSelector: { matchLabels: { app: 'prometheus-server' } },
      },
    ]);
  });

  test.each([
    [
      'metrics is not a HeadlampMetrics',
      { metrics: { prometheus: PROMETHEUS } },
      'props.metrics: expected a HeadlampMetrics from HeadlampMetrics.podMonitor(...), .serviceMonitor(...) or .scrapeAnnotations(...), got an object',
    ],
    [
      'the Prometheus peer is missing',
      { metrics: HeadlampMetrics.podMonitor({} as any) },
      'props.metrics.prometheus: expected a PrometheusPeer from PrometheusPeer.operator(...) or .custom(...), got undefined',
    ],
    [
      'the Prometheus namespace is not a namespace name',
      { metrics: HeadlampMetrics.podMonitor({ prometheus: PrometheusPeer.operator('Monitoring', 'k8s') }) },
      'props.metrics.prometheus.namespace: expected a DNS-1123 label (lower-case letters, digits and \'-\', starting and ending with a letter or digit) (a namespace name), got "Monitoring"',
    ],
    [
      'the Prometheus name is not a label value',
      { metrics: HeadlampMetrics.podMonitor({ prometheus: PrometheusPeer.operator('monitoring', 'k8s prom') }) },
      "props.metrics.prometheus.podLabels.operator.prometheus.io/name: expected a label value (alphanumerics, '-', '_', '.', starting and ending alphanumeric), got \"k8s prom\"",
    ],
    [
      'the custom Prometheus peer has no labels (every pod of the namespace)',
      { metrics: HeadlampMetrics.scrapeAnnotations({ prometheus: PrometheusPeer.custom('monitoring', {}) }) },
      'props.metrics.prometheus.podLabels: expected at least one pod label (an empty selector admits every pod of the namespace), got {}',
    ],
    [
      'a monitor label is invalid',
      { metrics: HeadlampMetrics.podMonitor({ prometheus: PROMETHEUS, labels: { release: 'a b' } }) },
      "props.metrics.labels.release: expected a label value (alphanumerics, '-', '_', '.', starting and ending alphanumeric), got \"a b\"",
    ],
    [
      'the scrape interval is not whole seconds',
      { metrics: HeadlampMetrics.serviceMonitor({ prometheus: PROMETHEUS, interval: Duration.millis(500) }) },
      'props.metrics.interval: expected a Duration of whole seconds, at least 1 second, e.g. Duration.minutes(50), got a Duration',
    ],
    [
      'a pod annotation is also a scrape annotation',
      {
        podAnnotations: { 'prometheus.io/path': '/other' },
        metrics: HeadlampMetrics.scrapeAnnotations({ prometheus: PROMETHEUS }),
      },
      "props.podAnnotations['prometheus.io/path']: sets pod annotation prometheus.io/path, as props.metrics does, got two values of one annotation (one would silently win); set it in one place",
    ],
    [
      'extraArgs turns metrics on by hand (they would be public through every route)',
      { extraArgs: ['-metrics-enabled'] },
      'props.extraArgs[0]: -metrics-enabled is set by the library, got it in extraArgs (value not shown); use props.metrics (it also keeps <base-url>/metrics off every route and admits only your Prometheus)',
    ],
    [
      'HEADLAMP_CONFIG_METRICS_ENABLED turns them on by hand',
      { extraEnv: { HEADLAMP_CONFIG_METRICS_ENABLED: 'true' } },
      'props.extraEnv.HEADLAMP_CONFIG_METRICS_ENABLED: sets -metrics-enabled (Headlamp reads HEADLAMP_CONFIG_* as its flags), got it in extraEnv (value not shown); ' +
        'use props.metrics (it also keeps <base-url>/metrics off every route and admits only your Prometheus)',
    ],
    [
      'the image predates metrics',
      { image: { tag: 'v0.30.0' }, metrics: HeadlampMetrics.podMonitor({ prometheus: PROMETHEUS }) },
      'props.metrics: -metrics-enabled needs Headlamp v0.31.0 or later, got image tag v0.30.0; raise props.image.tag or drop the option',
    ],
  ])('fails when %s', (_case, props, message) => {
    expect(errorOf(props)).toBe(`HeadlampDeployment 'test/headlamp': ${message}`);
  });
});

describe('tracing', () => {
  test('off by default', () => {
    expect(render({}).args.filter((a) => /tracing|otlp/.test(a))).toEqual([]);
  });

  test('OTLP over gRPC to an in-cluster collector: the flags, and egress to its namespace on its port only', () => {
    const { args, policy, objects } = render({
      tracing: HeadlampTracing.otlpGrpc('otel-collector.observability.svc:4317'),
    });
    expect(args.slice(2)).toStrictEqual(['-tracing-enabled', '-otlp-endpoint=otel-collector.observability.svc:4317']);
    expect(policy.spec.egress.slice(2)).toStrictEqual([
      {
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'observability' } } }],
        ports: [{ port: 4317, protocol: 'TCP' }],
      },
    ]);
    expect(validateAll(objects)).toEqual([]);
  });

  test('OTLP over HTTP to an address: -use-otlp-http, egress to that address', () => {
    const { args, policy } = render({ tracing: HeadlampTracing.otlpHttp('10.20.0.7:4318') });
    expect(args.slice(2)).toStrictEqual(['-tracing-enabled', '-otlp-endpoint=10.20.0.7:4318', '-use-otlp-http']);
    expect(policy.spec.egress.slice(2)).toStrictEqual([
      { to: [{ ipBlock: { cidr: '10.20.0.7/32' } }], ports: [{ port: 4318, protocol: 'TCP' }] },
    ]);
  });

  test.each([
    [
      'the endpoint has a scheme',
      { tracing: HeadlampTracing.otlpHttp('http://otel-collector:4318') },
      "props.tracing.endpoint: expected a collector address 'host:port' such as 'otel-collector.observability.svc:4318' (no scheme or path: " +
        'Headlamp dials it as given, in plain text), got "http://otel-collector:4318"',
    ],
    [
      'the endpoint has no port',
      { tracing: HeadlampTracing.otlpGrpc('otel-collector.observability.svc') },
      "props.tracing.endpoint: expected a collector address 'host:port' such as 'otel-collector.observability.svc:4317' (no scheme or path: " +
        'Headlamp dials it as given, in plain text), got "otel-collector.observability.svc"',
    ],
    [
      'the endpoint port is out of range',
      { tracing: HeadlampTracing.otlpGrpc('otel-collector:0') },
      "props.tracing.endpoint: expected a collector address 'host:port' such as 'otel-collector.observability.svc:4317' (no scheme or path: " +
        'Headlamp dials it as given, in plain text) with a port from 1 to 65535, got "otel-collector:0"',
    ],
    [
      'tracing is not a HeadlampTracing',
      { tracing: { endpoint: 'x:4317' } },
      'props.tracing: expected a HeadlampTracing from HeadlampTracing.otlpGrpc(...) or .otlpHttp(...), got an object',
    ],
    [
      'extraArgs points the exporter elsewhere',
      { extraArgs: ['-otlp-endpoint=evil.example.com:4317'] },
      'props.extraArgs[0]: -otlp-endpoint is set by the library, got it in extraArgs (value not shown); use props.tracing (it also opens egress to the collector)',
    ],
    [
      'extraArgs swaps the exporter for stdout',
      { extraArgs: ['-stdout-trace-enabled'] },
      'props.extraArgs[0]: -stdout-trace-enabled is set by the library, got it in extraArgs (value not shown); use props.tracing (it also opens egress to the collector)',
    ],
    [
      'the image predates tracing',
      { image: { tag: 'v0.30.0' }, tracing: HeadlampTracing.otlpGrpc('c:4317') },
      'props.tracing: -tracing-enabled needs Headlamp v0.31.0 or later, got image tag v0.30.0; raise props.image.tag or drop the option',
    ],
  ])('fails when %s', (_case, props, message) => {
    expect(errorOf(props)).toBe(`HeadlampDeployment 'test/headlamp': ${message}`);
  });
});
