# readme: HeadlampMetrics.podMonitor
# Metrics (a Prometheus Operator PodMonitor) and tracing (OTLP over gRPC).
from cdk8s import App, Chart, Duration
from cdk8s_headlamp import (HeadlampDeployment, HeadlampIngress, HeadlampMetrics, HeadlampTracing, IngressTls,
                            PrometheusPeer)

app = App()
chart = Chart(app, "headlamp", namespace="headlamp", disable_resource_name_hashes=True)
headlamp = HeadlampDeployment(chart, "headlamp",
                              metrics=HeadlampMetrics.pod_monitor(
                                  prometheus=PrometheusPeer.operator("monitoring", "kube-prometheus-stack-prometheus"),
                                  labels={"release": "kube-prometheus-stack"},
                                  interval=Duration.seconds(30)),
                              tracing=HeadlampTracing.otlp_grpc("otel-collector.observability.svc:4317"))
HeadlampIngress(chart, "ingress", headlamp=headlamp, hosts=["headlamp.example.com"],
                tls=IngressTls.cert_manager("letsencrypt"))
app.synth()
