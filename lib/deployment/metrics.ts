// Prometheus metrics (Headlamp v0.31+): PrometheusPeer and HeadlampMetrics with their factories, the flag, the scrape
// annotations or the PodMonitor/ServiceMonitor, and the one NetworkPolicy peer that may scrape.
import { ApiObject, Duration } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import type * as monitoring from '../../imports/monitoring.coreos.com';
import { HEADLAMP_PORT, HEADLAMP_PORT_NAME } from '../core/headlamp-flags';
import { ObjectNames, podPeerIssues, podsInNamespace } from '../core/metadata';
import { PodContribution } from '../core/pod-contribution';
import { checkValue, labels, ValueIssue, wholeSeconds } from '../core/schema';

/**
 * The Prometheus pods that scrape Headlamp, for its NetworkPolicy (policies cannot name a Service): they alone may
 * reach Headlamp's port for `/metrics`, since every route the library renders refuses that path.
 */
export class PrometheusPeer {
  /**
   * The pods of a Prometheus Operator `Prometheus` named `prometheusName` in `namespace`, by the labels the operator
   * puts on them (`app.kubernetes.io/name: prometheus`, `operator.prometheus.io/name: <name>`;
   * pkg/prometheus/server/operator.go, makeSelectorLabels, v0.93.0). `kubectl get prometheus -A` lists the names.
   */
  public static operator(namespace: string, prometheusName: string): PrometheusPeer {
    return new PrometheusPeer(namespace, {
      'app.kubernetes.io/name': 'prometheus',
      'operator.prometheus.io/name': prometheusName,
    });
  }

  /** Pods with `podLabels` in `namespace` (a Prometheus without the operator, an agent, an OpenTelemetry collector). */
  public static custom(namespace: string, podLabels: Record<string, string>): PrometheusPeer {
    return new PrometheusPeer(namespace, podLabels);
  }

  private constructor(
    /** Namespace of the Prometheus pods. */ public readonly namespace: string,
    /** Labels of the Prometheus pods. */ public readonly podLabels: Record<string, string>,
  ) {}

  /** @internal What is wrong with what the factory was given. */
  public _issues(): ValueIssue[] {
    const blank = Object.entries(this.podLabels ?? {})
      .filter(([, v]) => v === '')
      .map(([key]) => ({
        path: ['podLabels', key],
        message:
          key === 'operator.prometheus.io/name'
            ? 'expected the Prometheus\'s name (kubectl get prometheus -A), got "": no Prometheus pod carries ' +
              'an empty name, so none could scrape'
            : `expected a label value, got "" for ${JSON.stringify(key)}: it selects only pods that carry the label ` +
              'empty, most likely none',
      }));
    return [...podPeerIssues(this.namespace, this.podLabels), ...blank];
  }

  /** A NetworkPolicy peer selecting these pods. */
  public toPeer(): k8s.NetworkPolicyPeer {
    return podsInNamespace(this.namespace, this.podLabels);
  }
}

/** Options of {@link HeadlampMetrics.podMonitor} and {@link HeadlampMetrics.serviceMonitor}. */
export interface PrometheusMonitorOptions {
  /** The Prometheus pods that scrape Headlamp: the NetworkPolicy admits them, to Headlamp's port only. */
  readonly prometheus: PrometheusPeer;
  /**
   * Labels on the monitor, for the Prometheus's `podMonitorSelector` / `serviceMonitorSelector`
   * (kube-prometheus-stack selects `release: <its release>` by default).
   * @default - none: only a Prometheus that selects every monitor picks it up
   */
  readonly labels?: Record<string, string>;
  /**
   * How often Prometheus scrapes Headlamp.
   * @default - the Prometheus's own scrape interval
   */
  readonly interval?: Duration;
}

/** Options of {@link HeadlampMetrics.scrapeAnnotations}. */
export interface PrometheusScrapeAnnotationsOptions {
  /** The Prometheus pods that scrape Headlamp: the NetworkPolicy admits them, to Headlamp's port only. */
  readonly prometheus: PrometheusPeer;
}

/** How Prometheus finds Headlamp. */
enum ScrapeBy {
  POD_MONITOR = 'PodMonitor',
  SERVICE_MONITOR = 'ServiceMonitor',
  ANNOTATIONS = 'annotations',
}

/**
 * Prometheus metrics (`-metrics-enabled`): Headlamp serves them at `<base-url>/metrics` on its one port, 4466, the
 * port its routes reach too (backend/cmd/headlamp.go ~746, v0.45.0). So metrics are never public: every route the
 * library renders (HeadlampIngress, BasicAuthIngress, ForwardAuthIngress, OAuth2ProxyFrontend, HeadlampHttpRoute)
 * refuses that path, and the NetworkPolicy admits the named Prometheus pods, to that port and nothing more.
 */
export class HeadlampMetrics {
  /** A Prometheus Operator `PodMonitor` (monitoring.coreos.com/v1) scraping each Headlamp pod's `http` port. */
  public static podMonitor(options: PrometheusMonitorOptions): HeadlampMetrics {
    return new HeadlampMetrics(ScrapeBy.POD_MONITOR, options);
  }

  /**
   * A Prometheus Operator `ServiceMonitor` (monitoring.coreos.com/v1) scraping the pods behind Headlamp's Service port
   * `http`.
   */
  public static serviceMonitor(options: PrometheusMonitorOptions): HeadlampMetrics {
    return new HeadlampMetrics(ScrapeBy.SERVICE_MONITOR, options);
  }

  /**
   * Without the Prometheus Operator: the `prometheus.io/scrape`, `/port`, `/path` (and `/scheme`) pod annotations that
   * the usual `kubernetes-pods` scrape job of a plain Prometheus reads.
   */
  public static scrapeAnnotations(options: PrometheusScrapeAnnotationsOptions): HeadlampMetrics {
    return new HeadlampMetrics(ScrapeBy.ANNOTATIONS, options);
  }

  private constructor(
    private readonly scrapeBy: ScrapeBy,
    /** @internal The options as given. */ public readonly _options: Partial<PrometheusMonitorOptions>,
  ) {}

  /** The Prometheus pods that may scrape Headlamp. */
  public get prometheus(): PrometheusPeer {
    return this._options.prometheus!;
  }

  /** @internal What is wrong with what the factory was given. */
  public _issues(): ValueIssue[] {
    const o = this._options ?? {};
    if (!(o.prometheus instanceof PrometheusPeer)) {
      return [
        {
          path: ['prometheus'],
          message:
            'expected a PrometheusPeer from PrometheusPeer.operator(...) or .custom(...), got ' +
            `${o.prometheus === undefined ? 'undefined' : 'another value'}`,
        },
      ];
    }
    return [
      ...o.prometheus._issues().map((i) => ({ ...i, path: ['prometheus', ...i.path] })),
      ...(o.labels !== undefined ? checkValue(labels, o.labels, 'labels') : []),
      ...(o.interval !== undefined ? checkValue(wholeSeconds, o.interval, 'interval') : []),
    ];
  }

  /**
   * @internal The flag, the peer the NetworkPolicy admits to Headlamp's port, and with scrape annotations the pod's
   * annotations (`path` is `<base-url>/metrics`).
   */
  public _contribution(path: string, podTls: boolean): PodContribution {
    const prop = 'props.metrics';
    const annotations =
      this.scrapeBy !== ScrapeBy.ANNOTATIONS
        ? []
        : Object.entries({
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': String(HEADLAMP_PORT),
            'prometheus.io/path': path,
            ...(podTls ? { 'prometheus.io/scheme': 'https' } : {}),
          });
    return {
      flags: [{ flag: 'metrics-enabled', value: true, prop }],
      ingress: [{ peer: this.prometheus.toPeer(), port: HEADLAMP_PORT }],
      podAnnotations: annotations.map((value) => ({ prop, value })),
    };
  }

  /**
   * @internal The PodMonitor or ServiceMonitor (none with scrape annotations). With the pod serving TLS it scrapes
   * HTTPS, trusting the `ca.crt` of that Secret (cert-manager writes it) for the Service's in-cluster name.
   */
  public _monitor(
    scope: Construct,
    names: ObjectNames,
    o: { path: string; podTlsSecret?: string; serviceHost: string },
  ): ApiObject | undefined {
    if (this.scrapeBy === ScrapeBy.ANNOTATIONS) return undefined;
    // The generated Prometheus Operator classes load only when a monitor is built.
    const api: typeof monitoring = require('../../imports/monitoring.coreos.com');
    const https = !!o.podTlsSecret;
    const endpoint = {
      port: HEADLAMP_PORT_NAME,
      path: o.path,
      interval: this._options.interval ? `${this._options.interval.toSeconds()}s` : undefined,
      tlsConfig: https
        ? { ca: { secret: { name: o.podTlsSecret!, key: 'ca.crt' } }, serverName: o.serviceHost }
        : undefined,
    };
    const metadata = { name: names.name, labels: { ...names.labels, ...this._options.labels } };
    const selector = { matchLabels: names.selectorLabels };
    if (this.scrapeBy === ScrapeBy.POD_MONITOR) {
      return new api.PodMonitor(scope, 'PodMonitor', {
        metadata,
        spec: {
          selector,
          podMetricsEndpoints: [
            {
              ...endpoint,
              scheme: https
                ? api.PodMonitorSpecPodMetricsEndpointsScheme.HTTPS
                : api.PodMonitorSpecPodMetricsEndpointsScheme.HTTP,
            },
          ],
        },
      });
    }
    return new api.ServiceMonitor(scope, 'ServiceMonitor', {
      metadata,
      spec: {
        selector,
        endpoints: [
          {
            ...endpoint,
            scheme: https ? api.ServiceMonitorSpecEndpointsScheme.HTTPS : api.ServiceMonitorSpecEndpointsScheme.HTTP,
          },
        ],
      },
    });
  }
}
