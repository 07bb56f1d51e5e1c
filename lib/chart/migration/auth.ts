// Migration of the login values: config.oidc (or the chart's OIDC env vars), its Secrets, the shared ServiceAccount token, clusterRoleBinding.
import { HeadlampAuth } from '../../auth/headlamp-auth';
import { LoginRole } from '../../auth/login-role';
import { OidcConfig } from '../../auth/oidc-config';
import { OidcConfigProps } from '../../auth/oidc-options';
import { OidcClientSecret } from '../../auth/oidc-references';
import { Migration, refuse, ValuesKeys } from './context';
import { coded, quote, toTs } from './starting-point';

export const AUTH_KEYS: ValuesKeys = [
  ['props.auth.oidc.issuerUrl', 'config.oidc.issuerURL'], ['props.auth.oidc.clientId', 'config.oidc.clientID'],
  ['props.auth.oidc.scopes', 'config.oidc.scopes'], ['props.auth.oidc.callbackUrl', 'config.oidc.callbackURL'],
  ['props.auth.oidc.userInfoUrl', 'config.oidc.meUserInfoURL'], ['props.auth.oidc.validatorIssuerUrl', 'config.oidc.validatorIssuerURL'],
  ['props.auth.oidc.validatorClientId', 'config.oidc.validatorClientID'], ['props.auth.oidc.publicUrl', '--public-url'],
  ['props.auth.oidc', 'config.oidc'],
];

/** The OIDC settings of config.oidc, each with the env var the chart also takes it from ("OIDC directly from env"). */
const FROM_ENV = {
  clientID: 'OIDC_CLIENT_ID', issuerURL: 'OIDC_ISSUER_URL', clientSecret: 'OIDC_CLIENT_SECRET', scopes: 'OIDC_SCOPES',
  callbackURL: 'OIDC_CALLBACK_URL', usePKCE: 'OIDC_USE_PKCE', useAccessToken: 'OIDC_USE_ACCESS_TOKEN',
  validatorClientID: 'OIDC_VALIDATOR_CLIENT_ID', validatorIssuerURL: 'OIDC_VALIDATOR_ISSUER_URL', meUserInfoURL: 'ME_USER_INFO_URL',
};
/** An OIDC setting: from config.oidc, else from its env var. */
type Setting = (key: keyof typeof FROM_ENV) => string | undefined;

/** The login mode: config.oidc (or the OIDC env vars), config.unsafeUseServiceAccountToken; clusterRoleBinding, automountServiceAccountToken. */
export function login(m: Migration): void {
  const { v, config } = m;
  const oidc = config.oidc ?? {};
  const setting: Setting = (key) => (oidc[key] ? String(oidc[key]) : m.oidcFromEnv[FROM_ENV[key]]);
  if (oidc.externalSecret?.enabled) {
    externalSecretLogin(m, setting);
  } else if (setting('clientID') || setting('issuerURL')) {
    oidcLogin(m, setting);
  } else {
    const userInfo = setting('meUserInfoURL');
    if (userInfo) m.note(oidc.meUserInfoURL ? 'config.oidc.meUserInfoURL' : 'env', 'dropped: -me-user-info-url applies to OIDC login, which these values do not configure', ['me-user-info-url']);
  }
  if (oidc.secret?.create !== false && (oidc.clientID || oidc.issuerURL)) {
    m.note('config.oidc.secret.create', 'no chart-style Secret of OIDC settings: non-secret settings are flags, the client secret a Secret reference');
  }
  if (config.unsafeUseServiceAccountToken) sharedServiceAccountToken(m);
  if (!config.unsafeUseServiceAccountToken && v.clusterRoleBinding?.create !== false) {
    m.note('clusterRoleBinding.create', `dropped: Headlamp's own ServiceAccount gets no ${v.clusterRoleBinding?.clusterRoleName ?? 'cluster-admin'} binding; ` +
      'every API call carries the logged-in user\'s credentials');
  }
  if (v.automountServiceAccountToken === false) m.note('automountServiceAccountToken', 'kept true: -in-cluster reads the API server CA and token from it');
}

/** What both OIDC logins share: the callback URL (or public URL), PKCE, the cookie; and their notes. */
function oidcShared(m: Migration, setting: Setting): Partial<OidcConfigProps> {
  const oidc = m.config.oidc ?? {};
  const ingressHost: string | undefined = m.v.ingress?.enabled ? m.v.ingress?.hosts?.[0]?.host : undefined;
  const publicUrl = m.options.publicUrl ?? (ingressHost ? `https://${ingressHost}` : undefined);
  const callbackUrl = setting('callbackURL');
  if (!callbackUrl && !publicUrl) {
    refuse('config.oidc.callbackURL', 'cdk8s-headlamp passes the OIDC callback URL explicitly; set config.oidc.callbackURL, an ingress ' +
      'host, or --public-url https://<host>');
  }
  if (!callbackUrl) {
    m.note('config.oidc.callbackURL', `set to ${publicUrl}${m.config.baseURL ?? ''}/oidc-callback: passed explicitly, so it never depends on ` +
      'the ingress forwarding X-Forwarded-Proto', ['oidc-callback-url']);
  }
  if (oidc.usePKCE !== true && setting('usePKCE') !== 'true') {
    m.note('config.oidc.usePKCE', 'PKCE on (the library default: it protects the authorization code; Headlamp v0.37+)', ['oidc-use-pkce']);
  }
  if (!oidc.externalSecret?.enabled) {
    m.note('config.oidc', 'Headlamp\'s -me-username-path/-me-groups-path follow the claim mapping the API server uses (email, groups)',
      ['me-username-path', 'me-groups-path']);
  }
  return { ...(callbackUrl ? { callbackUrl } : { publicUrl }), usePkce: true, useCookie: oidc.useCookie || undefined };
}

/** config.oidc.externalSecret: the OIDC settings from a Secret of the user's. */
function externalSecretLogin(m: Migration, setting: Setting): void {
  const external = m.config.oidc.externalSecret;
  const settings = { secretName: external.name, ...oidcShared(m, setting) };
  m.props.auth = coded(HeadlampAuth.oidc(OidcConfig.fromSettingsSecret(settings)), `HeadlampAuth.oidc(OidcConfig.fromSettingsSecret(${toTs(settings)}))`);
  m.note('config.oidc.externalSecret', `Secret ${external.name} is read key by key into Headlamp's HEADLAMP_CONFIG_OIDC_* env ` +
    `vars; OIDC_SCOPES is optional (read when present${external.hasScopes ? '; the chart requires it with hasScopes' : ''}), ` +
    'and no other key of the Secret becomes an env var', ['oidc-scopes']);
}

/** OIDC login from the settings in the values (a client secret only with the opt-in). */
function oidcLogin(m: Migration, setting: Setting): void {
  const oidc = m.config.oidc ?? {};
  const secret = setting('clientSecret');
  if (secret && !m.options.unsafePlaintextSecrets) {
    refuse('config.oidc.clientSecret', 'a client secret in values ends up in plain text in the manifests; keep it in a Secret you create ' +
      '(External Secrets, SealedSecrets) and set config.oidc.externalSecret.enabled and .name, or pass --unsafe-plaintext-secrets');
  }
  const given = setting('scopes');
  const scopes = given?.split(/[\s,]+/).filter(Boolean);
  if (given && scopes!.join(',') !== given) {
    m.note(oidc.scopes ? 'config.oidc.scopes' : 'env', `'${given}' passed as '${scopes!.join(',')}': Headlamp splits -oidc-scopes on commas`, ['oidc-scopes']);
  }
  const oidcProps = {
    clientId: setting('clientID') ?? '',
    issuerUrl: setting('issuerURL') ?? '',
    ...(secret ? { clientSecret: coded(OidcClientSecret.unsafePlaintextInManifests(secret),
      `OidcClientSecret.fromSecret(${quote(`${m.name}-oidc`)}, 'client-secret') /* create this Secret; never put the value here */`) } : {}),
    ...(scopes?.length ? { scopes } : {}),
    useAccessToken: (oidc.useAccessToken === true || setting('useAccessToken') === 'true') || undefined,
    validatorClientId: setting('validatorClientID'),
    validatorIssuerUrl: setting('validatorIssuerURL'),
    userInfoUrl: setting('meUserInfoURL'),
    ...oidcShared(m, setting),
  } as OidcConfigProps;
  m.props.auth = coded(HeadlampAuth.oidc(new OidcConfig(oidcProps)), `HeadlampAuth.oidc(new OidcConfig(${toTs(oidcProps)}))`);
  if (secret) {
    m.note('config.oidc.clientSecret', `written into Secret ${m.name}-oidc (--unsafe-plaintext-secrets) and read as HEADLAMP_CONFIG_OIDC_CLIENT_SECRET, ` +
      'never on the command line');
  }
}

/** config.unsafeUseServiceAccountToken: everyone acts as one ServiceAccount, bound to view (only with the opt-in). */
function sharedServiceAccountToken(m: Migration): void {
  if (!m.options.unsafeSharedServiceAccountToken) {
    refuse('config.unsafeUseServiceAccountToken', 'everyone who reaches the UI would act as Headlamp\'s ServiceAccount; remove it (users log in ' +
      'with their own token or OIDC), or pass --unsafe-shared-service-account-token');
  }
  if (m.props.auth) refuse('config.unsafeUseServiceAccountToken', 'cannot be combined with OIDC login; pick one');
  m.props.auth = coded(HeadlampAuth.unsafeSharedServiceAccountToken({ role: LoginRole.view() }),
    'HeadlampAuth.unsafeSharedServiceAccountToken({ role: LoginRole.view() })');
  m.note('config.unsafeUseServiceAccountToken', `the shared ServiceAccount is bound to view, not ${m.v.clusterRoleBinding?.clusterRoleName ?? 'cluster-admin'} ` +
    '(least privilege; LoginRole.clusterAdmin() by name in TypeScript)');
  if (m.config.serviceAccountTokenPath) {
    m.note('config.serviceAccountTokenPath', 'dropped: Headlamp reads the mounted ServiceAccount token', ['service-account-token-path']);
  }
}
