// The restricted-profile checker, tested on pods that break each control, then run over every example.
import { podSpecs, restrictedViolations } from './helpers/pod-security';
import { exampleNames, synthExample } from './helpers/synth';

const good = () => ({
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [{ name: 'app', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
  volumes: [{ name: 'tmp', emptyDir: {} }],
});

describe('restricted-profile checker', () => {
  test('a compliant pod passes', () => {
    expect(restrictedViolations(good())).toEqual([]);
  });

  test.each<[string, (p: any) => void, string]>([
    [
      'privilege escalation allowed',
      (p) => {
        delete p.containers[0].securityContext.allowPrivilegeEscalation;
      },
      'privilege escalation: containers[app] does not set allowPrivilegeEscalation: false',
    ],
    [
      'runAsNonRoot missing',
      (p) => {
        delete p.securityContext.runAsNonRoot;
      },
      'running as non-root: containers[app] has no runAsNonRoot: true (container or pod)',
    ],
    [
      'runAsNonRoot overridden false in the container',
      (p) => {
        p.containers[0].securityContext.runAsNonRoot = false;
      },
      'running as non-root: containers[app] has no runAsNonRoot: true (container or pod)',
    ],
    [
      'uid 0',
      (p) => {
        p.containers[0].securityContext.runAsUser = 0;
      },
      'running as non-root user: containers[app] runAsUser is 0',
    ],
    [
      'no seccomp',
      (p) => {
        delete p.securityContext.seccompProfile;
      },
      'seccomp: containers[app] has no RuntimeDefault or Localhost profile (container or pod)',
    ],
    [
      'seccomp Unconfined',
      (p) => {
        p.securityContext.seccompProfile.type = 'Unconfined';
      },
      'seccomp: spec.securityContext.seccompProfile.type is Unconfined',
    ],
    [
      'capabilities not dropped',
      (p) => {
        p.containers[0].securityContext.capabilities.drop = [];
      },
      'capabilities: containers[app] does not drop ALL',
    ],
    [
      'NET_ADMIN added',
      (p) => {
        p.containers[0].securityContext.capabilities.add = ['NET_ADMIN'];
      },
      'capabilities: containers[app] adds NET_ADMIN',
    ],
    [
      'privileged',
      (p) => {
        p.containers[0].securityContext.privileged = true;
      },
      'privileged containers: containers[app] is privileged',
    ],
    [
      'hostNetwork',
      (p) => {
        p.hostNetwork = true;
      },
      'host namespaces: spec.hostNetwork is true',
    ],
    [
      'hostPort',
      (p) => {
        p.containers[0].ports = [{ containerPort: 80, hostPort: 80 }];
      },
      'host ports: containers[app] uses hostPort 80',
    ],
    [
      'hostPath volume',
      (p) => {
        p.volumes.push({ name: 'h', hostPath: { path: '/' } });
      },
      'hostPath volumes: volume h is a hostPath',
    ],
    [
      'an init container escalates',
      (p) => {
        p.initContainers = [{ name: 'init', securityContext: { capabilities: { drop: ['ALL'] } } }];
      },
      'privilege escalation: initContainers[init] does not set allowPrivilegeEscalation: false',
    ],
    [
      'unsafe sysctl',
      (p) => {
        p.securityContext.sysctls = [{ name: 'kernel.msgmax', value: '1' }];
      },
      'sysctls: kernel.msgmax is not in the safe set',
    ],
  ])('flags %s', (_case, mutate, violation) => {
    const pod: any = good();
    mutate(pod);
    expect(restrictedViolations(pod)).toContain(violation);
  });

  test('NET_BIND_SERVICE may be added back', () => {
    const pod: any = good();
    pod.containers[0].securityContext.capabilities.add = ['NET_BIND_SERVICE'];
    expect(restrictedViolations(pod)).toEqual([]);
  });
});

describe.each(exampleNames())('example %s meets Pod Security "restricted"', (name) => {
  test('every pod template passes every control', () => {
    const pods = podSpecs(synthExample(name).objects);
    expect(pods.length).toBeGreaterThan(0);
    for (const { where, spec, annotations } of pods)
      expect([where, restrictedViolations(spec, annotations)]).toEqual([where, []]);
  });
});
