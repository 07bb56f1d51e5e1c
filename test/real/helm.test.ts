// Every example as a Helm chart: `helm lint --strict` passes and `helm template` renders exactly the
// objects of the plain synth (Helm reorders by kind, so objects are compared as a sorted set). A real helm binary
// (scripts/helm-binary.js), so it runs with the real components (npm run test:real), not in npm test.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HeadlampDeployment } from '../../lib';
import { helm } from '../helpers/helm';
import { exampleNames, parseYaml, synthExample } from '../helpers/synth';

const { chartFiles, escapeTemplate } = require('../../scripts/helm-chart');
const HEADLAMP_VERSION = HeadlampDeployment.HEADLAMP_VERSION;
const { writeOutputs } = require('../../dist/lib/core/output-dir');
const { reportReal } = require('../../scripts/real/go-tools');
const key = (o: any) => `${o.apiVersion} ${o.kind} ${o.metadata.namespace ?? ''} ${o.metadata.name}`;
const sorted = (objs: any[]) => [...objs].sort((a, b) => key(a).localeCompare(key(b)));

beforeAll(() => reportReal('helm', /^v[\d.]+/.exec(helm(['version', '--short']))![0]));

test('template delimiters in manifests are escaped, everything else is verbatim', () => {
  expect(escapeTemplate('a: {{ x }} ${Y} {url}')).toBe('a: {{ "{{" }} x {{ "}}" }} ${Y} {url}');
});

describe.each(exampleNames())('Helm chart of example %s', (name) => {
  const { files, objects } = synthExample(name);
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chart-')), name);
  writeOutputs(
    dir,
    chartFiles(
      { name: `headlamp-${name}`, version: '0.1.0', appVersion: HEADLAMP_VERSION, description: 'test' },
      files,
    ),
  );

  test('Chart.yaml names the Headlamp version', () => {
    expect(fs.readFileSync(path.join(dir, 'Chart.yaml'), 'utf8')).toContain(`appVersion: "${HEADLAMP_VERSION}"`);
  });

  test('helm lint --strict passes', () => {
    expect(helm(['lint', '--strict', dir])).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
  });

  test('helm template renders the plain synth output', () => {
    const rendered = parseYaml(helm(['template', 'release', dir]));
    expect(sorted(rendered)).toStrictEqual(sorted(objects));
  });
});
