// Headlamp's UI and operator settings (issue 21 §3): typed flags, pinned images, proxy URLs that open exactly their
// egress, each flag owned (refused in extraArgs and HEADLAMP_CONFIG_*) and gated by the release that introduced it.
// Flag names and defaults: Headlamp v0.45.0 backend/pkg/config/config.go (addGeneralFlags); theme names:
// frontend/src/components/App/defaultAppThemes.ts; proxy URL matching: backend/cmd/headlamp.go (proxyURLAllowed, gobwas/glob).
import { HeadlampDeployment, HeadlampLogLevel } from '../lib';
import { errorMessageOf } from './helpers/adversarial';
import { validateAll } from './helpers/k8s-schema';
import { only, synth, testChart } from './helpers/synth';

function render(props: any) {
  const chart = testChart();
  new HeadlampDeployment(chart, 'headlamp', props);
  const objects = synth(chart);
  return {
    objects,
    args: only(objects, 'Deployment').spec.template.spec.containers[0].args as string[],
    policy: only(objects, 'NetworkPolicy'),
  };
}

/** The message of the HeadlampValidationError building a HeadlampDeployment with `props` throws. */
const errorOf = (props: any): string => errorMessageOf(() => new HeadlampDeployment(testChart(), 'headlamp', props));

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('UI and operator settings', () => {
  test('each setting is its flag, after the server settings', () => {
    const { args, objects } = render({
      logLevel: HeadlampLogLevel.WARN,
      themes: { defaultLight: 'Headlamp Classic', defaultDark: 'Lights Out' },
      podDebugImage: 'docker.io/library/busybox:1.37.0',
      nodeShellImage: `docker.io/library/alpine@${DIGEST}`,
      nodeShellNamespace: 'node-shells',
      appName: 'Platform Console',
      proxyUrls: ['https://prometheus.example.com/*', 'http://prometheus-server.monitoring.svc:9090/api/*'],
    });
    expect(args).toStrictEqual([
      '-in-cluster',
      '-plugins-dir=/headlamp/plugins',
      '-log-level=warn',
      '-default-light-theme=Headlamp Classic',
      '-default-dark-theme=Lights Out',
      '-pod-debug-image=docker.io/library/busybox:1.37.0',
      `-node-shell-image=docker.io/library/alpine@${DIGEST}`,
      '-node-shell-namespace=node-shells',
      '-app-name=Platform Console',
      '-proxy-urls=https://prometheus.example.com/*,http://prometheus-server.monitoring.svc:9090/api/*',
    ]);
    expect(validateAll(objects)).toEqual([]);
  });

  test('a forced theme is its flag alone', () => {
    expect(render({ themes: { force: 'Dark' } }).args).toContain('-force-theme=Dark');
  });

  test('nothing set, no flag: Headlamp keeps its own defaults', () => {
    expect(render({}).args).toStrictEqual(['-in-cluster', '-plugins-dir=/headlamp/plugins']);
  });

  test('each proxy URL opens exactly its egress: an IP as itself, an in-cluster Service as its namespace, a name as its port', () => {
    const { policy } = render({
      proxyUrls: [
        'https://grafana.example.com/*',
        'https://grafana.example.com/api/*',
        'http://prometheus-server.monitoring.svc:9090/*',
        'http://thanos.observability.svc.cluster.local/*',
        'https://10.0.0.5:8443/*',
        'http://[fd00::5]:9090/*',
      ],
    });
    const tcp = (port: number) => [{ port, protocol: 'TCP' }];
    // After DNS and the API server: one rule per host and port (the two Grafana URLs share one).
    expect(policy.spec.egress.slice(2)).toStrictEqual([
      { ports: tcp(443) },
      {
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
        ports: tcp(9090),
      },
      {
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'observability' } } }],
        ports: tcp(80),
      },
      { to: [{ ipBlock: { cidr: '10.0.0.5/32' } }], ports: tcp(8443) },
      { to: [{ ipBlock: { cidr: 'fd00::5/128' } }], ports: tcp(9090) },
    ]);
  });

  test.each([
    [
      'the log level is not one zerolog names',
      { logLevel: 'verbose' },
      "props.logLevel: expected a HeadlampLogLevel (one of 'trace', 'debug', 'info', 'warn', 'error', 'fatal', 'panic', 'disabled'), got \"verbose\"",
    ],
    [
      'a forced theme comes with defaults Headlamp would ignore',
      { themes: { force: 'Dark', defaultLight: 'Light' } },
      'props.themes: expected force alone: Headlamp ignores defaultLight and defaultDark while a theme is forced; drop them, or drop force, got an object',
    ],
    [
      'a theme name is blank',
      { themes: { defaultDark: ' ' } },
      "props.themes.defaultDark: expected a theme name such as 'Dark' or 'Headlamp Classic' (one line, no surrounding spaces), got \" \"",
    ],
    [
      'a theme is misspelled as a key',
      { themes: { dark: 'Dark' } },
      "props.themes: unknown prop 'dark': check the spelling against the props interface",
    ],
    [
      'the pod debug image floats on latest',
      { podDebugImage: 'busybox:latest' },
      "props.podDebugImage: expected a pinned image: a tag naming a full version such as 'docker.io/library/busybox:1.37.0', or a digest " +
        "'...@sha256:<64 hex digits>' (a floating tag such as 'latest', a major or minor such as '3.20', or none, changes under you), got \"busybox:latest\"",
    ],
    [
      'the node shell image has no tag',
      { nodeShellImage: 'docker.io/library/alpine' },
      "props.nodeShellImage: expected a pinned image: a tag naming a full version such as 'docker.io/library/busybox:1.37.0', or a digest " +
        "'...@sha256:<64 hex digits>' (a floating tag such as 'latest', a major or minor such as '3.20', or none, changes under you), got \"docker.io/library/alpine\"",
    ],
    [
      'the node shell image names only a major version',
      { nodeShellImage: 'busybox:1' },
      "props.nodeShellImage: expected a pinned image: a tag naming a full version such as 'docker.io/library/busybox:1.37.0', or a digest " +
        "'...@sha256:<64 hex digits>' (a floating tag such as 'latest', a major or minor such as '3.20', or none, changes under you), got \"busybox:1\"",
    ],
    [
      'the pod debug image is not an image reference',
      { podDebugImage: 'Bad Image:1.0' },
      "props.podDebugImage: expected a pinned image: a tag naming a full version such as 'docker.io/library/busybox:1.37.0', or a digest " +
        "'...@sha256:<64 hex digits>' (a floating tag such as 'latest', a major or minor such as '3.20', or none, changes under you), got \"Bad Image:1.0\"",
    ],
    [
      'a proxy URL is not http(s)',
      { proxyUrls: ['ftp://files.example.com/'] },
      "props.proxyUrls[0]: expected a URL pattern 'http(s)://<host>[:<port>]/<path>' such as 'https://prometheus.example.com/*': host and port " +
        'written out (glob characters only in the path; a \'*\' in the host would let Headlamp fetch from any host), no commas, got "ftp://files.example.com/"',
    ],
    [
      'the node shell namespace is not a namespace name',
      { nodeShellNamespace: 'Node_Shells' },
      'props.nodeShellNamespace: expected a DNS-1123 label (lower-case letters, digits and \'-\', starting and ending with a letter or digit), got "Node_Shells"',
    ],
    [
      'the app name has a line break (Headlamp refuses it at start)',
      { appName: 'Platform\nConsole' },
      'props.appName: expected an application name such as \'Platform Console\' (one line, no surrounding spaces), got "Platform\\nConsole"',
    ],
    [
      'a proxy URL has a glob in its host (an open proxy)',
      { proxyUrls: ['https://*.example.com/*'] },
      "props.proxyUrls[0]: expected a URL pattern 'http(s)://<host>[:<port>]/<path>' such as 'https://prometheus.example.com/*': host and port " +
        'written out (glob characters only in the path; a \'*\' in the host would let Headlamp fetch from any host), no commas, got "https://*.example.com/*"',
    ],
    [
      'a proxy URL runs a glob on from its host (example.com.evil.net matches)',
      { proxyUrls: ['https://example.com*'] },
      "props.proxyUrls[0]: expected a URL pattern 'http(s)://<host>[:<port>]/<path>' such as 'https://prometheus.example.com/*': host and port " +
        'written out (glob characters only in the path; a \'*\' in the host would let Headlamp fetch from any host), no commas, got "https://example.com*"',
    ],
    [
      'a proxy URL holds a comma (the flag splits on it)',
      { proxyUrls: ['https://a.example.com/x,https://*'] },
      "props.proxyUrls[0]: expected a URL pattern 'http(s)://<host>[:<port>]/<path>' such as 'https://prometheus.example.com/*': host and port " +
        'written out (glob characters only in the path; a \'*\' in the host would let Headlamp fetch from any host), no commas, got "https://a.example.com/x,https://*"',
    ],
    [
      'a proxy URL has a port out of range',
      { proxyUrls: ['https://a.example.com:70000/'] },
      "props.proxyUrls[0]: expected a URL pattern 'http(s)://<host>[:<port>]/<path>' such as 'https://prometheus.example.com/*': host and port " +
        'written out (glob characters only in the path; a \'*\' in the host would let Headlamp fetch from any host), no commas (a port from 1 to 65535), got "https://a.example.com:70000/"',
    ],
    [
      'proxy URLs repeat',
      { proxyUrls: ['https://a.example.com/*', 'https://a.example.com/*'] },
      'props.proxyUrls: expected distinct URL patterns, got an array of 2',
    ],
    [
      'the proxy URL list is empty',
      { proxyUrls: [] },
      'props.proxyUrls: expected at least one URL pattern, got an array of 0',
    ],
  ])('fails when %s', (_case, props, message) => {
    expect(errorOf(props)).toBe(`HeadlampDeployment 'test/headlamp': ${message}`);
  });

  test.each([
    ['-log-level=debug', 'props.logLevel'],
    ['-force-theme=Dark', 'props.themes'],
    ['-pod-debug-image=busybox:latest', 'props.podDebugImage (pinned)'],
    ['-node-shell-image=busybox:1.37.0', 'props.nodeShellImage (pinned)'],
    ['-node-shell-namespace=kube-system', 'props.nodeShellNamespace'],
    ['-app-name=x', 'props.appName'],
    ['-proxy-urls=https://*', 'props.proxyUrls (each URL also opens its egress in the NetworkPolicy)'],
  ])('fails when extraArgs sets a flag a prop owns: %s', (arg, prop) => {
    const flag = arg.split('=')[0];
    expect(errorOf({ extraArgs: [arg] })).toBe(
      `HeadlampDeployment 'test/headlamp': props.extraArgs[0]: ${flag} is set by the library, got it in extraArgs (value not shown); use ${prop}`,
    );
  });

  test('fails when HEADLAMP_CONFIG_* sets one of them', () => {
    expect(errorOf({ extraEnv: { HEADLAMP_CONFIG_PROXY_URLS: 'https://*' } })).toBe(
      "HeadlampDeployment 'test/headlamp': props.extraEnv.HEADLAMP_CONFIG_PROXY_URLS: sets -proxy-urls (Headlamp reads HEADLAMP_CONFIG_* as its flags), " +
        'got it in extraEnv (value not shown); use props.proxyUrls (each URL also opens its egress in the NetworkPolicy)',
    );
    expect(errorOf({ extraEnvVars: [{ name: 'HEADLAMP_CONFIG_NODE_SHELL_IMAGE', value: 'busybox' }] })).toBe(
      "HeadlampDeployment 'test/headlamp': props.extraEnvVars.HEADLAMP_CONFIG_NODE_SHELL_IMAGE: sets -node-shell-image (Headlamp reads HEADLAMP_CONFIG_* " +
        'as its flags), got it in extraEnvVars (value not shown); use props.nodeShellImage (pinned)',
    );
  });

  test.each([
    ['logLevel', { logLevel: HeadlampLogLevel.DEBUG }, 'v0.39.0', '-log-level needs Headlamp v0.40.0'],
    ['themes.force', { themes: { force: 'Dark' } }, 'v0.42.0', '-force-theme needs Headlamp v0.43.0'],
    ['podDebugImage', { podDebugImage: 'busybox:1.37.0' }, 'v0.42.0', '-pod-debug-image needs Headlamp v0.43.0'],
    ['nodeShellImage', { nodeShellImage: 'busybox:1.37.0' }, 'v0.43.0', '-node-shell-image needs Headlamp v0.44.0'],
    ['nodeShellNamespace', { nodeShellNamespace: 'shells' }, 'v0.43.0', '-node-shell-namespace needs Headlamp v0.44.0'],
    ['appName', { appName: 'Console' }, 'v0.44.0', '-app-name needs Headlamp v0.45.0'],
    ['proxyUrls', { proxyUrls: ['https://a.example.com/*'] }, 'v0.11.0', '-proxy-urls needs Headlamp v0.12.0'],
  ])('fails when the image is older than the release that introduced %s', (prop, props, tag, needs) => {
    expect(errorOf({ ...props, image: { tag } })).toBe(
      `HeadlampDeployment 'test/headlamp': props.${prop}: ${needs} or later, got image tag ${tag}; raise props.image.tag or drop the option`,
    );
  });
});
