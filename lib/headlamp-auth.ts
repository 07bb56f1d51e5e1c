import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { FlagValue } from './headlamp-flags';
import { OidcConfig } from './oidc-config';

/** The deployment facts an auth mode is bound with. */
export interface AuthContext {
  /** Base name for objects the mode creates. */
  readonly name: string;
  /** Headlamp's base URL, `''` at the root. */
  readonly baseUrl: string;
  /** Labels for objects the mode creates. */
  readonly labels: Record<string, string>;
  /** Construct type, for errors. */
  readonly constructType: string;
}

/** What an auth mode adds to the Headlamp container. */
export interface AuthContribution {
  /** Flags, each with the prop path that asked for it (for version-gate errors). */
  readonly flags: Array<FlagValue & { readonly prop: string }>;
  readonly env: k8s.EnvVar[];
  readonly volumes: k8s.Volume[];
  readonly volumeMounts: k8s.VolumeMount[];
  /** The OIDC callback URL to register at the identity provider, in OIDC mode. */
  readonly callbackUrl?: string;
}

/** The login modes Headlamp supports. */
export enum HeadlampAuthMode {
  /** Users paste a Kubernetes bearer token (e.g. from `kubectl create token`). */
  SERVICE_ACCOUNT_TOKEN = 'service-account-token',
  /** Users sign in with an OpenID Connect identity provider. */
  OIDC = 'oidc',
}

/**
 * How users log in to Headlamp. Pick one with a static factory; one mode per deployment, so
 * conflicting modes cannot be combined.
 */
export class HeadlampAuth {
  /**
   * Token login (Headlamp's default): users paste a Kubernetes token; every API call runs with that
   * token's RBAC. Pair it with {@link LoginServiceAccount} to hand out least-privilege tokens.
   */
  public static serviceAccountToken(): HeadlampAuth {
    return new HeadlampAuth(HeadlampAuthMode.SERVICE_ACCOUNT_TOKEN, () => ({ flags: [], env: [], volumes: [], volumeMounts: [] }));
  }

  /** OIDC login ("Sign in" button) with a provider preset or a generic {@link OidcConfig}. */
  public static oidc(config: OidcConfig): HeadlampAuth {
    return new HeadlampAuth(HeadlampAuthMode.OIDC, (scope, ctx) => config._bind(scope, { ...ctx, propPath: 'props.auth.oidc' }));
  }

  private constructor(
    /** The login mode. */
    public readonly mode: HeadlampAuthMode,
    private readonly binder: (scope: Construct, ctx: AuthContext) => AuthContribution,
  ) {}

  /** @internal Flags, env and volumes this mode adds to the Headlamp container. */
  public _bind(scope: Construct, ctx: AuthContext): AuthContribution {
    return this.binder(scope, ctx);
  }
}
