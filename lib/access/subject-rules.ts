// RBAC subjects that can match a person: names as the identity provider sends them, never Kubernetes' own, never bound
// twice.
import type { NameFormat, TokenIdentity } from '../auth/claim-mapping';
import { GUID } from '../core/schema';

/** A Keycloak group path: `/team` or `/parent/child`, no empty segment. */
const KEYCLOAK_PATH = /^(\/[^/]+)+$/;
const EMAIL = /^[^@\s]+@[^@\s]+$/;

/**
 * @internal Why `name`, written in a grant as a group or user, can never be (or must never be) the subject a token
 * maps to under `id`'s claim mapping, or undefined. Three classes, in order:
 * 1. Kubernetes' own identities: with no prefix (AKS), `system:*` would bind the API server's users and groups
 *    (system:masters, system:authenticated, system:anonymous, ServiceAccounts, nodes), never an identity-provider one.
 * 2. A prefix typed by hand: the mapping adds its prefix itself, and the legacy flags' `<issuer>#` default is
 *    never configured, so a name starting with either binds a subject no token carries.
 * 3. A name in another format than the provider sends (Entra object IDs, Keycloak paths or bare names, emails).
 */
export function subjectNameProblem(
  name: string,
  what: 'group' | 'user',
  format: NameFormat,
  id: TokenIdentity,
): string | undefined {
  const prefix = what === 'group' ? id.claims.groupsPrefix : id.claims.usernamePrefix;
  const got = `got ${JSON.stringify(name)}`;
  if (`${prefix}${name}`.startsWith('system:')) {
    return (
      `expected a ${what} of the identity provider, ${got}, which is Kubernetes' own (system:* users and groups ` +
      'belong to the API server: system:masters is cluster-admin without RBAC, system:authenticated every token ' +
      'and ServiceAccount, system:unauthenticated and system:anonymous anyone without credentials); the claim ' +
      `mapping of ${id.source} adds no prefix, so nothing tells the two apart; bind your identity provider's ` +
      `${what} instead`
    );
  }
  for (const typed of [prefix, `${id.issuerUrl}#`].filter(
    (p) => p !== '' && name.startsWith(p) && name.length > p.length,
  )) {
    const which =
      typed === prefix
        ? `the prefix ${JSON.stringify(prefix)} the claim mapping adds itself`
        : `${JSON.stringify(typed)}, the legacy flags' default prefix, which this library never configures`;
    return (
      `expected the ${what} as the identity provider sends it, ${got}, which starts with ${which} (it would bind ` +
      `${JSON.stringify(`${prefix}${name}`)}, which no token maps to); write ` +
      `${JSON.stringify(name.slice(typed.length))}`
    );
  }
  return formatProblem(name, what, format, id, got);
}

function formatProblem(
  name: string,
  what: 'group' | 'user',
  format: NameFormat,
  id: TokenIdentity,
  got: string,
): string | undefined {
  if (format === 'entra-object-id' && !GUID.test(name)) {
    const puts =
      what === 'group' ? 'group object IDs, not names, in the groups claim' : 'the object ID in the oid claim';
    return `expected an Entra ID object ID (a GUID): Entra puts ${puts}, ${got}`;
  }
  if (format === 'keycloak-path' && !name.startsWith('/')) {
    return (
      `expected a full group path such as '/${name}': Keycloak's group mapper sends full paths by default ` +
      `(or map another groups claim in ${id.source}'s claims), ${got}`
    );
  }
  if (format === 'keycloak-path' && !KEYCLOAK_PATH.test(name)) {
    return (
      `expected a Keycloak group path such as '/platform-team' or '/parent/child' (no empty segment, no trailing ` +
      `'/'), ${got}; ` +
      `write ${JSON.stringify(`/${name.split('/').filter(Boolean).join('/')}`)}`
    );
  }
  if (format === 'keycloak-name' && name.includes('/')) {
    return (
      `expected a bare group name such as 'platform-team': the group mapper sends names, not paths ` +
      `(fullGroupPath: false in ${id.source}), ` +
      `${got}; write ${JSON.stringify(name.split('/').filter(Boolean).pop() ?? name)}, or set fullGroupPath: true`
    );
  }
  if (what === 'user' && id.claims.usernameClaim === 'email' && !EMAIL.test(name)) {
    return `expected an email address: the username claim is email, ${got}`;
  }
  return undefined;
}

/** @internal One subject holding one role in one place, and where the grant said so. */
export interface GrantedRole {
  /** `User oidc:alice@example.com`: the bound subject. */
  readonly subject: string;
  /** `ClusterRole 'view'`. */
  readonly role: string;
  /** Undefined when cluster-wide. */
  readonly namespace?: string;
  /** `props.grants[0]`, or `UserAccess 'prod/other' props.grants[0]` for another construct. */
  readonly where: string;
}

/**
 * @internal Why `g` repeats a grant made before (in this UserAccess or another one in the same chart), or undefined:
 * the same role for the same subject twice in one place, or per namespace where it already holds it cluster-wide
 * (or the reverse). Two grants of one binding read as two decisions; removing one would then silently keep the other.
 */
export function duplicateGrantProblem(
  g: GrantedRole,
  earlier: readonly GrantedRole[],
  name: string,
): string | undefined {
  const place = (ns?: string) => (ns ? `in namespace '${ns}'` : 'cluster-wide');
  const same = earlier.find(
    (e) =>
      e.subject === g.subject &&
      e.role === g.role &&
      (e.namespace === g.namespace || e.namespace === undefined || g.namespace === undefined),
  );
  if (!same) return undefined;
  const redundant =
    same.namespace === g.namespace
      ? 'the same binding twice'
      : 'the cluster-wide binding already covers every namespace';
  return (
    `${JSON.stringify(name)} already holds the ${same.role} ${place(same.namespace)} from ${same.where}, got it ` +
    `again ${place(g.namespace)} (${redundant}); keep it in one grant`
  );
}
