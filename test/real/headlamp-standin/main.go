// Headlamp stand-in for the real-component suites: Headlamp v0.45.0's backend module is not served by the Go module
// proxy (github.com/kubernetes-sigs/headlamp/backend answers 403), so this program routes a request the way
// Headlamp v0.45.0 does as far as <base-url>/metrics goes, on the same router (gorilla/mux v1.8.1, the version of
// Headlamp's backend/go.mod), set up as backend/cmd/headlamp.go sets it up:
//   - lines 729-735 (createHeadlampHandler): no base URL, mux.NewRouter(); a base URL, a Subrouter of
//     PathPrefix(baseURL) on a new router, and that subrouter is the handler (line 1287 returns it);
//   - line 747: r.Handle("/metrics", promhttp.Handler()) when metrics are on;
//   - line 1253: r.PathPrefix("/").Handler(the SPA) last, so every other path under the base URL is the UI.
// gorilla/mux matches the decoded path (req.URL.Path, useEncodedPath off) and answers an unclean path (`//`, `/./`,
// `/../`) with a 301 to its clean form. It prints `listening <port>` once it accepts connections.
package main

import (
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"

	"github.com/gorilla/mux"
)

// MetricsBody is what the stand-in serves at <base-url>/metrics: a test asserts it never comes through a route.
const MetricsBody = "# TYPE headlamp_http_requests_total counter\nheadlamp_http_requests_total 7\n"

// UIBody is what the stand-in serves for every other path under the base URL.
const UIBody = "<html>headlamp-ui</html>"

func main() {
	baseURL := flag.String("base-url", "", "Headlamp's -base-url")
	metrics := flag.Bool("metrics", true, "serve <base-url>/metrics")
	flag.Parse()
	var r *mux.Router
	if *baseURL == "" {
		r = mux.NewRouter()
	} else {
		r = mux.NewRouter().PathPrefix(*baseURL).Subrouter()
	}
	if *metrics {
		r.Handle("/metrics", http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/plain; version=0.0.4")
			fmt.Fprint(w, MetricsBody)
		}))
	}
	r.PathPrefix("/").Handler(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, UIBody)
	}))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("listening %d\n", ln.Addr().(*net.TCPAddr).Port)
	if err := http.Serve(ln, r); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
