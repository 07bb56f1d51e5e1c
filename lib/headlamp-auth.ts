import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { FlagValue } from './headlamp-flags';

/** What an auth mode adds to the Headlamp container. */
export interface AuthContribution {
  /** Flags, each with the prop path that asked for it (for version-gate errors). */
  readonly flags: Array<FlagValue & { readonly prop: string }>;
  readonly env: k8s.EnvVar[];
  readonly volumes: k8s.Volume[];
  readonly volumeMounts: k8s.VolumeMount[];
}

/** The login modes Headlamp supports. */
export enum HeadlampAuthMode {
  /** Users paste a Kubernetes bearer token (e.g. from `kubectl create token`). */
  SERVICE_ACCOUNT_TOKEN = 'service-account-token',
}

/**
 * How users log in to Headlamp. Pick one with a static factory:
 * `HeadlampAuth.serviceAccountToken()`.
 */
export class HeadlampAuth {
  /**
   * Token login (Headlamp's default): users paste a Kubernetes token; every API call runs with that
   * token's RBAC. Pair it with {@link LoginServiceAccount} to hand out least-privilege tokens.
   */
  public static serviceAccountToken(): HeadlampAuth {
    return new HeadlampAuth(HeadlampAuthMode.SERVICE_ACCOUNT_TOKEN, () => ({ flags: [], env: [], volumes: [], volumeMounts: [] }));
  }

  private constructor(
    /** The login mode. */
    public readonly mode: HeadlampAuthMode,
    private readonly binder: (scope: Construct) => AuthContribution,
  ) {}

  /** @internal Flags, env and volumes this mode adds to the Headlamp container. */
  public _bind(scope: Construct): AuthContribution {
    return this.binder(scope);
  }
}
