// Headlamp's NetworkPolicy: its options and their schema.
import { z } from 'zod';
import { bool, lazy, pattern, port } from '../core/schema';

/**
 * Headlamp's NetworkPolicy. Ingress: only the peers the constructs in front register (the ingress
 * controller, or oauth2-proxy), to port 4466. Egress: DNS, and the API server (plus the identity provider
 * with OIDC) on the given ports.
 */
export interface HeadlampNetworkPolicyOptions {
  /**
   * CIDRs of the Kubernetes API server endpoints (`kubectl get endpoints kubernetes`); policies cannot
   * name the `kubernetes` Service.
   * @default - any address, on `apiServerPorts` only
   */
  readonly apiServerCidrs?: string[];
  /**
   * API server ports (the Service's 443 and the endpoints' port, often 6443).
   * @default [443, 6443]
   */
  readonly apiServerPorts?: number[];
  /**
   * CIDRs of the OIDC identity provider (HTTPS), with OIDC login.
   * @default - any address on port 443
   */
  readonly identityProviderCidrs?: string[];
  /**
   * Allow all egress.
   * @default false
   */
  readonly unsafeAllowAllEgress?: boolean;
  /**
   * Do not create the NetworkPolicy at all: anything in the cluster can reach Headlamp around the auth in front.
   * @default false
   */
  readonly unsafeDisable?: boolean;
}

const cidr = lazy(() => pattern(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$|^[0-9a-fA-F:]+\/\d{1,3}$/, "a CIDR such as '10.0.0.0/16'"));

/** @internal The schema of HeadlampNetworkPolicyOptions. */
export const networkPolicySchema = lazy(() => z.strictObject({
  apiServerCidrs: z.array(cidr()).refine((xs) => xs.length > 0, { error: 'expected at least one CIDR' }).optional(),
  apiServerPorts: z.array(port).refine((xs) => xs.length > 0, { error: 'expected at least one port' }).optional(),
  identityProviderCidrs: z.array(cidr()).refine((xs) => xs.length > 0, { error: 'expected at least one CIDR' }).optional(),
  unsafeAllowAllEgress: bool.optional(),
  unsafeDisable: bool.optional(),
}));
