// What users set in the official Headlamp chart, as typed props: one test each.
import { Duration } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import {
  HeadlampAuth,
  HeadlampDeployment,
  HeadlampDeploymentProps,
  HeadlampPlugins,
  HeadlampValidationError,
  LoginRole,
  SecretKeyRef,
} from '../lib';
import { validateAll } from './helpers/k8s-schema';
import { restrictedViolations } from './helpers/pod-security';
import { only, synth, testChart } from './helpers/synth';

function render(props: HeadlampDeploymentProps) {
  const chart = testChart();
  new HeadlampDeployment(chart, 'headlamp', props);
  const objects = synth(chart);
  const pod = only(objects, 'Deployment').spec.template.spec;
  return { objects, pod, container: pod.containers[0] };
}

describe('official-chart parity', () => {
  test('extra envFrom, volumes and volume mounts', () => {
    const { container, pod, objects } = render({
      extraEnvFrom: [{ configMapRef: { name: 'headlamp-env' } }],
      extraVolumes: [{ name: 'certs', configMap: { name: 'corp-certs' } }],
      extraVolumeMounts: [{ name: 'certs', mountPath: '/etc/ssl/corp', readOnly: true }],
    });
    expect(container.envFrom).toStrictEqual([{ configMapRef: { name: 'headlamp-env' } }]);
    expect(pod.volumes).toContainEqual({ name: 'certs', configMap: { name: 'corp-certs' } });
    expect(container.volumeMounts).toContainEqual({ name: 'certs', mountPath: '/etc/ssl/corp', readOnly: true });
    expect(validateAll(objects)).toEqual([]);
  });

  test('init and extra containers inherit the hardened securityContext', () => {
    const { pod, objects } = render({
      initContainers: [{ name: 'wait', image: 'busybox:1.37.0', command: ['true'] }],
      extraContainers: [{ name: 'sidecar', image: 'example/sidecar:v1.0.0' }],
    });
    expect(pod.initContainers[0].securityContext).toStrictEqual(pod.containers[0].securityContext);
    expect(pod.containers[1].securityContext).toStrictEqual(pod.containers[0].securityContext);
    expect(restrictedViolations(pod)).toEqual([]);
    expect(validateAll(objects)).toEqual([]);
  });

  test('plugins copied from an image into an emptyDir at -plugins-dir', () => {
    const { pod, container, objects } = render({
      plugins: HeadlampPlugins.fromImage('ghcr.io/example/headlamp-plugins:v1.2.0'),
    });
    expect(pod.initContainers[0]).toMatchObject({
      name: 'copy-plugins',
      image: 'ghcr.io/example/headlamp-plugins:v1.2.0',
      command: ['cp', '-R', '/plugins/.', '/headlamp/plugins/'],
      volumeMounts: [{ name: 'plugins', mountPath: '/headlamp/plugins' }],
    });
    expect(pod.volumes).toContainEqual({ name: 'plugins', emptyDir: { sizeLimit: '256Mi' } });
    expect(container.volumeMounts).toContainEqual({ name: 'plugins', mountPath: '/headlamp/plugins', readOnly: true });
    expect(container.args).toContain('-plugins-dir=/headlamp/plugins');
    expect(restrictedViolations(pod)).toEqual([]);
    expect(validateAll(objects)).toEqual([]);
  });

  test('plugins from a PersistentVolumeClaim', () => {
    const { pod } = render({ plugins: HeadlampPlugins.fromPersistentVolumeClaim('headlamp-plugins') });
    expect(pod.volumes).toContainEqual({
      name: 'plugins',
      persistentVolumeClaim: { claimName: 'headlamp-plugins', readOnly: true },
    });
    expect(pod.initContainers).toBeUndefined();
  });

  test('multi-cluster: kubeconfig Secrets mounted and joined into -kubeconfig', () => {
    const { container, pod, objects } = render({
      kubeconfigs: [SecretKeyRef.fromName('prod-kubeconfig', 'config'), SecretKeyRef.fromName('stage', 'kc')],
    });
    expect(container.args).toContain(
      '-kubeconfig=/etc/headlamp/kubeconfigs/0/config:/etc/headlamp/kubeconfigs/1/config',
    );
    expect(pod.volumes).toContainEqual({
      name: 'kubeconfig-1',
      secret: { secretName: 'stage', items: [{ key: 'kc', path: 'config' }] },
    });
    expect(container.volumeMounts).toContainEqual({
      name: 'kubeconfig-0',
      mountPath: '/etc/headlamp/kubeconfigs/0',
      readOnly: true,
    });
    expect(validateAll(objects)).toEqual([]);
  });

  test('-enable-helm, hostAliases, extra Service ports', () => {
    const { container, pod, objects } = render({
      enableHelm: true,
      hostAliases: [{ ip: '10.0.0.5', hostnames: ['sso.internal'] }],
      service: { extraPorts: [{ name: 'metrics', port: 9090, targetPort: k8s.IntOrString.fromNumber(9090) }] },
    });
    expect(container.args).toContain('-enable-helm');
    expect(pod.hostAliases).toStrictEqual([{ ip: '10.0.0.5', hostnames: ['sso.internal'] }]);
    expect(only(objects, 'Service').spec.ports[1]).toStrictEqual({ name: 'metrics', port: 9090, targetPort: 9090 });
  });

  test('unsafe shared ServiceAccount token: the flag and a binding for Headlamp itself, view by default', () => {
    const { container, objects } = render({ auth: HeadlampAuth.unsafeSharedServiceAccountToken() });
    expect(container.args).toContain('-unsafe-use-service-account-token');
    const crb = only(objects, 'ClusterRoleBinding');
    expect(crb).toMatchObject({
      metadata: { name: 'headlamp-headlamp-shared-token' },
      subjects: [{ kind: 'ServiceAccount', name: 'headlamp', namespace: 'headlamp' }],
      roleRef: { kind: 'ClusterRole', name: 'view' },
    });
    expect(crb.metadata.namespace).toBeUndefined();
    expect(validateAll(objects)).toEqual([]);
  });

  test.each<[string, HeadlampDeploymentProps, string]>([
    [
      'the shared token gets a namespace-only role',
      { auth: HeadlampAuth.unsafeSharedServiceAccountToken({ role: LoginRole.admin() }) },
      "props.auth.role: the ClusterRole 'admin' cannot be bound cluster-wide, got it for the shared token; use LoginRole.view(), LoginRole.fromClusterRole(...) or LoginRole.clusterAdmin()",
    ],
    [
      'the shared token needs a newer image',
      { image: { tag: 'v0.42.0' }, auth: HeadlampAuth.unsafeSharedServiceAccountToken() },
      'props.auth: -unsafe-use-service-account-token needs Headlamp v0.43.0 or later, got image tag v0.42.0; raise props.image.tag or drop the option',
    ],
    [
      'kubeconfigs are empty',
      { kubeconfigs: [] },
      'props.kubeconfigs: expected at least one kubeconfig, got an array of 0',
    ],
    [
      'a volume is not an object',
      { extraVolumes: ['certs' as any] },
      'props.extraVolumes[0]: expected a Volume, got "certs"',
    ],
    [
      '-enable-helm is also an extra arg',
      { enableHelm: true, extraArgs: ['-enable-helm'] },
      'props.extraArgs[0]: -enable-helm is set by the library, got it in extraArgs (value not shown); use props.enableHelm',
    ],
  ])('fails when %s', (_case, props, message) => {
    expect(() => render(props)).toThrow(HeadlampValidationError);
    expect(() => render(props)).toThrow(`HeadlampDeployment 'test/headlamp': ${message}`);
  });
});

describe("out-of-cluster mode (the chart's config.inCluster: false)", () => {
  test('no -in-cluster, only the kubeconfigs, and no ServiceAccount token in the pod', () => {
    const chart = testChart();
    new HeadlampDeployment(chart, 'headlamp', {
      inCluster: false,
      kubeconfigs: [SecretKeyRef.fromName('clusters', 'config')],
    });
    const objects = synth(chart);
    const pod = only(objects, 'Deployment').spec.template.spec;
    expect(pod.containers[0].args).toStrictEqual([
      '-plugins-dir=/headlamp/plugins',
      '-kubeconfig=/etc/headlamp/kubeconfigs/0/config',
    ]);
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(validateAll(objects)).toEqual([]);
  });

  test('without a kubeconfig it is refused (Headlamp would show no cluster)', () => {
    expect(() => new HeadlampDeployment(testChart(), 'headlamp', { inCluster: false })).toThrow(
      "HeadlampDeployment 'test/headlamp': props.kubeconfigs: expected at least one kubeconfig with inCluster: false",
    );
  });
});

describe("plugin manager sidecar (the chart's pluginsManager), hardened", () => {
  const CONFIG =
    'plugins:\n  - name: flux\n    source: https://artifacthub.io/packages/headlamp/headlamp-plugins/headlamp_flux\n    version: 0.2.0\n';
  const manager = (extra = {}) =>
    HeadlampPlugins.fromPluginManager({
      config: CONFIG,
      image: 'node:22.11.0-alpine',
      downloadCidrs: ['104.16.0.0/12'],
      ...extra,
    });

  test('pluginctl installs into a shared emptyDir Headlamp mounts read-only; only the plugins dir and /tmp are writable', () => {
    const chart = testChart();
    new HeadlampDeployment(chart, 'headlamp', { plugins: manager() });
    const objects = synth(chart);
    const pod = only(objects, 'Deployment').spec.template.spec;
    const [headlamp, sidecar] = pod.containers;
    expect(headlamp.volumeMounts).toContainEqual({ name: 'plugins', mountPath: '/headlamp/plugins', readOnly: true });
    expect(sidecar.command).toStrictEqual([
      'npx',
      '--yes',
      '@headlamp-k8s/pluginctl@0.1.1',
      'install',
      '--config',
      '/config/plugin.yml',
      '--folderName',
      '/headlamp/plugins',
      '--watch',
    ]);
    expect(sidecar.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(sidecar.volumeMounts.filter((m: any) => !m.readOnly).map((m: any) => m.mountPath)).toStrictEqual([
      '/headlamp/plugins',
      '/tmp',
    ]);
    expect(only(objects, 'ConfigMap').data['plugin.yml']).toBe(CONFIG);
    expect(only(objects, 'NetworkPolicy').spec.egress).toContainEqual({
      to: [{ ipBlock: { cidr: '104.16.0.0/12' } }],
      ports: [{ port: 443, protocol: 'TCP' }],
    });
    expect(restrictedViolations(only(objects, 'Deployment'))).toEqual([]);
    expect(validateAll(objects)).toEqual([]);
  });

  test.each<[string, object, string]>([
    [
      'no download hosts named',
      { downloadCidrs: undefined },
      'props.plugins.downloadCidrs: expected the CIDRs the plugin manager may download from',
    ],
    [
      'a moving image tag',
      { image: 'node:lts-alpine' },
      'props.plugins.image: expected an image pinned to a full version such as \'node:22.11.0-alpine\' (or by digest), got "node:lts-alpine"',
    ],
    [
      'pluginctl latest',
      { pluginctlVersion: 'latest' },
      "props.plugins.pluginctlVersion: expected a pinned pluginctl version such as '0.1.1' (not 'latest')",
    ],
  ])('refuses %s', (_case, extra, message) => {
    expect(() => new HeadlampDeployment(testChart(), 'headlamp', { plugins: manager(extra) })).toThrow(message);
  });

  test('any download host only by its unsafe name', () => {
    const chart = testChart();
    new HeadlampDeployment(chart, 'headlamp', {
      plugins: manager({ downloadCidrs: undefined, unsafeAllowAnyDownloadHost: true }),
      networkPolicy: { apiServerCidrs: ['10.0.0.1/32'] },
    });
    expect(only(synth(chart), 'NetworkPolicy').spec.egress).toContainEqual({ ports: [{ port: 443, protocol: 'TCP' }] });
  });
});

describe("cluster inventory (the chart's config.clusterInventory)", () => {
  test('the provider file in a ConfigMap, mounted where the flags point', () => {
    const chart = testChart();
    new HeadlampDeployment(chart, 'headlamp', {
      clusterInventory: {
        providers: [{ name: 'static-provider' }],
        namespaces: ['inventory'],
        rootReconcileInterval: Duration.seconds(10),
      },
    });
    const objects = synth(chart);
    const c = only(objects, 'Deployment').spec.template.spec.containers[0];
    expect(c.args).toEqual(
      expect.arrayContaining([
        '-enable-cluster-inventory',
        '-cluster-inventory-provider-file=/etc/cluster-inventory/config.json',
        '-cluster-inventory-label-selector=!headlamp.dev/ignore',
        '-cluster-inventory-namespaces=inventory',
        '-cluster-inventory-root-reconcile-interval=10s',
      ]),
    );
    expect(c.volumeMounts).toContainEqual({
      name: 'cluster-inventory-config',
      mountPath: '/etc/cluster-inventory',
      readOnly: true,
    });
    expect(JSON.parse(only(objects, 'ConfigMap').data['config.json'])).toStrictEqual({
      providers: [{ name: 'static-provider' }],
    });
    expect(validateAll(objects)).toEqual([]);
  });

  test('exec providers (access plugins need image volumes, Kubernetes 1.33+) and the flags in extraArgs are refused', () => {
    expect(
      () =>
        new HeadlampDeployment(testChart(), 'headlamp', {
          clusterInventory: { providers: [{ name: 'p', execConfig: { command: '/x' } }] },
        }),
    ).toThrow('props.clusterInventory.providers[0].execConfig: expected a provider without execConfig');
    expect(() => new HeadlampDeployment(testChart(), 'headlamp', { extraArgs: ['-enable-cluster-inventory'] })).toThrow(
      'use props.clusterInventory',
    );
  });
});
