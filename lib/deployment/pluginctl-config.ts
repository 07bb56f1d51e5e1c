// The plugin manager's supply chain: the published pluginctl version, the image pin rule, and pluginctl's configuration
// format (plugins/pluginctl at Headlamp v0.45.0), checked at synth.
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { bool, checkValue, int, lazy, ValueIssue } from '../core/schema';
import { namesFullVersion } from './image';

/**
 * The `@headlamp-k8s/pluginctl` version the plugin manager runs by default: the one published on npm (0.1.1, the only
 * release; plugins/pluginctl/package.json at Headlamp v0.45.0). A version that does not exist makes `npx` fail and the
 * sidecar crash-loop.
 */
export const PLUGINCTL_VERSION = '0.1.1';

/**
 * Why an image reference is not pinned, or undefined: pinned means a digest, or a tag that starts with a full version
 * (`22.11.0-alpine`, `v1.2.3`). `node:22-alpine` moves with every 22.x release, `node:lts-alpine` with every LTS.
 */
export function unpinnedImageProblem(ref: string): string | undefined {
  if (/@sha256:[a-f0-9]{64}$/.test(ref)) return undefined;
  const last = ref.slice(ref.lastIndexOf('/') + 1);
  const tag = last.includes(':') ? last.slice(last.indexOf(':') + 1) : undefined;
  if (tag !== undefined && namesFullVersion(tag)) return undefined;
  return (
    `expected an image pinned to a full version such as 'node:22.11.0-alpine' (or by digest), ` +
    `got ${JSON.stringify(ref)} ` +
    `(${tag === undefined ? 'no tag: latest' : `tag '${tag}' moves with every release it names`}, so each pod ` +
    `start may run other code)`
  );
}

/** pluginctl's patterns (src/multi-plugin-management.js, pluginConfigSchema, v0.45.0). */
const PLUGIN_NAME = /^[a-z0-9][a-z0-9-_]*[a-z0-9-]$/;
const ARTIFACTHUB = /^https:\/\/artifacthub\.io\/packages\/[^\s]+$/;
const VERSION = /^\d+\.\d+\.\d+/;

const pluginName = (what: string) =>
  z.string({ error: `expected ${what}` }).regex(PLUGIN_NAME, {
    error: `expected ${what}: lower-case letters, digits, '-' and '_', such as 'flux' (pluginctl's pattern)`,
  });

/**
 * pluginctl's configuration, as its schema reads it, and stricter where pluginctl would be silently lax: every plugin
 * pinned to a version (without one it installs the latest at every start), and no unknown keys (pluginctl ignores a
 * misspelled `verison`, which unpins the plugin).
 */
const pluginctlConfigSchema = lazy(() =>
  z.strictObject(
    {
      plugins: z.array(
        z.strictObject(
          {
            name: pluginName('a plugin name'),
            source: z.string({ error: 'expected an https://artifacthub.io/packages/... URL' }).superRefine((s, ctx) => {
              if (/^http:/i.test(s)) {
                ctx.addIssue({
                  code: 'custom',
                  message:
                    "expected an https:// source: over plain http the plugin, code that runs in every user's " +
                    'Headlamp session, could be swapped in transit (and pluginctl accepts only ' +
                    'https://artifacthub.io/packages/...)',
                });
              } else if (!ARTIFACTHUB.test(s)) {
                ctx.addIssue({
                  code: 'custom',
                  message:
                    'expected an https://artifacthub.io/packages/... URL (the only source pluginctl installs from)',
                });
              }
            }),
            version: z
              .string({
                error:
                  "expected a pinned version such as '0.2.0' (without one pluginctl installs the latest at " +
                  'every start)',
              })
              .regex(VERSION, { error: "expected a version such as '0.2.0' (pluginctl's pattern)" }),
            dependencies: z
              .array(pluginName('a plugin name'))
              .refine((xs) => new Set(xs).size === xs.length, { error: 'expected distinct plugin names' })
              .optional(),
          },
          { error: 'expected a plugin: { name, source, version }' },
        ),
        { error: 'expected a list of plugins' },
      ),
      installOptions: z.strictObject({ parallel: bool.optional(), maxConcurrent: int(1).optional() }).optional(),
    },
    { error: "expected a mapping with 'plugins' (pluginctl's configuration)" },
  ),
);

/**
 * @internal What is wrong with a pluginctl configuration (YAML text), each at its path under `at`
 * (`config.plugins[0].source`).
 */
export function pluginctlConfigIssues(text: string, at: string): ValueIssue[] {
  const doc = parseDocument(text, { uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const where = error.linePos?.[0] ? ` at line ${error.linePos[0].line}` : '';
    return [
      {
        path: [at],
        message:
          `expected pluginctl's YAML configuration, got YAML that does not parse${where}: ` +
          `${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
      },
    ];
  }
  const value = doc.toJS({ maxAliasCount: 100 });
  // A key pluginctl would ignore first: a misspelled `verison` is the problem, not the version it leaves out.
  const result = pluginctlConfigSchema().safeParse(value, { jitless: true });
  const unknown = result.error?.issues.find((i) => i.code === 'unrecognized_keys');
  if (unknown && unknown.code === 'unrecognized_keys') {
    return [
      {
        path: [at, ...unknown.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
        message:
          `unknown key ${unknown.keys.map((k) => `'${k}'`).join(', ')}: pluginctl ignores it (a misspelled ` +
          'version leaves the plugin unpinned); expected name, source, version, dependencies (plugins) or ' +
          'parallel, maxConcurrent (installOptions)',
      },
    ];
  }
  return checkValue(pluginctlConfigSchema(), value, at);
}
