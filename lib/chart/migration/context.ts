// What every section of the chart migration shares: the options, the notes and refusals it reports, and the state it
// fills in.
import { redactCredentials } from '../../core/errors';
import { HeadlampDeploymentProps } from '../../deployment/headlamp-deployment-props';
import { ProxyAuthHeaders } from '../../auth/proxy-auth-headers';

/** Options of {@link migrateChartValues}. */
export interface ChartMigrationOptions {
  /**
   * Namespace of every object when the values set no `namespaceOverride`.
   * @default 'headlamp'
   */
  readonly namespace?: string;
  /**
   * Helm release name the values were installed under (object names follow the chart's fullname rule).
   * @default 'headlamp'
   */
  readonly releaseName?: string;
  /**
   * Origin users reach Headlamp at (`https://headlamp.example.com`), for the OIDC callback URL when the values
   * have neither `config.oidc.callbackURL` nor an Ingress host.
   * @default - from the values
   */
  readonly publicUrl?: string;
  /**
   * Write a plaintext OIDC client secret from the values into the manifests (a Secret).
   * @default false
   */
  readonly unsafePlaintextSecrets?: boolean;
  /**
   * Carry over `config.unsafeUseServiceAccountToken` (everyone who reaches the UI acts as Headlamp's ServiceAccount).
   * @default false
   */
  readonly unsafeSharedServiceAccountToken?: boolean;
  /**
   * Carry over a NodePort or LoadBalancer Service (plain HTTP outside the cluster).
   * @default false
   */
  readonly unsafePlainHttpService?: boolean;
  /**
   * Carry over `pluginsManager` with downloads from any address on 443 (chart values cannot name the hosts).
   * @default false
   */
  readonly unsafePluginDownloadsFromAnyHost?: boolean;
  /**
   * With OIDC login, `replicaCount` 2+ and `httpRoute`: your Gateway keeps each browser on one Headlamp pod (Headlamp
   * keeps a login in the pod that started it; Gateway API's standard channel has no session persistence).
   * @default false
   */
  readonly gatewayProvidesSessionAffinity?: boolean;
  /**
   * Carry over `-oidc-skip-tls-verify` from `config.extraArgs` or `env` (Headlamp then trusts any certificate the
   * identity provider presents: the code exchange can be intercepted).
   * @default false
   */
  readonly unsafeOidcSkipTlsVerify?: boolean;
  /**
   * Carry over `runAsUser: 0` from `securityContext` or `podSecurityContext` (Headlamp runs as root; the rest of the
   * hardening stays).
   * @default false
   */
  readonly unsafeRunAsRoot?: boolean;
  /**
   * Carry over `-proxy-auth` from `config.extraArgs` behind the forward-auth gate of the values' ingress annotations
   * (your oauth2-proxy): Headlamp believes the identity headers that gate sets, and the migration cannot check that it
   * authenticates anyone (HeadlampAuth.identityAwareProxy's unsafeExternalProxy).
   * @default false
   */
  readonly unsafeExternalIdentityProxy?: boolean;
  /**
   * Where TLS terminates in front of an ingress whose values have no `tls` (`load-balancer`, `tunnel`,
   * `edge-proxy`): the Ingress then has none of its own. From there to the ingress controller it is plain HTTP.
   * @default - an ingress without tls is refused
   */
  readonly tlsTerminatedUpstream?: string;
  /**
   * The Gateway's HTTPS listener (`sectionName`) for an `httpRoute.parentRefs` entry that names none.
   * @default - a parentRef without sectionName is refused
   */
  readonly gatewayListener?: string;
  /**
   * Namespace of the ingress controller's (or, with `httpRoute`, the Gateway's) pods, which Headlamp's
   * NetworkPolicy admits: k3s runs Traefik in `kube-system`, RKE2 runs ingress-nginx there.
   * @default - the controller's usual namespace: `traefik` or `ingress-nginx`
   */
  readonly ingressControllerNamespace?: string;
  /**
   * Labels of those pods, as `key=value` pairs joined by `,`.
   * @default - the controller's usual labels (`app.kubernetes.io/name: traefik`, or ingress-nginx's name and component)
   */
  readonly ingressControllerLabels?: string;
  /**
   * Refuse keys the official chart does not have (typos, keys under the wrong section). The chart ignores them,
   * and so does the migration by default, with a note each.
   * @default false
   */
  readonly strict?: boolean;
  /**
   * Values of Flux post-build variables (`${NAME}`, `${NAME:=default}` in the values): each placeholder is resolved
   * from them or its default, and one with neither is refused. Without them, placeholders are carried into the
   * output as written (checked with the rest of their value), for the Kustomization that applies it to substitute.
   * @default - placeholders carried as written
   */
  readonly substitute?: Readonly<Record<string, string>>;
}

/** A value carried over differently, and why. */
export interface MigrationNote {
  /** The values key, e.g. `config.oidc.usePKCE`. */
  readonly key: string;
  /** Headlamp flags whose effective value differs from what the chart renders because of it. */
  readonly flags: string[];
  /** What changed and why. */
  readonly message: string;
}

/**
 * A value that cannot be carried over as given: the CLI prints it and exits 2.
 * TypeScript only (an Error subclass): other languages get its message as their runtime's error.
 * @jsii ignore
 */
export class ChartMigrationRefusal extends Error {
  constructor(
    /** The values key. */ public readonly key: string,
    /** What is wrong and the way out. */ reason: string,
  ) {
    super(redactCredentials(`${key}: ${reason}`));
    this.name = 'ChartMigrationRefusal';
  }
}

/** Refuses the value at `key`, saying what is wrong and the way out. */
export function refuse(key: string, reason: string): never {
  throw new ChartMigrationRefusal(key, reason);
}

/** Chart values as parsed from YAML. */
export type Values = Record<string, any>;

/** Whether a value is set: not undefined, null, '', an empty list or an empty map. */
export const nonEmpty = (x: unknown) =>
  x !== undefined &&
  x !== null &&
  x !== '' &&
  !(Array.isArray(x) && x.length === 0) &&
  !(typeof x === 'object' && !Array.isArray(x) && Object.keys(x as object).length === 0);

/**
 * Where props a section sets came from in the values, for errors: [prop path, values key], the first matching prefix
 * wins.
 */
export type ValuesKeys = ReadonlyArray<readonly [string, string]>;

/** HeadlampDeployment's props as the sections fill them in (their order is the order of the starting point). */
export type DeploymentProps = { -readonly [K in keyof HeadlampDeploymentProps]: HeadlampDeploymentProps[K] };

/** What config.extraArgs say about proxy-auth: where `-proxy-auth` is (when on), the header names given, their keys. */
export interface ProxyAuthArgs {
  at?: string;
  headers: ProxyAuthHeaders;
  headerKeys: string[];
}

/** What a section reads and writes. */
export interface Migration {
  /** The chart values. */
  readonly v: Values;
  /** The values' `config` section (`{}` when absent). */
  readonly config: Values;
  readonly options: ChartMigrationOptions;
  /** The Helm release name. */
  readonly release: string;
  /** Headlamp's object names, by the chart's fullname rule. */
  readonly name: string;
  readonly props: DeploymentProps;
  /**
   * Where props that depend on the values came from, for errors, before the sections' tables: an env var's
   * index (`['props.extraEnv.FOO', 'env[3]']`).
   */
  readonly valuesKeys: Array<readonly [string, string]>;
  /** Keys the values give as `null` (left out of `v`: helm deletes them, default and all). */
  readonly nulls: readonly string[];
  /** The Flux placeholders the values' tokens stand for, by token number (substitution.ts). */
  readonly placeholders: readonly string[];
  /** `-proxy-auth*` flags of config.extraArgs. */
  readonly proxyAuth: ProxyAuthArgs;
  /** OIDC options given as typed flags (config.extraArgs, env), each by the values key it came from. */
  readonly oidcExtras: { unsafeSkipTlsVerify?: string };
  /** Records a value carried over differently, naming the Headlamp flags whose value changes because of it. */
  note(key: string, message: string, flags?: string[]): void;
}
