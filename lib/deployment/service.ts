// The Headlamp Service: its options and their schema.
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { z } from 'zod';
import { annotations, bool, lazy, oneOf, pattern, port } from '../core/schema';
import { k8sObject } from './plain-values';

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
   * `appProtocol` of the Service port (e.g. `kubernetes.io/ws`).
   * @default - 'https' with podTlsSecret, else 'http'
   */
  readonly appProtocol?: string;
}

/** @internal The schema of HeadlampServiceOptions. */
export const serviceSchema = lazy(() => z.strictObject({
  type: oneOf(ServiceType, 'ServiceType').optional(),
  port: port.optional(),
  appProtocol: pattern(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(\/[-a-zA-Z0-9._]+)?$/, "an appProtocol such as 'http' or 'kubernetes.io/ws'").optional(),
  annotations: annotations.optional(),
  extraPorts: z.array(k8sObject<k8s.ServicePort>('a ServicePort')).optional(),
  unsafeAllowPlainHttpExposure: bool.optional(),
}));
