// Kubernetes objects passed through as is (tolerations, affinity, spread, containers, volumes, ports), misspelled the
// way a hurried user would: each fails at synth with our error, like every other value, by the API, a values file and
// the chart migration; and no container may take the name of Headlamp's own.
import { Testing } from 'cdk8s';
import { HeadlampDeployment, HeadlampDeploymentProps } from '../../lib';
import { expectRefused } from '../helpers/adversarial';
import { errorOf, migrationError, valuesError, valuesWith } from '../helpers/doors';
import { testChart } from '../helpers/synth';

const build = (props: HeadlampDeploymentProps) => () => new HeadlampDeployment(testChart(), 'headlamp', props);
const at = (prop: string, says: string) => ({ type: 'HeadlampDeployment', path: 'test/headlamp', prop, says });
const container = (extra: object) => ({ name: 'side', image: 'busybox:1.36.1', ...extra });
const term = (operator: string) => ({
  labelSelector: { matchExpressions: [{ key: 'app', operator }] },
  topologyKey: 'kubernetes.io/hostname',
});

describe('an enum value the Kubernetes API does not know', () => {
  test.each<[string, HeadlampDeploymentProps, string, string]>([
    [
      'a toleration effect',
      { tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedul' }] },
      'props.tolerations[0].effect',
      "expected one of 'NoSchedule', 'PreferNoSchedule', 'NoExecute' (Toleration.effect, Kubernetes 1.28), got \"NoSchedul\"",
    ],
    [
      'a toleration operator in lower case',
      { tolerations: [{ key: 'k', operator: 'equal', value: 'v' }] },
      'props.tolerations[0].operator',
      "expected one of 'Exists', 'Equal' (Toleration.operator, Kubernetes 1.28), got \"equal\"",
    ],
    [
      'a node affinity operator',
      {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'z', operator: 'in', values: ['a'] }] }],
            },
          },
        },
      },
      'props.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator',
      "expected one of 'In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt' (NodeSelectorRequirement.operator",
    ],
    [
      'Gt in a pod label selector (node selectors only)',
      { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('Gt')] } } },
      'props.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions[0].operator',
      "expected one of 'In', 'NotIn', 'Exists', 'DoesNotExist' (LabelSelectorRequirement.operator",
    ],
    [
      "a weighted term's operator",
      {
        affinity: {
          podAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: term('notin') }],
          },
        },
      },
      'props.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector.matchExpressions[0].operator',
      'got "notin"',
    ],
    [
      'whenUnsatisfiable',
      { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'scheduleAnyway' }] },
      'props.topologySpreadConstraints[0].whenUnsatisfiable',
      "expected one of 'DoNotSchedule', 'ScheduleAnyway' (TopologySpreadConstraint.whenUnsatisfiable",
    ],
    [
      'nodeTaintsPolicy',
      {
        topologySpreadConstraints: [
          { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', nodeTaintsPolicy: 'Honour' },
        ],
      },
      'props.topologySpreadConstraints[0].nodeTaintsPolicy',
      "expected one of 'Honor', 'Ignore'",
    ],
    [
      "an init container's imagePullPolicy",
      { initContainers: [container({ imagePullPolicy: 'always' })] },
      'props.initContainers[0].imagePullPolicy',
      "expected one of 'Always', 'Never', 'IfNotPresent' (Container.imagePullPolicy",
    ],
    [
      'a sidecar probe scheme',
      { extraContainers: [container({ readinessProbe: { httpGet: { port: 8080, scheme: 'https' } } })] },
      'props.extraContainers[0].readinessProbe.httpGet.scheme',
      "expected one of 'HTTP', 'HTTPS' (HTTPGetAction.scheme",
    ],
    [
      'a lifecycle hook scheme',
      { extraContainers: [container({ lifecycle: { preStop: { httpGet: { port: 8080, scheme: 'Http' } } } })] },
      'props.extraContainers[0].lifecycle.preStop.httpGet.scheme',
      'got "Http"',
    ],
    [
      'a container port protocol',
      { extraContainers: [container({ ports: [{ containerPort: 9000, protocol: 'tcp' }] })] },
      'props.extraContainers[0].ports[0].protocol',
      "expected one of 'TCP', 'UDP', 'SCTP' (ContainerPort.protocol",
    ],
    [
      'a seccomp profile type',
      { extraContainers: [container({ securityContext: { seccompProfile: { type: 'runtimeDefault' } } })] },
      'props.extraContainers[0].securityContext.seccompProfile.type',
      "expected one of 'Localhost', 'RuntimeDefault', 'Unconfined'",
    ],
    [
      'a mount propagation',
      {
        extraVolumeMounts: [{ name: 'data', mountPath: '/data', mountPropagation: 'none' }],
        extraVolumes: [{ name: 'data', emptyDir: {} }],
      },
      'props.extraVolumeMounts[0].mountPropagation',
      "expected one of 'None', 'HostToContainer', 'Bidirectional'",
    ],
    [
      'a Service extra port protocol',
      { service: { extraPorts: [{ name: 'm', port: 9090, protocol: 'Tcp' }] } },
      'props.service.extraPorts[0].protocol',
      "expected one of 'TCP', 'UDP', 'SCTP' (ServicePort.protocol",
    ],
  ])('%s', (_case, props, prop, says) => {
    expectRefused(build(props), at(prop, says));
  });
});

describe('a field the Kubernetes API requires (no TypeError from inside the merge)', () => {
  test.each<[string, HeadlampDeploymentProps, string, string]>([
    [
      'an empty volume mount',
      { extraVolumeMounts: [{} as never] },
      'props.extraVolumeMounts[0].name',
      'expected a string (VolumeMount.name: the Kubernetes API requires it), got undefined',
    ],
    [
      'a volume mount without a path',
      { extraVolumeMounts: [{ name: 'x' } as never] },
      'props.extraVolumeMounts[0].mountPath',
      'expected a string (VolumeMount.mountPath: the Kubernetes API requires it), got undefined',
    ],
    [
      'a mount path that is a number',
      { extraVolumeMounts: [{ name: 'x', mountPath: 5 } as never] },
      'props.extraVolumeMounts[0].mountPath',
      'got 5',
    ],
    [
      'a volume without a name',
      { extraVolumes: [{ emptyDir: {} } as never] },
      'props.extraVolumes[0].name',
      'Volume.name: the Kubernetes API requires it',
    ],
    [
      'a sidecar without a name',
      { extraContainers: [{ image: 'busybox:1.36.1' } as never] },
      'props.extraContainers[0].name',
      'Container.name',
    ],
    [
      'an env var without a name',
      { extraEnvVars: [{ value: 'x' } as never] },
      'props.extraEnvVars[0].name',
      'EnvVar.name',
    ],
    [
      'a Secret key reference without a key',
      { extraEnvVars: [{ name: 'A', valueFrom: { secretKeyRef: { name: 's' } } } as never] },
      'props.extraEnvVars[0].valueFrom.secretKeyRef.key',
      'SecretKeySelector.key',
    ],
    [
      'a spread constraint without a topology key',
      { topologySpreadConstraints: [{ maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule' } as never] },
      'props.topologySpreadConstraints[0].topologyKey',
      'TopologySpreadConstraint.topologyKey',
    ],
    [
      'a maxSkew past int32',
      { topologySpreadConstraints: [{ maxSkew: 2 ** 31, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }] },
      'props.topologySpreadConstraints[0].maxSkew',
      'expected an integer (at most 2147483647)',
    ],
    [
      'a node affinity without terms',
      { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: {} as never } } },
      'props.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms',
      'expected a list (NodeSelector.nodeSelectorTerms',
    ],
    [
      'a toleration that is a string',
      { tolerations: ['NoSchedule' as never] },
      'props.tolerations[0]',
      'expected a Toleration, got "NoSchedule"',
    ],
  ])('%s', (_case, props, prop, says) => {
    expectRefused(build(props), at(prop, says));
  });
});

describe('a list field given something else is refused at synth (no TypeError: obj.X?.map is not a function)', () => {
  test.each<[string, HeadlampDeploymentProps, string, string]>([
    [
      "a sidecar's env as a map",
      { extraContainers: [container({ env: { A: 'b' } })] },
      'props.extraContainers[0].env',
      "HeadlampDeployment 'test/headlamp': props.extraContainers[0].env: expected a list (Container.env), got an object",
    ],
    [
      "a sidecar's args as one string",
      { extraContainers: [container({ args: '-x' })] },
      'props.extraContainers[0].args',
      "HeadlampDeployment 'test/headlamp': props.extraContainers[0].args: expected a list (Container.args), got <redacted>",
    ],
    [
      "an init container's command as one string",
      { initContainers: [container({ command: 'sh -c x' })] },
      'props.initContainers[0].command',
      "HeadlampDeployment 'test/headlamp': props.initContainers[0].command: expected a list (Container.command), got <redacted>",
    ],
    [
      "a sidecar's ports as a map",
      { extraContainers: [container({ ports: { containerPort: 9000 } })] },
      'props.extraContainers[0].ports',
      "HeadlampDeployment 'test/headlamp': props.extraContainers[0].ports: expected a list (Container.ports), got an object",
    ],
    [
      "a sidecar's volumeMounts as a map",
      { extraContainers: [container({ volumeMounts: { name: 'v', mountPath: '/v' } })] },
      'props.extraContainers[0].volumeMounts',
      "HeadlampDeployment 'test/headlamp': props.extraContainers[0].volumeMounts: expected a list (Container.volumeMounts), got an object",
    ],
    [
      "a sidecar's envFrom as a map",
      { extraContainers: [container({ envFrom: { secretRef: { name: 's' } } })] },
      'props.extraContainers[0].envFrom',
      "HeadlampDeployment 'test/headlamp': props.extraContainers[0].envFrom: expected a list (Container.envFrom), got an object",
    ],
    [
      "a liveness probe's exec command as one string",
      { extraContainers: [container({ livenessProbe: { exec: { command: 'x' } } })] },
      'props.extraContainers[0].livenessProbe.exec.command',
      "HeadlampDeployment 'test/headlamp': props.extraContainers[0].livenessProbe.exec.command: expected a list (ExecAction.command), got <redacted>",
    ],
    [
      "a postStart hook's exec command as one string",
      { extraContainers: [container({ lifecycle: { postStart: { exec: { command: 'touch /tmp/x' } } } })] },
      'props.extraContainers[0].lifecycle.postStart.exec.command',
      "HeadlampDeployment 'test/headlamp': props.extraContainers[0].lifecycle.postStart.exec.command: expected a list (ExecAction.command), got <redacted>",
    ],
    [
      "a Secret volume's items as one string",
      { extraVolumes: [{ name: 'v', secret: { secretName: 's', items: 'a' as never } }] },
      'props.extraVolumes[0].secret.items',
      "HeadlampDeployment 'test/headlamp': props.extraVolumes[0].secret.items: expected a list (SecretVolumeSource.items), got <redacted>",
    ],
    [
      "a ConfigMap volume's items as a map",
      { extraVolumes: [{ name: 'v', configMap: { name: 'c', items: { key: 'a', path: 'a' } as never } }] },
      'props.extraVolumes[0].configMap.items',
      "HeadlampDeployment 'test/headlamp': props.extraVolumes[0].configMap.items: expected a list (ConfigMapVolumeSource.items), got an object",
    ],
  ])('%s', (_case, props, prop, message) => {
    expectRefused(build(props), at(prop, message.slice(message.indexOf(`${prop}: `) + prop.length + 2)));
    expect(errorOf(build(props)).message).toBe(message);
  });

  test('lists given as lists still synthesize, exec probes included', () => {
    expect(() =>
      Testing.synth(
        build({
          extraContainers: [
            container({
              command: ['sh'],
              args: ['-c', 'sleep 1'],
              env: [{ name: 'A', value: 'b' }],
              ports: [{ containerPort: 9000 }],
              livenessProbe: { exec: { command: ['true'] } },
              lifecycle: { postStart: { exec: { command: ['true'] } } },
            }),
          ],
          extraVolumes: [{ name: 'v', secret: { secretName: 's', items: [{ key: 'a', path: 'a' }] } }],
        })().node.scope as never,
      ),
    ).not.toThrow();
  });
});

describe("no container takes the name of Headlamp's own", () => {
  const SAYS =
    "adds a container named 'headlamp', as Headlamp's own container does, got two containers of one name (the API server refuses the pod); rename one of them";
  test.each<[string, HeadlampDeploymentProps, string]>([
    ['a sidecar', { extraContainers: [container({ name: 'headlamp' })] }, 'props.extraContainers[0]'],
    [
      'an init container (names are unique across both lists)',
      { initContainers: [container({ name: 'headlamp' })] },
      'props.initContainers[0]',
    ],
  ])('%s', (_case, props, prop) => {
    expectRefused(build(props), at(prop, SAYS));
  });
});

describe('the values file and the chart migration name the key as written', () => {
  test.each<[string, Record<string, unknown>, string]>([
    [
      'an empty volume mount',
      { extraVolumeMounts: [{}] },
      'values: headlamp.extraVolumeMounts[0].name: expected a string (VolumeMount.name: the Kubernetes API requires it), got undefined',
    ],
    [
      'a toleration effect',
      { tolerations: [{ operator: 'Exists', effect: 'NoSchedul' }] },
      "values: headlamp.tolerations[0].effect: expected one of 'NoSchedule', 'PreferNoSchedule', 'NoExecute' (Toleration.effect, Kubernetes 1.28), got \"NoSchedul\"",
    ],
    [
      'a sidecar named headlamp',
      { extraContainers: [{ name: 'headlamp', image: 'busybox:1.36.1' }] },
      "values: headlamp.extraContainers[0]: adds a container named 'headlamp', as Headlamp's own container does",
    ],
  ])('values file: %s', (_case, headlamp, says) => {
    expect(valuesError(valuesWith(headlamp))).toContain(says);
  });

  test.each<[string, Record<string, unknown>, string]>([
    [
      'a toleration effect',
      { tolerations: [{ operator: 'Exists', effect: 'NoSchedul' }] },
      "chart values: tolerations[0].effect: expected one of 'NoSchedule', 'PreferNoSchedule', 'NoExecute' (Toleration.effect, Kubernetes 1.28), got \"NoSchedul\"",
    ],
    [
      'whenUnsatisfiable',
      { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'scheduleanyway' }] },
      'chart values: topologySpreadConstraints[0].whenUnsatisfiable: expected one of',
    ],
    [
      'a sidecar named headlamp',
      { extraContainers: [{ name: 'headlamp', image: 'busybox:1.36.1' }] },
      "chart values: extraContainers[0]: adds a container named 'headlamp', as Headlamp's own container does",
    ],
  ])('chart migration: %s', (_case, values, says) => {
    expect(migrationError(values)).toContain(says);
  });
});
