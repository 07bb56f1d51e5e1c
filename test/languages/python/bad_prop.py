# A bad prop from Python: the library's own message reaches the Python caller, and nothing is written.
import sys
from cdk8s import App
from cdk8s_headlamp import HeadlampChart, HeadlampDeploymentOptions, IngressTls

app = App()
try:
    HeadlampChart(app, "bad",
                  namespace="headlamp",
                  host="headlamp.example.com",
                  tls=IngressTls.cert_manager("letsencrypt"),
                  headlamp=HeadlampDeploymentOptions(replicas=0))
except Exception as err:  # the jsii runtime raises the JavaScript error's message
    print(f"{type(err).__name__}: {err}")
    sys.exit(0)
sys.exit("no error for replicas=0")
