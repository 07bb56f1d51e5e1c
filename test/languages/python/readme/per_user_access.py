# readme: oncall@example.com
# Per-user access: RBAC for OIDC users, and the API server's half for the cluster operator.
from cdk8s import App, Chart
from cdk8s_headlamp import (AccessGrant, ApiServerAuthentication, HeadlampAuth, HeadlampDeployment, LoginRole,
                            OidcClientSecret, OidcConfig, UserAccess)

app = App()
chart = Chart(app, "headlamp", namespace="headlamp", disable_resource_name_hashes=True)
headlamp = HeadlampDeployment(chart, "headlamp",
                              auth=HeadlampAuth.oidc(OidcConfig.keycloak(
                                  host="sso.example.com", realm="platform", client_id="headlamp",
                                  public_url="https://headlamp.example.com",
                                  client_secret=OidcClientSecret.from_secret("headlamp-oidc"))))
# Subjects become oidc:/platform-team and oidc:oncall@example.com: the API server's own mapping.
UserAccess(chart, "access", headlamp=headlamp, grants=[
    AccessGrant(groups=["/platform-team"]),                                                  # view, cluster-wide
    AccessGrant(users=["oncall@example.com"], role=LoginRole.edit(), namespaces=["apps"]),   # a RoleBinding each
])
ApiServerAuthentication(chart, "api-server", headlamp=headlamp)
app.synth()  # the manifests
# The API server's files (cluster-config/): TypeScript's app.synth() writes them too, but jsii runtimes call the
# App class's synth, not the wrapper the library puts on the app, so other languages write them explicitly.
ApiServerAuthentication.write_all(app)
