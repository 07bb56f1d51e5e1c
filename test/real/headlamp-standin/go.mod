module cdk8s-headlamp.test/headlamp-standin

go 1.25.0

require github.com/gorilla/mux v1.8.1
