// A scan of every example's full output for the mistakes a security review looks for first.
import { exampleNames, synthExample } from './helpers/synth';

// Examples whose names ask for something a scan would otherwise refuse.
const CLUSTER_ADMIN_BY_NAME = (name: string) => /cluster-admin/.test(name);

describe.each(exampleNames())('security scan of example %s', (name) => {
  const { objects } = synthExample(name);
  const containers = objects.flatMap((o) => o.spec?.template?.spec?.containers ?? []);

  test('no plaintext secret: no Secret stringData, no secret-looking literal env values or args', () => {
    for (const o of objects.filter((x) => x.kind === 'Secret')) {
      expect([o.metadata.name, o.stringData]).toEqual([o.metadata.name, undefined]);
    }
    for (const c of containers) {
      for (const e of c.env ?? []) {
        if (/SECRET|PASSWORD|TOKEN|KEY/i.test(e.name)) expect([e.name, e.value]).toEqual([e.name, undefined]);
      }
      for (const a of c.args ?? []) {
        const m = /^--?[a-z-]*(secret|password)[a-z-]*=(.*)$/.exec(a);
        if (m && !a.includes('-file=')) expect([a, m[2]]).toEqual([a, expect.stringMatching(/^\$\([A-Z_]+\)$/)]);
      }
    }
  });

  test('no cluster-admin binding unless the example names it', () => {
    const admin = objects.filter((o) => /RoleBinding$/.test(o.kind) && o.roleRef?.name === 'cluster-admin');
    if (!CLUSTER_ADMIN_BY_NAME(name)) expect(admin).toEqual([]);
  });

  test('no trustForwardHeader: true anywhere', () => {
    expect(JSON.stringify(objects)).not.toMatch(/"trustForwardHeader":true/);
  });

  test('every exposed route has TLS for all its hosts', () => {
    for (const ing of objects.filter((o) => o.kind === 'Ingress')) {
      const tlsHosts = new Set((ing.spec.tls ?? []).flatMap((t: any) => t.hosts));
      for (const rule of ing.spec.rules)
        expect([ing.metadata.name, rule.host, tlsHosts.has(rule.host)]).toEqual([ing.metadata.name, rule.host, true]);
    }
    for (const svc of objects.filter((o) => o.kind === 'Service')) expect(svc.spec.type).toBe('ClusterIP');
  });

  test('every image pinned to a version tag', () => {
    for (const c of containers) expect(c.image).toMatch(/:v\d+\.\d+\.\d+(@sha256:[a-f0-9]{64})?$/);
  });

  test('Headlamp is fenced by a NetworkPolicy', () => {
    const headlampPods = objects.filter(
      (o) => o.kind === 'Deployment' && o.spec.template.metadata.labels['app.kubernetes.io/name'] === 'headlamp',
    );
    for (const d of headlampPods) {
      const policy = objects.find(
        (o) =>
          o.kind === 'NetworkPolicy' &&
          Object.entries(o.spec.podSelector.matchLabels).every(([k, v]) => d.spec.template.metadata.labels[k] === v),
      );
      expect([d.metadata.name, policy?.spec.policyTypes]).toEqual([d.metadata.name, ['Ingress', 'Egress']]);
    }
  });
});
