// Headlamp's own ServiceAccount (no RBAC), or an existing one the pod runs as instead (`existingServiceAccount`, the
// official chart's serviceAccount.create: false).
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { HeadlampAuthMode } from '../auth/headlamp-auth';
import { fail } from '../core/errors';
import { ObjectNames } from '../core/metadata';
import { HeadlampDeploymentProps } from './headlamp-deployment-props';

/**
 * @internal The ServiceAccount the pod runs as: the one created here, or the existing one named (then none is created).
 */
export interface HeadlampServiceAccount {
  /** The ServiceAccount object, when the construct creates it. */
  readonly object?: k8s.KubeServiceAccount;
  /** The name the pod runs as. */
  readonly name: string;
}

/**
 * @internal Creates Headlamp's ServiceAccount (no RBAC, token not automounted), or uses `existingServiceAccount`. An
 * existing one is refused with props that act on the ServiceAccount the construct creates: its annotations, and the
 * shared-token mode (which binds its role to that ServiceAccount; with another, everyone would also get whatever
 * the existing one holds, which the library cannot see).
 */
export function headlampServiceAccount(
  scope: Construct,
  constructType: string,
  names: ObjectNames,
  p: HeadlampDeploymentProps,
  authMode: HeadlampAuthMode,
): HeadlampServiceAccount {
  const existing = p.existingServiceAccount;
  if (existing === undefined) {
    const object = new k8s.KubeServiceAccount(scope, 'ServiceAccount', {
      metadata: { name: names.name, labels: names.labels, annotations: p.serviceAccountAnnotations },
      // The pod mounts its token explicitly (in-cluster config needs it); nothing else should.
      automountServiceAccountToken: false,
    });
    return { object, name: object.name };
  }
  if (p.serviceAccountAnnotations) {
    fail(
      scope,
      constructType,
      'props.serviceAccountAnnotations',
      `applies to the ServiceAccount the construct creates, got it with ` +
        `existingServiceAccount '${existing}'; annotate that ServiceAccount where it is defined, or drop ` +
        `existingServiceAccount`,
    );
  }
  if (authMode === HeadlampAuthMode.UNSAFE_SHARED_SERVICE_ACCOUNT) {
    fail(
      scope,
      constructType,
      'props.existingServiceAccount',
      `the shared-token login binds its role to the ServiceAccount the construct ` +
        `creates, got existingServiceAccount '${existing}': everyone who reaches the UI would also get whatever ` +
        'RBAC it holds, which the library cannot see; drop existingServiceAccount, or log in with tokens or OIDC',
    );
  }
  return { name: existing };
}
