// Migration of an ingress's TLS and annotations: its TLS source (a Secret, cert-manager, the controller's default
// certificate, or TLS ended in front, by name), its controller, managed annotations (the library's own values kept,
// others dropped naming what wins), and an auth gate written as annotations carried as its typed construct.
import { HeadlampAuthMode } from '../../auth/headlamp-auth';
import { IngressController, IngressTls, TlsTerminatedAt } from '../../routes/ingress-options';
import { controllerOfClass } from '../../routes/ingress-class';
import { Migration, refuse, Values } from './context';
import { coded, quote } from './starting-point';
import { withDefaults } from './substitution';

const NGINX = 'nginx.ingress.kubernetes.io/';
const TRAEFIK = 'traefik.ingress.kubernetes.io/';
const WHERE: Readonly<Record<string, keyof typeof TlsTerminatedAt>> = {
  'load-balancer': 'LOAD_BALANCER',
  tunnel: 'TUNNEL',
  'edge-proxy': 'EDGE_PROXY',
};

/**
/**
 * The controller the values are written for: the one its class names (`nginx-internal`; a Flux placeholder's default,
 * `${CLASS:=nginx}`, counts), else by its annotations, else Traefik (the library's default).
 */
export function ingressController(m: Migration, ing: Values): IngressController {
  const keys = Object.keys(ing.annotations ?? {});
  const byClass = controllerOfClass(ingressClass(m, ing));
  if (byClass) return byClass === 'traefik' ? IngressController.TRAEFIK : IngressController.INGRESS_NGINX;
  const nginx = keys.some((k) => k.startsWith(NGINX)) && !keys.some((k) => k.startsWith(TRAEFIK));
  return nginx ? IngressController.INGRESS_NGINX : IngressController.TRAEFIK;
}

/** The ingress class the values name (by ingressClassName or the old annotation), a Flux placeholder by its default. */
export function ingressClass(m: Migration, ing: Values): string | undefined {
  const given: string | undefined =
    ing.ingressClassName || ing.annotations?.['kubernetes.io/ingress.class'] || undefined;
  return withDefaults(given, m.placeholders) ?? given;
}

/**
 * The Ingress's TLS: a cert-manager issuer (annotation), a Secret, the controller's default certificate (tls hosts
 * without a secretName, as the chart renders them), or none where `--tls-terminated-upstream` names the hop that ends
 * TLS in front; refused otherwise.
 */
export function ingressTls(m: Migration, ing: Values, controller: IngressController): IngressTls {
  const secretName: string | undefined = ing.tls?.[0]?.secretName || undefined;
  const clusterIssuer = ing.annotations?.['cert-manager.io/cluster-issuer'];
  const issuer = clusterIssuer ?? ing.annotations?.['cert-manager.io/issuer'];
  if (issuer) {
    const options = { ...(secretName ? { secretName } : {}), ...(clusterIssuer ? {} : { namespaced: true }) };
    const ts = Object.keys(options).length
      ? `, { ${Object.entries(options)
          .map(([k, v]) => `${k}: ${typeof v === 'string' ? quote(v) : v}`)
          .join(', ')} }`
      : '';
    return coded(IngressTls.certManager(issuer, options), `IngressTls.certManager(${quote(issuer)}${ts})`);
  }
  if (secretName) return coded(IngressTls.fromSecret(secretName), `IngressTls.fromSecret(${quote(secretName)})`);
  if (ing.tls?.length)
    return coded(IngressTls.controllerDefaultCertificate(), 'IngressTls.controllerDefaultCertificate()');
  const stated = controller === IngressController.TRAEFIK ? traefikTls(ing.annotations ?? {}) : undefined;
  if (stated && m.options.tlsTerminatedUpstream === undefined) {
    const how =
      stated === 'router.tls'
        ? 'router.tls: "true"'
        : "the websecure entrypoint, which has TLS on in Traefik's Helm chart";
    m.note(
      `ingress.annotations['${TRAEFIK}${stated}']`,
      `TLS at Traefik with its default certificate (${how}), as ` +
        "the chart's Ingress without tls gets it: carried as IngressTls.controllerDefaultCertificate(), which lists " +
        'the hosts under tls without a Secret; the HTTPS redirect and HSTS are added',
    );
    return coded(IngressTls.controllerDefaultCertificate(), 'IngressTls.controllerDefaultCertificate()');
  }
  const where = m.options.tlsTerminatedUpstream;
  if (where === undefined) {
    refuse(
      'ingress.tls',
      'an Ingress without TLS carries tokens in clear text; add ingress.tls (a secretName, or hosts only for the ' +
        "controller's " +
        'default certificate) or a cert-manager.io/cluster-issuer annotation, or pass --tls-terminated-upstream ' +
        'load-balancer|tunnel|edge-proxy when TLS ends in front of the ingress controller',
    );
  }
  if (!WHERE[where])
    refuse('--tls-terminated-upstream', `expected load-balancer, tunnel or edge-proxy, got ${JSON.stringify(where)}`);
  m.note(
    'ingress.tls',
    `none on the Ingress: TLS ends at the ${where} in front (--tls-terminated-upstream). From there to the ` +
      "ingress controller tokens and cookies travel in clear text, and the HTTPS redirect and HSTS are that hop's " +
      'job; the library cannot check it',
  );
  return coded(
    IngressTls.terminatedUpstream(TlsTerminatedAt[WHERE[where]]),
    `IngressTls.terminatedUpstream(TlsTerminatedAt.${WHERE[where]})`,
  );
}

/** The Traefik annotation that states TLS on the router (`router.tls: "true"`, or the websecure entrypoint alone). */
function traefikTls(annotations: Record<string, string>): 'router.tls' | 'router.entrypoints' | undefined {
  if (String(annotations[`${TRAEFIK}router.tls`]) === 'true') return 'router.tls';
  return annotations[`${TRAEFIK}router.entrypoints`]?.trim() === 'websecure' ? 'router.entrypoints' : undefined;
}

/** A gate the values write as annotations, carried as its construct. */
export type IngressGate =
  | { readonly kind: 'forward-auth'; readonly props: Record<string, unknown> }
  | { readonly kind: 'basic-auth'; readonly secretName: string; readonly realm?: string };

/** The annotations of an ingress as the library takes them, and the gate they describe. */
export interface IngressAnnotations {
  readonly annotations: Record<string, string>;
  readonly extraTraefikMiddlewares?: string[];
  readonly gate?: IngressGate;
}

/** What the library sets itself (or accepts as the same), by managed key. */
function libraryValue(key: string, controller: IngressController, tlsOn: boolean, podTls: boolean): string | undefined {
  const nginx = controller === IngressController.INGRESS_NGINX;
  const values: Record<string, string | undefined> = {
    [`${NGINX}force-ssl-redirect`]: nginx && tlsOn ? 'true' : undefined,
    [`${NGINX}ssl-redirect`]: nginx && tlsOn ? 'true' : undefined,
    [`${NGINX}backend-protocol`]: nginx ? (podTls ? 'HTTPS' : 'HTTP') : undefined,
    [`${TRAEFIK}router.tls`]: !nginx && tlsOn ? 'true' : undefined,
    [`${TRAEFIK}router.entrypoints`]: !nginx && tlsOn ? 'websecure' : undefined,
  };
  return values[key];
}
const TLS_KEYS = new RegExp(
  String.raw`^(nginx\.ingress\.kubernetes\.io\/((force-)?ssl-redirect|hsts.*` +
    String.raw`|backend-protocol)|traefik\.ingress\.kubernetes\.io\/router\.` +
    String.raw`(tls|entrypoints)(\..*)?)$`,
);

/**
 * The ingress's annotations: cert-manager's are the TLS source's; a TLS one the library manages is kept when it says
 * what the library sets anyway, else dropped with a note naming what wins; Traefik's router.middlewares become
 * extraTraefikMiddlewares (after the library's); an nginx auth gate becomes its construct; a snippet is refused by
 * name.
 */
export function ingressAnnotations(
  m: Migration,
  ing: Values,
  controller: IngressController,
  tls: IngressTls,
): IngressAnnotations {
  const given: Record<string, string> = { ...ing.annotations };
  const at = (k: string) => `ingress.annotations['${k}']`;
  delete given['cert-manager.io/cluster-issuer'];
  delete given['cert-manager.io/issuer'];
  const gate = authGate(m, given, at);
  const annotations: Record<string, string> = {};
  let extraTraefikMiddlewares: string[] | undefined;
  for (const [key, value] of Object.entries(given)) {
    if (key === `${TRAEFIK}router.middlewares`) {
      extraTraefikMiddlewares = value
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      m.note(
        at(key),
        "as extraTraefikMiddlewares: chained after the library's own Middlewares (HSTS, and the auth gate), which " +
          'the annotation carries',
      );
    } else if (TLS_KEYS.test(key)) {
      const ours = libraryValue(key, controller, tls._enabled, !!m.props.podTlsSecret);
      if (ours === value) {
        // The library's value, in the values' words: kept where the library accepts it, else it changes nothing.
        if (key !== `${NGINX}backend-protocol`) annotations[key] = value;
      } else {
        m.note(
          at(key),
          `dropped: ${
            /\/hsts/.test(key)
              ? "ingress-nginx reads no HSTS annotation: HSTS is its controller ConfigMap's (`hsts`, on by default)"
              : tls._enabled
                ? 'with TLS on the Ingress the library redirects to HTTPS (and on Traefik sends HSTS) itself, so ' +
                  'tokens never cross plain HTTP'
                : 'this Ingress has no TLS of its own, and redirecting is the job of the hop that ends TLS in front'
          }; ${JSON.stringify(value)} ` + 'would weaken that or do nothing',
        );
      }
    } else {
      annotations[key] = value;
    }
  }
  return { annotations, extraTraefikMiddlewares, gate };
}

/**
 * An ingress-nginx auth gate written as annotations: `auth-url` (forward auth: Authelia, Authentik) as a
 * ForwardAuthIngress, `auth-type: basic` as a BasicAuthIngress of the existing Secret. An `auth-snippet` of
 * `proxy_set_header` lines becomes the gate's requestHeaders; any other snippet, and an auth annotation the gates do
 * not type, is refused by name. The gate's annotations are taken out of `given`.
 */
function authGate(m: Migration, given: Record<string, string>, at: (k: string) => string): IngressGate | undefined {
  const take = (name: string) => {
    const value = given[`${NGINX}${name}`];
    delete given[`${NGINX}${name}`];
    return value;
  };
  const snippet = Object.keys(given).find(
    (k) => k.startsWith(NGINX) && k.endsWith('snippet') && k !== `${NGINX}auth-snippet`,
  );
  if (snippet) refuse(at(snippet), SNIPPET);
  if (given[`${NGINX}auth-url`]) {
    const requestHeaders = snippetHeaders(take('auth-snippet'), at(`${NGINX}auth-snippet`));
    const props = {
      authUrl: take('auth-url'),
      signInUrl: take('auth-signin'),
      responseHeaders: take('auth-response-headers')
        ?.split(',')
        .map((h) => h.trim())
        .filter(Boolean),
      authMethod: take('auth-method'),
      requestHeaders,
    };
    refuseUntyped(given, at, 'ForwardAuthIngress');
    if (requestHeaders) {
      m.note(
        at(`${NGINX}auth-snippet`),
        "its proxy_set_header lines as the gate's requestHeaders: ingress-nginx's auth-proxy-set-headers ConfigMap " +
          'sets the same headers on the check request, without a snippet',
      );
    }
    const believed = m.props.auth?.mode === HeadlampAuthMode.IDENTITY_AWARE_PROXY;
    m.note(
      'ingress.annotations',
      `the forward-auth gate (${props.authUrl}) as a ForwardAuthIngress; Headlamp ${
        believed
          ? 'believes the identity headers it sets (-proxy-auth), and the controller sets each only from its answer'
          : 'does not act on the headers it passes'
      }`,
    );
    return {
      kind: 'forward-auth',
      props: Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined)),
    };
  }
  if (given[`${NGINX}auth-snippet`]) refuse(at(`${NGINX}auth-snippet`), SNIPPET);
  if (given[`${NGINX}auth-type`] === 'basic' && given[`${NGINX}auth-secret`]) {
    const secretType = take('auth-secret-type');
    if (secretType && secretType !== 'auth-file') {
      refuse(
        at(`${NGINX}auth-secret-type`),
        `the gate reads htpasswd lines (auth-file), got ${JSON.stringify(secretType)}; write the Secret as an ` +
          `auth-file`,
      );
    }
    take('auth-type');
    const gate = {
      kind: 'basic-auth' as const,
      secretName: take('auth-secret').replace(/^[^/]*\//, ''),
      realm: take('auth-realm'),
    };
    refuseUntyped(given, at, 'BasicAuthIngress');
    m.note('ingress.annotations', `the basic-auth gate (Secret ${gate.secretName}, key auth) as a BasicAuthIngress`);
    return gate;
  }
  return undefined;
}

const SNIPPET =
  'a snippet is raw NGINX configuration the library cannot check (it can rewrite or skip the auth gate, TLS and ' +
  'HSTS; ingress-nginx turns snippet annotations off by default and rates them Critical); remove it, or keep this ' +
  'Ingress outside the migration';

/** An ingress-nginx auth annotation left after the gate took its own: refused by name. */
function refuseUntyped(given: Record<string, string>, at: (k: string) => string, construct: string): void {
  const left = Object.keys(given).find((k) =>
    /^nginx\.ingress\.kubernetes\.io\/(auth-.*|enable-global-auth|satisfy)$/.test(k),
  );
  if (left) refuse(at(left), `${construct} does not type this annotation; remove it (the gate works without it)`);
}

/**
 * `proxy_set_header <Name> <value>;` lines of an auth-snippet as headers; anything else in it is refused as a snippet.
 */
function snippetHeaders(snippet: string | undefined, at: string): Record<string, string> | undefined {
  if (snippet === undefined) return undefined;
  const headers: Record<string, string> = {};
  for (const line of snippet
    .split(/;\s*|\n/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    const match = /^proxy_set_header\s+([A-Za-z0-9][-A-Za-z0-9_]*)\s+("([^"]*)"|\S+)$/.exec(line);
    if (!match) refuse(at, SNIPPET);
    headers[match![1]] = match![3] ?? match![2];
  }
  return Object.keys(headers).length ? headers : undefined;
}
