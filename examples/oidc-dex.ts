// Headlamp with Dex login. In Dex's config, add a static client:
//   staticClients: [{ id: headlamp, redirectURIs: ['https://headlamp.example.com/oidc-callback'], secretEnv: ... }]
// The same issuer is usually the API server's --oidc-issuer-url, so Kubernetes accepts the ID token.
import { App, Chart } from 'cdk8s';
import {
  ApiServerAuthentication,
  HeadlampAuth,
  HeadlampDeployment,
  HeadlampIngress,
  IngressController,
  IngressTls,
  LoginRole,
  OidcClientSecret,
  OidcConfig,
  UserAccess,
} from 'cdk8s-headlamp';

const app = new App();
const chart = new Chart(app, 'oidc-dex', { namespace: 'headlamp', disableResourceNameHashes: true });

const headlamp = new HeadlampDeployment(chart, 'headlamp', {
  auth: HeadlampAuth.oidc(
    OidcConfig.dex({
      issuerUrl: 'https://dex.example.com',
      clientId: 'headlamp',
      clientSecret: OidcClientSecret.fromSecret('headlamp-oidc'), // key `client-secret`
      publicUrl: 'https://headlamp.example.com',
      // scopes default to profile, email, groups: Dex only puts groups in the token when asked.
    }),
  ),
});

new HeadlampIngress(chart, 'ingress', {
  headlamp,
  hosts: ['headlamp.example.com'],
  controller: IngressController.TRAEFIK,
  tls: IngressTls.fromSecret('headlamp-example-com-tls'), // an existing kubernetes.io/tls Secret
});

// Per-user access: Dex's `groups` claim, mapped by the API server as `oidc:<group>` (the same mapping the
// API server files below carry). Platform engineers edit in their namespaces, everyone in `developers` views.
new UserAccess(chart, 'access', {
  headlamp,
  grants: [
    { groups: ['developers'] }, // LoginRole.view() cluster-wide
    { groups: ['platform'], role: LoginRole.edit(), namespaces: ['platform', 'monitoring'] },
  ],
});
new ApiServerAuthentication(chart, 'api-server', { headlamp });

// Writes the manifests (dist/) and, for the cluster operator, the API server's half (issuer, audience, claim
// mapping) into cluster-config/ beside them, never among them. See its README.md for self-managed, kind, EKS, AKS and GKE.
app.synth();
