# readme: HeadlampChart(app, 'headlamp'
# Service-account token login: the whole hardened Headlamp in one chart.
from cdk8s import App
from cdk8s_headlamp import HeadlampChart, IngressController, IngressTls

app = App()
# Non-root, read-only root FS, drop ALL, RuntimeDefault seccomp, requests/limits, NetworkPolicy,
# an Ingress with TLS + HSTS, and a read-only `headlamp-login` ServiceAccount. Mint a login token with:
#   kubectl create token headlamp-login -n headlamp --duration=8h
HeadlampChart(app, "headlamp",
              namespace="headlamp",
              host="headlamp.example.com",
              tls=IngressTls.cert_manager("letsencrypt"),
              # The default is Traefik; on ingress-nginx say IngressController.INGRESS_NGINX.
              controller=IngressController.TRAEFIK)
app.synth()
