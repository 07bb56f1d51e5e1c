// oauth2-proxy as a reverse proxy in front of Headlamp, with Azure Entra ID (as in the oauth2-proxy docs'
// Headlamp page). User -> Ingress -> oauth2-proxy -> Headlamp; oauth2-proxy passes the ID token as
// `Authorization: Bearer`, and Headlamp uses it for every Kubernetes API call.
// Register at Entra ID: redirect URI https://headlamp.example.com/oauth2/callback.
// Secret `headlamp-oauth2-proxy` (keys client-id, client-secret, cookie-secret) exists already;
// make the cookie secret with: openssl rand -base64 32 | tr -- '+/' '-_' | tr -d '='
import { App, Chart } from 'cdk8s';
import {
  ApiServerAuthentication,
  HeadlampDeployment,
  IngressController,
  IngressTls,
  OAuth2ProxyFrontend,
  OAuth2ProxyMode,
  OAuth2ProxyProvider,
  UserAccess,
} from 'cdk8s-headlamp';

const app = new App();
const chart = new Chart(app, 'oauth2-proxy-frontend', { namespace: 'headlamp', disableResourceNameHashes: true });

// Token login mode: the Authorization header from oauth2-proxy carries the user's token.
const headlamp = new HeadlampDeployment(chart, 'headlamp');

new OAuth2ProxyFrontend(chart, 'oauth2-proxy', {
  headlamp, // upstream derived: http://headlamp.headlamp.svc.cluster.local:80/
  mode: OAuth2ProxyMode.REVERSE_PROXY,
  provider: OAuth2ProxyProvider.entraId('11111111-2222-3333-4444-555555555555'),
  credentialsSecret: 'headlamp-oauth2-proxy',
  clientId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee', // not a secret; the API server names it as the token audience
  emailDomains: ['example.com'],
  hosts: ['headlamp.example.com'],
  controller: IngressController.TRAEFIK,
  tls: IngressTls.certManager('letsencrypt'),
  replicas: 2, // with a PodDisruptionBudget
});

// Per-user access: the API server trusts oauth2-proxy's ID tokens (audience = its client ID); users by `oid`.
new UserAccess(chart, 'access', { headlamp, grants: [{ groups: ['99999999-8888-7777-6666-555555555555'] }] });
new ApiServerAuthentication(chart, 'api-server', { headlamp });

// Writes the manifests (dist/) and, for the cluster operator, the API server's half (issuer, audience, claim
// mapping) into cluster-config/ beside them, never among them. See its README.md for self-managed, kind, EKS, AKS and GKE.
app.synth();
