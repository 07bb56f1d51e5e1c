// One pinning rule for every image the library runs (issue 27, class 4): a digest, or a tag naming a full version
// x.y.z. A major or minor tag (`v0.44`, `alpine:3.20`, `node:22-alpine`) moves with every release. A minor tag beside
// a digest is read as its earliest release for the flag gates (x.y.0): an image of v0.44.x exits at start on a flag
// of v0.45.0 (backend/pkg/config/config.go: Go's flag package refuses an unknown flag).
import { HeadlampDeployment, HeadlampDeploymentProps } from '../../lib';
import { parseVersion } from '../../lib/core/headlamp-flags';
import { errorOf, migrationError, valuesError, valuesWith } from '../helpers/doors';
import { only, synth, testChart } from '../helpers/synth';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const TAG =
  "expected a tag naming a full version such as 'v0.45.0' (or a digest beside it): a major or minor tag moves with every release, got ";
const PINNED =
  "expected a pinned image: a tag naming a full version such as 'docker.io/library/busybox:1.37.0', or a digest " +
  "'...@sha256:<64 hex digits>' (a floating tag such as 'latest', a major or minor such as '3.20', or none, changes under you), got ";
const build = (props: HeadlampDeploymentProps) => () => new HeadlampDeployment(testChart(), 'headlamp', props);

describe('the Headlamp image', () => {
  test.each(['v0.44', '0.44', 'v1', 'v0.44-alpine'])('a floating tag %s is refused', (tag) => {
    expect(errorOf(build({ image: { tag } })).message).toBe(
      `HeadlampDeployment 'test/headlamp': props.image.tag: ${TAG}${JSON.stringify(tag)}`,
    );
  });

  test('v0.44 beside a digest is pinned, and gated as v0.44.0: a v0.45 flag is refused', () => {
    expect(parseVersion('v0.44')).toStrictEqual([0, 44, 0]);
    expect(errorOf(build({ image: { tag: 'v0.44', digest: DIGEST }, appName: 'Ops' })).message).toBe(
      "HeadlampDeployment 'test/headlamp': " +
        'props.appName: -app-name needs Headlamp v0.45.0 or later, got image tag v0.44; raise props.image.tag or drop the option',
    );
    const chart = testChart();
    new HeadlampDeployment(chart, 'headlamp', { image: { tag: 'v0.44', digest: DIGEST } });
    expect(only(synth(chart), 'Deployment').metadata.labels['app.kubernetes.io/version']).toBe('0.44.0');
  });

  test('a full version, and a custom build (no version at all), pass', () => {
    expect(build({ image: { tag: 'v0.44.1' } })).not.toThrow();
    expect(build({ image: { tag: 'my-build-7f3a' } })).not.toThrow();
  });

  test('the values file and the chart migration', () => {
    expect(valuesError(valuesWith({ image: { tag: 'v0.44' } }))).toBe(`values: headlamp.image.tag: ${TAG}"v0.44"`);
    expect(migrationError({ image: { tag: 'v0.44' } })).toBe(
      `chart values: image.tag: ${TAG}"v0.44" (HeadlampDeployment props.image.tag)`,
    );
  });
});

describe('pod-debug and node-shell images follow the same rule', () => {
  test.each<[string, HeadlampDeploymentProps, string, string]>([
    [
      'a minor tag',
      { podDebugImage: 'docker.io/library/alpine:3.20' },
      'podDebugImage',
      'docker.io/library/alpine:3.20',
    ],
    [
      'a major tag with a suffix',
      { nodeShellImage: 'docker.io/library/busybox:1-musl' },
      'nodeShellImage',
      'docker.io/library/busybox:1-musl',
    ],
  ])('%s is refused', (_case, props, prop, ref) => {
    expect(errorOf(build(props)).message).toBe(
      `HeadlampDeployment 'test/headlamp': props.${prop}: ${PINNED}${JSON.stringify(ref)}`,
    );
  });

  test('a full version or a digest passes', () => {
    expect(
      build({
        podDebugImage: 'docker.io/library/alpine:3.20.3',
        nodeShellImage: `docker.io/library/alpine:3.20@${DIGEST}`,
      }),
    ).not.toThrow();
  });

  test('the values file and the chart migration', () => {
    expect(valuesError(valuesWith({ podDebugImage: 'alpine:3.20' }))).toBe(
      `values: headlamp.podDebugImage: ${PINNED}"alpine:3.20"`,
    );
    expect(migrationError({ config: { extraArgs: ['-pod-debug-image=alpine:3.20'] } })).toBe(
      `chart values: config.extraArgs[0]: ${PINNED}"alpine:3.20" (-pod-debug-image)`,
    );
  });
});
