# readme: OAuth2ProxyMode.FORWARD_AUTH
# Identity-aware proxy: oauth2-proxy as Traefik forward auth, Headlamp trusting only that chain's headers.
from cdk8s import App, Chart
from cdk8s_headlamp import (AccessGrant, ApiServerAuthentication, HeadlampAuth, HeadlampDeployment, IngressController,
                            IngressTls, OAuth2ProxyFrontend, OAuth2ProxyMode, OAuth2ProxyProvider, TraefikSignIn,
                            UserAccess)

app = App()
chart = Chart(app, "headlamp", namespace="headlamp", disable_resource_name_hashes=True)
headlamp = HeadlampDeployment(chart, "headlamp", auth=HeadlampAuth.identity_aware_proxy())
OAuth2ProxyFrontend(chart, "oauth2-proxy",
                    headlamp=headlamp,
                    mode=OAuth2ProxyMode.FORWARD_AUTH,
                    provider=OAuth2ProxyProvider.entra_id(tenant_id="11111111-2222-3333-4444-555555555555"),
                    client_id="aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
                    credentials_secret="headlamp-oauth2-proxy",
                    email_domains=["example.com"],
                    hosts=["headlamp.example.com"],
                    tls=IngressTls.cert_manager("letsencrypt"),
                    controller=IngressController.TRAEFIK,
                    traefik_sign_in=TraefikSignIn.ERRORS_PAGE)
UserAccess(chart, "access", headlamp=headlamp, grants=[AccessGrant(groups=["99999999-8888-7777-6666-555555555555"])])
ApiServerAuthentication(chart, "api-server", headlamp=headlamp)
app.synth()  # the manifests
# The API server's files (cluster-config/): TypeScript's app.synth() writes them too, but jsii runtimes call the
# App class's synth, not the wrapper the library puts on the app, so other languages write them explicitly.
ApiServerAuthentication.write_all(app)
