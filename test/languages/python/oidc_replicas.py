# OIDC (Keycloak) with 2 replicas behind an Ingress, written with the constructs: the same chart as
# examples/values/keycloak.yaml, so its YAML must equal what the TypeScript path renders from that file.
from cdk8s import App, Duration
from cdk8s_headlamp import (HeadlampAuth, HeadlampChart, HeadlampDeploymentOptions, HeadlampSize, IngressTls,
                            OidcClientSecret, OidcConfig)

app = App()
HeadlampChart(app, "headlamp",
              namespace="headlamp",
              host="headlamp.example.com",
              tls=IngressTls.cert_manager("letsencrypt"),
              auth=HeadlampAuth.oidc(OidcConfig.keycloak(
                  host="sso.example.com",
                  realm="platform",
                  client_id="headlamp",
                  client_secret=OidcClientSecret.from_secret("headlamp-oidc", "client-secret"),
                  public_url="https://headlamp.example.com")),
              headlamp=HeadlampDeploymentOptions(replicas=2, size=HeadlampSize.SMALL, session_ttl=Duration.hours(8)))
app.synth()
