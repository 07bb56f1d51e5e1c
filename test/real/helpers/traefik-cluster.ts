/**
 * What the real Traefik needs around the library's objects to run its Kubernetes providers against the fake API
 * server (helpers/fake-api-server.ts): the cluster objects, the provider flags, and a wait for its configuration.
 */
import { FakeApiServer } from './fake-api-server';
import { request, Running } from './processes';

/** The cluster around the library's objects: IngressClass, namespaces, Gateway, the stand-in's EndpointSlice. */
export function cluster(port: number, standIn: number): any[] {
  const listener = { name: 'websecure', port, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } };
  return [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'traefik' },
      spec: { controller: 'traefik.io/ingress-controller' },
    },
    ...['headlamp', 'gateways'].map((name) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
    })),
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: 'traefik' },
      spec: { controllerName: 'traefik.io/gateway-controller' },
    },
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'public', namespace: 'gateways' },
      spec: { gatewayClassName: 'traefik', listeners: [listener] },
    },
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'headlamp-x1', namespace: 'headlamp', labels: { 'kubernetes.io/service-name': 'headlamp' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['127.0.0.1'], conditions: { ready: true, serving: true, terminating: false } }],
      ports: [{ name: 'http', port: standIn, protocol: 'TCP' }],
    },
  ];
}

/** Traefik's three Kubernetes providers on the fake API server (no dashboard: its files are not in the module zip). */
export function traefikArgs(api: FakeApiServer): string[] {
  return [
    '--api.dashboard=false',
    ...['kubernetesIngress', 'kubernetesCRD', 'kubernetesGateway'].flatMap((p) => [
      `--providers.${p}=true`,
      `--providers.${p}.endpoint=${api.url}`,
    ]),
  ];
}

/**
 * Waits until Traefik's API lists `n` routers from the Kubernetes providers (enabled or not) and `m` Middlewares from
 * the CRD provider (each provider publishes on its own, so the routers can come first); returns the routers.
 */
export async function configLoaded(traefik: Running & { apiPort: number }, n: number, m: number): Promise<any[]> {
  let routers: any[] = [];
  let middlewares: any[] = [];
  for (let i = 0; i < 300; i++) {
    routers = await kubernetesRouters(traefik);
    middlewares = JSON.parse(
      (await request('http', traefik.apiPort, '/api/http/middlewares?per_page=100')).body,
    ).filter((r: any) => r.provider === 'kubernetescrd');
    if (routers.length >= n && middlewares.length >= m) {
      // A router built before the Middlewares arrived is rebuilt with them: give the last update a moment.
      await new Promise((r) => setTimeout(r, 300));
      return kubernetesRouters(traefik);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const errors = traefik
    .log()
    .split('\n')
    .filter((l) => / (ERR|WRN) /.test(l))
    .slice(-30)
    .join('\n');
  throw new Error(
    `Traefik built ${routers.length} of ${n} routers, ${middlewares.length} of ${m} Middlewares: ` +
      `${JSON.stringify(routers)}\n${errors}`,
  );
}

/** The routers Traefik's API lists from its Kubernetes providers. */
async function kubernetesRouters(traefik: Running & { apiPort: number }): Promise<any[]> {
  const reply = await request('http', traefik.apiPort, '/api/http/routers?per_page=100');
  return JSON.parse(reply.body).filter((r: any) => /^kubernetes/.test(r.provider));
}
