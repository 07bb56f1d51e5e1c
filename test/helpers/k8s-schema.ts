/**
 * Strict validation of synthesized objects against the Kubernetes OpenAPI definitions and CRD schemas.
 *
 * Stricter than the API server on purpose: an object with `properties` gets `additionalProperties: false`
 * (the server silently drops unknown fields, so a typo'd field is a silent bug), and `metadata.name` is
 * required. Nulls count as absent. Reusable by every topology's tests.
 */
import Ajv, { ValidateFunction } from 'ajv';
import * as fs from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { schemaFile } from './schema-files';

/** Kubernetes versions every object must validate against. */
export const K8S_VERSIONS = ['1.28.0', '1.35.0'] as const;

/** CRD files whose kinds the validator knows: Traefik v3.7.9, Gateway API v1.6.0, Prometheus Operator v0.93.0. */
const CRD_FILES = [
  'traefik.io_middlewares.yaml',
  'traefik.io_ingressroutes.yaml',
  'gateway.networking.k8s.io_httproutes.yaml',
  'monitoring.coreos.com_podmonitors.yaml',
  'monitoring.coreos.com_servicemonitors.yaml',
];

/** Adds `additionalProperties: false` wherever an object schema lists properties and allows no extras itself. */
function closeObjects(node: any): any {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (node === null || typeof node !== 'object') return node;
  const out: any = {};
  for (const [k, v] of Object.entries(node))
    out[k] = k === 'enum' || k === 'default' || k === 'example' ? v : closeObjects(v);
  if (out['x-kubernetes-int-or-string']) {
    delete out.type;
    if (!out.anyOf) out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (out.properties && out.additionalProperties === undefined && !out['x-kubernetes-preserve-unknown-fields']) {
    out.additionalProperties = false;
  }
  return out;
}

function stripNulls(value: any): any {
  if (Array.isArray(value)) return value.map(stripNulls);
  if (value === null || typeof value !== 'object') return value;
  const out: any = {};
  for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = stripNulls(v);
  return out;
}

function apiVersionOf(gvk: { group: string; version: string }): string {
  return gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
}

interface Registry {
  readonly ajv: Ajv;
  /** `apiVersion|kind` -> schema reference. */
  readonly refs: Map<string, string>;
  readonly compiled: Map<string, ValidateFunction>;
}

const registries = new Map<string, Registry>();

function k8sRegistry(version: string): Registry {
  let reg = registries.get(version);
  if (reg) return reg;
  const defs = JSON.parse(fs.readFileSync(schemaFile(`k8s-v${version}-definitions.json`), 'utf8')).definitions;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: 'k8s', definitions: closeObjects(defs) });
  const refs = new Map<string, string>();
  for (const [name, def] of Object.entries<any>(defs)) {
    for (const gvk of def['x-kubernetes-group-version-kind'] ?? []) {
      refs.set(`${apiVersionOf(gvk)}|${gvk.kind}`, `k8s#/definitions/${name}`);
    }
  }
  for (const file of CRD_FILES) {
    for (const doc of parseAllDocuments(fs.readFileSync(schemaFile(file), 'utf8'))) {
      const crd = doc.toJS();
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      for (const v of crd.spec.versions) {
        const id = `crd:${crd.spec.group}/${v.name}/${crd.spec.names.kind}`;
        ajv.addSchema(closeObjects(v.schema.openAPIV3Schema), id);
        refs.set(`${crd.spec.group}/${v.name}|${crd.spec.names.kind}`, id);
      }
    }
  }
  reg = { ajv, refs, compiled: new Map() };
  registries.set(version, reg);
  return reg;
}

/** Problems of one object against one Kubernetes version's schema (empty when valid). */
export function validateObject(obj: any, version: string = K8S_VERSIONS[0]): string[] {
  const id = `${obj?.kind} ${obj?.metadata?.namespace ?? ''}/${obj?.metadata?.name ?? '<no name>'}`;
  if (!obj?.metadata?.name) return [`${id}: metadata.name is missing`];
  const reg = k8sRegistry(version);
  const key = `${obj.apiVersion}|${obj.kind}`;
  const ref = reg.refs.get(key);
  if (!ref) return [`${id}: ${obj.apiVersion} ${obj.kind} is not a kind of Kubernetes ${version} or a known CRD`];
  let validate = reg.compiled.get(ref);
  if (!validate) {
    validate = reg.ajv.getSchema(ref)!;
    reg.compiled.set(ref, validate);
  }
  if (validate(stripNulls(obj))) return [];
  return (validate.errors ?? []).map((e) => {
    const extra = e.keyword === 'additionalProperties' ? ` '${(e.params as any).additionalProperty}'` : '';
    return `${id} (k8s ${version}): ${e.instancePath || '/'} ${e.message}${extra}`;
  });
}

/** Problems of every object against every supported Kubernetes version. */
export function validateAll(objects: any[]): string[] {
  return K8S_VERSIONS.flatMap((v) => objects.flatMap((o) => validateObject(o, v)));
}
