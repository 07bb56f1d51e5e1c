package main

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// testIssuer is an OIDC issuer on https://127.0.0.1:<port> (discovery and JWKS for any path), with a CA made for
// the run; it signs ID tokens with one RSA key.
type testIssuer struct {
	base  string // https://127.0.0.1:<port>
	caPEM string
	key   *rsa.PrivateKey
	// issuers are the substituted URLs, by their form without a trailing slash (discovery is at that + the path).
	issuers map[string]string
}

// substitute keeps the path of a configured issuer URL and replaces its scheme and host with this issuer's.
func (t *testIssuer) substitute(issuerURL string) string {
	u, err := url.Parse(issuerURL)
	if err != nil {
		return t.base
	}
	substituted := t.base + u.EscapedPath()
	t.issuers[strings.TrimSuffix(substituted, "/")] = substituted
	return substituted
}

func startIssuer() (*testIssuer, error) {
	caKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	ca := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "apiserver-identity test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, ca, ca, &caKey.PublicKey, caKey)
	if err != nil {
		return nil, err
	}
	leafKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	leaf := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		KeyUsage: x509.KeyUsageDigitalSignature,
	}
	leafDER, err := x509.CreateCertificate(rand.Reader, leaf, ca, &leafKey.PublicKey, caKey)
	if err != nil {
		return nil, err
	}
	signingKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	t := &testIssuer{
		base:  "https://" + ln.Addr().String(),
		caPEM: string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER})),
		key:   signingKey, issuers: map[string]string{},
	}
	srv := &http.Server{
		Handler:   http.HandlerFunc(t.serve),
		TLSConfig: &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{leafDER}, PrivateKey: leafKey}}},
	}
	go func() { _ = srv.ServeTLS(ln, "", "") }()
	return t, nil
}

// serve answers discovery (`<issuer>/.well-known/openid-configuration`) and the JWKS (`/jwks`).
func (t *testIssuer) serve(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	issuerPath, ok := strings.CutSuffix(r.URL.EscapedPath(), "/.well-known/openid-configuration")
	if issuer, known := t.issuers[t.base+issuerPath]; ok && known {
		_ = json.NewEncoder(w).Encode(map[string]any{
			"issuer": issuer, "jwks_uri": t.base + "/jwks", "id_token_signing_alg_values_supported": []string{"RS256"},
			"authorization_endpoint": t.base + "/authorize", "response_types_supported": []string{"code"},
			"subject_types_supported": []string{"public"},
		})
		return
	}
	if r.URL.Path == "/jwks" {
		pub := t.key.PublicKey
		_ = json.NewEncoder(w).Encode(map[string]any{"keys": []map[string]string{{
			"kty": "RSA", "kid": "test", "use": "sig", "alg": "RS256",
			"n": b64(pub.N.Bytes()), "e": b64(big.NewInt(int64(pub.E)).Bytes()),
		}}})
		return
	}
	http.NotFound(w, r)
}

// sign returns an RS256 JWT with `claims` plus iss, aud, iat, nbf and exp (those in `claims` win).
func (t *testIssuer) sign(claims map[string]any, iss, aud string) (string, error) {
	now := time.Now().Unix()
	body := map[string]any{"iss": iss, "aud": aud, "iat": now, "nbf": now, "exp": now + 600}
	for k, v := range claims {
		body[k] = v
	}
	header, _ := json.Marshal(map[string]string{"alg": "RS256", "kid": "test", "typ": "JWT"})
	payload, err := json.Marshal(body)
	if err != nil {
		return "", err
	}
	signed := b64(header) + "." + b64(payload)
	digest := sha256.Sum256([]byte(signed))
	sig, err := rsa.SignPKCS1v15(rand.Reader, t.key, crypto.SHA256, digest[:])
	if err != nil {
		return "", err
	}
	return signed + "." + b64(sig), nil
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }
