// Headlamp's NetworkPolicy: its options and their schema; ingress from the peers the constructs in front contribute,
// egress to DNS, the API server and what features contribute.
import { Lazy } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { HEADLAMP_PORT } from '../core/headlamp-flags';
import { dnsEgress, ObjectNames } from '../core/metadata';
import { IngressPeer, MergedPod } from '../core/pod-contribution';
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

const cidr = lazy(() =>
  pattern(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$|^[0-9a-fA-F:]+\/\d{1,3}$/, "a CIDR such as '10.0.0.0/16'"),
);

/** @internal The schema of HeadlampNetworkPolicyOptions. */
export const networkPolicySchema = lazy(() =>
  z.strictObject({
    apiServerCidrs: z
      .array(cidr())
      .refine((xs) => xs.length > 0, { error: 'expected at least one CIDR' })
      .optional(),
    apiServerPorts: z
      .array(port)
      .refine((xs) => xs.length > 0, { error: 'expected at least one port' })
      .optional(),
    identityProviderCidrs: z
      .array(cidr())
      .refine((xs) => xs.length > 0, { error: 'expected at least one CIDR' })
      .optional(),
    unsafeAllowAllEgress: bool.optional(),
    unsafeDisable: bool.optional(),
  }),
);

/**
 * @internal The NetworkPolicy (none by the unsafe name). Its ingress is read at synth time: the Ingress and proxy
 * constructs in front contribute their peers after Headlamp is built.
 */
export function headlampNetworkPolicy(
  scope: Construct,
  names: ObjectNames,
  o: HeadlampNetworkPolicyOptions,
  oidc: boolean,
  pod: MergedPod,
  ingress: () => readonly Required<IngressPeer>[],
): k8s.KubeNetworkPolicy | undefined {
  if (o.unsafeDisable) return undefined;
  return new k8s.KubeNetworkPolicy(scope, 'NetworkPolicy', {
    metadata: { name: names.name, labels: names.labels },
    spec: {
      podSelector: { matchLabels: names.selectorLabels },
      policyTypes: ['Ingress', 'Egress'],
      ingress: Lazy.any({ produce: () => ingressRules(ingress()) }) as unknown as k8s.NetworkPolicyIngressRule[],
      egress: o.unsafeAllowAllEgress ? [{}] : [...egressRules(o, oidc), ...pod.egress],
    },
  });
}

/**
 * One rule admitting every peer of Headlamp's port, then one per peer of another port (an Ingress path to a sidecar).
 */
function ingressRules(peers: readonly Required<IngressPeer>[]): k8s.NetworkPolicyIngressRule[] {
  const own = peers.filter((x) => x.port === HEADLAMP_PORT).map((x) => x.peer);
  return [
    ...(own.length === 0 ? [] : [{ from: own, ports: [tcp(HEADLAMP_PORT)] }]),
    ...peers.filter((x) => x.port !== HEADLAMP_PORT).map(({ peer, port }) => ({ from: [peer], ports: [tcp(port)] })),
  ];
}

/** DNS to kube-dns, the API server (and the IdP) on their ports. */
function egressRules(o: HeadlampNetworkPolicyOptions, oidc: boolean): k8s.NetworkPolicyEgressRule[] {
  const to = (cidrs?: string[]) => cidrs?.map((c) => ({ ipBlock: { cidr: c } }));
  const rules: k8s.NetworkPolicyEgressRule[] = [
    dnsEgress(),
    { to: to(o.apiServerCidrs), ports: (o.apiServerPorts ?? [443, 6443]).map(tcp) },
  ];
  if (oidc) rules.push({ to: to(o.identityProviderCidrs), ports: [tcp(443)] });
  return rules;
}

/**
 * `<service>.<namespace>.svc`, optionally `.cluster.local`: an in-cluster Service, whose pods live in `<namespace>`.
 */
const SERVICE_HOST = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.svc(\.cluster\.local)?$/;

/**
 * @internal An egress rule to `host` on TCP `port`, as narrow as a NetworkPolicy can name it: an IP address as a /32
 * (/128), an in-cluster Service name (`<svc>.<ns>.svc[.cluster.local]`) as its namespace, any other name as any
 * address (policies cannot name hosts). The port is the pod's: a Service that maps its port to another targetPort
 * needs that port instead.
 */
export function egressToHost(host: string, port: number): k8s.NetworkPolicyEgressRule {
  const bare = host.replace(/^\[|\]$/g, '');
  const service = SERVICE_HOST.exec(host);
  const to: k8s.NetworkPolicyPeer[] | undefined = /^(\d{1,3}\.){3}\d{1,3}$/.test(bare)
    ? [{ ipBlock: { cidr: `${bare}/32` } }]
    : bare.includes(':')
      ? [{ ipBlock: { cidr: `${bare}/128` } }]
      : service
        ? [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': service[2] } } }]
        : undefined;
  return { to, ports: [tcp(port)] };
}

/** A TCP port of a rule: a number, or a container port's name. */
function tcp(port: number | string): k8s.NetworkPolicyPort {
  return {
    port: typeof port === 'number' ? k8s.IntOrString.fromNumber(port) : k8s.IntOrString.fromString(port),
    protocol: 'TCP',
  };
}
