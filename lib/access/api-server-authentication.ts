// ApiServerAuthentication: the API server's OIDC trust (AuthenticationConfiguration, legacy flags, EKS) written for the cluster operator, apart from manifests.
import { App } from 'cdk8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import {
  AuthenticationConfigVersion, authenticationConfigFile, authenticationConfiguration, eksIdentityProviderConfig, legacyFlags, readme,
} from './api-server-files';
import { fail, parseProps } from '../core/errors';
import { HeadlampDeployment } from '../deployment/headlamp-deployment';
import { writeOutputs } from '../core/output-dir';
import { instance, lazy, oneOf, pattern, sameShape } from '../core/schema';

export { AuthenticationConfigVersion } from './api-server-files';

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

/**
 * The API server's half of per-user access, for the cluster operator: files, not Kubernetes objects. From the
 * Headlamp's OIDC config (or the OAuth2ProxyFrontend in front) it renders
 * - `authentication-config.yaml`: kube-apiserver `--authentication-config` (structured, Kubernetes 1.30+);
 * - `kube-apiserver-flags.txt`: the equivalent legacy `--oidc-*` flags;
 * - `eks-identity-provider-config.json`: the `--oidc` parameter of `aws eks associate-identity-provider-config`;
 * - `README.md`: where each goes, per kind of cluster.
 * Issuer, audience (the client ID Headlamp or oauth2-proxy uses) and claim mapping are the ones
 * {@link UserAccess} binds with, each file in its reader's spelling. Write them with {@link ApiServerAuthentication.writeAll}, never into a directory
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
    this.authenticationConfiguration = authenticationConfiguration(identity, version, p.certificateAuthority);
    const caFile = p.certificateAuthority ? p.caFilePath ?? '/etc/kubernetes/pki/oidc-ca.crt' : undefined;
    this.legacyFlags = legacyFlags(identity, caFile);
    this.eksIdentityProviderConfig = eksIdentityProviderConfig(identity, p.eksConfigName ?? p.headlamp.name);
    this.files = {
      'authentication-config.yaml': authenticationConfigFile(identity, version, this.authenticationConfiguration),
      'kube-apiserver-flags.txt': `${this.legacyFlags.join('\n')}\n`,
      'eks-identity-provider-config.json': `${JSON.stringify(this.eksIdentityProviderConfig, null, 2)}\n`,
      'README.md': readme(identity, version, !!caFile, this.eksIdentityProviderConfig.identityProviderConfigName),
    };
  }
}
