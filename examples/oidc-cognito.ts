// Headlamp with AWS Cognito login (EKS), served under /headlamp. In the user pool's app client:
//   Allowed callback URL: https://tools.example.com/headlamp/oidc-callback
//   OAuth scopes: openid, email, profile
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
const chart = new Chart(app, 'oidc-cognito', { namespace: 'headlamp', disableResourceNameHashes: true });

const headlamp = new HeadlampDeployment(chart, 'headlamp', {
  baseUrl: '/headlamp', // probes, the ingress path and the callback URL follow it
  auth: HeadlampAuth.oidc(
    OidcConfig.cognito({
      region: 'eu-west-1',
      userPoolId: 'eu-west-1_AbCdEf123',
      clientId: '1example23456789',
      clientSecret: OidcClientSecret.fromSecret('headlamp-cognito'),
      publicUrl: 'https://tools.example.com',
    }),
  ),
});

new HeadlampIngress(chart, 'ingress', {
  headlamp,
  hosts: ['tools.example.com'],
  tls: IngressTls.certManager('letsencrypt'),
});

// Per-user access on EKS: Cognito puts groups in `cognito:groups`; the EKS identity provider config maps them.
new UserAccess(chart, 'access', {
  headlamp,
  grants: [{ groups: ['platform-admins'], role: LoginRole.admin(), namespaces: ['tools'] }],
});
new ApiServerAuthentication(chart, 'api-server', { headlamp, eksConfigName: 'headlamp-cognito' });

// Writes the manifests (dist/) and, for the cluster operator, the API server's half (issuer, audience, claim
// mapping) into cluster-config/ beside them, never among them. See its README.md for self-managed, kind, EKS, AKS and GKE.
app.synth();
