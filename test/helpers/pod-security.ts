/**
 * Pod Security Standards, "restricted" profile (Kubernetes v1.28 control list, baseline included), checked
 * over a pod spec. Hand-written from the published controls because the packaged checkers either ask
 * for more than the standard (monokle's per-container runAsNonRoot) or fetch rules from the internet.
 * https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */

const RESTRICTED_VOLUME_TYPES = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);
const SELINUX_TYPES = new Set(['container_t', 'container_init_t', 'container_kvm_t']);

/** Every violation of the restricted profile in `pod` (a PodSpec), each naming the control and field. */
export function restrictedViolations(pod: any, annotations: Record<string, string> = {}): string[] {
  const v: string[] = [];
  const psc = pod.securityContext ?? {};
  const containers: Array<[string, any]> = [
    ...(pod.initContainers ?? []).map((c: any) => [`initContainers[${c.name}]`, c]),
    ...(pod.containers ?? []).map((c: any) => [`containers[${c.name}]`, c]),
    ...(pod.ephemeralContainers ?? []).map((c: any) => [`ephemeralContainers[${c.name}]`, c]),
  ];

  // Baseline controls.
  for (const f of ['hostNetwork', 'hostPID', 'hostIPC']) if (pod[f]) v.push(`host namespaces: spec.${f} is true`);
  if (psc.windowsOptions?.hostProcess) v.push('HostProcess: spec.securityContext.windowsOptions.hostProcess is true');
  for (const vol of pod.volumes ?? []) {
    if (vol.hostPath) v.push(`hostPath volumes: volume ${vol.name} is a hostPath`);
    const type = Object.keys(vol).find((k) => k !== 'name');
    if (type && !RESTRICTED_VOLUME_TYPES.has(type)) v.push(`volume types: volume ${vol.name} is ${type}`);
  }
  for (const s of psc.sysctls ?? []) if (!SAFE_SYSCTLS.has(s.name)) v.push(`sysctls: ${s.name} is not in the safe set`);
  if (psc.seLinuxOptions) checkSeLinux(psc.seLinuxOptions, 'spec.securityContext', v);
  if (psc.seccompProfile?.type === 'Unconfined')
    v.push('seccomp: spec.securityContext.seccompProfile.type is Unconfined');
  if (psc.appArmorProfile?.type === 'Unconfined')
    v.push('AppArmor: spec.securityContext.appArmorProfile is Unconfined');
  for (const [k, val] of Object.entries(annotations)) {
    if (
      k.startsWith('container.apparmor.security.beta.kubernetes.io/') &&
      val !== 'runtime/default' &&
      !val.startsWith('localhost/')
    ) {
      v.push(`AppArmor: annotation ${k} is ${val}`);
    }
  }
  // Restricted controls at pod level.
  if (psc.runAsUser === 0) v.push('running as non-root user: spec.securityContext.runAsUser is 0');

  for (const [where, c] of containers) {
    const sc = c.securityContext ?? {};
    if (sc.privileged) v.push(`privileged containers: ${where} is privileged`);
    if (sc.windowsOptions?.hostProcess) v.push(`HostProcess: ${where} is a host process`);
    for (const p of c.ports ?? []) if (p.hostPort) v.push(`host ports: ${where} uses hostPort ${p.hostPort}`);
    if (sc.procMount && sc.procMount !== 'Default') v.push(`/proc mount type: ${where} uses ${sc.procMount}`);
    if (sc.seLinuxOptions) checkSeLinux(sc.seLinuxOptions, where, v);
    if (sc.appArmorProfile?.type === 'Unconfined') v.push(`AppArmor: ${where} is Unconfined`);
    // Restricted.
    if (sc.allowPrivilegeEscalation !== false)
      v.push(`privilege escalation: ${where} does not set allowPrivilegeEscalation: false`);
    const nonRoot = sc.runAsNonRoot ?? psc.runAsNonRoot;
    if (nonRoot !== true) v.push(`running as non-root: ${where} has no runAsNonRoot: true (container or pod)`);
    if (sc.runAsUser === 0) v.push(`running as non-root user: ${where} runAsUser is 0`);
    const seccomp = sc.seccompProfile?.type ?? psc.seccompProfile?.type;
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost')
      v.push(`seccomp: ${where} has no RuntimeDefault or Localhost profile (container or pod)`);
    const drop: string[] = sc.capabilities?.drop ?? [];
    if (!drop.includes('ALL')) v.push(`capabilities: ${where} does not drop ALL`);
    for (const cap of sc.capabilities?.add ?? [])
      if (cap !== 'NET_BIND_SERVICE') v.push(`capabilities: ${where} adds ${cap}`);
  }
  return v;
}

function checkSeLinux(o: any, where: string, v: string[]): void {
  if (o.type && !SELINUX_TYPES.has(o.type)) v.push(`SELinux: ${where} type ${o.type}`);
  if (o.user || o.role) v.push(`SELinux: ${where} sets user or role`);
}

/** Pod specs (with annotations) of every workload object in `objects`. */
export function podSpecs(objects: any[]): Array<{ where: string; spec: any; annotations: Record<string, string> }> {
  const out: Array<{ where: string; spec: any; annotations: Record<string, string> }> = [];
  for (const o of objects) {
    const where = `${o.kind}/${o.metadata?.name}`;
    if (o.kind === 'Pod') out.push({ where, spec: o.spec, annotations: o.metadata?.annotations ?? {} });
    else if (['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'].includes(o.kind)) {
      out.push({ where, spec: o.spec.template.spec, annotations: o.spec.template.metadata?.annotations ?? {} });
    } else if (o.kind === 'CronJob') {
      out.push({
        where,
        spec: o.spec.jobTemplate.spec.template.spec,
        annotations: o.spec.jobTemplate.spec.template.metadata?.annotations ?? {},
      });
    }
  }
  return out;
}
