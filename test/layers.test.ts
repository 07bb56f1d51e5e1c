/**
 * The layout of lib/ (docs/contributing.md, "Layout"): each layer folder imports only from itself and the layers below it, no
 * import circle, only index.ts at the top, every file opens with a line on what it is for, and nothing grows past
 * the size a reader takes in at once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const LIB = path.join(__dirname, '..', 'lib');
/** Bottom to top: a file may import from its own layer and the layers before it. */
const LAYERS = ['core', 'auth', 'deployment', 'routes', 'access', 'chart'];

function libFiles(dir = LIB): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? libFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
    );
}

function relativeImports(file: string): string[] {
  const src = fs.readFileSync(file, 'utf8');
  return [...src.matchAll(/^(?:import|export)\b[^;]*?from '(\.{1,2}\/[^']+)'/gms)]
    .map((m) => path.resolve(path.dirname(file), m[1]) + '.ts')
    .filter((target) => target.startsWith(LIB + path.sep));
}

const layerOf = (file: string) => path.relative(LIB, file).split(path.sep)[0];
const files = libFiles();

test('only index.ts sits at the top of lib/; every other file is in a layer folder', () => {
  const stray = files.filter((f) => path.dirname(f) === LIB && path.basename(f) !== 'index.ts');
  expect(stray).toEqual([]);
  expect(
    files
      .filter((f) => path.dirname(f) !== LIB)
      .map(layerOf)
      .filter((l) => !LAYERS.includes(l)),
  ).toEqual([]);
});

test('no import runs from a lower layer to a higher one', () => {
  const upward = files
    .filter((f) => path.dirname(f) !== LIB)
    .flatMap((f) =>
      relativeImports(f)
        .filter((t) => path.dirname(t) === LIB || LAYERS.indexOf(layerOf(t)) > LAYERS.indexOf(layerOf(f)))
        .map((t) => `${path.relative(LIB, f)} -> ${path.relative(LIB, t)}`),
    );
  expect(upward).toEqual([]);
});

test('no import circle in lib/', () => {
  const graph = new Map(files.map((f) => [f, relativeImports(f)]));
  const state = new Map<string, 'open' | 'done'>();
  const circles: string[] = [];
  const visit = (f: string, trail: string[]) => {
    if (state.get(f) === 'done') return;
    if (state.get(f) === 'open') {
      circles.push([...trail.slice(trail.indexOf(f)), f].map((x) => path.relative(LIB, x)).join(' -> '));
      return;
    }
    state.set(f, 'open');
    for (const t of graph.get(f) ?? []) visit(t, [...trail, f]);
    state.set(f, 'done');
  };
  for (const f of files) visit(f, []);
  expect(circles).toEqual([]);
});

test('every file in lib/ opens with one line on what it is for', () => {
  const silent = files.filter((f) => !/^(\/\/ |\/\*\*?\s)/.test(fs.readFileSync(f, 'utf8')));
  expect(silent.map((f) => path.relative(LIB, f))).toEqual([]);
});

test('no function, method, constructor or schema in lib/ is over 100 lines, and no file over 500', () => {
  // The TypeScript parser (a devDependency) measures every function-like node with a body.
  const ts: typeof import('typescript') = require('typescript');
  const long: string[] = [];
  for (const f of files) {
    const src = fs.readFileSync(f, 'utf8');
    const rel = path.relative(LIB, f);
    if (src.split('\n').length > 500) long.push(`${rel}: ${src.split('\n').length} lines`);
    const sf = ts.createSourceFile(f, src, ts.ScriptTarget.ES2022, true);
    const visit = (n: import('typescript').Node): void => {
      if (ts.isFunctionLike(n) && 'body' in n && n.body) {
        const lines =
          sf.getLineAndCharacterOfPosition(n.end).line - sf.getLineAndCharacterOfPosition(n.getStart()).line + 1;
        if (lines > 100) long.push(`${rel}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}: ${lines} lines`);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  expect(long).toEqual([]);
});

/**
 * Prettier (printWidth 120) breaks code but not comments or string literals: this holds those to 120 columns too.
 */
test('no line of lib/ is over 120 characters', () => {
  const long = files
    .map((f) => path.relative(LIB, f))
    .flatMap((rel) =>
      fs
        .readFileSync(path.join(LIB, rel), 'utf8')
        .split('\n')
        .flatMap((line, i) => ([...line].length > 120 ? [`${rel}:${i + 1}: ${[...line].length} characters`] : [])),
    );
  expect(long).toEqual([]);
});
