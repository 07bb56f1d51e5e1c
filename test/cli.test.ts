// The compiled CLI (npm test builds first) in temporary directories: symbolic links planted in an earlier output,
// a values file kept in the output folder, and hostile YAML are refused with exact exit codes and lines, and
// nothing outside --out changes (a hash of the surrounding tree, symlink targets included, before and after).
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'bin', 'cdk8s-headlamp.js');
const VALUES = path.join(ROOT, 'examples', 'values', 'keycloak.yaml');
const VALUES_TEXT = fs.readFileSync(VALUES, 'utf8');

/** Runs the CLI; never throws. */
function run(args: string[], cwd: string) {
  const env = { ...process.env };
  delete env.CDK8S_HEADLAMP_DEBUG;
  const res = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env, timeout: 60_000 });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** Every entry under `dir` (never following links): path -> `dir`, `file <sha256>` or `link -> <target>`. */
function tree(dir: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(path.join(dir, rel)).sort()) {
    const r = path.join(rel, name);
    const full = path.join(dir, r);
    const st = fs.lstatSync(full);
    if (st.isSymbolicLink()) out[r] = `link -> ${fs.readlinkSync(full)}`;
    else if (st.isDirectory()) Object.assign(out, { [r]: 'dir' }, tree(dir, r));
    else out[r] = `file ${crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex')}`;
  }
  return out;
}

/** The tree of `box` without `out` (its surroundings). */
function surroundings(box: string, out = 'out'): Record<string, string> {
  return Object.fromEntries(Object.entries(tree(box)).filter(([p]) => p !== out && !p.startsWith(`${out}${path.sep}`)));
}

/**
 * A temp parent holding the output directory `out`, sibling files and folders, and `outside/` where planted links
 * point (a secret file, a folder, a marker-like file). Returns its real path.
 */
function sandbox(): string {
  const box = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cli-box-')));
  fs.mkdirSync(path.join(box, 'outside', 'dir'), { recursive: true });
  fs.writeFileSync(path.join(box, 'outside', 'secret.txt'), 'do not touch\n');
  fs.writeFileSync(path.join(box, 'outside', 'dir', 'kept.yaml'), 'kept: true\n');
  fs.writeFileSync(path.join(box, 'outside', 'marker.json'), '{"files":["secret.txt"]}\n');
  fs.writeFileSync(path.join(box, 'sibling.txt'), 'mine\n');
  fs.mkdirSync(path.join(box, 'sibling-dir'));
  fs.writeFileSync(path.join(box, 'sibling-dir', 'notes.md'), '# mine\n');
  fs.writeFileSync(path.join(box, 'values.yaml'), VALUES_TEXT);
  return box;
}

const refusal = (dir: string, rest: string) => `cdk8s-headlamp: refusing to write into ${dir}: ${rest}\n`;
const LINK = 'cdk8s-headlamp never writes through links: remove it, or choose a new or empty directory';
const NOT_OURS =
  'so it is not a file list cdk8s-headlamp wrote; if the directory is an old output, delete it yourself, or choose a new or empty directory';

describe('--out never writes, replaces or deletes anything outside the output directory', () => {
  /** A box whose `out` an earlier run wrote (`--helm` unless `plain`). */
  const written = (plain = false) => {
    const box = sandbox();
    const first = run(['--values', 'values.yaml', '--out', 'out', ...(plain ? [] : ['--helm'])], box);
    expect(first.status).toBe(0);
    return box;
  };

  test('a run writes only inside --out: the surroundings hash the same before and after', () => {
    const box = sandbox();
    const before = surroundings(box);
    const res = run(['--values', 'values.yaml', '--out', 'out', '--helm'], box);
    expect(res).toEqual({
      status: 0,
      stderr: '',
      stdout: ['Chart.yaml', 'templates/headlamp.k8s.yaml', 'values.yaml']
        .map((f) => `${path.join(box, 'out', f)}\n`)
        .join(''),
    });
    expect(surroundings(box)).toEqual(before);
    expect(Object.keys(tree(path.join(box, 'out')))).toEqual([
      '.cdk8s-headlamp',
      'Chart.yaml',
      'templates',
      'templates/headlamp.k8s.yaml',
      'values.yaml',
    ]);
  });

  test.each<[string, (box: string) => void, boolean, (out: string) => string]>([
    [
      'a listed folder (templates/) replaced by a link to a folder outside',
      (box) => {
        fs.rmSync(path.join(box, 'out', 'templates'), { recursive: true });
        fs.symlinkSync('../outside/dir', path.join(box, 'out', 'templates'));
      },
      false,
      (out) => refusal(out, `templates is a symbolic link (to ../outside/dir); ${LINK}`),
    ],
    [
      'a listed file inside templates/ replaced by a link to a file outside',
      (box) => {
        fs.rmSync(path.join(box, 'out', 'templates', 'headlamp.k8s.yaml'));
        fs.symlinkSync('../../outside/secret.txt', path.join(box, 'out', 'templates', 'headlamp.k8s.yaml'));
      },
      false,
      (out) => refusal(out, `templates/headlamp.k8s.yaml is a symbolic link (to ../../outside/secret.txt); ${LINK}`),
    ],
    [
      'a listed file of the output itself replaced by a link to a file outside',
      (box) => {
        fs.rmSync(path.join(box, 'out', 'Chart.yaml'));
        fs.symlinkSync('../outside/secret.txt', path.join(box, 'out', 'Chart.yaml'));
      },
      false,
      (out) => refusal(out, `Chart.yaml is a symbolic link (to ../outside/secret.txt); ${LINK}`),
    ],
    [
      'a dangling link where a new file goes (plain run, then --helm)',
      (box) => {
        fs.symlinkSync('../outside/created-through-link', path.join(box, 'out', 'Chart.yaml'));
      },
      true,
      (out) => refusal(out, `Chart.yaml is a symbolic link (to ../outside/created-through-link); ${LINK}`),
    ],
    [
      'a link to a folder outside where a new folder goes (plain run, then --helm)',
      (box) => {
        fs.symlinkSync(path.join(box, 'outside', 'dir'), path.join(box, 'out', 'templates'));
      },
      true,
      (out) =>
        refusal(out, `templates is a symbolic link (to ${path.join(path.dirname(out), 'outside', 'dir')}); ${LINK}`),
    ],
    [
      'the marker file itself a link to a file outside',
      (box) => {
        fs.rmSync(path.join(box, 'out', '.cdk8s-headlamp'));
        fs.symlinkSync('../outside/marker.json', path.join(box, 'out', '.cdk8s-headlamp'));
      },
      false,
      (out) => refusal(out, `.cdk8s-headlamp is a symbolic link (to ../outside/marker.json); ${LINK}`),
    ],
    [
      'a marker listing ../sibling.txt',
      (box) => {
        fs.writeFileSync(path.join(box, 'out', '.cdk8s-headlamp'), '{"files":["Chart.yaml","../sibling.txt"]}');
      },
      false,
      (out) =>
        refusal(out, `.cdk8s-headlamp lists "../sibling.txt", not a plain path inside the directory, ${NOT_OURS}`),
    ],
    [
      'a marker listing a path that climbs out through templates/../..',
      (box) => {
        fs.writeFileSync(
          path.join(box, 'out', '.cdk8s-headlamp'),
          '{"files":["templates/../../sibling-dir/notes.md"]}',
        );
      },
      false,
      (out) =>
        refusal(
          out,
          `.cdk8s-headlamp lists "templates/../../sibling-dir/notes.md", not a plain path inside the directory, ${NOT_OURS}`,
        ),
    ],
    [
      'a marker listing an absolute path',
      (box) => {
        fs.writeFileSync(
          path.join(box, 'out', '.cdk8s-headlamp'),
          JSON.stringify({ files: [path.join(box, 'outside', 'secret.txt')] }),
        );
      },
      false,
      (out) =>
        refusal(
          out,
          `.cdk8s-headlamp lists ${JSON.stringify(path.join(path.dirname(out), 'outside', 'secret.txt'))}, not a plain path inside the directory, ${NOT_OURS}`,
        ),
    ],
    [
      'a marker that is not JSON',
      (box) => {
        fs.writeFileSync(path.join(box, 'out', '.cdk8s-headlamp'), 'files: [Chart.yaml]\n');
      },
      false,
      (out) => refusal(out, `.cdk8s-headlamp is not JSON, ${NOT_OURS}`),
    ],
    [
      'a file of yours where a new file goes',
      (box) => {
        fs.writeFileSync(path.join(box, 'out', 'Chart.yaml'), 'mine\n');
      },
      true,
      (out) =>
        refusal(
          out,
          'Chart.yaml exists and cdk8s-headlamp did not write it (.cdk8s-headlamp does not list it); move it away, or choose a new or empty directory',
        ),
    ],
    [
      'a folder of yours where a listed file was',
      (box) => {
        fs.rmSync(path.join(box, 'out', 'Chart.yaml'));
        fs.mkdirSync(path.join(box, 'out', 'Chart.yaml'));
      },
      false,
      (out) =>
        refusal(
          out,
          'Chart.yaml is not a regular file (cdk8s-headlamp writes only files); remove it, or choose a new or empty directory',
        ),
    ],
  ])('%s: exit 2 naming it, nothing touched anywhere', (_case, plant, plain, message) => {
    const box = written(plain);
    plant(box);
    const before = tree(box);
    const res = run(['--values', 'values.yaml', '--out', 'out', '--helm'], box);
    expect(res).toEqual({ status: 2, stdout: '', stderr: message(path.join(box, 'out')) });
    expect(tree(box)).toEqual(before);
  });

  test('an output directory that is itself a link is refused, and nothing behind it changes', () => {
    const box = sandbox();
    fs.symlinkSync('outside/dir', path.join(box, 'out'));
    const before = tree(box);
    const res = run(['--values', 'values.yaml', '--out', 'out'], box);
    expect(res).toEqual({
      status: 2,
      stdout: '',
      stderr: refusal(path.join(box, 'out'), 'it is a symbolic link (to outside/dir); give the real directory'),
    });
    expect(tree(box)).toEqual(before);
  });

  test('--typescript through a dangling link is refused before anything is written', () => {
    const box = sandbox();
    fs.writeFileSync(path.join(box, 'chart.yaml'), 'replicaCount: 2\n');
    fs.symlinkSync('outside/main.ts', path.join(box, 'main.ts'));
    const before = tree(box);
    const res = run(['--chart-values', 'chart.yaml', '--out', 'out', '--typescript', 'main.ts'], box);
    expect(res).toEqual({
      status: 2,
      stdout: '',
      stderr: 'cdk8s-headlamp: --typescript: main.ts exists; it is never overwritten\n',
    });
    expect(tree(box)).toEqual(before);
  });

  test('--typescript through a linked folder, outside --out or inside it, is refused before anything is written (issue 27)', () => {
    const box = sandbox();
    fs.writeFileSync(path.join(box, 'chart.yaml'), 'replicaCount: 2\n');
    expect(run(['--chart-values', 'chart.yaml', '--out', 'out'], box).status).toBe(0);
    fs.symlinkSync('outside/dir', path.join(box, 'src'));
    fs.symlinkSync('../outside/dir', path.join(box, 'out', 'gen'));
    const before = tree(box);
    expect(run(['--chart-values', 'chart.yaml', '--out', 'out', '--typescript', 'src/main.ts'], box)).toEqual({
      status: 2,
      stdout: '',
      stderr: refusal(box, `src is a symbolic link (to outside/dir); ${LINK}`),
    });
    expect(run(['--chart-values', 'chart.yaml', '--out', 'out', '--typescript', 'out/gen/main.ts'], box)).toEqual({
      status: 2,
      stdout: '',
      stderr: refusal(path.join(box, 'out'), `gen is a symbolic link (to ../outside/dir); ${LINK}`),
    });
    expect(tree(box)).toEqual(before);
  });

  test('--typescript naming one of the output files, or in a missing folder, is refused before anything is written', () => {
    const box = sandbox();
    fs.writeFileSync(path.join(box, 'chart.yaml'), 'replicaCount: 2\n');
    const before = tree(box);
    expect(run(['--chart-values', 'chart.yaml', '--out', 'out', '--typescript', 'out/headlamp.k8s.yaml'], box)).toEqual(
      {
        status: 2,
        stdout: '',
        stderr:
          'cdk8s-headlamp: --typescript: out/headlamp.k8s.yaml is one of the files --out writes; give another path\n',
      },
    );
    expect(run(['--chart-values', 'chart.yaml', '--out', 'out', '--typescript', 'src/main.ts'], box)).toEqual({
      status: 2,
      stdout: '',
      stderr: `cdk8s-headlamp: --typescript: ${path.join(box, 'src')} is not an existing directory; create it first\n`,
    });
    expect(tree(box)).toEqual(before);
  });
});

describe('never overwrite the file being read', () => {
  const READS = (dir: string, file: string, input: string, verb: string) =>
    refusal(
      dir,
      `${file} is the file this run reads (${input}), ` +
        `and this run would ${verb} it; keep that file outside the output directory, or choose another output directory`,
    );

  /** A folder an earlier `--helm` run wrote, then its values.yaml replaced by the user's values. */
  const helmFolderWithValues = () => {
    const box = sandbox();
    const dir = path.join(box, 'chart');
    fs.mkdirSync(dir);
    expect(run(['--values', '../values.yaml', '--out', '.', '--helm'], dir).status).toBe(0);
    fs.writeFileSync(path.join(dir, 'values.yaml'), VALUES_TEXT);
    return { box, dir };
  };

  test('a values.yaml kept in a folder an earlier --helm run wrote: --helm would replace it, exit 2, the file survives', () => {
    const { box, dir } = helmFolderWithValues();
    const before = tree(box);
    const res = run(['--values', 'values.yaml', '--out', '.', '--helm'], dir);
    expect(res).toEqual({
      status: 2,
      stdout: '',
      stderr: READS(dir, 'values.yaml', path.join(dir, 'values.yaml'), 'replace'),
    });
    expect(tree(box)).toEqual(before);
  });

  test('the same folder without --helm would delete it (a file of the previous run): exit 2, the file survives', () => {
    const { box, dir } = helmFolderWithValues();
    const before = tree(box);
    const res = run(['--values', 'values.yaml', '--out', '.'], dir);
    expect(res).toEqual({
      status: 2,
      stdout: '',
      stderr: READS(dir, 'values.yaml', path.join(dir, 'values.yaml'), 'delete'),
    });
    expect(tree(box)).toEqual(before);
  });

  test('the values file hard-linked into the output, or read through a symbolic link: the real file is recognised', () => {
    const { box, dir } = helmFolderWithValues();
    fs.rmSync(path.join(dir, 'values.yaml'));
    fs.linkSync(path.join(box, 'values.yaml'), path.join(dir, 'values.yaml'));
    fs.symlinkSync('values.yaml', path.join(box, 'link.yaml'));
    const before = tree(box);
    for (const input of ['values.yaml', 'link.yaml']) {
      const res = run(['--values', input, '--out', 'chart', '--helm'], box);
      expect(res).toEqual({
        status: 2,
        stdout: '',
        stderr: READS(dir, 'values.yaml', path.join(box, input), 'replace'),
      });
    }
    expect(tree(box)).toEqual(before);
  });

  test('a values file elsewhere in the output folder, never written by the run, is fine', () => {
    const { box, dir } = helmFolderWithValues();
    fs.renameSync(path.join(dir, 'values.yaml'), path.join(dir, 'my-values.yaml'));
    const res = run(['--values', 'my-values.yaml', '--out', '.', '--helm'], dir);
    expect(res.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'my-values.yaml'), 'utf8')).toBe(VALUES_TEXT);
    expect(fs.readdirSync(box).sort()).toEqual(['chart', 'outside', 'sibling-dir', 'sibling.txt', 'values.yaml']);
  });
});

describe('hostile or wrong values files: exit 1, one line naming the file and what is wrong, nothing written', () => {
  const bomb = [
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
  ].join('\n');
  const MAPPING = 'a values file is a mapping of keys such as namespace and host (docs/values.md)';

  test.each<[string, string | Buffer, string]>([
    [
      'an alias bomb ("billion laughs")',
      bomb,
      'v.yaml: YAML aliases (*name) expand to more than 100 nodes, as in a "billion laughs" attack; write the values out instead of repeating anchors',
    ],
    ['a list', '- namespace: headlamp\n', `v.yaml: holds a list; ${MAPPING}`],
    ['a scalar', 'headlamp\n', `v.yaml: holds a single string (8 characters, not shown); ${MAPPING}`],
    ['a number', '42\n', `v.yaml: holds a single number (2 characters, not shown); ${MAPPING}`],
    ['an empty file', '', `v.yaml: no YAML content (the file is empty or only comments); ${MAPPING}`],
    ['only comments', '# nothing yet\n', `v.yaml: no YAML content (the file is empty or only comments); ${MAPPING}`],
    ['null', '~\n', `v.yaml: holds null; ${MAPPING}`],
    [
      'binary',
      Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00]),
      'v.yaml: a NUL byte at offset 3: a binary file, not YAML or JSON text',
    ],
    [
      'invalid UTF-8',
      Buffer.concat([Buffer.from('namespace: headlamp\nhost: h'), Buffer.from([0xe9]), Buffer.from('\n')]),
      'v.yaml:2: not UTF-8 text (byte 0xe9 at offset 27); save it as UTF-8',
    ],
    ['UTF-16', Buffer.from('\ufeffnamespace: x\n', 'utf16le'), 'v.yaml: UTF-16 text; save it as UTF-8'],
    [
      'a huge file',
      `namespace: ${'x'.repeat(1024 * 1024)}\n`,
      'v.yaml: larger than 1 MiB; a values file is a few kilobytes of YAML or JSON: check the file name',
    ],
    [
      'two YAML documents',
      'namespace: a\n---\nnamespace: b\n',
      "v.yaml:2:1: not valid YAML: more than one YAML document (a second '---'); keep one mapping per file",
    ],
    [
      'brackets nested far too deep',
      `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
      'v.yaml: nested too deeply (more than 64 levels)',
    ],
    [
      'a mapping nested too deep',
      `${Array.from({ length: 70 }, (_, i) => `${'  '.repeat(i)}k:`).join('\n')} 1\n`,
      'v.yaml: nested too deeply (more than 64 levels)',
    ],
    ['a duplicate key', 'namespace: a\nnamespace: b\n', 'v.yaml:2:1: not valid YAML: Map keys must be unique'],
  ])('%s', (_case, content, line) => {
    const box = sandbox();
    fs.writeFileSync(path.join(box, 'v.yaml'), content);
    const before = tree(box);
    const res = run(['--values', 'v.yaml', '--out', 'out'], box);
    // Deep nesting is reported where the parser gives up (line and column) or after parsing.
    expect({
      ...res,
      stderr: res.stderr.replace(/^v\.yaml:\d+:\d+: not valid YAML: (nested too deeply)/, 'v.yaml: $1'),
    }).toEqual({ status: 1, stdout: '', stderr: `${line}\n` });
    expect(tree(box)).toEqual(before);
  });

  test('the same files given as --chart-values: exit 1 (an empty one is the chart defaults, as Helm reads it)', () => {
    const box = sandbox();
    for (const [content, line] of [
      [bomb, 'v.yaml: YAML aliases (*name) expand to more than 100 nodes'],
      ['- a\n', 'v.yaml: holds a list; a values file is a mapping of the official Headlamp chart'],
    ]) {
      fs.writeFileSync(path.join(box, 'v.yaml'), content);
      const res = run(['--chart-values', 'v.yaml', '--out', 'out'], box);
      expect([res.status, res.stderr.startsWith(line), res.stderr.split('\n').length]).toEqual([1, true, 2]);
    }
    fs.writeFileSync(path.join(box, 'v.yaml'), '# all defaults\n');
    expect(run(['--chart-values', 'v.yaml', '--out', 'out'], box).status).toBe(0);
  });

  test('a folder, or no permission, is an unreadable file: exit 2', () => {
    const box = sandbox();
    expect(run(['--values', 'sibling-dir', '--out', 'out'], box)).toEqual({
      status: 2,
      stdout: '',
      stderr: 'cdk8s-headlamp: cannot read values file sibling-dir: it is a directory\n',
    });
    if (process.getuid?.() !== 0) {
      fs.chmodSync(path.join(box, 'values.yaml'), 0);
      expect(run(['--values', 'values.yaml', '--out', 'out'], box)).toEqual({
        status: 2,
        stdout: '',
        stderr: 'cdk8s-headlamp: cannot read values file values.yaml: EACCES\n',
      });
    }
  });

  test('a __proto__ key is an unknown key like any other, not a prototype', () => {
    const box = sandbox();
    fs.writeFileSync(path.join(box, 'v.yaml'), `${VALUES_TEXT}\n__proto__: { polluted: true }\n`);
    const res = run(['--values', 'v.yaml', '--out', 'out'], box);
    expect([res.status, res.stderr]).toEqual([
      1,
      "values: (top level): unknown key '__proto__': check the spelling against the values format (docs/values.md)\n",
    ]);
  });
});

describe('--substitute and --substitute-file (Flux post-build variables in --chart-values)', () => {
  const FLUX =
    'ingress:\n  enabled: true\n  ingressClassName: ${CLASS:=traefik}\n  hosts:\n    - host: headlamp.${DOMAIN}\n      paths: [{ path: /, type: Prefix }]\n' +
    '  tls:\n    - secretName: tls\n';
  const host = (box: string) =>
    /^\s+- host: (.*)$/m.exec(fs.readFileSync(path.join(box, 'out', 'headlamp.k8s.yaml'), 'utf8'))?.[1];

  test('--help lists both, and --unsafe-run-as-root and --unsafe-external-identity-proxy', () => {
    const help = run(['--help'], ROOT).stdout;
    for (const o of [
      '--substitute NAME=VALUE',
      '--substitute-file FILE',
      '--unsafe-run-as-root',
      '--unsafe-external-identity-proxy',
    ]) {
      expect(help).toMatch(new RegExp(`^  ${o.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    }
  });

  test('without them the placeholders are carried; with them resolved, the env file first and --substitute after it', () => {
    const box = sandbox();
    fs.writeFileSync(path.join(box, 'v.yaml'), FLUX);
    expect(run(['--chart-values', 'v.yaml', '--out', 'out'], box).status).toBe(0);
    expect(host(box)).toBe('headlamp.${DOMAIN}');
    fs.writeFileSync(path.join(box, 'flux.env'), '# cluster-settings\nexport DOMAIN="example.org"\n\nCLASS=nginx\n');
    const res = run(
      ['--chart-values', 'v.yaml', '--out', 'out', '--substitute-file', 'flux.env', '--substitute', 'CLASS=traefik'],
      box,
    );
    expect(res.status).toBe(0);
    expect(host(box)).toBe('headlamp.example.org');
    expect(fs.readFileSync(path.join(box, 'out', 'headlamp.k8s.yaml'), 'utf8')).toMatch(/ingressClassName: traefik/);
  });

  test('a malformed pair, an unreadable file, an unresolved variable, or --substitute without --chart-values: exit 2, named', () => {
    const box = sandbox();
    fs.writeFileSync(path.join(box, 'v.yaml'), FLUX);
    fs.writeFileSync(path.join(box, 'bad.env'), 'DOMAIN\n');
    expect(run(['--chart-values', 'v.yaml', '--substitute', 'DOMAIN'], box)).toEqual({
      status: 2,
      stdout: '',
      stderr: 'cdk8s-headlamp: --substitute: expected NAME=VALUE, got "DOMAIN"\n',
    });
    expect(run(['--chart-values', 'v.yaml', '--substitute-file', 'bad.env'], box)).toEqual({
      status: 2,
      stdout: '',
      stderr: 'cdk8s-headlamp: --substitute-file bad.env line 1: expected NAME=VALUE, got "DOMAIN"\n',
    });
    expect(run(['--chart-values', 'v.yaml', '--substitute-file', 'none.env'], box)).toEqual({
      status: 2,
      stdout: '',
      stderr: 'cdk8s-headlamp: --substitute-file: cannot read none.env: ENOENT\n',
    });
    expect(run(['--chart-values', 'v.yaml', '--substitute', 'CLASS=nginx'], box)).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'cdk8s-headlamp: ' +
        'ingress.hosts[0].host: ${DOMAIN} has no value: --substitute names other variables and it has no default; pass --substitute DOMAIN=VALUE, ' +
        'or leave out every --substitute to carry the placeholders for Flux\n',
    });
    expect(run(['--values', 'v.yaml', '--substitute', 'A=b'], box)).toEqual({
      status: 2,
      stdout: '',
      stderr: 'cdk8s-headlamp: --substitute applies to --chart-values only; see --help\n',
    });
  });
});
