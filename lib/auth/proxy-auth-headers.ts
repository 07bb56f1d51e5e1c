/**
 * Identity headers of Headlamp's identity-aware-proxy mode (`-proxy-auth`): the one typed source that
 * oauth2-proxy's injected response headers, the ingress's forwarded/stripped list and Headlamp's
 * `-proxy-auth-*-header` flags are all rendered from, so the three sides cannot disagree.
 */

/** The four headers Headlamp trusts in proxy-auth mode, and the session claim oauth2-proxy fills each from. */
export interface ProxyAuthHeaders {
  /**
   * User name (`-proxy-auth-username-header`), from the `preferred_username` claim.
   * @default 'X-Forwarded-User'
   */
  readonly username?: string;
  /**
   * Comma-joined groups (`-proxy-auth-group-header`), from the `groups` claim.
   * @default 'X-Forwarded-Group'
   */
  readonly groups?: string;
  /**
   * Email (`-proxy-auth-email-header`), from the `email` claim.
   * @default 'X-Forwarded-Email'
   */
  readonly email?: string;
  /**
   * The raw ID token, no `Bearer ` prefix (`-proxy-auth-token-header`), from the `id_token` claim.
   * Headlamp forwards it to the API server as `Authorization: Bearer`.
   * @default 'X-Forwarded-Id-Token'
   */
  readonly token?: string;
}

/** One header with its Headlamp flag and oauth2-proxy claim. */
export interface ProxyAuthHeader {
  readonly name: string;
  readonly flag:
    'proxy-auth-username-header' | 'proxy-auth-group-header' | 'proxy-auth-email-header' | 'proxy-auth-token-header';
  readonly claim: 'preferred_username' | 'groups' | 'email' | 'id_token';
}

/** Headlamp's defaults, which the library keeps (note: `X-Forwarded-Group`, singular). */
export const DEFAULT_PROXY_AUTH_HEADERS: Required<ProxyAuthHeaders> = {
  username: 'X-Forwarded-User',
  groups: 'X-Forwarded-Group',
  email: 'X-Forwarded-Email',
  token: 'X-Forwarded-Id-Token',
};

/** The resolved header list, in a fixed order. */
export function resolveProxyAuthHeaders(h: ProxyAuthHeaders = {}): ProxyAuthHeader[] {
  const d = DEFAULT_PROXY_AUTH_HEADERS;
  return [
    { name: h.username ?? d.username, flag: 'proxy-auth-username-header', claim: 'preferred_username' },
    { name: h.groups ?? d.groups, flag: 'proxy-auth-group-header', claim: 'groups' },
    { name: h.email ?? d.email, flag: 'proxy-auth-email-header', claim: 'email' },
    { name: h.token ?? d.token, flag: 'proxy-auth-token-header', claim: 'id_token' },
  ];
}
