// Pod and container security: the options and their schema, the hardened security contexts, and the writable /tmp a
// read-only root filesystem needs.
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { fail } from '../core/errors';
import { hardenedSecurityContexts } from '../core/metadata';
import { PodContribution } from '../core/pod-contribution';
import { bool, int, lazy, pattern, str } from '../core/schema';
import { plainContainer } from './plain-values';

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
export const securitySchema = lazy(() =>
  z.strictObject({
    runAsUser: int(0, 2147483647).optional(),
    runAsGroup: int(0, 2147483647).optional(),
    fsGroup: int(0, 2147483647).optional(),
    seccompLocalhostProfile: str('a profile path relative to the kubelet seccomp directory').optional(),
    unsafeAllowRunAsRoot: bool.optional(),
    unsafeWritableRootFilesystem: bool.optional(),
    unsafeAllowPrivilegeEscalation: bool.optional(),
    unsafeAddCapabilities: z.array(pattern(/^[A-Z_]+$/, "a capability name such as 'NET_BIND_SERVICE'")).optional(),
    userNamespace: bool.optional(),
  }),
);

/** @internal The pod's and containers' security contexts, and whether the pod has a user namespace. */
export interface PodSecurity {
  readonly pod: k8s.PodSecurityContext;
  readonly container: k8s.SecurityContext;
  readonly hostUsers?: boolean;
}

/** @internal The hardened security contexts the options ask for; refuses uid 0 without its unsafe name. */
export function podSecurity(scope: Construct, constructType: string, o: HeadlampSecurityOptions = {}): PodSecurity {
  if (o.runAsUser === 0 && !o.unsafeAllowRunAsRoot) {
    fail(
      scope,
      constructType,
      'props.security.runAsUser',
      'expected a non-root uid (>= 1), got 0; ' + 'set props.security.unsafeAllowRunAsRoot: true to run as root',
    );
  }
  const hardened = hardenedSecurityContexts({
    ...o,
    runAsUser: o.runAsUser ?? 100,
    runAsGroup: o.runAsGroup ?? 101,
    fsGroup: o.fsGroup ?? 101,
  });
  return { ...hardened, hostUsers: o.userNamespace ? false : undefined };
}

/** @internal A container beside Headlamp's, with Headlamp's hardening unless it brings its own securityContext. */
export function hardenContainer(c: k8s.Container, security: PodSecurity): k8s.Container {
  return { ...plainContainer(c), securityContext: c.securityContext ?? security.container };
}

/**
 * @internal The bounded emptyDir at /tmp the read-only root filesystem needs (`tmpSize`); none when the user mounts
 * something at /tmp (theirs replaces it).
 */
export function writableTmp(tmpSize: string | undefined, extraVolumeMounts: k8s.VolumeMount[] = []): PodContribution {
  if (extraVolumeMounts.some((m) => m.mountPath.replace(/\/+$/, '') === '/tmp')) return {};
  const prop = 'props.tmpSize';
  return {
    volumes: [{ prop, value: { name: 'tmp', emptyDir: { sizeLimit: k8s.Quantity.fromString(tmpSize ?? '1Gi') } } }],
    volumeMounts: [{ prop, value: { name: 'tmp', mountPath: '/tmp' } }],
  };
}
