// Every default of HeadlampDeployment written out, with the reason for it. Deleting any line below
// gives the same manifests: this file is documentation you can run.
import { App, Chart, Duration } from 'cdk8s';
import {
  HeadlampAuth,
  HeadlampDeployment,
  ImagePullPolicy,
  LoginRole,
  LoginServiceAccount,
  ServiceType,
} from 'cdk8s-headlamp';

const app = new App();
const chart = new Chart(app, 'hardened-defaults', {
  namespace: 'headlamp',
  disableResourceNameHashes: true,
});

new HeadlampDeployment(chart, 'headlamp', {
  name: 'headlamp',
  image: {
    registry: 'ghcr.io',
    repository: 'headlamp-k8s/headlamp',
    tag: 'v0.45.0', // pinned: flags are gated on this version, and `latest` is refused
    pullPolicy: ImagePullPolicy.IF_NOT_PRESENT, // a pinned tag never needs a re-pull
  },
  replicas: 1,
  pluginsDir: '/headlamp/plugins',
  auth: HeadlampAuth.serviceAccountToken(), // users paste a token; the pod itself holds no RBAC
  resources: {
    requests: { cpu: '100m', memory: '128Mi' }, // Headlamp idles at ~30 MiB; this leaves headroom
    limits: { cpu: '1', memory: '512Mi' }, // bounds a runaway pod without throttling page loads
  },
  service: {
    type: ServiceType.CLUSTER_IP, // never plain HTTP outside the cluster: put TLS in front
    port: 80,
  },
  security: {
    runAsUser: 100, // the image's `headlamp` user
    runAsGroup: 101,
    fsGroup: 101,
    // Each of these is false unless you name it: the defaults are runAsNonRoot, a read-only root
    // filesystem (with an emptyDir at /tmp), allowPrivilegeEscalation false, capabilities drop ALL,
    // and seccomp RuntimeDefault.
    unsafeAllowRunAsRoot: false,
    unsafeWritableRootFilesystem: false,
    unsafeAllowPrivilegeEscalation: false,
  },
  livenessProbe: { periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
  readinessProbe: { periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
});

new LoginServiceAccount(chart, 'viewer', {
  name: 'headlamp-login',
  role: LoginRole.view(), // least privilege; LoginRole.clusterAdmin() only by name
  tokenDuration: Duration.hours(8), // the lifetime in the printed `kubectl create token` command
  unsafeCreateLongLivedTokenSecret: false, // tokens are minted on demand, never stored
});

app.synth();
