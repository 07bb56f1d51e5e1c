// Headlamp behind Gateway API instead of an Ingress (ingress-nginx is retired; Gateway API is the
// maintained path). TLS terminates on the Gateway's HTTPS listener `websecure`, owned by the platform team.
import { App, Chart } from 'cdk8s';
import { HeadlampDeployment, HeadlampHttpRoute, IngressControllerPeer } from 'cdk8s-headlamp';

const app = new App();
const chart = new Chart(app, 'gateway-api', { namespace: 'headlamp', disableResourceNameHashes: true });

const headlamp = new HeadlampDeployment(chart, 'headlamp');

new HeadlampHttpRoute(chart, 'route', {
  headlamp,
  hostnames: ['headlamp.example.com'],
  gateway: { name: 'public', namespace: 'gateways', sectionName: 'websecure' }, // the HTTPS listener
  gatewayPeer: IngressControllerPeer.traefik('traefik'), // Traefik serves the Gateway; only it reaches Headlamp
});

app.synth();
