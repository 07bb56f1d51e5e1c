#!/usr/bin/env node
// After `tsc`: makes dist/lib/index.js load each module on first use of one of its exports. tsc emits
// `var m = require('./m')` for every re-export, so `require('cdk8s-headlamp')` would load the whole library (the
// migration, the values format, basic auth, ...) even for an app that uses HeadlampChart alone. The getters tsc
// writes stay; they call `require` themselves (cached by Node after the first call). Idempotent.
const fs = require('node:fs');
const path = require('node:path');

const file = path.resolve(__dirname, '..', 'dist', 'lib', 'index.js');
let js = fs.readFileSync(file, 'utf8');
const modules = {};
js = js.replace(/^var (\w+) = require\(("[^"]+")\);\n/gm, (_, name, spec) => {
  modules[name] = spec;
  return '';
});
for (const [name, spec] of Object.entries(modules)) {
  js = js.split(`return ${name}.`).join(`return require(${spec}).`);
}
if (/^var \w+ = require\(/m.test(js) || /__exportStar/.test(js))
  throw new Error('dist/lib/index.js: an eager require is left; use named re-exports in lib/index.ts');
fs.writeFileSync(file, js);
