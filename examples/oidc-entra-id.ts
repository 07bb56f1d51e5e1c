// Headlamp with Azure Entra ID login (AKS). In the app registration:
//   Authentication > Web > Redirect URI: https://headlamp.example.com/oidc-callback
//   API permissions: Microsoft Graph > User.Read (delegated)
// The preset sets what Entra needs: Graph user.read scope, access tokens, validator audience and
// issuer (https://sts.windows.net/<tenant>/), PKCE.
import { App, Chart } from 'cdk8s';
import {
  HeadlampAuth, HeadlampDeployment, HeadlampIngress, IngressTls, OidcClientSecret, OidcConfig,
} from 'cdk8s-headlamp';

const app = new App();
const chart = new Chart(app, 'oidc-entra-id', { namespace: 'headlamp', disableResourceNameHashes: true });

const headlamp = new HeadlampDeployment(chart, 'headlamp', {
  auth: HeadlampAuth.oidc(OidcConfig.entraId({
    tenantId: '11111111-2222-3333-4444-555555555555',
    clientId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
    clientSecret: OidcClientSecret.fromSecret('headlamp-entra', 'client-secret'),
    publicUrl: 'https://headlamp.example.com',
  })),
});

new HeadlampIngress(chart, 'ingress', {
  headlamp,
  hosts: ['headlamp.example.com'],
  tls: IngressTls.certManager('letsencrypt'),
});

app.synth();
