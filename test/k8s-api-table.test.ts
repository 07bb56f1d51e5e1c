// The Kubernetes API facts the library checks passthrough objects against (lib/core/k8s-api.ts), held against the
// pinned 1.28 and 1.35 OpenAPI definitions: every definition, required field, enum value and reference is there, and
// every field the table calls a list is an array.
import * as fs from 'node:fs';
import { K8S_API, K8sFieldType, META_DEFINITIONS } from '../lib/core/k8s-api';
import { K8S_VERSIONS } from './helpers/k8s-schema';
import { schemaFile } from './helpers/schema-files';

type Defs = Record<string, { required?: string[]; properties?: Record<string, any> }>;
const definitions = (version: string): Defs => {
  const json = JSON.parse(fs.readFileSync(schemaFile(`k8s-v${version}-definitions.json`), 'utf8'));
  return json.definitions ?? json;
};
const fullName = (name: string) =>
  `${META_DEFINITIONS.includes(name) ? 'io.k8s.apimachinery.pkg.apis.meta.v1' : 'io.k8s.api.core.v1'}.${name}`;
/** The definition a property holds: its $ref, or its items' $ref. */
const refOf = (p: any): string | undefined => (p?.$ref ?? p?.items?.$ref)?.replace('#/definitions/', '');
const KINDS: Record<K8sFieldType, (p: any) => boolean> = {
  string: (p) => p.type === 'string',
  integer: (p) => p.type === 'integer' && p.format === 'int32',
  list: (p) => p.type === 'array',
  map: (p) => refOf(p) !== undefined && p.type !== 'array',
  'int-or-string': (p) => refOf(p) === 'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
};

describe.each(K8S_VERSIONS)('the passthrough facts hold in Kubernetes %s', (version) => {
  const defs = definitions(version);

  test.each(Object.keys(K8S_API))('%s', (name) => {
    const def = K8S_API[name];
    const schema = defs[fullName(name)];
    expect(schema).toBeDefined();
    const problems: string[] = [];
    for (const [field, kind] of Object.entries(def.required ?? {})) {
      if (!schema.required?.includes(field)) problems.push(`${field} is not required`);
      if (!KINDS[kind](schema.properties?.[field] ?? {})) problems.push(`${field} does not hold ${kind}`);
    }
    for (const [field, values] of Object.entries(def.enums ?? {})) {
      const p = schema.properties?.[field];
      if (p?.type !== 'string') {
        problems.push(`${field} is not a string field`);
        continue;
      }
      // Values the description leaves to their Go type: it still names the default (`Defaults to HTTP`, `MountPropagationNone`).
      const named = def.goType?.[field] ? values.slice(0, 1) : values;
      const says = (v: string) =>
        (def.goType?.[field] ? new RegExp(`${v}\\b`) : new RegExp(`\\b${v}\\b`)).test(p.description ?? '');
      for (const v of named) if (!says(v)) problems.push(`${field}: ${v} is not named in the description`);
    }
    for (const [field, ref] of Object.entries(def.refs ?? {})) {
      if (refOf(schema.properties?.[field]) !== fullName(ref))
        problems.push(`${field} does not hold ${ref} (${refOf(schema.properties?.[field])})`);
      if (!K8S_API[ref]) problems.push(`${field}: ${ref} is not in the table`);
    }
    for (const field of def.lists ?? []) {
      if (schema.properties?.[field]?.type !== 'array')
        problems.push(`${field} is not a list (${schema.properties?.[field]?.type})`);
    }
    expect(problems).toEqual([]);
  });
});

test('an enum left to its Go type names the type, and only the two whose 1.28 description lists no values do', () => {
  const withGoType = Object.entries(K8S_API).flatMap(([name, d]) =>
    Object.keys(d.goType ?? {}).map((f) => `${name}.${f}`),
  );
  expect(withGoType.sort()).toEqual(['HTTPGetAction.scheme', 'VolumeMount.mountPropagation']);
});
