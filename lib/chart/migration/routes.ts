// Migration of what puts Headlamp on the network: service, ingress (with TLS), httpRoute.
import { Chart } from 'cdk8s';
import { HeadlampDeployment } from '../../deployment/headlamp-deployment';
import { ServiceType } from '../../deployment/service';
import { HeadlampHttpRoute } from '../../routes/headlamp-http-route';
import { HeadlampIngress, IngressController, IngressExtraPath, IngressTls } from '../../routes/headlamp-ingress';
import { Migration, nonEmpty, refuse, Values, ValuesKeys } from './context';
import { coded, codedServicePort, enumMember, quote, toTs } from './starting-point';

export const ROUTES_KEYS: ValuesKeys = [
  ['props.service.extraPorts', 'service.extraServicePorts'], ['props.service', 'service'],
  ['props.hosts', 'ingress.hosts'], ['props.annotations', 'ingress.annotations'], ['props.tls', 'ingress.tls'],
];

/** service: ClusterIP, or NodePort and LoadBalancer with the opt-in. */
export function service(m: Migration): void {
  const given = m.v.service ?? {};
  const type = given.type as ServiceType | undefined;
  const outside = type === ServiceType.NODE_PORT || type === ServiceType.LOAD_BALANCER;
  if (outside && !m.options.unsafePlainHttpService) {
    refuse('service.type', `a ${type} Service exposes Headlamp over plain HTTP outside the cluster; keep ClusterIP behind an Ingress with TLS, ` +
      'or pass --unsafe-plain-http-service when TLS terminates in front of it');
  }
  m.props.service = {
    type: enumMember(ServiceType, 'ServiceType', type).value,
    port: given.port,
    annotations: nonEmpty(given.annotations) ? given.annotations : undefined,
    appProtocol: given.appProtocol || undefined,
    unsafeAllowPlainHttpExposure: outside || undefined,
    extraPorts: nonEmpty(given.extraServicePorts) ? given.extraServicePorts.map(codedServicePort) : undefined,
  };
}

type ChartPath = { path: string; type?: string; backend?: { service?: { name?: string; port?: { name?: string; number?: number } } } };

/** The Ingress paths to other backends than Headlamp at its base URL; every host must have the same paths. */
function extraPaths(m: Migration, ing: Values): IngressExtraPath[] {
  const own = m.config.baseURL || '/';
  const pathsOf = (i: number) => (ing.hosts[i].paths ?? []) as ChartPath[];
  // Each path keeps its index in the values, for refusals.
  const paths = pathsOf(0).map((p, j) => ({ p, at: `ingress.hosts[0].paths[${j}]` })).filter(({ p }) => p.path !== own || p.backend).map(({ p, at }) => {
    const svc = p.backend?.service;
    const serviceName = svc?.name?.replace(/\{\{\s*\.Release\.Name\s*\}\}/g, m.release);
    if (serviceName?.includes('{{')) refuse(`${at}.backend.service.name`, 'only {{ .Release.Name }} is understood in a service name; write the name');
    const port = svc?.port?.number ?? svc?.port?.name;
    if (port === undefined) {
      refuse(at, `a second path to Headlamp itself is not supported (Headlamp is served at its base URL ${own}); remove it, or give it a backend.service`);
    }
    return { path: p.path, pathType: (p.type as 'Prefix' | 'Exact' | undefined) ?? 'Prefix', serviceName: serviceName === m.name ? undefined : serviceName, port: port! };
  });
  (ing.hosts ?? []).forEach((_: unknown, i: number) => {
    if (JSON.stringify(pathsOf(i)) !== JSON.stringify(pathsOf(0))) refuse(`ingress.hosts[${i}].paths`, 'every host gets the same paths here; give hosts with other paths an Ingress of their own');
  });
  return paths;
}

/** ingress: a HeadlampIngress, with TLS from a Secret or cert-manager. Returns its statement in the starting point. */
export function ingress(m: Migration, chart: Chart, headlamp: HeadlampDeployment): string | undefined {
  const ing = m.v.ingress;
  if (!ing?.enabled) return undefined;
  if (!nonEmpty(ing.hosts)) {
    refuse('ingress.hosts', 'expected at least one host with ingress.enabled (the chart would render an Ingress without rules, which Kubernetes ' +
      'refuses); add hosts: [{ host: headlamp.example.com }], or set ingress.enabled: false');
  }
  const hosts: string[] = ing.hosts.map((h: { host?: string }, i: number) => h.host ||
    refuse(`ingress.hosts[${i}].host`, 'expected the host name users reach Headlamp at (the chart would route every host name to it); add host: headlamp.example.com'));
  const paths = extraPaths(m, ing);
  const secretName = ing.tls?.[0]?.secretName;
  const issuer = ing.annotations?.['cert-manager.io/cluster-issuer'];
  if (!secretName && !issuer) {
    refuse('ingress.tls', 'an Ingress without TLS would carry tokens in clear text; add ingress.tls with a secretName, or a ' +
      'cert-manager.io/cluster-issuer annotation');
  }
  const annotations = { ...ing.annotations };
  delete annotations['cert-manager.io/cluster-issuer'];
  const nginx = ing.ingressClassName === 'nginx';
  const ingressProps = {
    headlamp, hosts,
    tls: issuer ? coded(IngressTls.certManager(issuer, { secretName }), `IngressTls.certManager(${quote(issuer)}${secretName ? `, { secretName: ${quote(secretName)} }` : ''})`)
      : coded(IngressTls.fromSecret(secretName), `IngressTls.fromSecret(${quote(secretName)})`),
    controller: nginx ? IngressController.INGRESS_NGINX : IngressController.TRAEFIK,
    ingressClassName: ing.ingressClassName || undefined,
    annotations: Object.keys(annotations).length ? annotations : undefined,
    labels: nonEmpty(ing.labels) ? ing.labels : undefined,
    extraPaths: paths.length ? paths : undefined,
  };
  new HeadlampIngress(chart, 'ingress', ingressProps);
  const affinity = headlamp._sessionAffinity;
  if (affinity) {
    m.note('replicaCount', `with OIDC login and ${affinity.replicas} replicas, the Ingress keeps each browser on one pod for the session ` +
      `(cookie ${affinity.cookieName}: ${nginx ? 'ingress-nginx affinity annotations' : "Traefik's sticky cookie on the Service"}); ` +
      'Headlamp keeps a login in the memory of the pod that started it (upstream issues 4019, 5401), so without it most logins failed');
  }
  // The enum member by name, the Headlamp by its variable.
  const controllerTs = coded({}, nginx ? 'IngressController.INGRESS_NGINX' : 'IngressController.TRAEFIK');
  const statement = `new HeadlampIngress(chart, 'ingress', ${toTs({ ...ingressProps, headlamp: coded({}, 'headlamp'), controller: controllerTs })});`;
  m.note('ingress', nginx
    ? 'HTTPS redirect added (force-ssl-redirect); HSTS comes from the ingress-nginx controller\'s ConfigMap (`hsts`, on by default)'
    : 'HSTS added (a Traefik headers Middleware)');
  return statement;
}

/** httpRoute: a HeadlampHttpRoute on the Gateway's HTTPS listener. Returns its statement in the starting point. */
export function httpRoute(m: Migration, chart: Chart, headlamp: HeadlampDeployment): string | undefined {
  const route = m.v.httpRoute;
  if (!route?.enabled) return undefined;
  const ref = route.parentRefs?.[0];
  if (!ref?.sectionName) {
    refuse('httpRoute.parentRefs[0].sectionName', 'name the Gateway\'s HTTPS listener, so the route is never served on plain HTTP');
  }
  if (nonEmpty(route.rules)) refuse('httpRoute.rules', 'custom rules are not supported; the route sends the base URL to Headlamp');
  const affinity = headlamp._sessionAffinity;
  if (affinity && !m.options.gatewayProvidesSessionAffinity) {
    refuse('httpRoute.enabled', `with OIDC login and replicaCount ${affinity.replicas}, every login must come back to the pod that started it ` +
      '(Headlamp keeps it in memory: upstream issues 4019, 5401), and Gateway API\'s standard channel cannot keep a browser on one pod; ' +
      'set replicaCount: 1, or use ingress instead (it gets cookie affinity), or pass --gateway-provides-session-affinity if your Gateway ' +
      'keeps each browser on one pod (a session-persistence policy you configure)');
  }
  if (affinity) {
    m.note('httpRoute.enabled', `with OIDC login and ${affinity.replicas} replicas, your Gateway must keep each browser on one pod for the ` +
      'session (--gateway-provides-session-affinity says it does; nothing is rendered for it)');
  }
  const routeProps = {
    hostnames: route.hostnames,
    gateway: { name: ref.name, namespace: ref.namespace, sectionName: ref.sectionName, providesSessionAffinity: affinity ? true : undefined },
    labels: nonEmpty(route.labels) ? route.labels : undefined,
  };
  new HeadlampHttpRoute(chart, 'route', { headlamp, ...routeProps });
  return `new HeadlampHttpRoute(chart, 'route', { headlamp, ...${toTs(routeProps)} });`;
}

/** Neither ingress nor httpRoute: with OIDC login and 2+ replicas, a note that the route of the user's own must keep a browser on one pod. */
export function ownRoute(m: Migration, _chart: Chart, headlamp: HeadlampDeployment): undefined {
  const affinity = headlamp._sessionAffinity;
  if (affinity && !m.v.ingress?.enabled && !m.v.httpRoute?.enabled) {
    m.note('replicaCount', `with OIDC login and ${affinity.replicas} replicas, the route in front of Headlamp must keep each browser on one pod ` +
      'for the session (Headlamp keeps a login in the memory of the pod that started it: upstream issues 4019, 5401); these values render ' +
      'no route, so give yours cookie affinity (README, OIDC: more than one replica), or set replicaCount: 1');
  }
  return undefined;
}
