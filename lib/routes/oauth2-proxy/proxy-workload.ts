// oauth2-proxy's workload: ServiceAccount, hardened Deployment, Service, PodDisruptionBudget and its own NetworkPolicy.
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { HEADLAMP_PORT } from '../../core/headlamp-flags';
import { dnsEgress, hardenedSecurityContexts } from '../../core/metadata';
import { ProxyConfig } from './proxy-config';
import { FrontendProps, OAUTH2_PROXY_PORT, OAUTH2_PROXY_VERSION } from './props';

/** @internal Names and labels of oauth2-proxy's objects. */
export interface ProxyIdentity {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly selector: Record<string, string>;
}

/**
 * @internal
 * ServiceAccount (no token), Deployment with the official oauth2-proxy chart's user, Service, and with 2+
 * replicas a PodDisruptionBudget keeping one up; created in `scope` in that order.
 */
export function proxyWorkload(
  scope: Construct,
  p: FrontendProps,
  id: ProxyIdentity,
  config: ProxyConfig,
): { deployment: k8s.KubeDeployment; service: k8s.KubeService } {
  const { name, labels, selector } = id;
  const sa = new k8s.KubeServiceAccount(scope, 'ServiceAccount', {
    metadata: { name, labels },
    automountServiceAccountToken: false,
  });
  const replicas = p.replicas ?? 1;
  // The official oauth2-proxy chart's user and group.
  const hardened = hardenedSecurityContexts({ runAsUser: 2000, runAsGroup: 2000, fsGroup: 2000 });
  const deployment = new k8s.KubeDeployment(scope, 'Deployment', {
    metadata: { name, labels },
    spec: {
      replicas,
      selector: { matchLabels: selector },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: sa.name,
          automountServiceAccountToken: false,
          securityContext: hardened.pod,
          containers: [
            {
              name: 'oauth2-proxy',
              image: `quay.io/oauth2-proxy/oauth2-proxy:${p.imageTag ?? `v${OAUTH2_PROXY_VERSION}`}`,
              imagePullPolicy: 'IfNotPresent',
              args: config.args,
              env: config.env,
              ports: [{ name: 'http', containerPort: OAUTH2_PROXY_PORT, protocol: 'TCP' }],
              livenessProbe: {
                httpGet: { path: '/ping', port: k8s.IntOrString.fromString('http') },
                periodSeconds: 10,
                timeoutSeconds: 5,
              },
              readinessProbe: {
                httpGet: { path: '/ready', port: k8s.IntOrString.fromString('http') },
                periodSeconds: 10,
                timeoutSeconds: 5,
              },
              resources: {
                requests: { cpu: k8s.Quantity.fromString('50m'), memory: k8s.Quantity.fromString('64Mi') },
                limits: { cpu: k8s.Quantity.fromString('500m'), memory: k8s.Quantity.fromString('256Mi') },
              },
              securityContext: hardened.container,
              volumeMounts: config.mounts.length ? config.mounts : undefined,
            },
          ],
          volumes: config.volumes.length ? config.volumes : undefined,
        },
      },
    },
  });
  const service = new k8s.KubeService(scope, 'Service', {
    metadata: { name, labels },
    spec: {
      type: 'ClusterIP',
      selector,
      ports: [
        {
          name: 'http',
          port: OAUTH2_PROXY_PORT,
          targetPort: k8s.IntOrString.fromString('http'),
          protocol: 'TCP',
          appProtocol: 'http',
        },
      ],
    },
  });
  if (replicas > 1) {
    new k8s.KubePodDisruptionBudget(scope, 'PodDisruptionBudget', {
      metadata: { name, labels },
      spec: { minAvailable: k8s.IntOrString.fromNumber(1), selector: { matchLabels: selector } },
    });
  }
  return { deployment, service };
}

/**
 * @internal
 * oauth2-proxy's NetworkPolicy: in, only from the ingress controller (`peer`); out, DNS, the identity provider
 * over HTTPS, Headlamp's pods in reverse-proxy mode, and Redis when sessions live there.
 */
export function proxyNetworkPolicy(
  scope: Construct,
  p: FrontendProps,
  id: ProxyIdentity,
  peer: k8s.NetworkPolicyPeer,
  forward: boolean,
): void {
  new k8s.KubeNetworkPolicy(scope, 'NetworkPolicy', {
    metadata: { name: id.name, labels: id.labels },
    spec: {
      podSelector: { matchLabels: id.selector },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [peer], ports: [{ port: k8s.IntOrString.fromNumber(OAUTH2_PROXY_PORT), protocol: 'TCP' }] }],
      egress: [
        dnsEgress(),
        // The identity provider (discovery, token, JWKS) over HTTPS.
        {
          to: p.identityProviderCidrs?.map((cidr) => ({ ipBlock: { cidr } })),
          ports: [{ port: k8s.IntOrString.fromNumber(443), protocol: 'TCP' }],
        },
        // The upstream, in reverse-proxy mode: Headlamp's pods only.
        ...(forward
          ? []
          : [
              {
                to: [{ podSelector: { matchLabels: p.headlamp.selectorLabels } }],
                ports: [{ port: k8s.IntOrString.fromNumber(HEADLAMP_PORT), protocol: 'TCP' }],
              },
            ]),
        // Redis sessions, when configured.
        ...(p.redisConnectionUrl
          ? [{ ports: [{ port: k8s.IntOrString.fromNumber(p.redisPort ?? 6379), protocol: 'TCP' }] }]
          : []),
      ],
    },
  });
}
