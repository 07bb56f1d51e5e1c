// lib/core/output-dir.ts, the one writer of the CLI's --out, npm run synth and synth:helm: it never writes through a
// symbolic link, never follows a marker out of the directory, checks everything before the first write, and reads
// back output without following links.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyOutputs, OutputDirError, planOutputs, readOutputs, writeOutputs } from '../lib/core/output-dir';

const tmp = () => fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'outdir-')));
const FILES = { 'a.yaml': 'a: 1\n', 'sub/b.yaml': 'b: 2\n' };

test('a new directory is created and recorded; a re-run replaces only its own files and prunes its empty folders', () => {
  const dir = path.join(tmp(), 'out');
  expect(writeOutputs(dir, FILES)).toEqual([path.join(dir, 'a.yaml'), path.join(dir, 'sub', 'b.yaml')]);
  fs.writeFileSync(path.join(dir, 'mine.txt'), 'mine');
  writeOutputs(dir, { 'c.yaml': 'c: 3\n' });
  expect(fs.readdirSync(dir).sort()).toEqual(['.cdk8s-headlamp', 'c.yaml', 'mine.txt']);
  expect(JSON.parse(fs.readFileSync(path.join(dir, '.cdk8s-headlamp'), 'utf8'))).toEqual({ files: ['c.yaml'] });
});

test('a planted link is refused by name whether it is a folder on the way, a listed file or the marker', () => {
  const base = tmp();
  fs.writeFileSync(path.join(base, 'target'), 'outside\n');
  const cases: Array<[string, string]> = [
    ['sub', 'sub is a symbolic link'],
    ['a.yaml', 'a.yaml is a symbolic link'],
    ['.cdk8s-headlamp', '.cdk8s-headlamp is a symbolic link'],
  ];
  for (const [entry, message] of cases) {
    const dir = path.join(base, entry.replace('.', '_'));
    writeOutputs(dir, FILES);
    fs.rmSync(path.join(dir, entry), { recursive: true });
    fs.symlinkSync(path.join(base, 'target'), path.join(dir, entry));
    expect(() => writeOutputs(dir, FILES)).toThrow(OutputDirError);
    expect(() => writeOutputs(dir, FILES)).toThrow(
      `refusing to write into ${dir}: ${message} (to ${path.join(base, 'target')})`,
    );
  }
  expect(fs.readFileSync(path.join(base, 'target'), 'utf8')).toBe('outside\n');
});

test.each([['../x'], ['/etc/passwd'], ['sub/../../x'], ['./a.yaml'], [''], ['a\\..\\..\\x'], [7], ['.cdk8s-headlamp']])(
  'a marker listing %j is not ours',
  (entry) => {
    const dir = path.join(tmp(), 'out');
    writeOutputs(dir, FILES);
    fs.writeFileSync(path.join(dir, '.cdk8s-headlamp'), JSON.stringify({ files: ['a.yaml', entry] }));
    expect(() => planOutputs(dir, FILES)).toThrow(
      `.cdk8s-headlamp lists ${JSON.stringify(entry)}, not a plain path inside the directory`,
    );
  },
);

test('the plan checks everything first: a refusal in the last file leaves the first untouched', () => {
  const dir = path.join(tmp(), 'out');
  writeOutputs(dir, FILES);
  fs.writeFileSync(path.join(dir, 'z.yaml'), 'mine\n');
  expect(() => writeOutputs(dir, { ...FILES, 'a.yaml': 'changed\n', 'z.yaml': 'z\n' })).toThrow(
    'z.yaml exists and cdk8s-headlamp did not write it',
  );
  expect(fs.readFileSync(path.join(dir, 'a.yaml'), 'utf8')).toBe('a: 1\n');
});

test('an input file (by device and inode) is never replaced or deleted', () => {
  const base = tmp();
  const dir = path.join(base, 'out');
  writeOutputs(dir, FILES);
  fs.rmSync(path.join(dir, 'a.yaml'));
  fs.writeFileSync(path.join(base, 'values.yaml'), 'mine\n');
  fs.linkSync(path.join(base, 'values.yaml'), path.join(dir, 'a.yaml'));
  expect(() => planOutputs(dir, FILES, { inputs: [path.join(base, 'values.yaml')] })).toThrow(
    `a.yaml is the file this run reads (${path.join(base, 'values.yaml')}), and this run would replace it`,
  );
  expect(() => planOutputs(dir, { 'other.yaml': '' }, { inputs: [path.join(base, 'values.yaml')] })).toThrow(
    'and this run would delete it',
  );
});

test('an interrupted run leaves a marker that lists every file it may have written', () => {
  const dir = path.join(tmp(), 'out');
  writeOutputs(dir, FILES);
  const plan = planOutputs(dir, { 'new.yaml': 'n\n' });
  // Fail the write of the new file: the marker already lists the previous and the new files.
  fs.mkdirSync(path.join(dir, 'new.yaml'));
  expect(() => applyOutputs(plan)).toThrow(`cannot write ${path.join(dir, 'new.yaml')}: EEXIST`);
  expect(JSON.parse(fs.readFileSync(path.join(dir, '.cdk8s-headlamp'), 'utf8')).files).toEqual([
    'a.yaml',
    'new.yaml',
    'sub/b.yaml',
  ]);
});

test('readOutputs refuses a symbolic link instead of following it', () => {
  const dir = path.join(tmp(), 'out');
  writeOutputs(dir, FILES);
  fs.symlinkSync('/etc/hostname', path.join(dir, 'sub', 'c.yaml'));
  expect(() => readOutputs(dir)).toThrow(
    `${path.join(dir, 'sub', 'c.yaml')} is a symbolic link; output is read without following links: remove it`,
  );
});
