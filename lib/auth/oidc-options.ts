// What OidcConfig and its presets accept: the providers, the options of each preset, the settings-Secret keys, one
// schema per provider.
import { z } from 'zod';
import { ClaimMappingOptions, claimMappingSchema, jmesPath } from './claim-mapping';
import {
  bool,
  clientId,
  dnsSubdomain,
  GUID,
  instance,
  lazy,
  pattern,
  sameShape,
  secretKey,
  uniqueList,
  url,
} from '../core/schema';
import { OidcCaCertificate, OidcClientSecret } from './oidc-references';

/** Identity providers with a preset. */
export enum OidcProvider {
  GENERIC = 'generic',
  DEX = 'dex',
  KEYCLOAK = 'keycloak',
  ENTRA_ID = 'entra-id',
  COGNITO = 'cognito',
  GOOGLE = 'google',
  OPENUNISON = 'openunison',
  /** Client ID, issuer, scopes (and secret) all read from one existing Secret. */
  SETTINGS_SECRET = 'settings-secret',
}

/**
 * Keys of a settings Secret (the official chart's `externalSecret` convention), each read into the
 * `HEADLAMP_CONFIG_*` env var of its flag: `OIDC_CLIENT_ID` -> `HEADLAMP_CONFIG_OIDC_CLIENT_ID`.
 */
export const OIDC_SETTINGS_KEYS = {
  clientId: 'OIDC_CLIENT_ID',
  clientSecret: 'OIDC_CLIENT_SECRET',
  issuerUrl: 'OIDC_ISSUER_URL',
  scopes: 'OIDC_SCOPES',
} as const;

/** Settings every preset shares with {@link OidcConfigProps}. */
export interface OidcClientOptions extends OidcLoginOptions {
  /** Client ID registered at the identity provider (`-oidc-client-id`). */
  readonly clientId: string;
  /**
   * Client secret (`-oidc-client-secret`), from an existing Secret.
   * @default - a public client: no secret, PKCE required
   */
  readonly clientSecret?: OidcClientSecret;
  /**
   * Scopes to request (`-oidc-scopes`, comma-joined). Headlamp always asks for `openid` itself, so it is left out of
   * the flag (a list of `openid` alone is refused).
   * @default - the preset's, or ['profile', 'email']
   */
  readonly scopes?: string[];
}

/**
 * The OIDC settings besides the client's identity and scopes: every preset's, and a settings Secret's (which holds
 * those).
 */
export interface OidcLoginOptions {
  /**
   * Origin users reach Headlamp at, `https://headlamp.example.com` (no path: the base URL is appended).
   * The callback URL `<publicUrl><base-url>/oidc-callback` is derived from it.
   * @default - required unless `callbackUrl` is given
   */
  readonly publicUrl?: string;
  /**
   * Callback URL to register at the provider and pass as `-oidc-callback-url`.
   * @default - `<publicUrl><base-url>/oidc-callback`
   */
  readonly callbackUrl?: string;
  /**
   * Use PKCE (`-oidc-use-pkce`, Headlamp v0.37+). Turning it off is an explicit choice for old providers.
   * @default true
   */
  readonly usePkce?: boolean;
  /**
   * Send the access token instead of the ID token to the API server (`-oidc-use-access-token`).
   * @default - false, or the preset's
   */
  readonly useAccessToken?: boolean;
  /**
   * `-oidc-use-cookie` (Headlamp v0.41+): in v0.45 its only effect is to let the OIDC flags pass Headlamp's start-up
   * check out of cluster, so it is required with `inCluster: false` (refused without it).
   * @default false
   */
  readonly useCookie?: boolean;
  /**
   * Audience to validate instead of the client ID (`-oidc-validator-client-id`).
   * @default - the client ID, or the preset's
   */
  readonly validatorClientId?: string;
  /**
   * Issuer to validate tokens against (`-oidc-validator-idp-issuer-url`).
   * @default - the issuer URL, or the preset's
   */
  readonly validatorIssuerUrl?: string;
  /**
   * CA bundle for a private identity provider (`-oidc-ca-file`), mounted read-only.
   * @default - the system trust store
   */
  readonly caCertificate?: OidcCaCertificate;
  /**
   * Skip TLS verification of the identity provider (`-oidc-skip-tls-verify`). Prefer `caCertificate`.
   * @default false
   */
  readonly unsafeSkipTlsVerify?: boolean;
  /**
   * User-info endpoint for the "me" view (`-me-user-info-url`, Headlamp v0.37+).
   * @default - none
   */
  readonly userInfoUrl?: string;
  /**
   * Claim paths tried for the user name (`-me-username-path`).
   * @default - the username claim of `claims` (what the API server maps)
   */
  readonly usernameClaimPaths?: string[];
  /**
   * Claim paths tried for the email (`-me-email-path`).
   * @default - Headlamp's: email
   */
  readonly emailClaimPaths?: string[];
  /**
   * Claim paths tried for groups (`-me-groups-path`).
   * @default - the groups claim of `claims` (none for Google)
   */
  readonly groupsClaimPaths?: string[];
  /**
   * How the API server maps this provider's tokens to Kubernetes users and groups: the one source for
   * {@link UserAccess} subjects, {@link ApiServerAuthentication} files and Headlamp's `-me-username-path` /
   * `-me-groups-path` (unless `usernameClaimPaths`/`groupsClaimPaths` are set).
   * @default - the preset's claims, prefix 'oidc:'
   */
  readonly claims?: ClaimMappingOptions;
}

/** Props of a generic {@link OidcConfig}. */
export interface OidcConfigProps extends OidcClientOptions {
  /** Issuer URL (`-oidc-idp-issuer-url`), https. */
  readonly issuerUrl: string;
  /**
   * Allow an `http://` issuer. Tokens and codes then travel in clear text: local development only.
   * @default false
   */
  readonly unsafeAllowHttpIssuer?: boolean;
}

/** Dex: its configured `issuer`. */
export interface DexOidcOptions extends OidcClientOptions {
  /** Dex's `issuer` setting, e.g. `https://dex.example.com`. */
  readonly issuerUrl: string;
}

/** Keycloak: issuer `https://<host>/realms/<realm>`. */
export interface KeycloakOidcOptions extends OidcClientOptions {
  /** Keycloak host (and port), e.g. `sso.example.com`. */
  readonly host: string;
  /** Realm name. */
  readonly realm: string;
}

/** Azure Entra ID: issuer `https://login.microsoftonline.com/<tenant>/v2.0`. */
export interface EntraIdOidcOptions extends OidcClientOptions {
  /** Directory (tenant) ID, a GUID. */
  readonly tenantId: string;
}

/** AWS Cognito: issuer `https://cognito-idp.<region>.amazonaws.com/<userPoolId>`. */
export interface CognitoOidcOptions extends OidcClientOptions {
  /** AWS region, e.g. `eu-west-1`. */
  readonly region: string;
  /** User pool ID, e.g. `eu-west-1_AbCdEf123`. */
  readonly userPoolId: string;
}

/** OpenUnison: issuer `https://<host>/auth/idp/k8sIdp`. */
export interface OpenUnisonOidcOptions extends OidcClientOptions {
  /** OpenUnison host, e.g. `k8sou.example.com`. */
  readonly host: string;
}

/**
 * One existing Secret holds the client ID, issuer URL, scopes and (optionally) the client secret under
 * the keys of {@link OIDC_SETTINGS_KEYS}. Nothing about the provider enters the manifests; the issuer
 * cannot be checked at synth time.
 */
export interface OidcSettingsSecretOptions extends OidcLoginOptions {
  /** Name of the Secret. */
  readonly secretName: string;
  /**
   * Whether the Secret has an `OIDC_CLIENT_SECRET` key (a confidential client).
   * @default true
   */
  readonly includesClientSecret?: boolean;
  /**
   * The client ID as a value (it is not secret) instead of the Secret's key: the official chart's `OIDC_CLIENT_ID` env
   * beside its externalSecret, which wins over the Secret's key.
   * @default - read from the Secret (`keys.clientId`)
   */
  readonly clientId?: string;
  /**
   * The Secret's key names, where they differ from {@link OIDC_SETTINGS_KEYS} (a Secret made for other tools, e.g.
   * `clientID`, `clientSecret`, `issuerURL`). The scopes key is optional in the Secret: without it Headlamp uses its
   * own default scopes.
   * @default OIDC_SETTINGS_KEYS
   */
  readonly keys?: OidcSettingsKeys;
}

/**
 * Key names of an OIDC settings Secret ({@link OidcSettingsSecretOptions.keys}); each defaults to its
 * {@link OIDC_SETTINGS_KEYS} name.
 */
export interface OidcSettingsKeys {
  /** @default 'OIDC_CLIENT_ID' */
  readonly clientId?: string;
  /** @default 'OIDC_CLIENT_SECRET' */
  readonly clientSecret?: string;
  /** @default 'OIDC_ISSUER_URL' */
  readonly issuerUrl?: string;
  /** @default 'OIDC_SCOPES' */
  readonly scopes?: string;
  /**
   * Read the callback URL from this key too (the official chart's externalSecret mode with `config.oidc.callbackURL`
   * reads `OIDC_CALLBACK_URL`). Then neither `publicUrl` nor `callbackUrl` is given, and the HeadlampDeployment's
   * `oidcCallbackUrl` is undefined: the URL to register at the provider is the Secret's.
   * @default - not read: the callback URL is `publicUrl` + base URL + `/oidc-callback`, or `callbackUrl`
   */
  readonly callbackUrl?: string;
}

const HOST = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*(:[0-9]{1,5})?$/;
const host = lazy(() => pattern(HOST, "a host name such as 'sso.example.com' (no scheme, no path)"));
const scopeSchema = lazy(() => pattern(/^[^\s,]+$/, 'a scope without spaces or commas'));
const CLAIM_PATH =
  "a claim path such as 'groups', 'realm_access.roles' or 'cognito:groups' (JMESPath: names joined by '.', each " +
  "optionally indexed [0], [*] or []; a name with '.' or '/' quoted whole, as '\"https://example.com/groups\"'), " +
  'as Headlamp skips a path that does not compile';
const claimPaths = lazy(() =>
  uniqueList(
    pattern(/^[^\s,]+$/, 'a claim path without spaces or commas').refine((p) => jmesPath(p) !== undefined, {
      error: `expected ${CLAIM_PATH}`,
    }),
    'claim paths',
  ).refine((xs) => xs.length > 0, { error: 'expected at least one claim path' }),
);

const clientOptionShape = lazy(() => ({
  clientId,
  clientSecret: z
    .custom<OidcClientSecret>((v) => v instanceof OidcClientSecret, {
      error:
        "expected OidcClientSecret.fromSecret('secret-name', 'key'): a literal secret would be written into the " +
        'manifests (OidcClientSecret.unsafePlaintextInManifests(...) says so by name)',
    })
    .optional(),
  publicUrl: url(['https'], "an https origin such as 'https://headlamp.example.com'")
    .refine((v) => new URL(v).pathname === '/' && !v.endsWith('/'), {
      error: "expected an https origin without a path or trailing '/' (the base URL is appended)",
    })
    .optional(),
  callbackUrl: url(['https', 'http']).optional(),
  scopes: uniqueList(scopeSchema(), 'scopes')
    .refine((xs) => xs.length > 0, { error: 'expected at least one scope' })
    .optional(),
  usePkce: bool.optional(),
  useAccessToken: bool.optional(),
  useCookie: bool.optional(),
  validatorClientId: clientId.optional(),
  validatorIssuerUrl: url(['https']).optional(),
  caCertificate: instance(
    OidcCaCertificate,
    'OidcCaCertificate.fromConfigMap(...) or OidcCaCertificate.fromSecret(...)',
  ).optional(),
  unsafeSkipTlsVerify: bool.optional(),
  userInfoUrl: url(['https', 'http']).optional(),
  usernameClaimPaths: claimPaths().optional(),
  emailClaimPaths: claimPaths().optional(),
  groupsClaimPaths: claimPaths().optional(),
  claims: claimMappingSchema().optional(),
}));

const genericSchema = lazy(() =>
  z.strictObject({
    ...clientOptionShape(),
    issuerUrl: url(['https', 'http']),
    unsafeAllowHttpIssuer: bool.optional(),
  }),
);
sameShape<z.output<ReturnType<typeof genericSchema>>, OidcConfigProps>(true);

/** @internal The schema of each provider's options, checked when a config is bound. */
export const presetSchemas = lazy(() => ({
  [OidcProvider.GENERIC]: genericSchema(),
  [OidcProvider.DEX]: z.strictObject({ ...clientOptionShape(), issuerUrl: url(['https']) }),
  [OidcProvider.KEYCLOAK]: z.strictObject({
    ...clientOptionShape(),
    host: host(),
    realm: pattern(/^[^\s/]+$/, 'a realm name without spaces or slashes'),
  }),
  [OidcProvider.ENTRA_ID]: z.strictObject({ ...clientOptionShape(), tenantId: pattern(GUID, 'a tenant ID (a GUID)') }),
  [OidcProvider.COGNITO]: z
    .strictObject({
      ...clientOptionShape(),
      region: pattern(/^[a-z]{2}(-[a-z]+)+-\d$/, "an AWS region such as 'eu-west-1'"),
      userPoolId: pattern(/^[a-z]{2}(-[a-z]+)+-\d_[A-Za-z0-9]+$/, "a user pool ID such as 'eu-west-1_AbCdEf123'"),
    })
    .refine((o) => o.userPoolId.split('_')[0] === o.region, {
      // A pool lives in one region and its issuer names both: a mismatch is an issuer that does not exist.
      error: "expected a user pool ID of the same region (its prefix before '_' is its region)",
      path: ['userPoolId'],
    }),
  [OidcProvider.GOOGLE]: z.strictObject(clientOptionShape()),
  [OidcProvider.OPENUNISON]: z.strictObject({ ...clientOptionShape(), host: host() }),
  [OidcProvider.SETTINGS_SECRET]: z
    .strictObject(clientOptionShape())
    .omit({ clientId: true, clientSecret: true, scopes: true })
    .extend({
      secretName: dnsSubdomain,
      includesClientSecret: bool.optional(),
      clientId: clientId.optional(),
      keys: z
        .strictObject({
          clientId: secretKey.optional(),
          clientSecret: secretKey.optional(),
          issuerUrl: secretKey.optional(),
          scopes: secretKey.optional(),
          callbackUrl: secretKey.optional(),
        })
        .refine(
          (k) => {
            const given = Object.values(k).filter((x) => x !== undefined);
            return new Set(given).size === given.length;
          },
          { error: 'expected a different key for each setting' },
        )
        .optional(),
    })
    .refine((o) => o.clientId === undefined || o.keys?.clientId === undefined, {
      error: 'expected the client ID as a value or as a key of the Secret, got both; drop one',
      path: ['clientId'],
    }),
}));
sameShape<z.output<ReturnType<typeof presetSchemas>[OidcProvider.SETTINGS_SECRET]>, OidcSettingsSecretOptions>(true);
sameShape<z.output<ReturnType<typeof presetSchemas>[OidcProvider.KEYCLOAK]>, KeycloakOidcOptions>(true);
sameShape<z.output<ReturnType<typeof presetSchemas>[OidcProvider.ENTRA_ID]>, EntraIdOidcOptions>(true);
sameShape<z.output<ReturnType<typeof presetSchemas>[OidcProvider.COGNITO]>, CognitoOidcOptions>(true);
sameShape<z.output<ReturnType<typeof presetSchemas>[OidcProvider.OPENUNISON]>, OpenUnisonOidcOptions>(true);
sameShape<z.output<ReturnType<typeof presetSchemas>[OidcProvider.DEX]>, DexOidcOptions>(true);
sameShape<z.output<ReturnType<typeof presetSchemas>[OidcProvider.GOOGLE]>, OidcClientOptions>(true);
