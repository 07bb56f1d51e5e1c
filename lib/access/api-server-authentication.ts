// ApiServerAuthentication: the API server's OIDC trust (AuthenticationConfiguration, legacy flags, EKS) written for the cluster operator, apart from manifests.
import { App, Yaml } from 'cdk8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { TokenIdentity } from '../auth/claim-mapping';
import { fail, parseProps } from '../core/errors';
import { HeadlampDeployment } from '../deployment/headlamp-deployment';
import { writeOutputs } from '../core/output-dir';
import { instance, lazy, oneOf, pattern, sameShape } from '../core/schema';

/** The `apiVersion` of kube-apiserver's structured authentication configuration. */
export enum AuthenticationConfigVersion {
  /** Kubernetes 1.34 and later (GA). */
  V1 = 'apiserver.config.k8s.io/v1',
  /** Kubernetes 1.30 to 1.33 (beta, on by default). */
  V1BETA1 = 'apiserver.config.k8s.io/v1beta1',
}

/** Props of {@link ApiServerAuthentication}. */
export interface ApiServerAuthenticationProps {
  /** The Headlamp whose users the API server must trust: its OIDC config, or the OAuth2ProxyFrontend in front. */
  readonly headlamp: HeadlampDeployment;
  /**
   * The AuthenticationConfiguration's version: `V1` for Kubernetes 1.34+, `V1BETA1` for 1.30 to 1.33.
   * @default AuthenticationConfigVersion.V1
   */
  readonly version?: AuthenticationConfigVersion;
  /**
   * PEM of the identity provider's CA, for the API server (it cannot read the cluster's ConfigMaps). Required
   * when the OIDC config mounts a CA for Headlamp (`caCertificate`); not a secret.
   * @default - the API server's system roots
   */
  readonly certificateAuthority?: string;
  /**
   * Where the legacy `--oidc-ca-file` flag points on the control-plane nodes (with `certificateAuthority`).
   * @default '/etc/kubernetes/pki/oidc-ca.crt'
   */
  readonly caFilePath?: string;
  /**
   * EKS `identityProviderConfigName`.
   * @default - the HeadlampDeployment's name
   */
  readonly eksConfigName?: string;
}

const PEM = /^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n?$/;
const propsSchema = lazy(() => z.strictObject({
  headlamp: instance(HeadlampDeployment, 'new HeadlampDeployment(...)'),
  version: oneOf(AuthenticationConfigVersion, 'AuthenticationConfigVersion').optional(),
  certificateAuthority: pattern(PEM, 'PEM certificates (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----)').optional(),
  caFilePath: pattern(/^\/[^\s]+$/, 'an absolute path').optional(),
  eksConfigName: pattern(/^[0-9A-Za-z][A-Za-z0-9-_]{0,99}$/, 'an EKS identity provider config name').optional(),
}));
sameShape<z.output<ReturnType<typeof propsSchema>>, ApiServerAuthenticationProps>(true);

const TYPE = 'ApiServerAuthentication';

/** The legacy `--oidc-*` kube-apiserver flags for the same trust (before 1.30, or when the file cannot be used). */
function legacyFlags(id: TokenIdentity, caFile?: string): string[] {
  return [
    `--oidc-issuer-url=${id.issuerUrl}`,
    `--oidc-client-id=${id.audience}`,
    `--oidc-username-claim=${id.claims.usernameClaim}`,
    `--oidc-username-prefix=${id.claims.usernamePrefix}`,
    ...(id.claims.groupsClaim ? [`--oidc-groups-claim=${id.claims.groupsClaim}`, `--oidc-groups-prefix=${id.claims.groupsPrefix}`] : []),
    ...(caFile ? [`--oidc-ca-file=${caFile}`] : []),
  ];
}

/**
 * The API server's half of per-user access, for the cluster operator: files, not Kubernetes objects. From the
 * Headlamp's OIDC config (or the OAuth2ProxyFrontend in front) it renders
 * - `authentication-config.yaml`: kube-apiserver `--authentication-config` (structured, Kubernetes 1.30+);
 * - `kube-apiserver-flags.txt`: the equivalent legacy `--oidc-*` flags;
 * - `eks-identity-provider-config.json`: the `--oidc` parameter of `aws eks associate-identity-provider-config`;
 * - `README.md`: where each goes, per kind of cluster.
 * Issuer, audience (the client ID Headlamp or oauth2-proxy uses) and claim mapping are the ones
 * {@link UserAccess} binds with. Write them with {@link ApiServerAuthentication.writeAll}, never into a directory
 * of manifests a GitOps tool applies.
 */
export class ApiServerAuthentication extends Construct {
  /**
   * Writes the files of every ApiServerAuthentication in `app` into `dir`, one subdirectory per construct
   * (its path, `/` as `-`). Only files an earlier run wrote are replaced; a foreign non-empty directory is refused.
   * @param dir default: `$HEADLAMP_CLUSTER_CONFIG_OUTDIR`, else `cluster-config` (next to, never inside, the manifests)
   * @returns the paths written
   */
  public static writeAll(app: App, dir = process.env.HEADLAMP_CLUSTER_CONFIG_OUTDIR ?? 'cluster-config'): string[] {
    const all = app.node.findAll().filter((c): c is ApiServerAuthentication => c instanceof ApiServerAuthentication);
    const files: Record<string, string> = {};
    for (const a of all) {
      for (const [name, text] of Object.entries(a.files)) files[`${a.node.path.replace(/\//g, '-')}/${name}`] = text;
    }
    return all.length ? writeOutputs(dir, files) : [];
  }

  /** File name -> contents. */
  public readonly files: Record<string, string>;
  /** The structured AuthenticationConfiguration, as data. */
  public readonly authenticationConfiguration: Record<string, unknown>;
  /** The legacy kube-apiserver flags. */
  public readonly legacyFlags: string[];
  /** The `--oidc` parameter of `aws eks associate-identity-provider-config`. */
  public readonly eksIdentityProviderConfig: Record<string, string>;

  constructor(scope: Construct, id: string, props: ApiServerAuthenticationProps) {
    super(scope, id);
    const p = parseProps(this, TYPE, propsSchema(), props);
    const identity = p.headlamp._tokenIdentity(this, TYPE, 'props.headlamp');
    if (identity.caCertificate && !p.certificateAuthority) {
      fail(this, TYPE, 'props.certificateAuthority', `Headlamp trusts the identity provider through a CA (${identity.caCertificate.sourceName}, key ` +
        `${identity.caCertificate.key}), got no PEM for the API server; give it as certificateAuthority (fs.readFileSync of the CA bundle)`);
    }
    const version = p.version ?? AuthenticationConfigVersion.V1;
    const { claims } = identity;
    this.authenticationConfiguration = {
      apiVersion: version,
      kind: 'AuthenticationConfiguration',
      jwt: [{
        issuer: {
          url: identity.issuerUrl,
          ...(p.certificateAuthority ? { certificateAuthority: p.certificateAuthority } : {}),
          audiences: [identity.audience],
        },
        claimMappings: {
          // With the email claim the API server also requires email_verified to be true when present.
          username: { claim: claims.usernameClaim, prefix: claims.usernamePrefix },
          ...(claims.groupsClaim ? { groups: { claim: claims.groupsClaim, prefix: claims.groupsPrefix } } : {}),
        },
      }],
    };
    const caFile = p.certificateAuthority ? p.caFilePath ?? '/etc/kubernetes/pki/oidc-ca.crt' : undefined;
    this.legacyFlags = legacyFlags(identity, caFile);
    this.eksIdentityProviderConfig = {
      identityProviderConfigName: p.eksConfigName ?? p.headlamp.name,
      issuerUrl: identity.issuerUrl,
      clientId: identity.audience,
      usernameClaim: claims.usernameClaim,
      usernamePrefix: claims.usernamePrefix,
      ...(claims.groupsClaim ? { groupsClaim: claims.groupsClaim, groupsPrefix: claims.groupsPrefix } : {}),
    };
    const header = [
      `# For the cluster operator, not for kubectl apply: kube-apiserver --authentication-config=<this file>`,
      `# (${version === AuthenticationConfigVersion.V1 ? 'Kubernetes 1.34+' : 'Kubernetes 1.30 to 1.33'}). Generated by cdk8s-headlamp for ${identity.source}.`,
      '',
    ].join('\n');
    this.files = {
      'authentication-config.yaml': `${header}${Yaml.stringify(this.authenticationConfiguration)}`,
      'kube-apiserver-flags.txt': `${this.legacyFlags.join('\n')}\n`,
      'eks-identity-provider-config.json': `${JSON.stringify(this.eksIdentityProviderConfig, null, 2)}\n`,
      'README.md': readme(identity, version, !!caFile, this.eksIdentityProviderConfig.identityProviderConfigName),
    };
  }
}

function readme(id: TokenIdentity, version: AuthenticationConfigVersion, ca: boolean, eksName: string): string {
  const c = id.claims;
  return `# API server trust for Headlamp's users (cdk8s-headlamp)

Headlamp forwards each user's token (issuer \`${id.issuerUrl}\`, audience \`${id.audience}\`, obtained by
${id.source}) to the API server, which must trust it and map it to a Kubernetes user and groups. The RBAC
bindings (UserAccess) use the same mapping: user \`${c.usernamePrefix}<${c.usernameClaim}>\`${c.groupsClaim ? `, groups \`${c.groupsPrefix}<${c.groupsClaim}>\`` : ', no groups'}.
These files are for the cluster operator: keep them out of any directory a GitOps tool applies.
${id.aksManaged ? `
**AKS with Entra ID integration** trusts these tokens natively (audience: the AKS server app): enable it with
\`az aks update --enable-aad\` and skip the files below. Bind groups by object ID and users by UPN, without prefix.
` : ''}
| cluster | what to do |
|---|---|
| self-managed (kubeadm) | copy \`authentication-config.yaml\` to every control-plane node, add \`--authentication-config=<path>\` to kube-apiserver (${version === AuthenticationConfigVersion.V1 ? '1.34+' : '1.30-1.33'}); before 1.30 use \`kube-apiserver-flags.txt\` instead (the two are mutually exclusive)${ca ? '; put the CA at the --oidc-ca-file path for the flags' : ''} |
| kind | mount the file into the control-plane node (\`extraMounts\`) and pass it with a \`kubeadmConfigPatches\` ClusterConfiguration \`apiServer.extraArgs.authentication-config\` (plus an \`extraVolumes\` entry) |
| EKS | \`aws eks associate-identity-provider-config --cluster-name <cluster> --oidc file://eks-identity-provider-config.json\` (config name \`${eksName}\`) |
| AKS with Entra ID | use AKS-managed Entra integration (the Entra preset's access tokens); other issuers are not configurable on AKS |
| GKE | GKE Identity Service for an external OIDC issuer (\`gcloud container clusters update --enable-identity-service\`, ClientConfig with the same issuer, client ID and claims); Google accounts need none of this |
`;
}
