// Every example app: full-output snapshot, strict schema validity, byte-identical re-synth, and the
// namespace/labels every object must carry. New examples are picked up automatically.
import { validateAll } from './helpers/k8s-schema';
import { exampleNames, synthExample } from './helpers/synth';

const CLUSTER_SCOPED = new Set(['ClusterRole', 'ClusterRoleBinding', 'Namespace']);

describe.each(exampleNames())('example %s', (name) => {
  const first = synthExample(name);

  test('writes manifests', () => {
    expect(Object.keys(first.files).length).toBeGreaterThan(0);
    expect(first.objects.length).toBeGreaterThan(0);
  });

  test('matches its snapshot', () => {
    expect(first.files).toMatchSnapshot();
  });

  test('API server files (if any) match their snapshot and never sit among the manifests', () => {
    expect(first.clusterConfig).toMatchSnapshot();
    for (const f of Object.keys(first.files)) expect(f).toMatch(/\.k8s\.yaml$/);
    expect(first.objects.some((o) => o.kind === 'AuthenticationConfiguration')).toBe(false);
  });

  test('every object validates strictly against the Kubernetes and CRD schemas', () => {
    expect(validateAll(first.objects)).toEqual([]);
  });

  test('synthesizing twice is byte-identical', () => {
    const again = synthExample(name);
    expect(again.files).toStrictEqual(first.files);
    expect(again.clusterConfig).toStrictEqual(first.clusterConfig);
  });

  test('namespaced objects carry a namespace, cluster-scoped ones none, all the managed-by label', () => {
    for (const obj of first.objects) {
      const where = `${obj.kind}/${obj.metadata.name}`;
      if (CLUSTER_SCOPED.has(obj.kind)) expect([where, obj.metadata.namespace]).toEqual([where, undefined]);
      else expect([where, typeof obj.metadata.namespace]).toEqual([where, 'string']);
      expect([where, obj.metadata.labels?.['app.kubernetes.io/managed-by']]).toEqual([where, 'cdk8s-headlamp']);
    }
  });
});
