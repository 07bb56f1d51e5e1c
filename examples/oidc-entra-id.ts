// Headlamp with Azure Entra ID login (AKS). In the app registration:
//   Authentication > Web > Redirect URI: https://headlamp.example.com/oidc-callback
//   API permissions: Microsoft Graph > User.Read (delegated)
// The preset sets what Entra needs: Graph user.read scope, access tokens, validator audience and
// issuer (https://sts.windows.net/<tenant>/), PKCE.
import { App, Chart } from 'cdk8s';
import {
  ApiServerAuthentication,
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
const chart = new Chart(app, 'oidc-entra-id', { namespace: 'headlamp', disableResourceNameHashes: true });

const headlamp = new HeadlampDeployment(chart, 'headlamp', {
  auth: HeadlampAuth.oidc(
    OidcConfig.entraId({
      tenantId: '11111111-2222-3333-4444-555555555555',
      clientId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
      clientSecret: OidcClientSecret.fromSecret('headlamp-entra', 'client-secret'),
      publicUrl: 'https://headlamp.example.com',
    }),
  ),
});

new HeadlampIngress(chart, 'ingress', {
  headlamp,
  hosts: ['headlamp.example.com'],
  tls: IngressTls.certManager('letsencrypt'),
});

// Per-user access on AKS: Entra puts group object IDs (not names) in the groups claim; AKS maps them, and users by
// UPN, without a prefix.
new UserAccess(chart, 'access', {
  headlamp,
  grants: [
    { groups: ['99999999-8888-7777-6666-555555555555'] }, // the "Platform" group's object ID, view
    { users: ['alice@example.com'], role: LoginRole.edit(), namespaces: ['apps'] }, // by UPN
  ],
});
new ApiServerAuthentication(chart, 'api-server', { headlamp }); // its README says: AKS-managed Entra ID needs no files

// Writes the manifests (dist/) and, for the cluster operator, the API server's half (issuer, audience, claim
// mapping) into cluster-config/ beside them, never among them. See its README.md for self-managed, kind, EKS, AKS and GKE.
app.synth();
