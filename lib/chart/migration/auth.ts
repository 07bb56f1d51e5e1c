// Migration of the login values: config.oidc (or the chart's OIDC env vars), its Secrets, the shared ServiceAccount
// token, clusterRoleBinding.
import { HeadlampAuth } from '../../auth/headlamp-auth';
import { LoginRole } from '../../auth/login-role';
import { OidcConfig } from '../../auth/oidc-config';
import { OidcConfigProps } from '../../auth/oidc-options';
import { OidcClientSecret } from '../../auth/oidc-references';
import { Migration, refuse, ValuesKeys } from './context';
import { chartEnvOf, flagOf, OIDC_SETTINGS, OidcKey, OidcSettings, oidcSettings } from './oidc-settings';
import { coded, quote, toTs } from './starting-point';
import { identityProxy } from './proxy-auth';
import { dropOidcExtras, oidcExtras } from './typed-flags';

export const AUTH_KEYS: ValuesKeys = [
  ['props.auth.oidc.issuerUrl', 'config.oidc.issuerURL'],
  ['props.auth.oidc.clientId', 'config.oidc.clientID'],
  ['props.auth.oidc.scopes', 'config.oidc.scopes'],
  ['props.auth.oidc.callbackUrl', 'config.oidc.callbackURL'],
  ['props.auth.oidc.userInfoUrl', 'config.oidc.meUserInfoURL'],
  ['props.auth.oidc.validatorIssuerUrl', 'config.oidc.validatorIssuerURL'],
  ['props.auth.oidc.validatorClientId', 'config.oidc.validatorClientID'],
  ['props.auth.oidc.publicUrl', '--public-url'],
  ['props.auth.oidc', 'config.oidc'],
];

/**
 * The login mode: config.oidc (or the OIDC env vars), config.unsafeUseServiceAccountToken; clusterRoleBinding,
 * automountServiceAccountToken.
 */
export function login(m: Migration): void {
  const { v, config } = m;
  const oidc = config.oidc ?? {};
  const setting = oidcSettings(m);
  if (oidc.externalSecret?.enabled) {
    externalSecretLogin(m, setting);
  } else if (envRefLogin(m, setting)) {
    // The settings come from one Secret's keys, through the values' env.
  } else if (setting('clientID') || setting('issuerURL')) {
    oidcLogin(m, setting);
  } else {
    noLogin(m, setting);
  }
  if (config.unsafeUseServiceAccountToken) sharedServiceAccountToken(m);
  identityProxy(m);
  if (!config.unsafeUseServiceAccountToken && v.clusterRoleBinding?.create !== false) {
    m.note(
      'clusterRoleBinding.create',
      `dropped: Headlamp's own ServiceAccount gets no ${v.clusterRoleBinding?.clusterRoleName ?? 'cluster-admin'}` +
        " binding; every API call carries the logged-in user's credentials",
    );
  }
  if (v.automountServiceAccountToken === false)
    m.note('automountServiceAccountToken', 'kept true: -in-cluster reads the API server CA and token from it');
}

/**
 * Values that set OIDC flags without a login (no client ID or issuer URL): the chart still passes each flag
 * (templates/deployment.yaml), which does nothing in Headlamp without a login; each is dropped, and said so.
 */
function noLogin(m: Migration, setting: OidcSettings): void {
  dropOidcExtras(m);
  for (const key of Object.keys(OIDC_SETTINGS) as OidcKey[]) {
    const given = key === 'clientSecret' ? (setting.env.clientSecret ? 'set' : setting('clientSecret')) : setting(key);
    const rendered = key === 'usePKCE' || key === 'useAccessToken' ? given === 'true' : given !== undefined;
    if (rendered)
      m.note(
        setting.at(key),
        `dropped: -${flagOf(key)} applies to OIDC login, which these values do not configure (no client ID or ` +
          `issuer URL)`,
        [flagOf(key)],
      );
  }
}

/** What both OIDC logins share: the callback URL (or public URL), PKCE, the cookie; and their notes. */
function oidcShared(m: Migration, setting: OidcSettings): Partial<OidcConfigProps> {
  const oidc = m.config.oidc ?? {};
  const ingressHost: string | undefined = m.v.ingress?.enabled ? m.v.ingress?.hosts?.[0]?.host : undefined;
  const publicUrl = m.options.publicUrl ?? (ingressHost ? `https://${ingressHost}` : undefined);
  const callbackUrl = setting('callbackURL');
  if (!callbackUrl && !publicUrl) {
    refuse(
      'config.oidc.callbackURL',
      'cdk8s-headlamp passes the OIDC callback URL explicitly; set config.oidc.callbackURL, an ingress ' +
        'host, or --public-url https://<host>',
    );
  }
  if (!callbackUrl) {
    m.note(
      'config.oidc.callbackURL',
      `set to ${publicUrl}${m.config.baseURL ?? ''}/oidc-callback: passed explicitly, so it never depends on ` +
        'the ingress forwarding X-Forwarded-Proto',
      ['oidc-callback-url'],
    );
  }
  if (setting('usePKCE') !== 'true') {
    m.note(
      setting.at('usePKCE'),
      'PKCE on (the library default: it protects the authorization code; Headlamp v0.37+)',
      ['oidc-use-pkce'],
    );
  }
  if (!oidc.externalSecret?.enabled) {
    m.note(
      'config.oidc',
      "Headlamp's -me-username-path/-me-groups-path follow the claim mapping the API server uses (email, groups)",
      ['me-username-path', 'me-groups-path'],
    );
  }
  return {
    ...(callbackUrl ? { callbackUrl } : { publicUrl }),
    usePkce: true,
    useCookie: setting('useCookie') === 'true' || undefined,
    useAccessToken: setting('useAccessToken') === 'true' || undefined,
    validatorClientId: setting('validatorClientID'),
    validatorIssuerUrl: setting('validatorIssuerURL'),
    userInfoUrl: setting('meUserInfoURL'),
    ...oidcExtras(m),
  };
}

/**
 * The client ID and issuer URL (and the client secret and scopes, if given) from env vars whose valueFrom names keys of
 * one Secret (the workaround in Headlamp issue 2022): that Secret read key by key, as OidcConfig.fromSettingsSecret
 * with those key names. False when the env vars do not all name one Secret (the settings section refuses them then).
 */
function envRefLogin(m: Migration, setting: OidcSettings): boolean {
  const ref = (key: OidcKey) =>
    setting.env[key]?.valueFrom?.secretKeyRef as { name?: string; key?: string } | undefined;
  const keys = (['clientID', 'issuerURL', 'clientSecret', 'scopes'] as OidcKey[]).filter((k) => ref(k));
  const secretName = ref('clientID')?.name;
  if (!secretName || !ref('issuerURL') || keys.some((k) => ref(k)!.name !== secretName || !ref(k)!.key)) return false;
  const given = (Object.keys(OIDC_SETTINGS) as OidcKey[]).filter((k) => setting.env[k]?.valueFrom);
  if (given.some((k) => !keys.includes(k))) return false;
  for (const key of keys) {
    if (m.config.oidc?.[key])
      m.note(
        `config.oidc.${key}`,
        `ignored, as in the chart: ${setting.env[key]!.at} (${setting.env[key]!.name}) replaces it`,
      );
  }
  const settings = {
    secretName,
    includesClientSecret: !!ref('clientSecret'),
    keys: {
      clientId: ref('clientID')!.key,
      issuerUrl: ref('issuerURL')!.key,
      ...(ref('clientSecret') ? { clientSecret: ref('clientSecret')!.key } : {}),
      ...(ref('scopes') ? { scopes: ref('scopes')!.key } : {}),
    },
    ...oidcShared(m, setting),
  };
  m.props.auth = coded(
    HeadlampAuth.oidc(OidcConfig.fromSettingsSecret(settings)),
    `HeadlampAuth.oidc(OidcConfig.fromSettingsSecret(${toTs(settings)}))`,
  );
  const scopes = ref('scopes')
    ? ''
    : `, and key OIDC_SCOPES of ${secretName} is read when present (Headlamp's default scopes otherwise)`;
  m.note(
    keys.map((k) => setting.env[k]!.at).join(', '),
    `${keys.map((k) => `${setting.env[k]!.name} (key ${ref(k)!.key})`).join(', ')} of Secret ` +
      `${secretName}: read by Headlamp as its HEADLAMP_CONFIG_OIDC_* variables from those keys, as the chart's ` +
      `-oidc-*=$(OIDC_*) args read them; the OIDC_* variables themselves are not kept${scopes}`,
    ref('scopes') ? [] : ['oidc-scopes'],
  );
  return true;
}

/** Settings the chart's externalSecret mode passes as `-<flag>=$(<env var>)` whenever the values set them. */
const EXTERNAL_SECRET_SHARED: OidcKey[] = [
  'callbackURL',
  'usePKCE',
  'validatorClientID',
  'validatorIssuerURL',
  'useAccessToken',
  'meUserInfoURL',
];

/** config.oidc.externalSecret: the OIDC settings from a Secret of the user's. */
function externalSecretLogin(m: Migration, setting: OidcSettings): void {
  const external = m.config.oidc.externalSecret;
  let clientId: string | undefined;
  for (const key of ['clientID', 'clientSecret', 'issuerURL', 'scopes'] as OidcKey[]) {
    const e = setting.env[key];
    if (e && key === 'clientID' && e.name === chartEnvOf(key) && e.value && !e.valueFrom) {
      // Kubernetes gives env precedence over envFrom: the chart's -oidc-client-id=$(OIDC_CLIENT_ID) reads the value.
      clientId = e.value;
      m.note(
        e.at,
        `env ${e.name} (${e.value}) is the client ID, as in the chart: Kubernetes gives env precedence ` +
          `over the envFrom of Secret ${external.name}, so the chart's -oidc-client-id=$(OIDC_CLIENT_ID) reads it; ` +
          `carried as clientId, the Secret's key ${chartEnvOf(key)} unused`,
      );
    } else if (e && key === 'scopes' && !external.hasScopes) {
      // The chart passes -oidc-scopes=$(OIDC_SCOPES) only with hasScopes: the variable is read by nothing.
      m.note(
        e.at,
        `dropped: ${e.name} is read by nothing, as in the chart (it passes -oidc-scopes only with ` +
          `config.oidc.externalSecret.hasScopes)`,
      );
    } else if (e) {
      refuse(
        e.at,
        `${e.name} would replace key ${chartEnvOf(key)} of Secret ${external.name} (config.oidc.externalSecret): ` +
          `the chart's env comes after its envFrom; keep the ${key} in that Secret and remove ${e.at}`,
      );
    }
  }
  for (const key of ['clientID', 'clientSecret', 'issuerURL', 'scopes'] as OidcKey[]) {
    if (m.config.oidc[key])
      m.note(
        `config.oidc.${key}`,
        `ignored, as in the chart: with externalSecret Headlamp reads it from Secret ${external.name}`,
      );
  }
  // Given in config.oidc only, the chart's -<flag>=$(<env var>) reads the Secret's key of that name instead of the
  // value.
  for (const key of EXTERNAL_SECRET_SHARED.filter((k) => k !== 'callbackURL')) {
    const value = setting(key);
    if (
      value !== undefined &&
      !setting.env[key] &&
      (value === 'true' || (key !== 'usePKCE' && key !== 'useAccessToken'))
    ) {
      m.note(
        `config.oidc.${key}`,
        `passed as given; the chart's externalSecret mode passes -${flagOf(key)}=$(${chartEnvOf(key)}), which ` +
          `reads key ${chartEnvOf(key)} of Secret ${external.name} instead`,
        [flagOf(key)],
      );
    }
  }
  const { callbackUrl, publicUrl, ...shared } = oidcShared(m, setting);
  // With callbackURL in config.oidc the chart passes -oidc-callback-url=$(OIDC_CALLBACK_URL): the Secret's key, kept as
  // is.
  const fromSecret = setting('callbackURL') !== undefined && !setting.env.callbackURL;
  if (fromSecret) {
    const host =
      m.v.ingress?.enabled && m.v.ingress.hosts?.[0]?.host
        ? `https://${m.v.ingress.hosts[0].host}${m.config.baseURL ?? ''}/oidc-callback`
        : undefined;
    m.note(
      'config.oidc.callbackURL',
      `read from key OIDC_CALLBACK_URL of Secret ${external.name}, as the chart's ` +
        `-oidc-callback-url=$(OIDC_CALLBACK_URL) does (the value in the values is not used)${
          host
            ? `; the ingress host gives ${host}: if the Secret holds another URL, that is the one the ` +
              'identity provider must list'
            : ''
        }`,
    );
  }
  const settings = {
    secretName: external.name,
    ...(clientId ? { clientId } : {}),
    ...shared,
    ...(fromSecret ? { keys: { callbackUrl: 'OIDC_CALLBACK_URL' } } : { callbackUrl, publicUrl }),
  };
  m.props.auth = coded(
    HeadlampAuth.oidc(OidcConfig.fromSettingsSecret(settings)),
    `HeadlampAuth.oidc(OidcConfig.fromSettingsSecret(${toTs(settings)}))`,
  );
  m.note(
    'config.oidc.externalSecret',
    `Secret ${external.name} is read key by key into Headlamp's HEADLAMP_CONFIG_OIDC_* env ` +
      `vars; OIDC_SCOPES is optional (read when present` +
      `${external.hasScopes ? '; the chart requires it with hasScopes' : ''}), ` +
      'and no other key of the Secret becomes an env var',
    ['oidc-scopes'],
  );
}

/**
 * The client secret of the values: a Secret key from an env var's valueFrom.secretKeyRef (the chart's
 * `-oidc-client-secret=$(OIDC_CLIENT_SECRET)`), or a plaintext value (only with the opt-in); undefined for a public
 * client.
 */
function clientSecret(m: Migration, setting: OidcSettings): OidcClientSecret | undefined {
  const e = setting.env.clientSecret;
  if (e && m.config.oidc?.clientSecret) {
    m.note(
      'config.oidc.clientSecret',
      `ignored: ${e.at} (${e.name}) replaces it, as in the chart; remove it from the values (a secret in a ` +
        `values file)`,
    );
  }
  const ref = e?.valueFrom?.secretKeyRef;
  if (e?.valueFrom && !ref) {
    refuse(
      `${e.at}.valueFrom`,
      e.valueFrom.configMapKeyRef
        ? 'a client secret in a ConfigMap is readable by everyone who may read ConfigMaps, and shown in plain ' +
            'text; move it into a Secret and use valueFrom.secretKeyRef'
        : 'expected valueFrom.secretKeyRef: the client secret comes from a key of a Secret',
    );
  }
  if (ref) {
    if (!ref.name)
      refuse(`${e!.at}.valueFrom.secretKeyRef.name`, 'expected the name of the Secret that holds the client secret');
    const chartForm = e!.name === chartEnvOf('clientSecret');
    if (chartForm || ref.optional) {
      m.note(
        e!.at,
        `${e!.name} from Secret ${ref.name}, key ${ref.key}: read by Headlamp as ` +
          `HEADLAMP_CONFIG_OIDC_CLIENT_SECRET from that key` +
          (chartForm
            ? ' (the chart passes -oidc-client-secret=$(OIDC_CLIENT_SECRET)); the OIDC_CLIENT_SECRET variable ' +
              'itself is not kept: Headlamp never reads it'
            : '') +
          (ref.optional
            ? '; required here (optional: true dropped): a missing key would leave the login without its secret'
            : ''),
        ref.optional ? ['oidc-client-secret'] : [],
      );
    }
    return coded(
      OidcClientSecret.fromSecret(ref.name, ref.key),
      `OidcClientSecret.fromSecret(${quote(ref.name)}, ${quote(ref.key)})`,
    );
  }
  const plaintext = setting('clientSecret');
  if (!plaintext) return undefined;
  if (!m.options.unsafePlaintextSecrets) {
    refuse(
      setting.at('clientSecret'),
      e
        ? `${e.name} as a plain value writes the client secret into the manifests; keep it in a Secret you create ` +
            'and use an env valueFrom secretKeyRef (or config.oidc.externalSecret), or pass --unsafe-plaintext-secrets'
        : 'a client secret in values ends up in plain text in the manifests; keep it in a Secret you create ' +
            '(External Secrets, SealedSecrets) and set config.oidc.externalSecret.enabled and .name, or pass ' +
            '--unsafe-plaintext-secrets',
    );
  }
  m.note(
    setting.at('clientSecret'),
    `written into Secret ${m.name}-oidc (--unsafe-plaintext-secrets) and read as HEADLAMP_CONFIG_OIDC_CLIENT_SECRET, ` +
      'never on the command line',
  );
  return coded(
    OidcClientSecret.unsafePlaintextInManifests(plaintext),
    `OidcClientSecret.fromSecret(${quote(`${m.name}-oidc`)}, 'client-secret') /* create this Secret; never put ` +
      `the value here */`,
  );
}

/**
 * OIDC settings without a client ID: the chart passes no -oidc-client-id, and Headlamp's OIDC login is silently off.
 * Refused, saying why (with secret.create: false, secret.name is read by nothing) and which form works.
 */
function noClientId(m: Migration): never {
  const secret = m.config.oidc?.secret ?? {};
  if (secret.create === false && secret.name) {
    refuse(
      'config.oidc.secret.name',
      `read by the chart only with secret.create: true, so with these values it renders no client ID and Headlamp's ` +
        `OIDC login is silently off (token login instead); to read the settings from Secret ${secret.name}, set ` +
        'config.oidc.externalSecret.enabled and .name (keys OIDC_CLIENT_ID, OIDC_ISSUER_URL, OIDC_CLIENT_SECRET), ' +
        'or set config.oidc.clientID',
    );
  }
  return refuse(
    'config.oidc.clientID',
    "expected a client ID: without one the chart passes no -oidc-client-id and Headlamp's OIDC login is silently " +
      'off (token login instead); set config.oidc.clientID, or read the settings from a Secret with ' +
      'config.oidc.externalSecret',
  );
}

/** OIDC login from the settings in the values (a client secret from a Secret, or in plain text with the opt-in). */
function oidcLogin(m: Migration, setting: OidcSettings): void {
  if (!setting('clientID')) noClientId(m);
  const secret = clientSecret(m, setting);
  const given = setting('scopes');
  const scopes = given?.split(/[\s,]+/).filter(Boolean);
  // What OidcConfig renders: openid is left out, as Headlamp asks for it itself.
  const rendered = scopes?.filter((x) => x !== 'openid').join(',');
  if (given && rendered !== given) {
    const why = [
      scopes!.join(',') !== given ? 'Headlamp splits -oidc-scopes on commas' : '',
      scopes!.includes('openid') ? 'openid left out, as Headlamp asks for it itself (it would be asked for twice)' : '',
    ]
      .filter(Boolean)
      .join('; ');
    m.note(setting.at('scopes'), `'${given}' passed as '${rendered}': ${why}`, ['oidc-scopes']);
  }
  if (!given)
    m.note(
      'config.oidc.scopes',
      "profile,email passed explicitly (Headlamp's own default; the chart passes no -oidc-scopes)",
      ['oidc-scopes'],
    );
  const oidcProps = {
    clientId: setting('clientID') ?? '',
    issuerUrl: setting('issuerURL') ?? '',
    ...(secret ? { clientSecret: secret } : {}),
    ...(scopes?.length ? { scopes } : {}),
    ...oidcShared(m, setting),
  } as OidcConfigProps;
  m.props.auth = coded(
    HeadlampAuth.oidc(new OidcConfig(oidcProps)),
    `HeadlampAuth.oidc(new OidcConfig(${toTs(oidcProps)}))`,
  );
  const oidc = m.config.oidc ?? {};
  if (oidc.secret?.create !== false && (oidc.clientID || oidc.issuerURL)) {
    m.note(
      'config.oidc.secret.create',
      `no chart-style Secret of OIDC settings: the settings are flags` +
        `${secret ? ', the client secret a Secret reference' : ''}`,
    );
  }
}

/** config.unsafeUseServiceAccountToken: everyone acts as one ServiceAccount, bound to view (only with the opt-in). */
function sharedServiceAccountToken(m: Migration): void {
  if (!m.options.unsafeSharedServiceAccountToken) {
    refuse(
      'config.unsafeUseServiceAccountToken',
      "everyone who reaches the UI would act as Headlamp's ServiceAccount; remove it (users log in " +
        'with their own token or OIDC), or pass --unsafe-shared-service-account-token',
    );
  }
  if (m.props.auth) refuse('config.unsafeUseServiceAccountToken', 'cannot be combined with OIDC login; pick one');
  m.props.auth = coded(
    HeadlampAuth.unsafeSharedServiceAccountToken({ role: LoginRole.view() }),
    'HeadlampAuth.unsafeSharedServiceAccountToken({ role: LoginRole.view() })',
  );
  m.note(
    'config.unsafeUseServiceAccountToken',
    `the shared ServiceAccount is bound to view, not ${m.v.clusterRoleBinding?.clusterRoleName ?? 'cluster-admin'} ` +
      '(least privilege; LoginRole.clusterAdmin() by name in TypeScript)',
  );
  if (m.config.serviceAccountTokenPath) {
    m.note('config.serviceAccountTokenPath', 'dropped: Headlamp reads the mounted ServiceAccount token', [
      'service-account-token-path',
    ]);
  }
}
