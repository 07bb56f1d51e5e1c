/**
 * Writes generated files into an output directory without ever deleting what cdk8s-headlamp did not write.
 * A directory is ours when it holds the marker file `.cdk8s-headlamp`, the list of files the last run wrote:
 * only those are replaced. A new or empty directory becomes ours; any other non-empty directory is refused.
 * Used by the CLI (`--out`), `npm run synth`, `npm run synth:helm` and {@link ApiServerAuthentication.writeAll}.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Name of the marker file listing what the last run wrote. */
export const OUTPUT_MARKER = '.cdk8s-headlamp';

/** A refusal to touch a directory; the CLI prints its message and exits 2. */
export class OutputDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputDirError';
  }
}

function previousFiles(dir: string): string[] {
  const marker = path.join(dir, OUTPUT_MARKER);
  if (fs.existsSync(marker)) {
    const list = (JSON.parse(fs.readFileSync(marker, 'utf8')) as { files?: unknown }).files;
    if (!Array.isArray(list)) throw new OutputDirError(`${marker} is not a cdk8s-headlamp file list: delete ${dir} yourself if it is output`);
    return list as string[];
  }
  const entries = fs.readdirSync(dir);
  if (entries.length > 0) {
    throw new OutputDirError(`refusing to write into ${dir}: it holds ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} ` +
      `that cdk8s-headlamp did not write (no ${OUTPUT_MARKER} file); choose a new or empty directory`);
  }
  return [];
}

/** A relative path inside the directory, or a refusal (no absolute paths, no `..`). */
function inside(dir: string, rel: string): string {
  const file = path.resolve(dir, rel);
  if (path.isAbsolute(rel) || !file.startsWith(`${path.resolve(dir)}${path.sep}`)) throw new OutputDirError(`${rel}: not a path inside ${dir}`);
  return file;
}

/**
 * Every file under `dir` (relative path -> text, sorted), but the marker; `{}` when `dir` does not exist.
 * How scripts and tests read back what an app or a run wrote.
 */
export function readOutputs(dir: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(path.join(dir, rel))) return out;
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const r = path.join(rel, e.name);
    if (e.isDirectory()) Object.assign(out, readOutputs(dir, r));
    else if (e.name !== OUTPUT_MARKER) out[r] = fs.readFileSync(path.join(dir, r), 'utf8');
  }
  return out;
}

/**
 * Replaces the files the previous run wrote in `dir` with `files` (relative path -> text) and records them.
 * @returns the absolute paths written, sorted
 */
export function writeOutputs(dir: string, files: Record<string, string>): string[] {
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw new OutputDirError(`${dir} exists and is not a directory`);
  fs.mkdirSync(dir, { recursive: true });
  const root = path.resolve(dir);
  for (const rel of previousFiles(dir)) {
    const file = inside(dir, rel);
    fs.rmSync(file, { force: true });
    // Remove directories the run created, once empty (never the output directory itself).
    for (let d = path.dirname(file); d !== root && fs.existsSync(d) && fs.readdirSync(d).length === 0; d = path.dirname(d)) fs.rmdirSync(d);
  }
  const names = Object.keys(files).sort();
  for (const rel of names) {
    const file = inside(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, files[rel]);
  }
  fs.writeFileSync(path.join(dir, OUTPUT_MARKER), `${JSON.stringify({ files: names }, null, 2)}\n`);
  return names.map((rel) => path.join(dir, rel));
}
