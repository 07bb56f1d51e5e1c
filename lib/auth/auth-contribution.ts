// What an auth mode adds to Headlamp's pod (a PodContribution, plus its callback URL and token identity), and the
// deployment facts it is bound with.
import { PodContribution } from '../core/pod-contribution';
import type { TokenIdentity } from './claim-mapping';

/** @internal The deployment facts an auth mode is bound with. */
export interface AuthContext {
  /** Base name for objects the mode creates. */
  readonly name: string;
  /** Headlamp's base URL, `''` at the root. */
  readonly baseUrl: string;
  /** Labels for objects the mode creates. */
  readonly labels: Record<string, string>;
  /** Construct type, for errors. */
  readonly constructType: string;
  /** Namespace of Headlamp (and of its ServiceAccount, named `name`). */
  readonly namespace: string;
}

/** @internal What an auth mode adds to Headlamp's pod, and what it tells the rest of the app. */
export interface AuthContribution extends PodContribution {
  /** The OIDC callback URL to register at the identity provider, in OIDC mode. */
  readonly callbackUrl?: string;
  /** In OIDC mode: the tokens Headlamp forwards to the API server (undefined with a settings Secret). */
  readonly identity?: TokenIdentity;
}
