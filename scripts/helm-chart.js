// Turns synthesized manifests into a static Helm chart: Chart.yaml (appVersion = the Headlamp version),
// a values.yaml that says the templates are static, and one template per manifest file. Templates are the
// manifests verbatim, with any `{{` escaped so Helm renders them byte for byte. Shared by
// scripts/synth-helm.js, the CLI's --helm and the helm tests; lib/core/output-dir.ts writes the files.

/** Escapes Go-template delimiters so `helm template` prints the text unchanged. */
function escapeTemplate(text) {
  return text.replace(/\{\{|\}\}/g, (d) => `{{ "${d}" }}`);
}

/**
 * @param {{ name: string, version: string, appVersion: string, description: string }} meta
 * @param {Record<string, string>} manifests file name -> YAML text
 * @returns {Record<string, string>} chart-relative path -> text
 */
function chartFiles(meta, manifests) {
  const files = {
    'Chart.yaml': [
      'apiVersion: v2',
      `name: ${meta.name}`,
      `description: ${meta.description}`,
      'type: application',
      `version: ${meta.version}`,
      `appVersion: "${meta.appVersion}"`,
      '',
    ].join('\n'),
    'values.yaml': '# Rendered by cdk8s-headlamp: the templates are static; change the TypeScript and re-synth.\n',
  };
  for (const [file, text] of Object.entries(manifests).sort()) files[`templates/${file}`] = escapeTemplate(text);
  return files;
}

module.exports = { chartFiles, escapeTemplate };
