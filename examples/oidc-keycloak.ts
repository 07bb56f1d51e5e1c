// Headlamp with Keycloak login. Register in Keycloak (confidential client `headlamp`):
//   Valid redirect URI: https://headlamp.example.com/oidc-callback
// The client secret lives in an existing Secret (e.g. written by External Secrets Operator):
//   kubectl -n headlamp create secret generic headlamp-oidc --from-literal=client-secret=...
import { App, Chart, Duration } from 'cdk8s';
import {
  ApiServerAuthentication,
  AuthenticationConfigVersion,
  HeadlampAuth,
  HeadlampDeployment,
  HeadlampIngress,
  IngressTls,
  LoginRole,
  OidcClientSecret,
  OidcConfig,
  UserAccess,
} from 'cdk8s-headlamp';

const app = new App();
const chart = new Chart(app, 'oidc-keycloak', { namespace: 'headlamp', disableResourceNameHashes: true });

const headlamp = new HeadlampDeployment(chart, 'headlamp', {
  sessionTtl: Duration.hours(8), // a working day; the auth cookie expires with it
  auth: HeadlampAuth.oidc(
    OidcConfig.keycloak({
      host: 'sso.example.com',
      realm: 'platform', // issuer https://sso.example.com/realms/platform
      clientId: 'headlamp',
      clientSecret: OidcClientSecret.fromSecret('headlamp-oidc', 'client-secret'),
      publicUrl: 'https://headlamp.example.com', // callback URL derived: <publicUrl>/oidc-callback
    }),
  ),
});

new HeadlampIngress(chart, 'ingress', {
  headlamp,
  hosts: ['headlamp.example.com'],
  tls: IngressTls.certManager('letsencrypt'), // cert-manager writes the certificate to headlamp-tls
});

// Per-user access: Keycloak's group mapper sends full paths, so groups are written '/platform-team'.
new UserAccess(chart, 'access', {
  headlamp,
  grants: [
    { groups: ['/platform-team'] },
    { users: ['oncall@example.com'], role: LoginRole.edit(), namespaces: ['apps'] },
  ],
});
// Kubernetes 1.30-1.33: AuthenticationConfigVersion.V1BETA1; 1.34+: V1 (the default).
new ApiServerAuthentication(chart, 'api-server', { headlamp, version: AuthenticationConfigVersion.V1 });

// Writes the manifests (dist/) and, for the cluster operator, the API server's half (issuer, audience, claim
// mapping) into cluster-config/ beside them, never among them. See its README.md for self-managed, kind, EKS, AKS and GKE.
app.synth();
