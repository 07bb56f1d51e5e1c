// The shortest hardened Headlamp: Deployment + NetworkPolicy, an Ingress with TLS and HSTS, and a
// read-only login ServiceAccount. Mint a login token with:
//   kubectl create token headlamp-login -n headlamp --duration=8h
import { App } from 'cdk8s';
import { HeadlampChart, IngressTls } from 'cdk8s-headlamp';

const app = new App();
new HeadlampChart(app, 'quickstart', {
  namespace: 'headlamp',
  host: 'headlamp.example.com',
  tls: IngressTls.certManager('letsencrypt'),
});
app.synth();
