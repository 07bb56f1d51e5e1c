// The chart's OIDC settings and where each comes from: config.oidc, or an env var of the values (the chart's name or
// Headlamp's HEADLAMP_CONFIG_* one), which wins as in the chart.
import { Migration, refuse, Values } from './context';
import { goBool } from './go-bool';

/**
 * The chart's OIDC settings (templates/deployment.yaml): the config.oidc key, the env var the chart also reads it
 * from ("OIDC directly from env") and passes as `-<flag>=$(<env var>)`, and Headlamp's flag.
 */
export const OIDC_SETTINGS = {
  clientID: ['OIDC_CLIENT_ID', 'oidc-client-id'],
  clientSecret: ['OIDC_CLIENT_SECRET', 'oidc-client-secret'],
  issuerURL: ['OIDC_ISSUER_URL', 'oidc-idp-issuer-url'],
  scopes: ['OIDC_SCOPES', 'oidc-scopes'],
  callbackURL: ['OIDC_CALLBACK_URL', 'oidc-callback-url'],
  usePKCE: ['OIDC_USE_PKCE', 'oidc-use-pkce'],
  useAccessToken: ['OIDC_USE_ACCESS_TOKEN', 'oidc-use-access-token'],
  validatorClientID: ['OIDC_VALIDATOR_CLIENT_ID', 'oidc-validator-client-id'],
  validatorIssuerURL: ['OIDC_VALIDATOR_ISSUER_URL', 'oidc-validator-idp-issuer-url'],
  meUserInfoURL: ['ME_USER_INFO_URL', 'me-user-info-url'],
  useCookie: [undefined, 'oidc-use-cookie'],
} as const;
export type OidcKey = keyof typeof OIDC_SETTINGS;

/** The env var Headlamp reads a flag from itself (`HEADLAMP_CONFIG_OIDC_CLIENT_ID`). */
const headlampEnv = (flag: string) => `HEADLAMP_CONFIG_${flag.toUpperCase().replace(/-/g, '_')}`;
/** Env var name -> the setting it gives. */
const BY_ENV: Readonly<Record<string, OidcKey>> = Object.fromEntries(
  Object.entries(OIDC_SETTINGS).flatMap(([key, [chartEnv, flag]]) => [
    ...(chartEnv ? [[chartEnv, key]] : []),
    [headlampEnv(flag), key],
  ]),
);

/** Whether an env var of the values is an OIDC setting (read here, never kept as an env var). */
export const isOidcEnv = (name: string) => name in BY_ENV;

/** An OIDC setting given as an env var of the values. */
export interface OidcEnv {
  /** Its values key, `env[2]`. */
  readonly at: string;
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: Values;
}

/** What the login section reads about one setting. */
export interface OidcSettings {
  /**
   * A setting as text: the env var's value if given (the chart's env comes after its own), else config.oidc's; a
   * boolean as 'true'.
   */
  (key: OidcKey): string | undefined;
  /** The env var that gives a setting, if any. */
  readonly env: Partial<Record<OidcKey, OidcEnv>>;
  /** The values key a setting comes from. */
  at(key: OidcKey): string;
}

/** What the settings Secret of config.oidc.externalSecret can hold instead. */
const IN_SETTINGS_SECRET: Partial<Record<OidcKey, string>> = {
  clientID: 'client ID',
  issuerURL: 'issuer URL',
  scopes: 'scopes',
};

/** The settings Headlamp reads as Go booleans. */
const BOOLEAN_KEYS: ReadonlySet<OidcKey> = new Set(['usePKCE', 'useAccessToken', 'useCookie']);

/**
 * A boolean setting from an env var, as 'true' or 'false': Headlamp's HEADLAMP_CONFIG_* read as its Go flag reads it;
 * the chart's own (OIDC_USE_PKCE) only as true or false, since the chart compares the text to "true" to decide whether
 * to pass the flag.
 */
function envBool(e: OidcEnv, key: OidcKey): string {
  const value = String(e.value);
  const flag = `-${OIDC_SETTINGS[key][1]}`;
  const on = goBool(value, e.at, `${e.name} (${flag})`);
  if (e.name === OIDC_SETTINGS[key][0] && value !== 'true' && value !== 'false') {
    refuse(
      e.at,
      `${e.name}=${value}: the chart passes ${flag} only when the text is "true", while Headlamp reads it as a Go ` +
        `boolean, so the two disagree; write ${on}`,
    );
  }
  return String(on);
}

/** The OIDC settings of the values; a setting other than the client secret from a valueFrom is refused. */
export function oidcSettings(m: Migration): OidcSettings {
  const oidc = m.config.oidc ?? {};
  const env: Partial<Record<OidcKey, OidcEnv>> = {};
  (m.v.env ?? []).forEach((e: Values, i: number) => {
    if (isOidcEnv(e.name))
      env[BY_ENV[e.name]] = { at: `env[${i}]`, name: e.name, value: e.value, valueFrom: e.valueFrom };
  });
  const setting = (key: OidcKey): string | undefined => {
    const e = env[key];
    if (e?.valueFrom && key !== 'clientSecret') {
      const what = IN_SETTINGS_SECRET[key];
      refuse(
        e.at,
        `${e.name} from valueFrom: the migration needs the ${what ?? 'setting'} as a value to build Headlamp's ` +
          `login (it is not secret); write it as config.oidc.${key}` +
          (what
            ? ', or keep client ID, issuer URL, scopes and client secret in one Secret (keys ' +
              'OIDC_CLIENT_ID, OIDC_ISSUER_URL, OIDC_SCOPES, OIDC_CLIENT_SECRET) named by config.oidc.externalSecret'
            : ''),
      );
    }
    if (e?.value !== undefined) return BOOLEAN_KEYS.has(key) && e.value !== '' ? envBool(e, key) : e.value || undefined;
    const given = oidc[key];
    return given === undefined || given === '' || given === false ? undefined : String(given);
  };
  return Object.assign(setting, { env, at: (key: OidcKey) => env[key]?.at ?? `config.oidc.${key}` });
}

/** The chart's env var for a setting, and Headlamp's flag. */
export const chartEnvOf = (key: OidcKey): string | undefined => OIDC_SETTINGS[key][0];
export const flagOf = (key: OidcKey): string => OIDC_SETTINGS[key][1];
