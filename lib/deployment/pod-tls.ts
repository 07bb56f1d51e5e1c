// TLS served by the pod itself (`podTlsSecret`): the certificate Secret mounted read-only, and the flags that point
// Headlamp at it.
import { PodContribution } from '../core/pod-contribution';

/** Where `podTlsSecret` is mounted. */
const POD_TLS_DIR = '/etc/headlamp/tls';

/**
 * @internal The `tls.crt` and `tls.key` of an existing `kubernetes.io/tls` Secret, for
 * `-tls-cert-path`/`-tls-key-path`.
 */
export function podTls(secretName: string | undefined): PodContribution {
  if (!secretName) return {};
  const prop = 'props.podTlsSecret';
  return {
    flags: [
      { flag: 'tls-cert-path', value: `${POD_TLS_DIR}/tls.crt`, prop },
      { flag: 'tls-key-path', value: `${POD_TLS_DIR}/tls.key`, prop },
    ],
    volumes: [{ prop, value: { name: 'tls', secret: { secretName } } }],
    volumeMounts: [{ prop, value: { name: 'tls', mountPath: POD_TLS_DIR, readOnly: true } }],
  };
}
