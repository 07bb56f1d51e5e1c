// Headlamp's identity-aware-proxy mode behind ingress-nginx + oauth2-proxy (auth_request).
// NOTE: community ingress-nginx was retired in March 2026 (no security fixes); prefer iap-traefik.ts.
// auth-response-headers lists every identity header Headlamp trusts, so a client's copy is always
// replaced by oauth2-proxy's answer (or removed).
import { App, Chart } from 'cdk8s';
import {
  ApiServerAuthentication,
  HeadlampAuth,
  HeadlampDeployment,
  IngressController,
  IngressTls,
  OAuth2ProxyFrontend,
  OAuth2ProxyMode,
  OAuth2ProxyProvider,
  UserAccess,
} from 'cdk8s-headlamp';

const app = new App();
const chart = new Chart(app, 'iap-nginx', { namespace: 'headlamp', disableResourceNameHashes: true });

const headlamp = new HeadlampDeployment(chart, 'headlamp', { auth: HeadlampAuth.identityAwareProxy() });

new OAuth2ProxyFrontend(chart, 'oauth2-proxy', {
  headlamp,
  mode: OAuth2ProxyMode.FORWARD_AUTH,
  // Dex: the groups scope (Dex sends the groups claim only for it) and offline_access (refresh tokens) are requested.
  provider: OAuth2ProxyProvider.dex('https://dex.example.com'),
  credentialsSecret: 'headlamp-oauth2-proxy',
  clientId: 'headlamp-proxy', // not a secret; the API server names it as the audience of the forwarded ID token
  emailDomains: ['example.com'],
  hosts: ['headlamp.example.com'],
  controller: IngressController.INGRESS_NGINX,
  tls: IngressTls.certManager('letsencrypt'),
});

// Per-user access: Headlamp forwards oauth2-proxy's ID token (X-Forwarded-Id-Token) to the API server.
new UserAccess(chart, 'access', { headlamp, grants: [{ groups: ['developers'] }] });
new ApiServerAuthentication(chart, 'api-server', { headlamp });

// Writes the manifests (dist/) and, for the cluster operator, the API server's half (issuer, audience, claim
// mapping) into cluster-config/ beside them, never among them. See its README.md for self-managed, kind, EKS, AKS and GKE.
app.synth();
