import { App, Chart, Duration } from 'cdk8s';
import { HeadlampDeployment, HeadlampDeploymentProps, HeadlampSize, ImagePullPolicy, ServiceType } from '../lib';
import { validateAll } from './helpers/k8s-schema';
import { only, synth, testChart } from './helpers/synth';
import { errorMessageOf as errorOf } from './helpers/adversarial';

function render(props?: HeadlampDeploymentProps) {
  const chart = testChart();
  const headlamp = new HeadlampDeployment(chart, 'headlamp', props);
  const objects = synth(chart);
  const deployment = only(objects, 'Deployment');
  return {
    headlamp,
    objects,
    deployment,
    pod: deployment.spec.template.spec,
    container: deployment.spec.template.spec.containers[0],
    service: only(objects, 'Service'),
  };
}

const build = (props: any) => () => new HeadlampDeployment(testChart(), 'headlamp', props);

describe('HeadlampDeployment defaults', () => {
  test('renders a ServiceAccount, a Deployment, a NetworkPolicy and a Service, with no RBAC for Headlamp itself', () => {
    const { objects } = render();
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ServiceAccount/headlamp',
      'Deployment/headlamp',
      'NetworkPolicy/headlamp',
      'Service/headlamp',
    ]);
    expect(validateAll(objects)).toEqual([]);
  });

  test('container security context follows the hardening guide', () => {
    const { container } = render();
    expect(container.securityContext).toStrictEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsGroup: 101,
      runAsNonRoot: true,
      runAsUser: 100,
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('pod security context: non-root 100:101, fsGroup 101, RuntimeDefault seccomp', () => {
    const { pod } = render();
    expect(pod.securityContext).toStrictEqual({
      fsGroup: 101,
      runAsGroup: 101,
      runAsNonRoot: true,
      runAsUser: 100,
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('read-only root filesystem gets a bounded emptyDir at /tmp, with room for a frontend copy per restart', () => {
    // Headlamp copies its frontend into a new /tmp/.headlamp* at every container start and never removes it
    // (headlamp v0.45.0 backend/cmd/headlamp.go, copyStaticFiles): the old 64Mi cap evicted pods after restarts.
    const { pod, container } = render();
    expect(pod.volumes).toStrictEqual([{ name: 'tmp', emptyDir: { sizeLimit: '1Gi' } }]);
    expect(container.volumeMounts).toStrictEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    expect(render({ tmpSize: '2Gi' }).pod.volumes).toStrictEqual([{ name: 'tmp', emptyDir: { sizeLimit: '2Gi' } }]);
  });

  test("a user's own /tmp mount replaces ours instead of mounting /tmp twice", () => {
    const { pod, container } = render({
      extraVolumes: [{ name: 'scratch', emptyDir: { medium: 'Memory' } }],
      extraVolumeMounts: [{ name: 'scratch', mountPath: '/tmp/' }],
    });
    expect(pod.volumes).toStrictEqual([{ name: 'scratch', emptyDir: { medium: 'Memory' } }]);
    expect(container.volumeMounts).toStrictEqual([{ name: 'scratch', mountPath: '/tmp/' }]);
  });

  test('the pod mounts its token (in-cluster config needs it); the ServiceAccount does not auto-mount', () => {
    const { pod, objects } = render();
    expect(pod.automountServiceAccountToken).toBe(true);
    expect(pod.serviceAccountName).toBe('headlamp');
    expect(only(objects, 'ServiceAccount').automountServiceAccountToken).toBe(false);
  });

  test('flags are single-dash server flags; port 4466; probes on /', () => {
    const { container } = render();
    expect(container.args).toStrictEqual(['-in-cluster', '-plugins-dir=/headlamp/plugins']);
    expect(container.ports).toStrictEqual([{ name: 'http', containerPort: 4466, protocol: 'TCP' }]);
    const probe = { httpGet: { path: '/', port: 'http' }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 };
    expect(container.livenessProbe).toStrictEqual(probe);
    expect(container.readinessProbe).toStrictEqual(probe);
    expect(container.env).toBeUndefined();
  });

  test('pinned image, IfNotPresent, resource requests and limits', () => {
    const { container } = render();
    expect(container.image).toBe('ghcr.io/headlamp-k8s/headlamp:v0.45.0');
    expect(container.imagePullPolicy).toBe('IfNotPresent');
    expect(container.resources).toStrictEqual({
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { cpu: '1', memory: '512Mi' },
    });
  });

  test('Service: ClusterIP port 80 -> named port http, selecting the pods', () => {
    const { service, deployment, headlamp } = render();
    expect(service.spec).toStrictEqual({
      type: 'ClusterIP',
      selector: { 'app.kubernetes.io/name': 'headlamp', 'app.kubernetes.io/instance': 'headlamp' },
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', appProtocol: 'http' }],
    });
    expect(deployment.spec.selector.matchLabels).toStrictEqual(service.spec.selector);
    expect(deployment.spec.template.metadata.labels).toMatchObject(service.spec.selector);
    expect(headlamp.serviceUrl).toBe('http://headlamp.headlamp.svc.cluster.local:80/');
  });

  test('app.kubernetes.io labels on every object', () => {
    const { objects } = render();
    for (const o of objects) {
      expect(o.metadata.labels).toStrictEqual({
        'app.kubernetes.io/name': 'headlamp',
        'app.kubernetes.io/instance': 'headlamp',
        'app.kubernetes.io/version': '0.45.0',
        'app.kubernetes.io/managed-by': 'cdk8s-headlamp',
      });
      expect(o.metadata.namespace).toBe('headlamp');
    }
  });
});

describe('HeadlampDeployment options', () => {
  test('base URL reaches the flag and both probes', () => {
    const { container, headlamp } = render({ baseUrl: '/headlamp' });
    expect(container.args).toContain('-base-url=/headlamp');
    expect(container.livenessProbe.httpGet.path).toBe('/headlamp/');
    expect(container.readinessProbe.httpGet.path).toBe('/headlamp/');
    expect(headlamp.serviceUrl).toBe('http://headlamp.headlamp.svc.cluster.local:80/headlamp/');
  });

  test('session TTL in seconds, plugins dir, context name, extra args and env', () => {
    const { container } = render({
      sessionTtl: Duration.hours(8),
      pluginsDir: '/plugins',
      inClusterContextName: 'prod',
      extraArgs: ['-cache-enabled'],
      extraEnv: { TZ: 'UTC' },
    });
    expect(container.args).toStrictEqual([
      '-in-cluster',
      '-plugins-dir=/plugins',
      '-in-cluster-context-name=prod',
      '-session-ttl=28800',
      '-cache-enabled',
    ]);
    expect(container.env).toStrictEqual([{ name: 'TZ', value: 'UTC' }]);
  });

  test('image parts, digest, pull policy and pull secrets', () => {
    const { container, pod, deployment } = render({
      image: {
        registry: 'registry.example.com:5000',
        repository: 'mirror/headlamp',
        tag: 'v0.44.1',
        digest: `sha256:${'a'.repeat(64)}`,
        pullPolicy: ImagePullPolicy.ALWAYS,
        pullSecrets: ['regcred'],
      },
    });
    expect(container.image).toBe(`registry.example.com:5000/mirror/headlamp:v0.44.1@sha256:${'a'.repeat(64)}`);
    expect(container.imagePullPolicy).toBe('Always');
    expect(pod.imagePullSecrets).toStrictEqual([{ name: 'regcred' }]);
    expect(deployment.metadata.labels['app.kubernetes.io/version']).toBe('0.44.1');
  });

  test('name, replicas, scheduling, labels and annotations', () => {
    const { objects, pod, deployment } = render({
      name: 'ui',
      replicas: 2,
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'tools', effect: 'NoSchedule' }],
      topologySpreadConstraints: [
        { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' },
      ],
      priorityClassName: 'tools',
      labels: { team: 'platform' },
      podAnnotations: { 'example.com/scrape': 'false' },
    });
    expect(objects.map((o) => o.metadata.name)).toEqual(['ui', 'ui', 'ui', 'ui', 'ui']);
    expect(deployment.spec.replicas).toBe(2);
    expect(pod.nodeSelector).toStrictEqual({ 'kubernetes.io/os': 'linux' });
    expect(pod.tolerations).toHaveLength(1);
    expect(pod.topologySpreadConstraints[0].labelSelector).toStrictEqual({
      matchLabels: { 'app.kubernetes.io/name': 'headlamp', 'app.kubernetes.io/instance': 'ui' },
    });
    expect(pod.priorityClassName).toBe('tools');
    expect(deployment.spec.template.metadata.labels.team).toBe('platform');
    expect(deployment.spec.template.metadata.annotations).toStrictEqual({ 'example.com/scrape': 'false' });
    expect(validateAll(objects)).toEqual([]);
  });

  test('resources and probe timings are typed props', () => {
    const { container } = render({
      resources: { requests: { cpu: '50m' }, limits: { memory: '1Gi' } },
      livenessProbe: { initialDelaySeconds: 5, periodSeconds: 20 },
    });
    expect(container.resources).toStrictEqual({
      requests: { cpu: '50m', memory: '128Mi' },
      limits: { cpu: '1', memory: '1Gi' },
    });
    expect(container.livenessProbe).toMatchObject({ initialDelaySeconds: 5, periodSeconds: 20, timeoutSeconds: 5 });
  });

  test('weakening security takes the unsafe* names, one by one', () => {
    const { container, pod } = render({
      security: {
        runAsUser: 0,
        unsafeAllowRunAsRoot: true,
        unsafeWritableRootFilesystem: true,
        unsafeAllowPrivilegeEscalation: true,
        unsafeAddCapabilities: ['NET_BIND_SERVICE'],
        seccompLocalhostProfile: 'profiles/h.json',
      },
    });
    expect(container.securityContext).toStrictEqual({
      allowPrivilegeEscalation: true,
      capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
      privileged: false,
      readOnlyRootFilesystem: false,
      runAsGroup: 101,
      runAsUser: 0,
      seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/h.json' },
    });
    expect(pod.securityContext.runAsNonRoot).toBeUndefined();
  });

  test('a LoadBalancer needs the plain-HTTP opt-in by name', () => {
    const { service } = render({
      service: {
        type: ServiceType.LOAD_BALANCER,
        port: 8080,
        unsafeAllowPlainHttpExposure: true,
        annotations: { a: 'b' },
      },
    });
    expect(service.spec.type).toBe('LoadBalancer');
    expect(service.spec.ports[0].port).toBe(8080);
    expect(service.metadata.annotations).toStrictEqual({ a: 'b' });
  });
});

describe('HeadlampDeployment size presets and in-pod TLS', () => {
  test.each<[HeadlampSize, object]>([
    [HeadlampSize.SMALL, { requests: { cpu: '50m', memory: '96Mi' }, limits: { cpu: '500m', memory: '256Mi' } }],
    [HeadlampSize.MEDIUM, { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } }],
    [HeadlampSize.LARGE, { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '2', memory: '1Gi' } }],
  ])('size %s sets requests and limits', (size, resources) => {
    expect(render({ size }).container.resources).toStrictEqual(resources);
  });

  test('resources override single values of the preset', () => {
    expect(
      render({ size: HeadlampSize.LARGE, resources: { limits: { memory: '2Gi' } } }).container.resources.limits,
    ).toStrictEqual({ cpu: '2', memory: '2Gi' });
  });

  test('podTlsSecret: TLS flags, the Secret mounted read-only, HTTPS probes and Service', () => {
    const { container, pod, service, headlamp, objects } = render({ podTlsSecret: 'headlamp-pod-tls' });
    expect(container.args).toEqual(
      expect.arrayContaining(['-tls-cert-path=/etc/headlamp/tls/tls.crt', '-tls-key-path=/etc/headlamp/tls/tls.key']),
    );
    expect(pod.volumes).toContainEqual({ name: 'tls', secret: { secretName: 'headlamp-pod-tls' } });
    expect(container.volumeMounts).toContainEqual({ name: 'tls', mountPath: '/etc/headlamp/tls', readOnly: true });
    expect(container.livenessProbe.httpGet.scheme).toBe('HTTPS');
    expect(container.readinessProbe.httpGet.scheme).toBe('HTTPS');
    expect(service.spec.ports[0].appProtocol).toBe('https');
    expect(service.metadata.annotations).toStrictEqual({
      'traefik.ingress.kubernetes.io/service.serversscheme': 'https',
    });
    expect(headlamp.serviceUrl).toBe('https://headlamp.headlamp.svc.cluster.local:80/');
    expect(validateAll(objects)).toEqual([]);
  });

  test('fails when the image is too old for in-pod TLS', () => {
    expect(errorOf(build({ podTlsSecret: 'x', image: { tag: 'v0.35.0' } }))).toBe(
      "HeadlampDeployment 'test/headlamp': props.podTlsSecret: -tls-cert-path needs Headlamp v0.36.0 or later, got image tag v0.35.0; raise props.image.tag or drop the option",
    );
  });
});

describe('HeadlampDeployment high availability', () => {
  test('2+ replicas: PDB, spread across nodes and zones, surge-only rollout', () => {
    const { objects, deployment, pod } = render({ replicas: 3 });
    expect(only(objects, 'PodDisruptionBudget').spec).toStrictEqual({
      maxUnavailable: 1,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'headlamp', 'app.kubernetes.io/instance': 'headlamp' } },
    });
    expect(deployment.spec.strategy).toStrictEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: 0, maxSurge: 1 },
    });
    expect(
      pod.topologySpreadConstraints.map((c: any) => [c.topologyKey, c.whenUnsatisfiable, c.maxSkew]),
    ).toStrictEqual([
      ['kubernetes.io/hostname', 'ScheduleAnyway', 1],
      ['topology.kubernetes.io/zone', 'ScheduleAnyway', 1],
    ]);
    expect(validateAll(objects)).toEqual([]);
  });

  test('one replica: no PDB (it would block node drains), default strategy', () => {
    const { objects, deployment, pod } = render();
    expect(objects.some((o) => o.kind === 'PodDisruptionBudget')).toBe(false);
    expect(deployment.spec.strategy).toBeUndefined();
    expect(pod.topologySpreadConstraints).toBeUndefined();
  });
});

describe('HeadlampDeployment NetworkPolicy', () => {
  const dns = {
    to: [
      {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
        podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      },
    ],
    ports: [
      { port: 53, protocol: 'UDP' },
      { port: 53, protocol: 'TCP' },
    ],
  };

  test('on by default: no ingress until something fronts Headlamp; egress DNS and API ports only', () => {
    const np = only(render().objects, 'NetworkPolicy');
    expect(np.spec).toStrictEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'headlamp', 'app.kubernetes.io/instance': 'headlamp' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [],
      egress: [
        dns,
        {
          ports: [
            { port: 443, protocol: 'TCP' },
            { port: 6443, protocol: 'TCP' },
          ],
        },
      ],
    });
  });

  test('API server CIDRs and ports narrow egress', () => {
    const np = only(
      render({ networkPolicy: { apiServerCidrs: ['10.0.0.1/32'], apiServerPorts: [6443] } }).objects,
      'NetworkPolicy',
    );
    expect(np.spec.egress[1]).toStrictEqual({
      to: [{ ipBlock: { cidr: '10.0.0.1/32' } }],
      ports: [{ port: 6443, protocol: 'TCP' }],
    });
  });

  test('allow-all egress and no policy only by their unsafe names', () => {
    expect(
      only(render({ networkPolicy: { unsafeAllowAllEgress: true } }).objects, 'NetworkPolicy').spec.egress,
    ).toStrictEqual([{}]);
    expect(render({ networkPolicy: { unsafeDisable: true } }).objects.some((o) => o.kind === 'NetworkPolicy')).toBe(
      false,
    );
  });

  test('fails when a CIDR is malformed', () => {
    expect(errorOf(build({ networkPolicy: { apiServerCidrs: ['10.0.0.1'] } }))).toBe(
      "HeadlampDeployment 'test/headlamp': props.networkPolicy.apiServerCidrs[0]: expected a CIDR such as '10.0.0.0/16', got \"10.0.0.1\"",
    );
  });
});

describe('HeadlampDeployment validation', () => {
  test('fails when replicas is 0, naming construct, prop, expectation and value', () => {
    const app = new App();
    const chart = new Chart(app, 'prod', { namespace: 'headlamp' });
    expect(errorOf(() => new HeadlampDeployment(chart, 'headlamp', { replicas: 0 }))).toBe(
      "HeadlampDeployment 'prod/headlamp': props.replicas: expected an integer >= 1, got 0",
    );
  });

  test.each<[string, any, string]>([
    ['replicas is not an integer', { replicas: 1.5 }, 'props.replicas: expected an integer >= 1, got 1.5'],
    ['replicas is a string', { replicas: '2' }, 'props.replicas: expected an integer >= 1, got "2"'],
    [
      'name is empty',
      { name: '' },
      'props.name: expected a DNS-1035 label (lower-case letters, digits and \'-\', starting with a letter), got ""',
    ],
    [
      'name is not DNS-1035',
      { name: 'Head_lamp' },
      'props.name: expected a DNS-1035 label (lower-case letters, digits and \'-\', starting with a letter), got "Head_lamp"',
    ],
    [
      'name starts with a digit',
      { name: '1headlamp' },
      'props.name: expected a DNS-1035 label (lower-case letters, digits and \'-\', starting with a letter), got "1headlamp"',
    ],
    [
      'base URL lacks the leading slash',
      { baseUrl: 'headlamp' },
      "props.baseUrl: expected a path that starts with '/' and has no trailing '/', such as '/headlamp', got \"headlamp\"",
    ],
    [
      'base URL has a trailing slash',
      { baseUrl: '/headlamp/' },
      "props.baseUrl: expected a path that starts with '/' and has no trailing '/', such as '/headlamp', got \"/headlamp/\"",
    ],
    [
      'base URL is just /',
      { baseUrl: '/' },
      "props.baseUrl: expected a path that starts with '/' and has no trailing '/', such as '/headlamp', got \"/\"",
    ],
    [
      'image tag is latest',
      { image: { tag: 'latest' } },
      "props.image.tag: expected a pinned tag such as 'v0.45.0', not 'latest' (it changes under you), got \"latest\"",
    ],
    [
      'image repository has upper case',
      { image: { repository: 'Headlamp' } },
      'props.image.repository: expected a lower-case repository path such as \'headlamp-k8s/headlamp\', got "Headlamp"',
    ],
    [
      'image digest is malformed',
      { image: { digest: 'sha256:abc' } },
      'props.image.digest: expected a digest \'sha256:\' followed by 64 hex digits, got "sha256:abc"',
    ],
    [
      'image registry is malformed',
      { image: { registry: 'https://ghcr.io' } },
      "props.image.registry: expected a registry host such as 'ghcr.io' or 'registry.example.com:5000', got \"https://ghcr.io\"",
    ],
    [
      'service port is out of range',
      { service: { port: 70000 } },
      'props.service.port: expected an integer from 1 to 65535, got 70000',
    ],
    ['service port is 0', { service: { port: 0 } }, 'props.service.port: expected an integer from 1 to 65535, got 0'],
    [
      'session TTL is zero',
      { sessionTtl: Duration.seconds(0) },
      'props.sessionTtl: expected a Duration of whole seconds from 1 second to 365 days, got a Duration',
    ],
    [
      'session TTL is over a year',
      { sessionTtl: Duration.days(366) },
      'props.sessionTtl: expected a Duration of whole seconds from 1 second to 365 days, got a Duration',
    ],
    [
      'session TTL is a number',
      { sessionTtl: 3600 },
      'props.sessionTtl: expected a Duration, e.g. Duration.hours(8), got 3600',
    ],
    [
      'a label key is invalid',
      { labels: { 'bad key': 'x' } },
      "props.labels.bad key: expected a label key ('[prefix/]name', name of at most 63 alphanumerics, '-', '_', '.'), got key \"bad key\"",
    ],
    [
      'a label value is invalid',
      { labels: { team: 'a b' } },
      "props.labels.team: expected a label value (alphanumerics, '-', '_', '.', starting and ending alphanumeric), got \"a b\"",
    ],
    [
      'a resource quantity is invalid',
      { resources: { limits: { memory: '512MB' } } },
      "props.resources.limits.memory: expected a Kubernetes quantity such as '100m', '0.5' or '128Mi', got \"512MB\"",
    ],
    [
      'an extra arg is no flag (never echoed: it may be a secret)',
      { extraArgs: ['oidc-client-secret=hunter2'] },
      "props.extraArgs[0]: expected a flag such as '-enable-helm' or '-skipped-kube-contexts=old' (one dash or two, Go's flag syntax), got <redacted>",
    ],
    [
      'an env name is invalid',
      { extraEnv: { '1X': 'y' } },
      "props.extraEnv.1X: expected an environment variable name (letters, digits, '_', '-', '.', not starting with a digit), got key \"1X\"",
    ],
    [
      'a prop is misspelled',
      { replica: 2 },
      "props: unknown prop 'replica': check the spelling against the props interface",
    ],
    [
      'auth is not a HeadlampAuth',
      { auth: { mode: 'oidc' } },
      'props.auth: expected a HeadlampAuth from HeadlampAuth.serviceAccountToken() or another HeadlampAuth factory, got an object',
    ],
  ])('fails when %s', (_case, props, message) => {
    expect(errorOf(build(props))).toBe(`HeadlampDeployment 'test/headlamp': ${message}`);
  });

  test('reports every bad prop at once', () => {
    expect(errorOf(build({ replicas: 0, service: { port: 0 } }))).toBe(
      [
        "HeadlampDeployment 'test/headlamp': props.replicas: expected an integer >= 1, got 0",
        "HeadlampDeployment 'test/headlamp': props.service.port: expected an integer from 1 to 65535, got 0",
      ].join('\n'),
    );
  });

  test('fails when a NodePort or LoadBalancer would serve plain HTTP without the opt-in', () => {
    expect(errorOf(build({ service: { type: ServiceType.NODE_PORT } }))).toBe(
      "HeadlampDeployment 'test/headlamp': props.service.type: a NodePort Service exposes Headlamp over plain HTTP, got NodePort; " +
        'keep ClusterIP behind an Ingress or HTTPRoute with TLS, or set props.service.unsafeAllowPlainHttpExposure: true when TLS terminates in front of it',
    );
  });

  test('fails when runAsUser is 0 without the root opt-in', () => {
    expect(errorOf(build({ security: { runAsUser: 0 } }))).toBe(
      "HeadlampDeployment 'test/headlamp': props.security.runAsUser: expected a non-root uid (>= 1), got 0; " +
        'set props.security.unsafeAllowRunAsRoot: true to run as root',
    );
  });

  test('fails when an extra arg repeats a flag a prop owns', () => {
    expect(errorOf(build({ baseUrl: '/h', extraArgs: ['-base-url=/x'] }))).toBe(
      "HeadlampDeployment 'test/headlamp': props.extraArgs[0]: -base-url is set by the library, got it in extraArgs (value not shown); " +
        'use props.baseUrl (probes, routes and the OIDC callback follow it)',
    );
    expect(errorOf(build({ extraArgs: ['-port=8080'] }))).toMatch(
      /-port is set by the library.*use nothing: the construct listens on 4466/,
    );
  });

  test('fails when the pinned image is too old for a flag', () => {
    expect(errorOf(build({ image: { tag: 'v0.40.0' }, sessionTtl: Duration.hours(1) }))).toBe(
      "HeadlampDeployment 'test/headlamp': props.sessionTtl: -session-ttl needs Headlamp v0.41.0 or later, got image tag v0.40.0; raise props.image.tag or drop the option",
    );
    expect(() => build({ image: { tag: 'v0.41.0' }, sessionTtl: Duration.hours(1) })()).not.toThrow();
  });

  test('fails when the Chart has no namespace', () => {
    const chart = new Chart(new App(), 'nons');
    expect(errorOf(() => new HeadlampDeployment(chart, 'headlamp'))).toBe(
      "HeadlampDeployment 'nons/headlamp': chart.namespace: expected the enclosing Chart to set a namespace, got undefined; " +
        "create it with new Chart(app, 'id', { namespace: 'headlamp' })",
    );
  });
});
