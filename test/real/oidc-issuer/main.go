// A loopback OIDC issuer for the oauth2-proxy suites: the oauth2-proxy project's mockoidc (authorize answers at once
// with a code for the configured user; token, refresh, userinfo, JWKS, discovery), plus the extra ID token claims a
// provider needs (e.g. Entra ID's `tid`). Prints its issuer URL as one JSON line on stdout, then serves until killed,
// printing {"grant": "<grant_type>"} for each token request.
//
//	oidc-issuer -client-id ID -client-secret SECRET -claims '{"sub":"...","email":"...","groups":[...]}'
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/oauth2-proxy/mockoidc"
)

// user is a mockoidc.User whose ID token carries exactly `claims` beside the registered ones.
type user struct{ claims map[string]any }

func (u user) ID() string { s, _ := u.claims["sub"].(string); return s }

func (u user) Userinfo(_ []string) ([]byte, error) { return json.Marshal(u.claims) }

func (u user) Claims(_ []string, base *mockoidc.IDTokenClaims) (jwt.Claims, error) {
	raw, err := json.Marshal(base)
	if err != nil {
		return nil, err
	}
	out := jwt.MapClaims{}
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, err
	}
	for k, v := range u.claims {
		out[k] = v
	}
	return out, nil
}

func main() {
	clientID := flag.String("client-id", "", "the client ID oauth2-proxy presents")
	clientSecret := flag.String("client-secret", "", "the client secret oauth2-proxy presents")
	claimsJSON := flag.String("claims", "{}", "the signed-in user's ID token claims (JSON object, with sub)")
	accessTTL := flag.Duration("token-ttl", 10*time.Minute, "ID and access token lifetime")
	flag.Parse()
	var claims map[string]any
	if err := json.Unmarshal([]byte(*claimsJSON), &claims); err != nil {
		log.Fatalf("-claims: %v", err)
	}
	// The providers oauth2-proxy renders ask for offline_access (refresh tokens); mockoidc lists only the OIDC basics.
	mockoidc.ScopesSupported = append(mockoidc.ScopesSupported, "offline_access")
	m, err := mockoidc.NewServer(nil)
	if err != nil {
		log.Fatal(err)
	}
	m.ClientID, m.ClientSecret, m.AccessTTL = *clientID, *clientSecret, *accessTTL
	// Every sign-in is the configured user (an empty queue would give mockoidc's default user).
	if err := m.AddMiddleware(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == mockoidc.AuthorizationEndpoint {
				m.QueueUser(user{claims})
			}
			// Each token grant, one JSON line on stdout: the suites see a refresh reach the issuer.
			if r.URL.Path == mockoidc.TokenEndpoint && r.ParseForm() == nil {
				line, _ := json.Marshal(map[string]string{"grant": r.PostForm.Get("grant_type")})
				fmt.Println(string(line))
			}
			next.ServeHTTP(w, r)
		})
	}); err != nil {
		log.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	if err := m.Start(ln, nil); err != nil {
		log.Fatal(err)
	}
	line, _ := json.Marshal(map[string]string{"issuer": m.Issuer()})
	fmt.Println(string(line))
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	<-stop
	_ = m.Shutdown()
}
