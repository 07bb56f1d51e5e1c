// Every auth topology has a whole-program ```ts snippet in the README or a guide in docs/ (scripts/consumer-check.js
// compiles and runs each in an empty cdk8s project in CI), and every synth-time secret a snippet reads is one
// consumer-check provides.
import * as fs from 'node:fs';
import * as path from 'node:path';

const { docFiles, docText, docSnippets } = require('../scripts/doc-snippets');
/** README.md and docs/*.md, one after the other. */
const readme: string = docFiles().map(docText).join('\n');
/** The ```ts blocks, as consumer-check reads them. */
const snippets: string[] = docSnippets().map((s: { code: string }) => s.code);
/** The ```ts blocks under one `###` heading. */
const inSection = (heading: string) => {
  const start = readme.indexOf(`\n### ${heading}\n`);
  const end = readme.slice(start + 1).search(/\n##+ /);
  return [...readme.slice(start, end < 0 ? undefined : start + 1 + end).matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map(
    (m) => m[1],
  );
};

test.each<[string, string, RegExp[]]>([
  ['token login', 'Service-account token', []],
  ['OIDC', 'OIDC', [/HeadlampAuth\.oidc\(/]],
  [
    'basic auth hashed at synth time',
    'Basic auth at the ingress',
    [/new BasicAuthIngress\(/, /BasicAuthCredentials\.hashAtSynth\(/],
  ],
  [
    'oauth2-proxy as reverse proxy',
    'oauth2-proxy in front: two modes',
    [/new OAuth2ProxyFrontend\(/, /OAuth2ProxyMode\.REVERSE_PROXY/],
  ],
  [
    'oauth2-proxy forward-auth (identity-aware proxy)',
    'oauth2-proxy in front: two modes',
    [/HeadlampAuth\.identityAwareProxy\(\)/, /OAuth2ProxyMode\.FORWARD_AUTH/],
  ],
])('%s: a whole program in its section', (_topology, heading, uses) => {
  const programs =
    heading === 'Service-account token'
      ? snippets.filter((s) => /new HeadlampChart\(|new LoginServiceAccount\(/.test(s))
      : inSection(heading);
  const matching = programs.filter((s) => uses.every((re) => re.test(s)));
  expect(matching.length).toBeGreaterThan(0);
  for (const s of matching) expect(s).toMatch(/^import [\s\S]*from 'cdk8s-headlamp';[\s\S]*app\.synth\(\);/);
});

test('every SynthTimeSecret.fromEnv a snippet reads is set by consumer-check when it runs the snippets', () => {
  const read = new Set(
    snippets.flatMap((s) => [...s.matchAll(/SynthTimeSecret\.fromEnv\('([A-Z0-9_]+)'\)/g)].map((m) => m[1])),
  );
  const check = fs.readFileSync(path.join(__dirname, '..', 'scripts', 'consumer-check.js'), 'utf8');
  const given = check.match(/const SNIPPET_SECRETS = \{([^}]*)\}/)![1];
  expect([...read].filter((name) => !new RegExp(`\\b${name}:`).test(given))).toEqual([]);
  expect(read.size).toBeGreaterThan(0);
});
