// OpenTelemetry tracing (Headlamp v0.31+): HeadlampTracing and its factories, its flags, and the egress to the
// collector.
import { PodContribution } from '../core/pod-contribution';
import { checkValue, pattern, ValueIssue } from '../core/schema';
import { addressProblem, isPrivateAddress } from './addresses';
import { egressToHost } from './network-policy';

/** Options of the tracing factories. */
export interface HeadlampTracingOptions {
  /**
   * Send spans to a collector outside the cluster and its private networks (a public name or address). Headlamp's
   * exporter always dials in plain text (`WithInsecure()`, backend/pkg/telemetry/telemetry.go, v0.45.0), so the
   * spans (request paths, cluster names, user agents) cross every network in between readable and unauthenticated.
   * @default false: only a Service name, a bare name, or a private or loopback address
   */
  readonly unsafeSendSpansInPlainTextOutsideCluster?: boolean;
}

/** How Headlamp sends spans to the OTLP collector. */
export enum OtlpProtocol {
  /** OTLP over gRPC (the collector's port 4317 by convention). */
  GRPC = 'grpc',
  /** OTLP over HTTP (`-use-otlp-http`; the collector's port 4318 by convention, path `/v1/traces`). */
  HTTP = 'http',
}

/** `host:port`: a DNS name, an IPv4 address or a bracketed IPv6 address, and a port. */
const ENDPOINT =
  /^(\[[0-9a-fA-F:.]+\]|[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*):(\d{1,5})$/;

/**
 * Distributed tracing: Headlamp exports spans over OTLP to a collector (`-tracing-enabled`, `-otlp-endpoint`,
 * `-use-otlp-http`, `-sampling-rate`). Headlamp's exporter always dials the collector in plain text
 * (backend/pkg/telemetry/telemetry.go, createOTLPExporter: `WithInsecure()`, v0.45.0): keep the collector inside the
 * cluster. The NetworkPolicy opens egress to the collector's host and port only.
 */
export class HeadlampTracing {
  /**
   * OTLP over gRPC to the collector at `endpoint`, `host:port` without a scheme, e.g.
   * `otel-collector.observability.svc:4317`.
   */
  public static otlpGrpc(endpoint: string, options: HeadlampTracingOptions = {}): HeadlampTracing {
    return new HeadlampTracing(endpoint, OtlpProtocol.GRPC, options);
  }

  /**
   * OTLP over HTTP to the collector at `endpoint`, `host:port` without a scheme (Headlamp posts to `/v1/traces`
   * there), e.g. `otel-collector.observability.svc:4318`.
   */
  public static otlpHttp(endpoint: string, options: HeadlampTracingOptions = {}): HeadlampTracing {
    return new HeadlampTracing(endpoint, OtlpProtocol.HTTP, options);
  }

  private constructor(
    /** The collector's `host:port`. */ public readonly endpoint: string,
    /** gRPC or HTTP. */ public readonly protocol: OtlpProtocol,
    /** The factory's options. */ private readonly options: HeadlampTracingOptions,
    /** The share of traces kept (`-sampling-rate`); Headlamp's default keeps all. */
    public readonly samplingRate?: number,
  ) {}

  /**
   * The same export, keeping only a share of the traces: `rate` greater than 0 and at most 1 (`-sampling-rate`,
   * Headlamp v0.31+; a ratio sampler on the trace ID, backend/pkg/telemetry/telemetry.go createSampler).
   */
  public withSamplingRate(rate: number): HeadlampTracing {
    return new HeadlampTracing(this.endpoint, this.protocol, this.options, rate);
  }

  /** @internal What is wrong with what the factory was given. */
  public _issues(): ValueIssue[] {
    const expected =
      `a collector address 'host:port' such as ` +
      `'otel-collector.observability.svc:${this.protocol === OtlpProtocol.HTTP ? 4318 : 4317}' ` +
      '(no scheme or path: Headlamp dials it as given, in plain text)';
    const got = JSON.stringify(this.endpoint);
    if (typeof this.endpoint === 'string' && this.endpoint.includes('@')) {
      return [
        {
          path: ['endpoint'],
          message:
            `expected ${expected}, without user info (Headlamp's exporter sends no ` +
            "credentials, and the address would be written into the pod's arguments), got <redacted>",
        },
      ];
    }
    const issues = checkValue(pattern(ENDPOINT, expected), this.endpoint, 'endpoint');
    const add = (message: string) => issues.push({ path: ['endpoint'], message });
    const [, host, port] = ENDPOINT.exec(this.endpoint ?? '') ?? [];
    if (issues.length === 0 && !(Number(port) >= 1 && Number(port) <= 65535)) {
      add(`expected ${expected} with a port from 1 to 65535, got ${got}`);
    }
    const invalid = issues.length === 0 ? addressProblem(host) : undefined;
    if (invalid) add(`expected a collector whose host is a DNS name or an IP address, not ${invalid}, got ${got}`);
    if (issues.length === 0 && !isPrivateAddress(host) && !this.options?.unsafeSendSpansInPlainTextOutsideCluster) {
      add(
        'expected a collector inside the cluster or a private network (a Service name, or a private address): ' +
          `Headlamp sends spans in plain text, got ${got}; run a collector in the cluster, or set ` +
          'unsafeSendSpansInPlainTextOutsideCluster: true if the spans may cross the networks in between readable',
      );
    }
    const rate = this.samplingRate;
    if (rate !== undefined && !(typeof rate === 'number' && rate > 0 && rate <= 1)) {
      issues.push({
        path: ['samplingRate'],
        message:
          'expected a sampling rate greater than 0 and at most 1 (the share of traces kept; ' +
          `to keep none, turn tracing off), got ${JSON.stringify(rate) ?? String(rate)}`,
      });
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
        ...(this.samplingRate !== undefined
          ? [{ flag: 'sampling-rate' as const, value: this.samplingRate, prop }]
          : []),
      ],
      egress: [egressToHost(host, Number(port))],
    };
  }
}
