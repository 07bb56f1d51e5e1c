# examples/basic-auth-nginx.ts in Python: a username/password gate at ingress-nginx (pre-hashed htpasswd lines).
from cdk8s import App, Chart
from cdk8s_headlamp import (BasicAuthCredentials, BasicAuthIngress, HeadlampDeployment, IngressController,
                            IngressTls)

app = App()
chart = Chart(app, "basic-auth-nginx", namespace="headlamp", disable_resource_name_hashes=True)
headlamp = HeadlampDeployment(chart, "headlamp")
BasicAuthIngress(chart, "ingress",
                 headlamp=headlamp,
                 controller=IngressController.INGRESS_NGINX,
                 hosts=["headlamp.example.com"],
                 tls=IngressTls.cert_manager("letsencrypt"),
                 realm="Headlamp",
                 credentials=BasicAuthCredentials.from_htpasswd_lines([
                     "alice:$2b$08$c5xTiWEgEdpOL3au.rHA1efPMtpRqE7GqcVCxiab3GqV4BXOQuZR6",
                     "bob:$2b$08$.DDoOXhR.vr0ptjVmAxBkOp594X8ODxmhXgdPavluepReExTaTzBy",
                 ]))
app.synth()
