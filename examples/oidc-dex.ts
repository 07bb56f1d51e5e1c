// Headlamp with Dex login. In Dex's config, add a static client:
//   staticClients: [{ id: headlamp, redirectURIs: ['https://headlamp.example.com/oidc-callback'], secretEnv: ... }]
// The same issuer is usually the API server's --oidc-issuer-url, so Kubernetes accepts the ID token.
import { App, Chart } from 'cdk8s';
import {
  HeadlampAuth, HeadlampDeployment, HeadlampIngress, IngressController, IngressTls, OidcClientSecret, OidcConfig,
} from 'cdk8s-headlamp';

const app = new App();
const chart = new Chart(app, 'oidc-dex', { namespace: 'headlamp', disableResourceNameHashes: true });

const headlamp = new HeadlampDeployment(chart, 'headlamp', {
  auth: HeadlampAuth.oidc(OidcConfig.dex({
    issuerUrl: 'https://dex.example.com',
    clientId: 'headlamp',
    clientSecret: OidcClientSecret.fromSecret('headlamp-oidc'), // key `client-secret`
    publicUrl: 'https://headlamp.example.com',
    // scopes default to profile, email, groups: Dex only puts groups in the token when asked.
  })),
});

new HeadlampIngress(chart, 'ingress', {
  headlamp,
  hosts: ['headlamp.example.com'],
  controller: IngressController.TRAEFIK,
  tls: IngressTls.fromSecret('headlamp-example-com-tls'), // an existing kubernetes.io/tls Secret
});

app.synth();
