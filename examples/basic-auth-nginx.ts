// A username/password gate at ingress-nginx in front of Headlamp. Users still log in to Kubernetes
// behind it (here: token login).
// NOTE: community ingress-nginx was retired in March 2026 (no security fixes). Prefer basic-auth-traefik.ts.
import { App, Chart } from 'cdk8s';
import {
  BasicAuthCredentials,
  BasicAuthIngress,
  HeadlampDeployment,
  IngressController,
  IngressTls,
} from 'cdk8s-headlamp';

const app = new App();
const chart = new Chart(app, 'basic-auth-nginx', { namespace: 'headlamp', disableResourceNameHashes: true });

const headlamp = new HeadlampDeployment(chart, 'headlamp');

new BasicAuthIngress(chart, 'ingress', {
  headlamp,
  controller: IngressController.INGRESS_NGINX,
  hosts: ['headlamp.example.com'],
  tls: IngressTls.certManager('letsencrypt'),
  realm: 'Headlamp',
  // Pre-hashed lines (never plaintext): replace with your own, e.g. `htpasswd -nBC 8 alice`.
  // Or read passwords at synth time: BasicAuthCredentials.hashAtSynth({ users, hashKey }).
  credentials: BasicAuthCredentials.fromHtpasswdLines([
    'alice:$2b$08$c5xTiWEgEdpOL3au.rHA1efPMtpRqE7GqcVCxiab3GqV4BXOQuZR6',
    'bob:$2b$08$.DDoOXhR.vr0ptjVmAxBkOp594X8ODxmhXgdPavluepReExTaTzBy',
  ]),
});

app.synth();
