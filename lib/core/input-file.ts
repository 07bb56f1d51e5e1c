// Reads a YAML or JSON file a person hands the CLI (a values file) into plain data, refusing hostile or wrong input by
// name.
import * as fs from 'node:fs';
import { parseDocument } from 'yaml';

/** A values file is a few kilobytes; one this large is the wrong file (or an attack on memory). */
export const MAX_INPUT_BYTES = 1024 * 1024;
/** YAML aliases may expand to at most this many nodes in all (a "billion laughs" file expands to billions). */
export const MAX_ALIAS_COUNT = 100;
/**
 * Kubernetes objects in a values file nest about a dozen levels; far deeper input is refused before anything recurses
 * into it.
 */
export const MAX_DEPTH = 64;

/**
 * A file that cannot be used: `unreadable` (missing, a directory, no permission; the CLI exits 2) or its content is
 * wrong (the CLI exits 1). The message is one line that starts with the file name.
 */
export class InputFileError extends Error {
  constructor(
    message: string,
    public readonly unreadable = false,
  ) {
    super(message);
    this.name = 'InputFileError';
  }
}

/** Options of {@link readYamlMapping}. */
export interface ReadYamlMappingOptions {
  /** What the file holds, for messages: `values file`. */
  readonly what: string;
  /** What the mapping is expected to hold, for messages: `keys such as namespace and host (docs/values.md)`. */
  readonly expected: string;
  /** An empty file (or only comments) means `{}`, as Helm reads an empty values file; otherwise it is an error. */
  readonly emptyIsEmptyMapping?: boolean;
}

function readBounded(file: string, what: string): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputFileError(
      `cannot read ${what} ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? (err as Error).message)}`,
      true,
    );
  }
  try {
    if (fs.fstatSync(fd).isDirectory())
      throw new InputFileError(`cannot read ${what} ${file}: it is a directory`, true);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > MAX_INPUT_BYTES) {
        throw new InputFileError(
          `${file}: larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB; a ${what} is a few kilobytes of YAML or ` +
            `JSON: check the file name`,
        );
      }
      chunks.push(chunk.subarray(0, n));
    }
    return Buffer.concat(chunks);
  } catch (err) {
    if (err instanceof InputFileError) throw err;
    throw new InputFileError(
      `cannot read ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      true,
    );
  } finally {
    fs.closeSync(fd);
  }
}

/** The text of a UTF-8 file (BOM dropped), or a refusal naming the first byte that is not UTF-8 text. */
function decode(file: string, bytes: Buffer): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new InputFileError(`${file}: UTF-16 text; save it as UTF-8`);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new InputFileError(`${file}: a NUL byte at offset ${nul}: a binary file, not YAML or JSON text`);
  const text = bytes.toString('utf8');
  const again = Buffer.from(text, 'utf8');
  if (!again.equals(bytes)) {
    // U+FFFD replaced the first invalid sequence: the bytes agree up to there.
    let at = 0;
    while (at < bytes.length && bytes[at] === again[at]) at++;
    const line = bytes.subarray(0, at).toString('utf8').split('\n').length;
    throw new InputFileError(
      `${file}:${line}: not UTF-8 text (byte 0x${bytes[at].toString(16).padStart(2, '0')} at offset ${at}); save ` +
        `it as UTF-8`,
    );
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** How deep `value` nests (iteratively: the check itself must not overflow the stack). */
function depthOf(value: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > max) max = d;
    if (max > MAX_DEPTH) return max;
    for (const child of Object.values(v as object)) stack.push([child, d + 1]);
  }
  return max;
}

/** What a file holds instead of a mapping; never the value itself (the wrong file may be a token or a key). */
function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return `a single ${typeof value} (${String(value).length} characters, not shown)`;
}

/** Parses YAML text into plain data; problems name the file, line and column. */
function parse(file: string, text: string): { value: unknown; empty: boolean } {
  const doc = parseDocument(text, { uniqueKeys: true });
  const e = doc.errors[0];
  if (e) {
    const where = e.linePos?.[0] ? `:${e.linePos[0].line}:${e.linePos[0].col}` : '';
    const message =
      e.code === 'MULTIPLE_DOCS'
        ? "more than one YAML document (a second '---'); keep one mapping per file"
        : /call stack/i.test(e.message)
          ? `nested too deeply (more than ${MAX_DEPTH} levels)`
          : e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new InputFileError(`${file}${where}: not valid YAML: ${message}`);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    if (err instanceof ReferenceError && /alias/i.test(err.message)) {
      throw new InputFileError(
        `${file}: YAML aliases (*name) expand to more than ${MAX_ALIAS_COUNT} nodes, as in a "billion ` +
          'laughs" attack; write the values out instead of repeating anchors',
      );
    }
    if (err instanceof RangeError)
      throw new InputFileError(`${file}: nested too deeply (more than ${MAX_DEPTH} levels)`);
    throw err;
  }
  return { value, empty: doc.contents === null };
}

/**
 * Reads `file` as one YAML (or JSON) mapping. Refused with an {@link InputFileError} naming the file and what is
 * wrong: unreadable, over {@link MAX_INPUT_BYTES}, binary or not UTF-8, not valid YAML, several documents, aliases
 * expanding past {@link MAX_ALIAS_COUNT} nodes, nesting past {@link MAX_DEPTH}, or not a mapping (a list, a scalar,
 * an empty file unless `emptyIsEmptyMapping`).
 */
export function readYamlMapping(file: string, options: ReadYamlMappingOptions): Record<string, unknown> {
  const { value, empty } = parse(file, decode(file, readBounded(file, options.what)));
  if (empty || value === undefined) {
    if (options.emptyIsEmptyMapping) return {};
    throw new InputFileError(
      `${file}: no YAML content (the file is empty or only comments); a ${options.what} is a mapping ` +
        `of ${options.expected}`,
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputFileError(`${file}: holds ${kindOf(value)}; a ${options.what} is a mapping of ${options.expected}`);
  }
  const depth = depthOf(value);
  if (depth > MAX_DEPTH) throw new InputFileError(`${file}: nested too deeply (more than ${MAX_DEPTH} levels)`);
  return value as Record<string, unknown>;
}
