package main

import (
	"fmt"
	"strings"

	"k8s.io/apiserver/pkg/apis/apiserver"
	"k8s.io/utils/ptr"
)

// legacyFlagsConfig maps kube-apiserver's --oidc-* flags to the one JWTAuthenticator kube-apiserver builds from
// them. Mirrors k8s.io/kubernetes v1.35.4 pkg/kubeapiserver/options/authentication.go: the flag names of
// AddFlags, and the `o.OIDC != nil && len(o.OIDC.IssuerURL) > 0 && len(o.OIDC.ClientID) > 0` branch of
// ToAuthenticationConfig (a username prefix defaults to `<issuer>#` unless the claim is `email`; `-` means none).
// --oidc-ca-file names a file on the control-plane nodes: main substitutes the test CA for it, as for the file.
func legacyFlagsConfig(args []string) (*apiserver.AuthenticationConfiguration, error) {
	flags := map[string]string{}
	for _, arg := range args {
		name, value, ok := strings.Cut(strings.TrimPrefix(arg, "--"), "=")
		if !ok || !strings.HasPrefix(arg, "--oidc-") {
			return nil, fmt.Errorf("not an --oidc-*=value flag: %q", arg)
		}
		switch name {
		case "oidc-issuer-url", "oidc-client-id", "oidc-username-claim", "oidc-username-prefix", "oidc-groups-claim",
			"oidc-groups-prefix", "oidc-ca-file":
		default:
			return nil, fmt.Errorf("unknown flag: --%s", name)
		}
		flags[name] = value
	}
	issuerURL, clientID := flags["oidc-issuer-url"], flags["oidc-client-id"]
	if issuerURL == "" || clientID == "" {
		return nil, fmt.Errorf("oidc-issuer-url and oidc-client-id must be specified together")
	}
	usernameClaim, ok := flags["oidc-username-claim"]
	if !ok {
		usernameClaim = "sub" // the flag's default (WithOIDC)
	}
	usernamePrefix := flags["oidc-username-prefix"]
	if usernamePrefix == "" && usernameClaim != "email" {
		usernamePrefix = issuerURL + "#"
	}
	if usernamePrefix == "-" {
		usernamePrefix = ""
	}
	jwt := apiserver.JWTAuthenticator{
		Issuer: apiserver.Issuer{URL: issuerURL, Audiences: []string{clientID}},
		ClaimMappings: apiserver.ClaimMappings{
			Username: apiserver.PrefixedClaimOrExpression{Prefix: ptr.To(usernamePrefix), Claim: usernameClaim},
		},
	}
	if claim := flags["oidc-groups-claim"]; claim != "" {
		jwt.ClaimMappings.Groups = apiserver.PrefixedClaimOrExpression{
			Prefix: ptr.To(flags["oidc-groups-prefix"]), Claim: claim,
		}
	}
	return &apiserver.AuthenticationConfiguration{JWT: []apiserver.JWTAuthenticator{jwt}}, nil
}
