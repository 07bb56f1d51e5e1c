// The documentation a user reads: a README of at most 25 KB that links every guide, a table of contents in each
// long guide, and no relative link (file or #anchor) that leads nowhere.
import * as fs from 'node:fs';
import * as path from 'node:path';

const { docFiles, docText } = require('../scripts/doc-snippets');
const ROOT = path.resolve(__dirname, '..');
const files: string[] = docFiles();
const guides = files.filter((f) => f.startsWith('docs/'));

/** GitHub's anchor of a heading: lower case, punctuation dropped but `-` and `_`, spaces as `-`; repeats numbered. */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  let inCode = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) inCode = !inCode;
    const m = !inCode && /^#{1,6} (.*)$/.exec(line);
    if (!m) continue;
    const slug = m[1]
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}_\- ]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return out;
}

test('the README is at most 25 KB and links every guide', () => {
  const readme = docText('README.md');
  expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(25 * 1024);
  expect(guides.filter((g) => !readme.includes(`](${g})`))).toEqual([]);
  expect(guides.length).toBeGreaterThanOrEqual(8);
});

test('each guide over 10 KB has a table of contents naming every ## section', () => {
  const missing = guides
    .filter((g) => Buffer.byteLength(docText(g)) > 10 * 1024)
    .flatMap((g) => {
      const text: string = docText(g);
      const toc = text.split('\n## Contents\n')[1]?.split('\n## ')[0] ?? '';
      const sections = [...text.matchAll(/^## (.*)$/gm)].map((m) => m[1]).filter((h) => h !== 'Contents');
      return sections.filter((h) => !toc.includes(`[${h.replace(/`/g, '')}](#`)).map((h) => `${g}: ${h}`);
    });
  expect(missing).toEqual([]);
});

test('every relative link leads to a file, and every #anchor to a heading', () => {
  const broken: string[] = [];
  for (const file of files) {
    const text: string = docText(file);
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target)) continue;
      const [rel, anchor] = target.split('#');
      const dest = rel ? path.join(path.dirname(file), rel) : file;
      // The API reference is generated (docs/API.md) by the jsii build; the link is checked once it exists.
      if (dest === path.join('docs', 'API.md') && !fs.existsSync(path.join(ROOT, dest))) continue;
      if (!fs.existsSync(path.join(ROOT, dest))) broken.push(`${file}: ${target}`);
      else if (anchor && dest.endsWith('.md') && !anchors(docText(dest)).has(anchor)) broken.push(`${file}: ${target}`);
    }
  }
  expect(broken).toEqual([]);
});
