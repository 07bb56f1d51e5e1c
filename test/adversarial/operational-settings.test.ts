// Metrics, tracing and the operational settings, attacked the way a hurried user would: metrics or an exporter
// turned on around the props, peers that admit a whole namespace, open proxies, floating images, and a route told
// to outrank or shadow the /metrics block.
import { Duration } from 'cdk8s';
import {
  HeadlampDeployment,
  HeadlampDeploymentProps,
  HeadlampIngress,
  HeadlampMetrics,
  HeadlampTracing,
  IngressController,
  IngressTls,
  PrometheusPeer,
} from '../../lib';
import { expectRefused, Refusal } from '../helpers/adversarial';
import { testChart } from '../helpers/synth';

const build = (props: HeadlampDeploymentProps) => () => new HeadlampDeployment(testChart(), 'headlamp', props);
const at = (prop: string, says: string): Refusal => ({ type: 'HeadlampDeployment', path: 'test/headlamp', prop, says });
const PROMETHEUS = PrometheusPeer.operator('monitoring', 'k8s');

describe('HeadlampDeployment refuses', () => {
  test.each<[string, HeadlampDeploymentProps, Refusal]>([
    [
      'metrics turned on in extraArgs (public through every route)',
      { extraArgs: ['-metrics-enabled=true'] },
      at('props.extraArgs[0]', 'use props.metrics'),
    ],
    [
      'metrics turned on from a ConfigMap key',
      {
        extraEnvVars: [
          { name: 'HEADLAMP_CONFIG_METRICS_ENABLED', valueFrom: { configMapKeyRef: { name: 'x', key: 'y' } } },
        ],
      },
      at('props.extraEnvVars.HEADLAMP_CONFIG_METRICS_ENABLED', 'use props.metrics'),
    ],
    [
      'the exporter pointed elsewhere in env',
      {
        tracing: HeadlampTracing.otlpGrpc('c.observability.svc:4317'),
        extraEnv: { HEADLAMP_CONFIG_OTLP_ENDPOINT: 'evil.example.com:4317' },
      },
      at('props.extraEnv.HEADLAMP_CONFIG_OTLP_ENDPOINT', 'use props.tracing'),
    ],
    [
      'a Prometheus peer that admits every pod of its namespace',
      { metrics: HeadlampMetrics.serviceMonitor({ prometheus: PrometheusPeer.custom('monitoring', {}) }) },
      at('props.metrics.prometheus.podLabels', 'an empty selector admits every pod of the namespace'),
    ],
    [
      'a Prometheus peer without a namespace',
      { metrics: HeadlampMetrics.scrapeAnnotations({ prometheus: PrometheusPeer.custom('', { app: 'prometheus' }) }) },
      at('props.metrics.prometheus.namespace', 'a namespace name'),
    ],
    [
      'a factory called without its options',
      { metrics: HeadlampMetrics.podMonitor(undefined as any) },
      at(
        'props.metrics.prometheus',
        'expected a PrometheusPeer from PrometheusPeer.operator(...) or .custom(...), got undefined',
      ),
    ],
    [
      'a scrape interval of half a second',
      { metrics: HeadlampMetrics.podMonitor({ prometheus: PROMETHEUS, interval: Duration.millis(500) }) },
      at('props.metrics.interval', 'whole seconds'),
    ],
    [
      'a pod annotation that fights the scrape annotations',
      {
        podAnnotations: { 'prometheus.io/port': '9090' },
        metrics: HeadlampMetrics.scrapeAnnotations({ prometheus: PROMETHEUS }),
      },
      at("props.podAnnotations['prometheus.io/port']", 'as props.metrics does'),
    ],
    [
      'a collector with a path',
      { tracing: HeadlampTracing.otlpHttp('otel.observability.svc:4318/v1/traces') },
      at('props.tracing.endpoint', 'no scheme or path'),
    ],
    [
      'a collector named by a URL',
      { tracing: HeadlampTracing.otlpGrpc('grpc://otel:4317') },
      at('props.tracing.endpoint', 'no scheme or path'),
    ],
    [
      'an open proxy',
      { proxyUrls: ['https://*'] },
      at('props.proxyUrls[0]', "a '*' in the host would let Headlamp fetch from any host"),
    ],
    [
      'a proxy URL with user info (the host is after the @)',
      { proxyUrls: ['https://prometheus.example.com@evil.example.com/*'] },
      at('props.proxyUrls[0]', 'host and port written out'),
    ],
    [
      'a proxy URL with a glob in the port',
      { proxyUrls: ['https://prometheus.example.com:*/'] },
      at('props.proxyUrls[0]', 'host and port written out'),
    ],
    [
      'two proxy URLs in one string',
      { proxyUrls: ['https://a.example.com/*,https://b.example.com/*'] },
      at('props.proxyUrls[0]', 'no commas'),
    ],
    [
      'a node shell image on latest',
      { nodeShellImage: 'docker.io/library/busybox:latest' },
      at('props.nodeShellImage', 'a floating tag'),
    ],
    [
      'a pod debug image on a moving name',
      { podDebugImage: 'nicolaka/netshoot:stable' },
      at('props.podDebugImage', 'a floating tag'),
    ],
    [
      'the log level through the env',
      { extraEnv: { HEADLAMP_CONFIG_LOG_LEVEL: 'debug' } },
      at('props.extraEnv.HEADLAMP_CONFIG_LOG_LEVEL', 'use props.logLevel'),
    ],
  ])('%s', (_case, props, refusal) => {
    expectRefused(build(props), refusal);
  });

  test('a digest pins an image, with or without a tag', () => {
    const digest = `sha256:${'0'.repeat(64)}`;
    expect(build({ podDebugImage: `busybox@${digest}`, nodeShellImage: `busybox:latest@${digest}` })).not.toThrow();
  });
});

describe('a route refuses what would undo the /metrics block', () => {
  const route = (extra: object) => () => {
    const chart = testChart();
    const headlamp = new HeadlampDeployment(chart, 'headlamp', {
      metrics: HeadlampMetrics.podMonitor({ prometheus: PROMETHEUS }),
    });
    new HeadlampIngress(chart, 'ingress', {
      headlamp,
      hosts: ['headlamp.example.com'],
      tls: IngressTls.fromSecret('tls'),
      ...extra,
    });
  };
  const on = (prop: string, says: string): Refusal => ({ type: 'HeadlampIngress', path: 'test/ingress', prop, says });

  test.each<[string, object, Refusal]>([
    [
      'a router priority above the block',
      { annotations: { 'traefik.ingress.kubernetes.io/router.priority': '9999999' } },
      on(
        "props.annotations['traefik.ingress.kubernetes.io/router.priority']",
        'could rank this route above the block of /metrics',
      ),
    ],
    [
      'an extra path at /metrics, spelled with a trailing slash and capitals',
      { extraPaths: [{ path: '/METRICS/', serviceName: 'exporter', port: 9100 }] },
      on('props.extraPaths[0].path', 'is where Headlamp serves its metrics'),
    ],
    [
      'a snippet that would serve /metrics itself',
      {
        controller: IngressController.INGRESS_NGINX,
        annotations: { 'nginx.ingress.kubernetes.io/server-snippet': 'location = /metrics {}' },
      },
      on(
        "props.annotations['nginx.ingress.kubernetes.io/server-snippet']",
        'a snippet is raw NGINX configuration that can rewrite or skip the gate',
      ),
    ],
  ])('%s', (_case, extra, refusal) => {
    expectRefused(route(extra), refusal);
  });
});
