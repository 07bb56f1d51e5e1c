// OidcConfig: Headlamp's own OIDC login (generic and provider presets), bound into flags, env and mounts.
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { fail, parseProps } from '../core/errors';
import type { AuthContext, AuthContribution } from './auth-contribution';
import { ClaimMapping, ClaimMappingOptions, claimMappingSchema, NameFormat, nameFormats, resolveClaims, TokenIdentity } from './claim-mapping';
import { FlagValue, flagEnvName, HeadlampFlag } from '../core/headlamp-flags';
import {
  bool, dnsSubdomain, GUID, instance, lazy, pattern, sameShape, secretKey, str, uniqueList, url,
} from '../core/schema';
import { SecretKeyRef } from '../core/secret-ref';
import { OidcCaCertificate, OidcClientSecret } from './oidc-references';

/** Env var Headlamp reads the OIDC client secret from (its `HEADLAMP_CONFIG_*` form of `-oidc-client-secret`). */
export const OIDC_CLIENT_SECRET_ENV = 'HEADLAMP_CONFIG_OIDC_CLIENT_SECRET';

/** Where the custom CA for a private identity provider is mounted. */
export const OIDC_CA_DIR = '/etc/headlamp/oidc-ca';

/**
 * Application ID of the "Azure Kubernetes Service AAD Server" app: the audience of the Entra ID access tokens the
 * Entra preset requests (scope `<id>/user.read`) and AKS's API server accepts. (The name is historical: it is not
 * Microsoft Graph's ID.)
 */
export const ENTRA_GRAPH_APP_ID = '6dae42f8-4368-4678-94ff-3960e28e3630';

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
export interface OidcClientOptions {
  /** Client ID registered at the identity provider (`-oidc-client-id`). */
  readonly clientId: string;
  /**
   * Client secret (`-oidc-client-secret`), from an existing Secret.
   * @default - a public client: no secret, PKCE required
   */
  readonly clientSecret?: OidcClientSecret;
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
   * Scopes to request (`-oidc-scopes`, comma-joined). Headlamp always adds `openid` itself.
   * @default - the preset's, or ['profile', 'email']
   */
  readonly scopes?: string[];
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
   * Keep the token in a cookie (`-oidc-use-cookie`, Headlamp v0.41+).
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
export interface OidcSettingsSecretOptions extends Omit<OidcClientOptions, 'clientId' | 'clientSecret' | 'scopes'> {
  /** Name of the Secret. */
  readonly secretName: string;
  /**
   * Whether the Secret has an `OIDC_CLIENT_SECRET` key (a confidential client).
   * @default true
   */
  readonly includesClientSecret?: boolean;
}

const HOST = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*(:[0-9]{1,5})?$/;
const host = lazy(() => pattern(HOST, "a host name such as 'sso.example.com' (no scheme, no path)"));
const scopeSchema = lazy(() => pattern(/^[^\s,]+$/, 'a scope without spaces or commas'));
const claimPaths = lazy(() => uniqueList(pattern(/^[^\s,]+$/, 'a claim path without spaces or commas'), 'claim paths')
  .refine((xs) => xs.length > 0, { error: 'expected at least one claim path' }));

const clientOptionShape = lazy(() => ({
  clientId: str('a non-empty client ID'),
  clientSecret: z.custom<OidcClientSecret>((v) => v instanceof OidcClientSecret, {
    error: "expected OidcClientSecret.fromSecret('secret-name', 'key'): a literal secret would be written into the manifests " +
      '(OidcClientSecret.unsafePlaintextInManifests(...) says so by name)',
  }).optional(),
  publicUrl: url(['https'], "an https origin such as 'https://headlamp.example.com'")
    .refine((v) => new URL(v).pathname === '/' && !v.endsWith('/'), {
      error: "expected an https origin without a path or trailing '/' (the base URL is appended)",
    }).optional(),
  callbackUrl: url(['https', 'http']).optional(),
  scopes: uniqueList(scopeSchema(), 'scopes').refine((xs) => xs.length > 0, { error: 'expected at least one scope' }).optional(),
  usePkce: bool.optional(),
  useAccessToken: bool.optional(),
  useCookie: bool.optional(),
  validatorClientId: str('a non-empty client ID').optional(),
  validatorIssuerUrl: url(['https']).optional(),
  caCertificate: instance(OidcCaCertificate, 'OidcCaCertificate.fromConfigMap(...) or OidcCaCertificate.fromSecret(...)').optional(),
  unsafeSkipTlsVerify: bool.optional(),
  userInfoUrl: url(['https', 'http']).optional(),
  usernameClaimPaths: claimPaths().optional(),
  emailClaimPaths: claimPaths().optional(),
  groupsClaimPaths: claimPaths().optional(),
  claims: claimMappingSchema().optional(),
}));

const genericSchema = lazy(() => z.strictObject({
  ...clientOptionShape(),
  issuerUrl: url(['https', 'http']),
  unsafeAllowHttpIssuer: bool.optional(),
}));
sameShape<z.output<ReturnType<typeof genericSchema>>, OidcConfigProps>(true);

const presetSchemas = lazy(() => ({
  [OidcProvider.GENERIC]: genericSchema(),
  [OidcProvider.DEX]: z.strictObject({ ...clientOptionShape(), issuerUrl: url(['https']) }),
  [OidcProvider.KEYCLOAK]: z.strictObject({ ...clientOptionShape(), host: host(), realm: pattern(/^[^\s/]+$/, 'a realm name without spaces or slashes') }),
  [OidcProvider.ENTRA_ID]: z.strictObject({ ...clientOptionShape(), tenantId: pattern(GUID, 'a tenant ID (a GUID)') }),
  [OidcProvider.COGNITO]: z.strictObject({
    ...clientOptionShape(),
    region: pattern(/^[a-z]{2}(-[a-z]+)+-\d$/, "an AWS region such as 'eu-west-1'"),
    userPoolId: pattern(/^[a-z]{2}(-[a-z]+)+-\d_[A-Za-z0-9]+$/, "a user pool ID such as 'eu-west-1_AbCdEf123'"),
  }).refine((o) => o.userPoolId.split('_')[0] === o.region, {
    // A pool lives in one region and its issuer names both: a mismatch is an issuer that does not exist.
    error: 'expected a user pool ID of the same region (its prefix before \'_\' is its region)', path: ['userPoolId'],
  }),
  [OidcProvider.GOOGLE]: z.strictObject(clientOptionShape()),
  [OidcProvider.OPENUNISON]: z.strictObject({ ...clientOptionShape(), host: host() }),
  [OidcProvider.SETTINGS_SECRET]: z.strictObject(clientOptionShape()).omit({ clientId: true, clientSecret: true, scopes: true })
    .extend({ secretName: dnsSubdomain, includesClientSecret: bool.optional() }),
}));
sameShape<z.output<(ReturnType<typeof presetSchemas>)[OidcProvider.SETTINGS_SECRET]>, OidcSettingsSecretOptions>(true);
sameShape<z.output<(ReturnType<typeof presetSchemas>)[OidcProvider.KEYCLOAK]>, KeycloakOidcOptions>(true);
sameShape<z.output<(ReturnType<typeof presetSchemas>)[OidcProvider.ENTRA_ID]>, EntraIdOidcOptions>(true);
sameShape<z.output<(ReturnType<typeof presetSchemas>)[OidcProvider.COGNITO]>, CognitoOidcOptions>(true);
sameShape<z.output<(ReturnType<typeof presetSchemas>)[OidcProvider.OPENUNISON]>, OpenUnisonOidcOptions>(true);
sameShape<z.output<(ReturnType<typeof presetSchemas>)[OidcProvider.DEX]>, DexOidcOptions>(true);
sameShape<z.output<(ReturnType<typeof presetSchemas>)[OidcProvider.GOOGLE]>, OidcClientOptions>(true);

/** What the preset decides for the provider, below what the user sets. */
interface PresetDefaults {
  /** Issuer URL; undefined when it comes from a settings Secret. */
  readonly issuerUrl?: string;
  readonly scopes?: string[];
  readonly useAccessToken?: boolean;
  readonly validatorClientId?: string;
  readonly validatorIssuerUrl?: string;
  /** The preset's provider needs a confidential client. */
  readonly needsSecret?: boolean;
  /** The provider's claims, under what the user sets. */
  readonly claims?: Partial<ClaimMapping> & { noGroups?: boolean };
  /** How group names look in the provider's tokens. */
  readonly groupNames?: NameFormat;
  /** How user names look under the default username claim. */
  readonly userNames?: NameFormat;
}

/** Options as given, before validation at bind time. */
type PresetInput = Record<string, any>;
const raw = (options: object): PresetInput => options as PresetInput;

/** @internal The deployment facts an OIDC config is bound with: the auth context plus where it sits in the props. */
export interface OidcBindContext extends AuthContext {
  /** Prop path of the config, for errors (`props.auth.oidc`). */
  readonly propPath: string;
}

/** @internal What an OIDC config adds to the Headlamp container: always a callback URL. */
export interface OidcBinding extends AuthContribution {
  readonly callbackUrl: string;
}

/**
 * Headlamp's OIDC login: the flags the server reads, with the client secret from a Secret.
 *
 * Build one with a provider preset (`OidcConfig.keycloak({...})`, `entraId`, `cognito`, `dex`, `google`,
 * `openUnison`) or `new OidcConfig({...})`, and pass it as `auth: HeadlampAuth.oidc(config)`.
 * PKCE is on by default. Inputs are validated when the config is bound to a HeadlampDeployment,
 * so errors name the construct path.
 */
export class OidcConfig {
  /** Dex. Scopes add `groups` (Dex's group claim). Register the callback URL in `staticClients[].redirectURIs`. */
  public static dex(options: DexOidcOptions): OidcConfig {
    return new OidcConfig(OidcProvider.DEX, raw(options), (o) => ({
      issuerUrl: String(o.issuerUrl), scopes: ['profile', 'email', 'groups'],
    }));
  }

  /**
   * Keycloak, a confidential client. Register the callback URL under the client's "Valid redirect URIs".
   * Groups come from a "Group Membership" mapper, which sends full paths (`/platform-team`) by default: RBAC
   * subjects for those groups must carry the leading `/`.
   */
  public static keycloak(options: KeycloakOidcOptions): OidcConfig {
    return new OidcConfig(OidcProvider.KEYCLOAK, raw(options), (o) => ({
      issuerUrl: `https://${o.host}/realms/${o.realm}`, scopes: ['email', 'profile'], needsSecret: true, groupNames: 'keycloak-path',
    }));
  }

  /**
   * Azure Entra ID (AKS): access tokens for the AKS server app (scope `6dae42f8-…/user.read`), validator
   * audience/issuer overrides and PKCE, as Entra needs. The API server maps users by `oid` and groups by object ID. Register the callback URL as a "Web" redirect URI of the app registration.
   */
  public static entraId(options: EntraIdOidcOptions): OidcConfig {
    return new OidcConfig(OidcProvider.ENTRA_ID, raw(options), (o) => ({
      issuerUrl: `https://login.microsoftonline.com/${o.tenantId}/v2.0`,
      scopes: [`${ENTRA_GRAPH_APP_ID}/user.read`, 'openid', 'email', 'profile'],
      useAccessToken: true,
      validatorClientId: ENTRA_GRAPH_APP_ID,
      validatorIssuerUrl: `https://sts.windows.net/${o.tenantId}/`,
      claims: { usernameClaim: 'oid' },
      groupNames: 'entra-object-id',
      userNames: 'entra-object-id',
    }));
  }

  /** AWS Cognito (EKS). Register the callback URL as an "Allowed callback URL" of the app client. */
  public static cognito(options: CognitoOidcOptions): OidcConfig {
    return new OidcConfig(OidcProvider.COGNITO, raw(options), (o) => ({
      issuerUrl: `https://cognito-idp.${o.region}.amazonaws.com/${o.userPoolId}`, scopes: ['profile', 'email', 'openid'],
      claims: { groupsClaim: 'cognito:groups' },
    }));
  }

  /** Google. Register the callback URL as an "Authorized redirect URI" of the OAuth client. */
  public static google(options: OidcClientOptions): OidcConfig {
    return new OidcConfig(OidcProvider.GOOGLE, raw(options), () => ({
      issuerUrl: 'https://accounts.google.com', scopes: ['profile', 'email'], needsSecret: true,
      claims: { noGroups: true },
    }));
  }

  /** OpenUnison. Register the callback URL as a redirect URI of OpenUnison's Headlamp trust. */
  public static openUnison(options: OpenUnisonOidcOptions): OidcConfig {
    return new OidcConfig(OidcProvider.OPENUNISON, raw(options), (o) => ({
      issuerUrl: `https://${o.host}/auth/idp/k8sIdp`, scopes: ['profile', 'email'],
      claims: { usernameClaim: 'sub' },
    }));
  }

  /**
   * Everything the provider needs from one existing Secret (keys {@link OIDC_SETTINGS_KEYS}), like the
   * official chart's `externalSecret`.
   */
  public static fromSettingsSecret(options: OidcSettingsSecretOptions): OidcConfig {
    return new OidcConfig(OidcProvider.SETTINGS_SECRET, raw(options), () => ({}));
  }

  /** The identity provider this config was built for. */
  public readonly provider: OidcProvider;
  private readonly input: PresetInput;
  private readonly presetDefaults: (validated: PresetInput) => PresetDefaults;

  /** A generic OIDC provider. */
  constructor(props: OidcConfigProps);
  /** @internal */
  constructor(provider: OidcProvider, input: PresetInput, defaults: (o: PresetInput) => PresetDefaults);
  constructor(a: OidcConfigProps | OidcProvider, input?: PresetInput, defaults?: (o: PresetInput) => PresetDefaults) {
    if (typeof a === 'string') {
      this.provider = a;
      this.input = input!;
      this.presetDefaults = defaults!;
    } else {
      this.provider = OidcProvider.GENERIC;
      this.input = raw(a);
      this.presetDefaults = (o) => ({ issuerUrl: String(o.issuerUrl), scopes: ['profile', 'email'] });
    }
  }

  /** @internal Validates the inputs and renders flags, env and volumes for a Headlamp container. */
  public _bind(scope: Construct, ctx: OidcBindContext): OidcBinding {
    const at = ctx.propPath;
    const o = parseProps(scope, ctx.constructType, presetSchemas()[this.provider], this.input, at) as PresetInput;
    const d = this.presetDefaults(o);
    const settings = this.provider === OidcProvider.SETTINGS_SECRET ? String(o.secretName) : undefined;
    const confidential = settings ? o.includesClientSecret !== false : !!o.clientSecret;
    if (d.issuerUrl?.startsWith('http:') && !o.unsafeAllowHttpIssuer) {
      fail(scope, ctx.constructType, `${at}.issuerUrl`, `expected an https issuer, got ${JSON.stringify(d.issuerUrl)}; ` +
        'tokens would travel in clear text (set unsafeAllowHttpIssuer: true for local development only)');
    }
    const usePkce = o.usePkce ?? true;
    if (!confidential && !usePkce) {
      fail(scope, ctx.constructType, `${at}.usePkce`, 'a public client (no clientSecret) must use PKCE, got false; ' +
        "set usePkce: true or give clientSecret: OidcClientSecret.fromSecret('name', 'key')");
    }
    if (!confidential && d.needsSecret) {
      fail(scope, ctx.constructType, `${at}.clientSecret`, `the ${this.provider} preset needs a confidential client, got undefined; ` +
        "give clientSecret: OidcClientSecret.fromSecret('name', 'key')");
    }
    if (!o.publicUrl && !o.callbackUrl) {
      fail(scope, ctx.constructType, `${at}.publicUrl`, 'expected the https origin users reach Headlamp at (or an explicit callbackUrl), ' +
        "got undefined; e.g. publicUrl: 'https://headlamp.example.com'");
    }
    if (o.caCertificate && o.unsafeSkipTlsVerify) {
      fail(scope, ctx.constructType, `${at}.unsafeSkipTlsVerify`, 'conflicts with caCertificate, got true; ' +
        'trust the CA instead of skipping verification');
    }
    const callbackUrl = o.callbackUrl ?? `${o.publicUrl}${ctx.baseUrl}/oidc-callback`;

    const flags: Array<FlagValue & { prop: string }> = [];
    const add = (flag: FlagValue['flag'], value: FlagValue['value'] | undefined, prop: string) => {
      if (value !== undefined && value !== false) flags.push({ flag, value, prop: `${at}.${prop}` });
    };
    const env: k8s.EnvVar[] = [];
    const volumes: k8s.Volume[] = [];
    const volumeMounts: k8s.VolumeMount[] = [];

    if (settings) {
      // Each setting is Headlamp's own HEADLAMP_CONFIG_* env var from the Secret's key (the official chart's names);
      // the scopes key may be absent (Headlamp then asks for its default scopes), as the chart allows.
      env.push(SecretKeyRef.fromName(settings, OIDC_SETTINGS_KEYS.clientId).toEnv(flagEnvName('oidc-client-id')));
      if (confidential) env.push(SecretKeyRef.fromName(settings, OIDC_SETTINGS_KEYS.clientSecret).toEnv(flagEnvName('oidc-client-secret')));
      env.push(SecretKeyRef.fromName(settings, OIDC_SETTINGS_KEYS.issuerUrl).toEnv(flagEnvName('oidc-idp-issuer-url')));
      env.push({ ...SecretKeyRef.fromName(settings, OIDC_SETTINGS_KEYS.scopes).toEnv(flagEnvName('oidc-scopes')),
        valueFrom: { secretKeyRef: { name: settings, key: OIDC_SETTINGS_KEYS.scopes, optional: true } } });
      const owned: HeadlampFlag[] = ['oidc-client-id', ...(confidential ? ['oidc-client-secret' as const] : []), 'oidc-idp-issuer-url', 'oidc-scopes'];
      for (const flag of owned) {
        flags.push({ flag, value: `$(${flagEnvName(flag)})`, viaEnv: true, prop: `${at}.secretName` });
      }
    } else {
      add('oidc-client-id', o.clientId, 'clientId');
      if (o.clientSecret) this.bindClientSecret(scope, ctx, o.clientSecret, env, flags);
      add('oidc-idp-issuer-url', d.issuerUrl, 'issuerUrl');
      add('oidc-scopes', (o.scopes ?? d.scopes!).join(','), 'scopes');
    }
    add('oidc-callback-url', callbackUrl, o.callbackUrl ? 'callbackUrl' : 'publicUrl');
    add('oidc-use-pkce', usePkce, 'usePkce');
    add('oidc-use-access-token', o.useAccessToken ?? d.useAccessToken, 'useAccessToken');
    add('oidc-use-cookie', o.useCookie, 'useCookie');
    add('oidc-validator-client-id', o.validatorClientId ?? d.validatorClientId, 'validatorClientId');
    add('oidc-validator-idp-issuer-url', o.validatorIssuerUrl ?? d.validatorIssuerUrl, 'validatorIssuerUrl');
    if (o.caCertificate) {
      volumes.push(o.caCertificate._volume);
      volumeMounts.push({ name: 'oidc-ca', mountPath: OIDC_CA_DIR, readOnly: true });
      add('oidc-ca-file', `${OIDC_CA_DIR}/ca.crt`, 'caCertificate');
    }
    add('oidc-skip-tls-verify', o.unsafeSkipTlsVerify, 'unsafeSkipTlsVerify');
    add('me-user-info-url', o.userInfoUrl, 'userInfoUrl');
    // Headlamp shows who is logged in from the same claims the API server maps (unless told otherwise).
    const claims = resolveClaims(o.claims, d.claims ?? {});
    const derive = !settings; // a settings Secret names no provider, so no mapping to follow
    add('me-username-path', o.usernameClaimPaths?.join(',') ?? (derive ? claims.usernameClaim : undefined), o.usernameClaimPaths ? 'usernameClaimPaths' : 'claims');
    add('me-email-path', o.emailClaimPaths?.join(','), 'emailClaimPaths');
    add('me-groups-path', o.groupsClaimPaths?.join(',') ?? (derive ? claims.groupsClaim : undefined), o.groupsClaimPaths ? 'groupsClaimPaths' : 'claims');
    const useAccessToken = o.useAccessToken ?? d.useAccessToken;
    // The token Headlamp forwards: the ID token (iss = issuer, aud = client ID), or with useAccessToken the access
    // token, which the validator settings describe (Entra: issuer sts.windows.net/<tenant>/, audience the AKS server app).
    const aksManaged = this.provider === OidcProvider.ENTRA_ID && !!useAccessToken && (o.validatorClientId ?? d.validatorClientId) === ENTRA_GRAPH_APP_ID;
    if (aksManaged && o.claims) {
      fail(scope, ctx.constructType, `${at}.claims`, 'AKS maps Entra ID tokens itself (users by UPN, groups by object ID, no prefix), got claims; ' +
        'drop claims, or set useAccessToken: false for a self-managed API server that trusts Entra ID tokens');
    }
    const identity: TokenIdentity | undefined = settings ? undefined : {
      source: `OidcConfig (${this.provider})`,
      issuerUrl: String(useAccessToken ? (o.validatorIssuerUrl ?? d.validatorIssuerUrl ?? d.issuerUrl) : d.issuerUrl),
      audience: String(useAccessToken ? (o.validatorClientId ?? d.validatorClientId ?? o.clientId) : o.clientId),
      // AKS-managed Entra ID: Kubernetes user = UPN, groups = object IDs, no prefixes (AKS's own mapping).
      claims: aksManaged ? { usernameClaim: 'upn', usernamePrefix: '', groupsClaim: 'groups', groupsPrefix: '' } : claims,
      ...nameFormats(o.claims, d),
      ...(aksManaged ? { userNames: 'any' as const } : {}),
      caCertificate: o.caCertificate,
      aksManaged,
    };
    return { flags, env, volumes, volumeMounts, callbackUrl, identity };
  }

  /** The client secret as an env var from a Secret: the user's, or (plaintext opt-in) one created here. */
  private bindClientSecret(scope: Construct, ctx: OidcBindContext, secret: OidcClientSecret, env: k8s.EnvVar[],
    flags: Array<FlagValue & { prop: string }>) {
    const ref = secret._ref ?? SecretKeyRef.fromName(`${ctx.name}-oidc`, 'client-secret');
    if (secret._ref) {
      parseProps(scope, ctx.constructType, z.strictObject({ secretName: dnsSubdomain, key: secretKey }),
        { secretName: ref.secretName, key: ref.key }, `${ctx.propPath}.clientSecret`);
    } else {
      new k8s.KubeSecret(scope, 'OidcClientSecret', {
        metadata: { name: ref.secretName, labels: ctx.labels },
        type: 'Opaque',
        stringData: { [ref.key]: secret._plaintext! },
      });
    }
    // Headlamp reads HEADLAMP_CONFIG_OIDC_CLIENT_SECRET itself: the secret never appears on the command line.
    env.push(ref.toEnv(OIDC_CLIENT_SECRET_ENV));
    flags.push({ flag: 'oidc-client-secret', value: `$(${OIDC_CLIENT_SECRET_ENV})`, viaEnv: true, prop: `${ctx.propPath}.clientSecret` });
  }
}
