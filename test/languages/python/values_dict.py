# HeadlampChart from a values dict (examples/values/keycloak.yaml written as Python data).
from cdk8s import App
from cdk8s_headlamp import HeadlampValuesFile

values = {
    "namespace": "headlamp",
    "host": "headlamp.example.com",
    "tls": {"certManagerClusterIssuer": "letsencrypt"},
    "controller": "traefik",
    "auth": {
        "type": "oidc",
        "provider": "keycloak",
        "options": {
            "host": "sso.example.com",
            "realm": "platform",
            "clientId": "headlamp",
            "publicUrl": "https://headlamp.example.com",
        },
        "clientSecret": {"secretName": "headlamp-oidc", "key": "client-secret"},
    },
    "headlamp": {"replicas": 2, "size": "small", "sessionTtlSeconds": 28800},
}

app = App()
HeadlampValuesFile.chart(app, "headlamp", values)
app.synth()
