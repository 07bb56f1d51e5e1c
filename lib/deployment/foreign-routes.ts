// Routes to Headlamp's Service that no library construct rendered: an Ingress, a Traefik IngressRoute or a Gateway API
// route added to the app by hand reaches Headlamp around every guarantee of the library's routes (TLS, auth gates, the
// /metrics block), and the NetworkPolicy admits it all the same (it admits the controller's pods, not one route).
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

/** Kinds that send traffic to a Service: Ingress, Traefik's IngressRoutes, Gateway API routes. */
export const ROUTE_KINDS = /^(Ingress|IngressRoute(TCP|UDP)?|(HTTP|GRPC|TLS|TCP|UDP)Route)$/;

/** A Service a route sends traffic to. */
interface Backend {
  readonly name?: unknown;
  readonly namespace?: unknown;
  readonly kind?: unknown;
}

/** Every Service a route object (as JSON) sends traffic to, each with its namespace (the route's own when unset). */
function backendsOf(obj: any): Array<{ name: unknown; namespace: unknown }> {
  const spec = obj?.spec ?? {};
  const ns = obj?.metadata?.namespace;
  const services = (list: Backend[] | undefined) =>
    (list ?? [])
      .filter((b) => (b?.kind ?? 'Service') === 'Service')
      .map((b) => ({ name: b?.name, namespace: b?.namespace ?? ns }));
  if (obj?.kind === 'Ingress') {
    const paths = (spec.rules ?? []).flatMap((r: any) => r?.http?.paths ?? []);
    return [spec.defaultBackend, ...paths.map((p: any) => p?.backend)]
      .filter((b) => b?.service)
      .map((b) => ({ name: b.service.name, namespace: ns }));
  }
  if (/^IngressRoute/.test(obj?.kind)) return (spec.routes ?? []).flatMap((r: any) => services(r?.services));
  return (spec.rules ?? []).flatMap((r: any) => services(r?.backendRefs));
}

/**
 * @internal Whether route object `obj` (as JSON) sends traffic to Service `service` in `namespace`. One reading of
 * routes for the constructs and the chart migration's extraManifests.
 */
export function routesToService(obj: unknown, service: string, namespace: string): boolean {
  const o = obj as { kind?: unknown };
  return (
    typeof o?.kind === 'string' &&
    ROUTE_KINDS.test(o.kind) &&
    backendsOf(obj).some((b) => b.name === service && b.namespace === namespace)
  );
}

/**
 * @internal The route objects anywhere in the app of `scope` that send traffic to `service` in `namespace` and were
 * rendered by none of `owners` (the library's route constructs), as `Kind namespace/name at <construct path>`.
 */
export function foreignRoutes(
  scope: Construct,
  service: string,
  namespace: string,
  owners: readonly Construct[],
): string[] {
  const own = (c: Construct) => owners.some((o) => c.node.scopes.includes(o));
  return scope.node.root.node
    .findAll()
    .filter((c): c is ApiObject => c instanceof ApiObject && ROUTE_KINDS.test(c.kind) && !own(c))
    .map((c) => ({ c, json: c.toJson() }))
    .filter(({ json }) => routesToService(json, service, namespace))
    .map(({ c, json }) => `${json.kind} ${namespace}/${json.metadata?.name} ('${c.node.path}')`);
}
