// Headlamp with token login: people paste a short-lived token minted for a read-only ServiceAccount.
//   kubectl create token headlamp-viewer -n headlamp --duration=8h
import { App, Chart } from 'cdk8s';
import { HeadlampDeployment, LoginServiceAccount, LoginRole } from 'cdk8s-headlamp';

const app = new App();
const chart = new Chart(app, 'service-account-token', {
  namespace: 'headlamp',
  disableResourceNameHashes: true,
});

// Hardened by default: non-root 100:101, read-only root filesystem, drop ALL, RuntimeDefault seccomp.
// Headlamp's own ServiceAccount gets no RBAC; every request runs with the pasted token.
new HeadlampDeployment(chart, 'headlamp');

// The login identity: the built-in `view` ClusterRole, cluster-wide. No long-lived token Secret.
new LoginServiceAccount(chart, 'viewer', {
  name: 'headlamp-viewer',
  role: LoginRole.view(),
});

app.synth();
