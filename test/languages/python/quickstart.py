# examples/quickstart.ts in Python: HeadlampChart with token login, an Ingress with TLS and HSTS.
from cdk8s import App
from cdk8s_headlamp import HeadlampChart, IngressTls

app = App()
HeadlampChart(app, "quickstart",
              namespace="headlamp",
              host="headlamp.example.com",
              tls=IngressTls.cert_manager("letsencrypt"))
app.synth()
