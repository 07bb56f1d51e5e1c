# readme: { replicas: 2 }
# The same from the constructs: two replicas (+ PodDisruptionBudget, spread) and a named login ServiceAccount.
from cdk8s import App, Chart
from cdk8s_headlamp import HeadlampDeployment, HeadlampIngress, IngressTls, LoginRole, LoginServiceAccount

app = App()
chart = Chart(app, "headlamp", namespace="headlamp", disable_resource_name_hashes=True)
headlamp = HeadlampDeployment(chart, "headlamp", replicas=2)
HeadlampIngress(chart, "ingress", headlamp=headlamp, hosts=["headlamp.example.com"], tls=IngressTls.from_secret("tls"))
LoginServiceAccount(chart, "viewer", name="headlamp-viewer", role=LoginRole.view())
app.synth()
