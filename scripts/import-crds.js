#!/usr/bin/env node
// Regenerates imports/ (typed L1 classes for the Traefik and Gateway API CRDs) with `cdk8s import`.
// CRDs come from $HEADLAMP_SCHEMAS_DIR, ../shared/crds, .cache/schemas (npm run fetch-schemas), in that order.
// The two Traefik CRDs are imported together so they share one module, imports/traefik.io.ts.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dirs = [process.env.HEADLAMP_SCHEMAS_DIR, path.join(root, '..', 'shared', 'crds'), path.join(root, '.cache', 'schemas')]
  .filter(Boolean);

function find(name) {
  for (const dir of dirs) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) return file;
  }
  console.error(`${name} not found in ${dirs.join(', ')}; run npm run fetch-schemas first`);
  process.exit(1);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crds-'));
const traefik = path.join(tmp, 'traefik.yaml');
fs.writeFileSync(traefik, [find('traefik.io_middlewares.yaml'), find('traefik.io_ingressroutes.yaml')]
  .map((f) => fs.readFileSync(f, 'utf8').replace(/^---\n/, '')).join('\n---\n'));
const cli = path.join(root, 'node_modules', '.bin', 'cdk8s');
const env = { ...process.env, CDK8S_CHECK_UPGRADE: 'false' };
for (const file of [traefik, find('gateway.networking.k8s.io_httproutes.yaml')]) {
  execFileSync(cli, ['import', file, '--output', 'imports', '--language', 'typescript'], { cwd: root, stdio: 'inherit', env });
}
fs.rmSync(tmp, { recursive: true, force: true });
