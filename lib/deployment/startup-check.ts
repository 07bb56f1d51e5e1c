// Headlamp's own start-up check (backend/pkg/config/config.go Validate, v0.45.0) run at synth on the merged flags: a
// pod Headlamp would refuse to start is refused here, with the fix.
import { Construct } from 'constructs';
import { fail } from '../core/errors';
import { HeadlampFlag } from '../core/headlamp-flags';
import { OwnedFlag } from '../core/pod-contribution';

/** The OIDC flags Validate accepts only with -in-cluster or -oidc-use-cookie. */
const OIDC_CLIENT_FLAGS: readonly HeadlampFlag[] = [
  'oidc-client-id',
  'oidc-client-secret',
  'oidc-idp-issuer-url',
  'oidc-validator-client-id',
  'oidc-validator-idp-issuer-url',
];

/** The flags Validate accepts only with -in-cluster. */
const IN_CLUSTER_ONLY_FLAGS: readonly HeadlampFlag[] = [
  'unsafe-use-service-account-token',
  'service-account-token-path',
];

/**
 * @internal Refuses flags Headlamp's Validate stops the server on: OIDC client flags without `-in-cluster` and without
 * `-oidc-use-cookie`, and the shared ServiceAccount token without `-in-cluster`. Each error names the prop that asked
 * for the flag and the fix.
 */
export function refuseWhatHeadlampStopsOn(scope: Construct, constructType: string, flags: readonly OwnedFlag[]): void {
  const has = (flag: HeadlampFlag) => flags.some((f) => f.flag === flag);
  if (has('in-cluster')) return;
  const tokenFlag = flags.find((f) => IN_CLUSTER_ONLY_FLAGS.includes(f.flag));
  if (tokenFlag) {
    fail(
      scope,
      constructType,
      tokenFlag.prop,
      `the shared ServiceAccount token works in-cluster only (Headlamp stops at start on -${tokenFlag.flag} ` +
        'without -in-cluster), got it with props.inCluster: false; keep inCluster, or let users log in with their ' +
        'own tokens',
    );
  }
  const oidcFlag = flags.find((f) => OIDC_CLIENT_FLAGS.includes(f.flag));
  if (oidcFlag && !has('oidc-use-cookie')) {
    fail(
      scope,
      constructType,
      oidcFlag.prop,
      `Headlamp stops at start on -${oidcFlag.flag} without -in-cluster or -oidc-use-cookie ` +
        '(config.go Validate), got it with props.inCluster: false; set props.auth.oidc.useCookie: true (out of ' +
        'cluster the OIDC client of each kubeconfig context comes from its own auth-provider: the client ID, ' +
        'secret and issuer given here serve no cluster), or keep inCluster',
    );
  }
}
