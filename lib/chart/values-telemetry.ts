// The values file's plain forms of `headlamp.metrics` and `headlamp.tracing`, turned into the HeadlampMetrics and
// HeadlampTracing factories.
import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { parseProps } from '../core/errors';
import { bool, int, lazy, str } from '../core/schema';
import { HeadlampMetrics, PrometheusPeer } from '../deployment/metrics';
import { HeadlampTracing } from '../deployment/tracing';

/**
 * `headlamp.metrics` in a values file.
 * TypeScript typing of plain data, like HeadlampValues.
 * @jsii ignore
 */
export interface HeadlampValuesMetrics {
  /** `podMonitor`, `serviceMonitor` (Prometheus Operator) or `annotations` (prometheus.io/* pod annotations). */
  readonly scrapeBy: 'podMonitor' | 'serviceMonitor' | 'annotations';
  /** The Prometheus pods: a Prometheus Operator `Prometheus` by `name`, or any pods by `podLabels`, in `namespace`. */
  readonly prometheus: {
    readonly namespace: string;
    readonly name?: string;
    readonly podLabels?: Record<string, string>;
  };
  /** Labels on the monitor (for the Prometheus's monitor selector). */
  readonly labels?: Record<string, string>;
  /** Scrape interval in seconds. */
  readonly intervalSeconds?: number;
}

/**
 * `headlamp.tracing` in a values file.
 * TypeScript typing of plain data, like HeadlampValues.
 * @jsii ignore
 */
export interface HeadlampValuesTracing {
  /** The collector's `host:port`. */
  readonly endpoint: string;
  /** OTLP over `grpc` (default) or `http`. */
  readonly protocol?: 'grpc' | 'http';
  /** `true` to send spans in plain text to a collector outside the cluster (HeadlampTracingOptions). */
  readonly unsafeSendSpansInPlainTextOutsideCluster?: boolean;
  /** The share of traces kept, greater than 0 and at most 1 (`-sampling-rate`). */
  readonly samplingRate?: number;
}

const metricsSchema = lazy(() =>
  z.strictObject(
    {
      scrapeBy: z.enum(['podMonitor', 'serviceMonitor', 'annotations'], {
        error: "expected 'podMonitor', 'serviceMonitor' or 'annotations'",
      }),
      prometheus: z
        .strictObject(
          {
            namespace: str('a namespace name'),
            name: str("the Prometheus's name (kubectl get prometheus -A)").optional(),
            podLabels: z.record(z.string(), z.string(), { error: 'expected a map of pod labels' }).optional(),
          },
          { error: 'expected { namespace, name } (a Prometheus Operator Prometheus) or { namespace, podLabels }' },
        )
        .refine((p) => (p.name === undefined) !== (p.podLabels === undefined), {
          error:
            'expected either name (a Prometheus Operator Prometheus) or podLabels (any Prometheus pods), not both ' +
            'or neither',
        }),
      labels: z.record(z.string(), z.string(), { error: 'expected a map of labels' }).optional(),
      intervalSeconds: int(1).optional(),
    },
    { error: 'expected { scrapeBy, prometheus: { namespace, name | podLabels } } (docs/values.md, headlamp.metrics)' },
  ),
);

const tracingSchema = lazy(() =>
  z.strictObject(
    {
      endpoint: str("the collector's 'host:port'"),
      protocol: z.enum(['grpc', 'http'], { error: "expected 'grpc' or 'http'" }).optional(),
      unsafeSendSpansInPlainTextOutsideCluster: bool.optional(),
      samplingRate: z.number({ error: 'expected a number greater than 0 and at most 1' }).optional(),
    },
    {
      error:
        "expected { endpoint: 'host:port', protocol: grpc | http, samplingRate } (docs/values.md, headlamp.tracing)",
    },
  ),
);

/**
 * @internal `headlamp.metrics` of a values file as the factory call it stands for; a HeadlampValidationError names the
 * key.
 */
export function metricsFromValues(scope: Construct, raw: unknown): HeadlampMetrics {
  const m = parseProps(scope, 'values', metricsSchema(), raw, 'headlamp.metrics');
  const peer =
    m.prometheus.name !== undefined
      ? PrometheusPeer.operator(m.prometheus.namespace, m.prometheus.name)
      : PrometheusPeer.custom(m.prometheus.namespace, m.prometheus.podLabels!);
  if (m.scrapeBy === 'annotations') return HeadlampMetrics.scrapeAnnotations({ prometheus: peer });
  const options = {
    prometheus: peer,
    labels: m.labels,
    interval: m.intervalSeconds === undefined ? undefined : Duration.seconds(m.intervalSeconds),
  };
  return m.scrapeBy === 'podMonitor' ? HeadlampMetrics.podMonitor(options) : HeadlampMetrics.serviceMonitor(options);
}

/**
 * @internal `headlamp.tracing` of a values file as the factory call it stands for; a HeadlampValidationError names the
 * key.
 */
export function tracingFromValues(scope: Construct, raw: unknown): HeadlampTracing {
  const t = parseProps(scope, 'values', tracingSchema(), raw, 'headlamp.tracing');
  const options = { unsafeSendSpansInPlainTextOutsideCluster: t.unsafeSendSpansInPlainTextOutsideCluster };
  const tracing =
    t.protocol === 'http'
      ? HeadlampTracing.otlpHttp(t.endpoint, options)
      : HeadlampTracing.otlpGrpc(t.endpoint, options);
  return t.samplingRate === undefined ? tracing : tracing.withSamplingRate(t.samplingRate);
}
