// OpenTelemetry tracing (Headlamp v0.31+): HeadlampTracing and its factories, its flags, and the egress to the collector.
import { PodContribution } from '../core/pod-contribution';
import { checkValue, pattern, ValueIssue } from '../core/schema';
import { egressToHost } from './network-policy';

/** How Headlamp sends spans to the OTLP collector. */
export enum OtlpProtocol {
  /** OTLP over gRPC (the collector's port 4317 by convention). */
  GRPC = 'grpc',
  /** OTLP over HTTP (`-use-otlp-http`; the collector's port 4318 by convention, path `/v1/traces`). */
  HTTP = 'http',
}

/** `host:port`: a DNS name, an IPv4 address or a bracketed IPv6 address, and a port. */
const ENDPOINT = /^(\[[0-9a-fA-F:.]+\]|[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*):(\d{1,5})$/;

/**
 * Distributed tracing: Headlamp exports spans over OTLP to a collector (`-tracing-enabled`, `-otlp-endpoint`,
 * `-use-otlp-http`, `-sampling-rate`). Headlamp's exporter always dials the collector in plain text (backend/pkg/telemetry/telemetry.go,
 * createOTLPExporter: `WithInsecure()`, v0.45.0): keep the collector inside the cluster. The NetworkPolicy opens egress
 * to the collector's host and port only.
 */
export class HeadlampTracing {
  /**
   * OTLP over gRPC to the collector at `endpoint`, `host:port` without a scheme, e.g.
   * `otel-collector.observability.svc:4317`.
   */
  public static otlpGrpc(endpoint: string): HeadlampTracing {
    return new HeadlampTracing(endpoint, OtlpProtocol.GRPC);
  }

  /**
   * OTLP over HTTP to the collector at `endpoint`, `host:port` without a scheme (Headlamp posts to `/v1/traces`
   * there), e.g. `otel-collector.observability.svc:4318`.
   */
  public static otlpHttp(endpoint: string): HeadlampTracing {
    return new HeadlampTracing(endpoint, OtlpProtocol.HTTP);
  }

  private constructor(
    /** The collector's `host:port`. */ public readonly endpoint: string,
    /** gRPC or HTTP. */ public readonly protocol: OtlpProtocol,
    /** The share of traces kept (`-sampling-rate`); Headlamp's default keeps all. */ public readonly samplingRate?: number,
  ) {}

  /**
   * The same export, keeping only a share of the traces: `rate` greater than 0 and at most 1 (`-sampling-rate`,
   * Headlamp v0.31+; a ratio sampler on the trace ID, backend/pkg/telemetry/telemetry.go createSampler).
   */
  public withSamplingRate(rate: number): HeadlampTracing {
    return new HeadlampTracing(this.endpoint, this.protocol, rate);
  }

  /** @internal What is wrong with what the factory was given. */
  public _issues(): ValueIssue[] {
    const expected = `a collector address 'host:port' such as 'otel-collector.observability.svc:${this.protocol === OtlpProtocol.HTTP ? 4318 : 4317}' ` +
      '(no scheme or path: Headlamp dials it as given, in plain text)';
    const issues = checkValue(pattern(ENDPOINT, expected), this.endpoint, 'endpoint');
    const port = Number(ENDPOINT.exec(this.endpoint ?? '')?.[2]);
    if (issues.length === 0 && !(port >= 1 && port <= 65535)) {
      issues.push({ path: ['endpoint'], message: `expected ${expected} with a port from 1 to 65535, got ${JSON.stringify(this.endpoint)}` });
    }
    const rate = this.samplingRate;
    if (rate !== undefined && !(typeof rate === 'number' && rate > 0 && rate <= 1)) {
      issues.push({ path: ['samplingRate'], message: 'expected a sampling rate greater than 0 and at most 1 (the share of traces kept; ' +
        `to keep none, turn tracing off), got ${JSON.stringify(rate) ?? String(rate)}` });
    }
    return issues;
  }

  /** @internal The flags, and the egress to the collector. */
  public _contribution(): PodContribution {
    const prop = 'props.tracing';
    const [, host, port] = ENDPOINT.exec(this.endpoint)!;
    return {
      flags: [
        { flag: 'tracing-enabled', value: true, prop },
        { flag: 'otlp-endpoint', value: this.endpoint, prop },
        ...(this.protocol === OtlpProtocol.HTTP ? [{ flag: 'use-otlp-http' as const, value: true, prop }] : []),
        ...(this.samplingRate !== undefined ? [{ flag: 'sampling-rate' as const, value: this.samplingRate, prop }] : []),
      ],
      egress: [egressToHost(host, Number(port))],
    };
  }
}
