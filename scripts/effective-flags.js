// Headlamp's effective settings from a rendered Deployment, the way the server and the kubelet see them: each
// `-flag[=value]` arg with `$(VAR)` expanded from the container's env (a literal, a Secret key's value when the
// Secret is among the rendered objects, else `secret:<name>/<key>`; `envFrom` Secrets the same way), plus every
// `HEADLAMP_CONFIG_<FLAG>` env var (backend/pkg/config/config.go reads those as flags). Values compared, not text.
// Shared by the migration tests (test/helpers/effective-flags.ts) and scripts/migration-corpus.js.

/** @typedef {Record<string, string>} EffectiveFlags */

function secretValue(objects, name, key, optional) {
  const secret = objects.find((o) => o.kind === 'Secret' && o.metadata.name === name);
  const value =
    secret?.stringData?.[key] ??
    (secret?.data?.[key] !== undefined ? Buffer.from(secret.data[key], 'base64').toString() : undefined);
  return value ?? `secret${optional ? '?' : ''}:${name}/${key}`;
}

/**
 * The effective flags of the Headlamp container (named `headlamp`) of the Deployment among `objects`.
 * @param {any[]} objects
 * @returns {EffectiveFlags}
 */
function effectiveFlags(objects) {
  const deployment = objects.find(
    (o) => o.kind === 'Deployment' && o.spec.template.spec.containers.some((c) => c.name === 'headlamp'),
  );
  const c = deployment.spec.template.spec.containers.find((x) => x.name === 'headlamp');
  const env = {};
  for (const from of c.envFrom ?? []) {
    if (from.secretRef) env[`*${from.secretRef.name}`] = from.secretRef.name;
  }
  for (const e of c.env ?? []) {
    const ref = e.valueFrom?.secretKeyRef;
    env[e.name] =
      e.value ?? (ref ? secretValue(objects, ref.name, ref.key, ref.optional) : `ref:${JSON.stringify(e.valueFrom)}`);
  }
  const expand = (s) =>
    s.replace(/\$\(([A-Za-z0-9_]+)\)/g, (_, n) => {
      if (n in env) return env[n];
      const fromSecret = Object.keys(env).find((k) => k.startsWith('*'));
      return fromSecret ? secretValue(objects, env[fromSecret], n) : `$(${n})`;
    });
  const flags = {};
  for (const arg of c.args ?? []) {
    const m = /^--?([^=]+)(?:=(.*))?$/.exec(arg);
    if (m) flags[m[1]] = m[2] === undefined ? 'true' : expand(m[2]);
  }
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith('HEADLAMP_CONFIG_'))
      flags[name.slice('HEADLAMP_CONFIG_'.length).toLowerCase().replace(/_/g, '-')] = value;
  }
  return flags;
}

/**
 * Flags whose effective values differ between two renderings.
 * @param {EffectiveFlags} a
 * @param {EffectiveFlags} b
 * @returns {string[]}
 */
function differingFlags(a, b) {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]).sort();
}

module.exports = { effectiveFlags, differingFlags };
