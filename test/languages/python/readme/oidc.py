# readme: sessionTtl: Duration.hours(8)
# OIDC login (Keycloak): the client secret stays in an existing Secret.
from cdk8s import App, Chart, Duration
from cdk8s_headlamp import HeadlampAuth, HeadlampDeployment, HeadlampIngress, IngressTls, OidcClientSecret, OidcConfig

app = App()
chart = Chart(app, "headlamp", namespace="headlamp", disable_resource_name_hashes=True)
headlamp = HeadlampDeployment(chart, "headlamp",
                              session_ttl=Duration.hours(8),
                              auth=HeadlampAuth.oidc(OidcConfig.keycloak(
                                  host="sso.example.com", realm="platform", client_id="headlamp",
                                  client_secret=OidcClientSecret.from_secret("headlamp-oidc", "client-secret"),
                                  public_url="https://headlamp.example.com")))
HeadlampIngress(chart, "ingress", headlamp=headlamp, hosts=["headlamp.example.com"],
                tls=IngressTls.cert_manager("letsencrypt"))
# headlamp.oidc_callback_url == "https://headlamp.example.com/oidc-callback": register it at the provider.
app.synth()
