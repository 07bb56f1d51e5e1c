// Headlamp's server settings (in-cluster, plugins dir, base URL, context name, session TTL, Helm): their flags, and
// what out-of-cluster mode needs.
import { Construct } from 'constructs';
import { fail } from '../core/errors';
import { OwnedFlag, PodContribution } from '../core/pod-contribution';
import { HeadlampDeploymentProps } from './headlamp-deployment-props';

/**
 * @internal The flags of the server settings. Refuses `inCluster: false` without kubeconfigs (Headlamp would show no
 * cluster), or with a context name for the cluster it leaves; what Headlamp itself refuses out of cluster is
 * startup-check.ts's.
 */
export function serverSettings(
  scope: Construct,
  constructType: string,
  p: HeadlampDeploymentProps,
  pluginsDir: string,
): PodContribution {
  const inCluster = p.inCluster ?? true;
  if (!inCluster) {
    if (!p.kubeconfigs?.length) {
      fail(
        scope,
        constructType,
        'props.kubeconfigs',
        'expected at least one kubeconfig with inCluster: false (Headlamp would show no cluster), ' +
          'got none; add SecretKeyRef.fromName(...) entries, or keep inCluster',
      );
    }
    if (p.inClusterContextName)
      fail(
        scope,
        constructType,
        'props.inClusterContextName',
        'applies to in-cluster mode, got it with inCluster: false; drop it',
      );
  }
  const flags: OwnedFlag[] = [
    ...(inCluster ? [{ flag: 'in-cluster' as const, value: true, prop: 'props.inCluster' }] : []),
    { flag: 'plugins-dir', value: pluginsDir, prop: 'props.pluginsDir' },
  ];
  if (p.baseUrl) flags.push({ flag: 'base-url', value: p.baseUrl, prop: 'props.baseUrl' });
  if (p.inClusterContextName)
    flags.push({ flag: 'in-cluster-context-name', value: p.inClusterContextName, prop: 'props.inClusterContextName' });
  if (p.sessionTtl) flags.push({ flag: 'session-ttl', value: p.sessionTtl.toSeconds(), prop: 'props.sessionTtl' });
  if (p.enableHelm) flags.push({ flag: 'enable-helm', value: true, prop: 'props.enableHelm' });
  return { flags };
}
