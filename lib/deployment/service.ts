// The Headlamp Service: its options and their schema, the refusal of plain-HTTP exposure, the Service object.
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { HeadlampAuth, HeadlampAuthMode } from '../auth/headlamp-auth';
import { fail } from '../core/errors';
import { HEADLAMP_PORT_NAME } from '../core/headlamp-flags';
import { ObjectNames } from '../core/metadata';
import { annotations, bool, lazy, oneOf, pattern, port } from '../core/schema';
import { k8sObject } from './plain-values';
import {
  ClientIpAffinity,
  refuseAffinityOverrides,
  serviceClientIpAffinity,
  SessionAffinity,
  traefikOwnership,
  traefikStickyAffinity,
} from './session-affinity';

/** How the Headlamp Service is exposed. */
export enum ServiceType {
  /** Cluster-internal; put an Ingress, HTTPRoute or proxy with TLS in front. */
  CLUSTER_IP = 'ClusterIP',
  /** A port on every node: plain HTTP, needs `unsafeAllowPlainHttpExposure`. */
  NODE_PORT = 'NodePort',
  /** A cloud load balancer: plain HTTP, needs `unsafeAllowPlainHttpExposure`. */
  LOAD_BALANCER = 'LoadBalancer',
}

/** The Headlamp Service. */
export interface HeadlampServiceOptions {
  /**
   * Service type.
   * @default ServiceType.CLUSTER_IP
   */
  readonly type?: ServiceType;
  /**
   * Service port (the container always listens on 4466).
   * @default 80
   */
  readonly port?: number;
  /**
   * Service annotations.
   * @default - none
   */
  readonly annotations?: Record<string, string>;
  /**
   * More Service ports (e.g. for a sidecar).
   * @default - none
   */
  readonly extraPorts?: k8s.ServicePort[];
  /**
   * A NodePort or LoadBalancer Service serves Headlamp over plain HTTP. Set this only when TLS
   * terminates in front of it (a cloud load balancer with a certificate, a service mesh).
   * @default false
   */
  readonly unsafeAllowPlainHttpExposure?: boolean;
  /**
   * `appProtocol` of the Service port (e.g. `kubernetes.io/ws`). One that names another wire than the pod serves
   * (`https` or `kubernetes.io/h2c` without podTlsSecret, `http` with it) is refused.
   * @default - 'https' with podTlsSecret, else 'http'
   */
  readonly appProtocol?: string;
  /**
   * Fixed node port of Headlamp's port (NodePort and LoadBalancer Services only), within the cluster's node port
   * range (30000-32767 unless the API server sets another).
   * @default - one the API server picks
   */
  readonly nodePort?: number;
}

/** @internal The schema of HeadlampServiceOptions. */
export const serviceSchema = lazy(() =>
  z.strictObject({
    type: oneOf(ServiceType, 'ServiceType').optional(),
    port: port.optional(),
    appProtocol: pattern(
      /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(\/[-a-zA-Z0-9._]+)?$/,
      "an appProtocol such as 'http' or 'kubernetes.io/ws'",
    ).optional(),
    annotations: annotations.optional(),
    extraPorts: z.array(k8sObject<k8s.ServicePort>('ServicePort')).optional(),
    unsafeAllowPlainHttpExposure: bool.optional(),
    nodePort: port.optional(),
  }),
);

/**
 * @internal The Service type when it exposes Headlamp outside the cluster (NodePort, LoadBalancer), else undefined.
 * Refuses it over plain HTTP without its unsafe name, and always in identity-aware-proxy mode behind a proxy of this
 * library (it would reach Headlamp around that proxy).
 */
export function exposedServiceType(
  scope: Construct,
  constructType: string,
  svc: HeadlampServiceOptions,
  auth: HeadlampAuth,
): ServiceType | undefined {
  if (svc.type !== ServiceType.NODE_PORT && svc.type !== ServiceType.LOAD_BALANCER) {
    if (svc.nodePort !== undefined) {
      fail(
        scope,
        constructType,
        'props.service.nodePort',
        `applies to NodePort and LoadBalancer Services, got it with ${svc.type ?? ServiceType.CLUSTER_IP}; drop it`,
      );
    }
    return undefined;
  }
  if (!svc.unsafeAllowPlainHttpExposure) {
    fail(
      scope,
      constructType,
      'props.service.type',
      `a ${svc.type} Service exposes Headlamp over plain HTTP, got ${svc.type}; ` +
        'keep ClusterIP behind an Ingress or HTTPRoute with TLS, or set ' +
        'props.service.unsafeAllowPlainHttpExposure: true when TLS terminates in front of it',
    );
  }
  if (auth.mode === HeadlampAuthMode.IDENTITY_AWARE_PROXY && !auth._unsafeExternalProxy) {
    fail(
      scope,
      constructType,
      'props.service.type',
      `a ${svc.type} Service reaches Headlamp around the proxy in front, got ${svc.type} with ` +
        'identity-aware-proxy mode (Headlamp trusts identity headers: anyone could claim any identity); keep ClusterIP',
    );
  }
  return svc.type;
}

/**
 * @internal The Service: Headlamp's port as `port` (https `appProtocol` when the pod serves TLS), then the extra ports;
 * `affinity` are the session-affinity annotations (Traefik's sticky cookie), when Headlamp needs them, and
 * `clientIpAffinity` kube-proxy's, for a NodePort or LoadBalancer Service reached directly.
 */
export function headlampService(
  scope: Construct,
  names: ObjectNames,
  svc: HeadlampServiceOptions,
  port: number,
  extraPorts: k8s.ServicePort[],
  podTls: boolean,
  affinity?: Record<string, string>,
  clientIpAffinity?: ClientIpAffinity,
): k8s.KubeService {
  const annotations = {
    ...(podTls ? { 'traefik.ingress.kubernetes.io/service.serversscheme': 'https' } : {}),
    ...svc.annotations,
    ...affinity,
  };
  return new k8s.KubeService(scope, 'Service', {
    metadata: {
      name: names.name,
      labels: names.labels,
      // Traefik reads the backend scheme (and the sticky cookie) from the Service.
      annotations: Object.keys(annotations).length ? annotations : undefined,
    },
    spec: {
      type: svc.type ?? ServiceType.CLUSTER_IP,
      selector: names.selectorLabels,
      ports: [
        {
          name: HEADLAMP_PORT_NAME,
          port,
          targetPort: k8s.IntOrString.fromString(HEADLAMP_PORT_NAME),
          protocol: 'TCP',
          appProtocol: svc.appProtocol ?? (podTls ? 'https' : 'http'),
          nodePort: svc.nodePort,
        },
        ...extraPorts,
      ],
      ...clientIpAffinity,
    },
  });
}

/**
 * What a Service port's `appProtocol` tells the controllers and meshes in front about the wire: plain HTTP/1.1, TLS,
 * or cleartext HTTP/2. Kubernetes' own names (Service docs, "Application protocol": IANA `http`/`https`,
 * `kubernetes.io/h2c`, `kubernetes.io/ws`, `kubernetes.io/wss`) and the common mesh names (Istio protocol selection:
 * `http2`, `grpc`, `tls`). A name not listed (`tcp`, a domain-prefixed one) says nothing about HTTP and is kept.
 */
const APP_PROTOCOL_WIRE: Readonly<Record<string, 'plain HTTP' | 'TLS' | 'cleartext HTTP/2'>> = {
  http: 'plain HTTP',
  'kubernetes.io/ws': 'plain HTTP',
  ws: 'plain HTTP',
  https: 'TLS',
  'kubernetes.io/wss': 'TLS',
  wss: 'TLS',
  tls: 'TLS',
  'kubernetes.io/h2c': 'cleartext HTTP/2',
  h2c: 'cleartext HTTP/2',
  http2: 'cleartext HTTP/2',
  grpc: 'cleartext HTTP/2',
};

/**
 * @internal Refuses an `appProtocol` that names another wire than the pod serves: TLS with `podTlsSecret`, otherwise
 * plain HTTP/1.1 (Go's net/http speaks HTTP/2 only over TLS). A controller that trusts it would speak TLS or HTTP/2 to
 * a port that does not, and every request would fail.
 */
export function refuseAppProtocolMismatch(
  scope: Construct,
  constructType: string,
  svc: HeadlampServiceOptions,
  podTls: boolean,
): void {
  const wire = svc.appProtocol === undefined ? undefined : APP_PROTOCOL_WIRE[svc.appProtocol];
  const served = podTls ? 'TLS' : 'plain HTTP';
  if (wire === undefined || wire === served) return;
  fail(
    scope,
    constructType,
    'props.service.appProtocol',
    `says ${wire}, but the pod serves ${podTls ? 'TLS (props.podTlsSecret)' : 'plain HTTP/1.1 (no podTlsSecret)'}, ` +
      `got ${JSON.stringify(svc.appProtocol)}; drop it (the default is '${podTls ? 'https' : 'http'}')` +
      (wire === 'TLS' ? ', or set props.podTlsSecret so the pod serves TLS' : ''),
  );
}

/**
 * @internal The Service with the session affinity its routes need: Traefik's Kubernetes Ingress provider reads the
 * sticky cookie from the Service (every Traefik Ingress to it keeps it); a NodePort or LoadBalancer Service is reached
 * directly, with no cookie, so kube-proxy keeps each client address on one pod. User annotations that contradict the
 * affinity are refused.
 */
export function headlampServiceWithAffinity(
  scope: Construct,
  names: ObjectNames,
  constructType: string,
  svc: HeadlampServiceOptions,
  o: {
    port: number;
    extraPorts: k8s.ServicePort[];
    podTls: boolean;
    affinity?: SessionAffinity;
    exposedServiceType?: string;
  },
): k8s.KubeService {
  const a = o.affinity;
  if (a) {
    const ownership = traefikOwnership(a);
    refuseAffinityOverrides(scope, constructType, 'props.service.annotations', svc.annotations, ownership, a);
  }
  const sticky = a ? traefikStickyAffinity(a) : undefined;
  const clientIp = a && o.exposedServiceType ? serviceClientIpAffinity(a) : undefined;
  return headlampService(scope, names, svc, o.port, o.extraPorts, o.podTls, sticky, clientIp);
}

/**
 * @internal Refuses metrics on a NodePort or LoadBalancer Service: it reaches the pod with no route to block the path.
 */
export function refuseMetricsOnExposedService(
  scope: Construct,
  constructType: string,
  metricsPath: string | undefined,
  exposedServiceType: string | undefined,
): void {
  if (!metricsPath || !exposedServiceType) return;
  fail(
    scope,
    constructType,
    'props.metrics',
    `serves ${metricsPath} on Headlamp's port, which the ` +
      `${exposedServiceType} Service (props.service.type) exposes with no route in front to refuse it, got both; ` +
      'keep the Service ClusterIP behind an Ingress or HTTPRoute, or turn metrics off',
  );
}
