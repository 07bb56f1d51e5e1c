// Writes generated files into an output directory without ever deleting what cdk8s-headlamp did not write.
// A directory is ours when it holds the marker file `.cdk8s-headlamp`, the list of files the last run wrote:
// only those are replaced. A new or empty directory becomes ours; any other non-empty directory is refused.
// Used by the CLI (`--out`), `npm run synth` and `npm run synth:helm`.
const fs = require('node:fs');
const path = require('node:path');

const MARKER = '.cdk8s-headlamp';

/** A refusal to touch a directory; the CLI prints its message and exits 2. */
class OutDirError extends Error {}

function previousFiles(dir) {
  const marker = path.join(dir, MARKER);
  if (fs.existsSync(marker)) {
    const list = JSON.parse(fs.readFileSync(marker, 'utf8')).files;
    if (!Array.isArray(list)) throw new OutDirError(`${marker} is not a cdk8s-headlamp file list: delete ${dir} yourself if it is output`);
    return list;
  }
  const entries = fs.readdirSync(dir);
  if (entries.length > 0) {
    throw new OutDirError(`refusing to write into ${dir}: it holds ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} ` +
      `that cdk8s-headlamp did not write (no ${MARKER} file); choose a new or empty directory`);
  }
  return [];
}

/** A relative path inside the directory, or a refusal (no absolute paths, no `..`). */
function inside(dir, rel) {
  const file = path.resolve(dir, rel);
  if (path.isAbsolute(rel) || !file.startsWith(`${path.resolve(dir)}${path.sep}`)) {
    throw new OutDirError(`${rel}: not a path inside ${dir}`);
  }
  return file;
}

/**
 * Replaces the files the previous run wrote in `dir` with `files` (relative path -> text) and records them.
 * @returns the absolute paths written, sorted
 */
function writeOutputs(dir, files) {
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw new OutDirError(`${dir} exists and is not a directory`);
  fs.mkdirSync(dir, { recursive: true });
  for (const rel of previousFiles(dir)) {
    const file = inside(dir, rel);
    fs.rmSync(file, { force: true });
    // Remove directories the run created, once empty (never the output directory itself).
    for (let d = path.dirname(file); d !== path.resolve(dir) && fs.existsSync(d) && fs.readdirSync(d).length === 0; d = path.dirname(d)) {
      fs.rmdirSync(d);
    }
  }
  const names = Object.keys(files).sort();
  for (const rel of names) {
    const file = inside(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, files[rel]);
  }
  fs.writeFileSync(path.join(dir, MARKER), `${JSON.stringify({ files: names }, null, 2)}\n`);
  return names.map((rel) => path.join(dir, rel));
}

module.exports = { MARKER, OutDirError, writeOutputs };
