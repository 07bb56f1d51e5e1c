/**
 * How the API server turns a token's claims into a Kubernetes user name and groups (its OIDC claim mapping),
 * and the identity facts the per-user access side needs from whoever sends the token (Headlamp with OIDC, or
 * oauth2-proxy). One source: RBAC subjects, the API server's files and Headlamp's `-me-*` paths all read it.
 */
import { z } from 'zod';
import type { OidcCaCertificate } from './oidc-references';
import { lazy, pattern } from '../core/schema';

/** The claim mapping, as the API server's `claimMappings` (or `--oidc-*-claim`/`--oidc-*-prefix`) says it. */
export interface ClaimMappingOptions {
  /**
   * Claim that becomes the Kubernetes user name.
   * @default - the provider's: `email`; Entra ID `oid` (immutable object ID); OpenUnison `sub`
   */
  readonly usernameClaim?: string;
  /**
   * Prepended to every user name, so identity-provider users never collide with Kubernetes' own
   * (`system:...`). Must end in `:`, `#` or `/`.
   * @default 'oidc:'
   */
  readonly usernamePrefix?: string;
  /**
   * Claim that carries the groups.
   * @default - the provider's: `groups`; Cognito `cognito:groups`; Google has none
   */
  readonly groupsClaim?: string;
  /**
   * Prepended to every group name. Must end in `:`, `#` or `/`.
   * @default 'oidc:'
   */
  readonly groupsPrefix?: string;
}

/** @internal A claim mapping with every default applied. */
export interface ClaimMapping {
  readonly usernameClaim: string;
  readonly usernamePrefix: string;
  /** Undefined when the provider sends no groups claim (Google). */
  readonly groupsClaim?: string;
  readonly groupsPrefix: string;
}

/**
 * @internal How group or user names look in the token, for validation: Entra object IDs, Keycloak full group paths
 * (`/team`, the mapper's default), Keycloak bare group names ("Full group path" off), or anything.
 */
export type NameFormat = 'entra-object-id' | 'keycloak-path' | 'keycloak-name' | 'any';

/** @internal What the API server needs to trust the tokens Headlamp forwards, and to map them to RBAC subjects. */
export interface TokenIdentity {
  /** Who obtains the token: `OidcConfig (keycloak)`, `OAuth2ProxyFrontend 'prod/proxy'`. */
  readonly source: string;
  /** The token's `iss`, byte for byte as the provider's discovery document says it. */
  readonly issuerUrl: string;
  /** The token's `aud`: the client ID the token was issued to. */
  readonly audience: string;
  readonly claims: ClaimMapping;
  readonly groupNames: NameFormat;
  readonly userNames: NameFormat;
  /** The identity provider's CA, when the library mounts one for Headlamp. */
  readonly caCertificate?: OidcCaCertificate;
  /** AKS with Entra integration trusts these tokens natively (no API server files to write). */
  readonly aksManaged?: boolean;
}

/** A JMESPath identifier that needs no quotes (the spec's unquoted-string). */
const UNQUOTED = /^[A-Za-z_][A-Za-z0-9_]*$/;
/**
 * A bare name the library quotes for the user (`cognito:groups`, `team-roles`). A '/' is left to the user: a URL-like
 * claim (`https://example.com/groups`) holds dots, which split a path, so it must be written quoted whole.
 */
const CLAIM_NAME = /^[A-Za-z0-9_:-]+$/;
/** One segment of a claim path: a quoted or bare name, then indexes `[0]`, `[*]`, `[]`. */
const SEGMENT = /^("(?:[^"\\]|\\.)*"|[^"[\]]+)((?:\[(?:\d+|\*)?\])*)$/;

/**
 * @internal The JMESPath expression of Headlamp's `-me-*-path` that selects the top-level claim `name`: the name when
 * it is a plain identifier, else quoted (`"cognito:groups"`): backend/pkg/auth/auth.go compiles each path as
 * JMESPath and silently skips one that does not compile.
 */
export function claimPath(name: string): string {
  return UNQUOTED.test(name) ? name : JSON.stringify(name);
}

/** The segments of a path split on the dots outside quotes and brackets, or undefined when one is empty. */
function segmentsOf(path: string): string[] | undefined {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let depth = 0;
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (quoted && c === '\\') {
      cur += c + (path[++i] ?? '');
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (!quoted && c === '[') depth++;
    if (!quoted && c === ']') depth--;
    if (!quoted && depth === 0 && c === '.') {
      out.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  out.push(cur);
  return quoted || depth !== 0 || out.some((x) => x === '') ? undefined : out;
}

/**
 * @internal A claim path as Headlamp's `-me-*-path` takes it (JMESPath), or undefined when it is outside the grammar
 * the library vouches for: names joined by `.`, each a plain identifier or a quoted one, each optionally indexed
 * (`[0]`, `[*]`, `[]`). A name of other claim characters (`cognito:groups`, `team-roles`) is quoted for the user.
 */
export function jmesPath(path: string): string | undefined {
  const segments = segmentsOf(path)?.map((seg) => {
    const m = SEGMENT.exec(seg);
    if (!m) return undefined;
    const [, name, index] = m;
    if (name.startsWith('"') || UNQUOTED.test(name)) return seg;
    return CLAIM_NAME.test(name) ? `${JSON.stringify(name)}${index}` : undefined;
  });
  return segments && segments.every((x) => x !== undefined) ? segments.join('.') : undefined;
}

const claim = lazy(() => pattern(/^[A-Za-z0-9_:.-]{1,253}$/, "a claim name such as 'email' or 'cognito:groups'"));
/**
 * A claim prefix: it must keep mapped names out of the names Kubernetes and EKS give their own users and groups. The
 * API server reserves `system:`; EKS refuses a prefix containing `system:` anywhere and keeps `eks:` and `aws:` for
 * its own identities (EKS API reference, OidcIdentityProviderConfigRequest; access entries). One rule for every
 * cluster.
 */
const PREFIX = /^(?!eks:|aws:)(?!.*system:)[^\s]{0,62}[:#/]$/i;
const prefix = lazy(() =>
  pattern(
    PREFIX,
    "a prefix ending in ':', '#' or '/' such as 'oidc:', not containing 'system:' " +
      "and not starting with 'eks:' or 'aws:' (names Kubernetes and EKS keep for their own users and groups)",
  ),
);

/** @internal The zod shape of {@link ClaimMappingOptions}. */
export const claimMappingSchema = lazy(() =>
  z.strictObject({
    usernameClaim: claim().optional(),
    usernamePrefix: prefix().optional(),
    groupsClaim: claim().optional(),
    groupsPrefix: prefix().optional(),
  }),
);

/**
 * @internal How names look in the mapped claims: the provider's formats, unless the user maps another claim (then
 * anything goes, but an `oid` username claim still carries Entra object IDs).
 */
export function nameFormats(
  given: ClaimMappingOptions | undefined,
  provider: { groupNames?: NameFormat; userNames?: NameFormat },
): { groupNames: NameFormat; userNames: NameFormat } {
  return {
    groupNames: given?.groupsClaim ? 'any' : (provider.groupNames ?? 'any'),
    userNames: given?.usernameClaim
      ? given.usernameClaim === 'oid'
        ? 'entra-object-id'
        : 'any'
      : (provider.userNames ?? 'any'),
  };
}

/** @internal Applies the provider's defaults under what the user set. */
export function resolveClaims(
  given: ClaimMappingOptions | undefined,
  provider: Partial<ClaimMapping> & { noGroups?: boolean },
): ClaimMapping {
  return {
    usernameClaim: given?.usernameClaim ?? provider.usernameClaim ?? 'email',
    usernamePrefix: given?.usernamePrefix ?? 'oidc:',
    groupsClaim: given?.groupsClaim ?? (provider.noGroups ? undefined : (provider.groupsClaim ?? 'groups')),
    groupsPrefix: given?.groupsPrefix ?? 'oidc:',
  };
}
