// OidcConfig: Headlamp's own OIDC login (generic and provider presets), bound into flags, env and mounts.
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { fail, parseProps } from '../core/errors';
import type { AuthContext, AuthContribution } from './auth-contribution';
import { ClaimMapping, NameFormat, nameFormats, resolveClaims, TokenIdentity } from './claim-mapping';
import { FlagValue, flagEnvName, HeadlampFlag } from '../core/headlamp-flags';
import { dnsSubdomain, secretKey } from '../core/schema';
import { SecretKeyRef } from '../core/secret-ref';
import {
  CognitoOidcOptions, DexOidcOptions, EntraIdOidcOptions, KeycloakOidcOptions, OIDC_SETTINGS_KEYS, OidcClientOptions, OidcConfigProps,
  OidcProvider, OidcSettingsSecretOptions, OpenUnisonOidcOptions, presetSchemas,
} from './oidc-options';
import { OidcClientSecret } from './oidc-references';

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
