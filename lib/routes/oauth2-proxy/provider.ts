// OAuth2ProxyProvider: the identity-provider presets oauth2-proxy signs users in with, and their options.
import { Duration } from 'cdk8s';
import { ClaimMapping, ClaimMappingOptions, claimMappingSchema, NameFormat } from '../../auth/claim-mapping';
import { describeValue } from '../../core/errors';
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

/**
 * Options of {@link OAuth2ProxyProvider.oidc} and {@link OAuth2ProxyProvider.dex} in the options-object form, the
 * shape of `OidcConfig.dex({ issuerUrl })`. `oidc({ issuerUrl, ...options })` is the same as `oidc(issuerUrl,
 * options)`.
 */
export interface OidcOAuth2ProxyOptions extends OAuth2ProxyProviderOptions {
  /** The issuer URL, byte for byte as the provider's discovery document says it (https). */
  readonly issuerUrl: string;
}

/**
 * Options of {@link OAuth2ProxyProvider.keycloakOidc} in the options-object form: `keycloakOidc({ issuerUrl,
 * ...options })`
 * is the same as `keycloakOidc(issuerUrl, options)`.
 */
export interface KeycloakOidcOAuth2ProxyOptions extends KeycloakOAuth2ProxyOptions {
  /** The realm's issuer, `https://<host>/realms/<realm>`. */
  readonly issuerUrl: string;
}

/**
 * Options of {@link OAuth2ProxyProvider.entraId} in the options-object form, the shape of `OidcConfig.entraId({
 * tenantId })`:
 * `entraId({ tenantId, ...options })` is the same as `entraId(tenantId, options)`.
 */
export interface EntraIdOAuth2ProxyOptions extends OAuth2ProxyProviderOptions {
  /** The directory (tenant) ID, a GUID. */
  readonly tenantId: string;
}

/**
 * Options of {@link OAuth2ProxyProvider.gitlab} in the options-object form: `gitlab({ issuerUrl, ...options })` is the
 * same as `gitlab(issuerUrl, options)`.
 */
export interface GitLabOAuth2ProxyOptions extends OAuth2ProxyProviderOptions {
  /**
   * `https://gitlab.com` or your instance.
   * @default 'https://gitlab.com'
   */
  readonly issuerUrl?: string;
}

/** @internal The argument a factory needs, as it was given (JavaScript callers can leave it out). */
interface FactoryArgument {
  readonly factory: string;
  readonly name: 'issuerUrl' | 'tenantId';
  readonly value: unknown;
}

/** What each required argument is, for the message when it is missing. */
const ARGUMENT_WHAT: Record<FactoryArgument['name'], string> = {
  issuerUrl: 'an https issuer URL',
  tenantId: 'a tenant ID (a GUID)',
};

/** The required argument and the options, from either form: `(value, options)` or `({ [name]: value, ...options })`. */
function fromArgs<O extends object>(
  factory: string,
  name: FactoryArgument['name'],
  first: unknown,
  options: O | undefined,
): { argument: FactoryArgument; options: O } {
  if (first !== null && typeof first === 'object') {
    const { [name]: value, ...rest } = first as Record<string, unknown>;
    return { argument: { factory, name, value }, options: rest as O };
  }
  return { argument: { factory, name, value: first }, options: options ?? ({} as O) };
}

/** The value when it is a string: an issuer URL is never built from `undefined`. */
const given = (a: FactoryArgument) => (typeof a.value === 'string' ? a.value : undefined);

/**
 * The identity provider oauth2-proxy signs users in with. Each factory takes its required argument either first
 * (`entraId(tenantId, options)`) or in the options object (`entraId({ tenantId, ...options })`, the shape of the
 * `OidcConfig` presets): the two forms are equivalent.
 */
export class OAuth2ProxyProvider {
  /**
   * Any OIDC provider (Okta, Authentik, ...). Requests `groups` only with `allowedGroups` (oauth2-proxy's
   * own default); set `scopes` when your provider names it differently. The ID-token lifetime defaults to
   * a conservative 5 minutes: say yours with `idTokenLifetime`.
   */
  public static oidc(options: OidcOAuth2ProxyOptions): OAuth2ProxyProvider;
  public static oidc(issuerUrl: string, options?: OAuth2ProxyProviderOptions): OAuth2ProxyProvider;
  public static oidc(first: string | OidcOAuth2ProxyOptions, second?: OAuth2ProxyProviderOptions): OAuth2ProxyProvider {
    const { argument, options } = fromArgs('oidc', 'issuerUrl', first, second);
    return new OAuth2ProxyProvider(
      'oidc',
      given(argument),
      options.idTokenLifetime ?? Duration.minutes(5),
      'with-allowed-groups',
      [],
      options,
      {},
      argument,
    );
  }

  /**
   * Dex (`oidc` provider type). Dex puts the `groups` claim in the ID token only for the `groups` scope, and
   * issues refresh tokens only for `offline_access`: both are always requested (Headlamp's group header and
   * the API server's RBAC need the groups). Dex's default ID-token lifetime is 24 h (`expiry.idTokens`).
   */
  public static dex(options: OidcOAuth2ProxyOptions): OAuth2ProxyProvider;
  public static dex(issuerUrl: string, options?: OAuth2ProxyProviderOptions): OAuth2ProxyProvider;
  public static dex(first: string | OidcOAuth2ProxyOptions, second?: OAuth2ProxyProviderOptions): OAuth2ProxyProvider {
    const { argument, options } = fromArgs('dex', 'issuerUrl', first, second);
    return new OAuth2ProxyProvider(
      'oidc',
      given(argument),
      options.idTokenLifetime ?? Duration.hours(24),
      'always',
      ['offline_access'],
      options,
      {},
      argument,
    );
  }

  /**
   * Keycloak through its OIDC provider type (`keycloak-oidc`): `https://<host>/realms/<realm>`. Groups come
   * from a "Group Membership" mapper, which sends full paths (`/platform-team`) unless "Full group path" is
   * off: `allowedGroups` and RBAC subjects must use the form your mapper sends. Keycloak's default access
   * and ID token lifespan is 5 minutes.
   */
  public static keycloakOidc(options: KeycloakOidcOAuth2ProxyOptions): OAuth2ProxyProvider;
  public static keycloakOidc(issuerUrl: string, options?: KeycloakOAuth2ProxyOptions): OAuth2ProxyProvider;
  public static keycloakOidc(
    first: string | KeycloakOidcOAuth2ProxyOptions,
    second?: KeycloakOAuth2ProxyOptions,
  ): OAuth2ProxyProvider {
    const { argument, options } = fromArgs<KeycloakOAuth2ProxyOptions>('keycloakOidc', 'issuerUrl', first, second);
    return new OAuth2ProxyProvider(
      'keycloak-oidc',
      given(argument),
      options.idTokenLifetime ?? Duration.minutes(5),
      'never',
      [],
      options,
      { groupNames: (options.fullGroupPath ?? true) ? 'keycloak-path' : 'keycloak-name' },
      argument,
    );
  }

  /**
   * Azure Entra ID (`entra-id`), issuer `https://login.microsoftonline.com/<tenant>/v2.0`. The `groups` claim
   * carries group object IDs (GUIDs), not names. ID tokens live about 1 hour; `offline_access` is requested
   * for the refresh token.
   */
  public static entraId(options: EntraIdOAuth2ProxyOptions): OAuth2ProxyProvider;
  public static entraId(tenantId: string, options?: OAuth2ProxyProviderOptions): OAuth2ProxyProvider;
  public static entraId(
    first: string | EntraIdOAuth2ProxyOptions,
    second?: OAuth2ProxyProviderOptions,
  ): OAuth2ProxyProvider {
    const { argument, options } = fromArgs('entraId', 'tenantId', first, second);
    const tenantId = given(argument);
    return new OAuth2ProxyProvider(
      'entra-id',
      tenantId === undefined ? undefined : `https://login.microsoftonline.com/${tenantId}/v2.0`,
      options.idTokenLifetime ?? Duration.hours(1),
      'never',
      ['offline_access'],
      options,
      { usernameClaim: 'oid', groupNames: 'entra-object-id', userNames: 'entra-object-id', tenantId },
      argument,
    );
  }

  /** Google (ID tokens live 1 hour; Google sends no groups claim). */
  public static google(options: OAuth2ProxyProviderOptions = {}): OAuth2ProxyProvider {
    return new OAuth2ProxyProvider(
      'google',
      'https://accounts.google.com',
      options.idTokenLifetime ?? Duration.hours(1),
      'never',
      [],
      options,
      { noGroups: true },
    );
  }

  /** GitHub (OAuth, no ID token: reverse-proxy mode cannot forward one to Kubernetes). */
  public static github(): OAuth2ProxyProvider {
    return new OAuth2ProxyProvider('github', undefined, undefined, 'never', [], {});
  }

  /**
   * GitLab (`https://gitlab.com` or your instance). GitLab's ID token carries direct group memberships as
   * `groups_direct` (the RBAC default); oauth2-proxy reads GitLab's groups from its userinfo endpoint.
   */
  public static gitlab(options?: GitLabOAuth2ProxyOptions): OAuth2ProxyProvider;
  public static gitlab(issuerUrl?: string, options?: OAuth2ProxyProviderOptions): OAuth2ProxyProvider;
  public static gitlab(
    first?: string | GitLabOAuth2ProxyOptions,
    second?: OAuth2ProxyProviderOptions,
  ): OAuth2ProxyProvider {
    const { argument, options } = fromArgs('gitlab', 'issuerUrl', first, second);
    const withDefault = { ...argument, value: argument.value ?? 'https://gitlab.com' };
    return new OAuth2ProxyProvider(
      'gitlab',
      given(withDefault),
      options.idTokenLifetime ?? Duration.hours(1),
      'never',
      [],
      options,
      { groupsClaim: 'groups_direct' },
      withDefault,
    );
  }

  private constructor(
    /** oauth2-proxy's `--provider` value. */ public readonly type: string,
    /** OIDC issuer, for providers that have one. */ public readonly issuerUrl: string | undefined,
    /** Lifetime of the provider's ID tokens (none for OAuth-only providers). */ public readonly idTokenLifetime:
      Duration | undefined,
    /** @internal When the default scopes include `groups`. */ public readonly _groupsScope:
      'always' | 'with-allowed-groups' | 'never',
    /** @internal Scopes added to `openid email profile` by default. */ public readonly _extraScopes: string[],
    /** @internal The options as given. */ public readonly _options: OAuth2ProxyProviderOptions,
    /** @internal The provider's claims and name formats, and Entra ID's tenant as given. */
    public readonly _facts: Partial<ClaimMapping> & {
      noGroups?: boolean;
      groupNames?: NameFormat;
      userNames?: NameFormat;
      tenantId?: string;
    } = {},
    /** @internal The factory's required argument, as given. */ private readonly _argument?: FactoryArgument,
  ) {}

  /** @internal Groups arrive as full paths (`/team`), Keycloak's default. */
  public get _fullGroupPaths(): boolean {
    return this._facts.groupNames === 'keycloak-path';
  }

  /** @internal Entra ID's tenant, as given. */
  public get _tenantId(): string | undefined {
    return this._facts.tenantId;
  }

  /**
   * @internal Where oauth2-proxy reads the groups `allowedGroups` is checked against (oauth2-proxy v7.15.3):
   * the OIDC provider types read the ID token's claim `--oidc-groups-claim` / alpha `oidcConfig.groupsClaim`, which
   * this library leaves at `groups` (pkg/apis/options/providers.go OIDCGroupsClaim); GitLab overwrites them with its
   * userinfo `groups` (providers/gitlab.go EnrichSession), whose ID-token claim is `groups_direct`; Google fills
   * them only from the Admin SDK (providers/google.go), which this library does not configure: none.
   * `claim` is the ID-token claim that carries the same groups, for comparing with the RBAC claim mapping.
   */
  public get _proxyGroups(): { claim: string; says: string } | undefined {
    if (this.type === 'google') return undefined;
    if (this.type === 'gitlab')
      return { claim: 'groups_direct', says: "GitLab's userinfo groups (in the ID token: 'groups_direct')" };
    return { claim: 'groups', says: "the ID token's 'groups' claim" };
  }

  /** @internal What is wrong with what the factory was given (as strictly as the matching OidcConfig preset). */
  public _issues(): ValueIssue[] {
    const arg = this._argument;
    if (arg && typeof arg.value !== 'string') {
      return [
        {
          path: [arg.name],
          message:
            `expected ${ARGUMENT_WHAT[arg.name]} as the ${arg.name} of OAuth2ProxyProvider.${arg.factory}(...) ` +
            `(its first argument, or { ${arg.name} } in the options object), got ${describeValue(arg.value)}`,
        },
      ];
    }
    const issues: ValueIssue[] = [];
    if (this.type === 'entra-id')
      issues.push(...checkValue(pattern(GUID, 'a tenant ID (a GUID)'), this._tenantId, 'tenantId'));
    else if (this.issuerUrl !== undefined)
      issues.push(...checkValue(url(['https'], 'an https issuer URL'), this.issuerUrl, 'issuerUrl'));
    if (this.type === 'keycloak-oidc' && issues.length === 0 && !/\/realms\/[^/]+$/.test(this.issuerUrl!)) {
      issues.push({
        path: ['issuerUrl'],
        message:
          `expected Keycloak's realm issuer 'https://<host>/realms/<realm>', got ` +
          `${JSON.stringify(this.issuerUrl)}`,
      });
    }
    if (this.idTokenLifetime && (secondsOf(this.idTokenLifetime) ?? 0) < 60) {
      issues.push({
        path: ['idTokenLifetime'],
        message: 'expected a Duration of whole seconds, at least 1 minute, got a Duration',
      });
    }
    const claims = claimMappingSchema().safeParse(this._options.claims ?? {}, { jitless: true });
    if (!claims.success) {
      const issue = claims.error.issues[0];
      issues.push({
        path: ['claims', ...issue.path.map(String)],
        message: `${issue.message}, got ${JSON.stringify((this._options.claims as any)?.[issue.path[0] as string])}`,
      });
    }
    return issues;
  }
}
