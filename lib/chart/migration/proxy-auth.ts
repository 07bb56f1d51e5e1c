// Migration of `-proxy-auth` in config.extraArgs (Headlamp trusts identity headers): carried as
// HeadlampAuth.identityAwareProxy behind the values' own forward-auth gate (oauth2-proxy's /oauth2/auth) when that gate
// sets every header Headlamp trusts, with its opt-in; refused otherwise, naming the way.
import { HeadlampAuth } from '../../auth/headlamp-auth';
import { ProxyAuthHeaders, resolveProxyAuthHeaders } from '../../auth/proxy-auth-headers';
import { Migration, refuse } from './context';
import { goBool } from './go-bool';
import { coded, toTs } from './starting-point';

const NGINX = 'nginx.ingress.kubernetes.io/';
/** The header flags, by the ProxyAuthHeaders key each sets. */
const HEADER_FLAGS: Readonly<Record<string, keyof ProxyAuthHeaders>> = {
  'proxy-auth-username-header': 'username',
  'proxy-auth-group-header': 'groups',
  'proxy-auth-email-header': 'email',
  'proxy-auth-token-header': 'token',
};

/** A `-proxy-auth*` flag of config.extraArgs, recorded for {@link identityProxy}; false for any other flag. */
export function proxyAuthArg(m: Migration, name: string, value: string | undefined, at: string): boolean {
  if (name === 'proxy-auth') {
    const on = goBool(value, at, '-proxy-auth');
    m.proxyAuth.at = on ? at : undefined;
    if (!on) m.note(at, "dropped: -proxy-auth=false is Headlamp's default");
    return true;
  }
  const key = HEADER_FLAGS[name];
  if (!key) return false;
  if (!value) refuse(at, `-${name} names no header; give it as -${name}=X-Auth-Request-User, or remove it`);
  m.proxyAuth.headers = { ...m.proxyAuth.headers, [key]: value };
  m.proxyAuth.headerKeys.push(at);
  return true;
}

/**
 * `-proxy-auth`: Headlamp then believes the identity headers of every request. Carried as identityAwareProxy({
 * unsafeExternalProxy }) when the values' ingress has a forward-auth gate (`auth-url`) whose auth-response-headers list
 * every header Headlamp trusts (ingress-nginx then sets each only from the gate's answer), with
 * --unsafe-external-identity-proxy; refused otherwise, naming the way. Called after the login section: it cannot be
 * combined with another login.
 */
export function identityProxy(m: Migration): void {
  const { at, headers, headerKeys } = m.proxyAuth;
  if (!at) {
    for (const k of headerKeys) m.note(k, 'dropped: it applies to -proxy-auth, which these values do not turn on');
    return;
  }
  if (m.props.auth) {
    refuse(
      at,
      '-proxy-auth cannot be combined with another login (config.oidc or ' +
        'config.unsafeUseServiceAccountToken): Headlamp would take identities from headers and from its own login at ' +
        "once; remove config.extraArgs' -proxy-auth args, or the other login",
    );
  }
  const names = resolveProxyAuthHeaders(headers).map((h) => h.name);
  const annotations: Record<string, string> = m.v.ingress?.enabled ? (m.v.ingress.annotations ?? {}) : {};
  if (!annotations[`${NGINX}auth-url`]) {
    refuse(
      at,
      `-proxy-auth makes Headlamp believe the identity headers (${names.join(', ')}) of every request, ` +
        'and these values show no proxy that sets them; add the forward-auth gate to ingress.annotations ' +
        "(nginx.ingress.kubernetes.io/auth-url, such as oauth2-proxy's /oauth2/auth, with auth-response-headers " +
        'listing those headers), or remove the -proxy-auth args (token login), or in TypeScript use ' +
        'HeadlampAuth.identityAwareProxy() with an OAuth2ProxyFrontend (examples/iap-nginx.ts)',
    );
  }
  const listedAt = `ingress.annotations['${NGINX}auth-response-headers']`;
  const listed = new Set(
    String(annotations[`${NGINX}auth-response-headers`] ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  );
  const missing = names.filter((n) => !listed.has(n.toLowerCase()));
  if (missing.length) {
    refuse(
      listedAt,
      `lists none of ${missing.join(', ')}, which -proxy-auth makes Headlamp believe: a client's copy ` +
        "would pass the gate; add them (ingress-nginx then sets each only from the gate's answer), or set " +
        'config.extraArgs -proxy-auth-*-header to headers it lists',
    );
  }
  if (!m.options.unsafeExternalIdentityProxy) {
    refuse(
      at,
      '-proxy-auth makes Headlamp believe the identity headers that the forward-auth gate of ' +
        `ingress.annotations sets (${annotations[`${NGINX}auth-url`]}), a proxy the migration cannot check ` +
        'authenticates anyone; pass --unsafe-external-identity-proxy if it is your identity proxy (oauth2-proxy), or ' +
        'in TypeScript use an OAuth2ProxyFrontend of the library (examples/iap-nginx.ts)',
    );
  }
  const options = { ...(Object.keys(headers).length ? { headers } : {}), unsafeExternalProxy: true };
  m.props.auth = coded(HeadlampAuth.identityAwareProxy(options), `HeadlampAuth.identityAwareProxy(${toTs(options)})`);
  const defaulted = resolveProxyAuthHeaders(headers)
    .filter((h) => !Object.values(headers).includes(h.name))
    .map((h) => h.flag);
  m.note(
    at,
    '-proxy-auth carried as HeadlampAuth.identityAwareProxy({ unsafeExternalProxy: true }) behind the ' +
      'forward-auth gate of ingress.annotations (--unsafe-external-identity-proxy): Headlamp believes ' +
      `${names.join(', ')}, each of which the gate's auth-response-headers set; the header flags are passed explicitly`,
    defaulted,
  );
}
