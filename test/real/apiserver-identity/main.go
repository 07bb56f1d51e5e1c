// The API server's own identity code, run on what cdk8s-headlamp writes for the cluster operator: reads one JSON
// request on stdin, {"config": "<authentication-config.yaml>"} or {"flags": "<kube-apiserver-flags.txt>"}, plus
// "tokens": [<claims object>...], and prints one JSON line: {"errors": [...]} when the API server would refuse to
// start, else {"results": [{"username", "groups"} | {"error"}...]}, one per token, in order.
//
// As kube-apiserver v1.35 does (k8s.io/kubernetes v1.35.4):
//   - the file is decoded with the strict codec of k8s.io/apiserver/pkg/apis/apiserver/install
//     (pkg/kubeapiserver/options/authentication.go, loadAuthenticationConfigFromData);
//   - the legacy --oidc-* flags become one JWTAuthenticator (legacy.go mirrors that file's ToAuthenticationConfig);
//   - the result is validated by ValidateAuthenticationConfiguration (same file), and each JWTAuthenticator becomes
//     oidc.New(...) with the issuer's certificateAuthority (pkg/kubeapiserver/authenticator/config.go,
//     newJWTAuthenticator). The "system:authenticated" group the API server adds afterwards (group.
//     NewAuthenticatedGroupAdder) is not part of what the token maps to, and is not printed.
//
// The only substitution: each issuer URL (e.g. https://dex.example.com) becomes this program's issuer on
// https://127.0.0.1:<port>/<same path>, with a CA made for the run as its certificateAuthority; tokens are signed
// by that issuer (RS256) with iss = that URL, aud = the first configured audience, and exp/iat/nbf set here.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	"k8s.io/apiserver/pkg/apis/apiserver"
	"k8s.io/apiserver/pkg/apis/apiserver/install"
	"k8s.io/apiserver/pkg/apis/apiserver/validation"
	authenticationcel "k8s.io/apiserver/pkg/authentication/cel"
	"k8s.io/apiserver/plugin/pkg/authenticator/token/oidc"
)

type request struct {
	Config string           `json:"config"`
	Flags  string           `json:"flags"`
	Tokens []map[string]any `json:"tokens"`
}

type result struct {
	Username string   `json:"username,omitempty"`
	Groups   []string `json:"groups,omitempty"`
	Error    string   `json:"error,omitempty"`
}

var (
	cfgScheme = runtime.NewScheme()
	codecs    = serializer.NewCodecFactory(cfgScheme, serializer.EnableStrict)
)

func init() { install.Install(cfgScheme) }

func main() {
	var req request
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		fail(err)
	}
	cfg, err := load(req)
	if err != nil {
		emit(map[string]any{"errors": []string{err.Error()}})
		return
	}
	issuer, err := startIssuer()
	if err != nil {
		fail(err)
	}
	for i := range cfg.JWT {
		cfg.JWT[i].Issuer.URL = issuer.substitute(cfg.JWT[i].Issuer.URL)
		cfg.JWT[i].Issuer.CertificateAuthority = issuer.caPEM
	}
	compiler := authenticationcel.NewDefaultCompiler()
	if errs := validation.ValidateAuthenticationConfiguration(compiler, cfg, nil); len(errs) > 0 {
		emit(map[string]any{"errors": strings.Split(errs.ToAggregate().Error(), ", ")})
		return
	}
	results, err := authenticate(cfg, issuer, req.Tokens)
	if err != nil {
		fail(err)
	}
	emit(map[string]any{"results": results})
}

// load decodes the configuration file, or maps the legacy flags, as kube-apiserver does.
func load(req request) (*apiserver.AuthenticationConfiguration, error) {
	if req.Flags != "" {
		return legacyFlagsConfig(strings.Fields(req.Flags))
	}
	obj, err := runtime.Decode(codecs.UniversalDecoder(), []byte(req.Config))
	if err != nil {
		return nil, err
	}
	cfg, ok := obj.(*apiserver.AuthenticationConfiguration)
	if !ok {
		return nil, fmt.Errorf("expected AuthenticationConfiguration, got %T", obj)
	}
	return cfg, nil
}

func authenticate(cfg *apiserver.AuthenticationConfiguration, issuer *testIssuer, tokens []map[string]any) (
	[]result, error) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var auths []oidc.AuthenticatorTokenWithHealthCheck
	for _, jwt := range cfg.JWT {
		auth, err := oidc.New(ctx, oidc.Options{
			JWTAuthenticator:     jwt,
			CAContentProvider:    staticCA(jwt.Issuer.CertificateAuthority),
			SupportedSigningAlgs: oidc.AllValidSigningAlgorithms(),
		})
		if err != nil {
			return nil, err
		}
		if err := waitHealthy(auth); err != nil {
			return nil, err
		}
		auths = append(auths, auth)
	}
	results := make([]result, 0, len(tokens))
	for _, claims := range tokens {
		results = append(results, authenticateOne(ctx, cfg, auths, issuer, claims))
	}
	return results, nil
}

// authenticateOne signs `claims` for the first authenticator's issuer and audience and runs every authenticator on
// the token, as the API server's union does: the first that answers decides.
func authenticateOne(ctx context.Context, cfg *apiserver.AuthenticationConfiguration,
	auths []oidc.AuthenticatorTokenWithHealthCheck, issuer *testIssuer, claims map[string]any) result {
	if len(auths) == 0 {
		return result{Error: "no JWT authenticator configured"}
	}
	token, err := issuer.sign(claims, cfg.JWT[0].Issuer.URL, cfg.JWT[0].Issuer.Audiences[0])
	if err != nil {
		return result{Error: err.Error()}
	}
	var errs []string
	for _, auth := range auths {
		resp, ok, err := auth.AuthenticateToken(ctx, token)
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		if ok {
			return result{Username: resp.User.GetName(), Groups: resp.User.GetGroups()}
		}
	}
	return result{Error: strings.Join(append(errs, "not authenticated"), "; ")}
}

func waitHealthy(auth oidc.AuthenticatorTokenWithHealthCheck) error {
	deadline := time.Now().Add(20 * time.Second)
	for {
		err := auth.HealthCheck()
		if err == nil || time.Now().After(deadline) {
			return err
		}
		time.Sleep(20 * time.Millisecond)
	}
}

type staticCA string

func (c staticCA) CurrentCABundleContent() []byte { return []byte(c) }

func emit(v any) {
	out, _ := json.Marshal(v)
	fmt.Println(string(out))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
