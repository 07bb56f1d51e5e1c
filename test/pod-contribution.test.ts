/**
 * The one merge of what features add to Headlamp's pod (lib/core/pod-contribution.ts): order kept, every collision
 * refused at synth time with both owners' prop paths, and the collisions HeadlampDeployment used to let through.
 */
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import {
  HeadlampAuth,
  HeadlampDeployment,
  HeadlampDeploymentProps,
  HeadlampPlugins,
  OidcCaCertificate,
  OidcConfig,
} from '../lib';
import { mergePodContributions, PodContribution } from '../lib/core/pod-contribution';
import { only, synth, testChart } from './helpers/synth';
import { errorMessageOf as errorOf } from './helpers/adversarial';

const TYPE = 'HeadlampDeployment';

const merge =
  (...contributions: PodContribution[]) =>
  () =>
    mergePodContributions(testChart(), TYPE, contributions);
const prefix = "HeadlampDeployment 'test': ";

describe('a clean merge', () => {
  const server: PodContribution = {
    flags: [
      { flag: 'in-cluster', value: true, prop: 'props.inCluster' },
      { flag: 'base-url', value: '/h', prop: 'props.baseUrl' },
    ],
    env: [{ prop: 'props.extraEnv.TZ', value: { name: 'TZ', value: 'UTC' } }],
    volumes: [{ prop: 'props.tmpSize', value: { name: 'tmp', emptyDir: {} } }],
    volumeMounts: [{ prop: 'props.tmpSize', value: { name: 'tmp', mountPath: '/tmp' } }],
    ingress: [{ peer: { podSelector: { matchLabels: { app: 'a' } } }, port: 4466 }],
  };
  const sidecar: PodContribution = {
    flags: [{ flag: 'enable-helm', value: true, prop: 'props.enableHelm' }],
    args: ['-watch-plugins-changes'],
    env: [
      { prop: 'props.extraEnvVars[0]', value: { name: 'A', value: '1' } },
      { prop: 'props.extraEnvVars[1]', value: { name: 'B', value: '2' } },
    ],
    envFrom: [{ configMapRef: { name: 'env' } }],
    volumes: [{ prop: 'props.plugins', value: { name: 'plugins', emptyDir: {} } }],
    volumeMounts: [
      { prop: 'props.plugins', value: { name: 'plugins', mountPath: '/headlamp/plugins', readOnly: true } },
    ],
    initContainers: [{ prop: 'props.plugins', value: { name: 'copy-plugins' } }],
    sidecars: [{ prop: 'props.extraContainers[0]', value: { name: 'metrics' } }],
    ingress: [
      { peer: { podSelector: { matchLabels: { app: 'a' } } } },
      { peer: { podSelector: { matchLabels: { app: 'a' } } }, port: 9090 },
    ],
    egress: [{ ports: [{ port: k8s.IntOrString.fromNumber(443), protocol: 'TCP' }] }],
  };

  test('keeps every list in the order of the contributions, then of their items', () => {
    const pod = merge(server, {}, sidecar)();
    expect(pod.flags.map((f) => f.flag)).toStrictEqual(['in-cluster', 'base-url', 'enable-helm']);
    expect(pod.args).toStrictEqual(['-watch-plugins-changes']);
    expect(pod.env.map((e) => e.value.name)).toStrictEqual(['TZ', 'A', 'B']);
    expect(pod.envFrom).toStrictEqual([{ configMapRef: { name: 'env' } }]);
    expect(pod.volumes.map((v) => v.value.name)).toStrictEqual(['tmp', 'plugins']);
    expect(pod.volumeMounts.map((m) => m.value.mountPath)).toStrictEqual(['/tmp', '/headlamp/plugins']);
    expect(pod.initContainers.map((c) => c.value.name)).toStrictEqual(['copy-plugins']);
    expect(pod.sidecars.map((c) => c.value.name)).toStrictEqual(['metrics']);
    expect(pod.egress).toHaveLength(1);
  });

  test('the other order gives the other order, and the same input the same output', () => {
    expect(merge(sidecar, server)().flags.map((f) => f.flag)).toStrictEqual(['enable-helm', 'in-cluster', 'base-url']);
    expect(JSON.stringify(merge(server, sidecar)())).toBe(JSON.stringify(merge(server, sidecar)()));
  });

  test("a peer admitted twice to one port (Headlamp's unless named) is kept once; to another port it is a peer of that port", () => {
    expect(merge(server, sidecar)().ingress).toStrictEqual([
      { peer: { podSelector: { matchLabels: { app: 'a' } } }, port: 4466 },
      { peer: { podSelector: { matchLabels: { app: 'a' } } }, port: 9090 },
    ]);
  });

  test('nothing merged is an empty pod', () => {
    expect(merge()()).toStrictEqual({
      flags: [],
      args: [],
      env: [],
      envFrom: [],
      volumes: [],
      volumeMounts: [],
      initContainers: [],
      sidecars: [],
      ingress: [],
      egress: [],
      podAnnotations: [],
    });
  });
});

describe('collisions are refused, naming both owners', () => {
  test('two mounts at one path (a trailing slash is the same path)', () => {
    expect(
      errorOf(
        merge(
          { volumeMounts: [{ prop: 'props.podTlsSecret', value: { name: 'tls', mountPath: '/etc/headlamp/tls' } }] },
          {
            volumeMounts: [
              { prop: 'props.extraVolumeMounts[0]', value: { name: 'mine', mountPath: '/etc/headlamp/tls/' } },
            ],
          },
        ),
      ),
    ).toBe(
      `${prefix}props.extraVolumeMounts[0]: mounts at /etc/headlamp/tls, as props.podTlsSecret does, got two mounts at one path ` +
        '(the API server refuses the pod); mount one of them elsewhere',
    );
  });

  test('two owners of one flag', () => {
    expect(
      errorOf(
        merge(
          { flags: [{ flag: 'base-url', value: '/a', prop: 'props.baseUrl' }] },
          { flags: [{ flag: 'base-url', value: '/b', prop: 'props.auth.oidc.publicUrl' }] },
        ),
      ),
    ).toBe(
      `${prefix}props.auth.oidc.publicUrl: sets -base-url, as props.baseUrl does, got two owners of one flag; set it in one place`,
    );
  });

  test('two volumes of one name', () => {
    expect(
      errorOf(
        merge(
          { volumes: [{ prop: 'props.tmpSize', value: { name: 'tmp', emptyDir: {} } }] },
          { volumes: [{ prop: 'props.extraVolumes[2]', value: { name: 'tmp', emptyDir: {} } }] },
        ),
      ),
    ).toBe(
      `${prefix}props.extraVolumes[2]: adds a volume named 'tmp', as props.tmpSize does, got two volumes of one name ` +
        '(the API server refuses the pod); rename one of them',
    );
  });

  test('two env vars of one name (the value is never shown)', () => {
    expect(
      errorOf(
        merge(
          { env: [{ prop: 'props.extraEnv.TOKEN', value: { name: 'TOKEN', value: 'secret-a' } }] },
          { env: [{ prop: 'props.extraEnvVars[0]', value: { name: 'TOKEN', value: 'secret-b' } }] },
        ),
      ),
    ).toBe(
      `${prefix}props.extraEnvVars[0]: sets env var TOKEN, as props.extraEnv.TOKEN does, got two values of one variable ` +
        '(one would silently win); set it in one place',
    );
  });

  test('two containers of one name, init containers and sidecars alike', () => {
    expect(
      errorOf(
        merge(
          { initContainers: [{ prop: 'props.plugins', value: { name: 'copy-plugins' } }] },
          { sidecars: [{ prop: 'props.extraContainers[0]', value: { name: 'copy-plugins' } }] },
        ),
      ),
    ).toBe(
      `${prefix}props.extraContainers[0]: adds a container named 'copy-plugins', as props.plugins does, got two containers of one name ` +
        '(the API server refuses the pod); rename one of them',
    );
  });

  test('two values of one pod annotation', () => {
    expect(
      errorOf(
        merge(
          { podAnnotations: [{ prop: 'props.metrics', value: ['prometheus.io/scrape', 'true'] }] },
          {
            podAnnotations: [
              { prop: "props.podAnnotations['prometheus.io/scrape']", value: ['prometheus.io/scrape', 'false'] },
            ],
          },
        ),
      ),
    ).toBe(
      `${prefix}props.podAnnotations['prometheus.io/scrape']: sets pod annotation prometheus.io/scrape, as props.metrics does, ` +
        'got two values of one annotation (one would silently win); set it in one place',
    );
  });

  test('within one contribution too', () => {
    expect(
      errorOf(
        merge({
          env: [
            { prop: 'props.x', value: { name: 'A' } },
            { prop: 'props.y', value: { name: 'A' } },
          ],
        }),
      ),
    ).toBe(
      `${prefix}props.y: sets env var A, as props.x does, got two values of one variable (one would silently win); set it in one place`,
    );
  });
});

describe('HeadlampDeployment merges every feature through it', () => {
  const build = (props: HeadlampDeploymentProps) => () => new HeadlampDeployment(testChart(), 'headlamp', props);
  const at = "HeadlampDeployment 'test/headlamp': ";
  const oidc = (extra = {}) =>
    HeadlampAuth.oidc(
      new OidcConfig({
        issuerUrl: 'https://idp.example.com',
        clientId: 'headlamp',
        publicUrl: 'https://headlamp.example.com',
        ...extra,
      }),
    );

  test("a user volume named like one of the library's", () => {
    expect(errorOf(build({ extraVolumes: [{ name: 'tmp', emptyDir: {} }] }))).toBe(
      `${at}props.extraVolumes[0]: adds a volume named 'tmp', ` +
        'as props.tmpSize does, got two volumes of one name (the API server refuses the pod); rename one of them',
    );
    expect(
      errorOf(
        build({
          plugins: HeadlampPlugins.fromPersistentVolumeClaim('plugins'),
          extraVolumes: [{ name: 'plugins', emptyDir: {} }],
        }),
      ),
    ).toMatch(/props\.extraVolumes\[0\]: adds a volume named 'plugins', as props\.plugins does/);
  });

  test('a user mount where the library mounts', () => {
    expect(
      errorOf(build({ podTlsSecret: 'tls', extraVolumeMounts: [{ name: 'x', mountPath: '/etc/headlamp/tls' }] })),
    ).toMatch(/props\.extraVolumeMounts\[0\]: mounts at \/etc\/headlamp\/tls, as props\.podTlsSecret does/);
    expect(
      errorOf(
        build({
          auth: oidc({ caCertificate: OidcCaCertificate.fromConfigMap('ca', 'ca.crt') }),
          extraVolumeMounts: [{ name: 'x', mountPath: '/etc/headlamp/oidc-ca' }],
        }),
      ),
    ).toMatch(
      /props\.extraVolumeMounts\[0\]: mounts at \/etc\/headlamp\/oidc-ca, as props\.auth\.oidc\.caCertificate does/,
    );
  });

  test('one env var in extraEnv and extraEnvVars', () => {
    expect(errorOf(build({ extraEnv: { TZ: 'UTC' }, extraEnvVars: [{ name: 'TZ', value: 'CET' }] }))).toBe(
      `${at}props.extraEnvVars[0]: sets env var TZ, as props.extraEnv.TZ does, got two values of one variable (one would silently win); set it in one place`,
    );
  });

  test('a sidecar named like the plugin manager', () => {
    const plugins = HeadlampPlugins.fromPluginManager({
      config: 'plugins: []',
      image: 'node:22.11.0-alpine',
      downloadCidrs: ['104.16.0.0/12'],
    });
    expect(errorOf(build({ plugins, extraContainers: [{ name: 'plugin-manager', image: 'busybox:1.36' }] }))).toMatch(
      /props\.extraContainers\[0\]: adds a container named 'plugin-manager', as props\.plugins does/,
    );
  });

  test("a user /tmp mount still replaces the library's /tmp volume instead of colliding with it", () => {
    const chart = testChart();
    new HeadlampDeployment(chart, 'headlamp', {
      extraVolumes: [{ name: 'tmp', emptyDir: {} }],
      extraVolumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
    });
    const pod = only(synth(chart), 'Deployment').spec.template.spec;
    expect(pod.volumes).toStrictEqual([{ name: 'tmp', emptyDir: {} }]);
  });
});
