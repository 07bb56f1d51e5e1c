// The chart migration carries Headlamp's operational settings (issue 21 §3) into their typed props: the chart's own
// config.podDebugImage, nodeShellImage and nodeShellNamespace (templates/deployment.yaml of chart 0.45.0 renders them
// as -pod-debug-image, -node-shell-image, -node-shell-namespace).
import { App, Testing } from 'cdk8s';
import { migrateChartValues } from '../lib';

const argsOf = (values: unknown) => {
  const { chart } = migrateChartValues(new App(), values);
  return Testing.synth(chart).find((o) => o.kind === 'Deployment').spec.template.spec.containers[0].args as string[];
};

describe('chart migration: operational settings', () => {
  test('config.podDebugImage, nodeShellImage and nodeShellNamespace become their props (and the same flags)', () => {
    const { headlamp } = migrateChartValues(new App(), {
      config: { podDebugImage: 'docker.io/library/busybox:1.37.0', nodeShellImage: 'docker.io/library/alpine:3.22.1', nodeShellNamespace: 'node-shells' },
    });
    expect(headlamp.deployment.toJson().spec.template.spec.containers[0].args).toEqual(expect.arrayContaining([
      '-pod-debug-image=docker.io/library/busybox:1.37.0', '-node-shell-image=docker.io/library/alpine:3.22.1', '-node-shell-namespace=node-shells',
    ]));
    expect(argsOf({ config: { podDebugImage: '' } }).some((a) => a.startsWith('-pod-debug-image'))).toBe(false);
  });

  test('a floating image in the values is refused at its key, with the fix', () => {
    expect(() => migrateChartValues(new App(), { config: { nodeShellImage: 'busybox:latest' } })).toThrow(
      "chart values: config.nodeShellImage: expected a pinned image: a tag naming a version such as 'docker.io/library/busybox:1.37.0', or a digest " +
      "'...@sha256:<64 hex digits>' (a floating tag such as 'latest', or none, changes under you), got \"busybox:latest\" (HeadlampDeployment props.nodeShellImage)");
  });
});
