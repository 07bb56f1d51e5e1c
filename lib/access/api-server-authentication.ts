// ApiServerAuthentication: the API server's OIDC trust (AuthenticationConfiguration, legacy flags, EKS) written for the
// cluster operator, apart from manifests.
import { App } from 'cdk8s';
import { Construct } from 'constructs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import {
  AuthenticationConfigVersion,
  authenticationConfigFile,
  authenticationConfiguration,
  eksIdentityProviderConfig,
  legacyFlags,
  readme,
} from './api-server-files';
import { apiServerTrustProblem } from './token-trust';
import { fail, parseProps } from '../core/errors';
import { HeadlampDeployment } from '../deployment/headlamp-deployment';
import { applyOutputs, listedOutputs, OutputPlan, planOutputs } from '../core/output-dir';
import { instance, lazy, oneOf, pattern, sameShape, str } from '../core/schema';

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
  /**
   * Directory the files are written to when the App synthesizes (`app.synth()`), one subdirectory per construct
   * (its path, `/` as `-`). Never the App's manifests directory, nor one inside it or holding `*.k8s.yaml` files:
   * a GitOps tool applying the manifests would pick them up.
   * @default - `$HEADLAMP_CLUSTER_CONFIG_OUTDIR`, else `cluster-config` beside the App's outdir (`dist` ->
   * `cluster-config`)
   */
  readonly outdir?: string;
}

const PEM = /^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n?$/;
const propsSchema = lazy(() =>
  z.strictObject({
    headlamp: instance(HeadlampDeployment, 'new HeadlampDeployment(...)'),
    version: oneOf(AuthenticationConfigVersion, 'AuthenticationConfigVersion').optional(),
    certificateAuthority: pattern(
      PEM,
      'PEM certificates (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----)',
    ).optional(),
    caFilePath: pattern(/^\/[^\s]+$/, 'an absolute path').optional(),
    eksConfigName: pattern(/^[0-9A-Za-z][A-Za-z0-9-_]{0,99}$/, 'an EKS identity provider config name').optional(),
    outdir: str('a directory path').optional(),
  }),
);
sameShape<z.output<ReturnType<typeof propsSchema>>, ApiServerAuthenticationProps>(true);

const TYPE = 'ApiServerAuthentication';
/** Env var that moves every construct's default output directory (what `npm run synth` and CI set). */
const OUTDIR_ENV = 'HEADLAMP_CLUSTER_CONFIG_OUTDIR';

/** True when `dir` is `root` or inside it. */
function within(dir: string, root: string): boolean {
  const rel = path.relative(path.resolve(root), path.resolve(dir));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The names of the files each construct writes (in its own subdirectory). */
const FILE_NAMES = [
  'authentication-config.yaml',
  'kube-apiserver-flags.txt',
  'eks-identity-provider-config.json',
  'README.md',
];

/**
 * The first `*<ext>` file under `dir` (a few levels deep), relative to it; undefined when there is none. `ours` are
 * files to pass over: the API server files an earlier run wrote (`authentication-config.yaml` ends in `.yaml`).
 */
function manifestIn(dir: string, ext: string, ours: ReadonlySet<string>, rel = '', depth = 4): string | undefined {
  const here = path.join(dir, rel);
  if (depth < 0 || !fs.existsSync(here) || !fs.statSync(here).isDirectory()) return undefined;
  for (const e of fs.readdirSync(here, { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isFile() && e.name.endsWith(ext) && !ours.has(r)) return r;
    const below = e.isDirectory() && !e.name.startsWith('.') ? manifestIn(dir, ext, ours, r, depth - 1) : undefined;
    if (below) return below;
  }
  return undefined;
}

/**
 * The API server files the marker of `dir` lists (`<construct dir>/<one of FILE_NAMES>`): what an earlier run of
 * this library wrote there, never a manifest. Other listed files (a CLI output's manifests) are still manifests.
 */
function ourFiles(dir: string): Set<string> {
  return new Set(
    listedOutputs(dir).filter((rel) => {
      const segs = rel.split('/');
      return segs.length === 2 && FILE_NAMES.includes(segs[1]);
    }),
  );
}

/**
 * Refuses an output directory among the App's manifests: the App's outdir or inside it, or (`scan`, at write time)
 * one holding `*.k8s.yaml` files. `origin` says where the directory came from, for the message.
 */
function checkOutdir(scope: Construct, prop: string, dir: string, origin: string, app: Construct, scan: boolean): void {
  if (!(app instanceof App)) return;
  const inside = within(dir, app.outdir)
    ? `${path.resolve(dir) === path.resolve(app.outdir) ? 'the' : 'inside the'} App's manifests directory ` +
      `${JSON.stringify(app.outdir)}`
    : undefined;
  const manifest = !inside && scan ? manifestIn(dir, app.outputFileExtension, ourFiles(dir)) : undefined;
  if (inside || manifest) {
    fail(
      scope,
      TYPE,
      prop,
      "the API server's files are for the cluster operator and must not sit among the manifests a GitOps tool " +
        `applies, got ${JSON.stringify(dir)}${origin}, ${inside ?? `which holds ${manifest}`}; give ` +
        `${prop === 'props.outdir' ? 'props.outdir' : 'writeAll a directory'} ` +
        `(or $${OUTDIR_ENV}) beside the manifests, such as 'cluster-config' next to 'dist'`,
    );
  }
}

/** Apps whose `synth()` already writes the API server files after the manifests. */
const WRITES_ON_SYNTH = new WeakSet<App>();

/**
 * Makes `app.synth()` write the API server files after the manifests: the half of per-user access that lives
 * outside Kubernetes cannot be forgotten. cdk8s has no after-synth hook, so this one App's `synth` is wrapped;
 * `Testing.synth`, `chart.toJson()` and `app.synthYaml()` write nothing (call
 * {@link ApiServerAuthentication.writeAll}).
 */
function writeOnSynth(app: App): void {
  if (WRITES_ON_SYNTH.has(app)) return;
  WRITES_ON_SYNTH.add(app);
  const synth = app.synth.bind(app);
  app.synth = () => {
    // Every check first, writing nothing: a refusal leaves no new manifests without their API server files.
    ApiServerAuthentication._planAll(app);
    synth();
    // Checked again: the manifests just written may have landed in a target (an outdir inside it).
    ApiServerAuthentication.writeAll(app);
  };
}

/**
 * The API server's half of per-user access, for the cluster operator: files, not Kubernetes objects. From the
 * Headlamp's OIDC config (or the OAuth2ProxyFrontend in front) it renders
 * - `authentication-config.yaml`: kube-apiserver `--authentication-config` (structured, Kubernetes 1.30+);
 * - `kube-apiserver-flags.txt`: the equivalent legacy `--oidc-*` flags;
 * - `eks-identity-provider-config.json`: the `--oidc` parameter of `aws eks associate-identity-provider-config`;
 * - `README.md`: where each goes, per kind of cluster.
 * Issuer, audience (the client ID Headlamp or oauth2-proxy uses) and claim mapping are the ones
 * {@link UserAccess} binds with, each file in its reader's spelling. `app.synth()` writes them into `outdir`
 * (`cluster-config/<construct path>/` beside the manifests by default), never into a directory of manifests.
 */
export class ApiServerAuthentication extends Construct {
  /**
   * Writes the files of every ApiServerAuthentication in `app`: into `dir` when given, else into each construct's
   * `outdir`; one subdirectory per construct (its path, `/` as `-`). `app.synth()` calls it; call it yourself
   * after `app.synthYaml()` or to write elsewhere. Only files an earlier run wrote are replaced; a foreign
   * non-empty directory, the manifests directory or one holding `*.k8s.yaml` files is refused.
   * @returns the paths written
   */
  public static writeAll(app: App, dir?: string): string[] {
    return ApiServerAuthentication._planAll(app, dir).flatMap(applyOutputs);
  }

  /**
   * @internal Checks every directory {@link writeAll} would write, and what it would write there, writing nothing.
   * Every directory is checked before the first write: a refusal leaves all of them as they were.
   */
  public static _planAll(app: App, dir?: string): OutputPlan[] {
    const all = app.node.findAll().filter((c): c is ApiServerAuthentication => c instanceof ApiServerAuthentication);
    const byDir = new Map<string, Record<string, string>>();
    const owners = new Map<string, ApiServerAuthentication>();
    for (const a of all) {
      const target = dir ?? a.outdir;
      const prop = dir === undefined ? 'props.outdir' : 'ApiServerAuthentication.writeAll(app, dir)';
      checkOutdir(a, prop, target, dir === undefined ? a.outdirOrigin : '', app, true);
      const sub = a.node.path.replace(/\//g, '-');
      const taken = owners.get(path.join(path.resolve(target), sub));
      if (taken) {
        fail(
          a,
          TYPE,
          prop,
          `each construct writes into its own subdirectory (its path, '/' as '-'), ` +
            `got ${JSON.stringify(path.join(target, sub))}, ` +
            `which ${TYPE} '${taken.node.path}' writes too (its files would be overwritten); rename one of them ` +
            `(its id or a scope on its path)${dir === undefined ? ', or give one another props.outdir' : ''}`,
        );
      }
      owners.set(path.join(path.resolve(target), sub), a);
      const files = byDir.get(path.resolve(target)) ?? {};
      for (const [name, text] of Object.entries(a.files)) files[`${sub}/${name}`] = text;
      byDir.set(path.resolve(target), files);
    }
    return [...byDir].map(([target, files]) => planOutputs(target, files));
  }

  /** File name -> contents. */
  public readonly files: Record<string, string>;
  /** The structured AuthenticationConfiguration, as data. */
  public readonly authenticationConfiguration: Record<string, unknown>;
  /** The legacy kube-apiserver flags. */
  public readonly legacyFlags: string[];
  /** The `--oidc` parameter of `aws eks associate-identity-provider-config`. */
  public readonly eksIdentityProviderConfig: Record<string, string>;
  /** Where `app.synth()` writes the files (this construct's subdirectory goes below it). */
  public readonly outdir: string;
  /** How `outdir` was chosen, for errors: '' when given, else where it came from. */
  private readonly outdirOrigin: string;

  constructor(scope: Construct, id: string, props: ApiServerAuthenticationProps) {
    super(scope, id);
    const p = parseProps(this, TYPE, propsSchema(), props);
    const identity = p.headlamp._tokenIdentity(this, TYPE, 'props.headlamp');
    const untrusted = apiServerTrustProblem(
      identity,
      p.headlamp.node.path,
      'the API server would refuse these files or match no token with them',
    );
    if (untrusted) fail(this, TYPE, 'props.headlamp', untrusted);
    if (identity.caCertificate && !p.certificateAuthority) {
      fail(
        this,
        TYPE,
        'props.certificateAuthority',
        `Headlamp trusts the identity provider through a CA (${identity.caCertificate.sourceName}, key ` +
          `${identity.caCertificate.key}), got no PEM for the API server; give it as certificateAuthority ` +
          `(fs.readFileSync of the CA bundle)`,
      );
    }
    const app = this.node.root;
    const fromEnv = p.outdir === undefined ? process.env[OUTDIR_ENV] : undefined;
    this.outdir =
      p.outdir ?? fromEnv ?? path.join(path.dirname(app instanceof App ? app.outdir : 'dist'), 'cluster-config');
    this.outdirOrigin =
      p.outdir !== undefined
        ? ''
        : fromEnv !== undefined
          ? ` (from $${OUTDIR_ENV})`
          : " (the default: 'cluster-config' beside the App's outdir)";
    checkOutdir(this, 'props.outdir', this.outdir, this.outdirOrigin, app, false);
    if (app instanceof App) writeOnSynth(app);

    const version = p.version ?? AuthenticationConfigVersion.V1;
    this.authenticationConfiguration = authenticationConfiguration(identity, version, p.certificateAuthority);
    const caFile = p.certificateAuthority ? (p.caFilePath ?? '/etc/kubernetes/pki/oidc-ca.crt') : undefined;
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
