// A production starting point: OIDC login (Keycloak, PKCE, secret from a Secret), TLS from cert-manager,
// three replicas spread across nodes and zones with a PodDisruptionBudget, a NetworkPolicy narrowed to the
// real API server and IdP addresses, and read-only login identities for the cluster's users. Headlamp keeps each
// OIDC login in the pod that started it, so the Service carries Traefik's sticky cookie (README, OIDC). Prometheus
// scrapes Headlamp's metrics through a PodMonitor (never through the Ingress), and traces go to an OpenTelemetry
// collector in the cluster (README, Metrics and tracing). Copy it, then replace every example.com value and CIDR with yours.
import { App, Chart, Duration } from 'cdk8s';
import {
  ApiServerAuthentication,
  HeadlampAuth,
  HeadlampDeployment,
  HeadlampIngress,
  HeadlampMetrics,
  HeadlampTracing,
  IngressControllerPeer,
  IngressTls,
  LoginRole,
  OidcClientSecret,
  OidcConfig,
  PrometheusPeer,
  UserAccess,
} from 'cdk8s-headlamp';

const app = new App();
const chart = new Chart(app, 'production', {
  namespace: 'headlamp',
  disableResourceNameHashes: true,
  labels: { 'app.kubernetes.io/part-of': 'platform-tools' }, // reaches every object
});

const headlamp = new HeadlampDeployment(chart, 'headlamp', {
  replicas: 3, // HA: PDB (maxUnavailable 1), spread over nodes and zones, surge-only rollouts, one pod per browser
  sessionTtl: Duration.hours(8),
  resources: {
    requests: { cpu: '100m', memory: '192Mi' },
    limits: { cpu: '1', memory: '512Mi' },
  },
  auth: HeadlampAuth.oidc(
    OidcConfig.keycloak({
      host: 'sso.example.com',
      realm: 'platform',
      clientId: 'headlamp',
      clientSecret: OidcClientSecret.fromSecret('headlamp-oidc', 'client-secret'),
      publicUrl: 'https://headlamp.example.com',
    }),
  ),
  networkPolicy: {
    // `kubectl get endpoints kubernetes -o wide` lists the API server addresses and port.
    apiServerCidrs: ['10.0.0.10/32', '10.0.0.11/32', '10.0.0.12/32'],
    apiServerPorts: [443, 6443],
    identityProviderCidrs: ['203.0.113.20/32'], // sso.example.com
  },
  priorityClassName: 'platform-critical',
  // Metrics at /metrics on Headlamp's port: a PodMonitor that kube-prometheus-stack's Prometheus selects (its release
  // label); the NetworkPolicy lets only that Prometheus's pods in, and the Ingress below refuses /metrics.
  metrics: HeadlampMetrics.podMonitor({
    prometheus: PrometheusPeer.operator('monitoring', 'kube-prometheus-stack-prometheus'), // `kubectl get prometheus -A`
    labels: { release: 'kube-prometheus-stack' },
    interval: Duration.seconds(30),
  }),
  // Spans over OTLP/gRPC (Headlamp dials in plain text: keep the collector in the cluster); egress to its namespace, port 4317.
  tracing: HeadlampTracing.otlpGrpc('otel-collector.observability.svc:4317'),
});

new HeadlampIngress(chart, 'ingress', {
  headlamp,
  hosts: ['headlamp.example.com'],
  tls: IngressTls.certManager('letsencrypt-prod'),
  ingressControllerPeer: IngressControllerPeer.traefik('traefik'), // only Traefik's pods may reach Headlamp
});

// Per-user access: groups as Keycloak sends them ('/sre'), prefixed 'oidc:' by the API server, as UserAccess binds.
new UserAccess(chart, 'access', {
  headlamp,
  grants: [
    { groups: ['/engineering'] },
    { groups: ['/sre'], role: LoginRole.edit(), namespaces: ['apps', 'monitoring'] },
  ],
});
new ApiServerAuthentication(chart, 'api-server', { headlamp });

// Writes the manifests (dist/) and, for the cluster operator, the API server's half (issuer, audience, claim
// mapping) into cluster-config/ beside them, never among them. See its README.md for self-managed, kind, EKS, AKS and GKE.
app.synth();
