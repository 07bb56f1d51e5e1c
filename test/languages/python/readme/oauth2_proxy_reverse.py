# readme: OAuth2ProxyMode.REVERSE_PROXY
# oauth2-proxy in front (reverse proxy): each user's ID token reaches Headlamp and the API server.
from cdk8s import App, Chart
from cdk8s_headlamp import (AccessGrant, ApiServerAuthentication, HeadlampDeployment, IngressTls, OAuth2ProxyFrontend,
                            OAuth2ProxyMode, OAuth2ProxyProvider, UserAccess)

app = App()
chart = Chart(app, "headlamp", namespace="headlamp", disable_resource_name_hashes=True)
headlamp = HeadlampDeployment(chart, "headlamp")
frontend = OAuth2ProxyFrontend(chart, "oauth2-proxy",
                               headlamp=headlamp,
                               mode=OAuth2ProxyMode.REVERSE_PROXY,
                               provider=OAuth2ProxyProvider.keycloak_oidc(
                                   issuer_url="https://sso.example.com/realms/platform"),
                               client_id="headlamp",
                               credentials_secret="headlamp-oauth2-proxy",
                               email_domains=["example.com"],
                               allowed_groups=["/platform-team"],
                               hosts=["headlamp.example.com"],
                               tls=IngressTls.cert_manager("letsencrypt"))
print(f"register at the provider: {frontend.redirect_url}")
UserAccess(chart, "access", headlamp=headlamp, grants=[AccessGrant(groups=["/platform-team"])])
ApiServerAuthentication(chart, "api-server", headlamp=headlamp)
app.synth()  # the manifests
# The API server's files (cluster-config/): TypeScript's app.synth() writes them too, but jsii runtimes call the
# App class's synth, not the wrapper the library puts on the app, so other languages write them explicitly.
ApiServerAuthentication.write_all(app)
