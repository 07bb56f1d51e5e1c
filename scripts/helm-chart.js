// Writes synthesized manifests as a static Helm chart: Chart.yaml (appVersion = the Headlamp version),
// an empty values.yaml, and one template per manifest file. Templates are the manifests verbatim, with any
// `{{` escaped so Helm renders them byte for byte. Shared by scripts/synth-helm.js and the helm tests.
const fs = require('node:fs');
const path = require('node:path');

/** Escapes Go-template delimiters so `helm template` prints the text unchanged. */
function escapeTemplate(text) {
  return text.replace(/\{\{|\}\}/g, (d) => `{{ "${d}" }}`);
}

/**
 * @param {string} dir chart directory (created, emptied first)
 * @param {{ name: string, version: string, appVersion: string, description: string }} meta
 * @param {Record<string, string>} manifests file name -> YAML text
 */
function writeChart(dir, meta, manifests) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'templates'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'Chart.yaml'), [
    'apiVersion: v2',
    `name: ${meta.name}`,
    `description: ${meta.description}`,
    'type: application',
    `version: ${meta.version}`,
    `appVersion: "${meta.appVersion}"`,
    '',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'values.yaml'), '# Rendered by cdk8s-headlamp: the templates are static; change the TypeScript and re-synth.\n');
  for (const [file, text] of Object.entries(manifests).sort()) {
    fs.writeFileSync(path.join(dir, 'templates', file), escapeTemplate(text));
  }
}

module.exports = { writeChart, escapeTemplate };
