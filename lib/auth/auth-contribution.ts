// What an auth mode adds to Headlamp's pod, and the deployment facts it is bound with.
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { FlagValue } from '../core/headlamp-flags';
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

/** @internal What an auth mode adds to the Headlamp container. */
export interface AuthContribution {
  /** Flags, each with the prop path that asked for it (for version-gate errors). */
  readonly flags: Array<FlagValue & { readonly prop: string }>;
  readonly env: k8s.EnvVar[];
  readonly volumes: k8s.Volume[];
  readonly volumeMounts: k8s.VolumeMount[];
  /** The OIDC callback URL to register at the identity provider, in OIDC mode. */
  readonly callbackUrl?: string;
  /** In OIDC mode: the tokens Headlamp forwards to the API server (undefined with a settings Secret). */
  readonly identity?: TokenIdentity;
}
