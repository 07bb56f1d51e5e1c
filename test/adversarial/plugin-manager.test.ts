// The plugin manager's supply chain, attacked: moving image tags, plugins over plain http or unpinned, a
// configuration pluginctl would reject or misread, a pluginctl version that was never published. By the API and the chart migration.
import { App } from 'cdk8s';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  HeadlampDeployment,
  HeadlampPlugins,
  migrateChartValues,
  PLUGINCTL_VERSION,
  PluginManagerOptions,
} from '../../lib';
import { expectRefused } from '../helpers/adversarial';
import { migrationError } from '../helpers/doors';
import { testChart } from '../helpers/synth';

const { docFiles } = require('../../scripts/doc-snippets');

const FLUX =
  'plugins:\n  - name: flux\n    source: https://artifacthub.io/packages/headlamp/headlamp-plugins/headlamp_flux\n    version: 0.2.0\n';
const manager = (o: Partial<PluginManagerOptions>) => () =>
  new HeadlampDeployment(testChart(), 'headlamp', {
    plugins: HeadlampPlugins.fromPluginManager({
      config: FLUX,
      image: 'node:22.11.0-alpine',
      downloadCidrs: ['104.16.0.0/12'],
      ...o,
    }),
  });
const refused = (prop: string, says: string) => ({
  type: 'HeadlampDeployment',
  path: 'test/headlamp',
  prop: `props.plugins.${prop}`,
  says,
});
const plugin = (fields: string) => `plugins:\n  - name: flux\n${fields}`;
const SOURCE = '    source: https://artifacthub.io/packages/headlamp/headlamp-plugins/headlamp_flux\n';

describe('the plugin manager image must not move', () => {
  test.each([
    ['node:22-alpine', "tag '22-alpine' moves with every release it names"],
    ['node:22', "tag '22' moves"],
    ['node:22.11-alpine', "tag '22.11-alpine' moves"],
    ['node:lts-alpine', "tag 'lts-alpine' moves"],
    ['node:current-alpine', "tag 'current-alpine' moves"],
    ['registry.example.com:5000/node:alpine', "tag 'alpine' moves"],
  ])('%s', (image, says) => {
    expectRefused(
      manager({ image }),
      refused(
        'image',
        `expected an image pinned to a full version such as 'node:22.11.0-alpine' (or by digest), got ${JSON.stringify(image)} (${says}`,
      ),
    );
  });

  test.each([
    'node:22.11.0-alpine',
    'registry.example.com:5000/library/node:22.11.0',
    `node:22-alpine@sha256:${'a'.repeat(64)}`,
    `node@sha256:${'b'.repeat(64)}`,
  ])('keeps %s', (image) => {
    expect(manager({ image })).not.toThrow();
  });
});

describe("pluginctl's configuration, as pluginctl reads it and stricter where it would be silently lax", () => {
  test.each<[string, string, string, string]>([
    [
      'a plugin over plain http',
      plugin('    source: http://artifacthub.io/packages/headlamp/x/flux\n    version: 0.2.0\n'),
      'config.plugins[0].source',
      "expected an https:// source: over plain http the plugin, code that runs in every user's Headlamp session, could be swapped in transit " +
        '(and pluginctl accepts only https://artifacthub.io/packages/...), got "http://artifacthub.io/packages/headlamp/x/flux"',
    ],
    [
      'an HTTP:// source in capitals',
      plugin('    source: HTTP://artifacthub.io/packages/x\n    version: 0.2.0\n'),
      'config.plugins[0].source',
      'expected an https:// source',
    ],
    [
      'a source pluginctl does not install from',
      plugin('    source: https://example.com/flux.tgz\n    version: 0.2.0\n'),
      'config.plugins[0].source',
      'expected an https://artifacthub.io/packages/... URL (the only source pluginctl installs from), got "https://example.com/flux.tgz"',
    ],
    [
      'a plugin without a version (latest at every start)',
      plugin(SOURCE),
      'config.plugins[0].version',
      "expected a pinned version such as '0.2.0' (without one pluginctl installs the latest at every start), got undefined",
    ],
    [
      'a misspelled version key pluginctl would ignore',
      plugin(`${SOURCE}    verison: 0.2.0\n`),
      'config.plugins[0]',
      "unknown key 'verison': pluginctl ignores it (a misspelled version leaves the plugin unpinned); expected name, source, version, dependencies (plugins) or parallel, maxConcurrent (installOptions)",
    ],
    [
      'a version that is not one',
      plugin(`${SOURCE}    version: latest\n`),
      'config.plugins[0].version',
      "expected a version such as '0.2.0' (pluginctl's pattern), got \"latest\"",
    ],
    [
      'a plugin name pluginctl refuses',
      `plugins:\n  - name: Flux\n${SOURCE}    version: 0.2.0\n`,
      'config.plugins[0].name',
      'expected a plugin name: lower-case letters',
    ],
    [
      'no plugins key',
      'installOptions:\n  parallel: true\n',
      'config.plugins',
      'expected a list of plugins, got undefined',
    ],
    [
      'a list instead of a mapping',
      '- flux\n',
      'config',
      "expected a mapping with 'plugins' (pluginctl's configuration), got an array of 1",
    ],
    [
      'YAML that does not parse',
      'plugins:\n  - name: flux\n   source: x\n',
      'config',
      "expected pluginctl's YAML configuration, got YAML that does not parse at line 3",
    ],
    [
      'a key given twice',
      `plugins: []\nplugins: []\n`,
      'config',
      "expected pluginctl's YAML configuration, got YAML that does not parse at line 2: Map keys must be unique",
    ],
    [
      'maxConcurrent 0',
      'plugins: []\ninstallOptions:\n  maxConcurrent: 0\n',
      'config.installOptions.maxConcurrent',
      'expected an integer >= 1, got 0',
    ],
  ])('%s', (_case, config, prop, says) => {
    expectRefused(manager({ config }), refused(prop, says));
  });

  test("the chart's own configuration format with every field is kept as written", () => {
    const config =
      `plugins:\n  - name: flux\n${SOURCE}    version: 0.2.0\n    dependencies: [base]\n  - name: base\n` +
      '    source: https://artifacthub.io/packages/headlamp/x/base\n    version: 1.0.0\ninstallOptions:\n  parallel: true\n  maxConcurrent: 3\n';
    expect(manager({ config })).not.toThrow();
  });
});

describe("pluginctl's version", () => {
  test('the default is the published one (npm @headlamp-k8s/pluginctl: 0.1.1, its only release; plugins/pluginctl/package.json at v0.45.0)', () => {
    expect(PLUGINCTL_VERSION).toBe('0.1.1');
  });

  test('no doc, example, message or test names another pluginctl version', () => {
    const root = path.resolve(__dirname, '..', '..');
    const files = [
      ...docFiles(),
      ...['lib', 'examples', 'test'].flatMap((d) => walk(path.join(root, d)).map((f) => path.relative(root, f))),
    ];
    // `pluginctl@<v>`, `pluginctlVersion: '<v>'`, `a pinned pluginctl version such as '<v>'`.
    const named = /pluginctl(?:@|Version['"]?:\s*['"]|[^\n]{0,30}?version[^\n]{0,20}?['"`])(\d+\.\d+\.\d+)/gi;
    const others = files.flatMap((f) =>
      [...fs.readFileSync(path.join(root, f), 'utf8').matchAll(named)]
        .filter((m) => m[1] !== PLUGINCTL_VERSION)
        .map((m) => `${f}: ${m[0]}`),
    );
    expect(others).toEqual([]);
  });

  test('latest is refused, with the published version as the example', () => {
    expectRefused(
      manager({ pluginctlVersion: 'latest' }),
      refused('pluginctlVersion', "expected a pinned pluginctl version such as '0.1.1' (not 'latest')"),
    );
  });
});

describe('the chart migration names the pluginsManager keys', () => {
  const values = (pm: Record<string, unknown>) => ({
    pluginsManager: { enabled: true, version: '0.1.1', configContent: FLUX, ...pm },
  });
  const opts = { unsafePluginDownloadsFromAnyHost: true };

  test.each<[string, Record<string, unknown>, string]>([
    [
      'a plain-http plugin',
      {
        baseImage: 'node:22.11.0-alpine',
        configContent: plugin('    source: http://artifacthub.io/packages/x/flux\n    version: 0.2.0\n'),
      },
      'chart values: pluginsManager.configContent.plugins[0].source: expected an https:// source',
    ],
  ])('%s', (_case, pm, says) => {
    expect(migrationError(values(pm), opts)).toContain(says);
  });

  test("a moving base image (the chart's default) and a floating pluginctl (latest) are pinned, each with a note (issue 20)", () => {
    const { notes } = migrateChartValues(new App(), values({ version: 'latest' }), opts);
    expect(notes.filter((n) => n.key.startsWith('pluginsManager.')).map((n) => n.key)).toEqual([
      'pluginsManager.version',
      'pluginsManager.baseImage',
    ]);
  });
});

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === '__snapshots__' || e.name === 'fixtures' ? [] : walk(p);
    return /\.(ts|md|ya?ml)$/.test(e.name) ? [p] : [];
  });
}
