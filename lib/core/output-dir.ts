/**
 * Writes generated files into an output directory without ever deleting what cdk8s-headlamp did not write.
 * A directory is ours when it holds the marker file `.cdk8s-headlamp`, the list of files the last run wrote:
 * only those are replaced. A new or empty directory becomes ours; any other non-empty directory is refused.
 * Nothing is ever written, replaced or deleted outside the directory: a symbolic link anywhere on the way (planted
 * in an earlier output, the marker itself, a listed file or folder) is refused by name, a marker listing `..` or
 * an absolute path is refused, and every check runs before the first write. A write that would replace or delete
 * a file this run reads (`inputs`, compared by device and inode) is refused too.
 * Used by the CLI (`--out`), `npm run synth`, `npm run synth:helm` and {@link ApiServerAuthentication.writeAll}.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Name of the marker file listing what the last run wrote. */
export const OUTPUT_MARKER = '.cdk8s-headlamp';

/** A marker larger than this is not ours (a list of a few file names). */
const MAX_MARKER_BYTES = 1024 * 1024;

/** A refusal to touch a directory; the CLI prints its message and exits 2. */
export class OutputDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputDirError';
  }
}

/** Options of {@link writeOutputs} and {@link planOutputs}. */
export interface WriteOutputsOptions {
  /** Files this run reads (a values file): replacing or deleting one of them is refused. */
  readonly inputs?: readonly string[];
}

/** What {@link applyOutputs} will do in one directory: every check already passed. */
export interface OutputPlan {
  /** The output directory (absolute). */
  readonly root: string;
  /** Files of the previous run to delete (absolute; regular files, checked). */
  readonly remove: readonly string[];
  /** Relative path -> text to write, sorted by path. */
  readonly files: Readonly<Record<string, string>>;
  /** Relative paths the previous run wrote (kept in the marker until the new files are written). */
  readonly previous: readonly string[];
}

function lstat(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR')
      return undefined;
    throw fsError(err, file);
  }
}

function fsError(err: unknown, file: string): OutputDirError {
  const e = err as NodeJS.ErrnoException;
  return new OutputDirError(`cannot write ${file}: ${e.code ?? e.message}`);
}

function symlinkRefusal(root: string, file: string): OutputDirError {
  let target = '';
  try {
    target = ` (to ${fs.readlinkSync(file)})`;
  } catch {
    // Gone since the lstat: name it anyway.
  }
  return new OutputDirError(
    `refusing to write into ${root}: ${path.relative(root, file) || file} is a symbolic link${target}; ` +
      'cdk8s-headlamp never writes through links: remove it, or choose a new or empty directory',
  );
}

/**
 * A marker entry, if it is a plain relative path inside the directory: no absolute path, `..`, `.`, `\` or empty
 * segment.
 */
function isPlainRelative(rel: unknown): rel is string {
  if (typeof rel !== 'string' || rel === '' || rel.includes('\\') || rel.includes('\0') || path.isAbsolute(rel))
    return false;
  return rel.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..') && rel !== OUTPUT_MARKER;
}

/** The relative paths the marker lists, checked; [] when `root` has no marker and is empty. */
function previousFiles(root: string): string[] {
  const marker = path.join(root, OUTPUT_MARKER);
  const st = lstat(marker);
  if (!st) {
    const entries = fs.readdirSync(root);
    if (entries.length > 0) {
      throw new OutputDirError(
        `refusing to write into ${root}: it holds ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} ` +
          `that cdk8s-headlamp did not write (no ${OUTPUT_MARKER} file); choose a new or empty directory`,
      );
    }
    return [];
  }
  if (st.isSymbolicLink()) throw symlinkRefusal(root, marker);
  const notOurs = (why: string) =>
    new OutputDirError(
      `refusing to write into ${root}: ${OUTPUT_MARKER} ${why}, so it is not a file list ` +
        'cdk8s-headlamp wrote; if the directory is an old output, delete it yourself, or choose a new or empty ' +
        'directory',
    );
  if (!st.isFile() || st.size > MAX_MARKER_BYTES)
    throw notOurs(st.isFile() ? `is ${st.size} bytes` : 'is not a regular file');
  let list: unknown;
  try {
    list = (JSON.parse(fs.readFileSync(marker, 'utf8')) as { files?: unknown })?.files;
  } catch {
    throw notOurs('is not JSON');
  }
  if (!Array.isArray(list)) throw notOurs('has no "files" list');
  const bad = list.find((rel) => !isPlainRelative(rel));
  if (bad !== undefined) throw notOurs(`lists ${JSON.stringify(bad)}, not a plain path inside the directory`);
  return [...new Set(list as string[])];
}

/**
 * The relative paths the marker of `dir` lists, or [] when `dir` has no readable marker of ours (missing, foreign,
 * a link): what an earlier run wrote there. Never throws; {@link planOutputs} refuses such a directory itself.
 */
export function listedOutputs(dir: string): string[] {
  try {
    return lstat(path.join(dir, OUTPUT_MARKER)) ? previousFiles(path.resolve(dir)) : [];
  } catch {
    return [];
  }
}

/**
 * Checks the folders between `root` and `rel`'s file: each a real directory or missing. Returns the absolute
 * file path, or undefined when a folder on the way is missing or a plain file (nothing there to delete).
 */
function walk(root: string, rel: string): { file: string; complete: boolean } {
  const segs = rel.split('/');
  let dir = root;
  for (const seg of segs.slice(0, -1)) {
    dir = path.join(dir, seg);
    const st = lstat(dir);
    if (!st) return { file: path.join(root, rel), complete: false };
    if (st.isSymbolicLink()) throw symlinkRefusal(root, dir);
    if (!st.isDirectory()) {
      throw new OutputDirError(
        `refusing to write into ${root}: ${path.relative(root, dir)} is not a directory, and cdk8s-headlamp ` +
          `did not write it; remove it, or choose a new or empty directory`,
      );
    }
  }
  return { file: path.join(root, rel), complete: true };
}

/** Device and inode of each input (through links), to recognise it under any name. */
function inputIds(inputs: readonly string[]): Map<string, string> {
  const ids = new Map<string, string>();
  for (const input of inputs) {
    try {
      const st = fs.statSync(input);
      ids.set(`${st.dev}:${st.ino}`, input);
    } catch {
      // An input that cannot be stat'ed cannot be overwritten either.
    }
  }
  return ids;
}

/** Refuses `file` (an existing entry the run would delete or replace) unless it is a regular file and no input. */
function checkReplaceable(
  root: string,
  file: string,
  st: fs.Stats,
  inputs: Map<string, string>,
  verb = 'replace',
): void {
  if (st.isSymbolicLink()) throw symlinkRefusal(root, file);
  if (!st.isFile()) {
    throw new OutputDirError(
      `refusing to write into ${root}: ${path.relative(root, file)} is not a regular file (cdk8s-headlamp ` +
        'writes only files); remove it, or choose a new or empty directory',
    );
  }
  const input = inputs.get(`${st.dev}:${st.ino}`);
  if (input !== undefined) {
    throw new OutputDirError(
      `refusing to write into ${root}: ${path.relative(root, file)} is the file this run reads ` +
        `(${path.resolve(input)}), ` +
        `and this run would ${verb} it; keep that file outside the output directory, or choose another output ` +
        `directory`,
    );
  }
}

/**
 * Checks everything {@link applyOutputs} would touch in `dir`, writing nothing: the directory is new, empty or
 * ours, no symbolic link is on the way to any file, nothing it would replace is foreign or an input.
 */
export function planOutputs(dir: string, files: Record<string, string>, options: WriteOutputsOptions = {}): OutputPlan {
  const root = path.resolve(dir);
  const names = Object.keys(files).sort();
  const own = names.find((rel) => !isPlainRelative(rel));
  if (own !== undefined) throw new OutputDirError(`${JSON.stringify(own)}: not a plain path inside ${root}`);
  const st = lstat(root);
  if (!st) return { root, remove: [], files: Object.fromEntries(names.map((n) => [n, files[n]])), previous: [] };
  if (st.isSymbolicLink()) {
    throw new OutputDirError(
      `refusing to write into ${root}: it is a symbolic link (to ${fs.readlinkSync(root)}); give the real directory`,
    );
  }
  if (!st.isDirectory()) throw new OutputDirError(`${root} exists and is not a directory`);
  const inputs = inputIds(options.inputs ?? []);
  const previous = previousFiles(root);
  const marker = lstat(path.join(root, OUTPUT_MARKER));
  if (marker) checkReplaceable(root, path.join(root, OUTPUT_MARKER), marker, inputs);
  const remove: string[] = [];
  for (const rel of previous) {
    const { file, complete } = walk(root, rel);
    const fst = complete ? lstat(file) : undefined;
    if (!fst) continue;
    checkReplaceable(root, file, fst, inputs, rel in files ? 'replace' : 'delete');
    remove.push(file);
  }
  const prior = new Set(previous);
  for (const rel of names) {
    const { file, complete } = walk(root, rel);
    const fst = complete ? lstat(file) : undefined;
    if (!fst) continue;
    checkReplaceable(root, file, fst, inputs);
    if (!prior.has(rel)) {
      throw new OutputDirError(
        `refusing to write into ${root}: ${rel} exists and cdk8s-headlamp did not write it (${OUTPUT_MARKER} ` +
          'does not list it); move it away, or choose a new or empty directory',
      );
    }
  }
  return { root, remove, files: Object.fromEntries(names.map((n) => [n, files[n]])), previous };
}

/** Writes `text` as a new file: `wx` never follows a link and never opens an existing file. */
function createFile(file: string, text: string): void {
  try {
    fs.writeFileSync(file, text, { flag: 'wx' });
  } catch (err) {
    throw fsError(err, file);
  }
}

/** Replaces the marker in one step (a new file renamed over it), listing `names`. */
function writeMarker(root: string, names: readonly string[]): void {
  const tmp = path.join(root, `${OUTPUT_MARKER}.${process.pid}.tmp`);
  createFile(tmp, `${JSON.stringify({ files: names }, null, 2)}\n`);
  try {
    fs.renameSync(tmp, path.join(root, OUTPUT_MARKER));
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw fsError(err, path.join(root, OUTPUT_MARKER));
  }
}

/** Creates the folders of `file` below `root` (checked: missing or real directories). */
function makeParents(root: string, file: string): void {
  const missing: string[] = [];
  for (let d = path.dirname(file); d !== root && !lstat(d); d = path.dirname(d)) missing.unshift(d);
  for (const d of missing) {
    try {
      fs.mkdirSync(d);
    } catch (err) {
      throw fsError(err, d);
    }
  }
}

/**
 * Carries out a checked plan. The marker lists every file that may exist at each step (previous and new ones until
 * the new ones are written), so an interrupted run leaves a directory the next run still recognises as its own.
 * @returns the absolute paths written, sorted
 */
export function applyOutputs(plan: OutputPlan): string[] {
  const { root } = plan;
  const names = Object.keys(plan.files);
  try {
    fs.mkdirSync(root, { recursive: true });
  } catch (err) {
    throw fsError(err, root);
  }
  writeMarker(root, [...new Set([...plan.previous, ...names])].sort());
  for (const file of plan.remove) {
    fs.rmSync(file, { force: true });
    // Remove directories the run created, once empty (never the output directory itself, never through a link).
    for (let d = path.dirname(file); d !== root; d = path.dirname(d)) {
      const st = lstat(d);
      if (!st?.isDirectory() || fs.readdirSync(d).length > 0) break;
      fs.rmdirSync(d);
    }
  }
  for (const rel of names) {
    const file = path.join(root, rel);
    makeParents(root, file);
    createFile(file, plan.files[rel]);
  }
  writeMarker(root, names);
  return names.map((rel) => path.join(root, rel));
}

/**
 * Replaces the files the previous run wrote in `dir` with `files` (relative path -> text) and records them,
 * after checking everything ({@link planOutputs}).
 * @returns the absolute paths written, sorted
 */
export function writeOutputs(dir: string, files: Record<string, string>, options: WriteOutputsOptions = {}): string[] {
  return applyOutputs(planOutputs(dir, files, options));
}

/**
 * Every file under `dir` (relative path -> text, sorted), but the marker; `{}` when `dir` does not exist.
 * How scripts and tests read back what an app or a run wrote. A symbolic link is refused, never followed.
 */
export function readOutputs(dir: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {};
  if (!lstat(path.join(dir, rel))) return out;
  for (const e of fs
    .readdirSync(path.join(dir, rel), { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))) {
    const r = path.join(rel, e.name);
    if (e.isSymbolicLink())
      throw new OutputDirError(
        `${path.join(dir, r)} is a symbolic link; output is read without following links: remove it`,
      );
    if (e.isDirectory()) Object.assign(out, readOutputs(dir, r));
    else if (e.name !== OUTPUT_MARKER) out[r] = fs.readFileSync(path.join(dir, r), 'utf8');
  }
  return out;
}

/**
 * @internal Refuses a new file `file` written beside the outputs (the CLI's `--typescript`) whose way goes through a
 * symbolic link, as every output's does: inside `root`, each folder below it; elsewhere each folder of the path as
 * given below the working directory, and the file's own folder. The file itself must not exist (it is opened with
 * O_EXCL, which a dangling link also fails).
 */
export function refuseLinkedWay(file: string, root: string): void {
  const target = path.resolve(file);
  const inside = (base: string) => {
    const rel = path.relative(base, target);
    return !rel.startsWith('..') && !path.isAbsolute(rel);
  };
  const base = inside(root) ? root : inside(process.cwd()) ? process.cwd() : path.dirname(target);
  const dirs: string[] = [];
  for (let d = path.dirname(target); d !== base && d !== path.dirname(d); d = path.dirname(d)) dirs.unshift(d);
  for (const d of base === root ? dirs : [...dirs, path.dirname(target)]) {
    if (lstat(d)?.isSymbolicLink()) throw symlinkRefusal(base, d);
  }
}
