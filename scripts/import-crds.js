#!/usr/bin/env node
// Regenerates imports/ (typed L1 classes for the Traefik, Gateway API and Prometheus Operator CRDs) with `cdk8s import`,
// from the pinned CRD files (scripts/pinned-files.js: $HEADLAMP_SCHEMAS_DIR, ../shared, or downloaded once).
// CRDs of one API group are imported together so they share one module: imports/traefik.io.ts (Middleware,
// IngressRoute), imports/monitoring.coreos.com.ts (PodMonitor, ServiceMonitor).
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
  // One file per API group, its CRDs as YAML documents.
  const group = (name, crds) => {
    const file = path.join(tmp, `${name}.yaml`);
    fs.writeFileSync(
      file,
      crds.map((crd) => fs.readFileSync(files[crd], 'utf8').replace(/^---\n/, '')).join('\n---\n'),
    );
    return file;
  };
  const traefik = group('traefik', ['traefik.io_middlewares.yaml', 'traefik.io_ingressroutes.yaml']);
  const monitoring = group('monitoring', [
    'monitoring.coreos.com_podmonitors.yaml',
    'monitoring.coreos.com_servicemonitors.yaml',
  ]);
  const cli = path.join(root, 'node_modules', '.bin', 'cdk8s');
  const env = { ...process.env, CDK8S_CHECK_UPGRADE: 'false' };
  const config = path.join(root, 'cdk8s.yaml');
  const before = fs.readFileSync(config, 'utf8');
  try {
    for (const file of [traefik, files['gateway.networking.k8s.io_httproutes.yaml'], monitoring]) {
      execFileSync(cli, ['import', file, '--output', 'imports', '--language', 'typescript'], {
        cwd: root,
        stdio: 'inherit',
        env,
      });
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
