// A username/password gate at Traefik v3 in front of Headlamp: a basicAuth Middleware
// (removeHeader: true, so the Basic credentials never reach Headlamp) attached to the Ingress.
// The htpasswd Secret already exists, with exactly one key `users`:
//   htpasswd -nBC 8 alice > users && kubectl -n headlamp create secret generic headlamp-users --from-file=users
import { App, Chart } from 'cdk8s';
import {
  BasicAuthCredentials,
  BasicAuthIngress,
  HeadlampDeployment,
  IngressController,
  IngressTls,
} from 'cdk8s-headlamp';

const app = new App();
const chart = new Chart(app, 'basic-auth-traefik', { namespace: 'headlamp', disableResourceNameHashes: true });

const headlamp = new HeadlampDeployment(chart, 'headlamp');

new BasicAuthIngress(chart, 'ingress', {
  headlamp,
  controller: IngressController.TRAEFIK,
  hosts: ['headlamp.example.com'],
  tls: IngressTls.certManager('letsencrypt'),
  credentials: BasicAuthCredentials.fromExistingSecret('headlamp-users'), // the construct only references it
});

app.synth();
