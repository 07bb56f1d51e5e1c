// The OTLP collector address attacked through every door (issue 27, class 5). Headlamp v0.45.0's exporter dials
// -otlp-endpoint in plain text whatever the protocol (backend/pkg/telemetry/telemetry.go, createOTLPExporter:
// WithInsecure()), and Go reads a host whose last label is all digits as an IPv4 literal (net.ParseIP: four decimal
// octets), so `10.96.0.300` is no address.
import { App } from 'cdk8s';
import { HeadlampDeployment, headlampChartFromValues, HeadlampTracing } from '../../lib';
import { errorOf, migrationError, valuesError, valuesWith } from '../helpers/doors';
import { only, synth, testChart } from '../helpers/synth';

const EXPECTED =
  "expected a collector address 'host:port' such as 'otel-collector.observability.svc:4317' (no scheme or path: Headlamp " +
  'dials it as given, in plain text)';
const USER_INFO =
  `${EXPECTED}, without user info (Headlamp's exporter sends no credentials, and the address would be written into ` +
  "the pod's arguments), got <redacted>";
const outside = (endpoint: string) =>
  'expected a collector inside the cluster or a private network (a Service name, or a private ' +
  `address): Headlamp sends spans in plain text, got "${endpoint}"; run a collector in the cluster, or set ` +
  'unsafeSendSpansInPlainTextOutsideCluster: true if the spans may cross the networks in between readable';
const HEAD = "HeadlampDeployment 'test/headlamp': props.tracing.endpoint: ";
const build = (tracing: HeadlampTracing) => () => new HeadlampDeployment(testChart(), 'headlamp', { tracing });

describe('the TypeScript API', () => {
  test.each<[string, HeadlampTracing, string]>([
    [
      'user:password@ (refused, the password never shown)',
      HeadlampTracing.otlpGrpc('u:Pa55-canary@otel.observability.svc:4317'),
      USER_INFO,
    ],
    [
      'an IPv4 address that is none',
      HeadlampTracing.otlpGrpc('10.96.0.300:4317'),
      'expected a collector whose host is a DNS name or an IP ' +
        'address, not an IPv4 address that does not parse (four decimal numbers from 0 to 255, no leading zeros), got "10.96.0.300:4317"',
    ],
    [
      'a public host on 443',
      HeadlampTracing.otlpHttp('collector.example.com:443'),
      outside('collector.example.com:443'),
    ],
    ['a public address', HeadlampTracing.otlpHttp('203.0.113.9:4318'), outside('203.0.113.9:4318')],
    [
      'a Service name without .svc (it could be any public name)',
      HeadlampTracing.otlpGrpc('otel.observability:4317'),
      outside('otel.observability:4317'),
    ],
  ])('refuses %s', (_case, tracing, message) => {
    expect(errorOf(build(tracing)).message).toBe(`${HEAD}${message}`);
  });

  test.each([
    'otel-collector.observability.svc:4317',
    'otel-collector.observability.svc.cluster.local:4317',
    'otel:4317',
    '10.20.0.7:4317',
    '172.16.0.1:4317',
    '192.168.1.1:4317',
    'localhost:4317',
    '[fd12::1]:4317',
  ])('takes %s (inside the cluster or a private network)', (endpoint) => {
    expect(build(HeadlampTracing.otlpGrpc(endpoint))).not.toThrow();
  });

  test('the opt-in names what it does, and the endpoint is written as given', () => {
    const chart = testChart();
    new HeadlampDeployment(chart, 'headlamp', {
      tracing: HeadlampTracing.otlpHttp('otlp.vendor.example.com:443', {
        unsafeSendSpansInPlainTextOutsideCluster: true,
      }),
    });
    expect(only(synth(chart), 'Deployment').spec.template.spec.containers[0].args).toContain(
      '-otlp-endpoint=otlp.vendor.example.com:443',
    );
  });
});

describe('the values file and the chart migration', () => {
  test('values file: refused, and the opt-in is a plain value', () => {
    expect(valuesError(valuesWith({ tracing: { endpoint: 'otlp.vendor.example.com:443', protocol: 'http' } }))).toBe(
      `values: headlamp.tracing.endpoint: ${outside('otlp.vendor.example.com:443')}`,
    );
    expect(() =>
      headlampChartFromValues(
        new App(),
        'h',
        valuesWith({
          tracing: {
            endpoint: 'otlp.vendor.example.com:443',
            protocol: 'http',
            unsafeSendSpansInPlainTextOutsideCluster: true,
          },
        }),
      ),
    ).not.toThrow();
    expect(
      valuesError(valuesWith({ tracing: { endpoint: 'u:Pa55-canary@otel:4317' } })).replace(/4318|4317/g, 'P'),
    ).toBe(`values: headlamp.tracing.endpoint: ${USER_INFO}`.replace(/4318|4317/g, 'P'));
  });

  test('chart migration: a public collector and user info in extraArgs', () => {
    expect(
      migrationError({ config: { extraArgs: ['-tracing-enabled', '-otlp-endpoint=otlp.vendor.example.com:443'] } }),
    ).toBe(`config.extraArgs[1]: ${outside('otlp.vendor.example.com:443')} (-otlp-endpoint)`);
    expect(
      migrationError({ config: { extraArgs: ['-tracing-enabled', '-otlp-endpoint=u:Pa55-canary@otel:4317'] } }),
    ).toBe(`config.extraArgs[1]: ${USER_INFO} (-otlp-endpoint)`);
  });

  test('escape hatches: the endpoint flag and its env var stay refused', () => {
    const props = (extra: object) => () => new HeadlampDeployment(testChart(), 'headlamp', extra);
    expect(errorOf(props({ extraArgs: ['-otlp-endpoint=collector.example.com:443'] })).message).toContain(
      'use props.tracing',
    );
    expect(
      errorOf(props({ extraEnv: { HEADLAMP_CONFIG_OTLP_ENDPOINT: 'collector.example.com:443' } })).message,
    ).toContain('use props.tracing');
  });
});
