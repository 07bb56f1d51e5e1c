// OidcConfig: Headlamp's own OIDC login (generic and provider presets), bound into a pod contribution (flags,
// client-secret env, CA mount).
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { describeKind, fail, parseProps } from '../core/errors';
import type { AuthContext, AuthContribution } from './auth-contribution';
import {
  ClaimMapping,
  claimPath,
  jmesPath,
  NameFormat,
  nameFormats,
  resolveClaims,
  TokenIdentity,
} from './claim-mapping';
import { FlagValue, flagEnvName, HeadlampFlag } from '../core/headlamp-flags';
import { Owned, OwnedFlag } from '../core/pod-contribution';
import { dnsSubdomain, secretKey } from '../core/schema';
import { SecretKeyRef } from '../core/secret-ref';
import {
  CognitoOidcOptions,
  DexOidcOptions,
  EntraIdOidcOptions,
  KeycloakOidcOptions,
  OIDC_SETTINGS_KEYS,
  OidcClientOptions,
  OidcConfigProps,
  OidcSettingsKeys,
  OidcProvider,
  OidcSettingsSecretOptions,
  OpenUnisonOidcOptions,
  presetSchemas,
} from './oidc-options';
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

/**
 * How a user builds each provider's config: named in the error when its options are not an object (JavaScript callers).
 */
const FACTORY: Record<OidcProvider, string> = {
  [OidcProvider.GENERIC]: 'new OidcConfig({ issuerUrl, clientId, publicUrl })',
  [OidcProvider.DEX]: 'OidcConfig.dex({ issuerUrl, clientId, publicUrl })',
  [OidcProvider.KEYCLOAK]: 'OidcConfig.keycloak({ host, realm, clientId, clientSecret, publicUrl })',
  [OidcProvider.ENTRA_ID]: 'OidcConfig.entraId({ tenantId, clientId, publicUrl })',
  [OidcProvider.COGNITO]: 'OidcConfig.cognito({ region, userPoolId, clientId, publicUrl })',
  [OidcProvider.GOOGLE]: 'OidcConfig.google({ clientId, clientSecret, publicUrl })',
  [OidcProvider.OPENUNISON]: 'OidcConfig.openUnison({ host, clientId, publicUrl })',
  [OidcProvider.SETTINGS_SECRET]: 'OidcConfig.fromSettingsSecret({ secretName, publicUrl })',
};

/** @internal The deployment facts an OIDC config is bound with: the auth context plus where it sits in the props. */
export interface OidcBindContext extends AuthContext {
  /** Prop path of the config, for errors (`props.auth.oidc`). */
  readonly propPath: string;
}

/** @internal What an OIDC config adds to Headlamp's pod: always a callback URL. */
export interface OidcBinding extends AuthContribution {
  readonly callbackUrl?: string;
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
  /** The env var Headlamp reads the client secret from (`secretKeyRef`). */
  public static readonly CLIENT_SECRET_ENV: string = OIDC_CLIENT_SECRET_ENV;
  /** Where the custom CA of a private identity provider (`caCertificate`) is mounted. */
  public static readonly CA_DIR: string = OIDC_CA_DIR;
  /** The AKS AAD Server application ID: the audience of the access tokens the Entra ID preset requests. */
  public static readonly ENTRA_GRAPH_APP_ID: string = ENTRA_GRAPH_APP_ID;
  /** The key names of an OIDC settings Secret (the official chart's externalSecret keys). */
  public static readonly SETTINGS_KEYS: OidcSettingsKeys = OIDC_SETTINGS_KEYS;

  /** Dex. Scopes add `groups` (Dex's group claim). Register the callback URL in `staticClients[].redirectURIs`. */
  public static dex(options: DexOidcOptions): OidcConfig {
    return new OidcConfig(OidcProvider.DEX, raw(options), (o) => ({
      issuerUrl: String(o.issuerUrl),
      scopes: ['profile', 'email', 'groups'],
    }));
  }

  /**
   * Keycloak, a confidential client. Register the callback URL under the client's "Valid redirect URIs".
   * Groups come from a "Group Membership" mapper, which sends full paths (`/platform-team`) by default: RBAC
   * subjects for those groups must carry the leading `/`.
   */
  public static keycloak(options: KeycloakOidcOptions): OidcConfig {
    return new OidcConfig(OidcProvider.KEYCLOAK, raw(options), (o) => ({
      issuerUrl: `https://${o.host}/realms/${o.realm}`,
      scopes: ['email', 'profile'],
      needsSecret: true,
      groupNames: 'keycloak-path',
    }));
  }

  /**
   * Azure Entra ID (AKS): access tokens for the AKS server app (scope `6dae42f8-…/user.read`), validator
   * audience/issuer overrides and PKCE, as Entra needs. The API server maps users by `oid` and groups by object ID.
   * Register the callback URL as a "Web" redirect URI of the app registration.
   */
  public static entraId(options: EntraIdOidcOptions): OidcConfig {
    return new OidcConfig(OidcProvider.ENTRA_ID, raw(options), (o) => ({
      issuerUrl: `https://login.microsoftonline.com/${o.tenantId}/v2.0`,
      scopes: [`${ENTRA_GRAPH_APP_ID}/user.read`, 'email', 'profile'],
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
      issuerUrl: `https://cognito-idp.${o.region}.amazonaws.com/${o.userPoolId}`,
      scopes: ['profile', 'email'],
      claims: { groupsClaim: 'cognito:groups' },
    }));
  }

  /** Google. Register the callback URL as an "Authorized redirect URI" of the OAuth client. */
  public static google(options: OidcClientOptions): OidcConfig {
    return new OidcConfig(OidcProvider.GOOGLE, raw(options), () => ({
      issuerUrl: 'https://accounts.google.com',
      scopes: ['profile', 'email'],
      needsSecret: true,
      claims: { noGroups: true },
    }));
  }

  /** OpenUnison. Register the callback URL as a redirect URI of OpenUnison's Headlamp trust. */
  public static openUnison(options: OpenUnisonOidcOptions): OidcConfig {
    return new OidcConfig(OidcProvider.OPENUNISON, raw(options), (o) => ({
      issuerUrl: `https://${o.host}/auth/idp/k8sIdp`,
      scopes: ['profile', 'email'],
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

  /** @internal Validates the inputs and renders what they add to Headlamp's pod: flags, env and the CA volume. */
  public _bind(scope: Construct, ctx: OidcBindContext): OidcBinding {
    const at = ctx.propPath;
    if (typeof this.input !== 'object' || this.input === null || Array.isArray(this.input)) {
      fail(
        scope,
        ctx.constructType,
        at,
        `expected the options object of ${FACTORY[this.provider]}, ` +
          `got ${describeKind(this.input)}; pass the options as one object`,
      );
    }
    const o = parseProps(scope, ctx.constructType, presetSchemas()[this.provider], this.input, at) as PresetInput;
    const d = this.presetDefaults(o);
    const settings = this.provider === OidcProvider.SETTINGS_SECRET ? String(o.secretName) : undefined;
    const confidential = settings ? o.includesClientSecret !== false : !!o.clientSecret;
    this.refuseConflicts(scope, ctx, o, d, confidential);
    const keys = o.keys as OidcSettingsKeys | undefined;
    // A callback URL read from the settings Secret is the Secret's: none is known here.
    const callbackUrl =
      settings && keys?.callbackUrl ? undefined : (o.callbackUrl ?? `${o.publicUrl}${ctx.baseUrl}/oidc-callback`);
    const client = settings
      ? settingsSecretClient(settings, confidential, `${at}.secretName`, keys, o.clientId as string | undefined)
      : this.client(scope, ctx, o, d);
    const flags = [...client.flags];
    const add = (flag: HeadlampFlag, value: FlagValue['value'] | undefined, prop: string) => {
      if (value !== undefined && value !== false) flags.push({ flag, value, prop: `${at}.${prop}` });
    };
    add('oidc-callback-url', callbackUrl, o.callbackUrl ? 'callbackUrl' : 'publicUrl');
    add('oidc-use-pkce', o.usePkce ?? true, 'usePkce');
    add('oidc-use-access-token', o.useAccessToken ?? d.useAccessToken, 'useAccessToken');
    add('oidc-use-cookie', o.useCookie, 'useCookie');
    add('oidc-validator-client-id', o.validatorClientId ?? d.validatorClientId, 'validatorClientId');
    add('oidc-validator-idp-issuer-url', o.validatorIssuerUrl ?? d.validatorIssuerUrl, 'validatorIssuerUrl');
    add('oidc-ca-file', o.caCertificate ? `${OIDC_CA_DIR}/ca.crt` : undefined, 'caCertificate');
    add('oidc-skip-tls-verify', o.unsafeSkipTlsVerify, 'unsafeSkipTlsVerify');
    add('me-user-info-url', o.userInfoUrl, 'userInfoUrl');
    // Headlamp shows who is logged in from the same claims the API server maps (unless told otherwise); a settings
    // Secret names no provider, so there is no mapping to follow.
    const claims = resolveClaims(o.claims, d.claims ?? {});
    // Each path as the JMESPath Headlamp compiles (a claim such as cognito:groups quoted), comma-joined alternatives.
    const paths = (given: string[] | undefined, claim: string | undefined) =>
      given?.map((x) => jmesPath(x)!).join(',') ?? (settings || claim === undefined ? undefined : claimPath(claim));
    add(
      'me-username-path',
      paths(o.usernameClaimPaths, claims.usernameClaim),
      o.usernameClaimPaths ? 'usernameClaimPaths' : 'claims',
    );
    add('me-email-path', paths(o.emailClaimPaths, undefined), 'emailClaimPaths');
    add(
      'me-groups-path',
      paths(o.groupsClaimPaths, claims.groupsClaim),
      o.groupsClaimPaths ? 'groupsClaimPaths' : 'claims',
    );
    const ca: OidcCaCertificate | undefined = o.caCertificate;
    return {
      flags,
      env: client.env,
      volumes: ca ? [{ prop: `${at}.caCertificate`, value: ca._volume }] : [],
      volumeMounts: ca
        ? [{ prop: `${at}.caCertificate`, value: { name: 'oidc-ca', mountPath: OIDC_CA_DIR, readOnly: true } }]
        : [],
      callbackUrl,
      identity: settings ? undefined : this.identity(scope, ctx, o, d, claims),
    };
  }

  /** Refuses combinations of options that cannot work, or that weaken the login without saying so by name. */
  private refuseConflicts(
    scope: Construct,
    ctx: OidcBindContext,
    o: PresetInput,
    d: PresetDefaults,
    confidential: boolean,
  ): void {
    const refuse = (prop: string, message: string) =>
      fail(scope, ctx.constructType, `${ctx.propPath}.${prop}`, message);
    if (d.issuerUrl?.startsWith('http:') && !o.unsafeAllowHttpIssuer) {
      refuse(
        'issuerUrl',
        `expected an https issuer, got ${JSON.stringify(d.issuerUrl)}; ` +
          'tokens would travel in clear text (set unsafeAllowHttpIssuer: true for local development only)',
      );
    }
    if (!confidential && o.usePkce === false) {
      refuse(
        'usePkce',
        'a public client (no clientSecret) must use PKCE, got false; ' +
          "set usePkce: true or give clientSecret: OidcClientSecret.fromSecret('name', 'key')",
      );
    }
    if (!confidential && d.needsSecret) {
      refuse(
        'clientSecret',
        `the ${this.provider} preset needs a confidential client, got undefined; ` +
          "give clientSecret: OidcClientSecret.fromSecret('name', 'key')",
      );
    }
    if ((o.keys as OidcSettingsKeys | undefined)?.callbackUrl) {
      if (o.publicUrl || o.callbackUrl) {
        refuse(
          o.publicUrl ? 'publicUrl' : 'callbackUrl',
          'conflicts with keys.callbackUrl (the callback URL read from the settings Secret), got both; keep one',
        );
      }
    } else if (!o.publicUrl && !o.callbackUrl) {
      refuse(
        'publicUrl',
        'expected the https origin users reach Headlamp at (or an explicit callbackUrl), ' +
          "got undefined; e.g. publicUrl: 'https://headlamp.example.com'",
      );
    }
    if (o.caCertificate && o.unsafeSkipTlsVerify) {
      refuse(
        'unsafeSkipTlsVerify',
        'conflicts with caCertificate, got true; trust the CA instead of skipping verification',
      );
    }
  }

  /** The client ID, issuer and scopes as flags, and the client secret (if any) as env from a Secret. */
  private client(scope: Construct, ctx: OidcBindContext, o: PresetInput, d: PresetDefaults): ClientSettings {
    const at = ctx.propPath;
    const secret = o.clientSecret ? this.clientSecret(scope, ctx, o.clientSecret) : undefined;
    return {
      flags: [
        { flag: 'oidc-client-id', value: o.clientId, prop: `${at}.clientId` },
        ...(secret ? [secret.flag] : []),
        { flag: 'oidc-idp-issuer-url', value: d.issuerUrl!, prop: `${at}.issuerUrl` },
        { flag: 'oidc-scopes', value: renderedScopes(scope, ctx, o.scopes ?? d.scopes!), prop: `${at}.scopes` },
      ],
      env: secret ? [secret.env] : [],
    };
  }

  /** The client secret as an env var from a Secret: the user's, or (plaintext opt-in) one created here. */
  private clientSecret(
    scope: Construct,
    ctx: OidcBindContext,
    secret: OidcClientSecret,
  ): { env: Owned<k8s.EnvVar>; flag: OwnedFlag } {
    const prop = `${ctx.propPath}.clientSecret`;
    const ref = secret._ref ?? SecretKeyRef.fromName(`${ctx.name}-oidc`, 'client-secret');
    if (secret._ref) {
      parseProps(
        scope,
        ctx.constructType,
        z.strictObject({ secretName: dnsSubdomain, key: secretKey }),
        { secretName: ref.secretName, key: ref.key },
        prop,
      );
    } else {
      new k8s.KubeSecret(scope, 'OidcClientSecret', {
        metadata: { name: ref.secretName, labels: ctx.labels },
        type: 'Opaque',
        stringData: { [ref.key]: secret._plaintext! },
      });
    }
    // Headlamp reads HEADLAMP_CONFIG_OIDC_CLIENT_SECRET itself: the secret never appears on the command line.
    return {
      env: { prop, value: ref.toEnv(OIDC_CLIENT_SECRET_ENV) },
      flag: { flag: 'oidc-client-secret', value: `$(${OIDC_CLIENT_SECRET_ENV})`, viaEnv: true, prop },
    };
  }

  /**
   * The tokens Headlamp forwards: the ID token (iss = issuer, aud = client ID), or with useAccessToken the access
   * token, which the validator settings describe (Entra: issuer sts.windows.net/<tenant>/, audience the AKS server
   * app).
   */
  private identity(
    scope: Construct,
    ctx: OidcBindContext,
    o: PresetInput,
    d: PresetDefaults,
    claims: ClaimMapping,
  ): TokenIdentity {
    const useAccessToken = o.useAccessToken ?? d.useAccessToken;
    const validatorClientId = o.validatorClientId ?? d.validatorClientId;
    const aksManaged =
      this.provider === OidcProvider.ENTRA_ID && !!useAccessToken && validatorClientId === ENTRA_GRAPH_APP_ID;
    if (aksManaged && o.claims) {
      fail(
        scope,
        ctx.constructType,
        `${ctx.propPath}.claims`,
        'AKS maps Entra ID tokens itself (users by UPN, groups by object ID, no prefix), got claims; ' +
          'drop claims, or set useAccessToken: false for a self-managed API server that trusts Entra ID tokens',
      );
    }
    return {
      source: `OidcConfig (${this.provider})`,
      issuerUrl: String(useAccessToken ? (o.validatorIssuerUrl ?? d.validatorIssuerUrl ?? d.issuerUrl) : d.issuerUrl),
      audience: String(useAccessToken ? (validatorClientId ?? o.clientId) : o.clientId),
      // AKS-managed Entra ID: Kubernetes user = UPN, groups = object IDs, no prefixes (AKS's own mapping).
      claims: aksManaged
        ? { usernameClaim: 'upn', usernamePrefix: '', groupsClaim: 'groups', groupsPrefix: '' }
        : claims,
      ...nameFormats(o.claims, d),
      ...(aksManaged ? { userNames: 'any' as const } : {}),
      caCertificate: o.caCertificate,
      aksManaged,
    };
  }
}

/**
 * `-oidc-scopes`: the scopes comma-joined, without `openid`, which Headlamp puts first itself (backend/cmd/headlamp.go
 * ~1087, v0.45.0: it would be asked for twice). Refuses a list of `openid` alone: -oidc-scopes would be empty, and
 * Headlamp configures no OIDC without scopes.
 */
function renderedScopes(scope: Construct, ctx: OidcBindContext, scopes: string[]): string {
  const rest = scopes.filter((x) => x !== 'openid');
  if (!rest.length) {
    fail(
      scope,
      ctx.constructType,
      `${ctx.propPath}.scopes`,
      'expected a scope besides openid (Headlamp asks for openid itself, and with no other ' +
        "scope -oidc-scopes is empty and Headlamp turns OIDC off), got [\"openid\"]; e.g. ['profile', 'email']",
    );
  }
  return rest.join(',');
}

/** The client's flags and the env they read. */
interface ClientSettings {
  readonly flags: OwnedFlag[];
  readonly env: Owned<k8s.EnvVar>[];
}

/**
 * The client ID, secret, issuer and scopes from a settings Secret, each Headlamp's own HEADLAMP_CONFIG_* env var from
 * the Secret's key (the official chart's names); the scopes key may be absent (Headlamp then asks for its default
 * scopes), as the chart allows. A `clientId` value is passed as the flag instead of its key.
 */
function settingsSecretClient(
  secretName: string,
  confidential: boolean,
  prop: string,
  named: OidcSettingsKeys = {},
  clientId?: string,
): ClientSettings {
  const k = { ...OIDC_SETTINGS_KEYS, ...Object.fromEntries(Object.entries(named).filter(([, v]) => v !== undefined)) };
  const keys: Array<[HeadlampFlag, string]> = [
    ...(clientId === undefined ? [['oidc-client-id', k.clientId] as [HeadlampFlag, string]] : []),
    ...(confidential ? [['oidc-client-secret', k.clientSecret] as [HeadlampFlag, string]] : []),
    ['oidc-idp-issuer-url', k.issuerUrl],
    ['oidc-scopes', k.scopes],
    ...(named.callbackUrl ? [['oidc-callback-url', named.callbackUrl] as [HeadlampFlag, string]] : []),
  ];
  return {
    flags: [
      ...(clientId === undefined
        ? []
        : [{ flag: 'oidc-client-id' as HeadlampFlag, value: clientId, prop: prop.replace(/secretName$/, 'clientId') }]),
      ...keys.map(([flag]) => ({ flag, value: `$(${flagEnvName(flag)})`, viaEnv: true, prop })),
    ],
    env: keys.map(([flag, key]) => {
      const env = SecretKeyRef.fromName(secretName, key).toEnv(flagEnvName(flag));
      return {
        prop,
        value:
          flag === 'oidc-scopes'
            ? { ...env, valueFrom: { secretKeyRef: { name: secretName, key, optional: true } } }
            : env,
      };
    }),
  };
}
