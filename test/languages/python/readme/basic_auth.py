# readme: BasicAuthCredentials.hashAtSynth
# Basic auth at the ingress: passwords hashed at synth time from the CI secret store, never written in code.
from cdk8s import App, Chart
from cdk8s_headlamp import (BasicAuthCredentials, BasicAuthIngress, BasicAuthUser, HeadlampDeployment,
                            IngressController, IngressTls, LoginRole, LoginServiceAccount, SynthTimeSecret)

app = App()
chart = Chart(app, "headlamp", namespace="headlamp", disable_resource_name_hashes=True)
headlamp = HeadlampDeployment(chart, "headlamp")  # token login behind the gate
# ALICE_PASSWORD=... BASIC_AUTH_HASH_KEY="$(openssl rand -base64 48)" python main.py
BasicAuthIngress(chart, "ingress",
                 headlamp=headlamp,
                 hosts=["headlamp.example.com"],
                 tls=IngressTls.cert_manager("letsencrypt"),
                 controller=IngressController.TRAEFIK,
                 credentials=BasicAuthCredentials.hash_at_synth(
                     users=[BasicAuthUser(username="alice", password=SynthTimeSecret.from_env("ALICE_PASSWORD"))],
                     hash_key=SynthTimeSecret.from_env("BASIC_AUTH_HASH_KEY")))
LoginServiceAccount(chart, "viewer", name="headlamp-viewer", role=LoginRole.view())
app.synth()
