// HeadlampDeployment's own objects the official chart also makes: an existing ServiceAccount instead of ours, Deployment annotations, a PersistentVolumeClaim.
import { App, Testing } from 'cdk8s';
import {
  HeadlampAuth,
  HeadlampDeployment,
  HeadlampDeploymentProps,
  HeadlampPlugins,
  headlampChartFromValues,
  VolumeAccessMode,
} from '../lib';
import { errorMessageOf } from './helpers/adversarial';
import { validateAll } from './helpers/k8s-schema';
import { only, synth, testChart } from './helpers/synth';

function render(props: HeadlampDeploymentProps) {
  const chart = testChart();
  const headlamp = new HeadlampDeployment(chart, 'headlamp', props);
  const objects = synth(chart);
  return { headlamp, objects, deployment: only(objects, 'Deployment') };
}

/** The message of the HeadlampValidationError building a HeadlampDeployment with `props` throws. */
const errorOf = (props: any): string => errorMessageOf(() => new HeadlampDeployment(testChart(), 'headlamp', props));

describe('existingServiceAccount', () => {
  test('the pods run as it, and no ServiceAccount (nor any RBAC) is created', () => {
    const { headlamp, objects, deployment } = render({ existingServiceAccount: 'headlamp-readonly' });
    expect(deployment.spec.template.spec.serviceAccountName).toBe('headlamp-readonly');
    expect(deployment.spec.template.spec.automountServiceAccountToken).toBe(true);
    expect(objects.map((o) => o.kind)).toEqual(['Deployment', 'NetworkPolicy', 'Service']);
    expect([headlamp.serviceAccount, headlamp.serviceAccountName]).toEqual([undefined, 'headlamp-readonly']);
    expect(validateAll(objects)).toEqual([]);
  });

  test('without it, the construct creates its own, named after Headlamp', () => {
    const { headlamp, deployment } = render({});
    expect([
      headlamp.serviceAccount?.name,
      headlamp.serviceAccountName,
      deployment.spec.template.spec.serviceAccountName,
    ]).toEqual(['headlamp', 'headlamp', 'headlamp']);
  });

  test.each([
    [
      'a name that is no object name',
      { existingServiceAccount: 'Headlamp_SA' },
      "props.existingServiceAccount: expected a DNS-1123 subdomain (lower-case letters, digits, '-' and '.'), got \"Headlamp_SA\"",
    ],
    [
      'annotations for the ServiceAccount we do not create',
      { existingServiceAccount: 'sa', serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': 'arn' } },
      "props.serviceAccountAnnotations: applies to the ServiceAccount the construct creates, got it with existingServiceAccount 'sa'; " +
        'annotate that ServiceAccount where it is defined, or drop existingServiceAccount',
    ],
    [
      'the shared-token login, which would hand out whatever the existing one holds',
      { existingServiceAccount: 'sa', auth: HeadlampAuth.unsafeSharedServiceAccountToken() },
      "props.existingServiceAccount: the shared-token login binds its role to the ServiceAccount the construct creates, got existingServiceAccount 'sa': " +
        'everyone who reaches the UI would also get whatever RBAC it holds, which the library cannot see; drop existingServiceAccount, or log in with tokens or OIDC',
    ],
  ])('refused: %s', (_what, props, message) => {
    expect(errorOf(props)).toBe(`HeadlampDeployment 'test/headlamp': ${message}`);
  });
});

describe('deploymentAnnotations', () => {
  test('on the Deployment only, not on its pods', () => {
    const { deployment } = render({
      deploymentAnnotations: { 'reloader.stakater.com/auto': 'true' },
      podAnnotations: { a: 'b' },
    });
    expect(deployment.metadata.annotations).toStrictEqual({ 'reloader.stakater.com/auto': 'true' });
    expect(deployment.spec.template.metadata.annotations).toStrictEqual({ a: 'b' });
  });

  test('a value that is not a string is refused', () => {
    expect(errorOf({ deploymentAnnotations: { checksum: 1 } })).toBe(
      "HeadlampDeployment 'test/headlamp': props.deploymentAnnotations.checksum: expected a string annotation value, got 1",
    );
  });
});

describe('persistentVolumeClaim', () => {
  const pluginsOnClaim = {
    extraVolumes: [{ name: 'plugins-pvc', persistentVolumeClaim: { claimName: 'headlamp' } }],
    extraVolumeMounts: [{ name: 'plugins-pvc', mountPath: '/build/plugins' }],
  };

  test('a claim named after Headlamp, ReadWriteOnce by default; the pod mounts it through extraVolumes', () => {
    const { headlamp, objects, deployment } = render({ persistentVolumeClaim: { size: '1Gi' }, ...pluginsOnClaim });
    expect(only(objects, 'PersistentVolumeClaim')).toStrictEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'headlamp', namespace: 'headlamp', labels: headlamp.labels },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    });
    expect(deployment.spec.template.spec.volumes).toContainEqual({
      name: 'plugins-pvc',
      persistentVolumeClaim: { claimName: 'headlamp' },
    });
    expect(headlamp.persistentVolumeClaim?.name).toBe('headlamp');
    expect(validateAll(objects)).toEqual([]);
  });

  test('every option, as the official chart renders it', () => {
    const { objects } = render({
      persistentVolumeClaim: {
        size: '100Mi',
        accessModes: [VolumeAccessMode.READ_WRITE_MANY],
        storageClassName: 'longhorn',
        volumeMode: 'Filesystem',
        annotations: { 'backup.velero.io/backup-volumes': 'plugins' },
        selector: { matchLabels: { tier: 'fast' } },
      },
    });
    const pvc = only(objects, 'PersistentVolumeClaim');
    expect(pvc.metadata.annotations).toStrictEqual({ 'backup.velero.io/backup-volumes': 'plugins' });
    expect(pvc.spec).toStrictEqual({
      accessModes: ['ReadWriteMany'],
      resources: { requests: { storage: '100Mi' } },
      storageClassName: 'longhorn',
      volumeMode: 'Filesystem',
      selector: { matchLabels: { tier: 'fast' } },
    });
    expect(validateAll(objects)).toEqual([]);
  });

  test('2 replicas may share a ReadWriteMany claim, or a ReadWriteOnce claim they do not mount', () => {
    expect(() =>
      render({
        replicas: 2,
        persistentVolumeClaim: { size: '1Gi', accessModes: [VolumeAccessMode.READ_WRITE_MANY] },
        ...pluginsOnClaim,
      }),
    ).not.toThrow();
    expect(() => render({ replicas: 2, persistentVolumeClaim: { size: '1Gi' } })).not.toThrow();
  });

  test.each([
    [
      'no size',
      { persistentVolumeClaim: {} },
      "props.persistentVolumeClaim.size: expected a Kubernetes quantity such as '100m', '0.5' or '128Mi', got undefined",
    ],
    [
      'a size that is no quantity',
      { persistentVolumeClaim: { size: '1 GB' } },
      "props.persistentVolumeClaim.size: expected a Kubernetes quantity such as '100m', '0.5' or '128Mi', got \"1 GB\"",
    ],
    [
      'an access mode as a string',
      { persistentVolumeClaim: { size: '1Gi', accessModes: 'ReadWriteOnce' } },
      'props.persistentVolumeClaim.accessModes: expected a list of access modes, such as [ReadWriteOnce], got "ReadWriteOnce"',
    ],
    [
      'an unknown access mode',
      { persistentVolumeClaim: { size: '1Gi', accessModes: ['RWO'] } },
      "props.persistentVolumeClaim.accessModes[0]: expected a VolumeAccessMode (one of 'ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'), got \"RWO\"",
    ],
    [
      'no access mode',
      { persistentVolumeClaim: { size: '1Gi', accessModes: [] } },
      'props.persistentVolumeClaim.accessModes: expected at least one access mode, got an array of 0',
    ],
    [
      'a ReadWriteOnce claim mounted by 2 replicas',
      { replicas: 2, persistentVolumeClaim: { size: '1Gi' }, ...pluginsOnClaim },
      'props.persistentVolumeClaim.accessModes: a ReadWriteOnce claim is mounted on one node, got it mounted by 2 replicas (spread over nodes: ' +
        'the others would wait for the volume forever); use ReadWriteMany (or ReadOnlyMany for plugins written elsewhere), or 1 replica',
    ],
    [
      'a ReadWriteOncePod claim read as plugins by 3 replicas',
      {
        replicas: 3,
        persistentVolumeClaim: { size: '1Gi', accessModes: [VolumeAccessMode.READ_WRITE_ONCE_POD] },
        plugins: HeadlampPlugins.fromPersistentVolumeClaim('headlamp'),
      },
      'props.persistentVolumeClaim.accessModes: a ReadWriteOncePod claim is mounted on one pod, got it mounted by 3 replicas (spread over nodes: ' +
        'the others would wait for the volume forever); use ReadWriteMany (or ReadOnlyMany for plugins written elsewhere), or 1 replica',
    ],
  ])('refused: %s', (_what, props, message) => {
    expect(errorOf(props)).toBe(`HeadlampDeployment 'test/headlamp': ${message}`);
  });
});

describe('the same from a values file (headlamp.*)', () => {
  const base = { namespace: 'headlamp', host: 'headlamp.example.com', tls: { secretName: 'tls' } };

  test('existingServiceAccount, deploymentAnnotations and persistentVolumeClaim as plain data', () => {
    const objects = Testing.synth(
      headlampChartFromValues(new App(), 'headlamp', {
        ...base,
        headlamp: {
          existingServiceAccount: 'headlamp-readonly',
          deploymentAnnotations: { 'reloader.stakater.com/auto': 'true' },
          persistentVolumeClaim: { size: '1Gi', accessModes: ['ReadWriteMany'], storageClassName: 'longhorn' },
        },
      }),
    );
    const deployment = only(objects, 'Deployment');
    expect(deployment.spec.template.spec.serviceAccountName).toBe('headlamp-readonly');
    expect(deployment.metadata.annotations).toStrictEqual({ 'reloader.stakater.com/auto': 'true' });
    expect(only(objects, 'PersistentVolumeClaim').spec.accessModes).toStrictEqual(['ReadWriteMany']);
    expect(objects.filter((o) => o.kind === 'ServiceAccount').map((o) => o.metadata.name)).toEqual(['headlamp-login']);
    expect(validateAll(objects)).toEqual([]);
  });

  test('errors name the values key', () => {
    expect(() =>
      headlampChartFromValues(new App(), 'headlamp', {
        ...base,
        headlamp: { persistentVolumeClaim: { size: '1Gi', accessModes: ['RWX'] } },
      }),
    ).toThrow(
      "values: headlamp.persistentVolumeClaim.accessModes[0]: expected one of 'ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod', got \"RWX\"",
    );
  });
});

describe('service.nodePort', () => {
  test("a fixed node port on Headlamp's port of a NodePort Service", () => {
    const { objects } = render({
      service: { type: 'NodePort' as any, unsafeAllowPlainHttpExposure: true, nodePort: 30080 },
    });
    expect(only(objects, 'Service').spec.ports[0]).toEqual(expect.objectContaining({ port: 80, nodePort: 30080 }));
    expect(validateAll(objects)).toEqual([]);
  });

  test.each([
    [
      'with a ClusterIP Service',
      { service: { nodePort: 30080 } },
      'props.service.nodePort: applies to NodePort and LoadBalancer Services, got it with ClusterIP; drop it',
    ],
    [
      'out of range',
      { service: { type: 'NodePort', unsafeAllowPlainHttpExposure: true, nodePort: 70000 } },
      'props.service.nodePort: expected an integer from 1 to 65535, got 70000',
    ],
  ])('refused: %s', (_what, props, message) => {
    expect(errorOf(props)).toBe(`HeadlampDeployment 'test/headlamp': ${message}`);
  });
});

describe('image pinned by digest alone', () => {
  test("repository@digest, no tag; flags gated as for the library's version", () => {
    const digest = `sha256:${'9'.repeat(64)}`;
    const { deployment, headlamp } = render({
      image: { registry: 'registry.example.com', repository: 'lab/headlamp', digest },
      sessionTtl: undefined,
    });
    expect(deployment.spec.template.spec.containers[0].image).toBe(`registry.example.com/lab/headlamp@${digest}`);
    expect(headlamp.version).toBe('0.45.0');
    expect(render({ image: { tag: 'v0.44.0', digest } }).deployment.spec.template.spec.containers[0].image).toBe(
      `ghcr.io/headlamp-k8s/headlamp:v0.44.0@${digest}`,
    );
  });
});
