// Headlamp flags the library types, given as config.extraArgs or env HEADLAMP_CONFIG_*: carried onto the typed option
// they set (trust-changing ones only with their opt-in), each with a note.
import { Duration } from 'cdk8s';
import { SecretKeyRef } from '../../core/secret-ref';
import { Migration, refuse, Values } from './context';
import { goBool } from './go-bool';
import { OIDC_SETTINGS, OidcKey } from './oidc-settings';
import { proxyAuthArg } from './proxy-auth';
import { coded, quote } from './starting-point';

/** Server flags the chart sets from a value, and the prop the same flag in config.extraArgs sets here. */
export const SERVER_FLAGS: Readonly<Record<string, (m: Migration, value: string | undefined, at: string) => void>> = {
  'session-ttl': (m, v, at) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1)
      refuse(at, `-session-ttl takes whole seconds from 1 to 31536000, got ${JSON.stringify(v ?? '')}; fix the value`);
    m.props.sessionTtl = coded(Duration.seconds(n), `Duration.seconds(${n})`);
  },
  'in-cluster-context-name': (m, v) => {
    m.props.inClusterContextName = v;
  },
  'base-url': (m, v) => {
    m.props.baseUrl = v;
  },
  'plugins-dir': (m, v) => {
    m.props.pluginsDir = v;
  },
  'enable-helm': (m, v, at) => {
    m.props.enableHelm = goBool(v, at, '-enable-helm') || undefined;
  },
  'in-cluster': (_m, v, at) => {
    if (!goBool(v, at, '-in-cluster')) {
      refuse(
        at,
        `-in-cluster=${v} is out-of-cluster mode, which needs kubeconfigs; remove it (the library runs Headlamp ` +
          `in-cluster)`,
      );
    }
  },
};

/**
 * Where the Go flag package puts a repeated flag: the last one wins, and config.extraArgs come after the chart's own
 * flags.
 */
const LAST_WINS = 'the chart passes it after its own flags, and Headlamp keeps the last';

/**
 * A flag of config.extraArgs that the library types: carried onto its prop (or onto the config.oidc setting the
 * login reads next) with a note, and true; false for any other flag, which stays an extra arg.
 */
export function typedArg(m: Migration, name: string, value: string | undefined, at: string): boolean {
  const server = SERVER_FLAGS[name];
  // A client secret on the command line stays refused: it is a secret in the values, shown in the pod spec.
  const oidcKey = (Object.keys(OIDC_SETTINGS) as OidcKey[]).find(
    (k) => OIDC_SETTINGS[k][1] === name && k !== 'clientSecret',
  );
  if (server) {
    server(m, value, at);
    m.note(at, `-${name} carried onto the typed option (${LAST_WINS})`);
  } else if (oidcKey) {
    const boolean = oidcKey === 'usePKCE' || oidcKey === 'useAccessToken' || oidcKey === 'useCookie';
    m.config.oidc = { ...m.config.oidc, [oidcKey]: boolean ? goBool(value, at, `-${name}`) : value };
    m.note(at, `-${name} read as config.oidc.${oidcKey} (${LAST_WINS})`);
  } else if (name === 'oidc-skip-tls-verify') {
    m.oidcExtras.unsafeSkipTlsVerify = goBool(value, at, `-${name}`) ? at : undefined;
  } else if (name === 'kubeconfig') {
    kubeconfigs(m, value ?? '', at);
  } else if (proxyAuthArg(m, name, value, at)) {
    // Read by the login section (proxy-auth.ts).
  } else {
    return false;
  }
  return true;
}

/**
 * An env var of the values that sets a flag the library types without a chart value for it: carried like
 * {@link typedArg}.
 */
export function typedEnv(m: Migration, e: Values, at: string): boolean {
  const flag = /^HEADLAMP_CONFIG_(OIDC_SKIP_TLS_VERIFY|KUBECONFIG)$/.exec(e.name)?.[1].toLowerCase().replace(/_/g, '-');
  if (!flag) return false;
  if (e.valueFrom !== undefined)
    refuse(
      `${at}.valueFrom`,
      `${e.name} from valueFrom: the migration needs the value to carry -${flag}; write it as value`,
    );
  return typedArg(m, flag, String(e.value ?? ''), at);
}

/**
 * OIDC options the login takes from typed flags: `-oidc-skip-tls-verify` only with its opt-in (the identity provider's
 * certificate is then never checked).
 */
export function oidcExtras(m: Migration): { unsafeSkipTlsVerify?: true } {
  const at = m.oidcExtras.unsafeSkipTlsVerify;
  if (!at) return {};
  if (!m.options.unsafeOidcSkipTlsVerify) {
    refuse(
      at,
      "-oidc-skip-tls-verify makes Headlamp trust any certificate for the identity provider (the login's code " +
        "exchange can be intercepted); trust the provider's CA instead (OidcCaCertificate in TypeScript), or pass " +
        '--unsafe-oidc-skip-tls-verify',
    );
  }
  m.note(
    at,
    '-oidc-skip-tls-verify carried as unsafeSkipTlsVerify (--unsafe-oidc-skip-tls-verify): the identity ' +
      "provider's certificate is not checked",
  );
  return { unsafeSkipTlsVerify: true };
}

/** Without an OIDC login, `-oidc-skip-tls-verify` does nothing: it is dropped, with a note. */
export function dropOidcExtras(m: Migration): void {
  const at = m.oidcExtras.unsafeSkipTlsVerify;
  if (at)
    m.note(at, 'dropped: -oidc-skip-tls-verify applies to OIDC login, which these values do not configure', [
      'oidc-skip-tls-verify',
    ]);
}

/**
 * `-kubeconfig=<a>:<b>`: each path a key of a Secret volume the values mount (a file mounted by subPath, or a file in
 * a mounted directory), carried as `kubeconfigs` (mounted at the library's own paths), the volume and mount dropped.
 */
function kubeconfigs(m: Migration, value: string, at: string): void {
  const paths = value.split(':').filter(Boolean);
  if (!paths.length)
    refuse(at, '-kubeconfig names no file; give the path of a kubeconfig mounted from a Secret, or remove it');
  const refs = paths.map((path) => {
    const found = secretFileAt(m.v, path);
    if (!found) {
      refuse(
        at,
        `-kubeconfig=${path} is not a key of a Secret volume the values mount (volumes + volumeMounts); mount the ` +
          'kubeconfig from a Secret, or use the kubeconfigs prop in TypeScript',
      );
    }
    m.v.volumeMounts = (m.v.volumeMounts ?? []).filter((x: Values) => x !== found!.mount);
    if (!(m.v.volumeMounts as Values[]).some((x) => x.name === found!.volume.name)) {
      m.v.volumes = (m.v.volumes ?? []).filter((x: Values) => x !== found!.volume);
    }
    return { secretName: found!.volume.secret.secretName as string, key: found!.key };
  });
  m.props.kubeconfigs = refs.map((r) =>
    coded(SecretKeyRef.fromName(r.secretName, r.key), `SecretKeyRef.fromName(${quote(r.secretName)}, ${quote(r.key)})`),
  );
  m.note(
    at,
    `the kubeconfig${refs.length > 1 ? 's' : ''} (` +
      `${refs.map((r) => `Secret ${r.secretName} key ${r.key}`).join(', ')}) mounted read-only ` +
      'at /etc/headlamp/kubeconfigs/<n>/config (kubeconfigs), and -kubeconfig set to those paths',
    ['kubeconfig'],
  );
}

/** The Secret volume, its mount and the key that put a file at `path` in Headlamp's container, or undefined. */
function secretFileAt(v: Values, path: string): { volume: Values; mount: Values; key: string } | undefined {
  for (const mount of (v.volumeMounts ?? []) as Values[]) {
    const volume = ((v.volumes ?? []) as Values[]).find((x) => x.name === mount.name && x.secret?.secretName);
    if (!volume) continue;
    const dir = String(mount.mountPath).replace(/\/$/, '');
    const file = mount.subPath
      ? dir === path
        ? mount.subPath
        : undefined
      : path.startsWith(`${dir}/`)
        ? path.slice(dir.length + 1)
        : undefined;
    if (!file || file.includes('/')) continue;
    // With items, the file is an item's path and the key its key.
    const item = (volume.secret.items as Values[] | undefined)?.find((i) => i.path === file);
    if (volume.secret.items && !item) continue;
    return { volume, mount, key: item ? item.key : file };
  }
  return undefined;
}
