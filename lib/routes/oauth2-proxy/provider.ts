// OAuth2ProxyProvider: the identity-provider presets oauth2-proxy signs users in with, and their options.
import { Duration } from 'cdk8s';
import { ClaimMapping, ClaimMappingOptions, claimMappingSchema, NameFormat } from '../../auth/claim-mapping';
import { checkValue, GUID, pattern, secondsOf, url, ValueIssue } from '../../core/schema';

/** Options every {@link OAuth2ProxyProvider} factory takes. */
export interface OAuth2ProxyProviderOptions {
  /**
   * How long the provider's ID tokens live. oauth2-proxy checks a token's expiry only when it refreshes the
   * session, and Headlamp forwards the ID token to the API server, which refuses it once expired: the cookie
   * refresh interval is derived from this (80 % of it, at most 1 hour) and a `cookie.refresh` that is not
   * shorter is refused. Check your provider's setting (Keycloak realm "Access Token Lifespan", ...).
   * @default - the preset's: Keycloak 5 min, Entra ID, Google and GitLab 1 h, Dex 24 h, generic OIDC 5 min
   */
  readonly idTokenLifetime?: Duration;
  /**
   * How the API server maps this provider's ID tokens (which Headlamp forwards) to Kubernetes users and groups:
   * the one source for {@link UserAccess} subjects and {@link ApiServerAuthentication} files.
   * @default - the provider's claims (`email`/`groups`; Entra ID `oid`; GitLab `groups_direct`), prefix 'oidc:'
   */
  readonly claims?: ClaimMappingOptions;
}

/** Options of {@link OAuth2ProxyProvider.keycloakOidc}. */
export interface KeycloakOAuth2ProxyOptions extends OAuth2ProxyProviderOptions {
  /**
   * Whether the realm's "Group Membership" mapper sends full group paths (`/platform-team`, Keycloak's
   * default) rather than bare names. With full paths, `allowedGroups` entries must start with `/`.
   * @default true
   */
  readonly fullGroupPath?: boolean;
}

/** The identity provider oauth2-proxy signs users in with. */
export class OAuth2ProxyProvider {
  /**
   * Any OIDC provider (Okta, Authentik, ...). Requests `groups` only with `allowedGroups` (oauth2-proxy's
   * own default); set `scopes` when your provider names it differently. The ID-token lifetime defaults to
   * a conservative 5 minutes: say yours with `idTokenLifetime`.
   */
  public static oidc(issuerUrl: string, options: OAuth2ProxyProviderOptions = {}): OAuth2ProxyProvider {
    return new OAuth2ProxyProvider('oidc', issuerUrl, options.idTokenLifetime ?? Duration.minutes(5), 'with-allowed-groups', [], options);
  }

  /**
   * Dex (`oidc` provider type). Dex puts the `groups` claim in the ID token only for the `groups` scope, and
   * issues refresh tokens only for `offline_access`: both are always requested (Headlamp's group header and
   * the API server's RBAC need the groups). Dex's default ID-token lifetime is 24 h (`expiry.idTokens`).
   */
  public static dex(issuerUrl: string, options: OAuth2ProxyProviderOptions = {}): OAuth2ProxyProvider {
    return new OAuth2ProxyProvider('oidc', issuerUrl, options.idTokenLifetime ?? Duration.hours(24), 'always', ['offline_access'], options);
  }

  /**
   * Keycloak through its OIDC provider type (`keycloak-oidc`): `https://<host>/realms/<realm>`. Groups come
   * from a "Group Membership" mapper, which sends full paths (`/platform-team`) unless "Full group path" is
   * off: `allowedGroups` and RBAC subjects must use the form your mapper sends. Keycloak's default access
   * and ID token lifespan is 5 minutes.
   */
  public static keycloakOidc(issuerUrl: string, options: KeycloakOAuth2ProxyOptions = {}): OAuth2ProxyProvider {
    return new OAuth2ProxyProvider('keycloak-oidc', issuerUrl, options.idTokenLifetime ?? Duration.minutes(5), 'never', [], options,
      { groupNames: options.fullGroupPath ?? true ? 'keycloak-path' : 'keycloak-name' });
  }

  /**
   * Azure Entra ID (`entra-id`), issuer `https://login.microsoftonline.com/<tenant>/v2.0`. The `groups` claim
   * carries group object IDs (GUIDs), not names. ID tokens live about 1 hour; `offline_access` is requested
   * for the refresh token.
   */
  public static entraId(tenantId: string, options: OAuth2ProxyProviderOptions = {}): OAuth2ProxyProvider {
    return new OAuth2ProxyProvider('entra-id', `https://login.microsoftonline.com/${tenantId}/v2.0`, options.idTokenLifetime ?? Duration.hours(1), 'never', ['offline_access'],
      options, { usernameClaim: 'oid', groupNames: 'entra-object-id', userNames: 'entra-object-id', tenantId });
  }

  /** Google (ID tokens live 1 hour; Google sends no groups claim). */
  public static google(options: OAuth2ProxyProviderOptions = {}): OAuth2ProxyProvider {
    return new OAuth2ProxyProvider('google', 'https://accounts.google.com', options.idTokenLifetime ?? Duration.hours(1), 'never', [], options, { noGroups: true });
  }

  /** GitHub (OAuth, no ID token: reverse-proxy mode cannot forward one to Kubernetes). */
  public static github(): OAuth2ProxyProvider {
    return new OAuth2ProxyProvider('github', undefined, undefined, 'never', [], {});
  }

  /** GitLab (`https://gitlab.com` or your instance). */
  public static gitlab(issuerUrl = 'https://gitlab.com', options: OAuth2ProxyProviderOptions = {}): OAuth2ProxyProvider {
    return new OAuth2ProxyProvider('gitlab', issuerUrl, options.idTokenLifetime ?? Duration.hours(1), 'never', [], options, { groupsClaim: 'groups_direct' });
  }

  private constructor(
    /** oauth2-proxy's `--provider` value. */ public readonly type: string,
    /** OIDC issuer, for providers that have one. */ public readonly issuerUrl: string | undefined,
    /** Lifetime of the provider's ID tokens (none for OAuth-only providers). */ public readonly idTokenLifetime: Duration | undefined,
    /** @internal When the default scopes include `groups`. */ public readonly _groupsScope: 'always' | 'with-allowed-groups' | 'never',
    /** @internal Scopes added to `openid email profile` by default. */ public readonly _extraScopes: string[],
    /** @internal The options as given. */ public readonly _options: OAuth2ProxyProviderOptions,
    /** @internal The provider's claims and name formats, and Entra ID's tenant as given. */
    public readonly _facts: Partial<ClaimMapping> & { noGroups?: boolean; groupNames?: NameFormat; userNames?: NameFormat; tenantId?: string } = {},
  ) {}

  /** @internal Groups arrive as full paths (`/team`), Keycloak's default. */
  public get _fullGroupPaths(): boolean {
    return this._facts.groupNames === 'keycloak-path';
  }

  /** @internal Entra ID's tenant, as given. */
  public get _tenantId(): string | undefined {
    return this._facts.tenantId;
  }

  /** @internal What is wrong with what the factory was given (as strictly as the matching OidcConfig preset). */
  public _issues(): ValueIssue[] {
    const issues: ValueIssue[] = [];
    if (this._tenantId !== undefined) issues.push(...checkValue(pattern(GUID, 'a tenant ID (a GUID)'), this._tenantId, 'tenantId'));
    else if (this.issuerUrl !== undefined) issues.push(...checkValue(url(['https'], 'an https issuer URL'), this.issuerUrl, 'issuerUrl'));
    if (this.type === 'keycloak-oidc' && issues.length === 0 && !/\/realms\/[^/]+$/.test(this.issuerUrl!)) {
      issues.push({ path: ['issuerUrl'], message: `expected Keycloak's realm issuer 'https://<host>/realms/<realm>', got ${JSON.stringify(this.issuerUrl)}` });
    }
    if (this.idTokenLifetime && (secondsOf(this.idTokenLifetime) ?? 0) < 60) {
      issues.push({ path: ['idTokenLifetime'], message: 'expected a Duration of whole seconds, at least 1 minute, got a Duration' });
    }
    const claims = claimMappingSchema().safeParse(this._options.claims ?? {}, { jitless: true });
    if (!claims.success) {
      const issue = claims.error.issues[0];
      issues.push({ path: ['claims', ...issue.path.map(String)], message: `${issue.message}, got ${JSON.stringify((this._options.claims as any)?.[issue.path[0] as string])}` });
    }
    return issues;
  }
}
