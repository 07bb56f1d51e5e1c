#!/usr/bin/env node
// Regenerates imports/ (typed L1 classes for the Traefik and Gateway API CRDs) with `cdk8s import`, from the
// pinned CRD files (scripts/pinned-files.js: $HEADLAMP_SCHEMAS_DIR, ../shared, or downloaded once).
// The two Traefik CRDs are imported together so they share one module, imports/traefik.io.ts.
// `cdk8s import` appends each source to cdk8s.yaml's `imports:`; the file is restored afterwards so it
// never records machine paths.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensurePinned } = require('./pinned-files');

const root = path.resolve(__dirname, '..');

async function main() {
  const files = await ensurePinned();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crds-'));
  const traefik = path.join(tmp, 'traefik.yaml');
  fs.writeFileSync(traefik, [files['traefik.io_middlewares.yaml'], files['traefik.io_ingressroutes.yaml']]
    .map((f) => fs.readFileSync(f, 'utf8').replace(/^---\n/, '')).join('\n---\n'));
  const cli = path.join(root, 'node_modules', '.bin', 'cdk8s');
  const env = { ...process.env, CDK8S_CHECK_UPGRADE: 'false' };
  const config = path.join(root, 'cdk8s.yaml');
  const before = fs.readFileSync(config, 'utf8');
  try {
    for (const file of [traefik, files['gateway.networking.k8s.io_httproutes.yaml']]) {
      execFileSync(cli, ['import', file, '--output', 'imports', '--language', 'typescript'], { cwd: root, stdio: 'inherit', env });
    }
  } finally {
    fs.writeFileSync(config, before);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
