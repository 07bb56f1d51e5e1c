/**
 * A Kubernetes API server as far as an informer needs it, on loopback: the real Traefik's Kubernetes providers
 * (kubernetesIngress, kubernetesCRD, kubernetesGateway) list and watch the objects the library synthesized (plus the
 * cluster objects a test adds: Services' EndpointSlices, an IngressClass, a Gateway) through client-go, so Traefik's
 * own translation code builds its routers. Lists answer every object of the collection; a watch answers the initial
 * events when asked for them (`sendInitialEvents`, client-go's WatchList) and then stays open; a status update is
 * accepted as sent. Every collection the providers watch answers (empty when it holds none of that kind: a list's kind
 * must be one client-go knows). Other paths answer 404 and are recorded in `misses` for a test's diagnostics.
 */
import * as http from 'node:http';
import { AddressInfo } from 'node:net';

/** Plural resource names of the kinds the providers watch. */
const PLURAL: Record<string, string> = {
  Ingress: 'ingresses',
  IngressClass: 'ingressclasses',
  Service: 'services',
  EndpointSlice: 'endpointslices',
  Secret: 'secrets',
  ConfigMap: 'configmaps',
  Node: 'nodes',
  Namespace: 'namespaces',
  Middleware: 'middlewares',
  MiddlewareTCP: 'middlewaretcps',
  IngressRoute: 'ingressroutes',
  IngressRouteTCP: 'ingressroutetcps',
  IngressRouteUDP: 'ingressrouteudps',
  TLSOption: 'tlsoptions',
  TLSStore: 'tlsstores',
  TraefikService: 'traefikservices',
  ServersTransport: 'serverstransports',
  ServersTransportTCP: 'serverstransporttcps',
  Gateway: 'gateways',
  GatewayClass: 'gatewayclasses',
  HTTPRoute: 'httproutes',
  GRPCRoute: 'grpcroutes',
  ReferenceGrant: 'referencegrants',
  BackendTLSPolicy: 'backendtlspolicies',
  TCPRoute: 'tcproutes',
  TLSRoute: 'tlsroutes',
};

export interface FakeApiServer {
  readonly url: string;
  readonly misses: string[];
  stop(): Promise<void>;
}

/** The collection path segments of `apiVersion` (`/api/v1` or `/apis/<group>/<version>`). */
function apiRoot(apiVersion: string): string {
  return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

/** Starts the server with `objects` (each with apiVersion, kind, metadata.name, and namespace if namespaced). */
export function startFakeApiServer(objects: any[]): Promise<FakeApiServer> {
  const misses: string[] = [];
  const watches = new Set<http.ServerResponse>();
  const stored = objects.map((o, i) => ({
    ...o,
    metadata: { uid: `uid-${i}`, resourceVersion: '1', creationTimestamp: '2026-01-01T00:00:00Z', ...o.metadata },
  }));
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    const items = collection(stored, url.pathname);
    if (req.method === 'PUT' || req.method === 'PATCH') {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => res.writeHead(200, { 'Content-Type': 'application/json' }).end(body || '{}'));
      return;
    }
    if (!items) {
      misses.push(`${req.method} ${req.url}`);
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 }));
      return;
    }
    const selected = items.list.filter((o) => labelsMatch(o, url.searchParams.get('labelSelector')));
    if (url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
      if (url.searchParams.get('sendInitialEvents') === 'true') {
        for (const o of selected) res.write(`${JSON.stringify({ type: 'ADDED', object: o })}\n`);
        res.write(
          `${JSON.stringify({
            type: 'BOOKMARK',
            object: {
              kind: items.kind,
              apiVersion: items.apiVersion,
              metadata: { resourceVersion: '1', annotations: { 'k8s.io/initial-events-end': 'true' } },
            },
          })}\n`,
        );
      }
      watches.add(res);
      res.on('close', () => watches.delete(res));
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const metadata = { resourceVersion: '1' };
    const list = { kind: `${items.kind}List`, apiVersion: items.apiVersion, metadata, items: selected };
    res.end(JSON.stringify(list));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        misses,
        stop: () =>
          new Promise<void>((done) => {
            for (const w of watches) w.destroy();
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    ),
  );
}

/** The objects of the collection at `pathname` (cluster-wide or one namespace's), or undefined for another path. */
function collection(objects: any[], pathname: string): { kind: string; apiVersion: string; list: any[] } | undefined {
  const m = /^\/(?:api\/(v1)|apis\/([^/]+\/[^/]+))(?:\/namespaces\/([^/]+))?\/([a-z]+)$/.exec(pathname);
  if (!m) return undefined;
  const [, core, grouped, namespace, plural] = m;
  const apiVersion = core ?? grouped;
  const kind = Object.keys(PLURAL).find((k) => PLURAL[k] === plural);
  if (!kind) return undefined;
  return {
    kind,
    apiVersion,
    list: objects.filter(
      (o) =>
        apiRoot(o.apiVersion) === apiRoot(apiVersion) &&
        o.kind === kind &&
        (namespace === undefined || o.metadata.namespace === namespace),
    ),
  };
}

/** Whether `o` matches a label selector of the forms the providers send (`k=v`, `k!=v`, comma-separated). */
function labelsMatch(o: any, selector: string | null): boolean {
  const labels = o.metadata.labels ?? {};
  return (selector ?? '')
    .split(',')
    .filter(Boolean)
    .every((term) => {
      const [k, v] = term.split(/!?=/);
      return term.includes('!=') ? labels[k] !== v : labels[k] === v;
    });
}
