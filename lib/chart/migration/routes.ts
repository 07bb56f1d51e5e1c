// Migration of what puts Headlamp on the network: service, ingress (with TLS), httpRoute.
import { Chart } from 'cdk8s';
import { HeadlampDeployment } from '../../deployment/headlamp-deployment';
import { ServiceType } from '../../deployment/service';
import { HeadlampHttpRoute } from '../../routes/headlamp-http-route';
import { BasicAuthCredentials } from '../../auth/basic-auth-credentials';
import { BasicAuthIngress } from '../../routes/basic-auth-ingress';
import { ForwardAuthIngress, ForwardAuthIngressProps } from '../../routes/forward-auth-ingress';
import { IngressController, IngressExtraPath } from '../../routes/ingress-options';
import { HeadlampIngress } from '../../routes/headlamp-ingress';
import { Migration, nonEmpty, refuse, Values, ValuesKeys } from './context';
import { ingressAnnotations, ingressClass, ingressController, ingressTls } from './ingress-gate';
import { coded, codedServicePort, enumMember, quote, toTs } from './starting-point';
import { controllerPeer } from './controller-peer';

export const ROUTES_KEYS: ValuesKeys = [
  ['props.service.extraPorts', 'service.extraServicePorts'],
  ['props.service', 'service'],
  ['props.hosts', 'ingress.hosts'],
  ['props.annotations', 'ingress.annotations'],
  ['props.tls', 'ingress.tls'],
];

/** service: ClusterIP, or NodePort and LoadBalancer with the opt-in. */
export function service(m: Migration): void {
  const given = m.v.service ?? {};
  const type = given.type as ServiceType | undefined;
  const outside = type === ServiceType.NODE_PORT || type === ServiceType.LOAD_BALANCER;
  if (outside && !m.options.unsafePlainHttpService) {
    refuse(
      'service.type',
      `a ${type} Service exposes Headlamp over plain HTTP outside the cluster; keep ClusterIP behind an Ingress ` +
        'with TLS, or pass --unsafe-plain-http-service when TLS terminates in front of it',
    );
  }
  if (!outside && given.nodePort)
    m.note('service.nodePort', `ignored, as by the chart: a ${type ?? 'ClusterIP'} Service has no node port`);
  m.props.service = {
    type: enumMember(ServiceType, 'ServiceType', type).value,
    port: given.port,
    annotations: nonEmpty(given.annotations) ? given.annotations : undefined,
    appProtocol: given.appProtocol || undefined,
    unsafeAllowPlainHttpExposure: outside || undefined,
    extraPorts: nonEmpty(given.extraServicePorts) ? given.extraServicePorts.map(codedServicePort) : undefined,
    nodePort: outside && given.nodePort ? given.nodePort : undefined,
  };
}

type ChartPath = {
  path: string;
  type?: string;
  backend?: { service?: { name?: string; port?: { name?: string; number?: number } } };
};

/** The Ingress paths to other backends than Headlamp at its base URL; every host must have the same paths. */
function extraPaths(m: Migration, ing: Values): IngressExtraPath[] {
  const own = m.config.baseURL || '/';
  const pathsOf = (i: number) => (ing.hosts[i].paths ?? []) as ChartPath[];
  const servicePort = m.props.service?.port ?? 80;
  // Headlamp's own path, its backend written out (Headlamp's Service and port): the path the library renders.
  const isOwnPath = (p: ChartPath) =>
    p.path === own &&
    (!p.backend ||
      (p.backend.service?.name?.replace(/\{\{\s*\.Release\.Name\s*\}\}/g, m.release) === m.name &&
        (p.backend.service?.port?.number === servicePort || p.backend.service?.port?.name === 'http')));
  // Each path keeps its index in the values, for refusals.
  const paths = pathsOf(0)
    .map((p, j) => ({ p, at: `ingress.hosts[0].paths[${j}]` }))
    .filter(({ p }) => !isOwnPath(p))
    .map(({ p, at }) => {
      const svc = p.backend?.service;
      const serviceName = svc?.name?.replace(/\{\{\s*\.Release\.Name\s*\}\}/g, m.release);
      if (serviceName?.includes('{{'))
        refuse(
          `${at}.backend.service.name`,
          'only {{ .Release.Name }} is understood in a service name; write the name',
        );
      const port = svc?.port?.number ?? svc?.port?.name;
      if (port === undefined) {
        refuse(
          at,
          `a second path to Headlamp itself is not supported (Headlamp is served at its base URL ${own}); remove ` +
            `it, or give it a backend.service`,
        );
      }
      return {
        path: p.path,
        pathType: (p.type as 'Prefix' | 'Exact' | undefined) ?? 'Prefix',
        serviceName: serviceName === m.name ? undefined : serviceName,
        port: port!,
      };
    });
  (ing.hosts ?? []).forEach((_: unknown, i: number) => {
    if (JSON.stringify(pathsOf(i)) !== JSON.stringify(pathsOf(0)))
      refuse(
        `ingress.hosts[${i}].paths`,
        'every host gets the same paths here; give hosts with other paths an Ingress of their own',
      );
  });
  return paths;
}

/**
 * Notes on ingress.hosts: keys the chart does not read (`http:` copied from an Ingress), and single-label hosts
 * (split-horizon DNS), which the Ingress API takes.
 */
function hostNotes(m: Migration, given: Values[], hosts: string[]): void {
  given.forEach((h, i) => {
    for (const key of Object.keys(h).filter((k) => k !== 'host' && k !== 'paths')) {
      const http =
        key !== 'http'
          ? ''
          : " (http.paths is the Ingress object's own spelling: write the paths as ingress.hosts[].paths)";
      m.note(
        `ingress.hosts[${i}].${key}`,
        `ignored, as by the chart, which reads only host and paths of each ` + `host${http}`,
      );
    }
    // A host that is a Flux placeholder whole is a token here: it is no single label.
    if (!hosts[i].includes('.') && !/^fluxvar\d+x$/.test(hosts[i])) {
      m.note(
        `ingress.hosts[${i}].host`,
        `${hosts[i]} is a single label: the Ingress API takes it, and browsers ` +
          'reach it through split-horizon DNS or a search domain; public certificate authorities issue no ' +
          "certificate for it, so its TLS comes from your own CA or the controller's default",
      );
    }
  });
}

/**
 * ingress: a HeadlampIngress (or a ForwardAuthIngress / BasicAuthIngress for a gate written as annotations), with TLS
 * from a Secret, cert-manager or the controller's default certificate, or ended in front by name. Returns its statement
 * in the starting point.
 */
export function ingress(m: Migration, chart: Chart, headlamp: HeadlampDeployment): string | undefined {
  const ing = m.v.ingress;
  if (!ing?.enabled) return undefined;
  if (!nonEmpty(ing.hosts)) {
    refuse(
      'ingress.hosts',
      'expected at least one host with ingress.enabled (the chart would render an Ingress without rules, which ' +
        'Kubernetes refuses); add hosts: [{ host: headlamp.example.com }], or set ingress.enabled: false',
    );
  }
  const hosts: string[] = ing.hosts.map(
    (h: { host?: string }, i: number) =>
      h.host ||
      refuse(
        `ingress.hosts[${i}].host`,
        'expected the host name users reach Headlamp at (the chart would route every host name to it); add host: ' +
          'headlamp.example.com',
      ),
  );
  hostNotes(m, ing.hosts, hosts);
  const paths = extraPaths(m, ing);
  const controller = ingressController(m, ing);
  const tls = ingressTls(m, ing, controller);
  const { annotations, extraTraefikMiddlewares, gate } = ingressAnnotations(m, ing, controller, tls);
  const ingressControllerPeer = controllerPeer(m, 'ingress', controller, ingressClass(m, ing));
  const ingressProps = {
    headlamp,
    hosts,
    tls,
    controller,
    ingressControllerPeer,
    ingressClassName: ing.ingressClassName || undefined,
    annotations: Object.keys(annotations).length ? annotations : undefined,
    labels: nonEmpty(ing.labels) ? ing.labels : undefined,
    extraPaths: paths.length ? paths : undefined,
    extraTraefikMiddlewares,
  };
  const nginx = controller === IngressController.INGRESS_NGINX;
  // The enum member by name, the Headlamp by its variable.
  const controllerTs = coded({}, nginx ? 'IngressController.INGRESS_NGINX' : 'IngressController.TRAEFIK');
  const shown = { ...ingressProps, headlamp: coded({}, 'headlamp'), controller: controllerTs };
  let statement: string;
  if (gate?.kind === 'forward-auth') {
    new ForwardAuthIngress(chart, 'ingress', { ...ingressProps, ...gate.props } as ForwardAuthIngressProps);
    statement = `new ForwardAuthIngress(chart, 'ingress', ${toTs({ ...shown, ...gate.props })});`;
  } else if (gate?.kind === 'basic-auth') {
    const credentials = coded(
      BasicAuthCredentials.fromExistingSecret(gate.secretName),
      `BasicAuthCredentials.fromExistingSecret(${quote(gate.secretName)})`,
    );
    new BasicAuthIngress(chart, 'ingress', { ...ingressProps, credentials, realm: gate.realm });
    statement = `new BasicAuthIngress(chart, 'ingress', ${toTs({ ...shown, credentials, realm: gate.realm })});`;
  } else {
    new HeadlampIngress(chart, 'ingress', ingressProps);
    statement = `new HeadlampIngress(chart, 'ingress', ${toTs(shown)});`;
  }
  const affinity = headlamp._sessionAffinity;
  if (affinity) {
    m.note(
      'replicaCount',
      `with OIDC login and ${affinity.replicas} replicas, the Ingress keeps each browser on one pod for the session ` +
        `(cookie ${affinity.cookieName}: ` +
        `${nginx ? 'ingress-nginx affinity annotations' : "Traefik's sticky cookie on the Service"}); ` +
        'Headlamp keeps a login in the memory of the pod that started it (upstream issues 4019, 5401), so without ' +
        'it most logins failed',
    );
  }
  if (tls._enabled) {
    m.note(
      'ingress',
      nginx
        ? "HTTPS redirect added (force-ssl-redirect); HSTS comes from the ingress-nginx controller's ConfigMap " +
            '(`hsts`, on by default)'
        : 'HSTS added (a Traefik headers Middleware)',
    );
  }
  return statement;
}

/**
 * httpRoute.rules: accepted when they say what the library's route does (every request to Headlamp's Service and
 * port); a rule to another backend, or with matches or filters, is refused: the library routes only to Headlamp.
 */
function routeRules(m: Migration, rules: Values[] | undefined): void {
  if (!nonEmpty(rules)) return;
  const port = m.props.service?.port ?? 80;
  const base = m.config.baseURL || '/';
  const namespace = m.v.namespaceOverride || m.options.namespace || 'headlamp';
  rules!.forEach((rule, i) => {
    const other = (rule.backendRefs ?? []).find(
      (b: Values) =>
        b.name !== m.name ||
        b.port !== port ||
        (b.namespace && b.namespace !== namespace) ||
        (b.kind && b.kind !== 'Service'),
    );
    const matches = (rule.matches ?? []).filter(
      (x: Values) => !(x.path?.type === 'PathPrefix' && x.path.value === base && Object.keys(x).length === 1),
    );
    if (other || !nonEmpty(rule.backendRefs)) {
      const where = other
        ? `Service ${other.name}${other.namespace ? ` in namespace ${other.namespace}` : ''}`
        : 'no backend';
      refuse(
        `httpRoute.rules[${i}]`,
        `sends requests to ${where}, ` +
          `not to Headlamp's Service ${m.name}:${port}: the library routes only to Headlamp (its NetworkPolicy ` +
          'admits only the routes it knows); remove httpRoute.rules, or keep that route outside the migration',
      );
    }
    if (matches.length || nonEmpty(rule.filters)) {
      refuse(
        `httpRoute.rules[${i}]`,
        `matches or filters are not carried (the route sends ${base} to Headlamp); remove them, or keep that ` +
          `route outside the migration`,
      );
    }
  });
  m.note(
    'httpRoute.rules',
    `the same as the library's route (Headlamp's Service ${m.name}:${port} at ${base}): rendered by the library`,
  );
}

/** httpRoute: a HeadlampHttpRoute on the Gateway's HTTPS listener. Returns its statement in the starting point. */
export function httpRoute(m: Migration, chart: Chart, headlamp: HeadlampDeployment): string | undefined {
  const route = m.v.httpRoute;
  if (!route?.enabled) return undefined;
  const ref = route.parentRefs?.[0];
  const sectionName = ref?.sectionName ?? m.options.gatewayListener;
  if (!sectionName) {
    refuse(
      'httpRoute.parentRefs[0].sectionName',
      "name the Gateway's HTTPS listener, so the route is never served on plain HTTP; add sectionName, " +
        'or pass --gateway-listener NAME',
    );
  }
  if (!ref.sectionName) {
    m.note(
      'httpRoute.parentRefs[0].sectionName',
      `set to ${sectionName} (--gateway-listener): without it the route would attach to every listener ` +
        'of the Gateway, plain-HTTP ones too',
    );
  }
  routeRules(m, route.rules);
  const affinity = headlamp._sessionAffinity;
  if (affinity && !m.options.gatewayProvidesSessionAffinity) {
    refuse(
      'httpRoute.enabled',
      `with OIDC login and replicaCount ${affinity.replicas}, every login must come back to the pod that started it ` +
        "(Headlamp keeps it in memory: upstream issues 4019, 5401), and Gateway API's standard channel cannot " +
        'keep a browser on one pod; set replicaCount: 1, or use ingress instead (it gets cookie affinity), or pass ' +
        '--gateway-provides-session-affinity if your Gateway keeps each browser on one pod (a session-persistence ' +
        'policy you configure)',
    );
  }
  if (affinity) {
    m.note(
      'httpRoute.enabled',
      `with OIDC login and ${affinity.replicas} replicas, your Gateway must keep each browser on one pod for the ` +
        'session (--gateway-provides-session-affinity says it does; nothing is rendered for it)',
    );
  }
  const gatewayPeer = controllerPeer(m, 'httpRoute', IngressController.TRAEFIK);
  const routeProps = {
    hostnames: route.hostnames,
    gatewayPeer,
    gateway: {
      name: ref.name,
      namespace: ref.namespace,
      sectionName,
      providesSessionAffinity: affinity ? true : undefined,
    },
    labels: nonEmpty(route.labels) ? route.labels : undefined,
  };
  new HeadlampHttpRoute(chart, 'route', { headlamp, ...routeProps });
  return `new HeadlampHttpRoute(chart, 'route', { headlamp, ...${toTs(routeProps)} });`;
}

/**
 * Neither ingress nor httpRoute: with OIDC login and 2+ replicas, a note that the route of the user's own must keep a
 * browser on one pod.
 */
export function ownRoute(m: Migration, _chart: Chart, headlamp: HeadlampDeployment): undefined {
  const affinity = headlamp._sessionAffinity;
  if (affinity && !m.v.ingress?.enabled && !m.v.httpRoute?.enabled) {
    m.note(
      'replicaCount',
      `with OIDC login and ${affinity.replicas} replicas, the route in front of Headlamp must keep each browser ` +
        'on one pod for the session (Headlamp keeps a login in the memory of the pod that started it: upstream ' +
        'issues 4019, 5401); these values render no route, so give yours cookie affinity (docs/topologies.md, ' +
        'OIDC: more than one replica), or set replicaCount: 1',
    );
  }
  return undefined;
}
