// The API server's OIDC trust in each reader's spelling: AuthenticationConfiguration, legacy kube-apiserver flags, EKS,
// and the README.
import { Yaml } from 'cdk8s';
import { ClaimMapping, TokenIdentity } from '../auth/claim-mapping';

/** The `apiVersion` of kube-apiserver's structured authentication configuration. */
export enum AuthenticationConfigVersion {
  /** Kubernetes 1.34 and later (GA). */
  V1 = 'apiserver.config.k8s.io/v1',
  /** Kubernetes 1.30 to 1.33 (beta, on by default). */
  V1BETA1 = 'apiserver.config.k8s.io/v1beta1',
}

/*
 * "No prefix" is spelled differently by each reader, and the wrong spelling renames every user:
 * - AuthenticationConfiguration (k8s.io/apiserver v0.34 pkg/apis/apiserver/v1 PrefixedClaimOrExpression, and
 *   plugin/pkg/authenticator/token/oidc/oidc.go getUsername/getGroups): `prefix: ""` is no prefix; the field is
 *   required whenever `claim` is set (pkg/apis/apiserver/validation/validation.go).
 * - Legacy flags (kubernetes v1.34 pkg/kubeapiserver/options/authentication.go, ToAuthenticationConfig): an empty
 *   `--oidc-username-prefix` means "<issuer URL>#" for any username claim but `email`; only `-` turns it off.
 *   `--oidc-groups-prefix` has no such default: empty (or absent) is none.
 * - EKS (API reference, OidcIdentityProviderConfigRequest): a `usernamePrefix` not given means "<issuerUrl>#" for
 *   any claim but email, `-` turns it off, an explicit "" is unspecified; `groupsPrefix` not given is none.
 * One function per reader renders the prefix; the tests hold each file against a model of its reader.
 */

/** @internal AuthenticationConfiguration `claimMappings.*.prefix`: written as is, `""` included (no prefix). */
function structuredPrefix(prefix: string): string {
  return prefix;
}

/** @internal `--oidc-username-prefix`: `-` for no prefix (empty would mean "<issuer>#"). */
function legacyUsernamePrefix(prefix: string): string {
  return prefix === '' ? '-' : prefix;
}

/** @internal EKS `usernamePrefix`: `-` for no prefix (absent would mean "<issuerUrl>#", `""` is unspecified). */
function eksUsernamePrefix(prefix: string): string {
  return prefix === '' ? '-' : prefix;
}

/** @internal `--oidc-groups-prefix` and EKS `groupsPrefix`: omitted for no prefix (both read absent as none). */
function optionalGroupsPrefix(prefix: string): string | undefined {
  return prefix === '' ? undefined : prefix;
}

/** @internal The structured AuthenticationConfiguration, as data. */
export function authenticationConfiguration(
  id: TokenIdentity,
  version: AuthenticationConfigVersion,
  ca?: string,
): Record<string, unknown> {
  const c: ClaimMapping = id.claims;
  return {
    apiVersion: version,
    kind: 'AuthenticationConfiguration',
    jwt: [
      {
        issuer: { url: id.issuerUrl, ...(ca ? { certificateAuthority: ca } : {}), audiences: [id.audience] },
        claimMappings: {
          // With the email claim the API server also requires email_verified to be true when present.
          username: { claim: c.usernameClaim, prefix: structuredPrefix(c.usernamePrefix) },
          ...(c.groupsClaim ? { groups: { claim: c.groupsClaim, prefix: structuredPrefix(c.groupsPrefix) } } : {}),
        },
        ...(noSystemIdentityRules(c) ? { userValidationRules: noSystemIdentityRules(c) } : {}),
      },
    ],
  };
}

/**
 * @internal Without a prefix a claim value `system:masters` (or a username `system:admin`) IS Kubernetes' own
 * identity: the API server maps it as is (ran: k8s.io/apiserver v0.35.10, test/real/apiserver-identity.test.ts).
 * `userValidationRules` (v1beta1 and v1) then refuse the token; with a prefix nothing can start with `system:`.
 */
function noSystemIdentityRules(c: ClaimMapping): Record<string, string>[] | undefined {
  const rules = [
    ...(c.usernamePrefix === ''
      ? [
          {
            expression: "!user.username.startsWith('system:')",
            message: 'the username claim names a Kubernetes identity (system:*): refused',
          },
        ]
      : []),
    ...(c.groupsClaim && c.groupsPrefix === ''
      ? [
          {
            expression: "user.groups.all(group, !group.startsWith('system:'))",
            message: 'a group claim names a Kubernetes group (system:*): refused',
          },
        ]
      : []),
  ];
  return rules.length > 0 ? rules : undefined;
}

/**
 * @internal The legacy `--oidc-*` kube-apiserver flags for the same trust (before 1.30, or when the file cannot be
 * used).
 */
export function legacyFlags(id: TokenIdentity, caFile?: string): string[] {
  const c = id.claims;
  const groupsPrefix = optionalGroupsPrefix(c.groupsPrefix);
  return [
    `--oidc-issuer-url=${id.issuerUrl}`,
    `--oidc-client-id=${id.audience}`,
    `--oidc-username-claim=${c.usernameClaim}`,
    `--oidc-username-prefix=${legacyUsernamePrefix(c.usernamePrefix)}`,
    ...(c.groupsClaim
      ? [`--oidc-groups-claim=${c.groupsClaim}`, ...(groupsPrefix ? [`--oidc-groups-prefix=${groupsPrefix}`] : [])]
      : []),
    ...(caFile ? [`--oidc-ca-file=${caFile}`] : []),
  ];
}

/** @internal The `--oidc` parameter of `aws eks associate-identity-provider-config`. */
export function eksIdentityProviderConfig(id: TokenIdentity, name: string): Record<string, string> {
  const c = id.claims;
  const groupsPrefix = optionalGroupsPrefix(c.groupsPrefix);
  return {
    identityProviderConfigName: name,
    issuerUrl: id.issuerUrl,
    clientId: id.audience,
    usernameClaim: c.usernameClaim,
    usernamePrefix: eksUsernamePrefix(c.usernamePrefix),
    ...(c.groupsClaim ? { groupsClaim: c.groupsClaim, ...(groupsPrefix ? { groupsPrefix } : {}) } : {}),
  };
}

/** @internal `authentication-config.yaml` with a header saying who it is for. */
export function authenticationConfigFile(
  id: TokenIdentity,
  version: AuthenticationConfigVersion,
  config: Record<string, unknown>,
): string {
  const range = version === AuthenticationConfigVersion.V1 ? 'Kubernetes 1.34+' : 'Kubernetes 1.30 to 1.33';
  return (
    [
      `# For the cluster operator, not for kubectl apply: kube-apiserver --authentication-config=<this file>`,
      `# (${range}). Generated by cdk8s-headlamp for ${id.source}.`,
      '',
    ].join('\n') + Yaml.stringify(config)
  );
}

/** @internal `README.md`: where each file goes, per kind of cluster. */
export function readme(id: TokenIdentity, version: AuthenticationConfigVersion, ca: boolean, eksName: string): string {
  const c = id.claims;
  const named = (prefix: string, claim: string) => `\`${prefix}<${claim}>\`${prefix ? '' : ' (no prefix)'}`;
  const groups = c.groupsClaim ? `, groups ${named(c.groupsPrefix, c.groupsClaim)}` : ', no groups';
  return `# API server trust for Headlamp's users (cdk8s-headlamp)

Headlamp forwards each user's token (issuer \`${id.issuerUrl}\`, audience \`${id.audience}\`, obtained by
${id.source}) to the API server, which must trust it and map it to a Kubernetes user and groups. The RBAC
bindings (UserAccess) use the same mapping: user ${named(c.usernamePrefix, c.usernameClaim)}${groups}.
These files are for the cluster operator: keep them out of any directory a GitOps tool applies. Each file spells
"no prefix" the way its reader does (\`prefix: ""\` in the AuthenticationConfiguration, \`-\` for the legacy
username flag and EKS, an absent groups prefix): do not "fix" one to look like another.${
    noSystemIdentityRules(c)
      ? `
Without a prefix, a token whose claims name \`system:masters\` or \`system:admin\` would be Kubernetes' own identity:
\`authentication-config.yaml\` refuses such tokens (\`userValidationRules\`); the legacy flags and EKS cannot, so
use them only if the identity provider can never issue such a value.`
      : ''
  }
${
  id.aksManaged
    ? `
**AKS with Entra ID integration** trusts these tokens natively (audience: the AKS server app): enable it with
\`az aks update --enable-aad\` and skip the files below. Bind groups by object ID and users by UPN, without prefix.
`
    : ''
}
${clusterTable(version, ca, eksName)}
`;
}

/** The README's table: what to do with the files, per kind of cluster. */
function clusterTable(version: AuthenticationConfigVersion, ca: boolean, eksName: string): string {
  const versions = version === AuthenticationConfigVersion.V1 ? '1.34+' : '1.30-1.33';
  const caNote = ca ? '; put the CA at the --oidc-ca-file path for the flags' : '';
  return [
    '| cluster | what to do |',
    '|---|---|',
    '| self-managed (kubeadm) | copy `authentication-config.yaml` to every control-plane node, add ' +
      `\`--authentication-config=<path>\` to kube-apiserver (${versions}); before 1.30 use ` +
      `\`kube-apiserver-flags.txt\` instead (the two are mutually exclusive)${caNote} |`,
    '| kind | mount the file into the control-plane node (`extraMounts`) and pass it with a `kubeadmConfigPatches` ' +
      'ClusterConfiguration `apiServer.extraArgs.authentication-config` (plus an `extraVolumes` entry) |',
    '| EKS | `aws eks associate-identity-provider-config --cluster-name <cluster> ' +
      `--oidc file://eks-identity-provider-config.json\` (config name \`${eksName}\`) |`,
    "| AKS with Entra ID | use AKS-managed Entra integration (the Entra preset's access tokens); other issuers are " +
      'not configurable on AKS |',
    '| GKE | GKE Identity Service for an external OIDC issuer (`gcloud container clusters update ' +
      '--enable-identity-service`, ClientConfig with the same issuer, client ID and claims); Google accounts need ' +
      'none of this |',
  ].join('\n');
}
