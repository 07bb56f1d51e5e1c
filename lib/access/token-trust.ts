// Whether any API server can trust the tokens Headlamp forwards: the issuer and audience rules kube-apiserver enforces.
import type { TokenIdentity } from '../auth/claim-mapping';

/**
 * @internal Why kube-apiserver would refuse (or never match) the issuer and audience of `id`, or undefined. The issuer
 * rules
 * are k8s.io/apiserver v0.34 pkg/apis/apiserver/validation/validation.go `validateURL` (https, no user info, query or
 * fragment), which the legacy `--oidc-*` flags go through too (pkg/kubeapiserver/options/authentication.go turns
 * them into the same JWTAuthenticator); EKS documents the same https rule. The audience is compared byte for byte
 * with the token's `aud` (oidc.go `verifyAudience`): a blank one, or one with spaces around it, matches no token.
 * @param headlamp the HeadlampDeployment's construct path, to name where an opt-in was given
 * @param consequence what the refusal protects, for the construct asking
 */
export function apiServerTrustProblem(id: TokenIdentity, headlamp: string, consequence: string): string | undefined {
  let url: URL | undefined;
  try {
    url = new URL(id.issuerUrl);
  } catch {
    url = undefined;
  }
  if (url?.protocol === 'http:') {
    return (
      `the issuer ${JSON.stringify(id.issuerUrl)} is plain http: OidcConfig's unsafeAllowHttpIssuer ` +
      `(props.auth.oidc.unsafeAllowHttpIssuer of HeadlampDeployment '${headlamp}') lets Headlamp's own login use ` +
      `it for local development only, and kube-apiserver accepts only https issuers ("URL scheme must be ` +
      `https"); ${consequence}. ` +
      'Serve the identity provider over https (the opt-in must not reach the control plane)'
    );
  }
  // Credentials in the URL are never echoed.
  const shown = JSON.stringify(
    url && (url.username || url.password) ? id.issuerUrl.replace(/\/\/[^@/]*@/, '//<redacted>@') : id.issuerUrl,
  );
  const bad = !url
    ? 'is not a URL'
    : url.protocol !== 'https:'
      ? 'is not https'
      : url.username || url.password
        ? 'carries a user name or password'
        : url.search
          ? 'carries a query'
          : url.hash
            ? 'carries a fragment'
            : undefined;
  if (bad) {
    return (
      `the issuer ${shown} ${bad}, which kube-apiserver refuses (an https URL without user info, query or ` +
      `fragment); ${consequence}. Use the issuer exactly as the provider's discovery document names it`
    );
  }
  if (id.audience.trim() === '' || id.audience.trim() !== id.audience) {
    return (
      `the audience ${JSON.stringify(id.audience)} (the client ID ${id.source} uses) is ` +
      `${id.audience.trim() ? 'padded with spaces' : 'blank'}: ` +
      `the API server compares it byte for byte with the token's aud, so no token would match; ${consequence}. ` +
      'Set the client ID exactly as registered at the identity provider (clientId, or validatorClientId with ' +
      'useAccessToken)'
    );
  }
  return undefined;
}
