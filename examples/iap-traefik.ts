// Headlamp's identity-aware-proxy mode behind Traefik v3 + oauth2-proxy (forward auth).
// Traefik asks oauth2-proxy's /oauth2/auth on every request; oauth2-proxy's alpha config answers with the
// identity headers Headlamp's -proxy-auth-*-header flags name (one typed list drives all three sides).
// Spoofing: a headers Middleware blanks the identity headers first, forwardAuth then sets exactly those
// from the auth response, and a NetworkPolicy lets only Traefik reach Headlamp.
// Sign-in: forwardAuth's authSigninURL (Traefik v3.7+) sends a browser without a session to /oauth2/start;
// refreshed session cookies reach the browser through addAuthCookiesToResponse. On Traefik v3.0-3.6 set
// traefikSignIn: TraefikSignIn.ERRORS_PAGE.
// Register at the IdP: https://headlamp.example.com/oauth2/callback.
import { App, Chart } from 'cdk8s';
import {
  ApiServerAuthentication,
  HeadlampAuth,
  HeadlampDeployment,
  IngressController,
  IngressControllerPeer,
  IngressTls,
  LoginRole,
  OAuth2ProxyFrontend,
  OAuth2ProxyMode,
  OAuth2ProxyProvider,
  UserAccess,
} from 'cdk8s-headlamp';

const app = new App();
const chart = new Chart(app, 'iap-traefik', { namespace: 'headlamp', disableResourceNameHashes: true });

const headlamp = new HeadlampDeployment(chart, 'headlamp', {
  auth: HeadlampAuth.identityAwareProxy(), // X-Forwarded-User/-Group/-Email/-Id-Token
});

new OAuth2ProxyFrontend(chart, 'oauth2-proxy', {
  headlamp,
  mode: OAuth2ProxyMode.FORWARD_AUTH,
  // ID tokens live 5 minutes in Keycloak by default: the session (and the forwarded token) is refreshed every 4.
  provider: OAuth2ProxyProvider.keycloakOidc('https://sso.example.com/realms/platform'),
  credentialsSecret: 'headlamp-oauth2-proxy',
  clientId: 'headlamp-proxy', // not a secret; the API server names it as the audience of the forwarded ID token
  emailDomains: ['example.com'],
  // Keycloak's "Group Membership" mapper sends full paths by default: '/platform-team', not 'platform-team'.
  allowedGroups: ['/platform-team'],
  hosts: ['headlamp.example.com'],
  controller: IngressController.TRAEFIK,
  ingressControllerPeer: IngressControllerPeer.traefik('traefik'), // who may reach Headlamp and oauth2-proxy
  tls: IngressTls.certManager('letsencrypt'),
});

// Per-user access: Headlamp forwards oauth2-proxy's ID token (X-Forwarded-Id-Token) to the API server.
new UserAccess(chart, 'access', {
  headlamp,
  grants: [
    { groups: ['/platform-team'], role: LoginRole.edit(), namespaces: ['platform'] },
    { groups: ['/developers'] },
  ],
});
new ApiServerAuthentication(chart, 'api-server', { headlamp });

// Writes the manifests (dist/) and, for the cluster operator, the API server's half (issuer, audience, claim
// mapping) into cluster-config/ beside them, never among them. See its README.md for self-managed, kind, EKS, AKS and GKE.
app.synth();
