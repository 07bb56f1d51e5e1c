// Pod and container security: the options and their schema.
import { z } from 'zod';
import { bool, int, lazy, pattern, str } from '../core/schema';

/** Pod and container security settings. Secure by default; weakening one needs its `unsafe*` name. */
export interface HeadlampSecurityOptions {
  /**
   * User ID of the container process (the official image's `headlamp` user).
   * @default 100
   */
  readonly runAsUser?: number;
  /**
   * Group ID of the container process.
   * @default 101
   */
  readonly runAsGroup?: number;
  /**
   * Group that owns mounted volumes.
   * @default 101
   */
  readonly fsGroup?: number;
  /**
   * A node-local seccomp profile (`profiles/headlamp.json`); sets seccomp type `Localhost`.
   * @default - seccomp type RuntimeDefault
   */
  readonly seccompLocalhostProfile?: string;
  /**
   * Allow uid 0 (drops `runAsNonRoot`).
   * @default false
   */
  readonly unsafeAllowRunAsRoot?: boolean;
  /**
   * Make the root filesystem writable.
   * @default false
   */
  readonly unsafeWritableRootFilesystem?: boolean;
  /**
   * Allow setuid binaries to gain privileges.
   * @default false
   */
  readonly unsafeAllowPrivilegeEscalation?: boolean;
  /**
   * Linux capabilities to add back after dropping ALL (e.g. `NET_BIND_SERVICE`).
   * @default - none
   */
  readonly unsafeAddCapabilities?: string[];
  /**
   * Run the pod in its own user namespace (`hostUsers: false`, Kubernetes 1.33+ by default; earlier with the
   * UserNamespacesSupport feature gate): root inside the pod is not root on the node.
   * @default false
   */
  readonly userNamespace?: boolean;
}

/** @internal The schema of HeadlampSecurityOptions. */
export const securitySchema = lazy(() => z.strictObject({
  runAsUser: int(0, 2147483647).optional(),
  runAsGroup: int(0, 2147483647).optional(),
  fsGroup: int(0, 2147483647).optional(),
  seccompLocalhostProfile: str('a profile path relative to the kubelet seccomp directory').optional(),
  unsafeAllowRunAsRoot: bool.optional(),
  unsafeWritableRootFilesystem: bool.optional(),
  unsafeAllowPrivilegeEscalation: bool.optional(),
  unsafeAddCapabilities: z.array(pattern(/^[A-Z_]+$/, "a capability name such as 'NET_BIND_SERVICE'")).optional(),
  userNamespace: bool.optional(),
}));
