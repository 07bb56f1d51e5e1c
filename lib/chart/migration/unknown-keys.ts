// Keys the official chart does not have and silently ignores: a loud note each (with the key meant, when one is close),
// or with --strict an error.
import { HeadlampValidationError } from '../../core/errors';
import { HEADLAMP_MINOR } from '../../core/headlamp-flags';
import { Migration } from './context';

/**
 * Slips seen in real values whose key is not close in spelling: the unknown key (list indices as `[]`), the key meant.
 */
const MEANT: Readonly<Record<string, string>> = {
  'ingress.className': 'ingress.ingressClassName',
  replicas: 'replicaCount',
  rbac: 'clusterRoleBinding',
  'rbac.create': 'clusterRoleBinding.create',
  'clusterRoleBinding.name': 'clusterRoleBinding.clusterRoleName',
  'config.oidc.existingSecret': 'config.oidc.externalSecret.name',
};

/** What to know about an unknown key that has no counterpart in the chart. */
const NO_COUNTERPART: Readonly<Record<string, string>> = {
  'service.targetPort': "the chart's Service always targets the container port http (4466)",
  'config.oidc.enabled': 'OIDC is on when config.oidc has a client ID and an issuer URL',
};

/** Levenshtein distance, for spelling slips (`pluginDir` for `pluginsDir`). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/**
 * The chart key an unknown key most likely meant: a known slip; the same name in another case under the same
 * section; the same name elsewhere (a key under the wrong section, `extraArgs` for `config.extraArgs`); a name at
 * most 2 edits away in the same section. Undefined when none is close.
 */
function meantKey(key: string, known: readonly string[]): string | undefined {
  const generic = key.replace(/\[\d+\]/g, '[]');
  if (MEANT[generic]) return MEANT[generic];
  const parent = (k: string) => k.slice(0, Math.max(0, k.lastIndexOf('.')));
  const last = (k: string) => k.slice(k.lastIndexOf('.') + 1);
  const name = last(generic);
  const siblings = known.filter((k) => parent(k) === parent(generic));
  const byLength = (xs: string[]) => [...xs].sort((a, b) => a.length - b.length || a.localeCompare(b))[0];
  return (
    siblings.find((k) => last(k).toLowerCase() === name.toLowerCase()) ??
    byLength(known.filter((k) => last(k).toLowerCase() === name.toLowerCase())) ??
    byLength(siblings.filter((k) => distance(last(k).toLowerCase(), name.toLowerCase()) <= 2))
  );
}

/** Why an unknown key changes nothing, and what was likely meant. */
function why(key: string, known: readonly string[]): string {
  const meant = meantKey(key, known);
  const extra = NO_COUNTERPART[key.replace(/\[\d+\]/g, '[]')];
  return (
    `not a value of the official Headlamp chart ${HEADLAMP_MINOR}, which ignores it` +
    `${meant ? ` (did you mean ${meant}?)` : ''}${extra ? `; ${extra}` : ''}`
  );
}

/**
 * Unknown keys the chart ignores: each a note (the run goes on, as helm's does), or with `strict` one error naming
 * them all.
 */
export function ignoredKeys(m: Migration, keys: readonly string[], known: readonly string[]): void {
  if (!keys.length) return;
  if (m.options.strict) {
    throw new HeadlampValidationError(
      'chart values',
      '',
      keys.map((k) => ({ propPath: k, message: `unknown key: ${why(k, known)}; fix or remove it (--strict)` })),
    );
  }
  for (const k of keys) m.note(k, `IGNORED: ${why(k, known)}; fix or remove it (--strict makes this an error)`);
}
