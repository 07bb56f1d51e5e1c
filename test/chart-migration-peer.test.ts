// The chart migration's NetworkPolicy peer (issue 22): the notes name the policy and the pods it admits, and the
// controller's pods are settable (k3s runs Traefik in kube-system; ingress classes of other controllers need naming).
import { App } from 'cdk8s';
import { ChartMigrationOptions, ChartMigrationRefusal, migrateChartValues } from '../lib';

const ingress = (extra: object = {}) => ({
  ingress: {
    enabled: true,
    hosts: [{ host: 'headlamp.example.com', paths: [{ path: '/', type: 'Prefix' }] }],
    tls: [{ hosts: ['headlamp.example.com'], secretName: 'headlamp-tls' }],
    ...extra,
  },
});

function migrate(values: object, options: ChartMigrationOptions = {}) {
  const app = new App();
  const { notes, typescript } = migrateChartValues(app, values, options);
  const objects = app.charts.flatMap((c) => c.toJson());
  const policy = objects.find((o: any) => o.kind === 'NetworkPolicy' && o.metadata.name === 'headlamp');
  return {
    notes: notes.filter((n) => n.message.includes('NetworkPolicy')),
    from: policy.spec.ingress[0].from,
    typescript,
  };
}

const peer = (namespace: string, labels: Record<string, string>) => [
  {
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } },
    podSelector: { matchLabels: labels },
  },
];

test('a Traefik ingress: the note names the policy, its pods and how to point it elsewhere', () => {
  const { notes, from } = migrate(ingress());
  expect(from).toEqual(peer('traefik', { 'app.kubernetes.io/name': 'traefik' }));
  expect(notes).toEqual([
    {
      key: 'ingress',
      flags: [],
      message:
        "Headlamp's NetworkPolicy (headlamp) admits on its port only pods labelled " +
        "app.kubernetes.io/name=traefik in namespace traefik (the controller's usual Helm labels); if yours runs elsewhere (k3s runs Traefik and " +
        'RKE2 ingress-nginx in kube-system), pass --ingress-controller-namespace and --ingress-controller-labels',
    },
  ]);
});

test('k3s: Traefik in kube-system (namespace only: the preset labels stay), in the YAML and the TypeScript starting point', () => {
  const { notes, from, typescript } = migrate(ingress(), { ingressControllerNamespace: 'kube-system' });
  expect(from).toEqual(peer('kube-system', { 'app.kubernetes.io/name': 'traefik' }));
  expect(notes[0].message).toContain(
    'in namespace kube-system (--ingress-controller-namespace/--ingress-controller-labels)',
  );
  expect(typescript).toContain(
    "ingressControllerPeer: IngressControllerPeer.custom('kube-system', { 'app.kubernetes.io/name': 'traefik' })",
  );
});

test('RKE2: ingress-nginx in kube-system with its own labels', () => {
  const { from } = migrate(ingress({ ingressClassName: 'nginx' }), {
    ingressControllerNamespace: 'kube-system',
    ingressControllerLabels: 'app.kubernetes.io/name=rke2-ingress-nginx, app.kubernetes.io/component=controller',
  });
  expect(from).toEqual(
    peer('kube-system', {
      'app.kubernetes.io/name': 'rke2-ingress-nginx',
      'app.kubernetes.io/component': 'controller',
    }),
  );
});

test.each([
  ['ingressClassName', { ingressClassName: 'tailscale' }],
  ['the ingress.class annotation', { annotations: { 'kubernetes.io/ingress.class': 'kong' } }],
])(
  'an ingress class of another controller (%s): the note says its traffic is dropped until its pods are named',
  (_how, extra) => {
    const { notes } = migrate(ingress(extra));
    expect(notes[0].message).toMatch(
      /the ingress class "(tailscale|kong)" is neither ingress-nginx's nor Traefik's, so its controller's traffic is dropped until you name its pods: --ingress-controller-namespace NS --ingress-controller-labels key=value$/,
    );
  },
);

test('an httpRoute: the Gateway data plane is the peer, settable the same way', () => {
  const values = {
    httpRoute: {
      enabled: true,
      parentRefs: [{ name: 'gw', namespace: 'gateway', sectionName: 'https' }],
      hostnames: ['headlamp.example.com'],
    },
  };
  expect(migrate(values).from).toEqual(peer('traefik', { 'app.kubernetes.io/name': 'traefik' }));
  expect(
    migrate(values, {
      ingressControllerNamespace: 'envoy-gateway-system',
      ingressControllerLabels: 'gateway.envoyproxy.io/owning-gateway-name=gw',
    }).from,
  ).toEqual(peer('envoy-gateway-system', { 'gateway.envoyproxy.io/owning-gateway-name': 'gw' }));
});

test('labels that are not key=value pairs are refused by the option name', () => {
  expect(() => migrate(ingress(), { ingressControllerLabels: 'traefik' })).toThrow(ChartMigrationRefusal);
  expect(() => migrate(ingress(), { ingressControllerLabels: 'traefik' })).toThrow(
    "--ingress-controller-labels: expected key=value pairs joined by ',' such as 'app.kubernetes.io/name=traefik', got \"traefik\"",
  );
});
